"""The selection as one value, and finding the selected entity again in a new corpus."""

from __future__ import annotations

from dataclasses import dataclass

from reader.model import Corpus, Entity, EntityMention


@dataclass(frozen=True, slots=True)
class Selection:
    """What the reader selected; the screen owns it, the widgets follow it.

    Attributes:
        entity_id: the selected entity.
        mention: the mention the reader is on (None before the first step).
    """

    entity_id: str
    mention: EntityMention | None = None


@dataclass(frozen=True, slots=True)
class Anchor:
    """What was selected when a link started, to find it again in the new corpus."""

    entity_id: str
    name: str
    mention: EntityMention | None


def find_again(corpus: Corpus, anchor: Anchor) -> Entity | None:
    """The entity of ``corpus`` that ``anchor`` names: by id, then by mention, then by name.

    The entity with the same id counts when it still holds the mention (or the
    name), so ids that a linking renumbers never pick another entity.
    """
    try:
        same: Entity | None = corpus.entity(anchor.entity_id)
    except KeyError:
        same = None
    if same is not None and (
        same.name == anchor.name or anchor.mention is None or anchor.mention in same.mentions
    ):
        return same
    by_name = None
    for entity in corpus.entities:
        if anchor.mention is not None and anchor.mention in entity.mentions:
            return entity
        if by_name is None and entity.name == anchor.name:
            by_name = entity
    return by_name
