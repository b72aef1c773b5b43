"""`reader entities`: the linked entities as a plain-text table for the terminal."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterable

from reader.model import Corpus, Entity, Evidence

#: With more articles than this, counts are listed as "article:count" pairs.
MAX_COUNT_COLUMNS = 8


def entities_table(corpus: Corpus, width: int | None = None, evidence: bool = False) -> str:
    """A table of every entity: name, type, mentions in all and per article, how it was linked.

    Articles are numbered A1, A2, ... in load order; a legend below the table
    names them. Cells are cut to fit ``width`` (the terminal's by default).
    With ``evidence``, each merge is listed under its entity with its reason.
    """
    width = width or shutil.get_terminal_size((100, 24)).columns
    numbers = {a.id: f"A{i}" for i, a in enumerate(corpus.articles, start=1)}
    wide = len(corpus.articles) <= MAX_COUNT_COLUMNS
    header = ["Name", "Type", "Total"]
    header += list(numbers.values()) if wide else []
    header += ["Linked by"] + ([] if wide else ["Mentions per article"])
    rows = [header]
    details: dict[int, list[str]] = {}
    for entity in corpus.entities:
        counts = Counter(m.article for m in entity.mentions)
        row = [entity.name, entity.type, str(len(entity.mentions))]
        if wide:
            row += [str(counts[a.id]) if counts[a.id] else "·" for a in corpus.articles]
        row.append(", ".join(dict.fromkeys(e.rule for e in entity.evidence)) or "-")
        if not wide:
            row.append(
                " ".join(f"{numbers[a.id]}:{counts[a.id]}" for a in corpus.articles if counts[a.id])
            )
        rows.append(row)
        if evidence and entity.evidence:
            details[len(rows) - 1] = [_evidence_line(e, width) for e in entity.evidence]
    right = {2, *range(3, 3 + len(numbers))} if wide else {2}
    lines = _format(rows, width, right, details)
    legend = [
        f"{numbers[a.id]}  {_cut(a.title or a.id, width - 6)}  ({a.id})" for a in corpus.articles
    ]
    summary = (
        f"{len(corpus.entities)} entities ({_type_counts(corpus.entities)}) "
        f"in {len(corpus.articles)} articles; {len(corpus.quotes)} quotes"
    )
    return "\n".join([*lines, "", *legend, "", summary]) + "\n"


def _evidence_line(evidence: Evidence, width: int) -> str:
    reason = evidence.rule
    if evidence.score is not None:
        reason += f" {evidence.score:.2f}"
    if evidence.detail:
        reason += f": {evidence.detail}"
    return _cut(f"    {' = '.join(evidence.names)}  ({reason})", width)


def _format(
    rows: list[list[str]], width: int, right: set[int], details: dict[int, list[str]]
) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    # Shrink very long names first, then the long lists at the end, then names again.
    spare = width - (sum(widths) + 2 * (len(widths) - 1))
    last = len(widths) - 1
    for column, floor in ((0, 30), (last, 12), (last - 1, 12), (0, 12)):
        if spare >= 0:
            break
        shrink = min(-spare, max(0, widths[column] - floor))
        widths[column] -= shrink
        spare += shrink
    lines = []
    for number, row in enumerate(rows):
        cells = []
        for i, cell in enumerate(row):
            cell = _cut(cell, widths[i])
            cells.append(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]))
        lines.append("  ".join(cells).rstrip())
        lines.extend(details.get(number, []))
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _type_counts(entities: Iterable[Entity]) -> str:
    counts: dict[str, int] = {}
    for entity in entities:
        counts[entity.type] = counts.get(entity.type, 0) + 1
    order = ("person", "place", "organization", "group")
    return ", ".join(f"{counts[t]} {t}" for t in order if t in counts)
