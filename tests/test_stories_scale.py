"""Story grouping at scale: invariants on real ECB+ text, and the numpy steps against plain ones."""

from __future__ import annotations

import contextlib
from collections import Counter
from pathlib import Path
from unittest import mock

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from reader import sparse
from reader.editions import representatives
from reader.model import Article
from reader.sparse import SparseRows, candidate_pairs, nearest
from reader.stories import group_stories
from reader.story_terms import DATE_WEIGHT, Terms, date_terms, words

CORPUS = Path(__file__).parent / "data" / "linking_ecbplus"
ARTICLES = [
    Article(str(p.relative_to(CORPUS)), str(p), p.read_text(encoding="utf-8"), date=None)
    for p in sorted(CORPUS.glob("topic-*/*.txt"))
]


def _grouping(articles: list[Article]) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {s.id: (s.title, s.articles) for s in group_stories(articles)}


_subsets = st.lists(
    st.sampled_from(range(len(ARTICLES))), min_size=1, max_size=24, unique=True
).map(lambda picked: [ARTICLES[i] for i in picked])


@settings(max_examples=25, deadline=None)
@given(_subsets, st.randoms(use_true_random=False))
def test_every_article_is_in_one_story_whatever_the_input_order(articles, rng) -> None:
    # Copies under other names tie with their originals everywhere: only ids break the ties.
    articles = articles + [
        Article(f"copy-{n}/{a.id}", "", a.text, title=f"copy {n}")
        for n, a in enumerate(articles[:3])
    ]
    shuffled = list(articles)
    rng.shuffle(shuffled)
    grouping = _grouping(articles)
    ids = [a for _, members in grouping.values() for a in members]
    assert sorted(ids) == sorted(a.id for a in articles)
    assert _grouping(shuffled) == grouping


@settings(max_examples=15, deadline=None)
@given(_subsets, st.data())
def test_a_republished_copy_joins_its_original_and_changes_nothing_else(articles, data) -> None:
    originals = data.draw(st.lists(st.sampled_from(articles), min_size=1, unique_by=id))
    # Copies under other names, some sorting before their original, some after.
    copies = [
        Article(f"{prefix}{a.id}", "", a.text)
        for a, prefix in zip(originals, ("aa-copy/", "zz-copy/") * len(originals), strict=False)
    ]
    before = [set(members) for _, members in _grouping(articles).values()]
    after = [set(members) for _, members in _grouping(articles + copies).values()]
    copied_from = {c.id: o.id for c, o in zip(copies, originals, strict=True)}
    for members in after:
        for copy_id, original in copied_from.items():
            assert (copy_id in members) == (original in members)
    assert sorted(map(sorted, (m - copied_from.keys() for m in after))) == sorted(
        map(sorted, before)
    )


def test_editions_differ_by_a_closing_line_and_other_articles_are_not_editions() -> None:
    texts = [a.text for a in ARTICLES[:6]]
    editions = [f"{t.rstrip()}\n\nArchived copy, edition 2.\n" for t in texts]
    corrected = texts[0].replace("\n", " \n", 1)  # one line changed: its headline
    reps = representatives([*texts, *editions, corrected])
    assert reps[:6] == list(range(6))
    assert reps[6:12] == list(range(6))
    assert reps[12] == (0 if len(texts[0].splitlines()[0]) < 0.1 * len(texts[0]) else 12)
    assert representatives(["", " \n", "", "short", "short"]) == [0, 1, 2, 3, 3]


def test_a_short_text_and_its_edition_differ_by_more_than_a_tenth_but_one_short_line() -> None:
    brief = "\n".join(ARTICLES[0].text.splitlines()[:3])[:200]
    edition = f"{brief}\nUpdated 5:40 p.m. ET, 3 May 2013\n"
    assert len(edition) - len(brief) > 0.1 * len(edition)
    assert representatives([brief, edition]) == [0, 0]
    # Two briefs under one headline are two texts when most of them differs.
    headline = "Strong earthquake strikes southern Iran, officials say"
    first = f"{headline}\nRescuers reached the villages near Qeshm by the evening."
    second = f"{headline}\nThe death toll rose to ten on Monday, the governor said."
    assert representatives([first, second]) == [0, 1]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(range(len(ARTICLES))), min_size=1, max_size=12))
def test_a_representative_is_an_earlier_text_that_represents_itself(picked) -> None:
    texts = [ARTICLES[i].text for i in picked]
    reps = representatives(texts)
    for index, rep in enumerate(reps):
        assert rep <= index and reps[rep] == rep
        if rep != index:
            # Only a real copy: the lines both hold make up nearly all of the longer one
            # (topic 21 of the copied corpus holds such a pair: one with, one without headline).
            assert _nearly_the_same(texts[index], texts[rep])
        if texts[index] in texts[:index]:  # the same text twice: one story, one representative
            assert rep == reps[texts.index(texts[index])]


