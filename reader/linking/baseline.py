"""The plain exact-name grouping: the baseline the scorer compares the linker with."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from reader.model import LABEL_TYPES, Analysis, Article, Entity, EntityMention, EntityType, Evidence

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_SPACES = re.compile(r"\s+")


def name_key(text: str) -> str:
    """The baseline grouping key of a name: lower case, no leading "the", no possessive."""
    key = _SPACES.sub(" ", text).strip()
    key = _LEADING_THE.sub("", key)
    key = _POSSESSIVE.sub("", key)
    return key.casefold()


def exact_name_entities(documents: Sequence[tuple[Article, Analysis]]) -> list[Entity]:
    """Group mentions whose ``name_key`` is equal, and nothing else.

    Args:
        documents: every loaded article with its analysis.

    Returns:
        Entities sorted by mention count, then number of articles, then name,
        with ids ``e1``, ``e2``, ... in that order.
    """
    groups: dict[str, list[tuple[str, str, EntityMention]]] = {}
    for article, analysis in documents:
        for mention in analysis.mentions:
            key = name_key(mention.text)
            if not key:
                continue
            located = EntityMention(article.id, mention.start, mention.end, mention.text)
            groups.setdefault(key, []).append((mention.label, mention.text, located))
    drafts = []
    for members in groups.values():
        types: Counter[EntityType] = Counter(LABEL_TYPES[label] for label, _, _ in members)
        forms = Counter(_SPACES.sub(" ", text).strip() for _, text, _ in members)
        evidence = [Evidence("same-name", tuple(sorted(forms)))] if len(forms) > 1 else []
        drafts.append(
            Entity(
                id="",
                name=forms.most_common(1)[0][0],
                type=types.most_common(1)[0][0],
                aliases=sorted(forms),
                mentions=[m for _, _, m in members],
                evidence=evidence,
            )
        )
    drafts.sort(key=lambda e: (-len(e.mentions), -len(e.article_ids), e.name.casefold()))
    for number, entity in enumerate(drafts, start=1):
        entity.id = f"e{number}"
    return drafts
