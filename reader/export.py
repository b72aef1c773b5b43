"""The analyzed corpus as one JSON document (schema in the README).

``write`` streams the document record by record, so a 10,000-article export
never holds the whole document (or a dict of it) in memory; ``dumps`` and
``corpus_to_dict`` give the same document as text or as plain data.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, Literal

import orjson

from reader import __version__
from reader.model import Article, Corpus, Entity, LoadError, Quote, QuoteGroup, Story

#: Each top-level field: its name and how one record of it (or the value) is made.
_Sections = list[tuple[str, Any]]


def _sections(corpus: Corpus) -> _Sections:
    """The document's fields in order: plain values, or (records, record maker) to stream."""
    return [
        ("version", __version__),
        ("model", corpus.model),
        ("articles", (corpus.articles, _article)),
        ("entities", (corpus.entities, _entity)),
        ("quotes", (corpus.quotes, _quote)),
        ("stories", (corpus.stories, _story)),
        ("quote_groups", (corpus.quote_groups, _quote_group)),
        ("errors", (corpus.errors, _error)),
    ]


def corpus_to_dict(corpus: Corpus) -> dict[str, Any]:
    """The export document of ``corpus``: plain JSON-ready data."""
    out: dict[str, Any] = {}
    for name, value in _sections(corpus):
        if isinstance(value, tuple):
            items, make = value
            out[name] = [make(item) for item in items]
        else:
            out[name] = value
    return out


def chunks(corpus: Corpus, indent: Literal[2] | None = 2) -> Iterator[bytes]:
    """The export document as UTF-8 pieces, one record at a time.

    Joined, the pieces are byte for byte what ``orjson`` makes of
    ``corpus_to_dict(corpus)`` (with ``OPT_INDENT_2`` when ``indent``), without
    that dict or the whole text ever existing.
    """
    option = orjson.OPT_INDENT_2 if indent else 0
    # Records sit two levels deep: with indentation every line of one moves 4 spaces in
    # (a JSON string never holds a raw line break, so lines are safe to shift).
    field_sep, item_sep = (b",\n  ", b",\n    ") if indent else (b",", b",")
    yield b"{\n  " if indent else b"{"
    for number, (name, value) in enumerate(_sections(corpus)):
        if number:
            yield field_sep
        yield orjson.dumps(name) + (b": " if indent else b":")
        if not isinstance(value, tuple):
            yield orjson.dumps(value, option=option)
            continue
        items, make = value
        yield from _array(items, make, option, item_sep, bool(indent))
    yield b"\n}" if indent else b"}"


def _array(
    items: Iterable[Any],
    make: Callable[[Any], dict[str, Any]],
    option: int,
    separator: bytes,
    indent: bool,
) -> Iterator[bytes]:
    first = True
    for item in items:
        record = orjson.dumps(make(item), option=option)
        if indent:
            record = record.replace(b"\n", b"\n    ")
        yield (b"[\n    " if indent else b"[") if first else separator
        yield record
        first = False
    if first:
        yield b"[]"
    else:
        yield b"\n  ]" if indent else b"]"


def write(corpus: Corpus, stream: IO[bytes], indent: Literal[2] | None = 2) -> None:
    """Write the export document of ``corpus`` to a binary stream, record by record.

    The same bytes as ``dumps(corpus, indent)`` encoded as UTF-8, final line
    break included, in memory a record at a time instead of the whole document.

    Raises:
        OSError: the stream could not be written.
    """
    # Imported here: the export module itself stays light.
    from reader.gc_pause import paused_gc

    buffer: list[bytes] = []
    size = 0
    # The records made here are freed as soon as they are written, but making them
    # wakes the cycle collector, which walks the whole linked corpus (millions of
    # objects) each time: most of a large export's writing time.
    with paused_gc():
        for piece in chunks(corpus, indent):
            buffer.append(piece)
            size += len(piece)
            if size >= 1 << 20:  # a megabyte per write call, not one per record
                _write_all(stream, b"".join(buffer))
                buffer, size = [], 0
        buffer.append(b"\n")
        _write_all(stream, b"".join(buffer))


def _write_all(stream: IO[bytes], data: bytes) -> None:
    """Write all of ``data``: a buffered stream whose pipe closes midway (``| head``)
    returns how much it wrote instead of raising; written again, the rest raises."""
    view = memoryview(data)
    while view:
        written = stream.write(view)
        if written is None:  # a stream that does not say: it took everything
            return
        if written == 0:  # never a loop that spins: a stream that takes nothing is broken
            raise OSError(errno.EIO, "the output took none of the export")
        view = view[written:]


def dumps(corpus: Corpus, indent: Literal[2] | None = 2) -> str:
    """The export document as JSON text (UTF-8, not ASCII-escaped), indented by 2 or compact.

    orjson encodes a 10,000-article export several times faster than ``json``
    (the export's largest cost once the collection is linked).
    """
    return b"".join(chunks(corpus, indent)).decode("utf-8") + "\n"


def _article(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "path": a.path,
        "title": a.title,
        "source": a.source,
        "author": a.author,
        "date": a.date,
        "url": a.url,
        "text": a.text,
    }


def _entity(e: Entity) -> dict[str, Any]:
    return {
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


def _story(s: Story) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "articles": list(s.articles)}


def _quote_group(g: QuoteGroup) -> dict[str, Any]:
    return {"id": g.id, "quotes": list(g.quotes)}


def _error(err: LoadError) -> dict[str, Any]:
    return {
        "path": err.path,
        "message": err.message,
        "level": "error" if err.fatal else "warning",
    }
