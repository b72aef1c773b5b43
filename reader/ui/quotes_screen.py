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
from textual.widgets.option_list import Option

from reader.model import Corpus, Quote
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


def quote_prompt(corpus: Corpus, quote: Quote) -> Text:
    """One quote row: its text (shortened) and the article it is in."""
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
    return row


class QuotesScreen(ModalScreen[str | None]):
    """Returns the chosen quote's id, or None when closed."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,s,q", "dismiss(None)", "Close")]

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus

    def compose(self) -> ComposeResult:
        groups = group_quotes(self.corpus)
        options: list[Option] = []
        for name, quotes in groups:
            heading = Text(f"{sanitize(name)} ({len(quotes)})", style="bold")
            options.append(Option(heading, disabled=True))
            options.extend(Option(quote_prompt(self.corpus, q), id=q.id) for q in quotes)
        with Vertical(id="quotes", classes="dialog"):
            count = counted(len(self.corpus.quotes), "quote")
            yield Label(f"{count} by speaker — Enter jumps to one, Esc closes")
            yield OptionList(*options, id="quote-list", markup=False)

    @on(OptionList.OptionSelected, "#quote-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
