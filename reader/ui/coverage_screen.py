"""The coverage view: what only one of the articles in the columns names or quotes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.coverage import Coverage, CoverageEntry, compare_coverage
from reader.model import Corpus
from reader.ui.dialog_screen import DialogScreen
from reader.ui.layout import sanitize
from reader.ui.lazy_list import LazyOptionList

#: Section labels (source or title) are cut to this many characters.
LABEL_LIMIT = 60
_KIND = {"person": "person", "organization": "organization", "place": "place", "speaker": "quoted"}


@dataclass(frozen=True, slots=True)
class CoverageChoice:
    """What the user picked: an entity to select, or a quote to jump to (then also its speaker)."""

    entity: str
    quote: str | None = None


def entry_prompt(entry: CoverageEntry) -> Text:
    """One row: the name (article text, never markup), its kind and count."""
    row = Text("  ")
    row.append(" ".join(sanitize(entry.name).split()))
    row.append(f"  {_KIND.get(entry.kind, entry.kind)} ×{entry.count}", style="dim")
    return row


def coverage_options(coverage: Coverage) -> list[Option]:
    """The list rows: a heading per article ("Only in …"), its entries, then "In all"."""
    options: list[Option] = []
    for n, article in enumerate(coverage.articles):
        label = " ".join(sanitize(article.label).split())
        if len(label) > LABEL_LIMIT:
            label = label[: LABEL_LIMIT - 1] + "…"
        heading = Text(f"Only in {label}", style="bold")
        options.append(Option(heading, disabled=True))
        if not article.only:
            options.append(Option(Text("  (nothing)", style="dim"), disabled=True))
        for m, entry in enumerate(article.only):
            options.append(Option(entry_prompt(entry), id=f"a{n}-{m}"))
    if len(coverage.articles) > 1:
        options.append(Option(Text("In all", style="bold"), disabled=True))
        for m, entry in enumerate(coverage.shared):
            options.append(Option(entry_prompt(entry), id=f"s-{m}"))
    return options


class CoverageScreen(DialogScreen[CoverageChoice | None]):
    """Compares the given articles; returns what to select, or None when closed."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,c,q", "dismiss(None)", "Close")]
    # Its own layout, so the screen works without entries in the app's stylesheet.
    DEFAULT_CSS = """
    #coverage-list { height: 1fr; border: none; }
    """

    def __init__(self, corpus: Corpus, article_ids: Sequence[str]) -> None:
        super().__init__()
        self.corpus = corpus
        self.coverage = compare_coverage(corpus, article_ids)
        self._choices: dict[str, CoverageChoice] = {}
        for n, article in enumerate(self.coverage.articles):
            for m, entry in enumerate(article.only):
                self._choices[f"a{n}-{m}"] = CoverageChoice(entry.entity, entry.quote)
        for m, entry in enumerate(self.coverage.shared):
            self._choices[f"s-{m}"] = CoverageChoice(entry.entity, entry.quote)

    def compose(self) -> ComposeResult:
        with Vertical(id="coverage", classes="dialog"):
            yield Label("Compare coverage — Enter selects, Esc closes")
            # A screenful at once, the rest in slices (however long the lists).
            yield LazyOptionList(id="coverage-list")

    def on_mount(self) -> None:
        self.query_one(LazyOptionList).fill(coverage_options(self.coverage))

    @on(OptionList.OptionSelected, "#coverage-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self._choices[event.option.id])
