"""An interim link: the names of a few added articles attached to a collection linked before.

Linking a collection reads facts of the whole of it (which words some article
writes in lower case, how often a name is tagged a person, which person most
articles name in full), so one added article can change how names it never
writes are linked: a changed collection is linked again from scratch, seconds
for 10,000 articles. Meanwhile the reader shows the collection as linked before
(``corpus_wire.ProvisionalAssembler``), and ``attach`` links what the added
articles name to its entities, from their digests and the entities' names
alone, so that the added articles are highlighted at once:

- a name joins the entity that has it among its names (compared by
  ``fold_name`` key), an entity of its own type first, the one with the most
  mentions when several have it;
- a person's full name that no entity has joins the person whose name it fits
  ("John A. Smith" and "John Smith": ``full_names_compatible``);
- a surname alone joins the person the same article names in full, or else the
  person of that surname with the most mentions;
- a name that fits no entity makes an entity of its own, joined by name (and a
  surname alone to its full name) across the added articles.

Untagged occurrences of names, acronyms and the other rules that read the
whole collection are left to the link from scratch, which replaces this one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.ids import span_ids
from reader.linking.digest import ArticleDigest
from reader.linking.people import full_names_compatible, surname
from reader.model import LABEL_TYPES, EntityType
from reader.names import clean_name, fold_name


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """An entity of the collection linked before, as ``attach`` reads it.

    Attributes:
        id, name, type, aliases: the entity's.
        mentions: how many mentions it has (the most mentioned wins a tie).
    """

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    mentions: int


@dataclass(slots=True)
class Attachment:
    """Mentions of the added articles that join one entity.

    Attributes:
        id, name, type: the entity's (a known one's, or a new one's).
        aliases: the names the mentions write that the entity did not have.
        rows: the mentions, as ``(article number, start, end)``.
        new: whether the entity is new (made of these mentions alone).
    """

    id: str
    name: str
    type: EntityType
    aliases: list[str]
    rows: list[tuple[int, int, int]]
    new: bool
    #: The written forms of the mentions, counted (a new entity's name is the commonest).
    forms: Counter[str] = field(default_factory=Counter)


#: One added article: its number in the collection, its id and its digest.
AddedArticle = tuple[int, str, ArticleDigest]


class _Names:
    """The known entities by the keys of their names, and the people by surname."""

    def __init__(self, known: Sequence[KnownEntity]) -> None:
        self.by_key: dict[str, list[KnownEntity]] = {}
        #: Surname -> (full name key, person) for every full name of a person.
        self.by_surname: dict[str, list[tuple[str, KnownEntity]]] = {}
        for entity in known:
            person = entity.type == "person"
            keys = {fold_name(clean_name(form, person)) for form in (entity.name, *entity.aliases)}
            keys.discard("")
            for key in sorted(keys):
                self.by_key.setdefault(key, []).append(entity)
                if person and " " in key:
                    self.by_surname.setdefault(surname(key), []).append((key, entity))

    def find(self, key: str, kind: EntityType) -> KnownEntity | None:
        """The known entity a name of type ``kind`` (folded: ``key``) joins, if any."""
        named = self.by_key.get(key, [])
        own = [e for e in named if e.type == kind]
        if own:
            return max(own, key=_weight)
        if kind == "person":
            person = self._person(key)
            if person is not None:
                return person
        return max(named, key=_weight) if named else None

    def _person(self, key: str) -> KnownEntity | None:
        if " " not in key:
            fits = [e for _, e in self.by_surname.get(key, [])]
        else:
            fits = [
                e
                for full, e in self.by_surname.get(surname(key), [])
                if full_names_compatible(key, full)
            ]
        return max(fits, key=_weight) if fits else None


def _weight(entity: KnownEntity) -> tuple[int, str]:
    # The id breaks a tie: the same input always gives the same answer.
    return entity.mentions, entity.id


def attach(known: Sequence[KnownEntity], added: Sequence[AddedArticle]) -> list[Attachment]:
    """The mentions of the ``added`` articles' digests, each attached to one of the
    ``known`` entities or to a new one (see the module's notes): the known entities
    that gain mentions, in the order of their first one, then the new ones."""
    names = _Names(known)
    taken = {e.id for e in known}
    attached: dict[str, Attachment] = {}
    fresh: dict[tuple[str, EntityType], Attachment] = {}
    first: list[tuple[str, int, int]] = []  # each new entity's first mention, for its id
    for number, article_id, digest in added:
        columns = digest.columns
        local = _local_names(columns.keys, columns.labels)
        rows = zip(
            columns.starts, columns.ends, columns.labels, columns.written, columns.keys, strict=True
        )
        for start, end, label, written, key in rows:
            kind = LABEL_TYPES[label]
            name = local.get((key, kind), key)
            entity = names.find(name, kind)
            if entity is not None:
                item = attached.get(entity.id)
                if item is None:
                    item = attached[entity.id] = Attachment(
                        entity.id, entity.name, entity.type, [], [], new=False
                    )
                    item.forms.update(entity.aliases)
            else:
                item = fresh.get((name, kind))
                if item is None:
                    item = fresh[name, kind] = Attachment("", "", kind, [], [], new=True)
                    first.append((article_id, start, end))
            item.rows.append((number, start, end))
            form = written or key
            if form not in item.forms:
                item.aliases.append(form)
            item.forms[form] += 1
    new = list(fresh.values())
    for item, entity_id in zip(new, _new_ids(first, taken), strict=True):
        item.id = entity_id
        item.name = item.forms.most_common(1)[0][0]
        item.aliases.sort()
    return [*attached.values(), *new]


def _local_names(keys: Sequence[str], labels: Sequence[str]) -> dict[tuple[str, EntityType], str]:
    """The full names that a person's surname alone stands for in its article: the
    person the article names in full with that surname (the one it names most often,
    when several). A first name alone is left as it is: "her husband Eric" is not the
    Eric Kirkpatrick of the same article."""
    full: Counter[str] = Counter(
        key for key, label in zip(keys, labels, strict=True) if " " in key and label == "PERSON"
    )
    by_surname: dict[str, str] = {}
    for key, _ in full.most_common():
        by_surname.setdefault(surname(key), key)
    return {
        (key, "person"): by_surname[key]
        for key, label in zip(keys, labels, strict=True)
        if label == "PERSON" and " " not in key and key in by_surname
    }


def _new_ids(spans: list[tuple[str, int, int]], taken: set[str]) -> list[str]:
    """Ids for new entities from their first mentions, none of them one of ``taken``."""
    ids = span_ids("e", spans)
    out = []
    for entity_id in ids:
        unique, n = entity_id, 1
        while unique in taken:  # a hash shared with a known entity: next to never
            unique, n = f"{entity_id}-{n}", n + 1
        taken.add(unique)
        out.append(unique)
    return out
