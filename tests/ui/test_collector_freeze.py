"""A loaded reader is frozen for the cycle collector (its full passes skip it) until it closes."""

from __future__ import annotations

import gc

import pytest

from tests.ui.conftest import reader, settle

pytestmark = pytest.mark.asyncio


async def test_the_loaded_reader_is_frozen_until_it_closes(make_app):
    gc.unfreeze()
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert reader(app).analysis_done
        frozen = gc.get_freeze_count()
        assert frozen > 0
        await pilot.press("question_mark")
        await pilot.pause()
    # Closed: the collector may free the app's cycles again.
    assert gc.get_freeze_count() == 0
