"""Small helpers shared by the linking tests: articles with hand-placed mentions."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.model import Analysis, Article, Entity, Mention


def doc(article_id: str, text: str, names: Sequence[tuple[str, str]]) -> tuple[Article, Analysis]:
    """An article whose mentions are every whole-word occurrence of each (name, label)."""
    taken: list[Mention] = []
    for name, label in sorted(names, key=lambda item: -len(item[0])):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if all(match.end() <= m.start or match.start() >= m.end for m in taken):
                taken.append(Mention(match.start(), match.end(), name, label))
    taken.sort(key=lambda m: m.start)
    return Article(article_id, f"{article_id}.txt", text), Analysis(tuple(taken))


def entity_with(entities: list[Entity], text: str) -> Entity:
    """The one entity with a mention written ``text``."""
    found = [e for e in entities if any(m.text == text for m in e.mentions)]
    assert len(found) == 1, (text, found)
    return found[0]


def rules(entity: Entity) -> set[str]:
    """The rules named in an entity's evidence."""
    return {evidence.rule for evidence in entity.evidence}
