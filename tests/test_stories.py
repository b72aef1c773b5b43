"""Story grouping on real ECB+ articles: two events of one kind stay two stories."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.model import Article
from reader.sparse import SparseRows
from reader.stories import average_link, cosine, group_stories
from reader.story_terms import date_terms

CORPUS = Path(__file__).parent / "data" / "linking_ecbplus"


def _articles() -> list[Article]:
    paths = sorted(CORPUS.glob("topic-*/*.txt"))
    return [
        Article(str(p.relative_to(CORPUS)), str(p), p.read_text(encoding="utf-8")) for p in paths
    ]


def _event(article_id: str) -> str:
    topic, name = article_id.split("/")
    return topic + ("+" if "ecbplus" in name else "")


def test_articles_of_several_topics_group_by_event() -> None:
    articles = _articles()
    stories = group_stories(articles)
    ids = [a for s in stories for a in s.articles]
    assert sorted(ids) == sorted(a.id for a in articles)  # each article exactly once
    # No story mixes topics, and most articles share their story with their event.
    for story in stories:
        assert len({_event(a).rstrip("+") for a in story.articles}) == 1, story
    pure = sum(len(s.articles) for s in stories if len({_event(a) for a in s.articles}) == 1)
    assert pure / len(articles) >= 0.7
    assert len({s.id for s in stories}) == len(stories)


def test_story_ids_and_titles_are_stable_and_dated_articles_come_first_by_date() -> None:
    text = "An earthquake of magnitude 6.1 struck Qeshm island in Iran on Sunday, killing ten."
    articles = [
        Article("b", "b", text + " Rescuers searched villages.", "Later report", date="2005-11-29"),
        Article(
            "a", "a", text + " Rescuers searched the island.", "First report", date="2005-11-27"
        ),
        Article("c", "c", text + " Villages were damaged.", "Undated report"),
    ]
    [story] = group_stories(articles)
    assert story.articles == ("a", "b", "c")
    assert story.id == group_stories(list(reversed(articles)))[0].id
    assert story.title in {"Later report", "First report", "Undated report"}


def test_same_kind_events_far_apart_in_time_stay_apart() -> None:
    quake = "A strong earthquake struck southern Iran, destroying villages near Qeshm."
    articles = [
        Article("x1", "x1", quake + " It happened in November 2005.", date="2005-11-27"),
        Article("x2", "x2", quake + " Officials said in November 2005.", date="2005-11-28"),
        Article("y1", "y1", quake + " It happened in April 2013.", date="2013-04-09"),
        Article("y2", "y2", quake + " Officials said in April 2013.", date="2013-04-10"),
    ]
    groups = sorted(sorted(s.articles) for s in group_stories(articles))
    assert groups == [["x1", "x2"], ["y1", "y2"]]


def test_a_verdict_a_year_after_its_event_is_in_its_story() -> None:
    # Follow-ups (an arrest, a trial, a verdict) come months or a year or two later.
    shooting = (
        "A former employee opened fire at the Kraft Foods plant in northeast Philadelphia, "
        "killing two co-workers."
    )
    articles = [
        Article(
            "a1",
            "a1",
            shooting + " Police said Yvonne Hiller was taken into custody.",
            date="2010-09-10",
        ),
        Article(
            "a2",
            "a2",
            shooting + " Hiller was arrested at the scene, police said.",
            date="2010-09-11",
        ),
        Article(
            "v1",
            "v1",
            "A judge found Yvonne Hiller guilty of murdering two co-workers at the Kraft Foods "
            "plant in northeast Philadelphia.",
            date="2011-10-20",
        ),
        Article(
            "q1",
            "q1",
            "An earthquake struck southern Iran, destroying villages near Qeshm.",
            date="2011-10-20",
        ),
    ]
    groups = sorted(sorted(s.articles) for s in group_stories(articles))
    assert groups == [["a1", "a2", "v1"], ["q1"]]


def test_date_terms_read_years_and_month_days() -> None:
    assert date_terms("On Feb. 16, 2022 and March 3") == ["year:2022", "date:feb-16", "date:mar-3"]


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(st.tuples(st.integers(0, 7), st.integers(0, 7)), st.floats(0, 1)))
def test_average_link_partitions_every_item_once(sims: dict) -> None:
    sims = {(a, b): s for (a, b), s in sims.items() if a < b}
    clusters = average_link(8, sims, 0.3)
    assert sorted(i for c in clusters for i in c) == list(range(8))
    for cluster in clusters:  # merged only when some pair was alike enough
        if len(cluster) > 1:
            assert any(sims.get((a, b), 0) >= 0.3 for a in cluster for b in cluster if a < b)


_vectors = st.lists(
    st.dictionaries(st.sampled_from("abcdefgh"), st.floats(0, 1), max_size=6),
    min_size=1,
    max_size=6,
)


@settings(max_examples=50, deadline=None)
@given(_vectors)
def test_pair_dot_products_match_the_plain_ones(vectors: list) -> None:
    rows = _rows(vectors)
    n = len(vectors)
    a = np.array([i for i in range(n) for _ in range(n)], dtype=np.int64)
    b = np.array([j for _ in range(n) for j in range(n)], dtype=np.int64)
    got = rows.pair_dots(a, b).tolist()
    want = [cosine(vectors[i], vectors[j]) for i, j in zip(a.tolist(), b.tolist(), strict=True)]
    assert got == pytest.approx(want)
    assert rows.pair_dots(a[:0], b[:0]).tolist() == []


def _rows(vectors: list[dict[str, float]]) -> SparseRows:
    """The vectors as rows, without TF-IDF weighting."""
    vocabulary = {t: i for i, t in enumerate("abcdefgh")}
    indptr = np.cumsum([0] + [len(v) for v in vectors])
    indices = np.array([vocabulary[t] for v in vectors for t in v], dtype=np.int64)
    data = np.array([x for v in vectors for x in v.values()], dtype=np.float64)
    return SparseRows(indptr, indices, data, len(vocabulary))
