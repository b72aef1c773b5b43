"""The quotes view: every quote grouped by speaker across the articles, with its outlet.

Two filters narrow it, each a toggle: ``f`` keeps only the speaker of the
highlighted quote, ``e`` only the quotes the selected entity says or that name
it. The heading says which filters are on.
"""

from __future__ import annotations

from collections.abc import Container
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.attribution import outlet, quotes_about, speaker_name
from reader.model import Article, Corpus, Quote
from reader.ui.corpus_memo import per_corpus
from reader.ui.dialog_screen import DialogScreen
from reader.ui.highlights import repeated_elsewhere
from reader.ui.layout import sanitize
from reader.ui.lazy_list import LazyOptionList
from reader.ui.selection import Anchor, find_again
from reader.ui.wording import counted

UNATTRIBUTED = "Unattributed"
#: Where a quote comes from (outlet and title) is cut to this many characters.
TITLE_LIMIT = 50
#: At most this many rows: the list wraps every row to lay itself out, and the 25,000
#: quotes of 10,000 articles took seconds to open; the filters (f, e) reach the rest.
ROW_LIMIT = 200
#: Without the speaker filter, at most this many quotes per speaker (more speakers fit).
SPEAKER_LIMIT = 5


@per_corpus
def group_quotes(corpus: Corpus) -> list[tuple[str, list[Quote]]]:
    """Quotes grouped by speaker entity name, most quoted first; unattributed last.

    Computed once per corpus (25,000 quotes take a few hundredths of a second).
    """
    groups: dict[str, list[Quote]] = {}
    for quote in corpus.quotes:
        groups.setdefault(speaker_name(corpus, quote) or UNATTRIBUTED, []).append(quote)
    return sorted(
        groups.items(), key=lambda item: (item[0] == UNATTRIBUTED, -len(item[1]), item[0])
    )


#: For each quote: how many other articles quote the same statement (once per corpus).
elsewhere_counts = per_corpus(repeated_elsewhere)


def where_from(article: Article) -> str:
    """The outlet and the title, e.g. "Reuters · Russia pulls some troops back" (cut short)."""
    title = " ".join((article.title or article.id).split())
    label = f"{outlet(article)} · {title}" if article.source else outlet(article, TITLE_LIMIT)
    return sanitize(label if len(label) <= TITLE_LIMIT else label[: TITLE_LIMIT - 1] + "…")


def quote_prompt(corpus: Corpus, quote: Quote, elsewhere: int = 0) -> Text:
    """One quote row: its text (shortened), where it is from, how many others quote it."""
    text = " ".join(sanitize(quote.text).split())
    if len(text) > 160:
        text = text[:159] + "…"
    row = Text("  ")
    row.append(text)
    # Titles are often a whole first sentence: a long one would take more room than the quote.
    row.append(f"  — {where_from(corpus.article(quote.article))}", style="dim italic")
    if elsewhere:
        row.append(f"  also in {counted(elsewhere, 'other article')}", style="bold")
    return row


