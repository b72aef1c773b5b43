"""Found by using the reader: dimmed highlights that vanish, a lost place, keys that did nothing."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.widgets import Input

from reader.ui.article_picker import ArticlePicker
from reader.ui.article_view import ArticleView
from reader.ui.entity_details import EntityDetails
from reader.ui.quotes_screen import TITLE_LIMIT
from reader.ui.row_list import RowList
from tests.ui.conftest import palette_prompts, reader, settle

pytestmark = pytest.mark.asyncio


def _brightness(color) -> float:
    return Color.from_rich_color(color).brightness


@pytest.mark.parametrize("theme", ["reader-dark", "reader-light"])
async def test_dimmed_mentions_stay_readable_and_dimmer_than_the_text(make_app, theme):
    # The dimmed style used to come out as pure white: invisible on the light theme's
    # paper, and brighter than the body text on the dark one.
    app = make_app(theme=theme)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        view = screen.column_widgets[0].view
        peskov = next(e for e in screen.corpus.entities if e.name == "Dmitry Peskov")
        other = next(
            e
            for e in screen.corpus.entities
            if e.id != peskov.id and view.article.id in e.article_ids
        )
        screen.select_entity(peskov.id)
        view.focus()
        mention = next(m for m in other.mentions if m.article == view.article.id)
        view.scroll_to_offset(mention.start)
        await pilot.pause()
        _, y = view.cell_of(mention.start)
        word = view.article.text[mention.start : mention.end].split()[0]
        dimmed = [seg.style for seg in view.render_line(y) if seg.text.startswith(word)]
        assert dimmed, f"{word!r} not rendered on its line"
        base = view.rich_style
        text, paper = _brightness(base.color), _brightness(base.bgcolor)
        shade = _brightness(dimmed[0].color)
        low, high = sorted((text, paper))
        assert low < shade < high, (theme, dimmed[0].color, base)
        assert abs(shade - paper) > 0.2, "the dimmed text must still be readable"


async def test_the_text_at_the_top_stays_there_when_the_column_width_changes(make_app):
    app = make_app()
    async with app.run_test(size=(120, 16)) as pilot:
        await settle(pilot)
        view: ArticleView = reader(app).column_widgets[0].view
        view.scroll_to(y=12, animate=False, immediate=True)
        await pilot.pause()
        before = view._lines[round(view.scroll_offset.y)]
        for key in ("b", "minus"):  # hide the sidebar, then one column: both widen the text
            await pilot.press(key)
            await pilot.pause()
            view = reader(app).column_widgets[0].view
            top = view._lines[round(view.scroll_offset.y)]
            assert top.start <= before.start < max(top.end, top.start + 1), key


async def test_escape_in_the_filter_box_returns_to_the_text_and_down_reaches_the_list(make_app):
    # Escape in the filter used to do nothing (the focus stayed in the box).
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        second = screen.column_widgets[1].view
        second.focus()
        await pilot.press("slash", *"ukr")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is second, f"focus is on {app.focused!r}"
        assert screen.query_one("#entity-filter", Input).value == ""
        await pilot.press("slash", *"ukr", "down")
        await pilot.pause()
        assert app.focused is screen.sidebar.entity_list
        await pilot.press("enter")
        await pilot.pause()
        assert screen.selected is not None
        assert screen.corpus.entity(screen.selected).name.startswith("Ukr")


async def test_i_shows_the_entity_under_the_sidebar_cursor(make_app):
    # The docstring promised "the selected (or highlighted) entity"; without a
    # selection, i said "Select an entity first" with an entity right under the cursor.
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        entity_list = screen.sidebar.entity_list
        entity_list.focus()
        await pilot.press("down")
        await pilot.pause()
        highlighted = entity_list.highlighted_id
        assert highlighted is not None
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, EntityDetails)
        assert app.screen.entity_id == highlighted


async def test_the_article_picker_shows_one_line_per_title_and_where_each_article_is(make_app):
    # Long titles used to wrap into rows that looked like other articles, and two
    # articles with the same title could not be told apart (no file name).
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("b")  # no room for two columns beside the sidebar at 80x24
        await pilot.pause()
        screen.column_widgets[1].view.focus()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ArticlePicker)
        article_list = app.screen.query_one("#article-list", RowList)
        # The seeds are one story: its heading (one line), then the articles (two each).
        assert article_list.row_ids == [None, *(a.id for a in screen.articles)]
        assert article_list.virtual_size.height == 1 + 2 * len(screen.articles)
        assert article_list.highlighted_id == screen.columns[1]
        rows = ["".join(s.text for s in article_list.render_line(y)) for y in range(1, 5)]
        for number, article in enumerate(screen.articles, start=1):
            title, details = rows[2 * number - 2], rows[2 * number - 1]
            assert title.strip().startswith(article.title[:20])
            assert article.id in details and f"in column {number}" in details


async def test_counts_are_singular_for_one_and_quote_rows_name_their_article_briefly(make_app):
    # "person, 1 mentions in 1 article(s)" in the palette; quote rows ended with a
    # whole first sentence as the article's title, taking two or three lines each.
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        single = next(e for e in screen.corpus.entities if len(e.mentions) == 1)
        prompts = await palette_prompts(pilot, single.name)
        assert any(f"{single.type}, 1 mention in 1 article" in p for p in prompts), prompts
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        rows = [str(o.prompt) for o in app.screen.query_one("#quote-list").options]
        titles = [row.rsplit("  — ", 1)[1] for row in rows if "  — " in row]
        assert titles and max(len(t) for t in titles) <= TITLE_LIMIT


async def test_hiding_the_sidebar_from_inside_it_gives_the_focus_to_the_text(make_app):
    # b in the entity list used to leave the focus in the hidden filter box: n, p and
    # the other letters were typed into a box nobody could see.
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        screen.select_entity(next(e.id for e in screen.corpus.entities if len(e.mentions) > 2))
        await pilot.pause()
        screen.sidebar.entity_list.focus()
        await pilot.press("b")
        await pilot.pause()
        assert not screen.query_one("#sidebar").display
        assert isinstance(app.focused, ArticleView), f"focus is on {app.focused!r}"
        before = screen.index.position
        await pilot.press("n")
        assert screen.index.position == before + 1
        assert screen.query_one("#entity-filter", Input).value == ""
