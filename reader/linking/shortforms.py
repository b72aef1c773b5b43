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
    items = list(items)
    found: dict[str, dict[int, EntityType]] = {}  # form -> node of its full name -> type
    person_words: set[str] = set()
    for node, _, kind, written in items:
        if kind == "person":
            person_words.update(written.casefold().split())
            if short := written_surname(written):
                found.setdefault(short, {})[node] = "person"
    for node, _, kind, written in items:
        if kind in ("organization", "place"):
            for short in variants.short_forms(written):
                if not set(short.casefold().split()) & person_words:
                    found.setdefault(short, {})[node] = kind
    common = set(lower)
    found = {
        form: nodes
        for form, nodes in found.items()
        if len(form) >= 3 and not set(form.casefold().split()) & common
    }
    if not found:
        return {}
    # Cluster roots only for what the forms involve: their full names, and mentions
    # the article tags with the very same text.
    tagged: dict[str, set[int]] = {}
    for node, mention, _, _ in items:
        if mention.text in found:
            tagged.setdefault(mention.text, set()).add(clusters.find(node))
    owners: dict[str, dict[int, EntityType]] = {}
    for form, nodes in found.items():
        for node, kind in nodes.items():
            owners.setdefault(form, {})[clusters.find(node)] = kind
    return {
        form: (root, kind)
        for form, roots in owners.items()
        if len(roots) == 1 and tagged.get(form, set(roots)) == set(roots)
        for root, kind in roots.items()
    }


def local_forms(
    documents: Sequence[tuple[str, Iterable[str]]], located: Iterable[Located], clusters: Clusters
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
