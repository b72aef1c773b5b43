"""The global linking step (``link_corpus`` with every digest ready), ours against a baseline.

Usage: python bench/link_global.py [--input DIR] [--cache-home DIR] [--base TREE]
                                   [--repeat N] [--no-memory]

Each side runs in its own subprocess with ``PYTHONPATH`` set to its tree (this
checkout, and ``--base``, an untouched checkout to compare with) on the same
input: the articles under ``--input``, their analyses read from the analysis
cache under ``--cache-home`` (used as ``XDG_CACHE_HOME``; fill it first with
``reader analyze`` or ``bench/scale.py``). Each side loads the articles, their
cached analyses and every article's linking digest once in memory, then times
``link_corpus(..., digests=...)`` ``--repeat`` times (the best run counts;
Python's cycle collector paused, as ``reader.collection`` does; the ratio is
taken on CPU time, which other processes on a shared machine disturb far less
than wall time, and the wall times are printed too), and measures
the peak memory ``tracemalloc`` sees during one more call. The script prints
both times, their ratio (baseline over ours: above 1 means ours is faster) and
both peaks, and checks that both sides produced the same corpus (the compact
``reader export`` JSON): "identical", or the first difference.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_WORKDIR = Path("/tmp/linkspeed10k")


def worker(args: argparse.Namespace) -> int:
    """One side: load once, time ``link_corpus``, dump the export, print a JSON line."""
    import gc
    import tracemalloc

    import reader
    from reader import export
    from reader.collection import paused_gc
    from reader.config import load_settings
    from reader.corpus import link_corpus
    from reader.linking import digest_article
    from reader.pipeline import Analyzer, load_articles

    settings = load_settings()
    loaded = load_articles([args.input], settings)
    articles = loaded.articles
    analyses = Analyzer(settings).cached(articles)
    digests = {a.id: digest_article(a, analyses[a.id]) for a in articles if a.id in analyses}

    def once() -> Any:
        return link_corpus(
            articles,
            analyses,
            loaded.errors,
            "bench",
            loaded.aliases,
            digests=dict(digests),
        )

    gc.collect()
    times, cpu = [], []
    corpus = None
    for _ in range(args.repeat):
        corpus = None
        gc.collect()
        with paused_gc():
            started, used = time.perf_counter(), time.process_time()
            corpus = once()
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - used)
    peak = 0
    if args.memory:
        corpus = None
        gc.collect()
        tracemalloc.start()
        with paused_gc():
            corpus = once()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert corpus is not None
    data = export.dumps(corpus, indent=None)
    Path(args.dump).write_text(data, encoding="utf-8")
    print(
        json.dumps(
            {
                "tree": str(Path(reader.__file__).parents[1]),
                "articles": len(articles),
                "analyzed": len(analyses),
                "entities": len(corpus.entities),
                "mentions": sum(len(e.mentions) for e in corpus.entities),
                "quotes": len(corpus.quotes),
                "stories": len(corpus.stories),
                "times": times,
                "cpu": cpu,
                "peak": peak,
                "sha": hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest(),
            }
        )
    )
    return 0


def first_difference(ours: Path, base: Path) -> str:
    """Where two compact exports first differ, as a short description."""
    a = json.loads(ours.read_text(encoding="utf-8"))
    b = json.loads(base.read_text(encoding="utf-8"))
    for section in sorted(set(a) | set(b)):
        left, right = a.get(section), b.get(section)
        if left == right:
            continue
        if isinstance(left, list) and isinstance(right, list):
            for number, (x, y) in enumerate(zip(left, right, strict=False)):
                if x != y:
                    return f"{section}[{number}]: ours {_short(x)} | base {_short(y)}"
            return f"{section}: ours has {len(left)} items, base {len(right)}"
        return f"{section}: ours {_short(left)} | base {_short(right)}"
    return "the files differ only in layout"


def _short(value: Any, limit: int = 300) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "..."


def run_side(tree: Path, args: argparse.Namespace, dump: Path) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(tree), XDG_CACHE_HOME=str(args.cache_home))
    if args.config_home is not None:
        env["XDG_CONFIG_HOME"] = str(args.config_home)
    command = [
        sys.executable,
        str(ROOT / "bench" / "link_global.py"),
        "--worker",
        "--input",
        str(args.input),
        "--repeat",
        str(args.repeat),
        "--dump",
        str(dump),
    ]
    if not args.memory:
        command.append("--no-memory")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{tree}: worker failed\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_WORKDIR / "large")
    parser.add_argument("--cache-home", type=Path, default=DEFAULT_WORKDIR / "cache")
    parser.add_argument("--config-home", type=Path, default=None)
    parser.add_argument("--base", type=Path, default=Path("/work/wt/base"))
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-memory", dest="memory", action="store_false")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)
    if args.config_home is None:
        # An empty config folder: no alias file of the user's changes the input.
        args.config_home = Path(tempfile.mkdtemp(prefix="link-global-config-"))
    with tempfile.TemporaryDirectory(prefix="link-global-") as folder:
        dumps = Path(folder) / "base.json", Path(folder) / "ours.json"
        base = run_side(args.base, args, dumps[0])
        ours = run_side(ROOT, args, dumps[1])
        print(
            f"input {args.input}: {ours['articles']} articles ({ours['analyzed']} analyzed), "
            f"{ours['entities']} entities, {ours['mentions']} mentions, "
            f"{ours['quotes']} quotes, {ours['stories']} stories"
        )
        for name, side in (("base", base), ("ours", ours)):
            runs = " ".join(f"{t:.2f}" for t in side["times"])
            peak = f", peak {side['peak'] / 2**20:.0f} MiB" if args.memory else ""
            print(
                f"{name}: link_corpus best {min(side['cpu']):.2f}s CPU,"
                f" {min(side['times']):.2f}s wall (runs {runs}){peak}"
            )
        ratio = min(base["cpu"]) / min(ours["cpu"])
        wall = min(base["times"]) / min(ours["times"])
        line = f"speed-up: {ratio:.2f}x CPU ({wall:.2f}x wall; base time / our time, one run)"
        if args.memory and base["peak"]:
            line += f"; memory: ours/base {ours['peak'] / base['peak']:.2f}"
        print(line)
        if ours["sha"] == base["sha"]:
            print(f"identical (export sha256 {ours['sha'][:16]})")
            return 0
        print("DIFFERENT: " + first_difference(dumps[1], dumps[0]))
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
