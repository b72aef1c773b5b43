"""The TUI on a big collection, as a user sees it: a real terminal (tmux) at 200x50.

For PATH (a collection whose analyses are cached) and for the 2 bundled
articles, in one run, reports:

- the time from starting ``reader`` until the status bar counts the entities,
  and its ratio, PATH against the bundled articles;
- in a second run, the longest wait for a key while PATH loads: ``?`` is
  pressed every ``--every`` seconds, the help screen is waited for, ``?``
  again closes it, and so on until the entities are counted; each wait is
  measured from sending the key to the screen showing the answer (the
  polling adds a few milliseconds). The time to the entities is taken from
  the first run, without keys: a reader pressing keys without pause also
  slows the linking down, since each answer redraws the screen.

Both runs then open and close the help ``--after`` times more once the
entities are counted: the longest of those waits is what answering ``?``
costs on this machine at all (the bundled articles give the baseline).

Then the same for a reopened collection (the collection index filled by the
first run). With ``--added FILE``, then for PATH with FILE added (in a folder
of its own inside PATH, removed after; FILE's analysis should be cached, as
``bench/scale.py`` leaves it): the time until the collection as linked before
is shown (its entities counted) and until it is linked again (the status line's
summary), and the longest key wait until then, each run starting from the
index as it held PATH alone. With ``--new N``, last, the same for PATH with N texts
never analyzed added (editions of N of its own texts, each with a closing line no
run wrote before, in a folder of their own inside PATH, removed after): the time
until it is linked and the longest key wait until then. A few texts (at most one in
twenty) are analyzed by the linking process; more, by the reader's analysis process,
the reader showing each as it comes. With ``--cold``, last, the same for PATH opened
with nothing analyzed (an analysis cache of its own, removed after), until every text
is analyzed and the collection linked: the cold start of a new folder. Each line
of key waits also says how many keys waited over ``SLOW`` (0.1 s). Then the floor: a
bare Textual app of the same size (a screen of text, a status line, a help screen of
the same rows) answering the same key,
polled the same way; what the reader's waits are against it says what the
reader adds to Textual and to this bench's own polling (tmux, a few ms a key).
With ``--dialogs``, instead: once PATH is loaded (and, the same way, the 2
bundled articles and the floor), each dialog is opened with its key and closed
``--repeat`` times, and a few letters are typed into the article picker's filter
and the sidebar's filter (and taken back): for each, the longest and the median
wait from the key to its answer on screen (the dialog shown, or gone, or the
typed letter and its list), and to the screen it settles on (polled until it
has not changed for ``SETTLE`` seconds, the wait ending when that last screen
first showed: a long list fills in after its first screenful). The article
picker and the palette close with Escape only: Textual answers a lone Escape
up to 0.1 s late whatever ``ESCDELAY`` says (its input thread looks for the
end of an escape sequence only when its 0.1 s wait for input ends), so the
floor is timed closing with Escape too.

Usage: python bench/tui_scale.py PATH [--timeout 300] [--only reopened] [--added FILE]
       [--new N] [--cold] [--dialogs]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

HELP_MARK = "Show all keys"  # a row at the top of the help screen
COUNTED = re.compile(r"[\d,]+ entit")
#: The status line of a linked collection (not one shown as linked before).
LINKED = re.compile(r"Ctrl\+P to find an entity")
#: Seconds for a killed reader's linking process to notice and end (it may be storing).
CHILD_GONE = 2.0


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
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", self.name], capture_output=True)


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


def changed_open(argv: list[str], timeout: float) -> tuple[float, float]:
    """Seconds until a changed collection's entities are counted (as linked before, when
    the index holds a collection near it), and until it is linked again."""
    session = Session(argv)
    try:
        shown = wait(session, lambda s: COUNTED.search(s) is not None, timeout)
        return shown, wait(session, lambda s: LINKED.search(s) is not None, timeout)
    finally:
        session.close()


@contextlib.contextmanager
def stored_alone(path: Path, index: Path, timeout: float) -> Iterator[Callable[[], None]]:
    """With ``path``'s collection stored in ``index``: yields a function that puts the
    index back as it holds ``path`` alone (before each run on a changed ``path``), and
    puts it back so at the end too."""
    run([sys.executable, "-m", "reader", str(path)], timeout, probe=0)  # stored, if not
    time.sleep(CHILD_GONE)
    snapshot = index.with_name("bench-snapshot.sqlite3")
    shutil.copy(index, snapshot)

    def restore() -> None:
        time.sleep(CHILD_GONE)  # a killed reader's linking process may still be storing
        shutil.copy(snapshot, index)

    try:
        yield restore
    finally:
        restore()
        snapshot.unlink()


def one_added(path: Path, added: Path, index: Path, timeout: float, every: float, after: int):
    """``changed_open``'s times, then ``run``'s key waits until linked, for ``path`` with
    ``added`` added; each run starts from the index as it holds ``path`` alone."""
    reader = [sys.executable, "-m", "reader", str(path)]
    with stored_alone(path, index, timeout) as restore:
        target = path / "bench-added" / added.name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(added, target)
        try:
            times = changed_open(reader, timeout)
            restore()
            return times, run(reader, timeout, every, after, until=LINKED)
        finally:
            target.unlink()
            target.parent.rmdir()


def new_texts(path: Path, count: int, index: Path, timeout: float, every: float, after: int):
    """``run``'s figures until linked for ``path`` with ``count`` texts never analyzed
    added (editions of some of its own, each with a closing line of its own, in a folder
    inside ``path``, removed after), starting from the index as it holds ``path`` alone."""
    reader = [sys.executable, "-m", "reader", str(path)]
    with stored_alone(path, index, timeout):
        sources = sorted(path.rglob("*.txt"))
        folder = path / "bench-new"
        folder.mkdir()
        stamp = uuid.uuid4().hex  # new to the analysis cache at every run
        for number in range(count):
            source = sources[number * len(sources) // count]
            text = source.read_text(encoding="utf-8").rstrip()
            closing = f"Edition {number} of run {stamp}, kept for the record."
            new = folder / f"new-{number:05}.txt"
            new.write_text(f"{text}\n\n{closing}\n", encoding="utf-8")
        try:
            return run(reader, timeout, every, after, until=LINKED)
        finally:
            shutil.rmtree(folder)


def cold_open(path: Path, timeout: float, every: float) -> Probed:
    """``run``'s figures for ``path`` opened with nothing analyzed (a cache of its own,
    removed after), until every text is analyzed and the collection linked."""
    seen: list[bool] = []

    def analyzed(status: str) -> bool:
        # Linked as far as analyzed shows the same summary: "Analyzing" must have come
        # and gone.
        analyzing = "Analyzing" in status
        seen.append(analyzing)
        return any(seen) and not analyzing and LINKED.search(status) is not None

    cache = tempfile.mkdtemp(prefix="reader-bench-cold-")
    kept = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = cache
    try:
        return run([sys.executable, "-m", "reader", str(path)], timeout, every, 0, analyzed)
    finally:
        if kept is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = kept
        shutil.rmtree(cache)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--every", type=float, default=0.2, help="seconds between key probes")
    parser.add_argument(
        "--after", type=int, default=5, help="help toggles timed once the entities are counted"
    )
    parser.add_argument(
        "--only",
        choices=("first open", "reopened"),
        help="measure PATH this way only (the bundled articles are always measured)",
    )
    parser.add_argument(
        "--added", type=Path, help="also time PATH with this article added (see above)"
    )
    parser.add_argument(
        "--new",
        type=int,
        default=0,
        metavar="N",
        help="also time PATH with N texts never analyzed added (see above)",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="also time PATH with nothing analyzed yet (an analysis cache of its own)",
    )
    parser.add_argument(
        "--dialogs", action="store_true", help="time each dialog and filter once loaded"
    )
    parser.add_argument("--repeat", type=int, default=5, help="opens of each dialog (--dialogs)")
    args = parser.parse_args()
    # A session that outlives the measured ones: the server exits with its last session,
    # and a new one started while it was exiting failed now and then.
    tmux("new-session", "-d", "-s", "reader-bench-keeper", "cat")
    reader = [sys.executable, "-m", "reader"]
    # A session remembered from another run could select an entity, and the status
    # line would name it instead of counting the entities: a state folder of its own.
    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="reader-bench-state-")
    # The machine is shared: the load says how much the figures below can be trusted.
    print("load average at the start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    if args.dialogs:
        main_dialogs(args.path, args.timeout, args.repeat)
        return
    run(reader, args.timeout, probe=0)  # analyzes the bundled articles if not cached
    # Keys pressed once the entities are counted: what answering `?` costs at all here.
    own = run(reader, args.timeout, probe=0, after=args.after)
    bundled, idle = own.counted, own.settled
    print(
        f"bundled articles: entities counted after {bundled:.2f} s; "
        f"longest key wait once loaded {idle * 1000:.0f} ms over {2 * args.after} keys"
    )
    bare = [sys.executable, "-c", BARE_APP]
    floor = run(bare, args.timeout, probe=0, after=args.after).settled
    print(
        f"floor, a bare Textual app at 200x50: longest key wait {floor * 1000:.0f} ms over "
        f"{2 * args.after} keys (the bundled articles: {idle / floor:.2f}x)"
    )
    index = Path(os.environ.get("XDG_CACHE_HOME", "~/.cache")).expanduser()
    for label in ("first open", "reopened"):
        if args.only and label != args.only:
            continue
        if label == "first open":
            (index / "reader" / "collections.sqlite3").unlink(missing_ok=True)
        counted = run([*reader, str(args.path)], args.timeout, probe=0).counted
        if label == "first open":
            (index / "reader" / "collections.sqlite3").unlink(missing_ok=True)
        keyed = run([*reader, str(args.path)], args.timeout, args.every, args.after)
        print(
            f"{args.path} ({label}): entities counted after {counted:.2f} s "
            f"({counted / bundled:.2f}x the bundled articles); while loading, {waited(keyed)}; "
            f"once loaded {keyed.settled * 1000:.0f} ms over {2 * args.after} keys "
            f"({keyed.longest / floor:.2f}x and {keyed.settled / floor:.2f}x the floor)"
        )
    if args.added is not None and args.only is None:
        store = index / "reader" / "collections.sqlite3"
        times, keyed = one_added(args.path, args.added, store, args.timeout, args.every, args.after)
        shown, linked = times
        print(
            f"{args.path} (one article added): shown as linked before after {shown:.2f} s "
            f"({shown / bundled:.2f}x the bundled articles), linked again after "
            f"{linked:.2f} s ({linked / bundled:.2f}x); until linked, {waited(keyed)}"
        )
    if args.new and args.only is None:
        store = index / "reader" / "collections.sqlite3"
        keyed = new_texts(args.path, args.new, store, args.timeout, args.every, args.after)
        print(
            f"{args.path} ({args.new} texts never analyzed added): linked after "
            f"{keyed.counted:.2f} s; until then, {waited(keyed)} "
            f"({keyed.longest / floor:.2f}x the floor)"
        )
    if args.cold and args.only is None:
        keyed = cold_open(args.path, args.timeout, args.every)
        print(
            f"{args.path} (nothing analyzed yet): analyzed and linked after "
            f"{keyed.counted:.2f} s; until then, {waited(keyed)} "
            f"({keyed.longest / floor:.2f}x the floor)"
        )


if __name__ == "__main__":
    try:
        main()
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
    print("load average at the end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
