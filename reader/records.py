"""Quotes and entities as flat records, written as CSV, Markdown tables or JSON.

`reader quotes` and `reader entities --format ...` print these. Every value is
a plain string or number; text from articles is already free of control
characters (see ``reader.loading.decode``), and each writer escapes what its
own format needs (CSV quoting, Markdown pipes, JSON strings).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from reader.attribution import speaker_name
from reader.model import Corpus, Quote

Record = dict[str, Any]

#: The columns of a quote record, in output order.
QUOTE_COLUMNS = ("speaker", "quote", "title", "source", "date", "article", "speaker_text")
#: The columns of an entity record, in output order (``articles`` maps ids to counts in JSON).
ENTITY_COLUMNS = ("name", "type", "mentions", "articles", "aliases", "linked_by")


def quote_records(corpus: Corpus) -> list[Record]:
    """One record per quote: who said it (the linked entity's name), what, and where.

    ``speaker`` is the speaker's entity name when the speaker is linked to an
    entity, else the speaker's words in the text, else "" (unattributed).
    """
    return [_quote_record(corpus, quote) for quote in corpus.quotes]


def _quote_record(corpus: Corpus, quote: Quote) -> Record:
    article = corpus.article(quote.article)
    speaker = quote.speaker
    name = speaker_name(corpus, quote) or ""
    return {
        "speaker": name,
        "quote": quote.text,
        "title": article.title or article.id,
        "source": article.source or "",
        "date": article.date or "",
        "article": article.id,
        "speaker_text": speaker.text if speaker else "",
        "partial": quote.partial,
        "start": quote.start,
        "end": quote.end,
        "url": article.url or "",
    }


def entity_records(corpus: Corpus) -> list[Record]:
    """One record per linked entity: name, type, mention counts overall and per article."""
    records = []
    for entity in corpus.entities:
        counts = Counter(m.article for m in entity.mentions)
        records.append(
            {
                "id": entity.id,
                "name": entity.name,
                "type": entity.type,
                "mentions": len(entity.mentions),
                "articles": {a.id: counts[a.id] for a in corpus.articles if counts[a.id]},
                "aliases": list(entity.aliases),
                "linked_by": list(dict.fromkeys(e.rule for e in entity.evidence)),
            }
        )
    return records


def to_json(records: Sequence[Record]) -> str:
    """A JSON list of the records (UTF-8 text kept readable, not escaped)."""
    return json.dumps(list(records), ensure_ascii=False, indent=2) + "\n"


def to_csv(records: Sequence[Record], columns: Sequence[str]) -> str:
    """CSV with a header row; lists become "a; b", mappings "id: n; id: n"."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_flat(record.get(column)) for column in columns])
    return out.getvalue()


def to_markdown(records: Sequence[Record], columns: Sequence[str]) -> str:
    """A Markdown (GFM) table; cells escape pipes, backslashes and "<"; newlines become spaces."""
    header = "| " + " | ".join(_cell(c.replace("_", " ").capitalize()) for c in columns) + " |"
    rule = "|" + "|".join("---" for _ in columns) + "|"
    rows = ["| " + " | ".join(_cell(_flat(r.get(c))) for c in columns) + " |" for r in records]
    return "\n".join([header, rule, *rows]) + "\n"


def _flat(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{key}: {count}" for key, count in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _cell(text: str) -> str:
    # A "|" would end the cell, a trailing "\" would escape our separator, and a "<"
    # could open raw HTML in a renderer: article text is untrusted.
    text = " ".join(text.split()).replace("\\", "\\\\")
    return text.replace("|", "\\|").replace("<", "\\<")
