"""Collections at scale: a warm 10,000-article collection, exported and opened.

Builds about ``--articles`` distinct real articles from the ECB+ topics and the
seeds, each base article in several editions that differ by a closing line,
fills an analysis cache of its own once, then reports (ratios measured in this
one run, since the machine is noisy):

- warm ``reader export`` of N articles against the I/O floor (plain Python
  reading the same files and parsing their analysis cache entries), first with
  an empty collection index (everything linked; each text's linking digest was
  stored when it was analyzed, as ``reader analyze`` does), then reopened (the
  index holds the linked collection), then with the digests gone too (texts
  analyzed before digests were kept: the export makes them all); peak memory
  of each; N against N/10;
- the N articles with one article added, then with one removed: the digest
  store holds every article's linking digest, so only the global step is redone;
- ``reader analyze`` on the warm N (it analyzes nothing, then links the collection
  and stores it in the index), and the export after it;
- the TUI (``bench/tui_scale.py``, when ``--tui``): time until the status bar
  counts the entities, N articles against the 2 bundled ones, and the longest
  wait for a key while they load; then with one article added, the time until
  the collection as linked before is shown and until it is linked again.

The cache is filled by analyzing each base article once and storing that
analysis for each of its editions too: an edition only appends a line that
names no one, so every offset stays valid (the cache checks each entry) and
the warm path reads one entry per article exactly as after a real analysis.

With ``--repeat N`` the floor and both exports are each run N times, in turn,
and the fastest run of each is compared (the peak memory is the largest seen):
another process taking a core for a moment then slows one run, not the figure.
Each round's first export is also compared with that round's floor, run just
before it (the median of those ratios): the machine's speed drifting over the
minutes of the run then moves both alike.
The load average at the start and the end says how quiet the machine was.
Every run keeps Python's compiled bytecode, as an installed reader does
(``PYTHONDONTWRITEBYTECODE`` is not passed on).

Usage: python bench/scale.py [--articles 10000] [--workdir DIR] [--repeat 1] [--tui]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reader.loading.discover import is_project_file

ROOT = Path(__file__).resolve().parents[1]
# The shared corpus sits beside the checkout, or beside the folder of worktrees.
SHARED = next(
    (p for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if p.is_dir()),
    ROOT.parent / "shared",
)

IO_FLOOR = """
import json, sys
from pathlib import Path
from reader.cache import AnalysisCache
from reader.config import load_settings
from reader.loading.decode import decode_bytes
from reader.nlp import model_identity
settings = load_settings()
cache = AnalysisCache(settings.cache_dir / "analysis", model_identity(settings.model))
count = 0
for path in sorted(Path(sys.argv[1]).rglob("*.txt")):
    text = decode_bytes(path.read_bytes())
    json.loads(cache.path(cache.key(text)).read_bytes())
    count += 1
