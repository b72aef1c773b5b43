"""Name normalisation, person-name and acronym rules, on names from real news."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.linking.acronyms import definitions, spells
from reader.linking.baseline import name_key
from reader.linking.context import in_title_case_line, lower_and_capitalised
from reader.linking.people import full_name_groups, full_names_compatible, surnames_alike
from reader.model import Mention
from reader.names import clean_name, fold_name, initials, looks_like_acronym

SEEDS = Path(__file__).parent / "data" / "seeds"
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def key(text: str, person: bool = False) -> str:
    return fold_name(clean_name(text, person=person))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("U.S.", "US"),
        ("the United States", "United States"),
        ("Zelenskiy's", "Zelenskiy"),
        ("José Mourinho", "Jose Mourinho"),
        ("Promises Treatment Centre", "Promises Treatment Center"),
        ("Ministry of Defence", "Defense Ministry"),
        ("Department of the Interior", "Interior Department"),
        ("Agence France-Presse", "Agence France Presse"),
        ("Johnson & Johnson", "Johnson and Johnson"),
        ("North  Atlantic\nTreaty Organization", "North Atlantic Treaty Organization"),
    ],
)
def test_variants_fold_to_one_key(a: str, b: str) -> None:
    assert key(a) == key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Sudan", "South Sudan"), ("Russia", "Russian"), ("Apollo 11", "Apollo 13"), ("US", "UK")],
)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert key(a) != key(b)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("President Joe Biden", "Joe Biden"),
        ("Foreign Minister Dmytro Kuleba", "Dmytro Kuleba"),
        ("Kremlin spokesperson Dmitry Peskov", "Dmitry Peskov"),
        ("Ukraine President Volodymyr Zelenskiy", "Volodymyr Zelenskiy"),
        ("former president Bill Clinton", "Bill Clinton"),
        ("Mr. Peskov", "Peskov"),
        ("Martin Luther King", "Martin Luther King"),
        ("President", "President"),
    ],
)
def test_titles_are_kept_out_of_person_names(written: str, name: str) -> None:
    assert clean_name(written, person=True) == name


def test_titles_are_kept_in_other_names() -> None:
    assert clean_name("National Security Council") == "National Security Council"


def test_initials_and_acronym_shapes() -> None:
    assert initials(key("North Atlantic Treaty Organization")) == "nato"
    assert initials(key("United States of America")) == "usa"
    assert initials(key("Kyiv")) == ""
    assert looks_like_acronym("NATO") and looks_like_acronym("U.S.")
    assert not looks_like_acronym("Kyiv") and not looks_like_acronym("Reuters")


def test_acronyms_spell_long_names() -> None:
    assert spells("nato", key("North Atlantic Treaty Organization"))
    assert spells("isna", key("Iranian Students News Agency"))
    assert not spells("nato", key("National Basketball Association"))


def test_definitions_written_in_the_seed_text() -> None:
    text = SEED_TEXTS[1]
    long_form = "North Atlantic Treaty Organization"
    start = text.index(long_form)
    mention = Mention(start, start + len(long_form), long_form, "ORG")
    found = list(definitions(text, (mention,)))
    assert [(long, short) for long, short, _ in found] == [
        ("north atlantic treaty organization", "nato")
    ]
    assert found[0][2] == "North Atlantic Treaty Organization (NATO)"


def test_full_names_compatibility() -> None:
    assert full_names_compatible("mark heller", "mark jay heller")
    assert full_names_compatible("dirk kempthorne", "dirk a kempthorne")
    assert full_names_compatible("j smith", "john smith")
    assert not full_names_compatible("bill clinton", "hillary clinton")
    assert not full_names_compatible("george w bush", "george h w bush")
    assert not full_names_compatible("bettie page", "betty page")
    assert full_names_compatible("bettie page", "betty page", fuzzy=True)


def test_ambiguous_short_name_joins_neither_person() -> None:
    groups = full_name_groups(["john smith", "john a smith", "john b smith", "mark heller"])
    assert groups == []
    assert full_name_groups(["mark heller", "mark jay heller"]) == [
        ["mark heller", "mark jay heller"]
    ]


def test_surname_spellings() -> None:
    assert surnames_alike("zelensky", "zelenskiy") is not None
    assert surnames_alike("zelenskiy", "zelenskyy") is not None
    assert surnames_alike("smith", "smyth") is None  # too short to tell
    assert surnames_alike("johnson", "jackson") is None


def test_title_case_headline_lines() -> None:
    text = "Lindsay Lohan Checks Into Rehab\nLindsay Lohan checked into rehab on Tuesday."
    assert in_title_case_line(text, 0, 13)
    second = text.index("Lindsay", 5)
    assert not in_title_case_line(text, second, second + 13)


def test_word_usage_tells_common_words_from_names() -> None:
    lower, capitalised = lower_and_capitalised("Joining Cooley was a mistake, he said.")
    assert "joining" not in lower and "cooley" not in lower and "mistake" in lower
    lower, capitalised = lower_and_capitalised("After joining the team, Steve spoke.")
    assert "joining" in lower
    assert capitalised == {"steve"}


def test_baseline_key_is_plain() -> None:
    assert name_key("the Kremlin's") == "kremlin"
    assert name_key("U.S.") != name_key("US")


WORDS = st.text(alphabet=st.characters(categories=("L", "Nd", "Zs", "Pd", "Po")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(WORDS)
def test_folding_is_idempotent(text: str) -> None:
    folded = fold_name(text)
    assert fold_name(folded) == folded
    assert folded == folded.strip()
    assert "  " not in folded


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_folding_real_seed_phrases_ignores_case_and_the(data: st.DataObject) -> None:
    words = SEED_TEXTS[0].split()
    start = data.draw(st.integers(0, len(words) - 4))
    phrase = " ".join(words[start : start + data.draw(st.integers(1, 4))])
    assume(not phrase.casefold().startswith("the") and any(ch.isalnum() for ch in phrase))
    assert fold_name(phrase) == fold_name(phrase.upper()) == fold_name("the " + phrase.lower())
