"""The ``--dialogs`` run of ``tui_scale.py``: each dialog opened and closed, and letters
typed into the filters, timed from the key to its answer on screen."""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

from tui_probe import BARE_APP, COUNTED, HELP_MARK, Session, run, session_keys, wait

#: A key's answer is the screen once it has not changed for this long.
SETTLE = 0.15
#: The dialogs: a name, the key that opens it, a regex for the opened dialog, its closing key.
DIALOGS = (
    ("help", "?", re.escape(HELP_MARK), "?"),
    ("article picker", "o", "Article for column", "Escape"),
    ("quotes", "s", "by speaker", "s"),
    ("entity details", "i", "Also written as", "i"),
    ("coverage", "c", "Compare coverage", "c"),
    ("notes", "C-n", "No notes yet|notes? — Enter jumps", "q"),
    ("load report", "L", "Load report", "L"),
    ("command palette", "C-p", "Search for commands", "Escape"),
)
#: Typed into the filters, one key at a time, then taken back with Backspace.
LETTERS = "ers"


def answer(
    session: Session, key: str, mark: str | None, timeout: float, shown: bool = True
) -> tuple[float, float]:
    """Seconds from sending ``key`` to its answer on screen, and to the screen it settles on.

    ``mark``: a regex the answer must match (``shown``) or not match (not
    ``shown``); ``None``: any change will do. The answer is the first screen
    that does; the settled screen the one that then stays ``SETTLE`` seconds (a
    long list fills in after its first screenful, its scrollbar shrinking). The
    run stops with the screen if it never answers.
    """
    last = session.screen()
    sent = time.perf_counter()
    session_keys(session, key)
    changed: float | None = None
    answered: float | None = None
    while True:
        screen = session.screen()
        now = time.perf_counter()
        if screen != last:
            last, changed = screen, now
            if answered is None and (mark is None or (re.search(mark, last) is not None) == shown):
                answered = now
        if changed is not None and answered is not None and now - changed >= SETTLE:
            return answered - sent, changed - sent
        if now - sent > timeout:
            raise TimeoutError(f"{key!r} never settled on {mark!r} ({shown}):\n{last}")
        time.sleep(0.002)


Waits = dict[str, list[tuple[float, float]]]


def dialog_waits(argv: list[str], timeout: float, repeat: int) -> Waits:
    """Once ``argv``'s reader counts its entities: each dialog's and each filter's waits."""
    session = Session(argv)
    waits: Waits = {}

    def timed(name: str, key: str, mark: str | None, shown: bool = True) -> None:
        waits.setdefault(name, []).append(answer(session, key, mark, timeout, shown))

    try:
        wait(session, lambda s: COUNTED.search(s) is not None, timeout)
        time.sleep(1.0)  # the last results drawn
        for _ in range(repeat):
            # The sidebar's filter: letters in, then out again (Escape leaves it empty).
            session_keys(session, "/")
            time.sleep(0.3)
            for letter in LETTERS:
                timed("sidebar filter: a letter", letter, None)
            for _ in LETTERS:
                timed("sidebar filter: Backspace", "BSpace", None)
            session_keys(session, "Escape")
            time.sleep(0.3)
        # An entity selected for its details: the first the filter finds.
        for key in ("/", LETTERS[0], "Enter"):
            session_keys(session, key)
            time.sleep(0.3)
        for name, key, mark, close in DIALOGS:
            for _ in range(repeat):
                timed(f"{name}: open", key, mark)
                if name == "article picker":
                    for letter in LETTERS:
                        timed("article picker filter: a letter", letter, mark)
                    for _ in LETTERS:
                        timed("article picker filter: Backspace", "BSpace", mark)
                timed(f"{name}: close", close, mark, shown=False)
        return waits
    finally:
        session.close()


def floor_waits(timeout: float, repeat: int) -> Waits:
    """The bare Textual app's help, opened and closed as the reader's dialogs are."""
    session = Session([sys.executable, "-c", BARE_APP])
    waits: Waits = {"help: open": [], "help: close": [], "help: close with Escape": []}
    try:
        wait(session, lambda s: COUNTED.search(s) is not None, timeout)
        time.sleep(1.0)
        mark = re.escape(HELP_MARK)
        for _ in range(repeat):
            for close in ("help: close", "help: close with Escape"):
                waits["help: open"].append(answer(session, "?", mark, timeout))
                key = "Escape" if close.endswith("Escape") else "?"
                waits[close].append(answer(session, key, mark, timeout, shown=False))
        return waits
    finally:
        session.close()


def print_waits(label: str, waits: Waits) -> None:
    """One line per dialog or filter: its longest and median wait, answered and settled."""
    print(f"{label}: (ms, answered: longest / median; settled: longest / median)")
    for name, times in waits.items():
        answered = [a * 1000 for a, _ in times]
        settled = [s * 1000 for _, s in times]
        print(
            f"  {name:<34} answered {max(answered):4.0f} / {statistics.median(answered):4.0f}; "
            f"settled {max(settled):4.0f} / {statistics.median(settled):4.0f} "
            f"over {len(times)} keys"
        )


def main_dialogs(path: Path, timeout: float, repeat: int) -> None:
    """The ``--dialogs`` run: the bundled articles, PATH and the floor, one after another."""
    reader = [sys.executable, "-m", "reader"]
    run(reader, timeout, probe=0)  # analyzes the bundled articles if not cached
    print_waits("bundled articles", dialog_waits(reader, timeout, repeat))
    print_waits(str(path), dialog_waits([*reader, str(path)], timeout, repeat))
    print_waits("floor, a bare Textual app at 200x50", floor_waits(timeout, repeat))
