"""The cycle collector's full passes wait until the keys and the mouse rest."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from reader.ui.idle_collector import FULL_EVERY, IDLE_AFTER, IdleCollector
from tests.ui.conftest import settle


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def full_passes() -> Iterator[list[int]]:
    """How many full passes the collector made (any of them), as they are made."""
    made: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 2:
            made.append(1)

    gc.callbacks.append(seen)
    try:
        yield made
    finally:
        gc.callbacks.remove(seen)


def test_a_full_pass_is_made_at_rest_and_only_when_anything_outlived_the_young_passes(
    full_passes,
):
    clock = Clock()
    collector = IdleCollector(clock)
    before = gc.get_threshold()
    collector.start()
    try:
        assert gc.get_threshold() == (before[0], before[1], FULL_EVERY)
        gc.collect(1)  # a pass of the middle generation: something may have outlived it
        assert gc.get_count()[2] > 0
        collector.touched()
        clock.now += IDLE_AFTER / 2
        assert not collector.look() and not full_passes  # in use: no pass
        clock.now += IDLE_AFTER
        assert collector.look() and full_passes  # at rest: one full pass
        assert gc.get_count()[2] == 0
        full_passes.clear()
        clock.now += 10 * IDLE_AFTER
        assert not collector.look() and not full_passes  # nothing new since
        gc.collect(1)
        gc.disable()  # collecting paused (a large collection being taken in)
        try:
            assert not collector.look() and not full_passes
        finally:
            gc.enable()
    finally:
        collector.stop()
    assert gc.get_threshold() == before
    gc.collect(1)
    assert not collector.look()  # stopped: it no longer collects


@pytest.mark.asyncio
async def test_the_reader_collects_only_at_rest_and_gives_the_thresholds_back(
    make_app, full_passes
):
    before = gc.get_threshold()
    clock = Clock()
    app = make_app()
    app.idle_collector = IdleCollector(clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert gc.get_threshold()[2] == FULL_EVERY
        clock.now += 10 * IDLE_AFTER
        await pilot.press("n")  # the next mention: a key, so the reader is in use
        await pilot.pause()
        clock.now += IDLE_AFTER / 2
        gc.collect(1)
        full_passes.clear()
        assert not app.idle_collector.look() and not full_passes
        await pilot.click(offset=(60, 10))  # the mouse too
        clock.now += IDLE_AFTER * 0.9
        assert not app.idle_collector.look()
        clock.now += IDLE_AFTER
        assert app.idle_collector.look() and full_passes
    assert gc.get_threshold() == before
