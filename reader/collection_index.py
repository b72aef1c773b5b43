"""The persistent collection index: a linked collection stored so that reopening it is instant.

Linking grows with the collection (10,000 articles take seconds), while its
result depends only on what it was built from: the articles (ids and texts),
their analyses, the linking code and the alias files. The index stores the
linked entities and quotes in one SQLite file in the cache directory, under a
key that hashes all of those, so an unchanged collection is loaded instead of
relinked and a changed one can never be served stale.

A collection is stored as the frames the linking process sends the reader
(``row_frames``: orjson arrays of a few hundred rows each), so that reopening
it sends them on as stored, never parsed on the way (parsing and writing again
the rows of 10,000 articles took a quarter of a second).

SQLite gives atomic writes for free (a crash leaves the old state or the new
one); a file that is not a database, a table of another shape or a row that
does not decode is a miss, and a damaged file is replaced, never fatal.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson

from reader import collection_members
from reader.collection_members import Members, Nearest
from reader.collection_rows import corpus_from_rows, corpus_rows
from reader.model import Article, Corpus, LoadError
from reader.sqlite_file import SqliteFile

#: Bump when the stored layout changes: older rows are then simply never found.
_FORMAT = 3
#: About this many mentions (or quotes, or story members) per frame: a few
#: milliseconds for the reader to decode.
FRAME_ITEMS = 600
#: The sections of a collection's rows, in the order their frames come.
SECTIONS = ("entities", "quotes", "stories", "quote_groups")
#: Collections kept; the least recently used beyond this are dropped.
MAX_COLLECTIONS = 16

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS collections (key TEXT PRIMARY KEY, used REAL NOT NULL, "
    "data BLOB NOT NULL)",
    # Digests lived here before they moved to their own store (reader.digest_store).
    "DROP TABLE IF EXISTS digests",
    collection_members.SCHEMA,
)


def collection_key(
    articles: Sequence[Article],
    analysis_keys: Mapping[str, str],
    parts: Iterable[str],
) -> str:
    """The key of a linked collection.

    Args:
        articles: the collection's articles, in reading order.
        analysis_keys: article id -> the key of its analysis in the analysis
            cache (which hashes the text, the model and the analysis code).
        parts: everything else the result depends on (the linking code's
            fingerprint, the alias table, the model's label).
    """
    digest = hashlib.sha256(f"reader-collection-{_FORMAT}".encode())
    digest.update(collection_members.fields(parts))
    for article in articles:
        # Titles and dates are not in the text's key, but stories are titled and
        # ordered by them: a retitled article is a new collection.
        digest.update(collection_members.article_fields(article, analysis_keys[article.id]))
    return digest.hexdigest()


class CollectionIndex(SqliteFile):
    """Linked collections in one SQLite file, keyed by ``collection_key``."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, _SCHEMA, "the collection index")

    def get(
        self, key: str, articles: Sequence[Article], errors: Sequence[LoadError], model: str
    ) -> Corpus | None:
        """The stored corpus of ``key`` (with these articles and errors), or None on a miss.

        A damaged row is a miss too.
        """
        rows = self.get_rows(key)
        if rows is None:
            return None
        try:
            return corpus_from_rows(rows, articles, errors, model)
        except (ValueError, KeyError, TypeError, IndexError):
            return None

    def holds(self, key: str) -> bool:
        """Whether a collection is stored under ``key`` (its row unread); an unusable
        index holds nothing."""
        try:
            with self.connect() as db:
                row = db.execute("SELECT 1 FROM collections WHERE key = ?", (key,)).fetchone()
        except (sqlite3.Error, OSError) as exc:
            self.reset(exc)
            return False
        return row is not None

    def get_frames(self, key: str) -> list[bytes] | None:
        """The stored frames of ``key`` (``row_frames``), unparsed; None on a miss or a
        row that does not decompress and split (zlib's checksum catches damage).

        The linking process sends these on as they are (``corpus_wire.stored_frames``):
        building the corpus only to turn it back into rows took half of a reopening.
        """
        try:
            with self.connect() as db:
                row = db.execute("SELECT data FROM collections WHERE key = ?", (key,)).fetchone()
                if row is None:
                    return None
                db.execute("UPDATE collections SET used = ? WHERE key = ?", (time.time(), key))
        except (sqlite3.Error, OSError) as exc:
            self.reset(exc)
            return None
        try:
            return unpacked(row[0])
        except (ValueError, TypeError, zlib.error):
            return None

    def get_rows(self, key: str) -> dict[str, Any] | None:
        """The stored rows of ``key`` (``corpus_rows``' layout), unbuilt; None on a miss
        or a row that does not decode."""
        frames = self.get_frames(key)
        if frames is None:
            return None
        try:
            return rows_of(frames)
        except (ValueError, TypeError):
            return None

    def put(
        self,
        key: str,
        articles: Sequence[Article],
        corpus: Corpus,
        members: Members | None = None,
    ) -> None:
        """Store a linked collection, with its ``members`` when given (``nearest`` finds it
        for a changed collection then); a store that cannot be written is noted, never fatal."""
        data = encode(articles, corpus)
        try:
            with self.connect() as db:
                db.execute(
                    "INSERT OR REPLACE INTO collections (key, used, data) VALUES (?, ?, ?)",
                    (key, time.time(), data),
                )
                db.execute(
                    "DELETE FROM collections WHERE key NOT IN "
                    "(SELECT key FROM collections ORDER BY used DESC LIMIT ?)",
                    (MAX_COLLECTIONS,),
                )
                if members is not None:
                    collection_members.store(db, key, members)
                collection_members.prune(db)
        except (sqlite3.Error, OSError) as exc:
            self.reset(exc)

    def holders(self) -> collection_members.Holders:
        """The stored collections, to be narrowed down to those holding what is read
        (``collection_members.Holders``); none when the index is unusable."""
        try:
            with self.connect() as db:
                return collection_members.Holders(collection_members.held(db))
        except (sqlite3.Error, OSError) as exc:
            self.reset(exc)
            return collection_members.Holders([])

    def nearest(self, opened: Members) -> tuple[Nearest, list[bytes]] | None:
        """The stored collection nearest to the articles ``opened`` (``collection_members.
        nearest``) and its frames, unparsed (as ``get_frames``); None when none is near
        enough or the index is unusable."""
        try:
            with self.connect() as db:
                found = collection_members.nearest(db, opened)
        except (sqlite3.Error, OSError) as exc:
            self.reset(exc)
            return None
        frames = self.get_frames(found.key) if found is not None else None
        return (found, frames) if found is not None and frames is not None else None


def encode(articles: Sequence[Article], corpus: Corpus, items: int = FRAME_ITEMS) -> bytes:
    """The compact stored form: the rows of ``corpus_rows`` (offsets only: texts are
    slices of the articles) in frames of about ``items`` (``row_frames``), each after
    its length in 4 bytes, compressed."""
    frames = row_frames(corpus_rows(articles, corpus), items)
    return zlib.compress(b"".join(len(f).to_bytes(4, "big") + f for f in frames), 1)


def unpacked(blob: bytes) -> list[bytes]:
    """The frames of ``encode``'s form, unparsed.

    Raises:
        zlib.error, ValueError: a damaged row.
    """
    data = zlib.decompress(blob)
    frames = []
    at, size = 0, len(data)
    while at < size:
        end = at + 4 + int.from_bytes(data[at : at + 4], "big")
        if end > size:
            raise ValueError("a stored frame runs past the end of its row")
        frames.append(data[at + 4 : end])
        at = end
    return frames


def row_frames(rows: Mapping[str, list[list[Any]]], items: int = FRAME_ITEMS) -> Iterator[bytes]:
    """``rows`` (``corpus_rows``' layout, or part of it) as frames, orjson arrays
    ``[section, batch of rows]`` of about ``items`` mentions, quotes or story members
    each (a heavier row alone), section by section in ``SECTIONS``' order."""
    weights: dict[str, Callable[[list[Any]], int]] = {
        "entities": lambda entity: len(entity[4]),
        "quotes": lambda quote: 0,
        "stories": lambda story: len(story[2]),
        "quote_groups": lambda group: len(group[1]),
    }
    for section in SECTIONS:
        for batch in _weighed(rows.get(section, []), weights[section], items):
            yield orjson.dumps([section, batch])


def _weighed(
    rows: list[list[Any]], weight: Callable[[list[Any]], int], items: int
) -> Iterator[list[list[Any]]]:
    """``rows`` in batches of about ``items`` weight (a heavier row alone)."""
    batch: list[list[Any]] = []
    size = 0
    for row in rows:
        batch.append(row)
        size += 1 + weight(row)
        if size >= items:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def rows_of(frames: Iterable[bytes]) -> dict[str, list[Any]]:
    """The rows ``row_frames`` made ``frames`` of.

    Raises:
        ValueError, TypeError: a frame of another layout.
    """
    rows: dict[str, list[Any]] = {section: [] for section in SECTIONS}
    for frame in frames:
        section, batch = orjson.loads(frame)
        if section not in rows or not isinstance(batch, list):
            raise ValueError(f"not a frame of stored rows: {section!r}")
        rows[section] += batch
    return rows


def decode(
    blob: bytes, articles: Sequence[Article], errors: Sequence[LoadError], model: str
) -> Corpus:
    """The corpus back from ``encode``'s form, texts sliced from ``articles``.

    The row's key names exactly these articles' texts, and zlib's checksum
    refuses a damaged row, so offsets need no second check here (this runs for
    every mention of a 10,000-article collection on each reopening).

    Raises:
        ValueError, KeyError, TypeError, IndexError, zlib.error: a damaged row.
    """
    return corpus_from_rows(rows_of(unpacked(blob)), articles, errors, model)
