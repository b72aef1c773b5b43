"""Probing the reader as a user sees it: a real terminal (tmux) at 200x50, keys sent and
the screen polled until it answers; shared by ``tui_scale.py`` and ``tui_dialogs.py``."""

from __future__ import annotations

import os
import re
import shlex
import statistics
import subprocess
import time
import uuid
from collections.abc import Callable
from typing import NamedTuple

HELP_MARK = "Show all keys"  # a row at the top of the help screen
COUNTED = re.compile(r"[\d,]+ entit")
#: The status line of a linked collection (not one shown as linked before).
LINKED = re.compile(r"Ctrl\+P to find an entity")


#: A tmux server of this bench's own: a shared one runs its panes in the environment of
#: whoever started it (another PYTHONPATH, another cache), not in this one's.
SOCKET = f"reader-bench-{os.getpid()}"
#: What the reader's run depends on, passed to it explicitly.
PASSED = ("PYTHONPATH", "XDG_", "READER_", "HOME", "PATH", "VIRTUAL_ENV")


#: The floor: a bare Textual app with a screen of text, a status line counting entities,
#: and ``?`` opening and closing an opaque help screen of fifty rows (as the reader's is).
BARE_APP = f"""
from textual.app import App
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

class Help(Screen):
    BINDINGS = [("question_mark", "dismiss", "Close"), ("escape", "dismiss", "Close")]
    CSS = "Help {{ align: center middle; }} #box {{ width: 80%; max-width: 110; height: 80%; }}"

    def compose(self):
        with VerticalScroll(id="box"):
            rows = ["  ?    {HELP_MARK}", *(f"  k{{n}}   key {{n}}" for n in range(50))]
            yield Static("\\n".join(rows))

class Bare(App):
    BINDINGS = [("question_mark", "help", "Help")]
    CSS = "#text {{ height: 1fr; }}"

    def compose(self):
        line = "The Kremlin on Tuesday said some of its personnel deployed near the border "
        yield Static("\\n".join((line * 3)[:190] for _ in range(48)), id="text")
        yield Static("2 articles · 27 entities · 9 quotes")

    def action_help(self):
        if not self.is_screen_installed("help"):
            self.install_screen(Help(), "help")  # made once and kept, as the reader's
        self.push_screen("help")

Bare().run()
"""


def tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=True
    ).stdout


def passed_env() -> list[str]:
    """``NAME=value`` for each variable of this process the reader depends on."""
    return [f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith(PASSED)]


class Session:
    """``reader`` in a detached tmux window of 200x50."""

    def __init__(self, argv: list[str]) -> None:
        self.name = f"reader-bench-{uuid.uuid4().hex[:8]}"
        tmux("new-session", "-d", "-s", self.name, "-x", "200", "-y", "50", "cat")
        tmux("set-option", "-t", self.name, "escape-time", "0")
        command = f"env -u COLUMNS -u LINES {shlex.join([*passed_env(), *argv])}; sleep 60"
        self.started = time.perf_counter()
        tmux("respawn-pane", "-k", "-t", self.name, command)

    def screen(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.name)

    def status(self) -> str:
        lines = [line for line in self.screen().splitlines() if line.strip()]
        return "\n".join(lines[-3:])

    def close(self) -> None:
        """End the session, then wait (``GONE_WITHIN`` at most) until every process the
        run started has ended: a reader's linking process may go on storing its
        collection for seconds after the reader, and would slow the next run down."""
        started = _descendants(self._pane())
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", self.name], capture_output=True)
        deadline = time.perf_counter() + GONE_WITHIN
        while started and time.perf_counter() < deadline:
            started = {pid for pid in started if os.path.exists(f"/proc/{pid}")}
            time.sleep(0.05)

    def _pane(self) -> int | None:
        """The process the session's pane runs (the shell that starts the reader)."""
        try:
            return int(tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())
        except (subprocess.CalledProcessError, ValueError):
            return None


#: How long ``Session.close`` waits at most for a run's processes to end (seconds).
GONE_WITHIN = 15.0


def _descendants(root: int | None) -> set[int]:
    """The processes under ``root`` (Linux's ``/proc``; none found elsewhere)."""
    children: dict[int, list[int]] = {}
    try:
        entries = [e for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return set()
    for entry in entries:
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found: set[int] = set()
    pending = [root] if root is not None else []
    while pending:
        for child in children.get(pending.pop(), []):
            if child not in found:
                found.add(child)
                pending.append(child)
    return found


def wait(session: Session, test, timeout: float) -> float:
    """Poll the screen until ``test(screen)``; returns when (seconds since the start)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if test(session.screen()):
            return time.perf_counter() - session.started
        time.sleep(0.002)
    raise TimeoutError(f"the screen never showed what was awaited:\n{session.screen()}")


class Probed(NamedTuple):
    """What ``run`` measured."""

    #: Seconds until the entities were counted (or the screen showed ``until``).
    counted: float
    #: The longest key wait while loading, ...
    longest: float
    #: ... how many keys were timed then, ...
    keys: int
    #: ... and how many of them waited over ``SLOW`` seconds.
    slow: int
    #: The longest wait of ``after`` more keys once loaded.
    settled: float
    #: The median of the waits while loading.
    middle: float


#: A key answered later than this has kept the reader waiting (the issue's bound).
SLOW = 0.1


def run(
    argv: list[str],
    timeout: float,
    probe: float,
    after: int = 0,
    until: re.Pattern | Callable[[str], bool] = COUNTED,
) -> Probed:
    """Seconds until entities are counted (or the status lines match ``until``), and the
    key waits while loading (each the longer of an open and a close) and once loaded:
    on a shared machine the longest is one unlucky key, the median what a reader mostly
    gets."""
    done = until if callable(until) else until.search
    session = Session(argv)
    try:
        # The first frame: anything drawn at all.
        wait(session, lambda s: s.strip() != "", timeout)
        waits: list[float] = []
        while probe and not done(session.status()):
            waits.append(toggle_help(session, probe, timeout))
        counted = wait(session, lambda s: bool(done(s)), timeout)
        settled = max((toggle_help(session, 0.2, timeout) for _ in range(after)), default=0.0)
        middle = statistics.median(waits) if waits else 0.0
        slow = sum(w > SLOW for w in waits)
        return Probed(counted, max(waits, default=0.0), 2 * len(waits), slow, settled, middle)
    finally:
        session.close()


def waited(probed: Probed) -> str:
    """The key waits of ``probed`` in words."""
    return (
        f"longest key wait {probed.longest * 1000:.0f} ms over {probed.keys} keys "
        f"(median {probed.middle * 1000:.0f} ms, {probed.slow} over {SLOW * 1000:.0f} ms)"
    )


def toggle_help(session: Session, pause: float, timeout: float) -> float:
    """After ``pause`` seconds, open the help and close it: the longer of the two waits."""
    time.sleep(pause)
    longest = 0.0
    for opened in (True, False):
        sent = time.perf_counter()
        session_keys(session, "?")
        wait(session, lambda s, o=opened: (HELP_MARK in s) == o, timeout)
        longest = max(longest, time.perf_counter() - sent)
    return longest


def session_keys(session: Session, *keys: str) -> None:
    tmux("send-keys", "-t", session.name, *keys)
