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

A row also keeps the little that linking a collection reads of the analysis
itself beside the digest: its quotes (as offsets into the text) and how many
mentions it has. A collection never linked before is then linked from one
compact row per text (``read_row``), without reading and parsing the whole
cached analysis; a row without that part (or with a damaged one) sends its
text through the cached analysis instead.
"""

from __future__ import annotations

import hashlib
import sqlite3
from array import array
from collections.abc import Mapping, Sequence
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple, NoReturn, SupportsIndex

import orjson

from reader.cache import AnalysisCache
from reader.linking import ArticleDigest, digest_article, linking_fingerprint
from reader.linking.furniture import MAX_FILED_FROM
from reader.linking.name_spans import PackedSpans
from reader.model import Analysis, Article, Mention, QuoteFinding, Span
from reader.sqlite_file import SqliteFile

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS digests (key TEXT PRIMARY KEY, data BLOB NOT NULL)",
    # The versions of the linking code whose rows the store holds (``KEPT_VERSIONS``).
    "CREATE TABLE IF NOT EXISTS code (fingerprint TEXT NOT NULL)",
)
#: How many versions of the linking code keep their rows (see ``_drop_other_code``).
KEPT_VERSIONS = 2
#: Digests of newly analyzed texts written together (one transaction each).
BATCH = 200
#: Bumped when the layout of a row's analysis part (``"quotes"``) changes: a row of
#: another version is read as a digest alone.
ROW_VERSION = 1
#: A stored quote's absent span (speaker, reference or cue).
_NO_SPAN = (-1, -1)


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
        self._checked = False  # whether rows of other linking code were dropped

    def key(self, analysis_key: str) -> str:
        """The key of the digest of the text whose analysis cache key is ``analysis_key``."""
        return digest_key(self._code(), analysis_key)

    def _code(self) -> str:
        """The linking code's fingerprint, taken on first use."""
        if not self._fingerprint:
            self._fingerprint = linking_fingerprint()
        return self._fingerprint

    def get(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored digests among ``keys``; nothing when the file is unusable."""
        return dict(self._select("key, data", keys))

    def present(self, keys: Sequence[str]) -> set[str]:
        """Which of ``keys`` have a stored digest (none when the file is unusable)."""
        return {key for (key,) in self._select("key", keys)}

    def _select(self, columns: str, keys: Sequence[str]) -> list[Any]:
        return self.select_in(f"SELECT {columns} FROM digests WHERE key IN ({{marks}})", keys)

    def put(self, items: Mapping[str, bytes]) -> None:
        """Store digests by key; a store that cannot be written is noted, never fatal."""
        if not items:
            return
        try:
            with self.connect() as db:
                if not self._checked:
                    self._drop_other_code(db)
                db.executemany(
                    "INSERT OR REPLACE INTO digests (key, data) VALUES (?, ?)", items.items()
                )
        except (sqlite3.Error, OSError) as exc:
            self.reset(exc)

    def _drop_other_code(self, db: sqlite3.Connection) -> None:
        """Drop the rows of older linking code before the first rows of a third version.

        Rows are keyed by the code's fingerprint, so a reader never reads another
        version's rows again: without this, every update would leave a full set of
        dead rows behind. The rows of two versions are kept, so that two versions
        used in turn (a checkout beside the installed reader, a benchmark against
        a baseline) never drop each other's.
        """
        code = self._code()
        known = {version for (version,) in db.execute("SELECT fingerprint FROM code")}
        if code not in known:
            if len(known) >= KEPT_VERSIONS:
                db.execute("DELETE FROM digests")
                db.execute("DELETE FROM code")
            db.execute("INSERT INTO code (fingerprint) VALUES (?)", (code,))
        self._checked = True


def encode(digest: ArticleDigest, analysis: Analysis | None = None) -> bytes:
    """The stored form of a digest, with what linking reads of ``analysis`` (its
    quotes; ``digest.count`` is its number of mentions) when given: JSON (never
    pickle), a line break, then the packed spans as raw bytes
    (``PackedSpans.to_bytes``), which read back without a number parsed."""
    data = digest.to_dict(spans=False)
    if analysis is not None:
        data["row"] = ROW_VERSION
        data["quotes"] = [_quote_row(quote) for quote in analysis.quotes]
    return orjson.dumps(data) + _SEPARATOR + digest.packed_spans.to_bytes()


def decode(data: bytes | None, article_id: str) -> ArticleDigest | None:
    """The digest stored as ``data``, for article ``article_id``; None when absent or
    damaged (then it is made again)."""
    if data is None:
        return None
    try:
        row, spans = _parts(data)
        return ArticleDigest.from_dict(row, article_id, spans)
    except (ValueError, TypeError, KeyError):
        return None


#: Between a row's JSON and its spans' bytes: compact JSON never holds a raw line break.
_SEPARATOR = b"\n"


def _parts(data: bytes) -> tuple[Any, PackedSpans]:
    """A row's JSON, parsed, and its packed spans.

    Raises:
        ValueError: the row is not JSON and spans.
    """
    cut = data.find(_SEPARATOR)
    if cut < 0:
        raise ValueError("a digest row without its spans")
    view = memoryview(data)
    return orjson.loads(view[:cut]), PackedSpans.from_bytes(view[cut + 1 :])


class StoredText(NamedTuple):
    """One text's row in the store, decoded.

    Attributes:
        digest: linking's per-article work.
        analysis: what linking reads of the text's analysis: its quotes, and its
            mentions as ``UnreadMentions`` (how many, none to read); None when the
            row does not hold that part.
    """

    digest: ArticleDigest
    analysis: Analysis | None


def read_row(data: bytes | None, article: Article) -> StoredText | None:
    """The row stored as ``data`` for the text of ``article``; None when absent or
    damaged, or made from a text of another length (then it is made again)."""
    if data is None:
        return None
    try:
        row, spans = _parts(data)
        digest = ArticleDigest.from_dict(row, article.id, spans)
    except (ValueError, TypeError, KeyError):
        return None
    text = article.text
    # A mention count past the text's length is no count of its mentions (and would
    # stand in for that many unread ones). A digest holds the analysis' mentions but
    # the credited ones, and a few places a dateline names untagged.
    named, count, filed = digest.named, digest.count, digest.filed
    if digest.size != len(text) or not 0 <= filed <= MAX_FILED_FROM:
        return None
    if not named - filed <= count <= len(text):
        return None
    if row.get("row") != ROW_VERSION:
        return StoredText(digest, None)
    try:
        quotes = _quotes(row["quotes"], text)
    except (ValueError, TypeError, KeyError, OverflowError):
        return StoredText(digest, None)
    return StoredText(digest, Analysis(UnreadMentions(digest.count), quotes))


class UnreadMentions(tuple[Mention, ...]):
    """An analysis' mentions that were not read, standing in for them: as many as the
    analysis has (``len``, all linking asks of them once a digest fits), none to read.

    Reading one raises ``LookupError``: a caller that needs the mentions must read
    the cached analysis.
    """

    __slots__ = ()

    def __new__(cls, count: int) -> UnreadMentions:
        return super().__new__(cls, (_UNREAD,) * count)

    def __iter__(self) -> NoReturn:
        raise LookupError("the mentions of this analysis were not read")

    def __getitem__(self, index: SupportsIndex | slice) -> NoReturn:
        raise LookupError("the mentions of this analysis were not read")

    def __repr__(self) -> str:
        return f"UnreadMentions({len(self)})"


_UNREAD = Mention(0, 0, "", "")


def _quote_row(quote: QuoteFinding) -> list[int]:
    """A quote as offsets alone (its texts are slices of the article's text):
    ``start, end, partial``, then each of speaker, reference and cue as ``start, end``
    (``-1, -1`` when absent)."""
    spans = [quote.start, quote.end, int(quote.partial)]
    for part in (quote.speaker, quote.speaker_ref, quote.cue):
        spans.extend((part.start, part.end) if part is not None else _NO_SPAN)
    return spans


def _quotes(items: Any, text: str) -> tuple[QuoteFinding, ...]:
    """The quotes ``_quote_row`` stored as ``items``, their texts sliced from ``text``.

    Raises:
        ValueError: not a list of stored quotes, or a span that does not fit the text.
        TypeError, OverflowError: a value that is no 32-bit int.
    """
    if not items:
        return ()
    # Checked all at once by C loops: nine values each, every one an int (an array
    # refuses anything else), none below -1 or past the text.
    if set(map(len, items)) != {9}:
        raise ValueError("not a stored quote")
    values = array("i", chain.from_iterable(items))
    if min(values) < -1 or max(values) > len(text):
        raise ValueError("a stored span does not fit the text")
    found = []
    for start, end, partial, s0, e0, s1, e1, s2, e2 in items:
        if not (0 <= start <= end and partial in (0, 1)):
            raise ValueError("not a stored quote")
        found.append(
            QuoteFinding(
                start,
                end,
                text[start:end],
                partial == 1,
                _span(text, s0, e0),
                _span(text, s1, e1),
                _span(text, s2, e2),
            )
        )
    return tuple(found)


def _span(text: str, start: int, end: int) -> Span | None:
    """A stored span (``None`` for ``-1, -1``), checked to fit ``text``."""
    if start < 0:
        if end != -1:
            raise ValueError("a stored span does not fit the text")
        return None
    if end < start:
        raise ValueError("a stored span does not fit the text")
    return Span(start, end, text[start:end])


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
        self._pending[self.store.key(self.cache.key(text))] = encode(digest, analysis)
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
