#!/usr/bin/env python3
"""Score the reader's cross-document entity linking on the ECB+ topics.

Each topic's articles are loaded together through the reader's own pipeline
(loading, cached spaCy analysis, mention repairs), linked by the reader's linker
and by the plain exact-name grouping, written as predictions JSONL and scored
with the shared scorer (``score_entities.py --match overlap``). Prints B-cubed
precision, recall and F1 for both, over all chosen topics.

Usage:
    python scripts/score_entities.py [--topics 1 9 20] [--out /tmp/pred] [--per-topic]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
# The shared folder sits beside the main checkout; a worktree sits one level deeper.
SHARED = next(
    (p / "shared" for p in REPO.parents if (p / "shared" / "corpus").is_dir()),
    REPO.parent / "shared",
)
DEFAULT_CORPUS = SHARED / "corpus" / "ecbplus"
DEFAULT_SCORER = SHARED / "tools" / "score_entities.py"
DEFAULT_CACHE = Path("/tmp/reader-ecb-cache")

sys.path.insert(0, str(REPO))

from reader.config import load_settings  # noqa: E402
from reader.linking import exact_name_entities, link_entities, load_aliases  # noqa: E402
from reader.model import Analysis, Article, Entity  # noqa: E402
from reader.pipeline import Analyzer, load_articles  # noqa: E402

Linker = Callable[[Sequence[tuple[Article, Analysis]]], list[Entity]]


def load_scorer(path: Path) -> ModuleType:
    """Import the shared scorer script as a module."""
    spec = importlib.util.spec_from_file_location("shared_score_entities", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bcubed(pred_topics: list[dict], gold_topics: list[dict]) -> dict[str, Any]:
    """B-cubed P/R/F1 over the linked gold mentions, matched to predictions by best overlap.

    The same measure as the shared scorer's ``--match overlap`` B-cubed (used
    when that scorer is not at hand): each gold mention takes the predicted
    cluster of the predicted mention overlapping it most; unmatched ones are
    singletons.

    Returns:
        ``{"b3": {"p", "r", "f1"}, "mention_recall", "gold_mentions"}``.
    """
    clusters_of = {str(t["topic"]): t["clusters"] for t in pred_topics}
    precision = recall = 0.0
    total = matched = 0
    for topic in gold_topics:
        spans: dict[str, list[tuple[int, int, int]]] = {}
        for number, cluster in enumerate(clusters_of.get(str(topic["topic"]), [])):
            for m in cluster["mentions"]:
                spans.setdefault(m["doc"], []).append((m["start"], m["end"], number))
        items = []  # (gold cluster, predicted cluster or a unique singleton)
        for number, cluster in enumerate(topic["clusters"]):
            if not cluster.get("linked", True):
                continue
            for m in cluster["mentions"]:
                best, overlap = None, 0
                for start, end, predicted in spans.get(m["doc"], []):
                    if (size := min(end, m["end"]) - max(start, m["start"])) > overlap:
                        best, overlap = predicted, size
                matched += best is not None
                items.append((number, best if best is not None else ("single", len(items))))
        gold_size = Counter(g for g, _ in items)
        pred_size = Counter(p for _, p in items)
        both = Counter(items)
        for g, p in items:
            precision += both[(g, p)] / pred_size[p]
            recall += both[(g, p)] / gold_size[g]
        total += len(items)
    p, r = (precision / total, recall / total) if total else (0.0, 0.0)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "gold_mentions": total,
        "mention_recall": round(matched / total, 4) if total else 0.0,
        "b3": {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)},
    }


def read_gold(corpus: Path) -> list[dict[str, Any]]:
    """The gold topics, one dict per line of ``entities-gold.jsonl``."""
    with (corpus / "entities-gold.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def topic_documents(
    corpus: Path, topic: dict[str, Any], analyzer: Analyzer
) -> list[tuple[str, Article, Analysis]]:
    """All articles of one gold topic, loaded and analyzed together as a user would.

    Returns:
        ``(gold doc id, article, analysis)`` for every article of the topic.
    """
    doc_of = {(corpus / doc["path"]).resolve(): doc["id"] for doc in topic["docs"]}
    folders = sorted({(corpus / doc["path"]).parent for doc in topic["docs"]})
    loaded = load_articles(folders, analyzer.settings)
    fatal = [error for error in loaded.errors if error.fatal]
    if fatal:
        raise RuntimeError(f"topic {topic['topic']}: {fatal[0].path}: {fatal[0].message}")
    articles = [a for a in loaded.articles if Path(a.path).resolve() in doc_of]
    analyses = analyzer.analyze(articles)
    return [(doc_of[Path(a.path).resolve()], a, analyses[a.id]) for a in articles]


def predict(topic_id: str, documents: list[tuple[str, Article, Analysis]], linker: Linker) -> dict:
    """One predictions line: the linker's entities as clusters of gold-doc offsets."""
    doc_id = {article.id: doc for doc, article, _ in documents}
    entities = linker([(article, analysis) for _, article, analysis in documents])
    clusters = [
        {
            "mentions": [
                {"doc": doc_id[m.article], "start": m.start, "end": m.end} for m in e.mentions
            ]
        }
        for e in entities
    ]
    return {"topic": topic_id, "clusters": clusters}


