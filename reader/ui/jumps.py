"""Back and forward on the reader screen: recording jumps and showing a remembered place.

Every jump (a mention, a find match, a quote, the article picker, a note, a
story) runs inside :meth:`Jumps.recording`, which records where the reader was
just before and where the jump landed in a :class:`~reader.history.History`.
Back and Forward show a recorded :class:`~reader.history.Place` again: the
articles in their columns, each scrolled so its anchor is the top line, the
focused column and the selected entity. The remembered session is shown the
same way (:mod:`reader.ui.session_keeper`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from reader.history import History, Place
from reader.navigation import MentionIndex
from reader.ui.selection import Selection

if TYPE_CHECKING:
    from reader.ui.reader_screen import ReaderScreen


class Jumps:
    """The reader screen's history of places, and the target of the last jump."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen
        self.history = History()
        #: ``(article id, offset)`` the last jump went to (a mention, a match, a quote).
        self.target: tuple[str, int] | None = None
        self._depth = 0

    def place(self) -> Place:
        """Where the reader is now: columns, their top offsets, focus, selected entity."""
        screen = self.screen
        shown = [
            (column.article.id, column.view.top_offset())
            for column in screen.column_widgets
            if column.article is not None
        ]
        focused = max(0, min(screen.deck.focused_number() - 1, len(shown) - 1))
        return Place(
            tuple(a for a, _ in shown), tuple(o for _, o in shown), focused, screen.selected
        )

    @contextmanager
    def recording(self) -> Iterator[None]:
        """Record the jump made inside the ``with`` block (nested blocks record once)."""
        before = self.place() if self._depth == 0 else None
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        if before is not None:
            self.history.record(self.place(), leaving=before)

    def landed(self, article_id: str, offset: int) -> None:
        """Note that a jump went to ``offset`` of ``article_id`` (what ``m`` and ``y`` act on)."""
        self.target = (article_id, offset)

    async def back(self) -> None:
        """Show the place before the last jump."""
        place = self.history.back(leaving=self.place())
        if place is None:
            self.screen.notify("Nothing to go back to", timeout=2, markup=False)
            return
        await self.show(place)

    async def forward(self) -> None:
        """Show the place Back left."""
        place = self.history.forward(leaving=self.place())
        if place is None:
            self.screen.notify("Nothing to go forward to", timeout=2, markup=False)
            return
        await self.show(place)

    async def show(self, place: Place) -> None:
        """Show ``place`` (without recording it): columns, scroll anchors, focus, entity."""
        screen = self.screen
        fitted = place.fitted({a.id: a.text for a in screen.articles})
        if fitted is None:
            return
        await screen.set_column_count(len(fitted.columns))
        for number, article_id in enumerate(fitted.columns, start=1):
            if number <= len(screen.columns) and screen.columns[number - 1] != article_id:
                screen.put_article(number, article_id)
        self.select_quietly(fitted.entity)
        widgets = screen.column_widgets
        widgets[min(fitted.focused, len(widgets) - 1)].view.focus()

        def scroll() -> None:
            # After a refresh: a column that just got its article is wrapped by then.
            for column, anchor in zip(screen.column_widgets, fitted.anchors, strict=False):
                column.view.scroll_to_top(anchor)

        scroll()
        screen.call_after_refresh(scroll)

    def select_quietly(self, entity_id: str | None) -> None:
        """Select ``entity_id`` (None clears) without jumping to a mention or recording."""
        screen = self.screen
        if entity_id is None:
            if screen.selection is not None:
                screen.action_clear_selection()
            return
        if screen.selected == entity_id:
            return
        try:
            entity = screen.corpus.entity(entity_id)
        except KeyError:
            return  # not linked (yet): the place shows without it
        screen.index = MentionIndex(entity.mentions, screen.reading_order())
        screen.selection = Selection(entity.id, None)
