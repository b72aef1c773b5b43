"""One SQLite file in the cache directory that is never fatal: damage means starting again.

The collection index and the digest store keep derived data only (everything
in them can be made again from the articles and the analysis cache), so a file
that is not a database, is locked for too long or has tables of another shape
is deleted and rebuilt, with a one-line warning for the user.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

#: Keys asked for in one statement (``select_in``): SQLite's limit on parameters is 999
#: on older builds.
SELECT_KEYS = 900


class SqliteFile:
    """A SQLite file with a fixed schema, opened per use, reset when unusable.

    Attributes:
        path: the file.
        warning: the last problem met (the file was unusable and was reset), or None.
    """

    def __init__(self, path: Path, schema: Sequence[str], what: str) -> None:
        """``schema``: statements run on every open (``CREATE ... IF NOT EXISTS``);
        ``what``: how the warning names the file ("the collection index")."""
        self.path = path
        self.warning: str | None = None
        self._schema = tuple(schema)
        self._what = what

    @contextlib.contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """The open database, as one transaction: committed on success, rolled back on error."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=10)
        try:
            with db:
                for statement in self._schema:
                    db.execute(statement)
                yield db
        finally:
            db.close()

    def select_in(self, query: str, keys: Sequence[str]) -> list[Any]:
        """The rows ``query`` gives for ``keys``: a SELECT whose last clause is ``IN
        ({marks})``, run for ``SELECT_KEYS`` keys at a time; nothing when the file is
        unusable (it is reset)."""
        rows: list[Any] = []
        try:
            with self.connect() as db:
                for start in range(0, len(keys), SELECT_KEYS):
                    chunk = keys[start : start + SELECT_KEYS]
                    marks = ",".join("?" * len(chunk))
                    rows.extend(db.execute(query.format(marks=marks), chunk).fetchall())
        except (sqlite3.Error, OSError) as exc:
            self.reset(exc)
            return []
        return rows

    def reset(self, exc: BaseException) -> None:
        """Note ``exc`` and delete the file: a damaged or foreign file is started again
        rather than failing every time."""
        self.warning = f"{self._what} {self.path} was unusable ({exc}); it is rebuilt"
        with contextlib.suppress(OSError):
            self.path.unlink()
