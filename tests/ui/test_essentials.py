"""Find, back/forward, the remembered session, notes and copying on the seeds."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widgets import OptionList

from reader.citation import cite_quote
from reader.find import find
from reader.state_files import state_dir
from reader.ui.find_bar import FindBar
from reader.ui.help_screen import HelpScreen
from reader.ui.keys import APP_KEYS, SCREEN_KEYS
from reader.ui.notes_screen import NoteEditor, NotesScreen
from tests.ui.conftest import reader, settle, status, toasts

pytestmark = pytest.mark.asyncio


async def _find(pilot, query: str) -> None:
    await pilot.press("ctrl+f", *query, "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _entity_in_both(screen):
    """An entity with mentions in both seed articles, several of them."""
    ids = {a.id for a in screen.articles}
    return next(
        e
        for e in screen.corpus.entities
        if {m.article for m in e.mentions} == ids and len(e.mentions) >= 3
    )


async def test_find_walks_matches_and_esc_gives_n_back_to_the_entity(make_app):
    app = make_app()
    async with app.run_test(size=(100, 20), notifications=True) as pilot:
        await settle(pilot)
        screen = reader(app)
        entity = _entity_in_both(screen)
        screen.select_entity(entity.id)
        await pilot.pause()
        assert status(app).endswith(f"1/{len(entity.mentions)}")
        total = len(find(screen.articles, "troops").matches)
        assert total >= 3
        await _find(pilot, "troops")
        assert status(app) == f"find “troops”  1/{total}"
        assert screen.query_one(FindBar).display
        await pilot.press("n")
        await pilot.pause()
        assert status(app) == f"find “troops”  2/{total}"
        # The match the status names is on screen, in a column.
        match = screen.finder.index.current.mention
        view = screen.column_showing(match.article).view
        assert view.is_offset_visible(match.start)
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.query_one(FindBar).display
        assert status(app).startswith(entity.name)
        await pilot.press("n")
        await pilot.pause()
        assert status(app) == f"{entity.name}  2/{len(entity.mentions)}"


async def test_an_invalid_regex_is_a_message_in_the_bar(make_app):
    app = make_app()
    async with app.run_test(size=(100, 20), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", "ctrl+r", *"(troops", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(reader(app).query_one("#find-count").render())
        assert "invalid regular expression" in shown
        assert not reader(app).finder.active
        # Esc in the bar closes it; the text has the focus again.
        await pilot.press("escape")
        await pilot.pause()
        assert not reader(app).query_one(FindBar).display
        assert app.focused is reader(app).column_widgets[0].view


async def test_find_highlights_the_matches_in_the_columns(make_app):
    app = make_app()
    async with app.run_test(size=(100, 20), notifications=True) as pilot:
        await settle(pilot)
        screen = reader(app)
        await _find(pilot, "troops")
        current = screen.finder.index.current.mention
        for column in screen.column_widgets:
            article = column.article
            expected = [
                (m.start, m.end) for m in screen.finder.results.matches if m.article == article.id
            ]
            found = column.view.found.spans
            assert [(s.start, s.end) for s in found] == expected
            assert all(article.text[s.start : s.end].casefold() == "troops" for s in found)
            keys = {(s.start, s.key) for s in found}
            assert ((current.start, "current") in keys) == (current.article == article.id)
        await pilot.press("escape")
        await pilot.pause()
        assert all(not c.view.found.spans for c in screen.column_widgets)


async def test_back_and_forward_return_to_the_places_before_and_after_a_jump(make_app):
    app = make_app()
    async with app.run_test(size=(100, 20), notifications=True) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("minus")
        await pilot.pause()
        first, second = (a.id for a in screen.articles)
        assert screen.columns == [first]
        # A mention far down the other article: the jump brings it into the column.
        far = max(
            (m for e in screen.corpus.entities for m in e.mentions if m.article == second),
            key=lambda m: m.start,
        )
        entity = next(e for e in screen.corpus.entities if far in e.mentions)
        screen.select_entity(entity.id, at=(second, far.start))
        await pilot.pause()
        view = screen.column_widgets[0].view
        landed = view.top_offset()
        assert screen.columns == [second] and landed > 0
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.columns == [first]
        assert screen.column_widgets[0].view.top_offset() == 0
        assert screen.selection is None
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.columns == [second]
        assert screen.column_widgets[0].view.top_offset() == landed
        assert screen.selected == entity.id


async def test_a_session_saved_on_quit_is_restored_on_the_same_articles(make_app):
    app = make_app()
    async with app.run_test(size=(100, 20), notifications=True) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("minus")
        await pilot.pause()
        second = screen.articles[1].id
        entity = _entity_in_both(screen)
        last = max((m for m in entity.mentions if m.article == second), key=lambda m: m.start)
        screen.select_entity(entity.id, at=(second, last.start))
        await pilot.pause()
        anchor = screen.column_widgets[0].view.top_offset()
        assert anchor > 0
        await pilot.press("q")
    assert (state_dir() / "sessions.json").exists()

    again = make_app()
    async with again.run_test(size=(100, 20), notifications=True) as pilot:
        await settle(pilot)
        await pilot.pause()
        screen = reader(again)
        assert screen.columns == [second]
        assert screen.column_widgets[0].view.top_offset() == anchor
        assert screen.selected == entity.id
        assert status(again).startswith(entity.name)


async def test_a_damaged_session_file_is_a_notice_not_a_crash(make_app):
    path = state_dir() / "sessions.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{ not json", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 20), notifications=True) as pilot:
        await settle(pilot)
        shown = await toasts(pilot)
        assert any("damaged" in t and "sessions" in t for t in shown), shown
        screen = reader(app)
        assert screen.columns == [a.id for a in screen.articles]


async def test_a_marked_quote_is_listed_and_enter_jumps_back_to_it(make_app):
    app = make_app()
    async with app.run_test(size=(100, 20), notifications=True) as pilot:
        await settle(pilot)
        screen = reader(app)
        quote = max(screen.corpus.quotes, key=lambda q: q.start)
        screen.go_to_quote(quote.id)
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert (
            app.screen.passage == screen.corpus.article(quote.article).text[quote.start : quote.end]
        )
        await pilot.press(*"check this", "enter")
        await pilot.pause()
        assert any("Note saved" in t for t in await toasts(pilot))
        # Somewhere else, then back through the notes view.
        await pilot.press("minus")
        await pilot.pause()
        other = next(a.id for a in screen.articles if a.id != quote.article)
        screen.put_article(1, other)
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        listing = app.screen.query_one(OptionList)
        assert listing.option_count == 1
        assert "check this" in str(listing.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, NotesScreen)
        assert screen.columns == [quote.article]
        assert screen.column_widgets[0].view.is_offset_visible(quote.start)


async def test_y_copies_the_focused_quote_with_its_attribution(make_app, monkeypatch):
    app = make_app()
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(100, 20), notifications=True) as pilot:
        await settle(pilot)
        screen = reader(app)
        quote = next(q for q in screen.corpus.quotes if q.speaker is not None)
        screen.go_to_quote(quote.id)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert copied == [cite_quote(screen.corpus, quote)]
        assert " — " in copied[0]
        assert any(t.startswith("Copied") for t in await toasts(pilot))


async def test_the_help_lists_the_new_keys_and_no_key_is_bound_twice(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict(app.screen.rows)
        assert keys["Ctrl+F"].startswith("Find a word")
        assert keys["[ or Alt+Left"].startswith("Back")
        assert keys["] or Alt+Right"].startswith("Forward")
        assert {"m", "y", "Ctrl+N"} <= set(keys)
    bound = [k.strip() for key in (*APP_KEYS, *SCREEN_KEYS) for k in key.keys.split(",")]
    assert len(bound) == len(set(bound))
    # Nor do they take a key Textual's app or screen already binds.
    textual = {k.strip() for b in (*App.BINDINGS, *Screen.BINDINGS) for k in b.key.split(",")}
    assert not textual & set(bound) - {"ctrl+p"}  # the palette key is Textual's, on purpose


async def test_ctrl_f_opens_the_find_bar_from_the_sidebar_filter_too(make_app):
    app = make_app()
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"pesk")
        await pilot.pause()
        assert app.focused.id == "entity-filter"
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert reader(app).query_one(FindBar).display
        assert app.focused.id == "find-input"


async def test_esc_in_the_text_closes_an_unused_find_bar_and_keeps_the_selection(make_app):
    app = make_app()
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        screen = reader(app)
        screen.select_entity(_entity_in_both(screen).id)
        await pilot.press("ctrl+f")
        await pilot.pause()
        screen.focus_last_column()
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.query_one(FindBar).display
        assert screen.selection is not None
