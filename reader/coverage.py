"""Comparing coverage: who and what only one of a set of articles names or quotes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reader.model import Corpus

#: Entity types compared (groups such as "Russian" are adjectives more than actors).
COMPARED_TYPES = ("person", "organization", "place")


@dataclass(frozen=True, slots=True)
class CoverageEntry:
    """One entity an article names, or one speaker it quotes, with how often.

    ``kind`` is the entity type, or ``"speaker"``; ``quote`` is the first quote
    of a speaker entry (what to jump to), None for the others.
    """

    kind: str
    entity: str
    name: str
    count: int
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleCoverage:
    """What one article has that none of the others compared has."""

    article: str
    label: str
    only: tuple[CoverageEntry, ...]


@dataclass(frozen=True, slots=True)
class Coverage:
    """Per article what only it has, then what all of them share (counts summed)."""

    articles: tuple[ArticleCoverage, ...]
    shared: tuple[CoverageEntry, ...]


def compare_coverage(corpus: Corpus, article_ids: Sequence[str]) -> Coverage:
    """What each of ``article_ids`` alone names and quotes, and what all share.

    Args:
        corpus: The analyzed corpus.
        article_ids: The articles to compare (unknown ids are ignored).

    Returns:
        For each article the people, organizations and places only it names
        and the speakers only it quotes, most mentioned first; then the
        entities all of them name.
    """
    ids = [a for a in dict.fromkeys(article_ids) if a in {x.id for x in corpus.articles}]
    chosen = set(ids)
    named: dict[str, Counter[str]] = {a: Counter() for a in ids}
    for entity in corpus.entities:
        if entity.type not in COMPARED_TYPES:
            continue
        for mention in entity.mentions:
            if mention.article in chosen:
                named[mention.article][entity.id] += 1
    quoted: dict[str, Counter[str]] = {a: Counter() for a in ids}
    first_quote: dict[tuple[str, str], str] = {}
    for quote in corpus.quotes:
        if quote.article in chosen and quote.speaker and quote.speaker.entity:
            quoted[quote.article][quote.speaker.entity] += 1
            first_quote.setdefault((quote.article, quote.speaker.entity), quote.id)

    def entry(kind: str, entity_id: str, count: int, quote: str | None = None) -> CoverageEntry:
        entity = corpus.entity(entity_id)
        return CoverageEntry(
            kind if kind == "speaker" else entity.type, entity_id, entity.name, count, quote
        )

    per_article = []
    for article_id in ids:
        others_named = {e for a in ids if a != article_id for e in named[a]}
        others_quoted = {e for a in ids if a != article_id for e in quoted[a]}
        only = [
            entry("entity", e, n) for e, n in _ranked(named[article_id]) if e not in others_named
        ]
        only += [
            entry("speaker", e, n, first_quote[(article_id, e)])
            for e, n in _ranked(quoted[article_id])
            if e not in others_quoted
        ]
        article = corpus.article(article_id)
        label = article.source or article.title or article.id
        per_article.append(ArticleCoverage(article_id, label, tuple(only)))
    shared: tuple[CoverageEntry, ...] = ()
    if len(ids) > 1:
        common = set.intersection(*(set(named[a]) for a in ids))
        total = Counter({e: sum(named[a][e] for a in ids) for e in common})
        shared = tuple(entry("entity", e, n) for e, n in _ranked(total))
    return Coverage(tuple(per_article), shared)


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