class QuotesScreen(DialogScreen[str | None]):
    """Returns the chosen quote's id, or None when closed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,s,q", "dismiss(None)", "Close"),
        Binding("f", "only_speaker", "This speaker"),
        Binding("e", "only_entity", "Selected entity"),
    ]

    def __init__(self, corpus: Corpus, selected: str | None = None) -> None:
        """The quotes of ``corpus``; ``selected`` is the reader's selected entity, if any."""
        super().__init__()
        self.corpus = corpus
        self._composed: Corpus | None = None
        self._first: list[Option] = []  # the options composed, shown once mounted
        self.selected = selected
        #: The speaker filter (a speaker's name as the headings show it), or None.
        self.speaker: str | None = None
        #: The entity filter: the selected entity when ``e`` was pressed, or None.
        self.about: Anchor | None = None

    def compose(self) -> ComposeResult:
        self._composed = self.corpus
        self._first = self._options()
        with Vertical(id="quotes", classes="dialog"):
            yield Label(self._title(self._first), id="quotes-title")
            yield LazyOptionList(id="quote-list")

    def _options(self) -> list[Option]:
        if not self.filters:
            return every_quote_option(self.corpus)
        keep = None
        if self.about is not None:
            keep = {q.id for q in quotes_about(self.corpus, self.about.entity_id)}
        options = quote_options(self.corpus, keep, self.speaker)
        if not options and self.filters:
            none = Text("  No quote is left by the filters: f or e again shows all", style="dim")
            options.append(Option(none, disabled=True))
        return options

    def _title(self, options: list[Option]) -> Text:
        count = counted(len(self.corpus.quotes), "quote")
        title = Text(f"{count} by speaker", style="bold")
        if self.filters:
            shown = sum(option.id is not None for option in options)
            title.append(f" — showing {shown}: {self.filters}")
        title.append("\nEnter jumps to one · f this speaker only · e ", style="dim")
        title.append("the selected entity only · Esc closes", style="dim")
        return title

    @property
    def filters(self) -> str:
        """The filters on, in words (empty when none is)."""
        parts = []
        if self.speaker is not None:
            parts.append(f"said by {sanitize(self.speaker)}")
        if self.about is not None:
            parts.append(f"by or naming {sanitize(self.about.name)}")
        return ", ".join(parts)

    def on_mount(self) -> None:
        if self.corpus is not self._composed:
            self.update_corpus(self.corpus)  # a corpus arrived between compose and mount
        else:
            self.query_one(LazyOptionList).fill(self._first)

    def action_only_speaker(self) -> None:
        """Keep only the highlighted quote's speaker; again, every speaker."""
        if self.speaker is not None:
            self.speaker = None
        else:
            option_list = self.query_one(OptionList)
            index = option_list.highlighted
            quote_id = option_list.get_option_at_index(index).id if index is not None else None
            quote = next((q for q in self.corpus.quotes if q.id == quote_id), None)
            if quote is None:
                self.notify("Highlight a quote first", timeout=3, markup=False)
                return
            self.speaker = speaker_name(self.corpus, quote) or UNATTRIBUTED
        self.update_corpus(self.corpus)

    def action_only_entity(self) -> None:
        """Keep only the quotes the selected entity says or that name it; again, all."""
        if self.about is not None:
            self.about = None
        elif self.selected is None:
            self.notify("Select an entity first", timeout=3, markup=False)
            return
        else:
            entity = self.corpus.entity(self.selected)
            first = entity.mentions[0] if entity.mentions else None
            self.about = Anchor(entity.id, entity.name, first)
        self.update_corpus(self.corpus)

    def update_corpus(self, corpus: Corpus) -> None:
        """Show the quotes of ``corpus``, keeping the quote under the cursor and the filters."""
        if self.about is not None and corpus is not self.corpus:
            # A new link may renumber entities: follow the filter's entity.
            found = find_again(corpus, self.about)
            self.about = Anchor(found.id, found.name, self.about.mention) if found else None
        self.corpus = corpus
        if not self.is_mounted:
            return  # composing or mounting: on_mount shows it
        self._composed = corpus
        option_list = self.query_one(LazyOptionList)
        index = option_list.highlighted
        keep = option_list.get_option_at_index(index).id if index is not None else None
        scroll_y = option_list.scroll_y
        options = self._options()
        self.query_one("#quotes-title", Label).update(self._title(options))
        if not option_list.fill(options, keep):
            option_list.scroll_to(y=scroll_y, animate=False, immediate=True)

    @on(OptionList.OptionSelected, "#quote-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


@per_corpus
def every_quote_option(corpus: Corpus) -> list[Option]:
    """The list without filters, made once per corpus (at the first open of the view).

    The same options at every open: the list measures each option once, not at
    every open (an option keeps its measured height). Never changed by the screen.
    """
    return quote_options(corpus)


def quote_options(
    corpus: Corpus, keep: Container[str] | None = None, speaker: str | None = None
) -> list[Option]:
    """The list's entries: a heading per speaker, then that speaker's quotes.

    When the whole list would not fit in ``ROW_LIMIT`` rows: at most
    ``SPEAKER_LIMIT`` quotes per speaker unless ``speaker`` is given, and about
    ``ROW_LIMIT`` rows in all; a dim row says how many more there are.

    Args:
        corpus: the quotes' corpus.
        keep: when given, only the quotes with these ids are listed.
        speaker: when given, only this speaker's quotes (by the heading's name).
    """
    options: list[Option] = []
    elsewhere = elsewhere_counts(corpus)
    left_quotes = left_speakers = 0
    groups = group_quotes(corpus)
    # Speakers are cut short only when the whole list would not fit.
    per_speaker = SPEAKER_LIMIT if sum(1 + len(g) for _, g in groups) > ROW_LIMIT else None
    for name, group in groups:
        if speaker is not None and name != speaker:
            continue
        quotes = [q for q in group if keep is None or q.id in keep]
        if not quotes:
            continue
        if len(options) >= ROW_LIMIT:
            left_quotes, left_speakers = left_quotes + len(quotes), left_speakers + 1
            continue
        heading = Text(f"{sanitize(name)} ({len(quotes)})", style="bold")
        options.append(Option(heading, disabled=True))
        room = ROW_LIMIT - len(options)
        if speaker is None and per_speaker is not None:
            room = min(room, per_speaker)
        shown = quotes[: max(1, room)]
        options.extend(
            Option(quote_prompt(corpus, q, elsewhere.get(q.id, 0)), id=q.id) for q in shown
        )
        if len(quotes) > len(shown):
            hint = "f on one of them lists them all" if speaker is None else "e narrows them"
            more = f"  … {len(quotes) - len(shown)} more: {hint}"
            options.append(Option(Text(more, style="dim"), disabled=True))
    if left_quotes:
        more = (
            f"  … {counted(left_quotes, 'more quote')} by {counted(left_speakers, 'more speaker')}"
            ": e (the selected entity's) narrows the list"
        )
        options.append(Option(Text(more, style="dim"), disabled=True))
    return options
