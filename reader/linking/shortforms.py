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
from typing import NamedTuple, TypeVar

from reader.linking import variants
from reader.linking.name_spans import PackedSpans
from reader.linking.people import surname
from reader.model import LABEL_TYPES, EntityMention, EntityType
from reader.names import TITLE_WORDS, fold_name, has_digits

Located = tuple[int, EntityMention, EntityType, str]
T = TypeVar("T")


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
    found = candidate_forms([(node, kind, written) for node, _, kind, written in items], lower)
    if not found:
        return {}
    tagged: dict[str, set[int]] = {}
    for node, mention, _, _ in items:
        if mention.text in found:
            tagged.setdefault(mention.text, set()).add(node)
    return owned_forms(found, tagged, roots)


def candidate_forms(
    names: Sequence[tuple[T, EntityType, str]], lower: Sequence[str]
) -> dict[str, dict[T, EntityType]]:
    """An article's short forms before linking: form -> each name it may shorten
    (``names``: each mention's name, type and cleaned text, in text order; a name is
    anything that tells the article's names apart) -> that name's type.

    A digest makes them once per article (``ArticleDigest.short_forms``); the
    search resolves them to entities (``owned_forms``).
    """
    found: dict[str, dict[T, EntityType]] = {}
    person_words: set[str] = set()
    for name, kind, written in names:
        if kind == "person":
            person_words.update(_folded_words(written))
            if short := written_surname(written):
                found.setdefault(short, {})[name] = "person"
    for name, kind, written in names:
        if kind in ("organization", "place"):
            for short in variants.short_forms(written):
                if person_words.isdisjoint(_folded_words(short)):
                    found.setdefault(short, {})[name] = kind
    # A sorted word list is searched in place: building a set of an article's
    # hundreds of lower-case words costs more than the few lookups made here.
    return {
        form: names
        for form, names in found.items()
        if len(form) >= 3 and not any(_in_sorted(lower, w) for w in _folded_words(form))
    }


def owned_forms(
    found: Mapping[str, Mapping[int, EntityType]],
    tagged: Mapping[str, Iterable[int]],
    roots: Sequence[int],
) -> dict[str, tuple[int, EntityType]]:
    """``article_forms`` of an article's ``candidate_forms`` (by node), given the nodes
    of the mentions whose text is one of the forms (``tagged``, by form)."""
    # Cluster roots only for what the forms involve: their full names, and mentions
    # the article tags with the very same text.
    owners: dict[str, dict[int, EntityType]] = {}
    for form, nodes in found.items():
        for node, kind in nodes.items():
            owners.setdefault(form, {})[roots[node]] = kind
    tagged_roots = {form: {roots[node] for node in nodes} for form, nodes in tagged.items()}
    return {
        form: (root, kind)
        for form, owned in owners.items()
        if len(owned) == 1 and tagged_roots.get(form, set(owned)) == set(owned)
        for root, kind in owned.items()
    }


class ShortForm(NamedTuple):
    """A short form an article may use (``candidate_forms``), as its digest keeps it.

    Attributes:
        form: the form as written.
        names: the folded names it may shorten there, each with its type.
        tagged: the folded names of the article's mentions written exactly as the form.
        starts: where the form stands as a name of its own (a possible name starts
            and ends there: ``name_spans``), tagged or not, in text order.
    """

    form: str
    names: tuple[tuple[str, EntityType], ...]
    tagged: tuple[str, ...]
    starts: tuple[int, ...]


def digest_forms(
    text: str,
    mentions: Iterable[tuple[str, str, str, str]],
    lower: Sequence[str],
    spans: PackedSpans,
) -> tuple[ShortForm, ...]:
    """An article's short forms, found once for its digest.

    Args:
        text: the article text.
        mentions: each mention's folded name, label, cleaned name and text, in order.
        lower: the words the article writes in lower case, sorted.
        spans: where a name could stand in the text (``pack_spans``).
    """
    rows = list(mentions)
    found = candidate_forms([(key, LABEL_TYPES[label], w) for key, label, w, _ in rows], lower)
    if not found:
        return ()
    tagged: dict[str, dict[str, None]] = {}  # form -> the names written so (ordered)
    for key, _, _, as_written in rows:
        if as_written in found:
            tagged.setdefault(as_written, {})[key] = None
    at = spans.numbers()
    ends, bounds = spans.ends, spans.bounds
    out = []
    for form, names in found.items():
        starts = []
        index = text.find(form)
        while index != -1:
            place = at.get(index)
            if place is not None and index + len(form) in ends[bounds[place] : bounds[place + 1]]:
                starts.append(index)
            index = text.find(form, index + 1)
        out.append(
            ShortForm(form, tuple(names.items()), tuple(tagged.get(form, ())), tuple(starts))
        )
    return tuple(out)


def resolved(
    forms: Iterable[ShortForm], node_of: Mapping[str, int], roots: Sequence[int]
) -> dict[str, tuple[int, EntityType]]:
    """``article_forms`` from the article's digested forms: the same answer, given
    the node of each of its folded names (``node_of``), when its mentions are as its
    digest has them (none cut to a headline's name or retyped by linking)."""
    out: dict[str, tuple[int, EntityType]] = {}
    for short in forms:
        # As ``owned_forms``: one entity among the names it shortens, and no mention
        # written so that is another's.
        owned = {roots[node_of[key]]: kind for key, kind in short.names}
        if len(owned) != 1:
            continue
        ((root, kind),) = owned.items()
        if all(roots[node_of[key]] == root for key in short.tagged):
            out[short.form] = (root, kind)
    return out


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
