"""Choosing which article a column shows: a list filtered by typing, in a chosen order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.model import Article, Corpus, Story
from reader.ui.dialog_screen import DialogScreen
from reader.ui.layout import sanitize
from reader.ui.lazy_list import LazyOptionList
from reader.ui.picker_order import ORDERS, ArticleCatalog, SortBy, iso_date

#: Articles listed at most; the rest are counted and reached by typing in the filter.
#: An OptionList lays out every entry it holds: 10,000 took seconds to open.
LIST_LIMIT = 100
#: Story titles in headings are cut to this many characters.
TITLE_LIMIT = 70


def article_prompt(article: Article, column: int | None = None) -> Text:
    """One entry of the list (plain text): the title, then where the article comes from.

    The second, dim line gives the source, the date, the file name (titles alone
    can repeat) and the column showing the article, if any.
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
        self.order: SortBy = "file"
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
            yield LazyOptionList(id="article-list")

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
        option_list = self.query_one(OptionList)
        index = option_list.highlighted
        keep = option_list.get_option_at_index(index).id if index is not None else None
        self._refill(self.query_one(Input).value, keep)

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
        option_list = self.query_one(OptionList)
        index = option_list.highlighted
        if index is not None and option_list.get_option_at_index(index).id is not None:
            self.dismiss(option_list.get_option_at_index(index).id)

    @on(OptionList.OptionSelected, "#article-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def _refill(self, query: str, keep: str | None = None) -> None:
        # `keep`: the article to put the cursor on, if listed (else the first article).
        option_list = self.query_one(LazyOptionList)
        found = self.catalog.find(query, self.order)
        options: list[Option] = []
        listed = 0
        groups = by_story(found, self.stories, self._stories_of)
        for story, members in groups:
            if listed >= LIST_LIMIT:
                break
            if story is not None:
                options.append(Option(story_heading(story, self.catalog.by_id), disabled=True))
            elif len(groups) > 1:
                options.append(Option(Text("▌ Other articles", style="bold"), disabled=True))
            for article in members[: LIST_LIMIT - listed]:
                options.append(
                    Option(article_prompt(article, self.shown_in.get(article.id)), id=article.id)
                )
            listed += len(members[: LIST_LIMIT - listed])
        if len(found) > LIST_LIMIT:
            more = f"… {len(found) - LIST_LIMIT} more: type to filter"
            options.append(Option(Text(more, style="dim italic"), disabled=True))
        option_list.fill(options, keep)  # else on the first article (headings are disabled)

    def key_down(self) -> None:
        # Arrow keys move through the list while the filter box keeps the focus.
        self.query_one(OptionList).action_cursor_down()

    def key_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
