"""Mention boundary repairs, on spans cut from the real seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.mentions import repair_span, repair_spans

SEEDS = Path(__file__).parent / "data" / "seeds"
SEED_TEXT = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def span_of(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def repaired(text: str, needle: str, label: str | None = None) -> str | None:
    found = repair_span(text, *span_of(text, needle), label=label)
    return None if found is None else text[found[0] : found[1]]


def parts(text: str, needle: str, label: str | None = None) -> list[tuple[str, str | None]]:
    return [(text[s:e], lab) for s, e, lab in repair_spans(text, *span_of(text, needle), label)]


def test_leading_the_and_possessive_are_trimmed() -> None:
    assert repaired(SEED_TEXT, "the Russian defence ministry") == "Russian defence ministry"
    assert repaired(SEED_TEXT, "Ukraine’s") == "Ukraine"
    assert repaired(SEED_TEXT, "Zelenskiy's") == "Zelenskiy"


def test_abbreviation_dot_is_kept() -> None:
    text = "Officials in the U.S. said so."
    assert repaired(text, "the U.S.") == "U.S."


def test_credit_line_keeps_the_photographer() -> None:
    assert repaired(SEED_TEXT, "Sergei Supinsky/AFP") == "Sergei Supinsky"
    # A slash inside one name is not a credit.
    assert repaired("Fans of AC/DC cheered.", "AC/DC") == "AC/DC"


def test_credit_line_splits_into_photographer_and_agency() -> None:
    assert parts(SEED_TEXT, "Sergei Supinsky/AFP", "PERSON") == [
        ("Sergei Supinsky", "PERSON"),
        ("AFP", "ORG"),
    ]


def test_glued_sentences_and_dateline_split_into_places() -> None:
    text = "staff to leave the American Embassy in Ukraine.Moscow/ Kyiv | Jagran News Desk"
    assert parts(text, "Ukraine.Moscow/ Kyiv", "GPE") == [
        ("Ukraine", "GPE"),
        ("Moscow", "GPE"),
        ("Kyiv", "GPE"),
    ]


def test_hard_line_break_ends_the_name() -> None:
    text = "Red Sox Make Huge Offer To Teixeira\nBoston made an offer on Tuesday."
    assert repaired(text, "Teixeira\nBoston") == "Teixeira"
    assert parts(text, "Teixeira\nBoston") == [("Teixeira", None), ("Boston", None)]


def test_soft_wrap_inside_a_paragraph_keeps_the_name_whole() -> None:
    text = (
        "On Monday, in a long video address to the nation, Ukraine President Volodymyr\n"
        "Zelenskiy urged residents to fly flags."
    )
    assert repaired(text, "Volodymyr\nZelenskiy") == "Volodymyr\nZelenskiy"


def test_stray_dateline_piece_after_a_break_is_dropped() -> None:
    text = "Lindsay Lohan Checks Into Betty Ford Center\nFri Dec 5, 2008"
    assert parts(text, "Betty Ford Center\nFri", "ORG") == [("Betty Ford Center", "ORG")]


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Foreign Minister Dmytro Kuleba", "Dmytro Kuleba"),
        ("Kremlin spokesperson Dmitry Peskov", "Dmitry Peskov"),
        ("United States President Joe Biden", "Joe Biden"),
        ("Gov.Sarah Palin", "Sarah Palin"),
    ],
)
def test_titles_are_left_out_of_person_spans(written: str, name: str) -> None:
    text = f"Yesterday {written} said it was over."
    assert repaired(text, written, "PERSON") == name


def test_titles_stay_in_organization_spans() -> None:
    text = "The Foreign Minister Office said so."
    assert repaired(text, "Foreign Minister Office", "ORG") == "Foreign Minister Office"


def test_nothing_left_gives_none() -> None:
    assert repaired('He said "" then.', '""') is None
    assert repair_spans("a\n\nb", 1, 3) == []


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(SEED_TEXT) - 1), st.integers(1, 60), st.sampled_from(["PERSON", None]))
def test_repairs_stay_inside_the_span_and_name_something(start: int, size: int, label) -> None:
    end = min(len(SEED_TEXT), start + size)
    for s, e, _ in repair_spans(SEED_TEXT, start, end, label):
        assert start <= s < e <= end
        piece = SEED_TEXT[s:e]
        assert any(ch.isalnum() for ch in piece)
        assert piece == piece.strip()
    single = repair_span(SEED_TEXT, start, end, label)
    if single is not None:
        assert start <= single[0] < single[1] <= end
        # Repairing again changes nothing.
        assert repair_span(SEED_TEXT, *single, label) == single


def test_leading_the_before_a_quote_mark() -> None:
    text = 'Ketsoyan would not say what the "American Pie" star was treated for.'
    assert repaired(text, 'the "American Pie') == "American Pie"
