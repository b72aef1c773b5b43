"""Quote-mark pairing: real text, nesting, apostrophes and unbalanced marks."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.quotes.marks import find_quotes

DATA = Path(__file__).parent / "data" / "quotes_texts"
SEED = (DATA / "000_6634b6c0be25b985.txt").read_text(encoding="utf-8")
SEED2 = (DATA / "003_3f35dfa55a5d8b29.txt").read_text(encoding="utf-8")
PARAGRAPHS = [p for p in SEED.split("\n\n") + SEED2.split("\n\n") if p.strip()]


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_quotes_with_nested_single_quotes_and_apostrophes() -> None:
    found = quoted(SEED2)
    assert any(q.startswith("It is quite understandable") and q.endswith("media,") for q in found)
    assert "skeptical" in found
    assert len(found) == 4


def test_straight_quotes_and_apostrophes_in_seed() -> None:
    found = quoted(SEED)
    assert found[3] == "at any time"
    assert found[5] == "respond decisively"
    assert len(found) == 6


def test_apostrophes_are_not_marks() -> None:
    text = "It's the '90s, rock 'n' roll, Russia's \"big 'specific' day,\" he said."
    assert quoted(text) == ["big 'specific' day,"]


def test_unclosed_mark_stops_at_its_paragraph() -> None:
    text = 'He said: "We will win.\n\nLater, "Nothing," she said.'
    assert quoted(text) == ["We will win.", "Nothing,"]


def test_multi_paragraph_quote_is_one() -> None:
    text = 'She said: "First part.\n\n"Second part.\n\n"Last part." Then more.'
    assert quoted(text) == ['First part.\n\n"Second part.\n\n"Last part.']


def test_one_sentence_per_line_quote_continues_to_its_closing_line() -> None:
    text = '"First sentence.\nSecond sentence.\nThird one, "she added.\nNext line.'
    assert quoted(text) == ["First sentence.\nSecond sentence.\nThird one,"]


def test_typewriter_pairs() -> None:
    assert quoted("''The Gulf is deep, \"he was quoted as saying.") == ["The Gulf is deep,"]
    assert quoted("starred in \"Scrubs,'' and more") == ["Scrubs,"]


def test_stray_closing_mark_pairs_with_nothing() -> None:
    assert quoted('Oops” here. And "this" too.') == ["this"]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_stray_mark_never_affects_other_paragraphs(data: st.DataObject) -> None:
    """A paragraph with an unbalanced mark leaves every other paragraph's quotes alone."""
    paragraphs = data.draw(st.lists(st.sampled_from(PARAGRAPHS), min_size=2, max_size=6))
    index = data.draw(st.integers(0, len(paragraphs)))
    victim = data.draw(st.sampled_from(PARAGRAPHS)).replace('"', "").replace("“", "")
    victim = victim.replace("”", "")
    cut = data.draw(st.integers(0, len(victim)))
    mark = data.draw(st.sampled_from(['"', "“", "”"]))
    stray = victim[:cut] + mark + victim[cut:]
    following = paragraphs[index:]
    if following and following[0].lstrip()[:1] in '"“':
        return  # that is the multi-paragraph convention, not a stray mark
    clean = "\n\n".join(paragraphs)
    dirty = "\n\n".join([*paragraphs[:index], stray, *following])
    expected = quoted(clean)
    got = quoted(dirty)
    # Everything found in the clean text is found unchanged, the stray mark's
    # paragraph adds at most one quote of its own.
    assert [q for q in got if q in expected] == expected
    assert len(got) - len(expected) <= 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=5), st.data())
def test_quotes_are_ordered_trimmed_slices(paragraphs: list[str], data: st.DataObject) -> None:
    text = "\n\n".join(paragraphs)
    # Apostrophes sprinkled anywhere never change the pairing of double marks.
    spots = data.draw(st.lists(st.integers(0, len(text)), max_size=5, unique=True))
    for spot in sorted(spots, reverse=True):
        if any(mark in text[max(0, spot - 1) : spot + 1] for mark in "\"“”'`"):
            # Against a double mark an apostrophe is part of its context, and two
            # apostrophes in a row are a typewriter closing mark ('').
            continue
        text = text[:spot] + "'" + text[spot:]
    found = find_quotes(text)
    plain = [text[q.start : q.end].replace("'", "") for q in found]
    assert plain == [q.replace("'", "") for q in quoted("\n\n".join(paragraphs))]
    last = -1
    for quote in found:
        assert last <= quote.open_mark < quote.start < quote.end
        assert not text[quote.start].isspace() and not text[quote.end - 1].isspace()
        last = quote.end
