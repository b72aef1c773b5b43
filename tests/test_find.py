"""Find text: plain words and phrases, regular expressions, limits, and the match cursor."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reader.find as find_module
from reader.find import FindError, find, find_matches, text_pattern
from reader.model import Article

SEEDS = sorted((Path(__file__).parent / "data" / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return [
        Article(path.name, str(path), path.read_text(encoding="utf-8"), title=path.stem)
        for path in SEEDS
    ]


def test_a_word_is_found_in_every_article_in_reading_order(seeds) -> None:
    matches = find_matches(seeds, "ukraine")
    assert {m.article for m in matches} == {a.id for a in seeds}
    by_article = [m.article for m in matches]
    assert by_article == sorted(by_article, key=[a.id for a in seeds].index)
    for first, second in itertools.pairwise(matches):
        if first.article == second.article:
            assert first.start < second.start
    assert all(m.text.lower() == "ukraine" for m in matches)


def test_whole_words_only(seeds) -> None:
    # "Ukrainian" is in the seeds, and must not count as "Ukraine" nor "Ukrain".
    assert find_matches(seeds, "Ukrain") == []
    words = re.findall(r"\bUkrainian\b", seeds[1].text)
    assert words, "the seed should mention Ukrainian"
    assert len([m for m in find_matches(seeds, "ukrainian") if m.article == seeds[1].id]) == len(
        words
    )


def test_a_phrase_matches_across_a_line_break_and_typographic_apostrophes() -> None:
    article = Article("a", "a.txt", "The Kremlin’s\nspokesman spoke. The Kremlin's  spokesman.")
    matches = find_matches([article], "kremlin's spokesman")
    assert [m.text for m in matches] == ["Kremlin’s\nspokesman", "Kremlin's  spokesman"]
    assert find_matches([article], "kremlin's spokesman", case_sensitive=True) == []


def test_case_sensitive_text_find(seeds) -> None:
    lower = find_matches(seeds, "reuters")
    exact = find_matches(seeds, "Reuters", case_sensitive=True)
    assert exact and len(exact) == len([m for m in lower if m.text == "Reuters"])
    assert find_matches(seeds, "REUTERS", case_sensitive=True) == []


def test_a_query_ending_in_punctuation_still_matches() -> None:
    article = Article("a", "a.txt", "He said no. Then no, and no")
    assert [m.start for m in find_matches([article], "no.")] == [8]
    assert len(find_matches([article], "no")) == 3


def test_blank_query_finds_nothing(seeds) -> None:
    assert find_matches(seeds, "   ") == []
    assert find_matches(seeds, "", mode="regex") == []


def test_regex_mode(seeds) -> None:
    matches = find_matches(seeds, r"\b\d{4}\b", mode="regex")
    assert matches
    assert all(re.fullmatch(r"\d{4}", m.text) for m in matches)
    # Empty matches are skipped: nothing to highlight.
    assert find_matches(seeds, r"x*", mode="regex") == [
        m for m in find_matches(seeds, r"x+", mode="regex")
    ]


def test_an_invalid_regex_is_a_one_line_message(seeds) -> None:
    with pytest.raises(FindError) as caught:
        find(seeds, "(unclosed", mode="regex")
    message = str(caught.value)
    assert message.startswith("invalid regular expression:")
    assert "\n" not in message


def test_a_catastrophic_regex_is_stopped(monkeypatch) -> None:
    monkeypatch.setattr(find_module, "REGEX_BUDGET", 0.05)
    article = Article("a", "a.txt", "ab" * 40 + "!")
    with pytest.raises(FindError, match="took over"):
        find([article], r"^(\w|\w\w)*$", mode="regex")


def test_the_number_of_matches_is_capped() -> None:
    article = Article("a", "a.txt", "war " * 50)
    results = find([article], "war", limit=10)
    assert len(results.matches) == 10
    assert results.truncated
    assert results.count_label == "10+"
    complete = find([article], "war")
    assert not complete.truncated and complete.count_label == "50"


def test_the_cursor_walks_matches_in_the_shown_order(seeds) -> None:
    results = find(seeds, "russia")
    order = [seeds[1].id, seeds[0].id]
    cursor = results.cursor(order)
    first = cursor.next()
    assert first is not None and first.mention.article == seeds[1].id
    assert first.label == f"1/{len(results.matches)}"
    last = cursor.previous()
    # Back from the first match wraps to the last one, in the last article shown.
    assert last is not None and last.wrapped and last.mention.article == seeds[0].id
    assert last.label == f"{len(results.matches)}/{len(results.matches)}"
    assert results.spans_in(seeds[0].id) == [
        (m.start, m.end) for m in results.matches if m.article == seeds[0].id
    ]


def test_unknown_mode_is_an_error(seeds) -> None:
    with pytest.raises(FindError):
        find(seeds, "x", mode="glob")  # type: ignore[arg-type]


WORDS = st.sampled_from(["war", "peace", "War", "talks", "Kyiv", "it's", "it’s", "no."])
SEPARATORS = st.sampled_from([" ", "  ", "\n", ", ", " (", ") ", "-", "\t"])


@st.composite
def texts(draw) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=30))
    seps = draw(st.lists(SEPARATORS, min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True))


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


@settings(max_examples=150, deadline=None)
@given(text=texts(), query=st.lists(WORDS, min_size=1, max_size=3).map(" ".join))
def test_every_text_match_is_an_exact_slice_equal_to_the_query(text: str, query: str) -> None:
    article = Article("a", "a.txt", text)
    for match in find_matches([article], query):
        assert text[match.start : match.end] == match.text
        assert _normal(match.text) == _normal(query)
        before = text[match.start - 1] if match.start else " "
        after = text[match.end] if match.end < len(text) else " "
        assert not (before.isalnum() and query[0].isalnum())
        assert not (after.isalnum() and query[-1].isalnum())


@settings(max_examples=150, deadline=None)
@given(text=texts(), word=st.sampled_from(["war", "peace", "talks", "kyiv"]))
def test_a_single_word_is_found_as_often_as_it_occurs(text: str, word: str) -> None:
    tokens = re.split(r"[^\w]+", text.lower())
    assert len(find_matches([Article("a", "a.txt", text)], word)) == tokens.count(word)


@settings(max_examples=100, deadline=None)
@given(text=texts(), pattern=st.sampled_from([r"w\w+", r"[A-Z]\w*", r"\s+", r"it.s", r"\d*"]))
def test_every_regex_match_is_an_exact_slice_matching_the_pattern(text: str, pattern: str) -> None:
    for match in find_matches([Article("a", "a.txt", text)], pattern, mode="regex"):
        assert text[match.start : match.end] == match.text
        assert match.end > match.start
        assert re.fullmatch(pattern, match.text, re.IGNORECASE)


def test_the_text_pattern_escapes_regex_syntax() -> None:
    article = Article("a", "a.txt", "a+b (c) [d] a+b")
    assert len(find_matches([article], "a+b")) == 2
    assert text_pattern("(c)").search("(c)") is not None
