"""Find over many articles against a bare stdlib ``re`` scan, measured in one run.

Usage: python bench/find_speed.py [PATH] [--repeat N]

For each query, times ``reader.find.find`` over every article under PATH (all
ECB+ topics by default) and a baseline: ``re.finditer`` with the plainest
equivalent pattern (the query escaped, case-insensitive, no word boundaries,
no flexible whitespace, no typographic variants, no time budget). Prints the
median of each and the ratio ours/baseline; ratios from one run are
comparable, absolute times on a shared machine are not.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

from reader.find import find
from reader.loading import load_articles

# The shared corpus sits beside the checkout (or beside the worktrees' folder).
_HERE = Path(__file__).resolve()
DEFAULT = next(
    (p / "shared" / "corpus" / "ecbplus" for p in _HERE.parents if (p / "shared").is_dir()),
    _HERE.parents[2] / "shared" / "corpus" / "ecbplus",
)
QUERIES = [
    ("text", "police"),
    ("text", "said on Tuesday"),
    ("text", "the"),
    ("regex", r"\b\d{4}\b"),
    ("regex", r"[A-Z]\w+ [A-Z]\w+"),
]


def _median(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    articles = load_articles([args.path], 20 * 1024 * 1024).articles
    size = sum(len(a.text) for a in articles)
    print(f"{len(articles)} articles, {size / 1e6:.2f} M characters, median of {args.repeat}")
    print(f"{'mode':6} {'query':24} {'matches':>8} {'ours ms':>9} {'re ms':>8} {'ratio':>6}")
    for mode, query in QUERIES:
        ours = find(articles, query, mode)  # type: ignore[arg-type]
        plain = re.compile(query if mode == "regex" else re.escape(query), re.IGNORECASE)
        base = sum(1 for a in articles for _ in plain.finditer(a.text))
        t_ours = _median(lambda m=mode, q=query: find(articles, q, m), args.repeat)
        t_base = _median(lambda p=plain: [list(p.finditer(a.text)) for a in articles], args.repeat)
        print(
            f"{mode:6} {query:24} {ours.count_label:>8} {t_ours * 1e3:9.1f} "
            f"{t_base * 1e3:8.1f} {t_ours / t_base:6.2f}   (re: {base} matches)"
        )


if __name__ == "__main__":
    main()
