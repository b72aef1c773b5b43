"""A surname written alone: which person of that surname it is.

A one-word name is a surname when some person named in full ends with it
(``candidates``). Where the collection names one person of it, it is that person;
where several, it is resolved article by article (``LinkState.in_articles``): the
one person of it the article names in full, else the one most articles name in
full, when far ahead of the others (``far_ahead``), the subject's relatives left
out (``relatives``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from reader.linking import relatives
from reader.linking.collect import Name
from reader.linking.people import surname
from reader.linking.state import LinkState
from reader.names import tokens

#: Share of person tags a surname alone needs to join a full name without sharing an article.
SURNAME_PERSON_SHARE = 0.2
#: A surname alone, in an article that names nobody of that surname in full, is the
#: person named in full in this many times as many articles as all others of the
#: surname (relatives left out) ...
DOMINANT_SHARE = 4
#: ... and in at least this many articles.
MIN_DOMINANT_ARTICLES = 3


def candidates(names: Mapping[str, Name], full_people: Collection[str]) -> dict[str, list[str]]:
    """One-word names -> the full person names whose surname they may be."""
    by_surname: dict[str, list[str]] = {}
    for key in sorted(full_people):
        by_surname.setdefault(surname(key), []).append(key)
    found: dict[str, list[str]] = {}
    for key, name in names.items():
        fulls = by_surname.get(key)
        if not fulls or len(tokens(key)) != 1:
            continue
        share = name.types["person"] / name.total
        # A surname mostly tagged as something else joins a full name only
        # in articles that name that person in full.
        beside = [f for f in fulls if set(names[f].nodes) & set(name.nodes)]
        if share >= SURNAME_PERSON_SHARE:
            found[key] = sorted(fulls)
        elif beside and name.type != "place":
            found[key] = sorted(beside)
    return found


def join(
    state: LinkState,
    found: Mapping[str, list[str]],
    people_of: Mapping[str, set[int | str]],
) -> None:
    """Join each surname of ``found`` (``candidates``) to the person it is, article by
    article where several people have it (``people_of``: the people of each)."""
    for key, full_keys in found.items():
        name = state.names[key]
        fulls = [state.names[f] for f in full_keys]
        if len(people_of[key]) == 1:
            state.merge(fulls[0], name, "surname", "the only person of that surname")
            continue
        ahead = far_ahead(name, fulls, state.clusters.find, state.texts)
        state.in_articles(name, fulls, "surname", "the only person of that surname in", ahead)


def far_ahead(
    alone: Name, fulls: Sequence[Name], find: Callable[[int], int], texts: Mapping[str, str]
) -> Name | None:
    """The person a surname alone means where no article settles it, if any.

    "Obama" alone in an article that names no Obama in full is Barack Obama when
    he is named in full in ``DOMINANT_SHARE`` times as many articles as every other
    Obama together. Those the collection introduces as someone's relative count
    for no one, when the one left is named in full in at least half the articles
    that write the surname alone (the subject of their story): "Gray" is Kimani
    Gray beside his sister Mahnefah Gray.

    Args:
        alone: the surname written alone.
        fulls: the full names of the surname (people's).
        find: the cluster root of a node.
        texts: article id -> its text.
    """
    articles: dict[int, set[str]] = {}
    names: dict[int, list[Name]] = {}
    for full in fulls:
        root = find(full.first_node)
        articles.setdefault(root, set()).update(full.nodes)
        names.setdefault(root, []).append(full)
    ranked = sorted(articles, key=lambda root: -len(articles[root]))
    top = articles[ranked[0]]
    if len(top) < MIN_DOMINANT_ARTICLES:
        return None
    if len(top) >= DOMINANT_SHARE * sum(len(articles[root]) for root in ranked[1:]):
        return names[ranked[0]][0]
    kept = [root for root in ranked if not relatives.relative(names[root], articles[root], texts)]
    if not kept or kept == ranked:
        return None
    top = articles[kept[0]]
    rest = sum(len(articles[root]) for root in kept[1:])
    if (
        len(top) >= MIN_DOMINANT_ARTICLES
        and len(top) >= DOMINANT_SHARE * rest
        and 2 * len(top.intersection(alone.nodes)) >= len(alone.nodes)
    ):
        return names[kept[0]][0]
    return None
