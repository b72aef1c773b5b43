"""Every dialog hides the reader: opaque, it never redraws the whole reader dimmed beneath it."""

from __future__ import annotations

import pytest

from tests.ui.conftest import palette_select, reader, screen_lines, settle

pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize(
    ("opener", "shown"),
    [
        ("o", "Article for column"),
        ("s", "by speaker"),
        ("i", "Also written as"),
        ("c", "Compare coverage"),
        ("ctrl+n", "No notes yet"),
        ("L", "Load report"),
        ("question_mark", "Show all keys"),
        ("ctrl+p", "Search for commands"),
    ],
)
async def test_an_open_dialog_hides_the_reader_and_shows_what_changed_once_closed(
    make_app, opener, shown
):
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await palette_select(pilot, "Peskov")  # the details are the selected entity's
        reader(app).status_bar.show_message("The reader beneath")
        await pilot.pause()
        assert any("The reader beneath" in line for line in screen_lines(app))
        await pilot.press(opener)
        await pilot.pause()
        lines = screen_lines(app)
        assert any(shown in line for line in lines)
        assert not any("The reader beneath" in line for line in lines)
        reader(app).status_bar.show_message("Changed while the dialog was open")
        await pilot.pause()
        assert not any("Changed while" in line for line in screen_lines(app))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is reader(app)
        assert any("Changed while the dialog was open" in line for line in screen_lines(app))
