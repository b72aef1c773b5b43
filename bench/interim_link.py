"""The interim link against the link from scratch: how far an added article's names agree.

For ``--draws`` draws of ``--left-out`` articles of PATH (every analysis cached),
links the others, attaches the left-out ones to that link
(``reader.linking.attach``), and compares the result with the link of all of
PATH from scratch over the left-out articles' mentions that both have: B³
precision, recall and F1 (each mention's entity taken over the whole
collection), against each of those names left on its own, and the time the
attaching took.

Usage: python bench/interim_link.py PATH [--draws 12] [--left-out 3] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import defaultdict
from pathlib import Path

from reader import pipeline
from reader.collection import CollectionLinker
from reader.config import load_settings
from reader.corpus import link_corpus
from reader.linking.attach import KnownEntity, attach
from reader.model import Article, Corpus

Span = tuple[str, int, int]


def b_cubed(
    clusters: dict[Span, object], truth: dict[Span, str], items: list[Span]
) -> tuple[float, float]:
    """B³ precision and recall of ``clusters`` against ``truth`` over ``items`` (each
    item's cluster taken over all of the items of ``clusters``, and of ``truth``)."""
    ours: dict[object, set[Span]] = defaultdict(set)
    theirs: dict[str, set[Span]] = defaultdict(set)
    for item, cluster in clusters.items():
        ours[cluster].add(item)
    for item, label in truth.items():
        theirs[label].add(item)
    precision = recall = 0.0
    for item in items:
        a, b = ours[clusters[item]], theirs[truth[item]]
        precision += len(a & b) / len(a)
        recall += len(a & b) / len(b)
    return precision / len(items), recall / len(items)


def f1(scores: tuple[float, float]) -> float:
    precision, recall = scores
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def spans(corpus: Corpus) -> dict[Span, str]:
    return {(m.article, m.start, m.end): e.id for e in corpus.entities for m in e.mentions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--draws", type=int, default=12)
    parser.add_argument("--left-out", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    settings = load_settings()
    loaded = pipeline.load_articles([args.path], settings)
    articles = loaded.articles
    rows = CollectionLinker(settings, loaded.aliases).stored(articles)
    missing = rows.missing(articles)
    if missing:
        raise SystemExit(f"{len(missing)} articles have no digest row: run reader export first")

    def link(chosen: list[Article]) -> Corpus:
        analyses = {a.id: rows.analyses[a.id] for a in chosen}
        digests = {a.id: rows.digests[a.id] for a in chosen}
        return link_corpus(chosen, analyses, [], "", loaded.aliases, False, digests)

    truth = spans(link(articles))
    draw = random.Random(args.seed)
    ours, alone, took = [], [], []
    for _ in range(args.draws):
        out = set(draw.sample(range(len(articles)), args.left_out))
        before = link([a for n, a in enumerate(articles) if n not in out])
        known = [
            KnownEntity(e.id, e.name, e.type, tuple(e.aliases), len(e.mentions))
            for e in before.entities
        ]
        added = [(n, articles[n].id, rows.digests[articles[n].id]) for n in sorted(out)]
        started = time.perf_counter()
        result = attach(known, added)
        took.append(time.perf_counter() - started)
        clusters: dict[Span, object] = dict(spans(before))
        clusters.update({(articles[n].id, s, e): a.id for a in result for n, s, e in a.rows})
        shared = {k: truth[k] for k in clusters if k in truth}
        items = [k for k in shared if k[0] in {articles[n].id for n in out}]
        if not items:
            continue
        single = {k: (k if k in items else clusters[k]) for k in shared}
        ours.append(f1(b_cubed({k: clusters[k] for k in shared}, shared, items)))
        alone.append(f1(b_cubed(single, shared, items)))
    print(
        f"{len(ours)} draws of {args.left_out} articles of {len(articles)}: B³ F1 against the "
        f"link from scratch {statistics.mean(ours):.3f} (each name alone: "
        f"{statistics.mean(alone):.3f}); attaching took {statistics.median(took) * 1000:.1f} ms "
        "(median)"
    )


if __name__ == "__main__":
    main()
