"""The sidebar filter's ranking matcher against the substring filter it replaced, in one run.

Usage: python bench/filter_speed.py [--names 50000] [--repeat 5]

Builds ``--names`` entity names from the words of the ECB+ gold entity names
(two or three real name words each, some with an alias), then for each query
times, over all of them:

- ours: :meth:`reader.ui.sidebar_rows.SidebarRows.filtered`, what the sidebar
  runs on each key (every word, best first; the letters in order when no name
  holds the words; a word in more than ``RANK_LIMIT`` names of a section keeps
  salience order, as ``a`` does here);
- baseline: the old filter, every word a substring of the case-folded name and
  aliases, in salience order (no ranking), over the same sections.

Prints the median of each, the ratio ours/baseline and how many names each
found; ratios from one run are comparable, absolute times on a shared machine
are not.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from reader.model import Entity
from reader.ui.name_match import prepare
from reader.ui.sidebar_rows import SECTIONS, prepare_rows

_HERE = Path(__file__).resolve()
GOLD = next(
    (
        p / "shared" / "corpus" / "ecbplus" / "entities-gold.jsonl"
        for p in _HERE.parents
        if (p / "shared").is_dir()
    ),
    _HERE.parents[2] / "shared" / "corpus" / "ecbplus" / "entities-gold.jsonl",
)
#: A letter, a short prefix, whole words, a misspelling, letters in order, nothing.
QUERIES = ["a", "jo", "smith", "los angeles", "zelensky", "lndn", "qxz"]


def make_names(count: int, seed: int = 7) -> list[tuple[str, ...]]:
    """``count`` entities as (name, *aliases), made of real name words."""
    words: set[str] = set()
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        for cluster in json.loads(line)["clusters"]:
            for mention in cluster["mentions"]:
                words.update(w for w in mention["text"].split() if w.isalpha())
    pool = [*sorted(words), "Zelenskiy", "Volodymyr"]
    rnd = random.Random(seed)
    names = []
    for _ in range(count):
        name = " ".join(rnd.sample(pool, rnd.choice((2, 2, 3))))
        names.append((name, name.split()[-1]) if rnd.random() < 0.3 else (name,))
    return names


def timed(run, repeat: int) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = len(run())
        times.append(time.perf_counter() - start)
    return statistics.median(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    entities = make_names(args.names)
    kinds = [kind for kind, _ in SECTIONS]
    rows = prepare_rows(
        [Entity(f"e{n}", ns[0], kinds[n % 4], list(ns[1:]), []) for n, ns in enumerate(entities)]
    )
    sections = {
        kind: [(e, text) for e, _, text in members] for kind, members in rows.sections.items()
    }

    def old_filter(words: list[str]) -> list[Entity]:
        return [
            e
            for members in sections.values()
            for e, text in members
            if all(w in text for w in words)
        ]

    print(f"{len(entities)} names; median of {args.repeat} runs each")
    print(f"{'query':<14}{'ours ms':>9}{'found':>8}{'base ms':>9}{'found':>8}{'ratio':>7}")
    total_ours = total_base = 0.0
    for query in QUERIES:
        prepared = prepare(query)
        assert prepared is not None
        words = query.casefold().split()
        ours, ours_found = timed(
            lambda p=prepared: [e for found in rows.filtered(p).values() for e in found],
            args.repeat,
        )
        base, base_found = timed(lambda w=words: old_filter(w), args.repeat)
        total_ours += ours
        total_base += base
        print(
            f"{query!r:<14}{ours * 1000:>9.1f}{ours_found:>8}{base * 1000:>9.1f}"
            f"{base_found:>8}{ours / base:>7.1f}"
        )
    print(
        f"{'all':<14}{total_ours * 1000:>9.1f}{'':>8}{total_base * 1000:>9.1f}{'':>8}"
        f"{total_ours / total_base:>7.1f}"
    )


if __name__ == "__main__":
    main()
