"""Find text on the reader screen: the find bar, the search worker, walking the matches.

While a find is active (from the first search until Esc), ``n`` and ``p``
walk its matches instead of the selected entity's mentions, and the status
line says so (``find “war”  2/17``). The search runs off the UI thread:
:func:`reader.find.find` over thousands of articles takes a moment.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from reader.find import FindError, FindMode, FindResults, find
from reader.navigation import MentionIndex, Step
from reader.ui.find_bar import FindBar
from reader.ui.highlights import Layer, Marked

if TYPE_CHECKING:
    from reader.ui.reader_screen import ReaderScreen


class FindActions:
    """Runs finds for the reader screen and steps through their matches."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen
        #: The last search's matches, while a find is active.
        self.results: FindResults | None = None
        #: The cursor over those matches.
        self.index: MentionIndex | None = None
        self._plain: dict[str, Layer] | None = None

    @property
    def bar(self) -> FindBar:
        """The screen's find bar."""
        return self.screen.query_one(FindBar)

    @property
    def active(self) -> bool:
        """Whether ``n``/``p`` walk find matches (a search was made and not ended)."""
        return self.index is not None

    @property
    def showing(self) -> bool:
        """Whether a find is active or the find bar is open (Esc ends either)."""
        return self.active or bool(self.bar.display)

    def open(self) -> None:
        """Show the find bar with the cursor in its input."""
        self.bar.open()

    def submitted(self, event: FindBar.Submitted) -> None:
        """Search for the bar's query (in a worker), or step on when it is the same query."""
        if event.again and self.active:
            self.step(forward=True)
            return
        screen = self.screen
        order = screen.reading_order()
        by_id = {a.id: a for a in screen.articles}
        articles = [by_id[i] for i in order]
        mode: FindMode = "regex" if event.regex else "text"

        async def search() -> None:
            try:
                results = await asyncio.to_thread(
                    find, articles, event.query, mode, event.case_sensitive
                )
            except FindError as exc:
                self.bar.show_error(str(exc))
                return
            self._show(results)

        screen.run_worker(search(), group="find", exclusive=True, exit_on_error=False)

    def _show(self, results: FindResults) -> None:
        screen = self.screen
        self.results = results
        self._plain = None
        self.index = results.cursor(screen.reading_order())
        screen.deck.set_found(self._layers(None))
        if not results.matches:
            self.bar.show_count(None, "0")
            self.screen.update_status()
            return
        self.step(forward=True)

    def _layers(self, current: Step | None) -> dict[str, Layer]:
        """The match highlights by article, ``current`` marked as the one the reader is on.

        The layers of articles without the current match are built once per search
        and reused, so a step costs one article's layer, not all ten thousand matches'.
        """
        assert self.results is not None
        if self._plain is None:
            spans: dict[str, list[Marked]] = {}
            for match in self.results.matches:
                marked = Marked(match.start, match.end, "found", "found")
                spans.setdefault(match.article, []).append(marked)
            self._plain = {article: Layer(marked) for article, marked in spans.items()}
        if current is None:
            return self._plain
        at = current.mention
        layers = dict(self._plain)
        layers[at.article] = Layer(
            Marked(
                s.start,
                s.end,
                "current" if (s.start, s.end) == (at.start, at.end) else "found",
                "found",
            )
            for s in self._plain.get(at.article, Layer(())).spans
        )
        return layers

    def step(self, forward: bool) -> None:
        """Go to the next (or previous) match, bringing its article into a column."""
        index, results = self.index, self.results
        if index is None or results is None or not len(index):
            return
        screen = self.screen
        with screen.jumps.recording():
            step = index.next() if forward else index.previous()
            if step is None:
                return
            match = step.mention
            view = screen.column_showing(match.article).view
            screen.deck.set_found(self._layers(step))
            view.scroll_to_offset(match.start)
            view.focus()
            screen.jumps.landed(match.article, match.start)
        self.bar.show_count(str(step.index + 1), results.count_label)
        screen.update_status()
        if step.wrapped:
            where = "first" if step.index == 0 else "last"
            screen.notify(f"Wrapped around to the {where} match", timeout=2, markup=False)

    def status(self) -> tuple[str, str] | None:
        """What the status line shows while a find is active: ``(label, "i/N")``."""
        if self.index is None or self.results is None:
            return None
        current = self.index.current
        total = self.results.count_label
        position = f"{current.index + 1}/{total}" if current is not None else f"0/{total}"
        return f"find “{' '.join(self.results.query.split())}”", position

    def close(self) -> None:
        """End the find: hide the bar, drop the highlights, give ``n`` back to mentions."""
        self.results = None
        self.index = None
        self._plain = None
        self.bar.display = False
        self.screen.deck.set_found({})
        self.screen.update_status()
        self.screen.focus_last_column()
