"""Short names an article uses for what it names in full: "Promises", "Adgate".

Within one article a short name stands for what the article itself calls by it:
"Promises" after "Promises Treatment Center" (``variants.short_forms``), "Adgate"
after "Bill Adgate" (``written_surname``). NER often misses such short names,
and the collection-wide search (``propagate``) cannot take them: "Rock" may be
a band in one article and Chris Rock in the next. These forms hold in their
own article only, and there they win over a form from elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from reader.linking import variants
from reader.linking.clusters import Clusters
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
    items: Iterable[Located], clusters: Clusters, lower: Iterable[str]
) -> dict[str, tuple[int, EntityType]]:
    """The short forms one article may use, each with the entity it stands for there.

    Args:
        items: the article's linked mentions.
        clusters: the linked clusters (a form's entity is its cluster root).
        lower: the words the article writes in lower case (common words there).

    Returns:
        Short form as written -> (cluster root, type of the full name), for forms
        that stand for one entity in the article, are no lower-case word of it,
        no written name the article tags for another entity, and (for an
        organization) no word of a person's name in it.
    """
    roots: dict[int, int] = {}  # node -> cluster root, found once per node
    tagged: dict[str, set[int]] = {}
    people: list[tuple[int, str]] = []
    others: list[tuple[int, str, EntityType]] = []
    for node, mention, kind, written in items:
        root = roots.get(node)
        if root is None:
            root = roots[node] = clusters.find(node)
        tagged.setdefault(mention.text, set()).add(root)
        if kind == "person":
            people.append((root, written))
        elif kind in ("organization", "place"):
            others.append((root, written, kind))
    found: dict[str, dict[int, EntityType]] = {}
    person_words: set[str] = set()
    for root, written in people:
        person_words.update(written.casefold().split())
        if short := written_surname(written):
            found.setdefault(short, {})[root] = "person"
    for root, written, kind in others:
        for short in variants.short_forms(written):
            if not set(short.casefold().split()) & person_words:
                found.setdefault(short, {})[root] = kind
    common = set(lower)
    return {
        form: (root, kind)
        for form, owners in found.items()
        if len(owners) == 1
        and tagged.get(form, set(owners)) == set(owners)
        and len(form) >= 3
        and not set(form.casefold().split()) & common
        for root, kind in owners.items()
    }


def local_forms(
    documents: Sequence[tuple[str, frozenset[str]]], located: Iterable[Located], clusters: Clusters
) -> dict[str, dict[str, tuple[int, EntityType]]]:
    """``article_forms`` for every article.

    Args:
        documents: ``(article id, the words it writes in lower case)`` for each article.
        located: every linked mention.
        clusters: the linked clusters.

    Returns:
        Article id -> its short forms (articles with none left out).
    """
    by_article: dict[str, list[Located]] = {}
    for item in located:
        by_article.setdefault(item[1].article, []).append(item)
    out = {}
    for article, lower in documents:
        if forms := article_forms(by_article.get(article, ()), clusters, lower):
            out[article] = forms
    return out


def conflicts(local: Mapping[str, tuple[int, EntityType]], form: str, root: int) -> bool:
    """Whether an article's own short forms give ``form`` to another entity than ``root``."""
    own = local.get(form)
    return own is not None and own[0] != root
