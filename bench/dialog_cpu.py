"""The UI thread's work per dialog key, in this process: what opening each dialog costs.

``tui_scale.py --dialogs`` times what a user sees in a real terminal; on a
shared machine its figures move by tens of milliseconds from one run to the
next. This runs the reader headless at 200x50 on PATH (cached analyses), once
the entities are in, and reports for each dialog's key, and for a letter typed
into the picker's and the sidebar's filters, the CPU time of the UI thread
from the key until the app is idle again (list slices and repaints included),
and the wall time. The UI thread's CPU time hardly depends on what else the
machine runs. To compare two versions, run it with each on PYTHONPATH, one
after the other, on the same PATH.

Usage: python bench/dialog_cpu.py PATH [--repeat 4]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from textual.pilot import Pilot

from reader.config import load_settings
from reader.ui.app import ReaderApp
from reader.ui.article_arrivals import files_loader
from reader.ui.reader_screen import ReaderScreen

#: name, the key that opens the dialog, the key that closes it.
DIALOGS = (
    ("help", "question_mark", "question_mark"),
    ("article picker", "o", "escape"),
    ("quotes", "s", "s"),
    ("entity details", "i", "i"),
    ("coverage", "c", "c"),
    ("notes", "ctrl+n", "q"),
    ("load report", "L", "L"),
    ("command palette", "ctrl+p", "escape"),
)
LETTERS = "ers"

Costs = dict[str, list[tuple[float, float]]]


async def timed(pilot: Pilot[None], costs: Costs, name: str, key: str) -> None:
    """Press ``key``; the UI thread's CPU time and the wall time until the app is idle."""
    cpu, wall = time.thread_time(), time.perf_counter()
    await pilot.press(key)
    await pilot.pause()
    spent = (time.thread_time() - cpu, time.perf_counter() - wall)
    costs.setdefault(name, []).append(spent)


async def measure(path: Path, repeat: int) -> Costs:
    settings = load_settings()
    app = ReaderApp([], [], settings, loader=files_loader([path], settings))
    costs: Costs = {}
    async with app.run_test(size=(200, 50)) as pilot:
        while not any(isinstance(s, ReaderScreen) and s.analysis_done for s in app.screen_stack):
            await pilot.pause(0.05)
        await pilot.pause(1.0)  # the last results drawn, the dialogs' summaries made
        # An entity selected, for its details; then the filter emptied (Escape in it).
        for key in ("slash", LETTERS[0], "enter", "slash", "escape"):
            await pilot.press(key)
            await pilot.pause(0.1)
        for _ in range(repeat):
            await pilot.press("slash")
            for letter in LETTERS:
                await timed(pilot, costs, "sidebar filter: a letter", letter)
            await pilot.press("escape")
            await pilot.pause(0.2)
            for name, opener, closer in DIALOGS:
                await timed(pilot, costs, f"{name}: open", opener)
                if name == "article picker":
                    for letter in LETTERS:
                        await timed(pilot, costs, "article picker filter: a letter", letter)
                await pilot.pause(0.2)
                await timed(pilot, costs, f"{name}: close", closer)
                await pilot.pause(0.2)
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--repeat", type=int, default=4)
    args = parser.parse_args()
    # A session of its own: a remembered one would restore another selection.
    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="reader-bench-state-")
    costs = asyncio.run(measure(args.path, args.repeat))
    print(f"{args.path} at 200x50, ms (UI thread CPU: median / longest; wall: median):")
    for name, spent in costs.items():
        cpu = [c * 1000 for c, _ in spent]
        wall = [w * 1000 for _, w in spent]
        print(
            f"  {name:<32} cpu {statistics.median(cpu):5.0f} / {max(cpu):5.0f}; "
            f"wall {statistics.median(wall):5.0f} over {len(spent)} keys"
        )


if __name__ == "__main__":
    main()
