"""Turn linked clusters of mentions into ``Entity`` records: type, display name, order, ids."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from reader.linking.clusters import Clusters
from reader.linking.names import clean_spacing, fold_name
from reader.model import Entity, EntityMention, EntityType

_TYPE_ORDER: tuple[EntityType, ...] = ("person", "organization", "place", "group")


def vote(types: Counter[EntityType]) -> EntityType:
    """The majority type; ties go to the more specific type (person first)."""
    return max(_TYPE_ORDER, key=lambda t: (types.get(t, 0), -_TYPE_ORDER.index(t)))


def build_entities(
    located: Sequence[tuple[int, EntityMention, EntityType, str]],
    clusters: Clusters,
    full_people: Collection[str],
    demoted: Collection[str] = (),
) -> list[Entity]:
    """One entity per cluster, sorted by salience, with ids ``e1``, ``e2``, ...

    Args:
        located: every kept mention as ``(node, mention, type, cleaned name)``,
            in reading order.
        clusters: the linked nodes with their merge evidence.
        full_people: folded full names judged to be people's; a cluster holding
            one is a person whatever stray tags its other mentions carry.
        demoted: folded names known to be over-long spans (a descriptor or a
            headline glued on): never the display name while another form exists.

    Returns:
        The entities, most mentioned first (then most articles, then name).
    """
    members: dict[int, list[tuple[EntityMention, EntityType, str]]] = {}
    for node, mention, kind, form in located:
        members.setdefault(clusters.find(node), []).append((mention, kind, form))
    drafts = []
    for root, items in members.items():
        kind = vote(Counter(t for _, t, _ in items))
        if kind != "person" and any(fold_name(w) in full_people for _, _, w in items):
            kind = "person"
        written = [w for _, _, w in items if fold_name(w) not in demoted] or [w for *_, w in items]
        forms = [w for _, t, w in items if t == kind and w in written] or written
        drafts.append(
            Entity(
                id="",
                name=display_name(forms, kind),
                type=kind,
                aliases=sorted({clean_spacing(m.text) for m, _, _ in items}),
                mentions=[m for m, _, _ in items],
                evidence=list(clusters.evidence.get(root, [])),
            )
        )
    drafts.sort(key=lambda e: (-len(e.mentions), -len(e.article_ids), e.name.casefold()))
    for number, entity in enumerate(drafts, start=1):
        entity.id = f"e{number}"
    return drafts


def display_name(forms: Sequence[str], kind: EntityType) -> str:
    """The most complete frequent form: for people a full name when one is written.

    Args:
        forms: the cleaned written forms of the entity's mentions (of its type).
        kind: the entity's type.

    Returns:
        The most frequent form (for people, among the multi-word forms if any);
        ties go to the longer form.
    """
    counts = Counter(forms)
    if kind == "person":
        full = Counter({form: n for form, n in counts.items() if len(form.split()) > 1})
        counts = full or counts
    return max(counts, key=lambda form: (counts[form], len(form), form))
