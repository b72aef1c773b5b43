"""Users remap keys in the config file (`keys:`); the help lists the keys as remapped."""

from __future__ import annotations

import pytest

from reader.ui.help_screen import HelpScreen
from tests.ui.conftest import palette_select, settle, toasts
from tests.ui.test_selection import counter

pytestmark = pytest.mark.asyncio


async def test_remapped_next_key_moves_and_shows_in_the_help(make_app):
    app = make_app(keys=(("next", "j"), ("previous", "k")))
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await palette_select(pilot, "Peskov")
        assert counter(app)[1] == 1
        await pilot.press("j")
        assert counter(app)[1] == 2
        await pilot.press("k")
        assert counter(app)[1] == 1
        await pilot.press("n")  # the old key no longer walks the mentions
        assert counter(app)[1] == 1
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = dict((action, keys) for keys, action in help_screen.rows)
        assert rows["Next mention of the selected entity"] == "j"


async def test_unknown_binding_ids_are_reported(make_app):
    app = make_app(keys=(("nxet", "j"),))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        shown = await toasts(pilot)
        assert any("nxet" in text for text in shown), shown


async def test_digit_key_works_and_a_bad_key_keeps_the_default(make_app):
    app = make_app(keys=(("next", "5"), ("previous", "bogus")))
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await settle(pilot)
        shown = await toasts(pilot)
        assert any("previous" in text and "bogus" in text for text in shown), shown
        await palette_select(pilot, "Peskov")
        assert counter(app)[1] == 1
        await pilot.press("5")
        assert counter(app)[1] == 2
        await pilot.press("p")  # the default for "previous" still works
        assert counter(app)[1] == 1
