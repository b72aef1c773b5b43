"""Linking speed at 1,000 and 10,000 articles, against exact-name grouping on the same input.

Usage: python bench/link_speed.py [--sizes 1000 10000] [--real [ECB+ folder]]

By default the articles are synthetic but their names are built from the seed
articles' words, recombined into thousands of people (full names and surnames
alone), organizations and places, so blocking has real work to do. With
``--real`` they are the ECB+ topic articles (analysed once through the reader's
cached pipeline), repeated as editions that differ by a closing line, as a
news feed republishes a story. For each size it prints the reader's linker
from scratch, the same relinking with every article's digest already made
(what a persistent index does), the exact-name baseline, the ratio of the first
to the baseline, and how the linker's time grows with the size (about 10x for
10x the articles means no all-pairs comparison).
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

from reader.linking import digest_article, exact_name_entities, link_entities
from reader.model import Analysis, Article, Mention

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "tests" / "data" / "seeds"
ECB_CACHE = Path("/tmp/reader-ecb-cache")


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


def real_bases(corpus: Path) -> list[tuple[Article, Analysis]]:
    """Every article of the ECB+ topic folders with its (cached) analysis."""
    from reader.config import load_settings
    from reader.pipeline import Analyzer, load_articles

    analyzer = Analyzer(load_settings(cache_dir=ECB_CACHE))
    folders = sorted(p for p in corpus.glob("topic-*") if p.is_dir())
    articles = load_articles(folders, analyzer.settings).articles
    analyses = analyzer.analyze(articles)
    return [(a, analyses[a.id]) for a in articles]


def editions(bases: list[tuple[Article, Analysis]], count: int) -> list[tuple[Article, Analysis]]:
    """``count`` articles: the bases, then editions of them with a closing line appended.

    Offsets stay valid since the line goes at the end, so each edition reuses
    its base's analysis.
    """
    documents = []
    for number in range(count):
        article, analysis = bases[number % len(bases)]
        edition = number // len(bases)
        if edition:
            text = f"{article.text}\nUpdated edition {edition}, corrections appended."
            article = Article(f"{article.id}#{edition}", article.path, text)
        documents.append((article, analysis))
    return documents


def timed(function, documents) -> tuple[float, int]:
    started = time.perf_counter()
    entities = function(documents)
    return time.perf_counter() - started, len(entities)


def relink(documents) -> tuple[float, int]:
    """The time to relink with every article's digest already made."""
    digests = {article.id: digest_article(article, analysis) for article, analysis in documents}
    return timed(lambda docs: link_entities(docs, digests=digests), documents)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument(
        "--real",
        type=Path,
        nargs="?",
        const=next(
            (p / "shared" / "corpus" / "ecbplus" for p in REPO.parents if (p / "shared").is_dir()),
            REPO.parent / "shared" / "corpus" / "ecbplus",
        ),
        help="ECB+ folder: link editions of its real articles instead of synthetic ones",
    )
    args = parser.parse_args()
    bases = real_bases(args.real) if args.real else None
    previous = None
    print(
        f"{'articles':>8} {'mentions':>9} {'linker':>9} {'relink':>9} {'baseline':>9}"
        f" {'ratio':>6} {'growth':>9}"
    )
    for size in args.sizes:
        documents = editions(bases, size) if bases else synthetic(size)
        mentions = sum(len(a.mentions) for _, a in documents)
        linker, entities = timed(link_entities, documents)
        warm, _ = relink(documents)
        baseline, groups = timed(exact_name_entities, documents)
        growth = f"{linker / previous[1]:.1f}x/{size / previous[0]:.0f}x" if previous else ""
        print(
            f"{size:>8} {mentions:>9} {linker:>8.2f}s {warm:>8.2f}s {baseline:>8.2f}s "
            f"{linker / baseline:>6.1f} {growth:>9}   ({entities} entities, {groups} names)"
        )
        previous = (size, linker)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
