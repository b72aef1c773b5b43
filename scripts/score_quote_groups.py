"""Score quote grouping on the hand-checked dev set: pairs grouped and pairs wrongly grouped.

Usage::

    python scripts/score_quote_groups.py [--gold tests/data/quote_groups_dev.jsonl]

Gold format, one JSON object per line: ``id``; ``kind``: ``"group"`` (quotes
in ECB+ articles that repeat one statement: other punctuation, a fragment, a
word or two changed) or ``"negative"`` (a quote that shares words with some
group, often by the same speaker, but is another statement: it must be grouped
with nothing); ``quotes``: ``[{"doc": article id, "text": quote text}]``.

All gold quotes are grouped together, as one corpus. Recall is the share of
gold same-statement pairs that end up in one group; precision the share of
predicted pairs (two quotes in one predicted group) that are gold pairs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.model import Quote  # noqa: E402
from reader.quote_groups import group_quotes  # noqa: E402


def score(rows: Sequence[dict]) -> tuple[float, float, int, int]:
    """(precision, recall, gold pairs, predicted pairs) of grouping the gold quotes."""
    quotes: list[Quote] = []
    gold_of: dict[str, str] = {}
    for row in rows:
        for item in row["quotes"]:
            qid = f"{row['id']}.{len(quotes)}"
            n = len(quotes)
            quotes.append(Quote(qid, item["doc"], n, n + 1, item["text"], False, None, None))
            gold_of[qid] = row["id"] if row["kind"] == "group" else qid
    gold_pairs = {
        frozenset(p)
        for row in rows
        if row["kind"] == "group"
        for p in itertools.combinations([q.id for q in quotes if gold_of[q.id] == row["id"]], 2)
    }
    predicted = {
        frozenset(p) for g in group_quotes(quotes) for p in itertools.combinations(g.quotes, 2)
    }
    right = len(gold_pairs & predicted)
    precision = right / len(predicted) if predicted else 1.0
    recall = right / len(gold_pairs) if gold_pairs else 1.0
    return precision, recall, len(gold_pairs), len(predicted)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "tests/data/quote_groups_dev.jsonl")
    parser.add_argument("--errors", action="store_true", help="print missed and wrong pairs")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()]
    groups = sum(r["kind"] == "group" for r in rows)
    precision, recall, gold, predicted = score(rows)
    print(
        f"{groups} groups, {len(rows) - groups} negatives: {gold} gold pairs, "
        f"{predicted} predicted pairs; precision {precision:.3f} recall {recall:.3f}"
    )
    if args.errors:
        for row in rows:
            sub = [r for r in rows if r is row]
            if score(sub)[1] < 1.0:
                print(f"missed within {row['id']}: {[q['text'][:60] for q in row['quotes']]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
