"""A linked corpus as plain rows: what the collection index stores and the linking process sends.

Texts never travel or are stored: a mention or a quote is its article's number
among the collection's articles and offsets into that article's text, which the
receiver slices from its own copy (``corpus_from_rows``, ``quote_from_row``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, get_args

from reader.model import (
    Article,
    Corpus,
    Entity,
    EntityMention,
    EntityType,
    Evidence,
    LoadError,
    Quote,
    QuoteGroup,
    Span,
    Speaker,
    Story,
)

#: The entity types a row may name.
ENTITY_TYPES: frozenset[EntityType] = frozenset(get_args(EntityType))


def corpus_rows(articles: Sequence[Article], corpus: Corpus) -> dict[str, Any]:
    """``corpus`` as plain rows: what the index stores and the linking process sends.

    Mentions and quotes name their article by its number in ``articles``.
    """
    return {**linked_rows(articles, corpus), **compared_rows(corpus)}


def linked_rows(articles: Sequence[Article], corpus: Corpus) -> dict[str, Any]:
    """``corpus_rows``' entities and quotes."""
    number = article_numbers(articles)
    return {
        "entities": entity_rows(number, corpus.entities),
        "quotes": quote_rows(number, corpus.quotes),
    }


def article_numbers(articles: Sequence[Article]) -> dict[str, int]:
    """Article id -> its number in ``articles``: how rows name an article."""
    return {article.id: n for n, article in enumerate(articles)}


def entity_rows(number: Mapping[str, int], entities: Sequence[Entity]) -> list[list[Any]]:
    """``corpus_rows``' entities: each mention as its article's number (``article_numbers``)
    and offsets."""
    return [
        [
            e.id,
            e.name,
            e.type,
            e.aliases,
            [[number[m.article], m.start, m.end] for m in e.mentions],
            evidence_rows(e.evidence),
        ]
        for e in entities
    ]


def quote_rows(number: Mapping[str, int], quotes: Sequence[Quote]) -> list[list[Any]]:
    """``corpus_rows``' quotes (``quote_row``; ``number``: ``article_numbers``)."""
    return [quote_row(q, number) for q in quotes]


def compared_rows(corpus: Corpus) -> dict[str, Any]:
    """``corpus_rows``' stories and repeated quotes."""
    return {
        "stories": [[s.id, s.title, list(s.articles)] for s in corpus.stories],
        "quote_groups": [[g.id, list(g.quotes)] for g in corpus.quote_groups],
    }


def evidence_rows(evidence: Sequence[Evidence]) -> list[list[Any]]:
    """Why an entity's names were joined, as stored (and sent by :mod:`reader.corpus_wire`)."""
    return [[ev.rule, list(ev.names), ev.detail, ev.score] for ev in evidence]


def evidence_from_rows(rows: Sequence[Sequence[Any]]) -> list[Evidence]:
    """The evidence back from :func:`evidence_rows`."""
    return [Evidence(rule, tuple(names), detail, score) for rule, names, detail, score in rows]


def quote_row(quote: Quote, number: Mapping[str, int]) -> list[Any]:
    """A quote as stored (and sent by :mod:`reader.corpus_wire`): offsets and an article number."""
    speaker, cue = quote.speaker, quote.cue
    return [
        quote.id,
        number[quote.article],
        quote.start,
        quote.end,
        quote.partial,
        [speaker.start, speaker.end, speaker.entity] if speaker else None,
        [cue.start, cue.end] if cue else None,
    ]


def quote_from_row(row: Sequence[Any], ids: Sequence[str], texts: Sequence[str]) -> Quote:
    """The quote back from :func:`quote_row`, its texts sliced from the article texts."""
    qid, n, start, end, partial, speaker, cue = row
    text = texts[n]
    return Quote(
        id=str(qid),
        article=ids[n],
        start=start,
        end=end,
        text=text[start:end],
        partial=bool(partial),
        speaker=(
            Speaker(speaker[0], speaker[1], text[speaker[0] : speaker[1]], speaker[2])
            if speaker
            else None
        ),
        cue=Span(cue[0], cue[1], text[cue[0] : cue[1]]) if cue else None,
    )


def corpus_from_rows(
    data: dict[str, Any], articles: Sequence[Article], errors: Sequence[LoadError], model: str
) -> Corpus:
    """The corpus of stored rows (``encode``'s layout), texts sliced from ``articles``.

    Raises:
        ValueError, KeyError, TypeError, IndexError: rows of another layout.
    """
    ids = [a.id for a in articles]
    texts = [a.text for a in articles]
    entities = [
        Entity(
            id=str(eid),
            name=str(name),
            type=kind,
            aliases=aliases,
            mentions=[EntityMention(ids[n], s, e, texts[n][s:e]) for n, s, e in mentions],
            evidence=evidence_from_rows(evidence),
        )
        for eid, name, kind, aliases, mentions, evidence in data["entities"]
    ]
    quotes = [quote_from_row(row, ids, texts) for row in data["quotes"]]
    return Corpus(
        articles=list(articles),
        entities=entities,
        quotes=quotes,
        errors=list(errors),
        model=model,
        stories=[Story(str(i), str(t), tuple(ids)) for i, t, ids in data["stories"]],
        quote_groups=[QuoteGroup(str(i), tuple(q)) for i, q in data["quote_groups"]],
    )
