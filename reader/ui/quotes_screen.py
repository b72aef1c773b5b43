"""The quotes view: every quote grouped by speaker across the articles."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.model import Corpus, Quote
from reader.ui.highlights import repeated_elsewhere
from reader.ui.layout import sanitize
from reader.ui.wording import counted

UNATTRIBUTED = "Unattributed"
#: Article titles after a quote are cut to this many characters.
TITLE_LIMIT = 50


def group_quotes(corpus: Corpus) -> list[tuple[str, list[Quote]]]:
    """Quotes grouped by speaker entity name, most quoted first; unattributed last."""
    groups: dict[str, list[Quote]] = {}
    for quote in corpus.quotes:
        speaker = quote.speaker
        if speaker is not None and speaker.entity:
            try:
                name = corpus.entity(speaker.entity).name
            except KeyError:
                name = speaker.text
        elif speaker is not None:
            name = speaker.text
        else:
            name = UNATTRIBUTED
        groups.setdefault(name, []).append(quote)
    return sorted(
        groups.items(), key=lambda item: (item[0] == UNATTRIBUTED, -len(item[1]), item[0])
    )


def quote_prompt(corpus: Corpus, quote: Quote, elsewhere: int = 0) -> Text:
    """One quote row: its text (shortened), the article it is in, how many others quote it."""
    text = " ".join(sanitize(quote.text).split())
    if len(text) > 160:
        text = text[:159] + "…"
    article = corpus.article(quote.article)
    # Titles are often a whole first sentence: a long one would take more room than the quote.
    title = " ".join(sanitize(article.title or article.id).split())
    if len(title) > TITLE_LIMIT:
        title = title[: TITLE_LIMIT - 1] + "…"
    row = Text("  ")
    row.append(text)
    row.append(f"  — {title}", style="dim italic")
    if elsewhere:
        row.append(f"  also in {counted(elsewhere, 'other article')}", style="bold")
    return row


class QuotesScreen(ModalScreen[str | None]):
    """Returns the chosen quote's id, or None when closed."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,s,q", "dismiss(None)", "Close")]

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self._composed: Corpus | None = None

    def compose(self) -> ComposeResult:
        self._composed = self.corpus
        with Vertical(id="quotes", classes="dialog"):
            yield Label(self._title(), id="quotes-title")
            yield OptionList(*quote_options(self.corpus), id="quote-list", markup=False)

    def _title(self) -> str:
        count = counted(len(self.corpus.quotes), "quote")
        return f"{count} by speaker — Enter jumps to one, Esc closes"

    def on_mount(self) -> None:
        if self.corpus is not self._composed:
            self.update_corpus(self.corpus)  # a corpus arrived between compose and mount

    def update_corpus(self, corpus: Corpus) -> None:
        """Show the quotes of ``corpus``, keeping the quote under the cursor."""
        self.corpus = corpus
        if not self.is_mounted:
            return  # composing or mounting: on_mount shows it
        self._composed = corpus
        option_list = self.query_one(OptionList)
        index = option_list.highlighted
        keep = option_list.get_option_at_index(index).id if index is not None else None
        scroll_y = option_list.scroll_y
        option_list.set_options(quote_options(corpus))
        self.query_one("#quotes-title", Label).update(self._title())
        if keep is not None:
            try:
                option_list.highlighted = option_list.get_option_index(keep)
                return
            except OptionDoesNotExist:
                pass
        option_list.scroll_to(y=scroll_y, animate=False, immediate=True)

    @on(OptionList.OptionSelected, "#quote-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


def quote_options(corpus: Corpus) -> list[Option]:
    """The list's entries: a heading per speaker, then that speaker's quotes."""
    options: list[Option] = []
    elsewhere = repeated_elsewhere(corpus)
    for name, quotes in group_quotes(corpus):
        heading = Text(f"{sanitize(name)} ({len(quotes)})", style="bold")
        options.append(Option(heading, disabled=True))
        options.extend(
            Option(quote_prompt(corpus, q, elsewhere.get(q.id, 0)), id=q.id) for q in quotes
        )
    return options
