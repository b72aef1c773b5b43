"""Which person a surname alone means when several of that surname are named.

News names the subject of a story by the surname alone after the first mention,
and the subject's relatives by their relation to the subject: "his sister Mahnefah
Gray", "Chela Ortiz, the deputy's wife", "the deputy's mother, Rosa Ortiz". A
surname alone beside them ("Gray was shot", "Ortiz was killed") is the subject's.

``far_ahead`` finds the person a surname alone means wherever an article does
not settle it: the one most articles name in full, when far ahead of every other
person of the surname, not counting those the collection mostly introduces as
someone's relative (``introduced_as_relative``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence

from reader.linking.collect import Name

#: A surname alone, in an article that names nobody of that surname in full, is the
#: person named in full in this many times as many articles as all others of the
#: surname (relatives left out) ...
DOMINANT_SHARE = 4
#: ... and in at least this many articles.
MIN_DOMINANT_ARTICLES = 3
#: A person is someone's relative when introduced so in at least this share of the
#: articles that name them in full (a relative may call the subject "her brother"
#: in one of them).
RELATIVE_SHARE = 0.5

#: Words for a relative, in lower case (capitalised, "Sister Mary" and "Father Brown"
#: are titles): "sister", "stepson", "mother-in-law", "children".
_RELATIONS = (
    "mother|father|mom|dad|brother|sister|parent|sibling|wife|husband|widow|widower|spouse"
    "|aunt|uncle|cousin|nephew|niece|fianc[eé]e?|girlfriend|boyfriend"
)
#: A son's or a daughter's: "Kimani Gray, the son of a bus driver" says whose son the
#: subject is, not that he is the relative of someone else in the story.
_DESCENT = "son|daughter|child|children"


def _kin(words: str) -> str:
    return rf"(?:step-?|half-?|grand|great-grand)?(?:{words})s?(?:[ -]in[ -]law)?"


#: The relation right before the name: "his sister Mahnefah Gray", "her stepson, Jeremy
#: Ortiz", "the deputy's mother, Rosa Ortiz".
_KIN_BEFORE = re.compile(rf"(?<![\w-]){_kin(_RELATIONS + '|' + _DESCENT)},? $")
#: The relation in an apposition after the name: someone's ("Chela Ortiz, the deputy's
#: wife", "Jeremy Ortiz, one of the deputy's sons") or of someone ("Mahnefah Gray,
#: sister of the teen"); "Jerry Ortiz, a father of four" says no one's relative.
_KIN_AFTER = re.compile(
    r",\s+(?:one of\s+)?(?:(?:the|a|an)\s+)?"
    rf"(?:[\w.-]+(?:'s|’s|s'|s’)\s+(?:[a-z]+\s+)?{_kin(_RELATIONS + '|' + _DESCENT)}\b"
    rf"|(?:[a-z]+\s+)?{_kin(_RELATIONS)}\s+of\s+(?:the|a|an|his|her|their|[A-Z]))"
)
#: How far before a name its relation may start.
_BEFORE = 40


def introduced_as_relative(text: str, forms: Collection[str]) -> bool:
    """Whether ``text`` writes one of ``forms`` (a person's names) as someone's relative."""
    for form in forms:
        start = text.find(form)
        while start != -1:
            end = start + len(form)
            whole = (not start or not text[start - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()
            )
            if whole and (
                _KIN_BEFORE.search(text, max(0, start - _BEFORE), start)
                or _KIN_AFTER.match(text, end)
            ):
                return True
            start = text.find(form, end)
    return False


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
    kept = [root for root in ranked if not _relative(names[root], articles[root], texts)]
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


def _relative(names: Sequence[Name], articles: Collection[str], texts: Mapping[str, str]) -> bool:
    """Whether the person of ``names`` is introduced as someone's relative in at least
    ``RELATIVE_SHARE`` of the ``articles`` that name them in full."""
    forms = {form for name in names for form in name.forms if " " in form}
    needed = RELATIVE_SHARE * len(articles)
    told = 0
    for number, article in enumerate(sorted(articles)):
        if told + len(articles) - number < needed:
            return False  # too few articles left to reach the share
        told += introduced_as_relative(texts[article], forms)
        if told >= needed:
            return True
    return False
