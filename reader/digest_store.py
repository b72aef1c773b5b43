"""Linking digests of analyzed texts, stored beside the analysis cache.

A digest (``reader.linking.digest``) is linking's per-article work: cleaned and
folded names, headline checks, acronym definitions, where an untagged name
could stand. It depends on the text, its analysis and the linking code alone,
so it is made once per text, when the text is analyzed (``reader analyze``, the
reader's own analysis), or by the first link of a text analyzed before, and one
stored digest serves every collection the text is part of. Linking a
collection never opened before then does only the global step.

Digests live in one SQLite file (``digests.sqlite3`` in the cache directory)
under a key that hashes the analysis cache key (text, model, analysis code) and
the linking code's fingerprint: either changing is a miss. A row that does not
decode is made again; a damaged file is rebuilt, never fatal.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson

from reader.cache import AnalysisCache
from reader.linking import ArticleDigest, digest_article, linking_fingerprint
from reader.model import Analysis, Article
from reader.sqlite_file import SqliteFile

_SCHEMA = ("CREATE TABLE IF NOT EXISTS digests (key TEXT PRIMARY KEY, data BLOB NOT NULL)",)
#: SQLite's limit on parameters in one statement is 999 on older builds.
_CHUNK = 900
#: Digests of newly analyzed texts written together (one transaction each).
BATCH = 200


def digest_key(fingerprint: str, analysis_key: str) -> str:
    """What names one text's digest: the linking code's ``fingerprint`` and the text's
    analysis key (which hashes the text, the model and the analysis code)."""
    parts = f"reader-digest\0{fingerprint}\0{analysis_key}"
    return hashlib.sha256(parts.encode("utf-8", "surrogatepass")).hexdigest()


class DigestStore(SqliteFile):
    """Stored digests, by ``key`` (raw bytes in and out: see ``encode``/``decode``)."""

    def __init__(self, cache_dir: Path) -> None:
        super().__init__(cache_dir / "digests.sqlite3", _SCHEMA, "the digest store")
        self._fingerprint = ""  # on first use: a reopened collection never needs it

    def key(self, analysis_key: str) -> str:
        """The key of the digest of the text whose analysis cache key is ``analysis_key``."""
        if not self._fingerprint:
            self._fingerprint = linking_fingerprint()
        return digest_key(self._fingerprint, analysis_key)

    def get(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored digests among ``keys``; nothing when the file is unusable."""
        return dict(self._select("key, data", keys))

    def present(self, keys: Sequence[str]) -> set[str]:
        """Which of ``keys`` have a stored digest (none when the file is unusable)."""
        return {key for (key,) in self._select("key", keys)}

    def _select(self, columns: str, keys: Sequence[str]) -> list[Any]:
        rows: list[Any] = []
        try:
            with self.connect() as db:
                for start in range(0, len(keys), _CHUNK):
                    chunk = keys[start : start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    query = f"SELECT {columns} FROM digests WHERE key IN ({marks})"
                    rows.extend(db.execute(query, chunk).fetchall())
        except (sqlite3.Error, OSError) as exc:
            self.reset(exc)
            return []
        return rows

    def put(self, items: Mapping[str, bytes]) -> None:
        """Store digests by key; a store that cannot be written is noted, never fatal."""
        if not items:
            return
        try:
            with self.connect() as db:
                db.executemany(
                    "INSERT OR REPLACE INTO digests (key, data) VALUES (?, ?)", items.items()
                )
        except (sqlite3.Error, OSError) as exc:
            self.reset(exc)


def encode(digest: ArticleDigest) -> bytes:
    """The stored form of a digest (JSON, never pickle)."""
    # Copied to its own size: orjson's result keeps a buffer ten times the text.
    return bytes(memoryview(orjson.dumps(digest.to_dict())))


def decode(data: bytes | None, article_id: str) -> ArticleDigest | None:
    """The digest stored as ``data``, for article ``article_id``; None when absent or
    damaged (then it is made again)."""
    if data is None:
        return None
    try:
        return ArticleDigest.from_dict(orjson.loads(data), article_id)
    except (ValueError, TypeError, KeyError):
        return None


class DigestWriter:
    """Digests of texts as they are analyzed, stored in batches.

    ``add`` after each analysis; ``flush`` when the run ends (or is interrupted),
    so finished work is kept.
    """

    def __init__(self, store: DigestStore, cache: AnalysisCache) -> None:
        self.store = store
        self.cache = cache
        self._pending: dict[str, bytes] = {}

    def add(self, text: str, analysis: Analysis) -> None:
        """Digest one analyzed text (about a millisecond) and queue it for storing."""
        digest = digest_article(Article(id="", path="", text=text), analysis)
        self._pending[self.store.key(self.cache.key(text))] = encode(digest)
        if len(self._pending) >= BATCH:
            self.flush()

    def fill(self, texts: Sequence[str]) -> int:
        """Make the digests the store lacks for ``texts``, whose analyses are cached (they
        were analyzed before digests were kept, or the linking code changed since).

        Returns:
            How many were made.
        """
        keys = {self.store.key(self.cache.key(text)): text for text in texts}
        have = self.store.present(list(keys))
        made = 0
        for key, text in keys.items():
            if key in have:
                continue
            analysis = self.cache.get(text)
            if analysis is not None:
                self.add(text, analysis)
                made += 1
        return made

    def flush(self) -> None:
        """Store every queued digest."""
        pending, self._pending = self._pending, {}
        self.store.put(pending)
