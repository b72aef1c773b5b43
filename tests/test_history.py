"""Back and forward over places, with a browser's rules, checked against a simple model."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.history import History, Place, place_of


def at(article: str, anchor: int = 0, entity: str | None = None) -> Place:
    return Place((article,), (anchor,), 0, entity)


def test_back_and_forward_return_to_recorded_places() -> None:
    history = History()
    history.record(at("a"))
    history.record(at("b"))
    history.record(at("c"))
    assert history.back() == at("b")
    assert history.back() == at("a")
    assert history.back() is None
    assert history.current == at("a")
    assert history.forward() == at("b")
    assert history.forward() == at("c")
    assert history.forward() is None


def test_recording_after_going_back_drops_the_forward_branch() -> None:
    history = History()
    for name in "abc":
        history.record(at(name))
    history.back()
    history.record(at("d"))
    assert history.places == (at("a"), at("b"), at("d"))
    assert not history.can_go_forward
    assert history.back() == at("b")


def test_consecutive_duplicates_collapse() -> None:
    history = History()
    history.record(at("a"))
    history.record(at("a"))
    history.record(at("b", entity="e1"))
    history.record(at("b", entity="e1"))
    assert len(history) == 2


def test_leaving_remembers_where_the_reader_scrolled_to() -> None:
    history = History()
    history.record(at("a"))
    history.record(at("b"), leaving=at("a", anchor=500))
    assert history.back(leaving=at("b", anchor=40)) == at("a", anchor=500)
    assert history.forward() == at("b", anchor=40)


def test_leaving_equal_to_the_previous_place_collapses() -> None:
    history = History()
    history.record(at("a"))
    history.record(at("b"))
    history.record(at("c"), leaving=at("a"))
    assert history.places == (at("a"), at("c"))


def test_the_history_is_bounded() -> None:
    history = History(limit=3)
    for name in "abcde":
        history.record(at(name))
    assert history.places == (at("c"), at("d"), at("e"))
    with pytest.raises(ValueError):
        History(limit=0)


def test_an_empty_history_goes_nowhere() -> None:
    history = History()
    assert history.current is None
    assert history.back() is None and history.forward() is None
    assert not history.can_go_back and not history.can_go_forward


def test_a_place_needs_one_anchor_per_column() -> None:
    assert place_of(["a", "b"]).anchors == (0, 0)
    with pytest.raises(ValueError):
        Place(("a", "b"), (1,))


def test_fitting_a_place_to_the_loaded_articles() -> None:
    texts = {"a": "x" * 100, "c": "y" * 10}
    place = Place(("a", "b", "c"), (50, 7, 99), focused=2, entity="e")
    fitted = place.fitted(texts)
    assert fitted == Place(("a", "c"), (50, 10), focused=1, entity="e")
    # The focused column is gone: the focus goes to its right neighbour.
    assert Place(("a", "b", "c"), (0, 0, 0), focused=1).fitted(texts) == Place(
        ("a", "c"), (0, 0), focused=1
    )
    assert Place(("a", "b"), (0, 0), focused=1).fitted(texts) == Place(("a",), (0,), 0)
    assert Place(("b",), (3,)).fitted(texts) is None


PLACES = st.builds(at, st.sampled_from("abcd"), st.integers(0, 3))
ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("record"), PLACES),
        st.tuples(st.just("back"), st.none()),
        st.tuples(st.just("forward"), st.none()),
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(actions=ACTIONS, limit=st.integers(1, 6))
def test_history_behaves_like_a_browser(actions, limit: int) -> None:
    history = History(limit=limit)
    model: list[Place] = []
    index = -1
    for action, place in actions:
        if action == "record":
            if not (model and model[index] == place):
                model = [*model[: index + 1], place][-limit:]
                index = len(model) - 1
            history.record(place)
        elif action == "back":
            expected = model[index - 1] if index > 0 else None
            index = index - 1 if index > 0 else index
            assert history.back() == expected
        else:
            expected = model[index + 1] if index + 1 < len(model) else None
            index = index + 1 if expected is not None else index
            assert history.forward() == expected
        assert list(history.places) == model
        assert history.current == (model[index] if model else None)
        assert len(history) <= limit
        assert all(a != b for a, b in zip(history.places, history.places[1:], strict=False))


@settings(max_examples=100, deadline=None)
@given(places=st.lists(PLACES, min_size=1, max_size=20))
def test_back_then_forward_is_a_round_trip(places) -> None:
    history = History()
    for place in places:
        history.record(place)
    steps = 0
    while history.back() is not None:
        steps += 1
    for _ in range(steps):
        history.forward()
    assert history.current == places[-1]
