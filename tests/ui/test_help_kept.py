"""The help screen is made once and shown again: a second `?` composes nothing."""

from __future__ import annotations

import pytest

from reader.ui.help_screen import HelpScreen
from tests.ui.conftest import screen_lines, settle

pytestmark = pytest.mark.asyncio


async def test_the_help_screen_is_made_once_and_shown_again(make_app):
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        first = app.screen
        assert isinstance(first, HelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert not any("Show all keys" in line for line in screen_lines(app))
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen is first  # the same screen, kept
        assert any("Show all keys" in line for line in screen_lines(app))
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
