"""Work done while the keys and the mouse rest: the dialogs' summaries, the collector's passes."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from textual._styles_cache import StylesCache
from textual.color import Color

from reader.ui.at_rest import IDLE_AFTER, AtRest
from reader.ui.commands import most_salient
from reader.ui.idle_collector import FULL_EVERY, IdleCollector
from reader.ui.quotes_screen import every_quote_option, group_quotes
from tests.ui.conftest import reader, settle


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def full_passes() -> Iterator[list[int]]:
    """The collector's full passes (any of them), as they are made."""
    made: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 2:
            made.append(1)

    gc.callbacks.append(seen)
    try:
        yield made
    finally:
        gc.callbacks.remove(seen)


def test_jobs_get_the_moments_at_rest_a_piece_at_a_time_in_their_order():
    clock = Clock()
    rest = AtRest(clock)
    done: list[str] = []
    pieces = {"warm": 2, "collect": 1}

    def job(name: str):
        def piece() -> bool:
            if not pieces[name]:
                return False
            pieces[name] -= 1
            done.append(name)
            return True

        return piece

    rest.add(job("collect"), order=1)
    rest.add(job("warm"))
    assert not rest.look() and not done  # just made: in use
    clock.now += IDLE_AFTER
    assert rest.look() and done == ["warm"]  # one piece a look, the lower order first
    rest.touched()
    clock.now += IDLE_AFTER / 2
    assert not rest.look() and done == ["warm"]  # a key came: nothing until at rest again
    clock.now += IDLE_AFTER
    assert rest.look() and rest.look() and done == ["warm", "warm", "collect"]
    assert not rest.look()  # nothing left to do


def test_a_full_pass_is_made_only_when_anything_outlived_the_young_passes(full_passes):
    collector = IdleCollector()
    before = gc.get_threshold()
    gc.collect(1)
    assert not collector.collect() and not full_passes  # not started: the interpreter's own
    collector.start()
    try:
        assert gc.get_threshold() == (before[0], before[1], FULL_EVERY)
        # Textual's cache that keeps every widget's drawn lines alive (textual#6665).
        StylesCache().get_inner_outer(Color(0, 0, 0), Color(9, 9, 9))
        assert StylesCache.get_inner_outer.cache_info().currsize > 0
        gc.collect(1)  # a pass of the middle generation: something may have outlived it
        assert gc.get_count()[2] > 0
        assert collector.collect() and full_passes
        assert gc.get_count()[2] == 0
        assert StylesCache.get_inner_outer.cache_info().currsize == 0  # emptied first
        full_passes.clear()
        assert not collector.collect() and not full_passes  # nothing new since
        gc.collect(1)
        gc.disable()  # collecting paused (a large collection being taken in)
        try:
            assert not collector.collect() and not full_passes
        finally:
            gc.enable()
    finally:
        collector.stop()
    assert gc.get_threshold() == before


@pytest.mark.asyncio
async def test_at_rest_the_reader_makes_the_dialogs_summaries_then_collects(make_app, full_passes):
    before = gc.get_threshold()
    clock = Clock()
    app = make_app()
    app.at_rest.clock = clock
    app.at_rest.touched()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = reader(app)
        corpus = screen.corpus
        assert gc.get_threshold()[2] == FULL_EVERY
        summaries = (group_quotes, every_quote_option, most_salient)
        assert not any(summary.holds(corpus) for summary in summaries)  # in use so far
        await pilot.press("question_mark")  # a dialog open: nothing is made under it
        await pilot.pause()
        clock.now += 10 * IDLE_AFTER
        assert app.at_rest.resting()
        await pilot.press("down")  # a key: the reader is in use
        clock.now += IDLE_AFTER / 2
        assert not app.at_rest.resting()
        await pilot.click(offset=(60, 10))  # the mouse too
        clock.now += IDLE_AFTER * 0.9
        assert not app.at_rest.resting()
        clock.now += IDLE_AFTER
        while app.at_rest.look():
            pass
        assert app.screen is not screen
        assert not any(summary.holds(corpus) for summary in summaries)
        await pilot.press("question_mark")  # closed: a key, so not at rest yet
        await pilot.pause()
        clock.now += IDLE_AFTER
        gc.collect(1)
        full_passes.clear()
        pieces = 0
        while app.at_rest.look():
            pieces += 1
        assert all(summary.holds(corpus) for summary in summaries)
        catalog = screen.dialogs.catalog(screen.deck.articles)
        assert len(catalog) == len(screen.deck.articles) and catalog.has_order("file")
        # Two pieces for the picker, three summaries, then a full pass and a freeze, with
        # Textual's cache of closed widgets' lines emptied first (the help's are not frozen).
        assert pieces == 6 and full_passes
        assert StylesCache.get_inner_outer.cache_info().currsize == 0
        # Frozen: the collector's later passes skip them.
        tracked = {id(thing) for thing in gc.get_objects()}
        assert id(every_quote_option(corpus)) not in tracked
        assert id(catalog.fields) not in tracked
    assert gc.get_threshold() == before


def test_without_textuals_styles_cache_module_nothing_is_emptied(monkeypatch):
    # A later Textual may drop or rename the module: the reader goes on without the call.
    from reader.ui import idle_collector

    assert idle_collector._textual_module("textual._not_a_module") is None
    monkeypatch.setattr(idle_collector, "_styles_cache", None)
    StylesCache().get_inner_outer(Color(1, 2, 3), Color(4, 5, 6))
    idle_collector.let_go_of_closed_widgets()
    assert StylesCache.get_inner_outer.cache_info().currsize > 0  # left as it was
