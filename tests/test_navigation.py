"""The mention index: reading order, next/previous, wrap-around, i/N."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.model import EntityMention
from reader.navigation import MentionIndex, reading_order

SEED = (
    "Kremlin spokesperson Dmitry Peskov said that Russia had always maintained that the "
    "troops will return. “This is the case this time as well,” Peskov said, according to Reuters."
)
OTHER = "The Kremlin on Tuesday said some of its military personnel are returning, Peskov said."


def mentions_of(name: str, article: str, text: str) -> list[EntityMention]:
    return [EntityMention(article, m.start(), m.end(), m.group()) for m in re.finditer(name, text)]


def test_reading_order_puts_columns_first_then_the_rest_in_corpus_order():
    assert reading_order(["c", "a"], ["a", "b", "c", "d"]) == ["c", "a", "b", "d"]
    # Repeats and unknown ids in the columns are ignored.
    assert reading_order(["b", "b", "zz"], ["a", "b"]) == ["b", "a"]


def test_next_walks_article_by_article_in_column_order_then_wraps():
    a = mentions_of("Peskov", "a", SEED)
    b = mentions_of("Peskov", "b", OTHER)
    index = MentionIndex([*b, *a], order=["a", "b"])
    steps = [index.next() for _ in range(4)]
    assert [s.mention for s in steps[:3]] == [*a, *b]
    assert [s.label for s in steps] == ["1/3", "2/3", "3/3", "1/3"]
    assert [s.wrapped for s in steps] == [False, False, False, True]
    assert SEED[steps[0].mention.start : steps[0].mention.end] == "Peskov"


def test_previous_from_the_start_goes_to_the_last_and_wraps_at_the_first():
    a = mentions_of("Peskov", "a", SEED)
    b = mentions_of("Peskov", "b", OTHER)
    index = MentionIndex([*a, *b], order=["b", "a"])
    first = index.previous()
    assert first is not None and first.mention == a[-1] and not first.wrapped
    index.go_to(b[0])
    back = index.previous()
    assert back is not None and back.mention == a[-1] and back.wrapped
    assert back.label == "3/3"


def test_locate_puts_the_cursor_on_the_clicked_mention():
    a = mentions_of("Peskov", "a", SEED)
    index = MentionIndex(a, order=["a"])
    step = index.locate("a", a[1].start + 2)
    assert step is not None and step.label == "2/2"
    assert index.locate("a", 0) is None
    assert index.current is not None and index.current.mention == a[1]


def test_empty_index_never_moves():
    index = MentionIndex([], order=["a"])
    assert index.next() is None and index.previous() is None
    assert index.current is None and len(index) == 0


def test_go_to_rejects_a_foreign_mention():
    index = MentionIndex(mentions_of("Peskov", "a", SEED), order=["a"])
    with pytest.raises(ValueError):
        index.go_to(EntityMention("b", 0, 6, "Peskov"))


def test_articles_missing_from_the_order_come_last():
    a = mentions_of("Peskov", "a", SEED)
    b = mentions_of("Peskov", "b", OTHER)
    index = MentionIndex([*b, *a], order=["a"])
    assert index.mentions == (*a, *b)


mention_lists = st.lists(
    st.builds(
        EntityMention,
        st.sampled_from(["a", "b", "c", "d"]),
        st.integers(0, 2000),
        st.integers(0, 0),
        st.just("x"),
    ).map(lambda m: EntityMention(m.article, m.start, m.start + 3, m.text)),
    max_size=30,
)


@given(mention_lists, st.permutations(["a", "b", "c", "d"]), st.integers(1, 70))
def test_n_steps_forward_then_n_back_returns_to_the_start(mentions, order, steps):
    index = MentionIndex(mentions, order)
    start = index.next()
    if start is None:
        assert not mentions
        return
    for _ in range(steps):
        index.next()
    for _ in range(steps):
        index.previous()
    assert index.current == start


@given(mention_lists, st.permutations(["a", "b", "c", "d"]))
def test_a_full_cycle_visits_every_mention_once_in_reading_order(mentions, order):
    index = MentionIndex(mentions, order)
    seen = [index.next() for _ in range(len(index))]
    assert {s.mention for s in seen} == set(mentions)
    assert not any(s.wrapped for s in seen)
    keys = [(order.index(s.mention.article), s.mention.start) for s in seen]
    assert keys == sorted(keys)
    if seen:
        assert index.next().wrapped  # type: ignore[union-attr]


def test_the_model_modules_of_this_feature_never_import_textual():
    import subprocess
    import sys

    code = (
        "import sys, reader.navigation, reader.themes; "
        "sys.exit(1 if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
