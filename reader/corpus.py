"""Building the corpus index: linked entities, and quotes whose speakers point at them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from functools import partial
from operator import attrgetter
from typing import Any

from reader import aside
from reader.linking import STEPS, AliasTable, ArticleDigest, link_entities
from reader.model import (
    Analysis,
    Article,
    Corpus,
    Entity,
    LoadError,
    Quote,
    QuoteFinding,
    QuoteGroup,
    Story,
)
from reader.quote_groups import group_quotes
from reader.speakers import found_quotes, placed_quotes

#: What ``link_corpus`` does, in order, as its ``on_step`` is told: linking's steps, then this.
LINK_STEPS = (*STEPS, "placing quotes")


def link_corpus(
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    errors: Sequence[LoadError],
    model: str,
    aliases: AliasTable | None = None,
    compare: bool = True,
    digests: Mapping[str, ArticleDigest] | None = None,
    compare_aside: bool = False,
    on_step: Callable[[str], object] | None = None,
) -> Corpus:
    """Link the analyses of ``articles`` into one corpus.

    Articles without an analysis (not yet analyzed) are kept, with no entities
    or quotes; the UI shows their text at once. ``aliases`` are the merges and
    splits of the alias files (the shipped table alone when None). ``compare``
    also groups the articles into stories and repeated quotes into groups
    (seconds for 10,000 articles: a UI relinking while results arrive skips it
    until the collection is complete). ``digests`` are linking's per-article
    work done before, by article id (see ``reader.linking.digest_article``).
    ``compare_aside``: group stories and repeated quotes in a forked child while
    the entities are linked here (``reader.aside``: for a single-threaded
    caller, the command line), with the same result. ``on_step`` is told each of
    ``LINK_STEPS`` as it begins (a progress display).
    """
    stages = corpus_stages(
        articles, analyses, errors, model, aliases, compare, digests, compare_aside, on_step
    )
    del digests  # let go of once linked (``corpus_stages`` does)
    next(stages)
    return next(stages)


def corpus_stages(
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    errors: Sequence[LoadError],
    model: str,
    aliases: AliasTable | None = None,
    compare: bool = True,
    digests: Mapping[str, ArticleDigest] | None = None,
    compare_aside: bool = False,
    on_step: Callable[[str], object] | None = None,
) -> Iterator[Corpus]:
    """``link_corpus`` in two stages, with the same arguments: yields the corpus with its
    entities linked and no quotes yet (the reader's linking process sends the entities
    on while the quotes are placed), then the whole corpus (a new one: the first is
    left as it was)."""
    documents = [(a, analyses[a.id]) for a in articles if a.id in analyses]
    found, ids = found_quotes((a.id, analysis) for a, analysis in documents)
    comparing = None
    if compare and compare_aside:
        # What needs no entity is done on the other core while they are linked here.
        comparing = aside.start(
            partial(_compare, articles, found, ids), _comparison_rows, _comparison_from_rows
        )
    entities = link_entities(documents, aliases, digests=digests, on_step=on_step)
    # The digests are the bulk of linking's memory: let them go before stories are
    # grouped (a caller that keeps them, like the digest memo, still has them).
    del digests
    if comparing is not None:
        comparing.send(entities_by_article(entities))
    # Said before the entities go on: they are taken in while the quotes are placed.
    if on_step is not None:
        on_step(LINK_STEPS[-1])
    yield Corpus(
        articles=list(articles), entities=entities, quotes=[], errors=list(errors), model=model
    )
    quotes = placed_quotes(found, ids, entities)
    corpus = Corpus(
        articles=list(articles),
        entities=entities,
        quotes=quotes,
        errors=list(errors),
        model=model,
    )
    if comparing is not None:
        corpus.stories, corpus.quote_groups = comparing.result()
    elif compare:
        compare_corpus(corpus)
    yield corpus


def compare_corpus(corpus: Corpus) -> Corpus:
    """Group a linked corpus's articles into stories and its repeated quotes (in place,
    and returned): what ``link_corpus(..., compare=True)`` adds to it. Stories and
    repeated quotes read only text and ids: no spaCy."""
    # Here, not at the top: stories need numpy, which a collection reopened
    # from the index (through this module's importers) never should load.
    from reader.stories import group_stories

    corpus.stories = group_stories(corpus.articles, corpus.entities)
    corpus.quote_groups = group_quotes(corpus.quotes)
    return corpus


Comparison = tuple[list[Story], list[QuoteGroup]]


def _compare(
    articles: Sequence[Article],
    found: Sequence[tuple[str, QuoteFinding]],
    ids: Sequence[str],
    receive: Callable[[], Mapping[str, Sequence[str]]],
) -> Comparison:
    """Stories and repeated quotes; ``receive`` gives the entities each article names
    (``entities_by_article``), once linked. Runs aside (``reader.aside``)."""
    from reader.stories import group_story_texts, story_texts

    # Repeated quotes read their texts and places alone, not their speakers.
    plain = [
        Quote(quote_id, article_id, f.start, f.end, f.text, f.partial, None, None)
        for quote_id, (article_id, f) in zip(ids, found, strict=True)
    ]
    quote_groups = group_quotes(plain)
    texts = story_texts(articles)
    return group_story_texts(texts, receive()), quote_groups


def entities_by_article(
    entities: Iterable[Entity], articles: Collection[str] | None = None
) -> dict[str, list[str]]:
    """The ids of the entities each article (of ``articles``, or every one) names, in
    entity order: what stories read of the entities."""
    named: dict[str, list[str]] = defaultdict(list)
    article_of = attrgetter("article")
    for entity in entities:
        found = set(map(article_of, entity.mentions))
        for article_id in found if articles is None else found.intersection(articles):
            named[article_id].append(entity.id)
    return named


def _comparison_rows(comparison: Comparison) -> list[Any]:
    stories, groups = comparison
    return [
        [[s.id, s.title, list(s.articles)] for s in stories],
        [[g.id, list(g.quotes)] for g in groups],
    ]


def _comparison_from_rows(rows: Any) -> Comparison:
    """``_comparison_rows`` back; raises TypeError or ValueError on other data."""
    story_rows, group_rows = rows
    stories, groups = [], []
    for story_id, title, story_ids in story_rows:
        _strings(story_id, title, *story_ids)
        stories.append(Story(story_id, title, tuple(story_ids)))
    for group_id, quote_ids in group_rows:
        _strings(group_id, *quote_ids)
        groups.append(QuoteGroup(group_id, tuple(quote_ids)))
    return stories, groups


def _strings(*values: Any) -> None:
    if not all(isinstance(value, str) for value in values):
        raise TypeError("not a row of strings")
