"""Which articles a stored collection holds, so that a changed one finds the nearest linked before.

A collection's key (``collection_index.collection_key``) hashes everything its
linking read, so one article added, removed or edited makes a new key and the
whole collection is linked again (linking's rules read collection-wide facts:
one article can change entities it never names). Meanwhile the reader can show
the collection as it was last linked. For that the index keeps, beside each
stored collection, its *members*: one short digest per article, of what the
collection's key hashes of it (its id, the key of its analysis, which hashes
its text, its title and date), and a digest of everything else the key hashes
(the linking code, the alias files, the model: the *parts*).

The nearest stored collection is the one of the same parts that shares the most
members with the articles opened; ``renumbering`` maps its article numbers to
theirs. An article whose text changed is a new member: its old offsets are never
applied to its new text.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from reader.model import Article

#: Bytes of each member's digest (collisions among a collection's articles are
#: as unlikely as in any 96-bit hash).
MEMBER_BYTES = 12
#: A stored collection is near enough to be shown for another when it holds at
#: least this share of the other's articles.
MIN_SHARED = 0.5

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS members (key TEXT PRIMARY KEY, parts TEXT NOT NULL, "
    "data BLOB NOT NULL)"
)


class Members(NamedTuple):
    """A collection's members and parts, as stored beside it."""

    parts: str
    digests: bytes


class Nearest(NamedTuple):
    """The stored collection nearest to the articles opened.

    Attributes:
        key: its key in the index.
        numbers: each of its articles' number among the articles opened, in its
            own order (-1: not among them, or with another text, title or date).
        added: articles opened that it does not hold.
        removed: articles it holds that are not opened.
    """

    key: str
    numbers: list[int]
    added: int
    removed: int


def members(articles: Sequence[Article], analysis_keys: Mapping[str, str], parts: str) -> Members:
    """The members of ``articles`` (``analysis_keys``: as for ``collection_key``)."""
    digests = b"".join(
        hashlib.blake2b(article_fields(a, analysis_keys[a.id]), digest_size=MEMBER_BYTES).digest()
        for a in articles
    )
    return Members(parts, digests)


def fields(values: Iterable[str | None]) -> bytes:
    """``values`` as a collection's key and members hash them: each in UTF-8 (None as
    empty), ended by a NUL."""
    return b"".join((value or "").encode("utf-8", "surrogatepass") + b"\0" for value in values)


def article_fields(article: Article, analysis_key: str) -> bytes:
    """What a collection's key and members hash of one article (``fields``)."""
    return fields((article.id, analysis_key, article.title, article.date))


def parts_digest(parts: Iterable[str]) -> str:
    """The digest of a collection's parts (what its key hashes beside its articles)."""
    return hashlib.sha256(fields(parts)).hexdigest()


def split(digests: bytes) -> list[bytes]:
    """``Members.digests`` as one digest per article, in order.

    Raises:
        ValueError: not a whole number of digests (a damaged row).
    """
    if len(digests) % MEMBER_BYTES:
        raise ValueError("a stored member list is cut short")
    return [digests[at : at + MEMBER_BYTES] for at in range(0, len(digests), MEMBER_BYTES)]


def store(db: sqlite3.Connection, key: str, found: Members) -> None:
    """Keep the members of the collection stored under ``key`` (in the index's transaction)."""
    db.execute(
        "INSERT OR REPLACE INTO members (key, parts, data) VALUES (?, ?, ?)",
        (key, found.parts, found.digests),
    )


def prune(db: sqlite3.Connection) -> None:
    """Forget the members of collections the index no longer holds."""
    db.execute("DELETE FROM members WHERE key NOT IN (SELECT key FROM collections)")


def nearest(db: sqlite3.Connection, opened: Members) -> Nearest | None:
    """The stored collection of ``opened``'s parts that shares the most of its articles
    (of equals, the one with the fewest others, then the most recently used), if it
    shares at least ``MIN_SHARED`` of them;
    a collection of exactly these articles is not looked for (its key would have found
    it). A damaged member row is passed over."""
    wanted = split(opened.digests)
    if not wanted:
        return None
    number = {digest: n for n, digest in enumerate(wanted)}
    rows = db.execute(
        "SELECT m.key, m.data FROM members AS m JOIN collections AS c ON c.key = m.key "
        "WHERE m.parts = ? ORDER BY c.used DESC",
        (opened.parts,),
    ).fetchall()
    best: Nearest | None = None
    for key, data in rows:
        try:
            held = split(bytes(data))
        except (ValueError, TypeError):
            continue
        numbers = [number.get(digest, -1) for digest in held]
        shared = len(held) - numbers.count(-1)
        found = Nearest(str(key), numbers, len(wanted) - shared, len(held) - shared)
        # The most articles shared, then the fewest others (then the most recent).
        if best is None or (found.added, found.removed) < (best.added, best.removed):
            best = found
    if best is None or len(wanted) - best.added < MIN_SHARED * len(wanted):
        return None
    return best


def held(db: sqlite3.Connection) -> list[frozenset[bytes]]:
    """The members of every stored collection, whatever its parts (a damaged row is
    passed over): what ``Holders`` narrows down."""
    found = []
    for (data,) in db.execute(
        "SELECT m.data FROM members AS m JOIN collections AS c ON c.key = m.key"
    ):
        try:
            found.append(frozenset(split(bytes(data))))
        except (ValueError, TypeError):
            continue
    return found


class Holders:
    """The stored collections that hold every article read so far, as a collection is
    read: while one does, it is likely one linked before (its rows need no reading).

    Only a guess: the parts (the linking code, the alias files, the model) are not
    known until the last file is read, and another article may still come.
    """

    def __init__(self, stored: list[frozenset[bytes]]) -> None:
        self._left = stored

    def hold(self, found: Members) -> bool:
        """Whether some stored collection holds every member seen so far, ``found`` too."""
        wanted = set(split(found.digests))
        self._left = [members for members in self._left if wanted <= members]
        return bool(self._left)
