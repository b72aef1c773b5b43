"""`reader entities`: the linked entities as a plain-text table for the terminal."""

from __future__ import annotations

import shutil
from collections.abc import Iterable

from reader.model import Corpus, Entity

#: With more articles than this, counts are listed as "article:count" pairs.
MAX_COUNT_COLUMNS = 8


def entities_table(corpus: Corpus, width: int | None = None) -> str:
    """A table of every entity: name, type, total mentions and mentions per article.

    Articles are numbered A1, A2, ... in load order; a legend below the table
    names them. Cells are cut to fit ``width`` (the terminal's by default).
    """
    width = width or shutil.get_terminal_size((100, 24)).columns
    numbers = {a.id: f"A{i}" for i, a in enumerate(corpus.articles, start=1)}
    wide = len(corpus.articles) <= MAX_COUNT_COLUMNS
    header = ["Name", "Type", "Total"]
    header += list(numbers.values()) if wide else ["Mentions per article"]
    rows = [header]
    for entity in corpus.entities:
        counts = [entity.count_in(a.id) for a in corpus.articles]
        row = [entity.name, entity.type, str(len(entity.mentions))]
        if wide:
            row += [str(c) if c else "·" for c in counts]
        else:
            row.append(
                " ".join(
                    f"{numbers[a.id]}:{c}"
                    for a, c in zip(corpus.articles, counts, strict=True)
                    if c
                )
            )
        rows.append(row)
    lines = _format(rows, width, right={2, *range(3, len(header) if wide else 3)})
    legend = [
        f"{numbers[a.id]}  {_cut(a.title or a.id, width - 6)}  ({a.id})" for a in corpus.articles
    ]
    summary = (
        f"{len(corpus.entities)} entities ({_type_counts(corpus.entities)}) "
        f"in {len(corpus.articles)} articles; {len(corpus.quotes)} quotes"
    )
    return "\n".join([*lines, "", *legend, "", summary]) + "\n"


def _format(rows: list[list[str]], width: int, right: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    # Shrink the name column first, then the last one, so the table fits.
    spare = width - (sum(widths) + 2 * (len(widths) - 1))
    for column in (0, len(widths) - 1):
        if spare >= 0:
            break
        shrink = min(-spare, max(0, widths[column] - 12))
        widths[column] -= shrink
        spare += shrink
    lines = []
    for number, row in enumerate(rows):
        cells = []
        for i, cell in enumerate(row):
            cell = _cut(cell, widths[i])
            cells.append(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]))
        lines.append("  ".join(cells).rstrip())
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
