"""Score story grouping on ECB+ topics loaded together: B-cubed against events and topics.

Usage::

    reader export /work/shared/corpus/ecbplus -o ecb.json   # once; analyses are cached
    python scripts/score_stories.py ecb.json [--threshold T] [--sweep] [--editions N]

Each ECB+ topic folder holds articles about two events of one kind; the file
name says which (``N_Mecb.txt`` one event, ``N_Mecbplus.txt`` the other). All
topics are grouped together, as one folder, and the stories are scored with
B-cubed F1 against the events and against the topics. Scores are reported on
the odd topics (where the thresholds were chosen), on the even topics (a check
of generality: nothing was tuned on them) and on all.

With ``--editions N`` the articles are also grouped as the collection of
bench/scale.py: N articles, each ECB+ article in edition after edition (its
text plus a closing line, its entities named in every edition), scored against
the events and topics of the article each edition copies.

The baseline is plain TF-IDF average-link clustering (words only, every pair
compared, its threshold chosen on the odd topics the same way).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.model import Article, Entity, EntityMention
from reader.stories import (
    THRESHOLD,
    average_link,
    cosine,
    group_stories,
    tfidf_vectors,
)
from reader.story_terms import words

_NAME = re.compile(r"topic-(\d+)/(\d+)_\d+(ecbplus|ecb)\.txt$")


def load_export(path: Path) -> tuple[list[Article], list[Entity]]:
    """Articles and entities of a ``reader export`` document."""
    data = json.loads(path.read_text(encoding="utf-8"))
    articles = [
        Article(a["id"], a["path"], a["text"], a.get("title"), date=a.get("date"))
        for a in data["articles"]
    ]
    entities = [
        Entity(
            e["id"],
            e["name"],
            e["type"],
            list(e["aliases"]),
            [EntityMention(m["article"], m["start"], m["end"], m["text"]) for m in e["mentions"]],
        )
        for e in data["entities"]
    ]
    return articles, entities


def gold_labels(article_id: str) -> tuple[str, str] | None:
    """(event, topic) of an ECB+ article id, or None for other files."""
    match = _NAME.search(article_id)
    if not match:
        return None
    topic = match.group(1).lstrip("0")
    return f"{topic}-{match.group(3)}", topic


def _gold(article_id: str) -> tuple[str, str]:
    labels = gold_labels(article_id)
    assert labels is not None, article_id
    return labels


def b_cubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster id)."""
    items = [i for i in gold if i in pred]
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for i in items:
        by_pred.setdefault(pred[i], set()).add(i)
        by_gold.setdefault(gold[i], set()).add(i)
    p = r = 0.0
    for i in items:
        same = len(by_pred[pred[i]] & by_gold[gold[i]])
        p += same / len(by_pred[pred[i]])
        r += same / len(by_gold[gold[i]])
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def baseline(articles: Sequence[Article], threshold: float) -> dict[str, str]:
    """Plain TF-IDF (words only) average-link clustering over all pairs."""
    vectors = tfidf_vectors([_counts(words(a.text)) for a in articles])
    sims = {}
    for i in range(len(vectors)):
        for j in range(i + 1, len(vectors)):
            s = cosine(vectors[i], vectors[j])
            if s > 0:
                sims[(i, j)] = s
    clusters = average_link(len(articles), sims, threshold)
    return {articles[i].id: str(n) for n, members in enumerate(clusters) for i in members}


