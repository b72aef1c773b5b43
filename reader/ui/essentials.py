"""The reading essentials' actions on the reader screen: find, back/forward, notes, copy.

A mixin of :class:`~reader.ui.reader_screen.ReaderScreen`, so the key
bindings in :mod:`reader.ui.keys` reach these actions by name; each only
hands over to the helper that owns the feature.
"""

from __future__ import annotations

from reader.ui.find_actions import FindActions
from reader.ui.find_bar import FindBar
from reader.ui.jumps import Jumps
from reader.ui.passage_actions import PassageActions
from reader.ui.session_keeper import SessionKeeper


class EssentialsActions:
    """Find, Back/Forward, the remembered session, notes and copying, as screen actions."""

    finder: FindActions
    jumps: Jumps
    passages: PassageActions
    sessions: SessionKeeper

    def action_find(self) -> None:
        """Open the find bar."""
        self.finder.open()

    async def action_back(self) -> None:
        """Return to where the reader was before the last jump."""
        await self.jumps.back()

    async def action_forward(self) -> None:
        """Undo a Back."""
        await self.jumps.forward()

    def action_mark(self) -> None:
        """Mark the quote or sentence at the cursor, with an optional note."""
        self.passages.mark()

    def action_notes(self) -> None:
        """List the notes; Enter jumps to one."""
        self.passages.notes()

    def action_copy(self) -> None:
        """Copy the quote at the cursor with its attribution (or the sentence there)."""
        self.passages.copy()

    def on_find_bar_submitted(self, event: FindBar.Submitted) -> None:
        event.stop()
        self.finder.submitted(event)

    def on_find_bar_closed(self, event: FindBar.Closed) -> None:
        event.stop()
        self.finder.close()

    def on_unmount(self) -> None:
        self.sessions.save()
