"""The help screen is made once and shown again: a second `?` composes nothing."""

from __future__ import annotations

import pytest

from reader.ui.help_screen import HelpScreen
from tests.ui.conftest import reader, screen_lines, settle

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


async def test_the_help_hides_the_reader_and_the_reader_shows_what_changed_meanwhile(make_app):
    # Opaque: nothing of the reader is drawn beneath the help (a dimmed reader beneath
    # it was redrawn whole on every open); what changes meanwhile shows once it closes.
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        status_line = "Ctrl+P to find an entity"
        assert any(status_line in line for line in screen_lines(app))
        await pilot.press("question_mark")
        await pilot.pause()
        lines = screen_lines(app)
        assert any("Show all keys" in line for line in lines)
        assert not any(status_line in line for line in lines)
        reader(app).status_bar.show_message("Changed while the help was open")
        await pilot.pause()
        assert not any("Changed while" in line for line in screen_lines(app))
        await pilot.press("question_mark")
        await pilot.pause()
        assert any("Changed while the help was open" in line for line in screen_lines(app))
