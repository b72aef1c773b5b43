"""What the dialogs reuse at each open: the article catalog, story groups, per-corpus summaries.

Each is checked against the plain computation it replaces (a sort at every
open, a scan per story, a grouping at every open) on real ECB+ articles.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from reader.model import Article, Corpus, Story
from reader.pipeline import load_articles
from reader.ui.article_picker import by_story, story_index
from reader.ui.corpus_memo import per_corpus
from reader.ui.picker_order import (
    ORDERS,
    ArticleCatalog,
    field_texts,
    matches,
    parse_filter,
    sort_articles,
)
from reader.ui.quotes_screen import group_quotes

TOPICS = Path(__file__).parents[1] / "data" / "linking_ecbplus"
SORTS = [by for by, _ in ORDERS]


@pytest.fixture(scope="module")
def real_articles(settings) -> list[Article]:
    """ECB+ articles of several topics (real titles, dates and file names)."""
    loaded = load_articles(sorted(p for p in TOPICS.iterdir() if p.is_dir()), settings)
    assert len(loaded.articles) > 20
    return loaded.articles


def _ids(articles) -> list[str]:
    return [a.id for a in articles]


def _words(articles: list[Article]) -> list[str]:
    """Filter terms a reader could type: words of the titles and sources, some with a field."""
    words = sorted({w for a in articles for w in f"{a.title} {a.source or ''}".split() if w})
    fields = [f"{name}:{w}" for name in ("title", "source", "file") for w in words[:20]]
    return words + fields + ["date:20", "ecb", "zzz-nowhere"]


ORDER = st.sampled_from(SORTS)


@hypothesis_settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), by=ORDER)
def test_the_catalog_lists_and_filters_as_sorting_at_every_open_did(real_articles, data, by):
    articles = data.draw(st.permutations(real_articles))
    split = data.draw(st.integers(0, len(articles)))
    query = " ".join(data.draw(st.lists(st.sampled_from(_words(articles)), max_size=3)))
    # Made from a first part, sorted, then grown by the rest (articles read later).
    catalog = ArticleCatalog(articles[:split])
    if data.draw(st.booleans()):
        catalog.ordered(data.draw(ORDER))  # a picker opened before the rest were read
    grown = catalog.with_articles(articles[split:])
    expected = sort_articles(articles, by)
    assert _ids(grown.ordered(by)) == _ids(expected)
    anywhere, fielded = parse_filter(query)
    kept = [a for a in expected if matches(field_texts(a), anywhere, fielded)]
    assert _ids(grown.find(query, by)) == _ids(kept)
    assert len(grown) == len(articles)


def _by_story_by_scanning(found, stories):
    # The grouping as it was: each story looked up in the whole list.
    groups, placed = [], set()
    for story in stories:
        members = [a for a in found if a.id in set(story.articles)]
        if len(story.articles) >= 2 and members:
            groups.append((story, members))
            placed.update(a.id for a in members)
    rest = [a for a in found if a.id not in placed]
    return groups + ([(None, rest)] if rest else [])


@hypothesis_settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_story_groups_are_those_of_scanning_each_story(real_articles, data):
    ids = _ids(real_articles)
    stories = [
        Story(f"s{n}", f"Story {n}", tuple(members))
        for n, members in enumerate(
            data.draw(st.lists(st.lists(st.sampled_from(ids), max_size=6), max_size=8))
        )
    ]
    found = data.draw(st.lists(st.sampled_from(real_articles), unique_by=lambda a: a.id))
    expected = _by_story_by_scanning(found, stories)
    for got in (by_story(found, stories), by_story(found, stories, story_index(stories))):
        assert [(s.id if s else None, _ids(m)) for s, m in got] == [
            (s.id if s else None, _ids(m)) for s, m in expected
        ]


def test_a_summary_is_computed_once_per_corpus_and_again_for_a_new_one(real_articles):
    calls: list[Corpus] = []

    @per_corpus
    def count(corpus: Corpus) -> int:
        calls.append(corpus)
        return len(corpus.articles)

    first = Corpus(real_articles, [], [], [], "test")
    second = Corpus(real_articles[:3], [], [], [], "test")
    assert count(first) == len(real_articles)
    assert count(first) == len(real_articles)
    assert calls == [first]
    assert count(second) == 3
    assert count(first) == len(real_articles)  # the one before is kept too
    assert calls == [first, second]
    third = Corpus(real_articles[:1], [], [], [], "test")
    assert count(third) == 1 and count(first) == len(real_articles)  # two kept: made again
    assert calls == [first, second, third, first]


def test_the_quotes_grouping_is_kept_for_the_corpus(real_articles):
    corpus = Corpus(real_articles, [], [], [], "test")
    assert group_quotes(corpus) is group_quotes(corpus)
