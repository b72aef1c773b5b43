"""Quotes placed in a linked collection: each speaker pointed at the entity it names."""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Sequence
from operator import attrgetter

from reader.ids import span_ids
from reader.model import Analysis, Entity, Quote, QuoteFinding, Span, Speaker

#: A quote's place in its article (a key function that runs in C).
_PLACE = attrgetter("start", "end")


def found_quotes(
    documents: Iterable[tuple[str, Analysis]],
) -> tuple[list[tuple[str, QuoteFinding]], list[str]]:
    """The quotes of ``documents`` (``(article id, analysis)``) as ``(article id,
    finding)``, article by article and each article's in the order of its text, and
    their ids: from the quote's own place in its article, so they survive relinking."""
    found = [
        (article_id, finding)
        for article_id, analysis in documents
        for finding in sorted(analysis.quotes, key=_PLACE)
    ]
    return found, span_ids("q", [(article_id, f.start, f.end) for article_id, f in found])


def placed_quotes(
    found: Sequence[tuple[str, QuoteFinding]], ids: Sequence[str], entities: Sequence[Entity]
) -> list[Quote]:
    """The quotes ``found`` (``(article id, finding)``, with their ``ids``), each speaker
    given the entity whose mention its resolved reference is, or overlaps (none when
    it has no resolved reference, or no mention of ``entities`` is there)."""
    speaking = {a for a, f in found if f.speaker is not None and f.speaker_ref is not None}
    locator = _MentionLocator(entities, speaking)
    return [
        _quote(quote_id, article_id, finding, locator)
        for quote_id, (article_id, finding) in zip(ids, found, strict=True)
    ]


def _quote(
    quote_id: str, article_id: str, finding: QuoteFinding, locator: _MentionLocator
) -> Quote:
    speaker = None
    if finding.speaker is not None:
        # Only the resolved reference names the entity: a speaker span such as
        # "Reid's rep" overlaps a mention of Reid, who is not the one speaking.
        entity = None
        if finding.speaker_ref is not None:
            entity = locator.find(article_id, finding.speaker_ref)
        s = finding.speaker
        speaker = Speaker(s.start, s.end, s.text, entity)
    return Quote(
        id=quote_id,
        article=article_id,
        start=finding.start,
        end=finding.end,
        text=finding.text,
        partial=finding.partial,
        speaker=speaker,
        cue=finding.cue,
    )


class _MentionLocator:
    """Finds the entity whose mention matches, or else overlaps, a span of an article.

    Only the articles asked about are indexed (those with a resolved speaker):
    a collection holds hundreds of thousands of mentions, and indexing them all
    held a sixth of the step's peak memory.
    """

    def __init__(self, entities: Sequence[Entity], articles: Collection[str]) -> None:
        spans: dict[str, list[tuple[int, int, str]]] = {}
        for entity in entities:
            entity_id = entity.id
            for m in entity.mentions:
                if m.article in articles:
                    spans.setdefault(m.article, []).append((m.start, m.end, entity_id))
        # In entity order: where two entities share a span, the later one is found.
        self._exact = {
            article: {(start, end): entity_id for start, end, entity_id in items}
            for article, items in spans.items()
        }
        self._spans = {article: sorted(items) for article, items in spans.items()}
        self._starts = {article: [s for s, _, _ in items] for article, items in self._spans.items()}

    def find(self, article_id: str, span: Span) -> str | None:
        exact = self._exact.get(article_id, {}).get((span.start, span.end))
        if exact is not None:
            return exact
        items = self._spans.get(article_id, [])
        # Mentions starting before the span's end; the overlapping one that
        # ends last is the one the span names (a title before a name, say).
        last = bisect.bisect_left(self._starts.get(article_id, []), span.end)
        best = None
        for start, end, entity_id in items[max(0, last - 8) : last]:
            if start < span.end and span.start < end:
                best = entity_id
        return best
