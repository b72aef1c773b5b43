"""Entities that belong together without being one: a place and its demonyms.

"Russia" and "Russian" stay two entities (a place and a group), but the entity
view can list the group beside the place; the pairs come from the ``related``
section of the alias files.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.linking.aliases import AliasTable
from reader.model import Entity
from reader.names import clean_name, fold_name


def related_entities(entities: Sequence[Entity], table: AliasTable) -> dict[str, list[str]]:
    """Entity id -> ids of the distinct entities related to it by the alias files.

    Args:
        entities: linked entities (``link_entities``).
        table: the alias table whose ``related`` groups say what belongs together.

    Returns:
        For every entity with relations, the related entity ids in salience order.
    """
    by_key: dict[str, list[str]] = {}
    for entity in entities:
        for alias in entity.aliases:
            key = fold_name(clean_name(alias))
            if entity.id not in by_key.setdefault(key, []):
                by_key[key].append(entity.id)
    rank = {entity.id: number for number, entity in enumerate(entities)}
    related: dict[str, set[str]] = {}
    for group in table.related:
        members = {entity_id for key in group for entity_id in by_key.get(key, ())}
        for entity_id in members:
            related.setdefault(entity_id, set()).update(members - {entity_id})
    return {
        entity_id: sorted(others, key=rank.__getitem__)
        for entity_id, others in sorted(related.items(), key=lambda item: rank[item[0]])
        if others
    }
