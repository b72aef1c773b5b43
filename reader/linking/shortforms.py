"""Short names an article uses for what it names in full: "Promises", "Adgate".

Within one article a short name stands for what the article itself calls by it:
"Promises" after "Promises Treatment Center" (``variants.short_forms``), "Adgate"
after "Bill Adgate" (``written_surname``). NER often misses such short names,
and the collection-wide search (``propagate``) cannot take them: "Rock" may be
a band in one article and Chris Rock in the next. These forms hold in their
own article only, and there they win over a form from elsewhere.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from reader.linking import variants
from reader.linking.people import surname
from reader.model import EntityMention, EntityType
from reader.names import TITLE_WORDS, fold_name, has_digits

Located = tuple[int, EntityMention, EntityType, str]


@lru_cache(maxsize=1 << 14)  # the same names recur in every article
def written_surname(written: str) -> str:
    """The surname of a person's full name as written ("Bill Adgate" -> "Adgate"), or "".

    Nothing for a single word, a name with numbers ("3:30 a. m. Tuesday" tagged
    as a person) or one ending in a title ("L. A. County Sheriff").
    """
    key = fold_name(written)
    last = surname(key)
    if " " not in key or has_digits(key) or last in TITLE_WORDS:
        return ""
    return next((w for w in reversed(written.split()) if fold_name(w) == last), "")


def article_forms(
    items: Iterable[Located], roots: Sequence[int], lower: Sequence[str]
) -> dict[str, tuple[int, EntityType]]:
    """The short forms one article may use, each with the entity it stands for there.

    Args:
        items: the article's linked mentions.
        roots: the cluster root of every node (``Clusters.roots``): a form's
            entity is its cluster root.
        lower: the words the article writes in lower case (common words there),
            sorted (``ArticleDigest.lower`` split by ``digest.words``).

    Returns:
        Short form as written -> (cluster root, type of the full name), for forms
        that stand for one entity in the article, are no lower-case word of it,
        no written name the article tags for another entity, and (for an
        organization) no word of a person's name in it.
    """
    items = list(items)
    found: dict[str, dict[int, EntityType]] = {}  # form -> node of its full name -> type
    person_words: set[str] = set()
    for node, _, kind, written in items:
        if kind == "person":
            person_words.update(_folded_words(written))
            if short := written_surname(written):
                found.setdefault(short, {})[node] = "person"
    for node, _, kind, written in items:
        if kind in ("organization", "place"):
            for short in variants.short_forms(written):
                if person_words.isdisjoint(_folded_words(short)):
                    found.setdefault(short, {})[node] = kind
    # A sorted word list is searched in place: building a set of an article's
    # hundreds of lower-case words costs more than the few lookups made here.
    found = {
        form: nodes
        for form, nodes in found.items()
        if len(form) >= 3 and not any(_in_sorted(lower, w) for w in _folded_words(form))
    }
    if not found:
        return {}
    # Cluster roots only for what the forms involve: their full names, and mentions
    # the article tags with the very same text.
    tagged: dict[str, set[int]] = {}
    for node, mention, _, _ in items:
        if mention.text in found:
            tagged.setdefault(mention.text, set()).add(roots[node])
    owners: dict[str, dict[int, EntityType]] = {}
    for form, nodes in found.items():
        for node, kind in nodes.items():
            owners.setdefault(form, {})[roots[node]] = kind
    return {
        form: (root, kind)
        for form, owned in owners.items()
        if len(owned) == 1 and tagged.get(form, set(owned)) == set(owned)
        for root, kind in owned.items()
    }


@lru_cache(maxsize=1 << 14)  # the same names recur in every article
def _folded_words(written: str) -> tuple[str, ...]:
    return tuple(written.casefold().split())


def _in_sorted(words: Sequence[str], word: str) -> bool:
    index = bisect_left(words, word)
    return index < len(words) and words[index] == word


def conflicts(local: Mapping[str, tuple[int, EntityType]], form: str, root: int) -> bool:
    """Whether an article's own short forms give ``form`` to another entity than ``root``."""
    own = local.get(form)
    return own is not None and own[0] != root