def _nearly_the_same(one: str, other: str) -> bool:
    """The test's own, all-pairs notion of an edition: the distinct lines both hold make up
    half the longer text and 90% of it, or all of it but 80 characters."""
    lines = [{line.strip() for line in t.splitlines() if line.strip()} for t in (one, other)]
    sizes = [sum(map(len, each)) for each in lines]
    shared = sum(map(len, lines[0] & lines[1]))
    longer = max(sizes)
    return (
        longer > 0 and (shared >= 0.9 * longer or longer - shared <= 80) and shared >= 0.5 * longer
    )


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(ARTICLES))
def test_one_pass_terms_match_the_words_and_dates_of_the_text(article) -> None:
    terms = Terms()
    content, marks = terms.of(article.text, ["e1", "e2", "e1"])
    want: Counter[str] = Counter(words(article.text))
    for term in date_terms(article.text):
        want[term] += DATE_WEIGHT
    assert content == want
    assert marks["entity:e1"] == 2 and marks["entity:e2"] == 1
    numbers = [t for t in marks if t.startswith("number:")]
    assert all(t.split(":", 1)[1].isdigit() for t in numbers)
    assert terms.of(article.text, ["e1", "e2", "e1"]) == (content, marks)  # memo reused


# -- the numpy steps against plain Python -------------------------------------------------

_matrices = st.lists(
    st.dictionaries(st.integers(0, 9), st.floats(0.01, 1), max_size=5), min_size=1, max_size=12
)


def _rows(vectors: list[dict[int, float]]) -> SparseRows:
    indptr = np.cumsum([0] + [len(v) for v in vectors])
    indices = np.array([t for v in vectors for t in v], dtype=np.int64)
    data = np.array([x for v in vectors for x in v.values()], dtype=np.float64)
    return SparseRows(indptr, indices, data, 10)


def _chunks(small: bool):
    """The budgets as they are, or so small that every step runs in many chunks."""
    if not small:
        return contextlib.nullcontext()
    return mock.patch.multiple(sparse, CHUNK_ENTRIES=3, DENSE_ENTRIES=4)


@settings(max_examples=60, deadline=None)
@given(_matrices, st.integers(1, 6), st.booleans())
def test_candidate_pairs_are_the_pairs_sharing_an_uncommon_column(vectors, cap, small) -> None:
    with _chunks(small):
        a, b = candidate_pairs(_rows(vectors), cap, per_row=len(vectors))
    df = Counter(t for v in vectors for t in v)
    want = [
        (i, j)
        for i in range(len(vectors))
        for j in range(i + 1, len(vectors))
        if any(df[t] <= cap for t in vectors[i].keys() & vectors[j].keys())
    ]
    assert list(zip(a.tolist(), b.tolist(), strict=True)) == want


@settings(max_examples=40, deadline=None)
@given(_matrices, st.integers(1, 3))
def test_candidate_pairs_keep_the_strongest_per_row(vectors, per_row) -> None:
    a, b = candidate_pairs(_rows(vectors), cap=len(vectors), per_row=per_row)
    assert max(Counter(a.tolist()).values(), default=0) <= per_row
    for i, j in zip(a.tolist(), b.tolist(), strict=True):
        shared = sum(vectors[i][t] * vectors[j][t] for t in vectors[i].keys() & vectors[j].keys())
        stronger = [
            k
            for k in range(i + 1, len(vectors))
            if sum(vectors[i][t] * vectors[k][t] for t in vectors[i].keys() & vectors[k].keys())
            > shared + 1e-9
        ]
        assert len(stronger) < per_row


@settings(max_examples=60, deadline=None)
@given(_matrices, st.booleans())
def test_pair_dots_in_chunks_match_plain_dot_products(vectors, small) -> None:
    n = len(vectors)
    a = np.array([i for i in range(n) for _ in range(n)], dtype=np.int64)
    b = np.array([j for _ in range(n) for j in range(n)], dtype=np.int64)
    with _chunks(small):
        got = _rows(vectors).pair_dots(a, b)
    want = [
        sum(vectors[i][t] * vectors[j][t] for t in vectors[i].keys() & vectors[j].keys())
        for i, j in zip(a.tolist(), b.tolist(), strict=True)
    ]
    np.testing.assert_allclose(got, want, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=30, unique=True),
    st.integers(1, 4),
)
def test_nearest_keeps_the_k_most_similar_of_either_item(pairs, k) -> None:
    pairs = [(x, y) for x, y in pairs if x < y]
    s = np.arange(1, len(pairs) + 1, dtype=np.float64)[::-1] / 7.0  # distinct, no ties
    a = np.array([x for x, _ in pairs], dtype=np.int64)
    b = np.array([y for _, y in pairs], dtype=np.int64)
    mask = nearest(a, b, s, 8, k)
    for index, (x, y) in enumerate(pairs):
        ranked = {
            item: sorted((-s[i] for i, p in enumerate(pairs) if item in p))[:k] for item in (x, y)
        }
        wanted = -s[index] in ranked[x] or -s[index] in ranked[y]
        assert bool(mask[index]) == wanted


@settings(max_examples=40, deadline=None)
@given(_matrices, st.integers(1, 4))
def test_strongest_keeps_each_rows_largest_entries(vectors, k) -> None:
    rows = _rows(vectors).strongest(k)
    for r, vec in enumerate(vectors):
        kept = rows.data[rows.indptr[r] : rows.indptr[r + 1]].tolist()
        assert sorted(kept, reverse=True) == sorted(vec.values(), reverse=True)[:k]


def test_tfidf_rows_are_unit_length_and_weigh_rare_terms_more() -> None:
    rows = SparseRows.tfidf([{"quake": 1, "iran": 2}, {"quake": 1, "chile": 1}, {}])
    lengths = np.bincount(rows.rows, rows.data**2, minlength=3)
    np.testing.assert_allclose(lengths, [1.0, 1.0, 0.0])
    second = dict(zip(rows.indices[2:4].tolist(), rows.data[2:4].tolist(), strict=True))
    assert second[2] > second[0]  # "chile" (in one row) outweighs "quake" (in two)
