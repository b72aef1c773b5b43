"""Choosing which article a column shows: a list filtered by typing, in a chosen order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label

from reader.model import Article, Corpus, Story
from reader.ui.dialog_screen import DialogScreen
from reader.ui.layout import sanitize
from reader.ui.picker_order import ORDERS, ArticleCatalog, SortBy, iso_date
from reader.ui.row_list import RowList

#: Story titles in headings are cut to this many characters.
TITLE_LIMIT = 70


def article_prompt(article: Article, column: int | None = None) -> Text:
    """One entry of the list (plain text): the title, then where the article comes from.

    The second, dim line gives the source, the date, the file name (titles alone
    can repeat) and the column showing the article, if any. Each line is one row of
    the list (a longer one ends in "…"): every entry takes two.
    """
    row = Text()
    row.append(sanitize(article.title or article.id).replace("\n", " "), style="bold")
    details = [sanitize(p).replace("\n", " ") for p in (article.source, article.date) if p]
    details.append(sanitize(article.id))
    if column is not None:
        details.append(f"in column {column}")
    row.append("\n" + " · ".join(details), style="dim italic")
    return row


def story_heading(story: Story, articles: dict[str, Article]) -> Text:
    """A story's heading row (plain text): its title, article count and date range."""
    title = " ".join(sanitize(story.title).split())
    if len(title) > TITLE_LIMIT:
        title = title[: TITLE_LIMIT - 1] + "…"
    dates = sorted(
        d for d in (iso_date(articles[i].date) for i in story.articles if i in articles) if d
    )
    details = [f"{len(story.articles)} articles"]
    if dates:
        details.append(dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}")
    row = Text(f"▌ {title}", style="bold")
    row.append(f"  {' · '.join(details)}", style="dim")
    return row


def story_index(stories: Sequence[Story]) -> dict[str, list[int]]:
    """Article id -> the positions in ``stories`` of its stories of two or more articles."""
    stories_of: dict[str, list[int]] = {}
    for number, story in enumerate(stories):
        if len(story.articles) >= 2:
            for article_id in dict.fromkeys(story.articles):
                stories_of.setdefault(article_id, []).append(number)
    return stories_of


def by_story(
    found: Sequence[Article],
    stories: Sequence[Story],
    stories_of: dict[str, list[int]] | None = None,
) -> list[tuple[Story | None, list[Article]]]:
    """``found`` by story: each story of two or more articles, then the rest (None).

    Within a group the articles keep their order in ``found`` (the picker's order).
    ``stories_of`` is :func:`story_index` of ``stories`` when made already.
    """
    # One pass over `found`: looking each story's articles up in it took a fifth of a
    # second with 10,000 articles and a few dozen stories.
    if stories_of is None:
        stories_of = story_index(stories)
    members: dict[int, list[Article]] = {}
    rest: list[Article] = []
    for article in found:
        numbers = stories_of.get(article.id)
        if numbers is None:
            rest.append(article)
        for number in numbers or ():
            members.setdefault(number, []).append(article)
    groups: list[tuple[Story | None, list[Article]]] = [
        (stories[number], members[number]) for number in sorted(members)
    ]
    if rest:
        groups.append((None, rest))
    return groups


