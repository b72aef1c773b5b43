"""The footer keeps its keys while they stay the same, and follows them when they change."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from reader.ui.key_footer import KeyFooter
from tests.ui.conftest import reader, settle

pytestmark = pytest.mark.asyncio


def footer_keys(app) -> list[FooterKey]:
    return list(reader(app).query_one(KeyFooter).query(FooterKey))


async def test_the_footer_is_not_rebuilt_when_a_dialog_comes_and_goes(make_app):
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.pause()
        before = footer_keys(app)
        assert any(key.description == "Help" for key in before)
        for _ in range(2):
            await pilot.press("question_mark")
            await pilot.pause()
        await pilot.pause()
        assert footer_keys(app) == before  # the very same widgets


async def test_the_footer_follows_the_keys_when_the_focus_changes_them(make_app):
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.pause()
        before = [(key.key, key.description) for key in footer_keys(app)]
        await pilot.press("slash")  # into the sidebar's filter box
        await pilot.pause()
        await pilot.pause()
        after = [(key.key, key.description) for key in footer_keys(app)]
        assert after != before and after
