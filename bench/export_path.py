"""The warm export path around linking, ours against a baseline tree, in one run.

Usage: python bench/export_path.py FOLDER [--baseline DIR] [--rounds N] [--skip-whole]

Times, for this checkout and for the baseline checkout (default ``/work/wt/base``,
an untouched copy of the code), the phases of a warm ``reader export`` of
FOLDER, each side in its own child process with ``PYTHONPATH`` set to its tree,
on the same input and the same ``XDG_CACHE_HOME`` (take it from the
environment: a cache filled for both sides, e.g. by ``bench/scale.py``):

- ``import``: importing what ``reader export`` imports before it reads anything;
- ``load``: ``pipeline.load_articles`` (walk, read, decode, parse);
- ``lookup``: ``CollectionLinker.lookup`` on an index that misses (key hashing);
- ``analyses``: what linking reads of each analysis: ``CollectionLinker.stored`` (the
  digest store's rows, digests decoded), or on a tree without it ``Analyzer.cached``
  (every cached analysis read and parsed; the digests are then decoded while linking);
- ``keys``: the key hashing ``CollectionLinker.link`` does before linking;
- ``put``: ``CollectionIndex.put`` of the linked collection (into a scratch index,
  with the cycle collector paused as ``CollectionLinker.link`` does);
- ``write``: ``export.write`` of the linked collection, compact, into a scratch file;

then the whole command, ``reader export FOLDER --compact -o FILE``, with the
collection index emptied of collections first (its linking digests stay, as
after an analysis): linking itself is in that figure, not in the phases.

Prints seconds per phase for each side (and for the whole command), wall clock
and CPU time (on a shared machine CPU time moves less with the load),
ours/baseline ratios, each child's peak memory (max RSS), and whether both
sides wrote byte-identical exports.
Each side is run ``--rounds`` times, alternating; the best time of each is kept.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
BASELINE = Path("/work/wt/base")
PHASES = ("import", "load", "lookup", "analyses", "keys", "put", "write")

# Run in a child with PYTHONPATH set to one side's tree. Prints "phase wall cpu" lines.
CHILD = r"""
import sys, time
clock, cpu = time.perf_counter, time.process_time
started, started_cpu = clock(), cpu()
from reader.config import load_settings
from reader import pipeline, export
from reader.collection import CollectionLinker, paused_gc
from reader.collection_index import CollectionIndex
times = {"import": (clock() - started, cpu() - started_cpu)}
folder, out, scratch = sys.argv[1], sys.argv[2], sys.argv[3]
from pathlib import Path
settings = load_settings()

def phase(name, call):
    begin, begin_cpu = clock(), cpu()
    value = call()
    times[name] = (clock() - begin, cpu() - begin_cpu)
    return value

loaded = phase("load", lambda: pipeline.load_articles([Path(folder)], settings))
articles = loaded.articles
linker = CollectionLinker(settings, loaded.aliases)
# A scratch index that misses: lookup costs its key hashing alone.
real_index = linker._index
linker._index = CollectionIndex(Path(scratch) / "scratch.sqlite3")
missed = phase("lookup", lambda: linker.lookup(articles, loaded.errors))
assert missed is None
if hasattr(linker, "stored"):
    analyses = phase("analyses", lambda: linker.stored(articles).analyses)
else:
    analyzer = pipeline.Analyzer(settings)
    analyses = phase("analyses", lambda: analyzer.cached(articles))
assert len(analyses) == len(articles), (len(analyses), len(articles))

def keys():
    named = linker._analysis_keys(articles)
    return linker._key(articles, named)

key = phase("keys", keys)
linker._index = real_index
corpus = linker.lookup(articles, loaded.errors)
assert corpus is not None, "the collection is not in the index: run the export once"
scratch_index = CollectionIndex(Path(scratch) / "scratch.sqlite3")

def put():
    with paused_gc():  # as in CollectionLinker.link
        scratch_index.put(key, articles, corpus)

phase("put", put)

def write():
    with open(out, "wb") as stream:
        export.write(corpus, stream, None)

phase("write", write)
for name, (wall, used) in times.items():
    print(name, wall, used)
