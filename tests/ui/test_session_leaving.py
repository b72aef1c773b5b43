"""Opening a dialog saves the session without hashing the articles on the UI thread."""

from __future__ import annotations

import threading

import pytest

from reader import session_state
from reader.state_files import state_dir
from reader.ui import session_keeper
from reader.ui.help_screen import HelpScreen
from tests.ui.conftest import screen_lines, settle

pytestmark = pytest.mark.asyncio


async def test_help_opened_while_the_session_key_is_hashed_opens_at_once(make_app, monkeypatch):
    # Hashing 10,000 texts takes a tenth of a second: on the UI thread, the help
    # waited for it. Only the worker hashes; quitting saves the session as before.
    on_ui_thread: list[bool] = []
    hashed = threading.Event()
    real_key = session_keeper.session_key

    def gated_key(articles):
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        hashed.wait(5)
        return real_key(articles)

    monkeypatch.setattr(session_keeper, "session_key", gated_key)
    monkeypatch.setattr(session_state, "session_key", gated_key)
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        for _ in range(500):
            if on_ui_thread:
                break
            await pilot.pause(0.01)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert any("Show all keys" in line for line in screen_lines(app))
        assert on_ui_thread == [False]  # the worker's, still waiting
        hashed.set()
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.press("q")
    assert (state_dir() / "sessions.json").exists()


async def test_a_dialog_opened_again_over_the_same_view_does_not_write_the_session_again(
    make_app, monkeypatch
):
    # Each dialog opened over the reader saved the session: a write and a sync of the
    # sessions file on the UI thread, tens of milliseconds at every key that opens one.
    path = state_dir() / "sessions.json"
    written: list[dict] = []
    real_write = session_state.write_json

    def counted_write(where, data, what):
        if where == path:
            written.append(data)
        return real_write(where, data, what)

    monkeypatch.setattr(session_state, "write_json", counted_write)
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)

        async def open_and_close_help() -> None:
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("question_mark")
            await settle(pilot)
            assert not isinstance(app.screen, HelpScreen)

        await open_and_close_help()
        assert len(written) == 1  # the view, saved when the help opened
        await open_and_close_help()
        assert len(written) == 1  # nothing moved: not written again
        await pilot.press("tab")
        await settle(pilot)
        await open_and_close_help()
        assert len(written) == 2  # another column focused: saved again
        (saved,) = written[1]["sessions"].values()
        assert saved["focused"] == 1
        await pilot.press("q")
    assert len(written) > 2  # quitting always saves
    assert path.exists()
