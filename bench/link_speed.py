"""Linking speed at 1,000 and 10,000 articles, against exact-name grouping on the same input.

Usage: python bench/link_speed.py [--sizes 1000 10000]

The articles are synthetic but their names are built from the seed articles'
words, recombined into thousands of people (full names and surnames alone),
organizations and places, so blocking has real work to do. For each size it
prints the reader's linker and the exact-name baseline, their ratio, and how
the linker's time grows with the size (about 10x for 10x the articles means
no all-pairs comparison).
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

from reader.linking import exact_name_entities, link_entities
from reader.model import Analysis, Article, Mention

SEEDS = Path(__file__).resolve().parents[1] / "tests" / "data" / "seeds"


def synthetic(count: int, seed: int = 5) -> list[tuple[Article, Analysis]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    words = sorted({w for t in texts for w in re.findall(r"\b[A-Z][a-z]{3,}\b", t)})
    rng = random.Random(seed)
    people = [f"{rng.choice(words)} {rng.choice(words)}son" for _ in range(3000)]
    orgs = [f"{rng.choice(words)} {rng.choice(['Bank', 'Agency', 'Council'])}" for _ in range(500)]
    places = [f"{w}ville" for w in words]
    documents = []
    for number in range(count):
        text, mentions = "", []
        for _ in range(12):
            kind = rng.random()
            if kind < 0.5:
                name, label = rng.choice(people), "PERSON"
                name = name if rng.random() < 0.6 else name.split()[-1]
            elif kind < 0.75:
                name, label = rng.choice(orgs), "ORG"
            else:
                name, label = rng.choice(places), "GPE"
            mentions.append(Mention(len(text), len(text) + len(name), name, label))
            text += name + " said on Tuesday that talks would go on. "
        documents.append((Article(f"a{number}", f"a{number}.txt", text), Analysis(tuple(mentions))))
    return documents


def timed(function, documents) -> tuple[float, int]:
    started = time.perf_counter()
    entities = function(documents)
    return time.perf_counter() - started, len(entities)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    args = parser.parse_args()
    previous = None
    print(
        f"{'articles':>8} {'mentions':>9} {'linker':>9} {'baseline':>9} {'ratio':>6} {'growth':>7}"
    )
    for size in args.sizes:
        documents = synthetic(size)
        mentions = sum(len(a.mentions) for _, a in documents)
        linker, entities = timed(link_entities, documents)
        baseline, groups = timed(exact_name_entities, documents)
        growth = f"{linker / previous[1]:.1f}x/{size / previous[0]:.0f}x" if previous else ""
        print(
            f"{size:>8} {mentions:>9} {linker:>8.2f}s {baseline:>8.2f}s "
            f"{linker / baseline:>6.1f} {growth:>7}   ({entities} entities, {groups} names)"
        )
        previous = (size, linker)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