class ArticlePicker(DialogScreen[str | None]):
    """Returns the chosen article's id, or None when cancelled.

    With ``stories`` (or once a corpus with stories arrives), the articles are
    listed by story under a heading per story of two or more articles.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("ctrl+s", "next_order", "Order"),
    ]

    def __init__(
        self,
        articles: Sequence[Article] | ArticleCatalog,
        column: int,
        columns: Sequence[str | None] = (),
        stories: Sequence[Story] = (),
    ) -> None:
        """``articles``: a catalog made beforehand (the reader keeps one), or the articles."""
        super().__init__()
        #: The articles with their orders and filter texts (shared, never changed here).
        self.catalog = (
            articles if isinstance(articles, ArticleCatalog) else ArticleCatalog(articles)
        )
        self.stories = list(stories)
        self._stories_of = story_index(self.stories)
        #: The list's order (see :mod:`reader.ui.picker_order`).
        self.order: SortBy = ORDERS[0][0]
        self.column = column
        #: Which article each column shows (1-based column numbers by article id).
        self.shown_in = {a: n for n, a in enumerate(columns, start=1) if a is not None}

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog"):
            yield Label(f"Article for column {self.column} — type to filter, Enter to choose")
            yield Label(self._order_line(), id="picker-order")
            yield Input(
                placeholder="Filter (source:reuters date:2022-02 title:…)", id="article-filter"
            )
            yield RowList(id="article-list")

    def on_mount(self) -> None:
        # Start on the article the column shows, so Down / Up step to its neighbours.
        current = next((a for a, n in self.shown_in.items() if n == self.column), None)
        self._refill("", keep=current)
        self.query_one(Input).focus()

    def update_corpus(self, corpus: Corpus) -> None:
        """Group by the stories of ``corpus`` (they arrive once the analysis is complete)."""
        if corpus.stories == self.stories:
            return
        self.stories = list(corpus.stories)
        self._stories_of = story_index(self.stories)
        self._refill_keeping()

    def add_articles(self, articles: Sequence[Article]) -> None:
        """List ``articles`` too (read since the picker opened)."""
        self.catalog = self.catalog.with_articles(articles)
        self._refill_keeping()

    def _refill_keeping(self) -> None:
        # The list again, the highlighted article still highlighted.
        if not self.is_mounted:
            return  # on_mount fills the list
        self._refill(self.query_one(Input).value, self.query_one(RowList).highlighted_id)

    def _order_line(self) -> str:
        name = dict(ORDERS)[self.order]
        return f"Sorted by {name} — Ctrl+S: file name, date, source or title"

    def action_next_order(self) -> None:
        """Sort the list by the next order (file name, date, source, title)."""
        names = [order for order, _ in ORDERS]
        self.order = names[(names.index(self.order) + 1) % len(names)]
        self.query_one("#picker-order", Label).update(self._order_line())
        self._refill(self.query_one(Input).value)

    @on(Input.Changed, "#article-filter")
    def _changed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    @on(Input.Submitted, "#article-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        chosen = self.query_one(RowList).highlighted_id
        if chosen is not None:
            self.dismiss(chosen)

    @on(RowList.Chosen, "#article-list")
    def _selected(self, event: RowList.Chosen) -> None:
        self.dismiss(event.row_id)

    def _refill(self, query: str, keep: str | None = None) -> None:
        # `keep`: the article to put the cursor on, if listed (else the first article).
        # Every match is listed: the list makes only the entries that come into view.
        found = self.catalog.find(query, self.order)
        ids: list[str | None] = []
        items: list[Story | Article | None] = []  # None: the heading of the other articles
        groups = by_story(found, self.stories, self._stories_of)
        for story, members in groups:
            if story is not None or len(groups) > 1:
                ids.append(None)
                items.append(story)
            ids.extend(article.id for article in members)
            items.extend(members)
        heights = [1 if key is None else 2 for key in ids]

        def draw(index: int) -> Text:
            item = items[index]
            if isinstance(item, Story):
                return story_heading(item, self.catalog.by_id)
            if item is None:
                return Text("▌ Other articles", style="bold")
            return article_prompt(item, self.shown_in.get(item.id))

        row_list = self.query_one(RowList)
        row_list.set_rows(ids, draw, heights)
        if keep is None or not row_list.highlight(keep):
            row_list.highlight_first()  # headings are never under the cursor

    def key_down(self) -> None:
        # Arrow keys move through the list while the filter box keeps the focus.
        self.query_one(RowList).action_cursor_down()

    def key_up(self) -> None:
        self.query_one(RowList).action_cursor_up()

    def key_pagedown(self) -> None:
        # A page at a time through thousands of articles (Home / End move in the filter box).
        self.query_one(RowList).action_page_down()

    def key_pageup(self) -> None:
        self.query_one(RowList).action_page_up()
