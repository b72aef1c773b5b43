"""What to highlight in one article: entity mentions, quotes, speakers, notes.

Built from a :class:`~reader.model.Corpus` once per corpus update; plain data,
so the article view only looks spans up while rendering a line.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.model import Corpus, EntityType, Quote
from reader.pronouns import GROUP_PRONOUNS, PERSON_PRONOUNS, SUBJECT_PRONOUNS

#: Pronouns a speaker mention can be (the quote rules' sets, and the words that stand in
#: for a speaker in a relative clause); such a quote gets its speaker's name as a note.
PRONOUNS = SUBJECT_PRONOUNS | PERSON_PRONOUNS | GROUP_PRONOUNS | {"you", "who", "this", "that"}
#: A speaker further than this many characters from the quote gets a note too.
FAR_SPEAKER = 160


@dataclass(frozen=True, slots=True)
class Marked:
    """A highlighted span: ``key`` is an entity id (mentions, speakers) or a quote id."""

    start: int
    end: int
    key: str
    kind: str  # an EntityType, "quote" or "speaker"


class Layer:
    """Non-overlapping spans sorted by offset, with fast lookup by range."""

    def __init__(self, spans: Iterable[Marked]) -> None:
        kept: list[Marked] = []
        for span in sorted(spans, key=lambda s: (s.start, -s.end)):
            if span.end <= span.start or (kept and span.start < kept[-1].end):
                continue  # an overlap: the first, longest span wins
            kept.append(span)
        self.spans = kept
        self._ends = [s.end for s in kept]

    def __eq__(self, other: object) -> bool:
        # Two layers of the same spans mark the same: a view need not be drawn again.
        return isinstance(other, Layer) and self.spans == other.spans

    __hash__ = None  # type: ignore[assignment]  # mutable content: compared, never hashed

    def overlapping(self, start: int, end: int) -> list[Marked]:
        """The spans that overlap ``start:end``."""
        found = []
        for index in range(bisect_right(self._ends, start), len(self.spans)):
            span = self.spans[index]
            if span.start >= end:
                break
            found.append(span)
        return found

    def at(self, offset: int) -> Marked | None:
        """The span covering ``offset``, if any."""
        hits = self.overlapping(offset, offset + 1)
        return hits[0] if hits else None

    def __len__(self) -> int:
        return len(self.spans)


@dataclass(slots=True)
class ArticleMarks:
    """All highlights of one article."""

    entities: Layer = field(default_factory=lambda: Layer(()))
    quotes: Layer = field(default_factory=lambda: Layer(()))
    speakers: Layer = field(default_factory=lambda: Layer(()))
    notes: dict[int, list[str]] = field(default_factory=dict)


def build_marks(corpus: Corpus) -> dict[str, ArticleMarks]:
    """The highlights of every article of ``corpus``, by article id."""
    entity_spans: dict[str, list[Marked]] = {a.id: [] for a in corpus.articles}
    for entity in corpus.entities:
        kind: EntityType = entity.type
        for mention in entity.mentions:
            entity_spans.setdefault(mention.article, []).append(
                Marked(mention.start, mention.end, entity.id, kind)
            )
    quote_spans: dict[str, list[Marked]] = {}
    speaker_spans: dict[str, list[Marked]] = {}
    notes: dict[str, dict[int, list[str]]] = {}
    elsewhere = repeated_elsewhere(corpus)
    for quote in corpus.quotes:
        quote_spans.setdefault(quote.article, []).append(
            Marked(quote.start, quote.end, quote.id, "quote")
        )
        speaker = quote.speaker
        quote_notes: list[str | None] = []
        if speaker is not None:
            speaker_spans.setdefault(quote.article, []).append(
                Marked(speaker.start, speaker.end, speaker.entity or "", "speaker")
            )
            quote_notes.append(speaker_note(corpus, quote))
        others = elsewhere.get(quote.id, 0)
        if others:
            label = "article" if others == 1 else "articles"
            quote_notes.append(f"  ↳ also in {others} other {label}")
        for note in quote_notes:
            if note:
                notes.setdefault(quote.article, {}).setdefault(quote.end, []).append(note)
    return {
        article.id: ArticleMarks(
            Layer(entity_spans.get(article.id, ())),
            Layer(quote_spans.get(article.id, ())),
            Layer(speaker_spans.get(article.id, ())),
            notes.get(article.id, {}),
        )
        for article in corpus.articles
    }


def repeated_elsewhere(corpus: Corpus) -> dict[str, int]:
    """For each quote in a group: how many other articles quote the same statement."""
    article_of = {q.id: q.article for q in corpus.quotes}
    counts: dict[str, int] = {}
    for group in corpus.quote_groups:
        articles = {article_of[q] for q in group.quotes if q in article_of}
        for quote_id in group.quotes:
            if quote_id in article_of:
                counts[quote_id] = len(articles - {article_of[quote_id]})
    return counts


def speaker_note(corpus: Corpus, quote: Quote) -> str | None:
    """The note naming a quote's speaker, when the text alone does not show it at a glance.

    That is when the speaker mention is a pronoun or a description rather than
    the entity's name, or is far from the quote.
    """
    speaker = quote.speaker
    if speaker is None or not speaker.entity:
        return None
    try:
        name = corpus.entity(speaker.entity).name
    except KeyError:
        return None
    distance = max(speaker.start - quote.end, quote.start - speaker.end, 0)
    words = speaker.text.split()
    descriptive = speaker.text.casefold() in PRONOUNS or (words and not words[-1][:1].isupper())
    if not descriptive and distance <= FAR_SPEAKER:
        return None
    return f"  ↳ quote by {name}"
