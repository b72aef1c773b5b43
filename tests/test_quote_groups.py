"""Grouping repeated quotes, and the words one outlet changed, on real ECB+ quotes."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.model import Quote
from reader.quote_groups import differing_words, group_quotes, normalized_words

DEV = Path(__file__).parent / "data" / "quote_groups_dev.jsonl"


def _quote(qid: str, article: str, text: str) -> Quote:
    return Quote(qid, article, 0, len(text), text, False, None, None)


def test_dev_set_groups_and_near_misses() -> None:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    assert sum(r["kind"] == "group" for r in rows) >= 60
    quotes, gold = [], {}
    for row in rows:
        for item in row["quotes"]:
            q = _quote(f"q{len(quotes)}", item["doc"], item["text"])
            quotes.append(q)
            gold[q.id] = row["id"] if row["kind"] == "group" else q.id
    groups = group_quotes(quotes)
    for group in groups:
        articles = {q.article for q in quotes if q.id in group.quotes}
        assert len(articles) >= 2
    wrong = sum(len({gold[q] for q in g.quotes}) > 1 for g in groups)
    assert wrong <= len(groups) * 0.05


def test_punctuation_fragment_and_changed_word_group_but_another_statement_does_not() -> None:
    quotes = [
        _quote("a", "1", "I am so excited to be hosting the Oscars for the second time."),
        _quote("b", "2", "I am so excited to be hosting the Oscars for the second time,"),
        _quote("c", "3", "so excited to be hosting the Oscars"),
        _quote("d", "4", "I am so thrilled to be hosting the Oscars for the second time"),
        _quote("e", "5", "It is an honor to welcome back Ellen DeGeneres as the host"),
    ]
    [group] = group_quotes(quotes)
    assert set(group.quotes) == {"a", "b", "c", "d"}


def test_abbreviation_written_out() -> None:
    assert normalized_words("the U.S. said") == normalized_words("the United States said")


def test_differing_words_marks_changed_not_fragment() -> None:
    text = "We cannot perfectly predict the day, but we are in the window"
    other = "we cannot predict the day, but we are in the window"
    assert [text[s:e] for s, e in differing_words(text, other)] == ["perfectly"]
    assert differing_words(text, "predict the day") == []
    assert [text[s:e] for s, e in differing_words(text, "We cannot guess the day")] == [
        "perfectly predict"
    ]


@given(st.text(max_size=80), st.text(max_size=80))
def test_differing_ranges_are_sorted_inside_the_text(a: str, b: str) -> None:
    ranges = differing_words(a, b)
    assert all(0 <= s < e <= len(a) for s, e in ranges)
    assert all(x[1] < y[0] for x, y in itertools.pairwise(ranges))
    assert differing_words(a, a) == []
