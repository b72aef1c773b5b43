"""One step through find matches: the reused per-article layers against rebuilding them all.

Usage: python bench/find_step.py [PATH] [--query TEXT] [--steps N]

Searches every article under PATH (all ECB+ topics by default) for a common
word (up to the 10,000-match cap), then times N steps of the highlight update
the reader screen makes on ``n``: :meth:`FindActions._layers` (the layers of
articles without the current match are built once per search) against a
baseline that rebuilds every article's layer on each step. Prints the median of
each and the ratio ours/baseline, measured in one run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from reader.find import find
from reader.loading import load_articles
from reader.ui.find_actions import FindActions
from reader.ui.highlights import Layer, Marked

_HERE = Path(__file__).resolve()
DEFAULT = next(
    (p / "shared" / "corpus" / "ecbplus" for p in _HERE.parents if (p / "shared").is_dir()),
    _HERE.parents[2] / "shared" / "corpus" / "ecbplus",
)


def _rebuild_all(results, at) -> dict[str, Layer]:
    spans: dict[str, list[Marked]] = {}
    for match in results.matches:
        key = "current" if match == at else "found"
        spans.setdefault(match.article, []).append(Marked(match.start, match.end, key, "found"))
    return {article: Layer(marked) for article, marked in spans.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--query", default="the")
    parser.add_argument("--steps", type=int, default=30)
    args = parser.parse_args()
    articles = load_articles([args.path], 20 * 1024 * 1024).articles
    results = find(articles, args.query)
    order = [a.id for a in articles]
    finder = FindActions(screen=None)  # type: ignore[arg-type]  # _layers needs no screen
    finder.results = results
    ours, baseline = [], []
    cursor, other = results.cursor(order), results.cursor(order)
    finder._layers(None)  # built once per search, as the screen does
    for _ in range(args.steps):
        step = cursor.next()
        start = time.perf_counter()
        finder._layers(step)
        ours.append(time.perf_counter() - start)
        step = other.next()
        start = time.perf_counter()
        _rebuild_all(results, step.mention if step else None)
        baseline.append(time.perf_counter() - start)
    a, b = statistics.median(ours), statistics.median(baseline)
    print(f"{len(articles)} articles, {results.count_label} matches of {args.query!r}")
    print(f"per step: ours {a * 1000:.2f} ms, rebuild all {b * 1000:.2f} ms, ratio {a / b:.3f}")


if __name__ == "__main__":
    main()
