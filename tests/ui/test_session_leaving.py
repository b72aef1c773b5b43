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
