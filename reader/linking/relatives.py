"""People a story introduces as someone's relative: "his sister Mahnefah Gray".

News names the subject of a story by the surname alone after the first mention,
and the subject's relatives by their relation to the subject: "his sister Mahnefah
Gray", "Chela Ortiz, the deputy's wife", "the deputy's mother, Rosa Ortiz". A
surname alone beside them ("Gray was shot", "Ortiz was killed") is the subject's
(``surnames.far_ahead``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from reader.linking.collect import Name
from reader.linking.context import written_whole

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
    """A pattern for one of ``words`` (alternatives) as a relation: "stepson", "sisters",
    "mother-in-law"."""
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
    return any(
        _KIN_BEFORE.search(text, max(0, start - _BEFORE), start) or _KIN_AFTER.match(text, end)
        for start, end in written_whole(text, forms)
    )


def relative(names: Sequence[Name], articles: Collection[str], texts: Mapping[str, str]) -> bool:
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
