"""End to end: the installed ``reader`` command in a real terminal (tmux).

Cold cache, so the model really runs in the worker; the palette selects Peskov,
``n`` moves to the next mention, ``q`` quits. The screen is polled, never slept on.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import SEEDS

TMUX = shutil.which("tmux")
READER = Path(sys.executable).with_name("reader")


def tmux(*args: str) -> str:
    assert TMUX, "tmux is needed for the end-to-end test (apt-get install tmux)"
    done = subprocess.run([TMUX, *args], capture_output=True, text=True, check=True)
    return done.stdout


class Terminal:
    """A detached tmux session running one command."""

    def __init__(self, command: list[str], env: dict[str, str], size=(200, 50)) -> None:
        self.name = f"reader-e2e-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        # COLUMNS/LINES inherited from the test runner would override the real pane size.
        run = f"env -u COLUMNS -u LINES {exports} {shlex.join(command)}"
        line = f"{run}; echo READER-EXIT=$?; sleep 30"
        # Size the window first, then start the reader in it, so its first frame has that size.
        tmux("new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]), "cat")
        tmux("resize-window", "-t", self.name, "-x", str(size[0]), "-y", str(size[1]))
        tmux("respawn-pane", "-k", "-t", self.name, line)

    def screen(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.name)

    def send(self, *keys: str) -> None:
        tmux("send-keys", "-t", self.name, *keys)

    def wait_for(self, pattern: str, timeout: float = 60.0) -> re.Match[str]:
        """Poll the screen until ``pattern`` shows up; fail with the screen if it never does."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            match = re.search(pattern, screen)
            if match:
                return match
            time.sleep(0.1)
        pytest.fail(f"{pattern!r} never appeared; the screen was:\n{screen}")

    def close(self) -> None:
        subprocess.run([TMUX or "tmux", "kill-session", "-t", self.name], check=False)


@pytest.fixture
def terminal(tmp_path: Path):
    assert READER.exists(), f"the reader console script is not installed at {READER}"
    env = {
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        # Quitting saves the session: never into the real user's state directory.
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "TERM": "xterm-256color",
    }
    term = Terminal([str(READER), str(SEEDS)], env)
    yield term
    term.close()


@pytest.mark.slow
@pytest.mark.e2e
def test_reader_in_tmux_palette_select_then_next_then_quit(terminal: Terminal):
    # Text first, then the analysis summary once the worker is done.
    terminal.wait_for(r"Russia on Tuesday")
    terminal.wait_for(r"\d+ articles · \d+ entities", timeout=120)
    screen = terminal.screen()
    for section in ("People", "Places", "Organizations"):
        assert section in screen
    terminal.send("C-p")
    terminal.wait_for(r"Search for commands")
    terminal.send("-l", "Peskov")
    terminal.wait_for(r"Dmitry Peskov\s*\n\s*person")
    terminal.send("Enter")
    first = terminal.wait_for(r"Dmitry Peskov  1/(\d+)")
    total = int(first.group(1))
    assert total >= 2
    terminal.send("n")
    terminal.wait_for(rf"Dmitry Peskov  2/{total}")
    terminal.send("q")
    terminal.wait_for(r"READER-EXIT=0")


def test_reader_in_tmux_find_walks_matches_then_quit_saves_the_session(
    terminal: Terminal, tmp_path: Path
):
    terminal.wait_for(r"\d+ articles · \d+ entities", timeout=120)
    terminal.send("C-f")
    terminal.wait_for(r"Find a word, a phrase or a regex")
    terminal.send("-l", "troops")
    terminal.send("Enter")
    first = terminal.wait_for(r"find “troops”  1/(\d+)")
    total = int(first.group(1))
    assert total >= 2
    terminal.send("n")
    terminal.wait_for(rf"find “troops”  2/{total}")
    terminal.send("Escape")
    terminal.wait_for(r"\d+ articles · \d+ entities")
    terminal.send("q")
    terminal.wait_for(r"READER-EXIT=0")
    assert (tmp_path / "state" / "reader" / "sessions.json").exists()
