"""A loaded reader is frozen for the cycle collector (its full passes skip it) until it closes."""

from __future__ import annotations

import gc

import pytest

from tests.ui.conftest import reader, settle


@pytest.mark.asyncio
@pytest.mark.parametrize("thawed", [True, False])
async def test_the_loaded_reader_is_frozen_until_it_closes(make_app, thawed):
    # ``run_app``'s reader ends with its process (``thaw_when_closed`` False): thawed,
    # one more full pass walked the whole collection before the exit (a third of a
    # second on 10,000 articles). Other readers (tests: many in one process) thaw.
    gc.unfreeze()
    app = make_app()
    app.thaw_when_closed = thawed
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            assert reader(app).analysis_done
            assert gc.get_freeze_count() > 0
            await pilot.press("question_mark")
            await pilot.pause()
        if thawed:
            # Closed: the collector may free the app's cycles again.
            assert gc.get_freeze_count() == 0
        else:
            assert gc.get_freeze_count() > 0  # not thawed (what closing freed is gone)
    finally:
        gc.unfreeze()


def test_what_the_start_made_is_frozen_before_the_first_frame(monkeypatch, settings, tmp_path):
    # The modules and the app the start made were walked by a full pass a second in,
    # while the first keys came: frozen before the app runs, the passes skip them.
    from reader.ui import app as app_module

    gc.unfreeze()
    seen: list[tuple[int, bool, bool]] = []

    class Ran(Exception):
        """The app would have run here."""

    def run(self) -> None:
        tracked = {id(thing) for thing in gc.get_objects()}
        seen.append((gc.get_freeze_count(), id(self) in tracked, self.thaw_when_closed))
        raise Ran

    monkeypatch.setattr(app_module.ReaderApp, "run", run)
    try:
        with pytest.raises(Ran):
            app_module.run_app([tmp_path], settings)
    finally:
        gc.unfreeze()
    ((frozen, app_tracked, thawed_when_closed),) = seen
    assert frozen > 0
    assert not app_tracked  # the app itself is frozen
    assert not thawed_when_closed  # the process ends with it
