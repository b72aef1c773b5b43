"""Sidebar rows are made once and reused, yet always show the columns and the width as they are."""

from __future__ import annotations

import pytest

from reader.ui.entity_sidebar import EntitySidebar
from tests.ui.conftest import reader, screen_lines, settle

pytestmark = pytest.mark.asyncio


def sidebar_row(app, name: str) -> str:
    """The sidebar's row for ``name`` as drawn (the left 33 cells, before its border)."""
    rows = [line[:33] for line in screen_lines(app) if line[:33].lstrip().startswith(name)]
    assert rows, f"{name} is not in the sidebar"
    return rows[0]


async def test_a_rows_column_markers_follow_the_columns_and_the_filter(make_app):
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert len(screen.columns) == 2
        assert sidebar_row(app, "Dmitry Peskov").split()[-1] == "1·"  # a marker per column
        await pilot.press("minus")  # one column: one marker, and of how many articles
        await pilot.pause()
        assert len(screen.columns) == 1
        assert sidebar_row(app, "Dmitry Peskov").split()[-2:] == ["1", "1/2"]
        # Filtering, then clearing the filter, shows the same rows again.
        screen.sidebar.focus_filter()
        await pilot.press(*"pesk")
        await pilot.pause()
        assert sidebar_row(app, "Dmitry Peskov").split()[-2:] == ["1", "1/2"]
        await pilot.press("plus")  # in the filter, a letter: the filter finds nothing
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("plus")  # two columns again
        await pilot.pause()
        assert len(screen.columns) == 2
        assert sidebar_row(app, "Dmitry Peskov").split()[-1] == "1·"
        assert isinstance(screen.sidebar, EntitySidebar)
