"""One-word names the model took for people, told apart by the words written before them.

A person's name seldom follows "on" or "via", which a platform's does ("said on
Twitter", "via her Twitter feed"), nor "in" or the ", of" of a dateline or a byline
of residence, which a place's does ("in Surrey", "Anthony LaSalle, 40, of
Burnsville"). Where most of a one-word "person"'s mentions stand so, it is listed
as the platform or place it is, whatever the tags. A name that is often the whole of
a quotation is the title of a film, a show or a book ("X-Men", the film "Australia"),
whatever it was tagged, which the reader does not list (as it does not list spaCy's
WORK_OF_ART mentions); nor a ship's name the model tagged apart from its prefix ("INS"
before "Sukanya").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from reader.linking.unlisted import VESSEL_PREFIXES
from reader.model import EntityMention, EntityType

_BEFORE = r"(?<![\w'’-])"
#: What stands before a platform's name: "on Twitter", "via her Instagram account".
_ON_PLATFORM = re.compile(
    _BEFORE + r"(?:on|via)(?:\s+(?:his|her|their|its|my|our|your))?\s+$", re.I
)
#: What stands before a place's name: "in Surrey", "near Ashgabat", "Smith, 34, of
#: Burnsville", "a resident of Schenectady".
_IN_PLACE = re.compile(
    r"(?:"
    + _BEFORE
    + r"(?:in|near|outside|across|throughout)"
    + r"|,\s*(?:\d+\s*,\s*)?of"
    + r"|"
    + _BEFORE
    + r"(?:residents?|natives?|city|town|village|suburb|mayor)\s+of"
    + r")\s+$",
    re.I,
)
#: How far before a mention the words that tell are looked for.
_REACH = 30
#: Mentions a platform needs after "on" or "via", and their least share of its mentions.
PLATFORM_MENTIONS = 2
PLATFORM_SHARE = 0.5
#: Mentions a place needs after "in" (and the like), and their least share of its mentions:
#: a place is also written as a subject, as an adjective ("Surrey police"), in headlines.
PLACE_MENTIONS = 2
PLACE_SHARE = 1 / 3


def told_by_context(
    mentions: Sequence[EntityMention], names: Collection[str], texts: Mapping[str, str]
) -> EntityType | None:
    """The type the words before a one-word "person"'s mentions give it: "organization"
    for a platform, "place" for a place, None when they say nothing (or the entity has
    a name of several words, a person's full name).

    Args:
        mentions: the entity's mentions.
        names: its folded names.
        texts: article id -> its text.
    """
    if any(" " in name for name in names):
        return None
    on = placed = 0
    for mention in mentions:
        text, start = texts[mention.article], mention.start
        if _ON_PLATFORM.search(text, max(0, start - _REACH), start):
            on += 1
        # "in Smith's house" speaks of the house, not of Smith.
        elif text[mention.end : mention.end + 2] not in ("'s", "’s") and _IN_PLACE.search(
            text, max(0, start - _REACH), start
        ):
            placed += 1
    if on >= PLATFORM_MENTIONS and on >= PLATFORM_SHARE * len(mentions):
        return "organization"
    if placed >= PLACE_MENTIONS and placed >= PLACE_SHARE * len(mentions):
        return "place"
    return None


#: Marks that open and close a quoted title.
_OPENING, _CLOSING = frozenset("\"“‘'"), frozenset("\"”’'")
#: Articles that quote a title, and the least share of its mentions quoted.
TITLE_ARTICLES = 2
TITLE_SHARE = 1 / 3


def a_works_title(mentions: Sequence[EntityMention], texts: Mapping[str, str]) -> bool:
    """Whether an entity's name is a quoted title: a third of its mentions, in at least
    ``TITLE_ARTICLES`` articles, are the whole of a quotation ('the sequel "Catching
    Fire"', 'the epic "Australia,"'); the name of a person, a place or a company seldom
    is once, let alone in article after article.

    Args:
        mentions: the entity's mentions.
        texts: article id -> its text.
    """
    quoted, where = 0, set()
    for mention in mentions:
        text, start, end = texts[mention.article], mention.start, mention.end
        # American style puts the comma inside: '"Moon," like "Twilight,"'.
        after = text[end + 1 : end + 2] if text[end : end + 1] in ",." else text[end : end + 1]
        if start and text[start - 1] in _OPENING and after in _CLOSING:
            quoted += 1
            where.add(mention.article)
    # In one article only, it may be a name chanted or called out ('"Obama!" they chanted').
    return len(where) >= TITLE_ARTICLES and quoted >= TITLE_SHARE * len(mentions)


#: A ship's prefix right before a name: "INS Sukanya", "USS Cole" (in capitals, as written).
_AFTER_PREFIX = re.compile(
    r"(?<![\w'’-])(?:" + "|".join(sorted(p.upper() for p in VESSEL_PREFIXES)) + r")\.?\s+$"
)


def a_ships_name(mentions: Sequence[EntityMention], texts: Mapping[str, str]) -> bool:
    """Whether an entity is a ship the model tagged apart from its prefix: most of its
    mentions stand right after one ("INS Sukanya" tagged as "Sukanya"). A ship is no
    place, company or person the reader lists (``unlisted.law_or_vessel_named``).

    Args:
        mentions: the entity's mentions.
        texts: article id -> its text.
    """
    after = sum(
        1 for m in mentions if _AFTER_PREFIX.search(texts[m.article], max(0, m.start - 8), m.start)
    )
    return 2 * after > len(mentions)
