"""The remembered session on the reader screen: restored on opening, saved on leaving.

The columns, their articles and scroll anchors are restored as soon as the
screen is laid out; the selected entity when the first linked corpus arrives
(its id may have changed: :meth:`reader.session_state.EntityRef.resolve`).
The session is saved when the reader quits and when the screen is left.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.css.query import NoMatches

from reader.history import Place
from reader.session_state import EntityRef, Session, SessionStore, session_key, session_of

if TYPE_CHECKING:
    from reader.ui.reader_screen import ReaderScreen


class SessionKeeper:
    """Loads, restores and saves the reader screen's session."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen
        self.session: Session | None = None
        self._entity_pending = False
        self._last: Place | None = None
        #: What this screen last saved (its place and entity): leaving it saves only a change.
        self._saved: tuple[Place, EntityRef | None] | None = None
        #: The articles' session key (hashing every text: computed once, off the UI thread).
        self._key: str | None = None

    def restore(self) -> None:
        """Load the session of these articles and show its columns (call once, on mount).

        The key hashes every article's text: that runs in a worker, the rest here.
        """
        self.screen.run_worker(self._load, thread=True, group="session", exit_on_error=False)

    def _load(self) -> None:
        screen = self.screen
        key = session_key(screen.articles)
        session, notice = SessionStore().load(screen.articles, key)
        screen.app.call_from_thread(self._loaded, key, session, notice)

    def _loaded(self, key: str, session: Session | None, notice: str | None) -> None:
        screen = self.screen
        self._key = key
        if notice:
            screen.notify(notice, title="Session", severity="warning", timeout=6, markup=False)
        if session is None:
            return
        self.session = session
        self._entity_pending = session.entity is not None
        place = session.place.fitted({a.id: a.text for a in screen.articles})
        if place is not None:
            screen.run_worker(screen.jumps.show(place), group="session", exit_on_error=False)
        # A corpus that arrived before the session did (a reopened collection).
        self.corpus_arrived()

    def corpus_arrived(self) -> None:
        """Select the session's entity once a linked corpus has it (the first time only)."""
        session, screen = self.session, self.screen
        if not self._entity_pending or session is None or not screen.corpus.entities:
            return
        self._entity_pending = False
        if screen.selection is not None:
            return  # the reader already chose something: theirs wins
        place = session.restore(screen.corpus)
        if place is not None and place.entity is not None:
            # Selected without a jump: the restored scroll positions stay.
            screen.jumps.select_quietly(place.entity)

    def save(self, leaving: bool = False) -> None:
        """Remember where the reader is for these articles; a problem is a toast.

        Args:
            leaving: the screen is only left (a dialog opens over it), not quit:
                then nothing is saved until the articles' key is known, since
                hashing every text here would hold the keys (a tenth of a second
                for 10,000 articles); quitting computes it if need be.
        """
        screen = self.screen
        if screen.arrivals.pending:
            return  # not every article is read: the session would be another collection's
        if leaving and self._key is None:
            return  # its key is still hashed in a worker; quitting saves
        place: Place | None
        try:
            place = screen.jumps.place()
        except NoMatches:  # the columns are already gone (the app is closing)
            place = self._last
        if place is None or not place.columns:
            return
        self._last = place
        session = session_of(place, screen.corpus)
        saved = (session.place, session.entity)
        if leaving and saved == self._saved:
            # Already in the file: each dialog opened over the screen would otherwise
            # write and sync it again on the UI thread (tens of milliseconds at the key).
            return
        notice = SessionStore().save(screen.articles, session, self._key)
        if notice:
            screen.notify(notice, title="Session", severity="warning", markup=False)
        else:
            self._saved = saved
