"""Sidebar rows are made once and reused, yet always show the columns and the width as they are;
the same entities again change nothing drawn."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.ui.entity_sidebar import EntitySidebar
from reader.ui.lazy_marks import LazyMarks
from reader.ui.sidebar_rows import prepare_rows
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


async def test_the_same_entities_again_leave_the_list_and_the_texts_as_drawn(make_app):
    # A collection linked in a linking process arrives twice: its entities, then the same
    # entities with its stories. The second time nothing the reader sees changes.
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = reader(app)
        entity_list = screen.sidebar.entity_list
        ids = entity_list.row_ids
        texts = [entity_list.row_text(n) for n in range(entity_list.row_count)]
        views = [column.view for column in screen.column_widgets]
        rewraps: list[object] = []
        for view in views:
            real = view._rewrap
            view._rewrap = lambda *a, real=real, **k: rewraps.append(1) or real(*a, **k)
        again = replace(screen.corpus, entities=list(screen.corpus.entities))
        screen.sidebar.show(prepare_rows(again.entities), screen.columns, len(screen.articles))
        screen.deck.set_marks(LazyMarks.of(again))
        await pilot.pause()
        assert entity_list.row_ids is ids  # the rows were not given again
        same = [entity_list.row_text(n) for n in range(entity_list.row_count)]
        assert all(a is b for a, b in zip(same, texts, strict=True))
        assert rewraps == []
        # Other entities are shown anew: the list and the highlights.
        fewer = replace(again, entities=again.entities[1:])
        screen.sidebar.show(prepare_rows(fewer.entities), screen.columns, len(screen.articles))
        screen.deck.set_marks(LazyMarks.of(fewer))
        await pilot.pause()
        assert entity_list.row_count == len(ids) - 1
        assert again.entities[0].id not in entity_list.row_ids
        # The rows of the entities still there are the ones made before, not made again.
        kept = {key: n for n, key in enumerate(ids) if key is not None}
        for n, key in enumerate(entity_list.row_ids):
            if key is not None:
                assert entity_list.row_text(n) is texts[kept[key]]
        assert rewraps  # the first entity's mentions are no longer marked
