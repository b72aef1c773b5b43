"""Loading a folder of articles (``load_articles``), ours against a baseline.

Usage: python bench/load_speed.py [--input DIR] [--base TREE] [--repeat N]

Each side runs in its own subprocess with ``PYTHONPATH`` set to its tree (this
checkout, and ``--base``, an untouched checkout to compare with) on the same
input. Each side loads the articles once to warm the file cache, then times
``load_articles`` ``--repeat`` times; the best run counts, on CPU time (which
other processes on a shared machine disturb far less than wall time). The
script prints both times, their ratio (ours over the baseline: above 1 means
ours is slower) and, for each side, how many articles have a title, a date,
an author and a source: what the extra time buys.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("title", "date", "author", "source")


def worker(args: argparse.Namespace) -> int:
    """One side: load the input ``--repeat`` times and print a JSON line."""
    from reader.config import load_settings
    from reader.pipeline import load_articles

    settings = load_settings()
    loaded = load_articles([args.input], settings)
    best = float("inf")
    for _ in range(args.repeat):
        start = time.process_time()
        loaded = load_articles([args.input], settings)
        best = min(best, time.process_time() - start)
    articles = loaded.articles
    counts = {name: sum(1 for a in articles if getattr(a, name)) for name in FIELDS}
    print(json.dumps({"seconds": best, "articles": len(articles), "fields": counts}))
    return 0


def side(tree: Path, args: argparse.Namespace) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    command = [sys.executable, str(Path(__file__).resolve()), "--worker"]
    command += ["--input", str(args.input), "--repeat", str(args.repeat)]
    done = subprocess.run(command, env=env, cwd=tree, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def say(name: str, result: dict) -> None:
    seconds, articles, fields = result["seconds"], result["articles"], result["fields"]
    print(f"{name + ':':9} {seconds:.3f} s CPU, {articles} articles with {fields}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--input", type=Path, default=ROOT / "articles")
    parser.add_argument("--base", type=Path, help="an untouched checkout to compare with")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)
    ours = side(ROOT, args)
    say("ours", ours)
    if args.base is not None:
        base = side(args.base.resolve(), args)
        say("baseline", base)
        print(f"ratio (ours / baseline): {ours['seconds'] / base['seconds']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
