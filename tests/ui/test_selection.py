"""Selecting an entity (palette, sidebar, click) and walking its mentions with n / p."""

from __future__ import annotations

import re

import pytest

from reader.ui.article_view import ArticleView
from reader.ui.entity_sidebar import EntitySidebar
from tests.ui.conftest import listed, palette_select, reader, settle, status, toasts

pytestmark = pytest.mark.asyncio

COUNTER = re.compile(r"^(?P<name>.+?)  (?P<i>\d+)/(?P<n>\d+)$")


def counter(app) -> tuple[str, int, int]:
    match = COUNTER.match(status(app))
    assert match, f"status shows no i/N: {status(app)!r}"
    return match["name"], int(match["i"]), int(match["n"])


def focused_view(app) -> ArticleView:
    focused = app.focused
    assert isinstance(focused, ArticleView), f"focus is on {focused!r}"
    return focused


async def test_seeds_open_side_by_side_with_the_three_sidebar_sections(make_app):
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = reader(app)
        columns = screen.column_widgets
        assert [c.article.id for c in columns] == [a.id for a in screen.articles]
        headings = [text for key, text in listed(screen.sidebar.entity_list) if key is None]
        for section in ("People", "Places", "Organizations"):
            assert any(h.startswith(section) for h in headings)
        assert "Dmitry Peskov" in {screen.corpus.entity(i).name for i in _shown(screen)}


def _shown(screen) -> list[str]:
    return screen.query_one(EntitySidebar).shown_ids


async def test_palette_peskov_enter_then_n_moves_the_counter(make_app):
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await palette_select(pilot, "Peskov")
        name, i, n = counter(app)
        assert "Peskov" in name and i == 1 and n >= 2
        screen = reader(app)
        entity = screen.corpus.entity(screen.selected)
        first = screen.index.current.mention
        view = focused_view(app)
        assert view.article.id == first.article and view.is_offset_visible(first.start)
        assert view.article.text[first.start : first.end] in entity.aliases
        await pilot.press("n")
        assert counter(app)[1:] == (2, n)


async def test_selecting_from_the_sidebar_marks_every_column(make_app):
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = reader(app)
        target = next(e for e in screen.corpus.entities if e.name == "Ukraine")
        entity_list = screen.sidebar.entity_list
        entity_list.focus()
        assert entity_list.highlight(target.id)
        await pilot.press("enter")
        await pilot.pause()
        assert counter(app) == ("Ukraine", 1, len(target.mentions))
        for column in screen.column_widgets:
            assert column.view._selected == target.id
        # The strong mark is visible in the rendered line of the current mention.
        view = focused_view(app)
        mention = screen.index.current.mention
        _, y = view.cell_of(mention.start)
        current = view.get_component_rich_style("article-view--current", partial=True)
        marked = [seg for seg in view.render_line(y) if seg.text == "Ukraine"]
        assert any(seg.style.bgcolor == current.bgcolor for seg in marked)


async def test_clicking_a_mention_selects_it_at_that_mention(make_app):
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = reader(app)
        view = screen.column_widgets[0].view
        ukraine = next(e for e in screen.corpus.entities if e.name == "Ukraine")
        mention = next(m for m in ukraine.mentions if m.article == view.article.id)
        x, y = view.cell_of(mention.start)
        left, top = view.gutter.left, view.gutter.top  # the padding before the text
        await pilot.click(view, offset=(x + left + 1, y + top))
        await pilot.pause()
        assert screen.selected == ukraine.id
        assert screen.index.current.mention == mention
        assert counter(app)[0] == "Ukraine"


async def test_n_and_p_cross_articles_move_focus_and_wrap(make_app):
    app = make_app()
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await settle(pilot)
        screen = reader(app)
        entity = next(e for e in screen.corpus.entities if len(e.article_ids) == 2)
        screen.select_entity(entity.id)
        await pilot.pause()
        total = len(entity.mentions)
        in_first = entity.count_in(screen.columns[0])
        for _ in range(in_first):
            await pilot.press("n")
        _, i, n = counter(app)
        assert (i, n) == (in_first + 1, total)
        view = focused_view(app)
        assert view.article.id == screen.columns[1]
        assert view.is_offset_visible(screen.index.current.mention.start)
        await pilot.press("p")
        assert focused_view(app).article.id == screen.columns[0]
        assert counter(app)[1] == in_first
        for _ in range(total - in_first + 1):
            await pilot.press("n")
        assert counter(app)[1:] == (1, total)
        assert any("Wrapped around" in t for t in await toasts(pilot))
        await pilot.press("N")
        assert counter(app)[1:] == (total, total)


async def test_an_article_not_in_a_column_is_brought_into_one(make_app):
    app = make_app(columns=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert len(screen.column_widgets) == 1
        entity = next(e for e in screen.corpus.entities if len(e.article_ids) == 2)
        screen.select_entity(entity.id)
        await pilot.pause()
        for _ in range(entity.count_in(screen.columns[0])):
            await pilot.press("n")
        mention = screen.index.current.mention
        assert screen.columns == [mention.article]
        view = focused_view(app)
        assert view.article.id == mention.article and view.is_offset_visible(mention.start)


async def test_escape_clears_the_selection(make_app):
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await palette_select(pilot, "Peskov")
        assert reader(app).selected is not None
        await pilot.press("escape")
        assert reader(app).selected is None
        assert "/" not in status(app).split("—")[0]


async def test_n_without_a_selection_says_what_to_do(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert any("Select an entity" in t for t in await toasts(pilot))
