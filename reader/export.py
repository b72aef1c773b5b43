"""The analyzed corpus as one JSON document (schema in the README)."""

from __future__ import annotations

from typing import Any, Literal

import orjson

from reader import __version__
from reader.model import Corpus, Quote


def corpus_to_dict(corpus: Corpus) -> dict[str, Any]:
    """The export document of ``corpus``: plain JSON-ready data."""
    return {
        "version": __version__,
        "model": corpus.model,
        "articles": [
            {
                "id": a.id,
                "path": a.path,
                "title": a.title,
                "source": a.source,
                "author": a.author,
                "date": a.date,
                "url": a.url,
                "text": a.text,
            }
            for a in corpus.articles
        ],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "mentions": [
                    {"article": m.article, "start": m.start, "end": m.end, "text": m.text}
                    for m in e.mentions
                ],
                "evidence": [ev.to_dict() for ev in e.evidence],
            }
            for e in corpus.entities
        ],
        "quotes": [_quote(q) for q in corpus.quotes],
        "errors": [
            {
                "path": err.path,
                "message": err.message,
                "level": "error" if err.fatal else "warning",
            }
            for err in corpus.errors
        ],
    }


def _quote(quote: Quote) -> dict[str, Any]:
    speaker = quote.speaker
    return {
        "id": quote.id,
        "article": quote.article,
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "partial": quote.partial,
        "speaker": (
            {
                "text": speaker.text,
                "start": speaker.start,
                "end": speaker.end,
                "entity": speaker.entity,
            }
            if speaker
            else None
        ),
        "cue": quote.cue.to_dict() if quote.cue else None,
    }


def dumps(corpus: Corpus, indent: Literal[2] | None = 2) -> str:
    """The export document as JSON text (UTF-8, not ASCII-escaped), indented by 2 or compact.

    orjson encodes a 10,000-article export several times faster than ``json``
    (the export's largest cost once the collection is linked).
    """
    option = orjson.OPT_INDENT_2 if indent else 0
    return orjson.dumps(corpus_to_dict(corpus), option=option).decode("utf-8") + "\n"