print(count)
"""


def base_texts() -> list[tuple[str, str]]:
    """(name, text) of every ECB+ article and seed, in a fixed order."""
    found = []
    for folder in (SHARED / "corpus" / "ecbplus", SHARED / "seeds"):
        for path in sorted(folder.rglob("*.txt")):
            if is_project_file(path.name):
                continue  # a licence or a readme, as the reader passes over in a folder
            found.append((path.relative_to(folder).as_posix(), path.read_text(encoding="utf-8")))
    return found


def edition(text: str, number: int) -> str:
    return f"{text.rstrip()}\n\nArchived copy, edition {number}.\n"


def build(workdir: Path, total: int) -> tuple[Path, Path, dict[str, list[str]]]:
    """Folders of ``total`` and ``total // 10`` articles; base text -> its editions' texts.

    Also ``workdir/extra/extra.txt``, one more edition (number 0) to add later.
    """
    bases = base_texts()
    large, small, extra = workdir / "large", workdir / "small", workdir / "extra"
    for folder in (large, small, extra):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    editions: dict[str, list[str]] = {}
    for n in range(total):
        name, text = bases[n % len(bases)]
        number = n // len(bases) + 1
        body = edition(text, number)
        editions.setdefault(text, []).append(body)
        target = large / f"edition-{number:03d}" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
        if n < total // 10:
            copy = small / f"edition-{number:03d}" / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(body, encoding="utf-8")
    name, text = bases[0]
    body = edition(text, 0)
    editions.setdefault(text, []).append(body)
    (extra / Path(name).name).write_text(body, encoding="utf-8")
    return large, small, editions


def fill_cache(editions: dict[str, list[str]]) -> float:
    """Analyze each base text once; store its analysis for every edition, as analyzing
    it would (with its linking digest: ``Analyzer.store``). Returns seconds."""
    from reader.config import load_settings
    from reader.loading.decode import decode_bytes
    from reader.model import Article
    from reader.pipeline import Analyzer

    analyzer = Analyzer(load_settings())
    cache = analyzer.cache
    assert cache is not None
    started = time.perf_counter()
    bases = [Article(id=str(n), path="", text=t) for n, t in enumerate(editions)]
    analyses = analyzer.analyze(bases)
    for base in bases:
        for body in editions[base.text]:
            # What the loader will see: the same decoding as a real run.
            text = decode_bytes(body.encode("utf-8"))
            analyzer.store(text, analyses[base.id])
    analyzer.flush()
    return time.perf_counter() - started


def fastest(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The fastest run's seconds, with the largest peak memory of all runs."""
    return min(seconds for seconds, _ in runs), max(peak for _, peak in runs)


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one child, read from its own rusage."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    err = child.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(argv)}\n{err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, help="default: a temporary folder")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest counts")
    parser.add_argument("--tui", action="store_true", help="also run bench/tui_scale.py")
    parser.add_argument("--fill", type=Path, help=argparse.SUPPRESS)  # internal: the child
    args = parser.parse_args()
    if args.fill is not None:
        _, _, editions = build(args.fill, args.articles)
        print(f"cache filled in {fill_cache(editions):.1f} s")
        return
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="reader-scale-"))
    cache_home = workdir / "cache"
    os.environ["XDG_CACHE_HOME"] = str(cache_home)
    os.environ["XDG_CONFIG_HOME"] = str(workdir / "config")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # As installed: Python keeps the modules' compiled bytecode (pip compiles it at
    # install time), so no run recompiles the reader's source on start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    large, small = workdir / "large", workdir / "small"
    print(f"collection: {args.articles} articles in {workdir}")
    print(f"load average at the start: {load_average()}")
    # In a child: the parent stays small, so the children it forks start small too
    # (a forked child's peak memory counts the pages it shared with its parent).
    filled = subprocess.run(
        [sys.executable, __file__, "--fill", str(workdir), "--articles", str(args.articles)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    print(filled.stdout.strip())
    index = cache_home / "reader" / "collections.sqlite3"
    rows = []
    for folder in (small, large):
        count = sum(1 for _ in folder.rglob("*.txt"))
        out = workdir / "export.json"
        export = [sys.executable, "-m", "reader", "export", str(folder), "--compact"]
        export += ["-o", str(out)]
        floors, firsts, reopens = [], [], []
        for _ in range(max(1, args.repeat)):
            floors.append(measure([sys.executable, "-c", IO_FLOOR, str(folder)], env))
            index.unlink(missing_ok=True)
            firsts.append(measure(export, env))
            reopens.append(measure(export, env))
        floor, first, reopen = (fastest(runs) for runs in (floors, firsts, reopens))
        # As if the texts had been analyzed before digests were kept with analyses:
        # the export makes every digest (and stores them again).
        index.unlink()
        digests = cache_home / "reader" / "digests.sqlite3"
        kept = digests.with_name("digests.kept")
        shutil.move(digests, kept)
        cold = measure(export, env)
        # Back as the fill left them (the next, larger folder needs all of them).
        shutil.move(kept, digests)
        rows.append((count, floor, first, reopen))
        print(
            f"{count:>6} articles: I/O floor {floor[0]:6.2f} s {floor[1]:5.0f} MB | "
            f"export, index empty {first[0]:6.2f} s {first[1]:5.0f} MB "
            f"({first[0] / floor[0]:.2f}x floor) | "
            f"export, reopened {reopen[0]:6.2f} s {reopen[1]:5.0f} MB "
            f"({reopen[0] / floor[0]:.2f}x floor, {reopen[0] / first[0]:.2f}x first) | "
            f"export, index and digests empty {cold[0]:6.2f} s {cold[1]:5.0f} MB "
            f"({cold[0] / floor[0]:.2f}x floor)"
        )
        if len(floors) > 1:
            # Each round's runs come one after the other: their ratio is spared the
            # machine's slower and faster minutes, which the fastest runs are not.
            paired = sorted(f[0] / fl[0] for f, fl in zip(firsts, floors, strict=True))
            print(
                f"{'':>6}   each round's first export against that round's floor: "
                f"median {statistics.median(paired):.2f}x ({paired[0]:.2f}x-{paired[-1]:.2f}x)"
            )
    # One article more, then one fewer (another one): neither collection is stored,
    # but the digest store holds the digests of all their articles.
    added = next((workdir / "extra").glob("*.txt"))
    target = large / "extra" / added.name
    target.parent.mkdir(exist_ok=True)
    shutil.copy(added, target)
    plus = measure(export, env)
    target.unlink()
    gone = sorted(large.rglob("*.txt"))[len(rows) * 7]
    aside = workdir / "aside.txt"
    shutil.move(gone, aside)
    minus = measure(export, env)
    shutil.move(aside, gone)
    first_large = rows[-1][2]
    print(
        f"one article added: {plus[0]:6.2f} s {plus[1]:5.0f} MB "
        f"({plus[0] / first_large[0]:.2f}x the index-empty export) | "
        f"one removed: {minus[0]:6.2f} s {minus[1]:5.0f} MB "
        f"({minus[0] / first_large[0]:.2f}x)"
    )
    # Prepared ahead: `reader analyze` on the warm cache only links the collection and
    # stores it, so the export after it is a reopening.
    index.unlink(missing_ok=True)
    analyze = [sys.executable, "-m", "reader", "analyze", str(large), "--jobs", "1"]
    linked = measure(analyze, env)
    after = measure(export, env)
    floor_large = rows[-1][1]
    print(
        f"reader analyze, everything cached (it links and stores): {linked[0]:6.2f} s "
        f"{linked[1]:5.0f} MB | export after it {after[0]:6.2f} s {after[1]:5.0f} MB "
        f"({after[0] / floor_large[0]:.2f}x floor)"
    )
    (n1, _, first1, reopen1), (n2, _, first2, reopen2) = rows
    print(
        f"{n2} against {n1}: export with the index empty {first2[0] / first1[0]:.1f}x, "
        f"reopened {reopen2[0] / reopen1[0]:.1f}x (for {n2 / n1:.0f}x the articles)"
    )
    print(f"load average at the end: {load_average()}")
    if args.tui:
        tui = [
            sys.executable,
            str(ROOT / "bench" / "tui_scale.py"),
            str(large),
            "--added",
            str(added),
        ]
        subprocess.run(tui, env=env, check=True)


if __name__ == "__main__":
    main()
