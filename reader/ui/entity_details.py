"""Details of one entity: its names, articles, why names were linked, related entities, quotes.

The related entities (from the ``related`` groups of the alias files) and the
entity's quotes (as speaker, each with its outlet) are a list: Enter on a
related entity selects it, Enter on a quote jumps to it.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.attribution import quotes_said_by
from reader.linking import AliasTable, related_entities
from reader.model import Corpus
from reader.names import clean_name, fold_name
from reader.ui.dialog_screen import DialogScreen
from reader.ui.layout import sanitize
from reader.ui.lazy_list import LazyOptionList
from reader.ui.quotes_screen import quote_prompt
from reader.ui.selection import Anchor, find_again
from reader.ui.wording import counted

#: Option ids of the details' list: what Enter on the option returns.
QUOTE, ENTITY = "quote:", "entity:"


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
    # Counted in one pass: counting per article walked every mention once per article.
    counts = Counter(m.article for m in entity.mentions)
    for article_id, count in counts.items():
        article = corpus.article(article_id)
        title = sanitize(article.title or article.id).replace("\n", " ")
        out.append(f"  {count:>3}  {title}\n")
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


def related_ids(corpus: Corpus, entity_id: str, table: AliasTable) -> list[str]:
    """The entities related to ``entity_id`` by the alias files' ``related`` groups.

    Most entities are in no group: those are answered without walking the corpus.
    """
    keys = {fold_name(clean_name(alias)) for alias in corpus.entity(entity_id).aliases}
    if not any(keys & group for group in table.related):
        return []
    return related_entities(corpus.entities, table).get(entity_id, [])


def link_options(corpus: Corpus, entity_id: str, table: AliasTable) -> list[Option]:
    """The selectable part: the related entities, then the quotes the entity said."""
    options: list[Option] = []
    related = related_ids(corpus, entity_id, table)
    if related:
        options.append(Option(Text("Related (Enter selects)", style="underline"), disabled=True))
    for other_id in related:
        other = corpus.entity(other_id)
        row = Text(f"  {sanitize(other.name)}")
        row.append(f"  {other.type}, {counted(len(other.mentions), 'mention')}", style="dim")
        options.append(Option(row, id=ENTITY + other_id))
    quotes = quotes_said_by(corpus, entity_id)
    heading = f"Quotes as speaker ({len(quotes)})" + (" (Enter jumps to one)" if quotes else "")
    options.append(Option(Text(heading, style="underline"), disabled=True))
    options.extend(Option(quote_prompt(corpus, q), id=QUOTE + q.id) for q in quotes)
    return options


class EntityDetails(DialogScreen[str | None]):
    """Returns ``"quote:ID"`` or ``"entity:ID"`` for the option chosen, None when closed."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,i,q", "dismiss(None)", "Close")]

    def __init__(self, corpus: Corpus, entity_id: str, aliases: AliasTable | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.entity_id = entity_id
        self.aliases = aliases or AliasTable()

    def compose(self) -> ComposeResult:
        with Vertical(id="details", classes="dialog"):
            with VerticalScroll(id="details-scroll"):
                yield Static(details_text(self.corpus, self.entity_id), id="details-text")
            yield LazyOptionList(id="details-links")

    def on_mount(self) -> None:
        links = self.query_one("#details-links", LazyOptionList)
        links.fill(link_options(self.corpus, self.entity_id, self.aliases))
        links.focus()

    @property
    def links(self) -> list[str]:
        """The related entities and quotes as listed (plain text)."""
        return [str(o.prompt) for o in self.query_one("#details-links", OptionList).options]

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
        links = self.query_one("#details-links", LazyOptionList)
        index = links.highlighted
        keep = links.get_option_at_index(index).id if index is not None else None
        links.fill(link_options(corpus, found.id, self.aliases), keep)

    @on(OptionList.OptionSelected, "#details-links")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
