"""A new status message repaints the status line only: the screen is not laid out again."""

from __future__ import annotations

import pytest

from tests.ui.conftest import reader, screen_lines, settle

pytestmark = pytest.mark.asyncio


async def test_a_status_message_repaints_its_line_without_a_layout(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = reader(app)
        layouts: list[object] = []
        real = type(screen)._refresh_layout

        def counted(self, *args, **kwargs):
            layouts.append(self)
            return real(self, *args, **kwargs)

        monkeypatch.setattr(type(screen), "_refresh_layout", counted)
        for number in range(5):
            screen.status_bar.show_message(
                f"Reading files… {number:,} of 10,000 · a long line " * 5
            )
            await pilot.pause()
        lines = screen_lines(app)
        status_row = next(n for n, line in enumerate(lines) if "Reading files… 4 of" in line)
        assert status_row == len(lines) - 2  # its own row, above the key footer
        assert "Reading files" not in lines[-1]  # cut to the width, not wrapped
        assert layouts == []