import reader
print("from", reader.__file__)
"""


class Run(NamedTuple):
    """One child: wall-clock and CPU seconds, peak resident memory (MB), stdout."""

    wall: float
    cpu: float
    peak: float
    out: str


def measured(argv: list[str], env: dict[str, str]) -> Run:
    """Run one child; CPU time and peak memory come from its own rusage.

    The child runs in the root folder: ``python -c`` and ``-m`` put the working
    folder first on the import path, before ``PYTHONPATH``.
    """
    with tempfile.TemporaryFile() as sink:
        started = time.perf_counter()
        child = subprocess.Popen(
            argv, env=env, stdout=sink, stderr=subprocess.PIPE, cwd=Path("/").resolve()
        )
        assert child.stderr is not None
        err = child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            sys.exit(f"failed: {' '.join(argv)}\n{err.decode(errors='replace')[-2000:]}")
        sink.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return Run(seconds, cpu, usage.ru_maxrss / 1024, sink.read().decode())


def empty_collections(cache_home: Path) -> None:
    """Forget the linked collections (their digests stay): the next export links."""
    index = cache_home / "reader" / "collections.sqlite3"
    if index.exists():
        with sqlite3.connect(index) as db:
            db.execute("DELETE FROM collections")
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--skip-whole", action="store_true", help="phases only")
    args = parser.parse_args()
    cache_home = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    sides = {"baseline": args.baseline.resolve(), "ours": ROOT}
    scratch = Path(tempfile.mkdtemp(prefix="export-path-"))
    envs = {name: {**os.environ, "PYTHONPATH": str(tree)} for name, tree in sides.items()}
    outputs = {name: scratch / f"{name}.json" for name in sides}
    # Each side's linked collection must be in the index for the put and write phases.
    for name in sides:
        command = [sys.executable, "-m", "reader", "export", str(args.folder), "--compact"]
        measured([*command, "-o", str(outputs[name])], envs[name])
    # Per side and phase: the best wall-clock and the best CPU seconds over the rounds.
    phases: dict[str, dict[str, float]] = {name: {} for name in sides}
    cpus: dict[str, dict[str, float]] = {name: {} for name in sides}
    peaks: dict[str, float] = {}
    for _ in range(args.rounds):
        for name in sides:
            (scratch / "scratch.sqlite3").unlink(missing_ok=True)
            argv = [sys.executable, "-c", CHILD, str(args.folder), str(outputs[name])]
            run = measured([*argv, str(scratch)], envs[name])
            peaks[name] = max(peaks.get(name, 0.0), run.peak)
            *lines, origin = run.out.splitlines()
            # The side's own tree must be the one imported.
            assert origin == f"from {sides[name] / 'reader' / '__init__.py'}", origin
            for line in lines:
                phase, wall, used = line.split()
                phases[name][phase] = min(phases[name].get(phase, float("inf")), float(wall))
                cpus[name][phase] = min(cpus[name].get(phase, float("inf")), float(used))
    written_same = outputs["baseline"].read_bytes() == outputs["ours"].read_bytes()
    print(f"{args.folder}: best of {args.rounds} round(s), seconds (wall clock | CPU)")
    columns = f"{'baseline':>9} {'ours':>9} {'ours/base':>10}"
    print(f"{'phase':<8} {columns} | {columns}")
    for phase in (*PHASES, "total"):
        row = f"{phase:<8}"
        for table in (phases, cpus):
            if phase == "total":
                base, ours = (sum(table[name][p] for p in PHASES) for name in sides)
            else:
                base, ours = table["baseline"][phase], table["ours"][phase]
            row += f" {base:9.3f} {ours:9.3f} {ours / base:10.2f}" + (
                " |" if table is phases else ""
            )
        print(row)
    print(
        f"peak memory of the phases child: baseline {peaks['baseline']:.0f} MB, "
        f"ours {peaks['ours']:.0f} MB; write phase exports byte-identical: {written_same}"
    )
    if args.skip_whole:
        return
    whole: dict[str, Run] = {}
    for _ in range(args.rounds):
        for name in sides:
            empty_collections(cache_home)
            command = [sys.executable, "-m", "reader", "export", str(args.folder), "--compact"]
            run = measured([*command, "-o", str(outputs[name])], envs[name])
            best = whole.get(name, Run(float("inf"), float("inf"), 0.0, ""))
            whole[name] = Run(
                min(best.wall, run.wall), min(best.cpu, run.cpu), max(best.peak, run.peak), ""
            )
    same = outputs["baseline"].read_bytes() == outputs["ours"].read_bytes()
    old, new = whole["baseline"], whole["ours"]
    print(
        "whole `reader export --compact` (collections emptied, digests kept; linking "
        f"included): baseline {old.wall:.2f} s wall {old.cpu:.2f} s CPU {old.peak:.0f} MB, "
        f"ours {new.wall:.2f} s wall {new.cpu:.2f} s CPU {new.peak:.0f} MB; ours/base "
        f"{new.wall / old.wall:.2f} wall, {new.cpu / old.cpu:.2f} CPU; "
        f"exports byte-identical: {same}"
    )


if __name__ == "__main__":
    main()
