"""The remembered session: opening the same articles again shows them as they were left.

A session is a :class:`~reader.history.Place` (the article in each column, its
scroll anchor as a text offset, the focused column) and the selected entity,
kept by a stable reference (its id, with its name, type and first mention as
fallbacks, since ids may change when the linking changes). Sessions are keyed
by the set of articles (their ids and text hashes), kept in one JSON file in
the user state directory, written atomically, and bounded to the most recent.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.history import Place
from reader.model import Article, Corpus, Entity
from reader.state_files import read_json, state_dir, text_hash, write_json

#: Sessions kept; the least recently saved go first.
DEFAULT_LIMIT = 50
_VERSION = 1
_WHAT = "sessions"


def session_key(articles: Sequence[Article]) -> str:
    """The key of a set of articles: their ids and text hashes, in any order."""
    parts = sorted(f"{a.id}\0{text_hash(a.text)}" for a in articles)
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A selected entity, findable again after its id changed.

    Attributes:
        id: the entity's id when saved.
        name: its display name.
        type: its type ("person", ...).
        mention: its first mention as (article id, start, end), if any.
    """

    id: str
    name: str
    type: str
    mention: tuple[str, int, int] | None = None

    @classmethod
    def of(cls, entity: Entity) -> EntityRef:
        """The reference to ``entity``."""
        first = entity.mentions[0] if entity.mentions else None
        mention = (first.article, first.start, first.end) if first else None
        return cls(entity.id, entity.name, entity.type, mention)

    def resolve(self, corpus: Corpus) -> str | None:
        """The id of the entity this refers to in ``corpus``, or None when it is gone.

        Tried in turn: the same id with the same name; the same name and type;
        the entity with the saved first mention; the same id whatever its name.
        """
        by_id = next((e for e in corpus.entities if e.id == self.id), None)
        if by_id is not None and by_id.name == self.name:
            return by_id.id
        for entity in corpus.entities:
            if entity.name == self.name and entity.type == self.type:
                return entity.id
        if self.mention is not None:
            article, start, end = self.mention
            for entity in corpus.entities:
                if any(
                    m.article == article and m.start == start and m.end == end
                    for m in entity.mentions
                ):
                    return entity.id
        return by_id.id if by_id is not None else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "mention": list(self.mention) if self.mention else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EntityRef:
        mention = data.get("mention")
        return cls(
            str(data["id"]),
            str(data["name"]),
            str(data["type"]),
            (str(mention[0]), int(mention[1]), int(mention[2])) if mention else None,
        )


@dataclass(frozen=True, slots=True)
class Session:
    """What a set of articles looked like when the reader left it."""

    place: Place
    entity: EntityRef | None = None
    saved_at: float = 0.0

    def restore(self, corpus: Corpus) -> Place | None:
        """The place to show for ``corpus``: articles still loaded, the entity resolved.

        Returns:
            The place (its ``entity`` the resolved id or None), or None when none
            of the session's articles is loaded.
        """
        place = self.place.fitted({a.id: a.text for a in corpus.articles})
        if place is None:
            return None
        entity = self.entity.resolve(corpus) if self.entity is not None else None
        return Place(place.columns, place.anchors, place.focused, entity)

    def to_dict(self) -> dict[str, Any]:
        return {
            "columns": list(self.place.columns),
            "anchors": list(self.place.anchors),
            "focused": self.place.focused,
            "entity": self.entity.to_dict() if self.entity else None,
            "saved_at": self.saved_at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Session:
        entity = data.get("entity")
        place = Place(
            tuple(str(a) for a in data["columns"]),
            tuple(int(o) for o in data["anchors"]),
            int(data["focused"]),
        )
        return cls(place, EntityRef.from_dict(entity) if entity else None, float(data["saved_at"]))


def session_of(place: Place, corpus: Corpus) -> Session:
    """The session to save for ``place`` (its entity id looked up in ``corpus``)."""
    entity = None
    if place.entity is not None:
        try:
            entity = EntityRef.of(corpus.entity(place.entity))
        except KeyError:
            entity = None
    return Session(Place(place.columns, place.anchors, place.focused), entity, time.time())


class SessionStore:
    """The sessions file: one session per set of articles."""

    def __init__(self, path: Path | None = None, limit: int = DEFAULT_LIMIT) -> None:
        """Use ``path`` (default ``<state dir>/sessions.json``), keeping ``limit`` sessions."""
        self.path = path if path is not None else state_dir() / "sessions.json"
        self.limit = limit

    def load(
        self, articles: Sequence[Article], key: str | None = None
    ) -> tuple[Session | None, str | None]:
        """The session saved for exactly these articles (``key``: their ``session_key``).

        Returns:
            ``(session or None, notice or None)``; the notice is a one-line
            message when the file is damaged (then it is ignored).
        """
        sessions, notice = self._read()
        data = sessions.get(key or session_key(articles))
        if data is None:
            return None, notice
        try:
            return Session.from_dict(data), notice
        except (KeyError, TypeError, ValueError, IndexError):
            return None, notice or f"the saved session in {self.path} is damaged; ignored"

    def save(
        self, articles: Sequence[Article], session: Session, key: str | None = None
    ) -> str | None:
        """Remember ``session`` for these articles, dropping the oldest beyond the limit.

        ``key`` is the articles' ``session_key`` when the caller has it already.

        Returns:
            None, or a one-line notice when the file cannot be written.
        """
        sessions, _ = self._read()
        sessions[key or session_key(articles)] = session.to_dict()
        newest = sorted(sessions.items(), key=_saved_at, reverse=True)[: self.limit]
        return write_json(self.path, {"version": _VERSION, "sessions": dict(newest)}, _WHAT)

    def _read(self) -> tuple[dict[str, Any], str | None]:
        data, notice = read_json(self.path, _WHAT)
        if data is None:
            return {}, notice
        sessions = data.get("sessions")
        if data.get("version") != _VERSION or not isinstance(sessions, dict):
            return {}, f"the saved {_WHAT} in {self.path} are damaged; ignored"
        return {k: v for k, v in sessions.items() if isinstance(v, dict)}, None


def _saved_at(item: tuple[str, Any]) -> float:
    value = item[1].get("saved_at", 0.0)
    return float(value) if isinstance(value, int | float) else 0.0
