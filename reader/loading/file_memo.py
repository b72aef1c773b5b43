"""What each article file loaded to, remembered by the file's identity and times.

Opening a collection reads and parses every file again: for 10,000 files a
second of decoding, front matter, titles, bylines and date lines, on every
open. A file whose device, inode, size, modification and change times are those
it had when it was read holds the same bytes (as git's index and make assume),
so it loads to the same articles: those remembered are used without opening it.

The change time cannot be set back by anyone writing the file, and any write
moves it. A file changed less than ``SETTLED_SECONDS`` before it was looked at is
not remembered: a second write within the same tick of the file system's clock
could leave every time as it was.

Rows live in ``files.sqlite3`` in the cache directory, as JSON (never pickle),
one per file path and id, stamped with the loader code's fingerprint too: a row
of other code, or one that does not decode, is a miss, and the file is read and
its row replaced. Only what a file's bytes alone decide is remembered: its
articles, or why it holds none (empty, binary); not a feed's items, which depend
on the fetch settings, nor a file too large or unreadable. A damaged store is
rebuilt, never fatal; past ``MAX_ROWS`` rows, those stored longest ago go.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson

from reader.fingerprint import source_fingerprint
from reader.model import Article, LoadError
from reader.sqlite_file import SqliteFile

#: A file's identity and times: device, inode, size, modification and change times (ns).
Stamp = tuple[int, int, int, int, int]
#: What one file loaded to: its articles and the warnings about it.
Loaded = tuple[list[Article], list[LoadError]]

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS files (name TEXT PRIMARY KEY, stamp TEXT NOT NULL,"
    " data BLOB NOT NULL, stored INTEGER NOT NULL)",
)
#: The loader's code, whose fingerprint is in every row's stamp: reading the same bytes
#: with other code may give other articles.
LOADER_ROOTS = ("reader.loading.load",)
#: Files changed more recently than this when looked at are not remembered (seconds):
#: more than any file system's clock tick (FAT's is two seconds).
SETTLED_SECONDS = 3.0
#: Rows kept at most (about 3 KB each for news articles): past it, the oldest stored go.
MAX_ROWS = 100_000
#: Files remembered together (one transaction each).
BATCH = 1_000


def stamp_of(info: os.stat_result) -> Stamp:
    """The identity and times of a file, from its ``stat``."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class FileMemo(SqliteFile):
    """Remembered loads, by file (see the module's notes).

    Args:
        cache_dir: the directory of the store (the analysis cache's).
        clock: the time now, in seconds since the epoch (``SETTLED_SECONDS``).
    """

    def __init__(self, cache_dir: Path, clock: Any = time.time) -> None:
        super().__init__(cache_dir / "files.sqlite3", _SCHEMA, "the file store")
        self._clock = clock
        self._code = ""  # taken on first use
        self._pending: dict[str, tuple[str, bytes]] = {}
        # At most how many rows the store holds: counted once (a scan), then bounded.
        self._rows: int | None = None

    def recall(self, files: Sequence[tuple[str, str, Stamp | None]]) -> dict[int, Loaded]:
        """What the files ``(path, article id, stamp)`` loaded to, by their position in
        ``files``, for those remembered with that stamp; nothing when the store is unusable."""
        names = {_name(p, i): n for n, (p, i, stamp) in enumerate(files) if stamp}
        if not names:
            return {}
        found: dict[int, Loaded] = {}
        query = "SELECT name, stamp, data FROM files WHERE name IN ({marks})"
        for name, stamp, data in self.select_in(query, list(names)):
            number = names[name]
            if stamp == self._stamp_text(files[number][2]):
                loaded = _decode(data)
                if loaded is not None:
                    found[number] = loaded
        return found

    def remember(self, path: str, ident: str, stamp: Stamp | None, loaded: Loaded) -> None:
        """Keep what the file loaded to (written by ``flush``, or once ``BATCH`` wait),
        unless it changed too recently or does not survive the trip through JSON."""
        if stamp is None or self._clock() - max(stamp[3], stamp[4]) / 1e9 < SETTLED_SECONDS:
            return
        data = _encode(loaded)
        if data is None:
            return
        self._pending[_name(path, ident)] = (self._stamp_text(stamp), data)
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the files kept since the last flush; a store that cannot be written is
        noted (``warning``), never fatal."""
        pending, self._pending = self._pending, {}
        if not pending:
            return
        stored = time.time_ns()
        rows = [(name, stamp, data, stored) for name, (stamp, data) in pending.items()]
        try:
            with self.connect() as db:
                db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", rows)
                if self._rows is not None:
                    self._rows += len(rows)  # or fewer: some replaced a file's row
                if self._rows is None or self._rows > MAX_ROWS:
                    (self._rows,) = db.execute("SELECT count(*) FROM files").fetchone()
                    if self._rows > MAX_ROWS:
                        db.execute(
                            "DELETE FROM files WHERE name IN"
                            " (SELECT name FROM files ORDER BY stored LIMIT ?)",
                            (self._rows - MAX_ROWS,),
                        )
                        self._rows = MAX_ROWS
        except (sqlite3.Error, OSError) as exc:
            self.reset(exc)

    def finish(self) -> list[LoadError]:
        """Write what is kept (``flush``); the store's last problem as a warning for the
        user, if it had one."""
        self.flush()
        return [LoadError(str(self.path), self.warning, fatal=False)] if self.warning else []

    def _stamp_text(self, stamp: Stamp | None) -> str:
        """A file's stamp as stored, with the loader code's fingerprint: a row of other
        code is read as a file changed since."""
        if not self._code:
            self._code = source_fingerprint(LOADER_ROOTS)
        return ",".join([self._code, *map(str, stamp or ())])


def _name(path: str, ident: str) -> str:
    """A file's row: its path and its article id (each file has one row, whatever
    code wrote it)."""
    return f"{path}\0{ident}"


_ARTICLE_FIELDS = ("id", "path", "text", "title", "source", "author", "date", "url", "metadata")


def _encode(loaded: Loaded) -> bytes | None:
    """``loaded`` as JSON; None when it would not come back the same (text JSON cannot
    hold, such as a lone surrogate, or metadata JSON changes, such as NaN)."""
    articles, errors = loaded
    rows = [[getattr(a, name) for name in _ARTICLE_FIELDS] for a in articles]
    try:
        data = orjson.dumps([rows, [[e.path, e.message, e.fatal] for e in errors]])
    except (TypeError, orjson.JSONEncodeError):
        return None
    if any(a.metadata for a in articles):
        back = _decode(data)  # articles compare without their metadata: compared apart
        if back is None or [a.metadata for a in back[0]] != [a.metadata for a in articles]:
            return None
    return data


def _decode(data: bytes) -> Loaded | None:
    """The articles and warnings stored as ``data``; None when it does not decode."""
    try:
        rows, errors = orjson.loads(data)
        articles = [Article(*row) for row in rows]
        problems = [LoadError(path, message, bool(fatal)) for path, message, fatal in errors]
    except (ValueError, TypeError):
        return None
    if not all(_well_formed(a) for a in articles):
        return None
    return articles, problems


def _well_formed(article: Article) -> bool:
    """Whether a decoded article has fields of the types an article's have."""
    texts = (article.id, article.path, article.text)
    optional = (article.title, article.source, article.author, article.date, article.url)
    return (
        all(isinstance(t, str) for t in texts)
        and all(v is None or isinstance(v, str) for v in optional)
        and isinstance(article.metadata, Mapping)
    )
