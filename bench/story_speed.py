"""Story grouping speed and memory at 1,000 and 10,000 articles, against all-pairs TF-IDF.

Usage: python bench/story_speed.py [--collection synthetic|editions] [--corpus DIR]
                                   [--sizes 1000 10000] [--baseline-max 2000]

Two collections:

- ``synthetic`` (default): built from the ECB+ articles in tests/data. Each
  story takes one real article's sentences (a random 60% per article), and
  gets names, a place and a date of its own, so stories of one kind share most
  words and differ in their distinctive terms, as real events do.
- ``editions``: the collection of bench/scale.py: every article of ``--corpus``
  (default: the ECB+ articles in tests/data; scale.py uses the 20 topics of
  shared/corpus/ecbplus and the seeds) in as many editions as it takes, each
  edition the text plus a closing line, as wire copy is republished.

For each size it prints the time of ``group_stories`` and how it grows with the
size (about 10x for 10x the articles means no all-pairs comparison), with the
CPU time beside it (steadier than the wall clock on a busy machine), then the
peak memory it allocates (a second run under tracemalloc, which sees Python's
and numpy's allocations). Up to ``--baseline-max`` articles it also times plain
all-pairs TF-IDF average link on the same input and prints the ratio.
"""

from __future__ import annotations

import argparse
import random
import re
import string
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from score_stories import baseline  # noqa: E402

from reader.loading.discover import is_project_file  # noqa: E402
from reader.model import Article  # noqa: E402
from reader.stories import group_stories  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "linking_ecbplus"


def synthetic(count: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    sources = [
        [s for s in re.split(r"(?<=[.!?])\s+", p.read_text(encoding="utf-8")) if s.strip()]
        for p in sorted(CORPUS.glob("topic-*/*.txt"))
    ]

    def name() -> str:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(7)).title()

    articles: list[Article] = []
    story = 0
    while len(articles) < count:
        story += 1
        sentences = rng.choice(sources)
        people, place = f"{name()} {name()}", name()
        day = f"{rng.randint(1990, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        for _ in range(min(rng.randint(1, 20), count - len(articles))):
            chosen = [s for s in sentences if rng.random() < 0.6] or sentences[:1]
            text = f"{people} in {place}. " + " ".join(chosen) + f" {people} said on {day}."
            articles.append(Article(f"s{story}/a{len(articles)}", "", text, date=day))
    return articles


def synthetic_of(count: int, _corpus: Path) -> list[Article]:
    return synthetic(count)


def editions(count: int, corpus: Path) -> list[Article]:
    """``count`` articles: the texts of ``corpus`` in turn, edition after edition."""
    texts = [
        (p.relative_to(corpus).as_posix(), p.read_text(encoding="utf-8"))
        for p in sorted(corpus.rglob("*.txt"))
        if not is_project_file(p.name)
    ]
    articles = []
    for n in range(count):
        name, text = texts[n % len(texts)]
        number = n // len(texts) + 1
        body = f"{text.rstrip()}\n\nArchived copy, edition {number}.\n"
        articles.append(Article(f"edition-{number:03d}/{name}", "", body))
    return articles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collection", choices=["synthetic", "editions"], default="synthetic")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--baseline-max", type=int, default=2000)
    args = parser.parse_args()
    previous = None
    for size in args.sizes:
        build = editions if args.collection == "editions" else synthetic_of
        articles = build(size, args.corpus)
        started, cpu = time.perf_counter(), time.process_time()
        stories = group_stories(articles)
        ours, cpu = time.perf_counter() - started, time.process_time() - cpu
        line = f"{size:6} articles: ours {ours:6.2f} s, CPU {cpu:5.2f} s ({len(stories)} stories)"
        if previous is not None:
            line += f", x{ours / previous[1]:.1f} for x{size / previous[0]:.0f} articles"
        tracemalloc.start()
        group_stories(articles)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        line += f"; peak {peak:5.0f} MB allocated"
        if size <= args.baseline_max:
            started = time.perf_counter()
            baseline(articles, 0.15)
            base = time.perf_counter() - started
            line += f"; all-pairs TF-IDF {base:6.2f} s, ratio {base / ours:.1f}x"
        print(line, flush=True)
        previous = (size, ours)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
