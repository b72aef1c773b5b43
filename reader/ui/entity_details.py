"""Details of one entity: its names, the articles that mention it, and why names were linked."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.model import Corpus
from reader.ui.layout import sanitize
from reader.ui.selection import Anchor, find_again
from reader.ui.wording import counted


def details_text(corpus: Corpus, entity_id: str) -> Text:
    """The details of ``entity_id`` as plain styled text."""
    entity = corpus.entity(entity_id)
    out = Text()
    out.append(sanitize(entity.name), style="bold")
    out.append(f"  ({entity.type}, {counted(len(entity.mentions), 'mention')})\n\n")
    out.append("Also written as\n", style="underline")
    for alias in entity.aliases:
        out.append(f"  {sanitize(alias)}\n")
    out.append("\nArticles\n", style="underline")
    for article_id in entity.article_ids:
        article = corpus.article(article_id)
        title = sanitize(article.title or article.id).replace("\n", " ")
        out.append(f"  {entity.count_in(article_id):>3}  {title}\n")
    out.append("\nWhy these names are one entity\n", style="underline")
    if not entity.evidence:
        out.append("  one name only: nothing was merged\n", style="dim")
    for evidence in entity.evidence:
        score = f" ({evidence.score:.2f})" if evidence.score is not None else ""
        names = ", ".join(sanitize(n) for n in evidence.names)
        out.append(f"  {evidence.rule}{score}: {names}")
        if evidence.detail:
            out.append(f" — {sanitize(evidence.detail)}", style="dim")
        out.append("\n")
    return out


class EntityDetails(ModalScreen[None]):
    """A read-only dialog; Esc closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,i,q", "dismiss(None)", "Close")]

    def __init__(self, corpus: Corpus, entity_id: str) -> None:
        super().__init__()
        self.corpus = corpus
        self.entity_id = entity_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="details", classes="dialog"):
            yield Static(details_text(self.corpus, self.entity_id), id="details-text")

    def update_corpus(self, corpus: Corpus) -> None:
        """Show the entity as ``corpus`` has it (found by id, else by its name)."""
        old = self.corpus.entity(self.entity_id)
        found = find_again(
            corpus, Anchor(old.id, old.name, old.mentions[0] if old.mentions else None)
        )
        if found is None:
            return  # gone from the new corpus: keep showing what the reader opened
        self.corpus, self.entity_id = corpus, found.id
        if not self.is_mounted:
            return  # composing: it shows the new corpus
        self.query_one("#details-text", Static).update(details_text(corpus, found.id))
