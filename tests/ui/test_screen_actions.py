"""Columns, the article picker, the filter, themes, help, quotes, details and quitting."""

from __future__ import annotations

import pytest
import yaml

from reader.ui.article_picker import ArticlePicker
from reader.ui.entity_details import EntityDetails
from reader.ui.entity_sidebar import EntitySidebar
from reader.ui.help_screen import HelpScreen
from reader.ui.quotes_screen import QuotesScreen
from reader.ui.row_list import RowList
from tests.ui.conftest import palette_select, reader, settle, status, toasts

pytestmark = pytest.mark.asyncio


async def test_minus_and_plus_change_the_number_of_columns(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        first, second = (a.id for a in screen.articles)
        await pilot.press("minus")
        await pilot.pause()
        assert screen.columns == [first] and len(screen.column_widgets) == 1
        await pilot.press("plus")
        await pilot.pause()
        assert screen.columns == [first, second] and len(screen.column_widgets) == 2
        # Never more columns than articles.
        await pilot.press("plus")
        await pilot.pause()
        assert len(screen.column_widgets) == 2
        assert [c.article.id for c in screen.column_widgets] == [first, second]


async def test_palette_columns_command(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await palette_select(pilot, "Columns: 1")
        await pilot.pause()
        assert len(reader(app).column_widgets) == 1


async def test_the_article_picker_filters_by_typing_and_swaps_columns(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        first, second = (a.id for a in screen.articles)
        jagran = next(a for a in screen.articles if "Jagran" in a.text[:200])
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ArticlePicker) and app.screen.column == 1
        await pilot.press(*"jagran")
        await pilot.pause()
        listed = app.screen.query_one("#article-list", RowList)
        # One article under its story's heading (a row without an id).
        assert listed.row_ids == [None, jagran.id]
        await pilot.press("enter")
        await pilot.pause()
        assert screen.columns[0] == jagran.id
        assert set(screen.columns) == {first, second}
        assert screen.column_widgets[0].view.article.id == jagran.id


async def test_the_sidebar_filter_narrows_the_list_and_enter_selects(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        sidebar = screen.query_one(EntitySidebar)
        everything = len(sidebar.shown_ids)
        await pilot.press("slash")
        await pilot.press(*"pesk")
        await pilot.pause()
        shown = sidebar.shown_ids
        assert 0 < len(shown) < everything
        assert all("pesk" in screen.corpus.entity(i).name.casefold() for i in shown)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.selected == shown[0]
        assert status(app).endswith(f"1/{len(screen.corpus.entity(shown[0]).mentions)}")


async def test_t_and_the_palette_switch_themes(make_app):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "reader-dark"
        view = reader(app).column_widgets[0].view
        dark_person = view.get_component_rich_style("article-view--person", partial=True)
        await pilot.press("t")
        await pilot.pause()
        assert app.theme == "reader-light"
        light_person = view.get_component_rich_style("article-view--person", partial=True)
        assert light_person.color != dark_person.color
        await palette_select(pilot, "Theme: reader-dark")
        assert app.theme == "reader-dark"


async def test_theme_option_and_a_broken_user_theme(make_app, tmp_path):
    themes = tmp_path / "themes"
    themes.mkdir()
    (themes / "broken.yaml").write_text("name: [oops", encoding="utf-8")
    app = make_app(theme="reader-light", config_dir=tmp_path)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await settle(pilot)
        assert app.theme == "reader-light"
        shown = await toasts(pilot)
        assert any("broken.yaml" in t and "not valid YAML" in t for t in shown)


async def test_an_unknown_theme_falls_back_to_the_default_with_a_message(make_app, tmp_path):
    user = tmp_path / "themes"
    user.mkdir()
    (user / "sepia.yaml").write_text(
        yaml.safe_dump(
            {
                "name": "sepia",
                "dark": False,
                "ui": {"primary": "#704214", "background": "#f4ecd8", "foreground": "#3b2f2f"},
                "highlights": dict.fromkeys(
                    ("person", "place", "organization", "group", "quote", "speaker", "selected"),
                    "#8b4513",
                ),
            }
        ),
        encoding="utf-8",
    )
    app = make_app(theme="no-such-theme", config_dir=tmp_path)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await settle(pilot)
        assert app.theme == "reader-dark"
        assert any("no-such-theme" in t for t in await toasts(pilot))
        assert "sepia" in app.reader_theme_names
        app.theme = "sepia"
        await pilot.pause()
        assert app.current_theme.background == "#f4ecd8"


async def test_help_lists_the_keys_and_closes(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict(app.screen.rows)
        assert keys["n"].startswith("Next mention") and "q" in keys and "p or N" in keys
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_the_quotes_view_groups_by_speaker_and_jumps(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert screen.corpus.quotes, "the seeds carry quotations"
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, QuotesScreen)
        option_list = app.screen.query_one("#quote-list")
        headings = [str(o.prompt) for o in option_list.options if o.disabled]
        assert headings and all(h.endswith(")") for h in headings)
        option_list.focus()
        last = option_list.option_count - 1
        option_list.highlighted = last
        quote_id = option_list.get_option_at_index(last).id
        await pilot.press("enter")
        await pilot.pause()
        quote = next(q for q in screen.corpus.quotes if q.id == quote_id)
        view = app.focused
        assert view.article.id == quote.article and view.is_offset_visible(quote.start)


async def test_entity_details_show_aliases_and_articles(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        entity = max(screen.corpus.entities, key=lambda e: len(e.article_ids))
        screen.select_entity(entity.id)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, EntityDetails)
        text = str(app.screen.query_one("#details-text").render())
        assert entity.name in text and "Articles" in text
        for alias in entity.aliases:
            assert alias in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EntityDetails)


async def test_tab_walks_the_columns_then_the_list_and_never_the_filter(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        views = [column.view for column in screen.column_widgets]
        entity_list = screen.sidebar.entity_list
        visited = []
        for _ in range(2 * (len(views) + 1)):
            visited.append(app.focused)
            await pilot.press("tab")
        assert visited == [*views, entity_list] * 2
        await pilot.press("shift+tab")
        assert app.focused is entity_list
        # Every reader key still works wherever Tab left the focus: o opens the picker.
        await pilot.press("tab", "tab", "o")
        await pilot.pause()
        assert type(app.screen).__name__ == "ArticlePicker"
