"""`reader entities` and `reader quotes`: plain-text tables for the terminal."""

from __future__ import annotations

import shutil
import textwrap
from collections import Counter
from collections.abc import Iterable

from reader.model import Article, Corpus, Entity, Evidence
from reader.records import quote_records

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


def quotes_table(corpus: Corpus, width: int | None = None) -> str:
    """A table of every quote: who said it, in which article, and the words, wrapped.

    The speaker is the linked entity's name ("?" when the quote is unattributed).
    Articles are numbered A1, A2, ... as in ``entities_table``; a legend below
    gives each one's title, source and date.
    """
    width = width or shutil.get_terminal_size((100, 24)).columns
    numbers = {a.id: f"A{i}" for i, a in enumerate(corpus.articles, start=1)}
    rows = [(r["speaker"] or "?", numbers[r["article"]], r["quote"]) for r in quote_records(corpus)]
    speaker_width = min(24, max([len("Speaker"), *(len(r[0]) for r in rows)]))
    article_width = max([len("Art"), *(len(r[1]) for r in rows)])
    quote_width = max(20, width - speaker_width - article_width - 4)
    lines = [
        f"{'Speaker'.ljust(speaker_width)}  {'Art'.ljust(article_width)}  Quote",
        f"{'-' * speaker_width}  {'-' * article_width}  {'-' * min(quote_width, 40)}",
    ]
    indent = " " * (speaker_width + article_width + 4)
    for speaker, article, quote in rows:
        wrapped = textwrap.wrap(" ".join(quote.split()), quote_width) or [""]
        lines.append(
            f"{_cut(speaker, speaker_width).ljust(speaker_width)}  "
            f"{article.ljust(article_width)}  {wrapped[0]}"
        )
        lines.extend(indent + rest for rest in wrapped[1:])
    legend = [f"{numbers[a.id]}  {_cut(_article_line(a), width - 6)}" for a in corpus.articles]
    attributed = sum(1 for row in rows if row[0] != "?")
    summary = f"{len(rows)} quotes ({attributed} attributed) in {len(corpus.articles)} articles"
    return "\n".join([*lines, "", *legend, "", summary]) + "\n"


def _article_line(article: Article) -> str:
    """ "Title — Source, 2022-02-15  (id)" with whatever of these the article has."""
    where = ", ".join(part for part in (article.source, article.date) if part)
    title = article.title or article.id
    return f"{title}{' — ' + where if where else ''}  ({article.id})"
