"""Keys a new user tripped over: dialogs own the keys, the palette lists the reader's own."""

from __future__ import annotations

import pytest

from tests.ui.conftest import (
    palette_prompts,
    palette_select,
    reader,
    screen_lines,
    settle,
)

pytestmark = pytest.mark.asyncio

#: Keys that change the reader screen (or the app) when the reader screen has the keys.
SCREEN_CHANGERS = ("t", "b", "plus", "minus", "n", "left_square_bracket")


def _state(app):
    screen = reader(app)
    mention = screen.selection.mention if screen.selection else None
    return app.theme, screen.sidebar.revealed, list(screen.columns), mention


@pytest.mark.parametrize(
    ("opener", "dialog"),
    [
        ("question_mark", "HelpScreen"),
        ("s", "QuotesScreen"),
        ("i", "EntityDetails"),
        ("c", "CoverageScreen"),
        ("ctrl+n", "NotesScreen"),
    ],
)
async def test_an_open_dialog_owns_the_keys_and_q_closes_it(make_app, opener, dialog):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await palette_select(pilot, "Peskov")
        await pilot.press(opener)
        await pilot.pause()
        assert type(app.screen).__name__ == dialog
        before = _state(app)
        await pilot.press(*SCREEN_CHANGERS)
        await pilot.pause()
        assert type(app.screen).__name__ == dialog
        assert _state(app) == before
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is reader(app)
        assert app.is_running  # q closed the dialog, not the reader


async def test_the_palette_lists_the_readers_themes_and_commands_only(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        prompts = await palette_prompts(pilot, "theme")
        assert prompts, "no theme command listed"
        assert all(p.startswith("Theme: reader-") for p in prompts if "heme" in p), prompts
        assert not any("textual" in p.lower() for p in prompts), prompts
        await pilot.press("escape")
        await pilot.pause()
        for textual_own in ("screenshot", "maximize"):
            listed = await palette_prompts(pilot, textual_own)
            assert not any(textual_own in p.lower() for p in listed), listed
            await pilot.press("escape")
            await pilot.pause()
        quit_prompts = await palette_prompts(pilot, "quit")
        assert any(p.startswith("Quit") for p in quit_prompts), quit_prompts


async def test_help_says_how_to_close_dialogs_scroll_and_read_the_sidebar(make_app):
    app = make_app()
    async with app.run_test(size=(200, 100)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Close the dialog" in shown
        assert "PgUp / PgDn" in shown and "wheel" in shown
        assert "Sidebar rows" in shown
        assert "one mark per column" in shown
        assert "how many of all the loaded articles name it" in shown


async def test_the_filter_is_reached_with_slash_and_left_with_enter_or_esc(make_app, notices):
    app = make_app()
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("slash", *"zzqx", "enter")
        await pilot.pause()
        # Nothing matched: Enter says so and hands the keys back to the text.
        assert type(app.focused).__name__ == "ArticleView"
        assert any("zzqx" in text for text in notices), notices
        await pilot.press("o")
        await pilot.pause()
        assert type(app.screen).__name__ == "ArticlePicker"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("slash", *"pes", "escape")
        await pilot.pause()
        assert type(app.focused).__name__ == "ArticleView"
        assert screen.sidebar.filter_text == ""


async def test_keys_that_cannot_act_say_why(make_app, notices):
    app = make_app()  # two articles, both shown
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("plus")
        assert any("Only 2 articles" in text for text in notices), notices
        assert len(screen.columns) == 2
        await pilot.press("minus", "minus")
        assert len(screen.columns) == 1
        assert any("One column at least" in text for text in notices), notices
        await pilot.press("b", "tab")
        assert any("nothing else to move to" in text for text in notices), notices
        notices.clear()
        await palette_select(pilot, "Columns: 4")
        assert len(screen.columns) == 2
        assert any("Only 2 articles" in text for text in notices), notices


def _background_at(view, offset):
    cell = view.cell_of(offset)
    assert cell is not None, "the offset is scrolled away"
    x, y = cell
    used = 0
    for segment in view.render_line(y):
        used += len(segment.text)
        if used > x + 1:  # the view's left padding is one cell
            return segment.style.bgcolor
    raise AssertionError("no segment at the cell")


async def test_a_quote_chosen_in_the_quotes_view_is_marked_and_has_context_above(make_app):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = reader(app)
        quotes = [q for q in screen.corpus.quotes if q.article == screen.columns[0]]
        chosen, other = quotes[-2], quotes[0]
        await pilot.press("s")
        await pilot.pause()
        quote_list = app.screen.query_one("#quote-list")
        quote_list.highlighted = quote_list.get_option_index(chosen.id)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        view = screen.column_showing(chosen.article).view
        assert view.marked_quote == (chosen.start, chosen.end)
        _, row = view.cell_of(chosen.start)
        assert row >= view.size.height // 4  # lines of context above it, not the top line
        marked = _background_at(view, chosen.start)
        view.scroll_to_offset(other.start)
        await pilot.pause()
        assert marked != _background_at(view, other.start)  # it stands out from other quotes
