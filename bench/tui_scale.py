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
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from tui_dialogs import main_dialogs
from tui_probe import BARE_APP, COUNTED, LINKED, SOCKET, Probed, Session, run, tmux, wait, waited


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
    # Stored, if not (each run waits for its processes to end: ``Session.close``).
    run([sys.executable, "-m", "reader", str(path)], timeout, probe=0)
    snapshot = index.with_name("bench-snapshot.sqlite3")
    shutil.copy(index, snapshot)

    def restore() -> None:
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