def run(
    corpus: Path,
    scorer: ModuleType | None,
    topics: Sequence[str] | None,
    cache_dir: Path,
    out: Path | None = None,
) -> dict[str, Any]:
    """Link and score the chosen topics with the reader's linker and the baseline.

    Args:
        corpus: the ECB+ folder (``entities-gold.jsonl`` and ``topic-NN/``).
        scorer: the shared scorer module, or None for the built-in ``bcubed``.
        topics: topic ids to run, or None for all.
        cache_dir: the analysis cache (reruns skip spaCy).
        out: where to write ``reader.jsonl`` and ``exact-name.jsonl``, if given.

    Returns:
        ``{"reader": scores, "exact-name": scores, "topics": {id: {...}}}``.
    """
    gold = [t for t in read_gold(corpus) if topics is None or str(t["topic"]) in topics]
    if not gold:
        raise ValueError(f"no gold topic among {topics}")

    def score(pred: list[dict], gold_topics: list[dict]) -> dict[str, Any]:
        if scorer is None:
            return bcubed(pred, gold_topics)
        return scorer.score(pred, gold_topics, match="overlap")

    analyzer = Analyzer(load_settings(cache_dir=cache_dir))
    aliases, warnings = load_aliases([])
    if warnings:
        raise ValueError("; ".join(warnings))
    linkers: dict[str, Linker] = {
        "reader": lambda docs: link_entities(docs, aliases),
        "exact-name": exact_name_entities,
    }
    predictions: dict[str, list[dict]] = {name: [] for name in linkers}
    per_topic: dict[str, dict[str, Any]] = {}
    for topic in gold:
        documents = topic_documents(corpus, topic, analyzer)
        for name, linker in linkers.items():
            line = predict(str(topic["topic"]), documents, linker)
            predictions[name].append(line)
            per_topic.setdefault(str(topic["topic"]), {})[name] = score([line], [topic])["b3"]
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for name, lines in predictions.items():
            with (out / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
                handle.writelines(json.dumps(line) + "\n" for line in lines)
    result: dict[str, Any] = {name: score(lines, gold) for name, lines in predictions.items()}
    result["topics"] = per_topic
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument(
        "--builtin", action="store_true", help="score with the built-in B-cubed, not --scorer"
    )
    parser.add_argument("--topics", nargs="*", help="topic ids (default: all)")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--out", type=Path, help="write predictions JSONL here")
    parser.add_argument("--per-topic", action="store_true", help="print each topic's B-cubed")
    args = parser.parse_args(argv)
    scorer = None if args.builtin else load_scorer(args.scorer)
    result = run(args.corpus, scorer, args.topics, args.cache_dir, args.out)
    if args.per_topic:
        for topic, scores in result["topics"].items():
            cells = "  ".join(f"{name} F1 {s['f1']:.3f}" for name, s in scores.items())
            print(f"topic {topic:>3}: {cells}")
    print(f"{'linker':<12} {'B3 P':>7} {'B3 R':>7} {'B3 F1':>7} {'xdoc F1':>8} {'mentions':>9}")
    for name in ("reader", "exact-name"):
        s = result[name]
        xdoc = f"{s['xdoc_links']['f1']:8.3f}" if "xdoc_links" in s else f"{'-':>8}"
        print(
            f"{name:<12} {s['b3']['p']:7.3f} {s['b3']['r']:7.3f} {s['b3']['f1']:7.3f}"
            f" {xdoc} {s['mention_recall']:9.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
