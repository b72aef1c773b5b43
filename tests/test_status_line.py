"""The command line's status line: what a long export does now, on a terminal only."""

from __future__ import annotations

import io
import json
import os
import pty
import shutil
import subprocess
from pathlib import Path

from reader.collection import STEPS
from reader.progress import TTY_INTERVAL, StatusLine


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def shown(text: str) -> list[str]:
    """What the line said, one text per redraw (padding stripped)."""
    return [part.rstrip() for part in text.split("\r") if part.strip()]


def test_the_line_is_redrawn_in_place_and_blanked_at_the_end() -> None:
    out, clock = io.StringIO(), Clock()
    line = StatusLine(out, tty=True, clock=clock)
    for done in range(1, 1001):
        line.analyzing(done, 1000)  # no time passes: the first and the last only
        if done == 500:
            clock.now += TTY_INTERVAL
            line.analyzing(done, 1000)
    for step in STEPS:
        line.linking(step)
    line.clear()
    text = out.getvalue()
    assert "\n" not in text
    assert shown(text) == [
        "analyzing: 1/1,000 articles",
        "analyzing: 500/1,000 articles",
        "analyzing: 1,000/1,000 articles",
        *(f"linking: {step}…" for step in STEPS),
    ]
    # Blanked over its longest text, and the cursor back where the line began.
    longest = max(len(part) for part in text.split("\r"))
    assert text.endswith("\r" + " " * longest + "\r")


def test_a_step_that_counts_says_how_far_it_is_now_and_then_and_at_the_last() -> None:
    out, clock = io.StringIO(), Clock()
    line = StatusLine(out, tty=True, clock=clock)
    line.linking(STEPS[0])
    for done in range(0, 10_001, 100):
        line.counting(done, 10_000)
        if done == 5_000:
            clock.now += TTY_INTERVAL
            line.counting(done, 10_000)
    line.linking(STEPS[1])
    assert shown(out.getvalue()) == [
        f"linking: {STEPS[0]}…",
        f"linking: {STEPS[0]} 0/10,000…",  # at once, then no sooner than the interval
        f"linking: {STEPS[0]} 5,000/10,000…",
        f"linking: {STEPS[0]} 10,000/10,000…",
        f"linking: {STEPS[1]}…",
    ]


def test_each_step_shows_its_first_count_at_once() -> None:
    # No time passes between the steps: a count shown for the last step says nothing
    # of how far the new one is.
    out, clock = io.StringIO(), Clock()
    line = StatusLine(out, tty=True, clock=clock)
    line.analyzing(1, 2)
    line.linking(STEPS[0])
    line.counting(0, 300)
    line.counting(100, 300)  # within the interval: held back
    line.linking(STEPS[1])
    line.counting(0, 50)
    assert shown(out.getvalue()) == [
        "analyzing: 1/2 articles",
        f"linking: {STEPS[0]}…",
        f"linking: {STEPS[0]} 0/300…",
        f"linking: {STEPS[1]}…",
        f"linking: {STEPS[1]} 0/50…",
    ]


def test_nothing_is_written_where_the_stream_is_no_terminal() -> None:
    out = io.StringIO()
    line = StatusLine(out, tty=False)
    line.analyzing(1, 1)
    line.linking(STEPS[0])
    line.counting(1, 1)
    line.clear()
    assert out.getvalue() == ""


def test_an_export_on_a_terminal_says_what_it_does_then_blanks_the_line(
    tmp_path: Path, seeds_dir: Path
) -> None:
    reader = shutil.which("reader")
    assert reader, "the reader console script is not installed"
    (tmp_path / "in").mkdir()
    for path in seeds_dir.glob("*.txt"):
        shutil.copy(path, tmp_path / "in" / path.name)
    main, terminal = pty.openpty()
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}  # nothing linked yet
    try:
        done = subprocess.run(
            [reader, "export", "in", "--compact"],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=terminal,
            timeout=300,
        )
        os.close(terminal)
        said = b""
        while chunk := _read(main):
            said += chunk
    finally:
        os.close(main)
    assert done.returncode == 0
    assert len(json.loads(done.stdout)["articles"]) == 2  # the output is untouched
    text = said.decode("utf-8")
    assert "analyzing: 2/2 articles" in shown(text)
    assert [f"linking: {step}…" for step in STEPS] == [
        part for part in shown(text) if part.startswith("linking")
    ]
    assert text.endswith("\r") and "\n" not in text


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 4096)
    except OSError:  # the terminal's other end is closed: all was read
        return b""
