"""Plain data records shared by every layer: articles, analyses, entities, quotes.

Nothing here knows about spaCy, files or the terminal. Offsets are always Python
string indices into the owning article's ``text``; for every record with a
``text`` field, ``article.text[start:end] == text`` holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

EntityType = Literal["person", "place", "organization", "group"]

#: spaCy NER labels the reader keeps, and the reader type each becomes.
LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "organization",
    "NORP": "group",
}


@dataclass(frozen=True, slots=True)
class Article:
    """One loaded article; ``text`` is exactly what offsets index into."""

    id: str
    path: str
    text: str
    title: str | None = None
    source: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class LoadError:
    """A file that could not be used, or a warning about one, with a one-line reason."""

    path: str
    message: str
    fatal: bool = True


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention found in one article (before cross-article linking)."""

    start: int
    end: int
    text: str
    label: str  # the NER label, e.g. "PERSON"

    @property
    def type(self) -> EntityType:
        return LABEL_TYPES[self.label]

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]), str(data["label"]))


@dataclass(frozen=True, slots=True)
class QuoteFinding:
    """A quotation found in one article, before speakers are linked to entities.

    ``speaker`` is the span that names the speaker where the cue is (a name, a
    pronoun or a description); ``speaker_ref`` is the entity mention in the same
    article it resolves to (itself for a name, an antecedent for a pronoun), or
    None when it resolves to none.
    """

    start: int
    end: int
    text: str
    partial: bool = False
    speaker: Span | None = None
    speaker_ref: Span | None = None
    cue: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "partial": self.partial,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_ref": self.speaker_ref.to_dict() if self.speaker_ref else None,
            "cue": self.cue.to_dict() if self.cue else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuoteFinding:
        def span(key: str) -> Span | None:
            value = data.get(key)
            return Span.from_dict(value) if value else None

        return cls(
            int(data["start"]),
            int(data["end"]),
            str(data["text"]),
            bool(data.get("partial", False)),
            span("speaker"),
            span("speaker_ref"),
            span("cue"),
        )


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the NLP pass found in one article; this is what the cache stores."""

    mentions: tuple[Mention, ...] = ()
    quotes: tuple[QuoteFinding, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "mentions": [m.to_dict() for m in self.mentions],
            "quotes": [q.to_dict() for q in self.quotes],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return cls(
            tuple(Mention.from_dict(m) for m in data["mentions"]),
            tuple(QuoteFinding.from_dict(q) for q in data["quotes"]),
        )

    def shifted(self, offset: int) -> Analysis:
        """The same findings with every offset moved by ``offset`` (for chunked texts)."""
        if offset == 0:
            return self
        return Analysis.from_dict(_shift(self.to_dict(), offset))


def _shift(value: Any, offset: int) -> Any:
    if isinstance(value, dict):
        return {
            k: (v + offset if k in ("start", "end") else _shift(v, offset))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_shift(v, offset) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A mention of a linked entity, located in one article."""

    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why two names were merged into one entity."""

    rule: str  # e.g. "same-name", "surname", "acronym", "alias-file", "fuzzy"
    names: tuple[str, ...]
    detail: str = ""
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "names": list(self.names)}
        if self.detail:
            out["detail"] = self.detail
        if self.score is not None:
            out["score"] = round(self.score, 3)
        return out


@dataclass(slots=True)
class Entity:
    """One real-world person, place, organization or group across all loaded articles."""

    id: str
    name: str
    type: EntityType
    aliases: list[str]
    mentions: list[EntityMention]
    evidence: list[Evidence] = field(default_factory=list)

    def count_in(self, article_id: str) -> int:
        return sum(1 for m in self.mentions if m.article == article_id)

    @property
    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(m.article for m in self.mentions))


@dataclass(frozen=True, slots=True)
class Speaker:
    """The speaker mention of a quote, with the entity it resolves to (if any)."""

    start: int
    end: int
    text: str
    entity: str | None


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation in one article, its speaker linked to a corpus entity."""

    id: str
    article: str
    start: int
    end: int
    text: str
    partial: bool
    speaker: Speaker | None
    cue: Span | None


@dataclass(slots=True)
class Corpus:
    """The analyzed set of loaded articles: what the export and the UI render."""

    articles: list[Article]
    entities: list[Entity]
    quotes: list[Quote]
    errors: list[LoadError]
    model: str
    _articles_by_id: dict[str, Article] = field(default_factory=dict, init=False, repr=False)
    _entities_by_id: dict[str, Entity] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._articles_by_id = {a.id: a for a in self.articles}
        self._entities_by_id = {e.id: e for e in self.entities}

    def article(self, article_id: str) -> Article:
        """The article with this id (KeyError if none)."""
        return self._articles_by_id[article_id]

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id (KeyError if none)."""
        return self._entities_by_id[entity_id]