def _counts(tokens: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for t in tokens:
        out[t] = out.get(t, 0.0) + 1
    return out


def ours(articles: Sequence[Article], entities: Sequence[Entity], threshold: float):
    stories = group_stories(articles, entities, threshold)
    return {a: s.id for s in stories for a in s.articles}


def editions(
    articles: Sequence[Article], entities: Sequence[Entity], count: int
) -> tuple[list[Article], list[Entity], dict[str, str]]:
    """``count`` articles, the given ones edition after edition; edition id -> original id."""
    copies: list[Article] = []
    original: dict[str, str] = {}
    for n in range(count):
        article = articles[n % len(articles)]
        number = n // len(articles) + 1
        copy_id = f"edition-{number:03d}/{article.id}"
        text = f"{article.text.rstrip()}\n\nArchived copy, edition {number}.\n"
        copies.append(Article(copy_id, "", text, article.title, date=article.date))
        original[copy_id] = article.id
    copies_of: dict[str, list[str]] = {}
    for copy_id, article_id in original.items():
        copies_of.setdefault(article_id, []).append(copy_id)
    copied = [
        Entity(
            e.id,
            e.name,
            e.type,
            e.aliases,
            [
                EntityMention(c, m.start, m.end, m.text)
                for m in e.mentions
                for c in copies_of.get(m.article, ())
            ],
        )
        for e in entities
    ]
    return copies, copied, original


def report_editions(articles: Sequence[Article], entities: Sequence[Entity], count: int) -> None:
    copies, copied, original = editions(articles, entities, count)
    started = time.perf_counter()
    pred = {a: s.id for s in group_stories(copies, copied) for a in s.articles}
    took = time.perf_counter() - started
    events = {c: _gold(o)[0] for c, o in original.items()}
    topics = {c: _gold(o)[1] for c, o in original.items()}
    ev, tp = b_cubed(pred, events), b_cubed(pred, topics)
    print(
        f"ours      {count} editions  events P/R/F1 {ev[0]:.3f}/{ev[1]:.3f}/{ev[2]:.3f}"
        f"  topics P/R/F1 {tp[0]:.3f}/{tp[1]:.3f}/{tp[2]:.3f}  grouped in {took:.2f} s"
    )


def report(name: str, pred: dict[str, str], articles: Sequence[Article]) -> None:
    for half, keep in (("odd (tuning)", 1), ("even (check)", 0), ("all", None)):
        ids = [a.id for a in articles if keep is None or int(_gold(a.id)[1]) % 2 == keep]
        events = {i: _gold(i)[0] for i in ids}
        topics = {i: _gold(i)[1] for i in ids}
        # Score within the half: predicted clusters restricted to its articles.
        sub = {i: pred[i] for i in ids}
        ev, tp = b_cubed(sub, events), b_cubed(sub, topics)
        print(
            f"{name:9} {half:13} n={len(ids):3}  events P/R/F1 {ev[0]:.3f}/{ev[1]:.3f}/{ev[2]:.3f}"
            f"  topics P/R/F1 {tp[0]:.3f}/{tp[1]:.3f}/{tp[2]:.3f}"
        )


def tune(
    run: Callable[[float], dict[str, str]],
    articles: Sequence[Article],
    grid: Sequence[float],
    level: int = 0,
) -> float:
    """The threshold with the best F1 on the odd topics (events, or topics for level 1)."""
    odd = [a.id for a in articles if int(_gold(a.id)[1]) % 2 == 1]
    events = {i: _gold(i)[level] for i in odd}
    best = (-1.0, grid[0])
    for t in grid:
        pred = run(t)
        f = b_cubed({i: pred[i] for i in odd}, events)[2]
        print(f"  threshold {t:.3f}: odd-topic {('events', 'topics')[level]} F1 {f:.3f}")
        best = max(best, (f, t))
    return best[1]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", type=Path, help="a `reader export` of the ECB+ folder")
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--sweep", action="store_true", help="choose our threshold on odd topics")
    parser.add_argument(
        "--editions", type=int, metavar="N", help="also group N articles as editions"
    )
    parser.add_argument(
        "--topics", action="store_true", help="also score a coarser cut against topics"
    )
    args = parser.parse_args(argv)
    articles, entities = load_export(args.export)
    articles = [a for a in articles if gold_labels(a.id)]
    grid = [round(0.05 + 0.025 * k, 3) for k in range(15)]
    print("baseline threshold sweep (odd topics):")
    base_t = tune(lambda t: baseline(articles, t), articles, grid)
    threshold = args.threshold
    if args.sweep:
        print("our threshold sweep (odd topics):")
        threshold = tune(lambda t: ours(articles, entities, t), articles, grid)
    started = time.perf_counter()
    pred = ours(articles, entities, threshold)
    took = time.perf_counter() - started
    print(f"\n{len(articles)} articles; ours threshold {threshold}, baseline threshold {base_t}")
    report("ours", pred, articles)
    report("baseline", baseline(articles, base_t), articles)
    print(f"ours grouped {len(articles)} articles in {took:.2f} s")
    if args.editions:
        report_editions(articles, entities, args.editions)
    if args.topics:
        # Stories are events; a lower threshold cuts the same clustering at
        # the level of related events (topics), chosen on odd topics too.
        coarse = [round(0.01 + 0.01 * k, 3) for k in range(15)]
        print("\ncoarse cut, our threshold sweep (odd topics):")
        ours_t = tune(lambda t: ours(articles, entities, t), articles, coarse, level=1)
        print("coarse cut, baseline threshold sweep (odd topics):")
        base_c = tune(lambda t: baseline(articles, t), articles, coarse, level=1)
        print(f"coarse cut: ours threshold {ours_t}, baseline threshold {base_c}")
        report("ours", ours(articles, entities, ours_t), articles)
        report("baseline", baseline(articles, base_c), articles)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
