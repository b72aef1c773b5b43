"""Choosing which article a column shows: a list filtered by typing."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.model import Article
from reader.ui.layout import sanitize

#: Articles listed at most; the rest are counted and reached by typing in the filter.
#: An OptionList lays out every entry it holds: 10,000 took seconds to open.
LIST_LIMIT = 100


def search_text(article: Article) -> str:
    """What the filter looks in: the title, source, date and file name, case-folded."""
    fields = (article.title, article.source, article.date, article.id, article.path)
    return " ".join(f for f in fields if f).casefold()


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


class ArticlePicker(ModalScreen[str | None]):
    """Returns the chosen article's id, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(
        self, articles: Sequence[Article], column: int, columns: Sequence[str | None] = ()
    ) -> None:
        super().__init__()
        self.articles = list(articles)
        self._haystacks = [search_text(a) for a in self.articles]
        self.column = column
        #: Which article each column shows (1-based column numbers by article id).
        self.shown_in = {a: n for n, a in enumerate(columns, start=1) if a is not None}

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog"):
            yield Label(f"Article for column {self.column} — type to filter, Enter to choose")
            yield Input(placeholder="Filter articles", id="article-filter")
            yield OptionList(id="article-list", markup=False)

    def on_mount(self) -> None:
        self._refill("")
        # Start on the article the column shows, so Down / Up step to its neighbours.
        current = next((a for a, n in self.shown_in.items() if n == self.column), None)
        if current is not None:
            option_list = self.query_one(OptionList)
            with suppress(OptionDoesNotExist):  # beyond the listed ones
                option_list.highlighted = option_list.get_option_index(current)
        self.query_one(Input).focus()

    @on(Input.Changed, "#article-filter")
    def _changed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    @on(Input.Submitted, "#article-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        option_list = self.query_one(OptionList)
        index = option_list.highlighted or 0
        if option_list.option_count:
            self.dismiss(option_list.get_option_at_index(index).id)

    @on(OptionList.OptionSelected, "#article-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def _refill(self, query: str) -> None:
        words = query.casefold().split()
        option_list = self.query_one(OptionList)
        found = [
            article
            for article, haystack in zip(self.articles, self._haystacks, strict=True)
            if all(word in haystack for word in words)
        ]
        options = [
            Option(article_prompt(a, self.shown_in.get(a.id)), id=a.id) for a in found[:LIST_LIMIT]
        ]
        if len(found) > LIST_LIMIT:
            more = f"… {len(found) - LIST_LIMIT} more: type to filter"
            options.append(Option(Text(more, style="dim italic"), disabled=True))
        option_list.set_options(options)
        if found:
            option_list.highlighted = 0

    def key_down(self) -> None:
        # Arrow keys move through the list while the filter box keeps the focus.
        self.query_one(OptionList).action_cursor_down()

    def key_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
