"""Comparing the outlets on the reader screen: coverage, stories, the same quote elsewhere.

:class:`CompareActions` holds the screen and acts on it; the model (stories,
quote groups, coverage) is read from the screen's current corpus, so each
action sees the groups as soon as a complete analysis lands.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from reader.model import Corpus, Quote
from reader.quote_groups import differing_words
from reader.ui.article_view import ArticleView
from reader.ui.coverage_screen import CoverageChoice, CoverageScreen
from reader.ui.layout import sanitize

if TYPE_CHECKING:
    from reader.ui.reader_screen import ReaderScreen

#: Story titles in messages are cut to this many characters.
TITLE_LIMIT = 60
#: Tries, LAYOUT_WAIT seconds apart, to wait for a new column's layout before aligning.
LAYOUT_TRIES = 100
LAYOUT_WAIT = 0.02
#: After aligning, the twins are checked this many more times (every LAYOUT_WAIT) and
#: aligned again if a late rewrap (the other column settling its width, new notes
#: under quotes) moved one of them.
SETTLE_CHECKS = 10


def short_title(text: str, limit: int = TITLE_LIMIT) -> str:
    """``text`` (article text) on one line, safe to show, cut to ``limit`` characters."""
    line = " ".join(sanitize(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def twin_of(corpus: Corpus, quote: Quote) -> Quote | None:
    """The next quote after ``quote`` in its group (cycling) that is in another article."""
    group = next((g for g in corpus.quote_groups if quote.id in g.quotes), None)
    if group is None:
        return None
    by_id = {q.id: q for q in corpus.quotes}
    members = list(group.quotes)
    at = members.index(quote.id)
    for step in range(1, len(members)):
        other = by_id.get(members[(at + step) % len(members)])
        if other is not None and other.article != quote.article:
            return other
    return None


def common_row(
    line: int, row: int, view_max: int, twin_line: int, twin_max: int, height: int
) -> int:
    """The screen row both quotes can start on: ``row`` (where the first is) if possible.

    When no row suits both (one quote too near its article's top, the other too
    near its end), the row that brings them closest.

    Args:
        line: the display line of the quote in its view.
        row: the screen row it is on now (outside ``0..height``: a third down is used).
        view_max: the view's largest scroll offset.
        twin_line: the display line of the twin in the other view.
        twin_max: the other view's largest scroll offset.
        height: the shorter view's height in rows.
    """
    if not 0 <= row < height:
        row = height // 3
    # Each view scrolls to ``line - row`` and must stay within ``0..max``.
    low = max(0, line - view_max, twin_line - twin_max)
    high = min(line, twin_line, max(0, height - 1))
    # Neither can reach the other's rows (one quote near its article's top, the other
    # near its end): as close as they get, each at its limit.
    return min(max(row, low), high)


class CompareActions:
    """Coverage, stories and repeated quotes for a :class:`ReaderScreen`."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen
        #: The quote the last "same quote" jump landed on (the next jump starts there).
        self.current_quote: str | None = None

    # -- coverage -------------------------------------------------------------------------

    def coverage(self) -> None:
        """Compare the articles in the columns: who and what only one of them has."""
        screen = self.screen
        shown = [c for c in screen.columns if c]
        if not shown:
            screen.notify("No article to compare", timeout=3, markup=False)
            return

        def chosen(choice: CoverageChoice | None) -> None:
            if choice is None:
                return
            try:
                screen.select_entity(choice.entity)
            except KeyError:  # re-linked while the view was open
                screen.notify("That entity is no longer listed", timeout=3, markup=False)
                return
            if choice.quote is not None:
                screen.go_to_quote(choice.quote)

        screen.app.push_screen(CoverageScreen(screen.corpus, shown), chosen)

    # -- stories --------------------------------------------------------------------------

    def open_story(self, story_id: str) -> None:
        """Fill the columns with the story's first articles (date order, else most central)."""
        screen = self.screen
        story = next((s for s in screen.corpus.stories if s.id == story_id), None)
        if story is None:
            screen.notify("That story is no longer listed", timeout=3, markup=False)
            return
        for number, article_id in enumerate(story.articles[: len(screen.columns)], start=1):
            screen.put_article(number, article_id)
        screen.column_widgets[0].view.focus()
        shown = min(len(story.articles), len(screen.columns))
        screen.notify(
            f"{short_title(story.title)}: {shown} of {len(story.articles)} articles",
            title="Story",
            timeout=4,
            markup=False,
        )

    # -- the same quote in another article --------------------------------------------------

    def quote_here(self) -> Quote | None:
        """The repeated quote the reader is at in the focused column.

        That is the quote the last jump landed on if it is still on screen, else
        the first repeated quote on screen, else the first one below the top
        line, else the article's first repeated quote.
        """
        screen = self.screen
        column = screen.column_widgets[screen.deck.focused_number() - 1]
        if column.article is None:
            return None
        corpus = screen.corpus
        grouped = {q for g in corpus.quote_groups for q in g.quotes}
        here = sorted(
            (q for q in corpus.quotes if q.article == column.article.id and q.id in grouped),
            key=lambda q: q.start,
        )
        if not here:
            return None
        view = column.view
        visible = [q for q in here if view.is_offset_visible(q.start)]
        current = next((q for q in visible if q.id == self.current_quote), None)
        if current is not None:
            return current
        if visible:
            return visible[0]
        top = round(view.scroll_offset.y)
        return next((q for q in here if view.line_for_offset(q.start) >= top), here[0])

    async def same_quote(self) -> None:
        """Show the quote at hand's next twin in another column, side by side, changes marked."""
        screen = self.screen
        quote = self.quote_here()
        if quote is None:
            waiting = "" if screen.analysis_done else " yet (still analyzing)"
            screen.notify(
                f"No quote here is repeated in another article{waiting}", timeout=3, markup=False
            )
            return
        twin = twin_of(screen.corpus, quote)
        if twin is None:  # its group repeats it only within this article
            screen.notify("This quote is in no other article", timeout=3, markup=False)
            return
        deck = screen.deck
        number = deck.focused_number()
        if len(screen.columns) < 2:
            await screen.set_column_count(2)
        if twin.article in screen.columns:
            target = screen.columns.index(twin.article) + 1
        else:
            target = number % len(screen.columns) + 1  # the next column, never this one
        views = [c.view for c in screen.column_widgets]
        here, there = views[number - 1], screen.put_article(target, twin.article).view
        for view in views:
            if view not in (here, there):
                view.mark_altered([])
        # differing_words gives offsets into the quote text: shift them into the article.
        changed = differing_words(quote.text, twin.text)
        here.mark_altered([(quote.start + s, quote.start + e) for s, e in changed])
        changed = differing_words(twin.text, quote.text)
        there.mark_altered([(twin.start + s, twin.start + e) for s, e in changed])
        self.current_quote = twin.id
        there.focus()
        self._align(here, quote.start, there, twin.start, LAYOUT_TRIES, SETTLE_CHECKS)
        title = corpus_title(screen.corpus, twin.article)
        screen.notify(f"Same quote in {title}", timeout=3, markup=False)

    def _align(
        self,
        here: ArticleView,
        offset: int,
        there: ArticleView,
        twin: int,
        tries: int,
        checks: int = 0,
    ) -> None:
        # A column just added has no layout yet, and the others rewrap to make room
        # for it: wait until both are wrapped at their new width.
        if not (here.laid_out and there.laid_out) and tries > 0:
            again = partial(self._align, here, offset, there, twin, tries - 1, checks)
            self.screen.set_timer(LAYOUT_WAIT, again)
            return
        if checks > 0:
            later = partial(self._align, here, offset, there, twin, LAYOUT_TRIES, checks - 1)
            self.screen.set_timer(LAYOUT_WAIT, later)
        line, twin_line = here.line_for_offset(offset), there.line_for_offset(twin)
        row = common_row(
            line,
            line - round(here.scroll_offset.y),
            here.max_scroll_y,
            twin_line,
            there.max_scroll_y,
            min(here.size.height, there.size.height),
        )
        here.scroll_to(y=line - row, animate=False, immediate=True)
        there.scroll_to(y=twin_line - row, animate=False, immediate=True)


def corpus_title(corpus: Corpus, article_id: str) -> str:
    """The article's title (or id) for a message, shortened and safe to show."""
    article = corpus.article(article_id)
    return short_title(article.title or article.id)
