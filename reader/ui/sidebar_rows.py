"""The sidebar's rows as plain data: entities by salience, and what the filter searches.

Prepared in the link worker (sorting 50,000 entities is not free), so the UI
thread only filters and shows the rows that fit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from reader.model import Entity, EntityType
from reader.ui.name_match import WORDS_MATCH, NameQuery, rank

#: Sidebar sections, in order, with their headings.
SECTIONS: tuple[tuple[EntityType, str], ...] = (
    ("person", "People"),
    ("place", "Places"),
    ("organization", "Organizations"),
    ("group", "Groups"),
)


def salience(entity: Entity, articles: int | None = None) -> int:
    """How prominent ``entity`` is: its mentions, plus two for each further article.

    Being named in several articles says more about a story than being named
    often in one, so spread weighs more than a single mention. ``articles`` is
    how many articles name it, when known already (else counted from its mentions).
    """
    if articles is None:
        articles = len(entity.article_ids)
    return len(entity.mentions) + 2 * (articles - 1)


def sort_entities(
    entities: Sequence[Entity], spread: Mapping[str, frozenset[str]] | None = None
) -> list[Entity]:
    """``entities`` by salience, most salient first, then by name.

    ``spread`` (each entity's article ids, when known) spares walking the mentions.
    """

    def order(entity: Entity) -> tuple[int, str, str]:
        articles = len(spread[entity.id]) if spread is not None else None
        return (-salience(entity, articles), entity.name.casefold(), entity.id)

    return sorted(entities, key=order)


def search_text(entity: Entity) -> str:
    """What the filter looks in: the entity's name and aliases, case-folded."""
    return " ".join(search_names(entity))


def search_names(entity: Entity) -> tuple[str, ...]:
    """The entity's name and aliases, case-folded, each matched on its own."""
    return tuple(name.casefold() for name in [entity.name, *entity.aliases])


@dataclass(frozen=True, slots=True)
class SidebarRows:
    """Entities by section, most salient first, each with its case-folded names."""

    #: Per section: (entity, its case-folded names, those names joined by spaces).
    sections: dict[EntityType, list[tuple[Entity, tuple[str, ...], str]]] = field(
        default_factory=dict
    )
    #: Every entity's article count, by id (computed once: it walks the mentions).
    spread: dict[str, frozenset[str]] = field(default_factory=dict)

    def __len__(self) -> int:
        return sum(len(members) for members in self.sections.values())

    def matching(
        self, kind: EntityType, query: NameQuery | None, least: float = 0.0
    ) -> list[Entity]:
        """The entities of section ``kind`` that match ``query``, best match first.

        With no query, all of them by salience. The palette ranks with the same
        matcher (:mod:`reader.ui.name_match`), so both find the same names.
        ``least`` leaves out weaker matches (see :func:`~reader.ui.name_match.rank`).
        """
        members = self.sections.get(kind, [])
        if query is None:
            return [entity for entity, _, _ in members]
        return rank(query, members, least)

    def filtered(self, query: NameQuery | None) -> dict[EntityType, list[Entity]]:
        """Every section's matches for the filter box.

        Names holding every typed word, when there are any; else the names with
        the typed letters in order (``zelensky`` finds ``Zelenskiy``), so a
        precise query is not buried under loose matches.
        """
        found = {kind: self.matching(kind, query, WORDS_MATCH) for kind, _ in SECTIONS}
        if query is not None and not any(found.values()):
            found = {kind: self.matching(kind, query) for kind, _ in SECTIONS}
        return found


def prepare_rows(
    entities: Sequence[Entity], spread: Mapping[str, frozenset[str]] | None = None
) -> SidebarRows:
    """Sort ``entities`` into the sidebar's sections and precompute their search names.

    Args:
        entities: the corpus's entities.
        spread: each entity's article ids, when known already (else walked from
            the mentions); the sort reads it instead of walking them again.
    """
    if spread is None:
        spread = {entity.id: frozenset(m.article for m in entity.mentions) for entity in entities}
    sections: dict[EntityType, list[tuple[Entity, tuple[str, ...], str]]] = {
        kind: [] for kind, _ in SECTIONS
    }
    for entity in sort_entities(entities, spread):
        names = search_names(entity)
        sections.setdefault(entity.type, []).append((entity, names, " ".join(names)))
    return SidebarRows(sections, dict(spread))
