"""The one matcher of the sidebar filter and the palette, on real names from the news."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.model import Entity
from reader.ui.name_match import WORDS_MATCH, best_score, positions, prepare, rank, score
from reader.ui.sidebar_rows import prepare_rows

NAMES = [
    "Volodymyr Zelenskiy",
    "Dmitry Peskov",
    "Vladimir Putin",
    "United States of America",
    "North Atlantic Treaty Organization",
    "Kremlin",
]


def _ranked(query: str) -> list[str]:
    prepared = prepare(query)
    assert prepared is not None
    return rank(prepared, [(n, (n.casefold(),), n.casefold()) for n in NAMES])


def test_a_spelling_with_a_letter_missing_still_finds_the_name():
    assert _ranked("zelensky") == ["Volodymyr Zelenskiy"]


def test_whole_words_rank_above_scattered_letters():
    # "vla" is a word of Vladimir Putin; it is only scattered letters elsewhere.
    assert _ranked("vla")[0] == "Vladimir Putin"
    assert _ranked("putin vladimir") == ["Vladimir Putin"]  # words in any order


def test_a_word_start_ranks_above_the_middle_of_a_word():
    prepared = prepare("in")
    assert prepared is not None
    assert score(prepared, "inna smith") > score(prepared, "kremlin")


def test_letters_not_in_the_name_do_not_match():
    prepared = prepare("xqz")
    assert prepared is not None
    assert _ranked("xqz") == []
    assert best_score(prepared, ("kremlin", "moscow"), "kremlin moscow") == 0


def test_blank_queries_match_nothing_to_rank():
    assert prepare("   ") is None


def test_positions_point_at_the_matched_letters():
    prepared = prepare("zelensky")
    assert prepared is not None
    name = "Volodymyr Zelenskiy"
    assert "".join(name[i] for i in positions(prepared, name)).casefold() == "zelensky"


@given(st.sampled_from(NAMES), st.data())
def test_any_piece_of_a_name_finds_it(name, data):
    start = data.draw(st.integers(0, len(name) - 1))
    end = data.draw(st.integers(start + 1, len(name)))
    piece = name[start:end]
    if not piece.strip():
        return
    assert name in _ranked(piece)


@given(st.sampled_from(NAMES), st.data())
def test_letters_of_a_name_in_order_find_it(name, data):
    picked = sorted(data.draw(st.sets(st.integers(0, len(name) - 1), min_size=1, max_size=8)))
    letters = "".join(name[i] for i in picked if not name[i].isspace())
    if not letters:
        return
    assert name in _ranked(letters)


@pytest.mark.asyncio
async def test_the_sidebar_filter_and_the_palette_find_the_same_misspelling(make_app):
    from tests.ui.conftest import palette_prompts, reader, settle

    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("slash", *"zelensky")
        await pilot.pause()
        shown = [screen.corpus.entity(i).name for i in screen.sidebar.shown_ids]
        assert shown and shown[0] == "Volodymyr Zelenskiy"
        await pilot.press("escape")
        prompts = await palette_prompts(pilot, "zelensky")
        assert prompts[0].startswith("Volodymyr Zelenskiy"), prompts


def test_the_filter_shows_loose_matches_only_when_no_name_holds_the_words():
    rows = prepare_rows(
        [
            Entity("a", "Volodymyr Zelenskiy", "person", [], []),
            Entity("b", "Zelensky Foundation", "organization", [], []),
            Entity("c", "Kyiv", "place", ["Kiev"], []),
        ]
    )
    exact = rows.filtered(prepare("zelensky"))
    assert [e.id for e in exact["organization"]] == ["b"] and exact["person"] == []
    loose = rows.filtered(prepare("zlnsk"))
    assert [e.id for e in loose["person"]] == ["a"]
    assert [e.id for e in rows.filtered(prepare("kiev"))["place"]] == ["c"]  # an alias


@given(
    st.lists(st.sampled_from([*NAMES, "Kyiv", "Kiev", "Zelensky Foundation"]), max_size=6),
    st.sampled_from(["a", "ky", "zel", "in", "v", "kremlin", "ie"]),
)
def test_the_one_word_fast_path_ranks_like_the_scores(names, word):
    query = prepare(word)
    assert query is not None
    candidates = [(n, tuple(p.casefold() for p in n.split(" / ")), n.casefold()) for n in names]
    expected = sorted(
        (c for c in candidates if score(query, c[2]) >= WORDS_MATCH),
        key=lambda c: -score(query, c[2]),
    )
    assert rank(query, candidates, WORDS_MATCH) == [c[0] for c in expected]


def test_a_word_found_in_very_many_names_keeps_their_order(monkeypatch):
    import reader.ui.name_match as name_match

    monkeypatch.setattr(name_match, "RANK_LIMIT", 2)
    query = prepare("i")
    assert query is not None
    candidates = [(n, (n.casefold(),), n.casefold()) for n in NAMES]
    kept = [n for n in NAMES if "i" in n.casefold()]
    assert rank(query, candidates, WORDS_MATCH) == kept
