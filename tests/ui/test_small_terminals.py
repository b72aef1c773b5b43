"""Small terminals: columns keep a readable width, the sidebar makes way, rows stay aligned."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rich.cells import cell_len

from reader.model import Corpus, Entity, EntityMention
from reader.ui.column_room import MIN_COLUMN_WIDTH
from reader.ui.entity_sidebar import entity_prompt, fit_cells
from tests.ui.conftest import StaticAnalyzer, listed, reader, screen_lines, settle


def _widths(app) -> list[int]:
    return [column.size.width for column in reader(app).column_widgets]


@pytest.mark.asyncio
@pytest.mark.parametrize(("size", "columns"), [((60, 20), 1), ((80, 24), 1), ((200, 50), 2)])
async def test_columns_keep_a_readable_width_and_come_back(make_app, notices, size, columns):
    app = make_app(columns=4)  # more than fit, and more than the two seed articles
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert len(screen.columns) == columns
        assert all(width >= MIN_COLUMN_WIDTH for width in _widths(app)), _widths(app)
        assert screen.sidebar.display  # room for the sidebar beside one column
        if columns < 2:
            assert any(f"Showing {columns} of 2 columns" in text for text in notices), notices
        first_title = screen.articles[0].title[:10]
        assert any(first_title in line for line in screen_lines(app))
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        await pilot.pause()
        assert screen.columns == [a.id for a in screen.articles]
        if columns < 2:
            assert any("All 2 columns shown again" in text for text in notices), notices


@pytest.mark.asyncio
async def test_the_sidebar_makes_way_on_a_tiny_terminal_and_comes_back(make_app, notices):
    app = make_app()
    async with app.run_test(size=(50, 16), notifications=True) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert not screen.sidebar.display
        assert len(screen.columns) == 1
        assert any("Sidebar hidden" in text for text in notices), notices
        assert not any("Filter entities" in line for line in screen_lines(app))
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        await pilot.pause()
        assert screen.sidebar.display
        assert any("Filter entities" in line for line in screen_lines(app))


@pytest.mark.asyncio
async def test_a_terminal_too_narrow_for_more_columns_says_so_on_plus(make_app, notices):
    app = make_app(columns=1)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("plus")
        assert len(reader(app).columns) == 1
        assert any("Room for 1 column" in text for text in notices), notices


def test_fit_cells_counts_wide_characters_as_two_cells():
    for name in ["習近平", "Zelenskiy", "😀 Smile", "Владимир Путин", "عبد الله"]:
        for width in (4, 7, 12):
            fitted = fit_cells(name, width)
            assert cell_len(fitted) == width, (name, width, fitted)
            if cell_len(name) > width:
                assert fitted.rstrip().endswith("…")


@pytest.mark.asyncio
async def test_sidebar_rows_with_200_articles_and_wide_names_stay_on_one_aligned_line(
    make_app, seed_articles
):
    articles = [
        replace(seed_articles.articles[n % 2], id=f"a{n:03}", path=f"a{n:03}.txt")
        for n in range(200)
    ]
    names = ["習近平", "Volodymyr Zelenskiy", "😀 Smile Corp", "Ab", "Organisation for Peace"]

    def link(articles, analyses, errors, settings, aliases):
        entities = [
            Entity(f"e{n}", name, "person", [], [EntityMention(f"a{n:03}", 0, 4, "x")] * (n + 1))
            for n, name in enumerate(names)
        ]
        return Corpus(list(articles), entities, [], list(errors), "fake")

    app = make_app(articles, StaticAnalyzer({}))
    app.link = link
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        entity_list = reader(app).sidebar.entity_list
        room = entity_list.scrollable_content_region.width
        rows = [(key, text) for key, text in listed(entity_list) if key is not None]
        assert len(rows) == len(names)
        assert all(cell_len(text) <= room for _, text in rows), rows
        # The mention counts line up: each ends at the same cell.
        ends = set()
        for entity_id, text in rows:
            count = str(int(entity_id[1:]) + 1)
            ends.add(cell_len(text[: text.index(f" {count} ") + len(count) + 1]))
        assert len(ends) == 1, [str(r) for r in rows]


@pytest.mark.asyncio
async def test_counts_of_thousands_keep_a_space_after_a_name_that_fills_its_cells(
    make_app, seed_articles
):
    # A big collection names someone thousands of times: the count must not run into a
    # name as long as its cells ("Endangered Species Act1672"), and the counts line up.
    counts = {"Endangered Species Act": 1672, "Ab": 3, "Organisation for Peace": 12345}

    def link(articles, analyses, errors, settings, aliases):
        entities = [
            Entity(f"e{n}", name, "organization", [], [EntityMention("seed-1", 0, 4, "x")] * size)
            for n, (name, size) in enumerate(counts.items())
        ]
        return Corpus(list(articles), entities, [], list(errors), "fake")

    app = make_app(analyzer=StaticAnalyzer({}))
    app.link = link
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        entity_list = reader(app).sidebar.entity_list
        room = entity_list.scrollable_content_region.width
        rows = {key: text for key, text in listed(entity_list) if key is not None}
        ends = set()
        for number, size in enumerate(counts.values()):
            text = rows[f"e{number}"]
            assert f" {size} " in text, text
            ends.add(cell_len(text[: text.index(f" {size} ") + len(str(size)) + 1]))
            assert cell_len(text) <= room, text
        assert len(ends) == 1, list(rows.values())


def test_a_row_shows_the_article_count_only_when_asked():
    entity = Entity("e", "Ab", "person", [], [EntityMention("a", 0, 2, "Ab")])
    assert str(entity_prompt(entity, ["a"], 200, 10)).endswith(" 1/200")
    assert str(entity_prompt(entity, ["a"], 200, 10, show_spread=False)).endswith("1")
