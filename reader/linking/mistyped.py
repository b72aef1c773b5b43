"""Names the model mistyped, told apart by the words written around them.

A person's name seldom follows "on" or "via", which a platform's does ("said on
Twitter", "via her Twitter feed"), nor "in" or the ", of" of a dateline or a byline
of residence, which a place's does ("in Surrey", "Anthony LaSalle, 40, of
Burnsville"). Where enough of a "person"'s mentions stand so (most, for a platform of
one word; a third, for a place of one word or of several never written shorter, such
as "Bandar Abbas"), it is listed as the platform or place it is, whatever the tags.
An "organization" or a "place" followed by an age or a family ("Paul Riva, 47,",
"Singh's daughter-in-law") is a person, and an "organization" after "in" in half its
mentions a place ("in Thessaloniki").
A name quoted whole in article after article is the title of a film, a show or a
book ("X-Men", the film "Australia"), whatever it was tagged, which the reader does
not list (as it does not list spaCy's WORK_OF_ART mentions); nor is a ship's name the
model tagged apart from its prefix ("INS" before "Sukanya"), nor a "person" of one
word that article after article also writes in the plural (the award in "an Oscar"
and "the Oscars"). Quoted titles and ships' prefixes are marked once: by each
article's digest, and by the untagged-name search for what it finds (``marks``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from itertools import compress, repeat
from operator import attrgetter
from typing import NamedTuple

from reader.linking.context import written_whole
from reader.linking.furniture import DATELINE_REACH, in_dateline
from reader.linking.occupations import after_an_occupation
from reader.linking.unlisted import VESSEL_PREFIXES
from reader.model import EntityMention, EntityType
from reader.names import looks_like_acronym

_BEFORE = r"(?<![\w'’-])"
#: What stands before a platform's name: "on Twitter", "via her Instagram account".
_ON_PLATFORM = re.compile(
    _BEFORE + r"(?:on|via)(?:\s+(?:his|her|their|its|my|our|your))?\s+$", re.I
)
#: The words a place's name follows by themselves: "in Surrey", "near Ashgabat".
_PLACE_WORDS = ("in", "near", "outside", "across", "throughout")
#: What stands before a place's name: "in Surrey", "near Ashgabat", "Smith, 34, of
#: Burnsville", "a resident of Schenectady" (all but the first kind end in "of").
_IN_PLACE = re.compile(
    r"(?:"
    + _BEFORE
    + r"(?:"
    + "|".join(_PLACE_WORDS)
    + r")"
    + r"|,\s*(?:\d+\s*,\s*)?of"
    + r"|"
    + _BEFORE
    + r"(?:residents?|natives?|city|town|village|suburb|mayor|district|neighbou?rhood)\s+of"
    + r")\s+$",
    re.I,
)
#: What follows a place's name, in lower case: "the Exarchia district", "the Flatbush
#: neighborhood" (a person's name is followed by no such word).
_PLACE_AFTER = re.compile(r"\s+(?:district|neighbou?rhood|suburb|province|region)\b")
#: A number in a name, in figures or in Roman numerals: "World War II", "Apollo 11".
_NUMBERED = re.compile(r"\d|\b[ivx]+$")
_ARTICLE, _START, _END = attrgetter("article"), attrgetter("start"), attrgetter("end")
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
    """The type the words around a "person"'s mentions give it: "organization" for a
    platform, "place" for a place (after "in", "near" or a residence's ", of", before
    "district" or "neighborhood", or as a dateline's place), None when they say nothing.

    A platform has a name of one word. A place may have several ("in Bandar Abbas"),
    when the entity is never named by one word alone (a person named in full is named
    by the surname too: "Teixeira") nor by a name with a number ("World War II").

    Args:
        mentions: the entity's mentions.
        names: its folded names.
        texts: article id -> its text.
    """
    several = sum(" " in name for name in names)
    if several and (several < len(names) or any(map(_NUMBERED.search, names))):
        return None
    on = placed = dated = 0
    share = PLACE_SHARE * len(mentions)
    needed = max(PLACE_MENTIONS, share)
    for seen, mention in enumerate(mentions):
        if several and placed + len(mentions) - seen < share:
            return None  # a place no more, and never a platform
        text, start = texts[mention.article], mention.start
        if not several and _ON_PLATFORM.search(text, max(0, start - _REACH), start):
            on += 1
        elif in_dateline(text, start, mention.end):
            dated += 1  # "KYIV, Ukraine (AP) —": where the story was filed, a place
            placed += 1
        elif in_place(text, start, mention.end) or _PLACE_AFTER.match(text, mention.end):
            placed += 1
    if on >= PLATFORM_MENTIONS and on >= PLATFORM_SHARE * len(mentions):
        return "organization"
    # One dateline says as much as two "in"s: nothing but a place stands there.
    if placed >= needed or (dated and dated >= share):
        return "place"
    return None


#: A person's age right after the name: "Paul Riva, 47, of Sterling Heights" (not a
#: number's thousands: "In Heraklion, 10, 000 people marched").
_AGED = re.compile(r",\s*(?:aged?\s+)?\d{1,3}\s*,(?!\s*\d)")
#: The ends of the words ``_IN_PLACE`` looks for, with the space before the name: an
#: organization after none of them is no place (told by C loops alone).
_PLACE_WORD_ENDS = tuple(
    cased + space
    for word in (*_PLACE_WORDS, "of")
    for cased in (word, word.capitalize(), word.upper())
    for space in (" ", "\n")
)
#: A person's family after the name: "Singh's daughter-in-law", "Gray's mother".
_FAMILY = re.compile(
    r"['’]s?\s+(?:son|daughter|wife|husband|mother|father|brother|sister|family|parents"
    r"|children|widow|girlfriend|boyfriend|fianc[eé]e?|grandmother|grandfather|mom|dad)"
    r"(?:s|-in-law)?\b(?!\s+of\b)",  # not a company's "family of products"
    re.I,
)


def _no_persons_form(written: str) -> bool:
    """Whether a written name can be no person's: an acronym, or words joined by "of",
    "the", "and"... ("Gulf of Aden")."""
    return looks_like_acronym(written) or not _JOINED.isdisjoint(written.casefold().split())


#: Little words that join the words of a place's or an organization's name, never a
#: person's (unlike "de", "van" or "von").
_JOINED = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "&"})
#: How an age or a family begins after a name.
_PERSONAL_MARKS = (",", "'", "’")
#: The least share of a name's mentions an age or a family must follow to make a person of it.
AGE_SHARE = 0.1
#: The least share of an organization's mentions after "in" (and the like) that make a
#: place of it: more than a person's, as organizations stand there too ("in Congress").
ORGANIZATION_PLACE_SHARE = 1 / 2


def told_apart_from_organization(
    kind: EntityType,
    mentions: Sequence[EntityMention],
    written: Collection[str],
    texts: Mapping[str, str],
) -> EntityType | None:
    """The type the words around an "organization"'s or a "place"'s mentions give it:
    "person" when an age or a family follows a tenth of them ("Paul Riva, 47, of
    Sterling Heights" tagged as an organization, "Singh's daughter-in-law" as a
    place), counting, for an entity named by several words somewhere, those an
    occupation precedes too ("author Stephenie Meyer": ``occupations``), unless its
    name is an acronym or joined by "of" or "the"; "place", for an organization of no
    acronym, after "in", "near" or a residence's ", of" in half its mentions, two at
    least ("in Thessaloniki", "the town of Woodburn"), or as a dateline's place in a
    third ("NEW YORK (CNN) --"); None when they say neither.

    Args:
        kind: the type the tags voted for.
        mentions: the entity's mentions.
        written: its names as written.
        texts: article id -> its text.
    """
    # An acronym ("NYPD", "U.S.") is no person's name, nor is a name joined by "of" or
    # "the" ("Gulf of Aden"); an acronym is no place after "in" either ("in MLB").
    personal = not any(map(_no_persons_form, written))
    placeable = kind == "organization" and not any(map(looks_like_acronym, written))
    if not (personal or kind == "organization"):
        return None
    total = len(mentions)
    starts, ends = list(map(_START, mentions)), list(map(_END, mentions))
    written_in = list(map(texts.__getitem__, map(_ARTICLE, mentions)))
    if kind == "organization":
        # A dateline's place, in capitals as often as not ("NEW YORK (CNN) --"); only a
        # text's first lines hold one.
        early = list(map(DATELINE_REACH.__gt__, starts))
        dated = sum(
            1
            for text, start, end in compress(zip(written_in, starts, ends, strict=True), early)
            if in_dateline(text, start, end)
        )
        if dated and dated >= PLACE_SHARE * total:
            return "place"
    if personal:
        # Most mentions are followed by no comma and no apostrophe: those are turned
        # away by C loops alone.
        marked = list(map(str.startswith, written_in, repeat(_PERSONAL_MARKS), ends))
        found = sum(
            1
            for text, end in compress(zip(written_in, ends, strict=True), marked)
            if _AGED.match(text, end) or _FAMILY.match(text, end)
        )
        if found < AGE_SHARE * total and any(" " in name for name in written):
            # Named in full somewhere: also "author Stephenie Meyer", "boxer Lennox Lewis".
            found += after_an_occupation(written_in, starts)
        if found and found >= AGE_SHARE * total:
            return "person"
    if not placeable:
        return None
    needed = max(PLACE_MENTIONS, ORGANIZATION_PLACE_SHARE * total)
    # The words a place follows end right before it: mentions after none of them are
    # turned away by C loops alone (most organizations' mentions, all but a few).
    after = list(map(str.endswith, written_in, repeat(_PLACE_WORD_ENDS), repeat(0), starts))
    if sum(after) < needed:
        return None
    placed = sum(
        1
        for text, start, end in compress(zip(written_in, starts, ends, strict=True), after)
        if in_place(text, start, end)
    )
    return "place" if placed >= needed else None


def in_place(text: str, start: int, end: int) -> bool:
    """Whether the mention at ``start``-``end`` stands where a place's name does, after
    "in", "near" or a residence's ", of" ("in Smith's house" speaks of the house)."""
    if text[end : end + 2] in ("'s", "’s"):
        return False
    return _IN_PLACE.search(text, max(0, start - _REACH), start) is not None


#: Articles that write a one-word "person"'s name in the plural too, and their least share
#: of the articles naming it.
PLURAL_ARTICLES = 3
PLURAL_SHARE = 1 / 2


def named_in_plural(
    written: Collection[str], articles: Collection[str], texts: Mapping[str, str]
) -> bool:
    """Whether a "person" whose names are single words is a thing, written in the plural
    too ("Oscar" beside "the Oscars", "Grammy" beside "the Grammys": an award).

    A person's name seldom takes an "s" (a family, "the Obamas", now and then, and
    then the family names someone in full); an award's, a ceremony's or a product's
    does in article after article. The plural must stand, as a word of its own, in
    half the articles naming the entity, and in at least ``PLURAL_ARTICLES``.

    Args:
        written: the entity's names as written.
        articles: the articles naming it.
        texts: article id -> its text.
    """
    if len(articles) < PLURAL_ARTICLES or not written:
        return False
    plurals = []
    for name in written:
        if " " in name or not name[:1].isupper() or name[-1:] in "sSxXzZ":
            return False  # a name of several words, or one whose plural is not its own
        plurals.append(plural_of(name))
    needed = max(PLURAL_ARTICLES, PLURAL_SHARE * len(articles))
    found = 0
    for seen, article in enumerate(articles):
        if found + len(articles) - seen < needed:
            return False
        text = texts[article]
        # A word of its own: not inside another, nor "Oscars-style" or "Oscars'".
        found += any(True for _ in written_whole(text, plurals, _word_char))
    return found >= needed


def plural_of(name: str) -> str:
    """A one-word name in the plural, in its own case: "Oscars", "OSCARS"."""
    return name + ("S" if name.isupper() else "s")


def _word_char(char: str) -> bool:
    """A character that joins a word: a letter, a digit, an underscore, a hyphen or an
    apostrophe."""
    return char.isalnum() or char in "_-'’"


#: Marks that open and close a quoted title.
_OPENING, _CLOSING = frozenset("\"“‘'"), frozenset("\"”’'")
#: Articles that quote a title whole, and their least share of the articles naming it.
TITLE_ARTICLES = 2
TITLE_SHARE = 1 / 3
#: A ship's prefix right before a name: "INS Sukanya", "USS Cole" (in capitals, as written).
_AFTER_PREFIX = re.compile(
    _BEFORE + "(?:" + "|".join(sorted(p.upper() for p in VESSEL_PREFIXES)) + r")\.?\s+$"
)


class Marks(NamedTuple):
    """Which of an article's mentions (by place) are the whole of a quotation, and which
    stand right after a ship's prefix (``ArticleDigest.quoted``, ``after_prefix``)."""

    quoted: tuple[int, ...]
    after_prefix: tuple[int, ...]


def marks(text: str, spans: Sequence[tuple[int, int]]) -> Marks:
    """The ``Marks`` of an article's mentions, given as ``(start, end)`` in order."""
    quoted, after = [], []
    for place, (start, end) in enumerate(spans):
        # American style puts the comma inside: '"Moon," like "Twilight,"'.
        closing = text[end + 1 : end + 2] if text[end : end + 1] in ",." else text[end : end + 1]
        if start and text[start - 1] in _OPENING and closing in _CLOSING:
            quoted.append(place)
        if _AFTER_PREFIX.search(text, max(0, start - 8), start):
            after.append(place)
    return Marks(tuple(quoted), tuple(after))


class MarkedNodes(NamedTuple):
    """The ``Marks`` of a collection by node (one name in one article; a mention found by
    the untagged-name search counts under its cluster's root): the articles where a
    mention of the node is quoted whole, and where one follows a ship's prefix."""

    quoted: dict[int, set[str]]
    after_prefix: dict[int, set[str]]


def mark(
    found: MarkedNodes, article: str, nodes: Sequence[int] | Mapping[int, int], marked: Marks
) -> None:
    """Record in ``found`` an article's ``marked`` mentions, whose nodes are ``nodes``
    (by place)."""
    for places, where in ((marked.quoted, found.quoted), (marked.after_prefix, found.after_prefix)):
        for place in places:
            where.setdefault(nodes[place], set()).add(article)


def marked_nodes(
    rows: Iterable[tuple[str, Sequence[str], Marks]], node_of: Callable[[str, str], int]
) -> MarkedNodes:
    """The marks of every article's digest, by node.

    Args:
        rows: per article, its id, its mentions' folded names (in digest order) and
            their ``Marks``.
        node_of: the node of a folded name in an article.
    """
    found = MarkedNodes({}, {})
    for article, keys, marked in rows:
        places = {*marked.quoted, *marked.after_prefix}
        nodes = {place: node_of(keys[place], article) for place in places}
        mark(found, article, nodes, marked)
    return found


class TitlesAndShips:
    """The clusters that name a film's or a show's title or a ship, which the reader does
    not list (as it does not list spaCy's WORK_OF_ART mentions, or a ship's name tagged
    with its prefix: ``unlisted``).

    A title is quoted whole in a third of the articles that name it, and in at least
    ``TITLE_ARTICLES`` ('the sequel "Catching Fire"', 'the epic "Australia,"'); the name
    of a person, a place or a company seldom is once, let alone in article after
    article (in one article only, it may be a name chanted: '"Obama," they chanted'). A
    ship stands right after a ship's prefix in most of the articles that name it ("INS
    Sukanya" tagged as "Sukanya").

    Args:
        marked: the collection's marked nodes.
        roots: the cluster root of every node.
    """

    def __init__(self, marked: MarkedNodes, roots: Sequence[int]) -> None:
        self.quoted: dict[int, set[str]] = {}
        self.after_prefix: dict[int, set[str]] = {}
        for nodes, found in (
            (marked.quoted, self.quoted),
            (marked.after_prefix, self.after_prefix),
        ):
            for node, articles in nodes.items():
                found.setdefault(roots[node], set()).update(articles)

    def unlisted(self, root: int, articles: Collection[str]) -> bool:
        """Whether the cluster of ``root``, named in ``articles``, is a title or a ship (of
        its marks, those of articles where it kept no mention are not counted: a name
        found around them won over them, "INS Tabar" over "Tabar")."""
        quoted = len(self.quoted.get(root, set()).intersection(articles))
        if quoted >= TITLE_ARTICLES and quoted >= TITLE_SHARE * len(articles):
            return True
        return 2 * len(self.after_prefix.get(root, set()).intersection(articles)) > len(articles)
