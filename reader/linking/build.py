"""Turn linked clusters of mentions into ``Entity`` records: type, display name, order, ids."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from itertools import compress
from operator import attrgetter

from reader.ids import span_ids
from reader.linking.clusters import Clusters
from reader.linking.mistyped import (
    MarkedNodes,
    TitlesAndShips,
    named_in_plural,
    plural_of,
    told_apart_from_organization,
    told_by_context,
)
from reader.linking.people import surname
from reader.linking.unlisted import (
    TITLES,
    no_persons_name,
    only_a_title,
    unlisted,
)
from reader.linking.variants import road_named
from reader.model import Entity, EntityMention, EntityType, Evidence
from reader.names import STOP_WORDS, clean_spacing, fold_name, has_digits, looks_like_acronym

_TYPE_ORDER: tuple[EntityType, ...] = ("person", "organization", "place", "group")
_ARTICLE, _START, _END, _TEXT = (attrgetter(f) for f in ("article", "start", "end", "text"))


def vote(types: Counter[EntityType]) -> EntityType:
    """The majority type; ties go to the more specific type (person first)."""
    best = _TYPE_ORDER[0]
    most = types.get(best, 0)
    for kind in _TYPE_ORDER[1:]:
        count = types.get(kind, 0)
        if count > most:  # strictly more: a tie keeps the earlier, more specific type
            best, most = kind, count
    return best


def build_entities(
    located: Sequence[tuple[int, EntityMention, EntityType, str]],
    clusters: Clusters,
    full_people: Collection[str],
    demoted: Collection[str] = (),
    order: Mapping[str, int] | None = None,
    facilities: Collection[int] = (),
    common_words: Collection[str] = (),
    article_texts: Mapping[str, str] | None = None,
    marked: MarkedNodes | None = None,
) -> list[Entity]:
    """One entity per cluster, sorted by salience, with ids from their earliest mention;
    none for a cluster that names nothing the reader lists (``unlisted``: a law, a ship,
    a common word).

    Args:
        located: every kept mention as ``(node, mention, type, cleaned name)``,
            in reading order.
        clusters: the linked nodes with their merge evidence.
        full_people: folded full names judged to be people's; a cluster holding
            one is a person whatever stray tags its other mentions carry.
        demoted: folded names known to be over-long spans (a descriptor or a
            headline glued on): never the display name while another form exists.
        order: article id -> its place in reading order (for the ids); the
            order of first appearance in ``located`` when None.
        facilities: nodes of a person's name found to name a facility or company
            there ("Betty Ford" beside "Betty Ford Center"): a cluster holding one is
            that place or company, and its full person names overrule no vote.
        common_words: folded names of common words the model tagged where they were
            capitalised ("arson", ``unlisted.common_words``): a cluster of these alone
            is listed as no entity.
        article_texts: article id -> its text, for what the words before a name say of it
            (``mistyped.told_by_context``); without them, only the tags do.
        marked: the mentions each article's digest marks as quoted titles or ships'
            names (``mistyped.TitlesAndShips``): such clusters are not listed.

    Returns:
        The entities, most mentioned first (then most articles, then name).
    """
    if order is None:
        order = {}
        for _, mention, _, _ in located:
            order.setdefault(mention.article, len(order))
    if not located:
        return []
    # Column by column, so most of the work per entity is done by C loops.
    nodes, mentions, kinds, writtens = zip(*located, strict=True)
    articles = list(map(_ARTICLE, mentions))
    roots = clusters.roots()
    members: dict[int, list[int]] = {}
    for number, root in enumerate(map(roots.__getitem__, nodes)):
        members.setdefault(root, []).append(number)
    # Per distinct string, not per mention: a name recurs in thousands of mentions.
    folded = {w: fold_name(w) for w in set(writtens)}
    spaced: dict[str, str] = {}
    demoted = set(demoted)
    common_words = frozenset(common_words)
    facilities = frozenset(facilities)
    drafts = []
    form_lists: list[list[str]] = []
    earliest: list[tuple[int, int, int, str]] = []
    article_counts: list[int] = []
    titles_and_ships = TitlesAndShips(marked, roots) if marked else None
    # Awards' names ("Oscar"), joined to their plural's entity after the loop; and the
    # entity of every folded name.
    singulars: list[tuple[list[EntityMention], set[str]]] = []
    named_by: dict[str, int] = {}
    # A family's name in the plural ("the Kennedys") is no award's: never one the
    # collection gives someone in full as a surname.
    surnames = {surname(key) for key in full_people}
    for root, numbers in members.items():
        ms = list(map(mentions.__getitem__, numbers))
        ts = list(map(kinds.__getitem__, numbers))
        ws = list(map(writtens.__getitem__, numbers))
        keys = list(map(folded.__getitem__, ws))
        where = list(map(articles.__getitem__, numbers))
        kind = vote(Counter(ts))
        if (
            kind != "person"
            and "person" in ts
            and facilities.isdisjoint(map(nodes.__getitem__, numbers))
            and any(t == "person" and key in full_people for t, key in zip(ts, keys, strict=True))
        ):
            kind = "person"
        if demoted.isdisjoint(keys):
            kept_ms, written = ms, ws
        else:
            chosen = [key not in demoted for key in keys]
            kept_ms = list(compress(ms, chosen)) or ms
            written = list(compress(ws, chosen)) or ws
        allowed = set(written)
        names = {folded[w] for w in allowed}
        if unlisted(kind, names) or names.issubset(common_words) or not any(map(_capital, allowed)):
            continue  # a law, a ship, a title alone, a time zone, a common word, no capital
        named_in = set(where)
        spread = len(named_in)
        if titles_and_ships is not None and titles_and_ships.unlisted(root, named_in):
            continue  # "X-Men", "Australia": a film's title, quoted; "Sukanya" after "INS"
        if (
            kind == "person"
            and article_texts
            and names.isdisjoint(surnames)
            and named_in_plural(allowed, named_in, article_texts)
        ):
            singulars.append((ms, allowed))  # "Oscar" beside "the Oscars": an award
            continue
        # Article ids map to distinct numbers, so the smallest tuple is the first mention's.
        earliest.append(
            min(
                zip(
                    map(order.__getitem__, where),
                    map(_START, ms),
                    map(_END, ms),
                    where,
                    strict=True,
                )
            )
        )
        article_counts.append(spread)
        if all(map(road_named, names)):
            kind = "place"  # a road, whatever its tags ("Snyder Ave", "Norwalk Boulevard")
        elif kind == "person" and all(
            has_digits(w)
            or no_persons_name(folded[w])
            or only_a_title(folded[w])
            # An institution's acronym: "THR" beside "Hollywood Reporter".
            or (looks_like_acronym(w) and any(map(no_persons_name, names)))
            for w in allowed
        ):
            # People's names hold no numbers ("ThinkPad X1" tagged PERSON is a product) and
            # end in no institution's word ("Crowley Petroleum") or title ("Genesee County
            # Sheriff", with "Sheriff" alone: titles alone make no person of it either).
            others: Counter[EntityType] = Counter(t for t in ts if t != "person")
            kind = vote(others) if others else "organization"
        elif kind == "person" and article_texts:
            # "said on Twitter", "Smith, 34, of Burnsville": no person, whatever the tags.
            kind = told_by_context(ms, names, article_texts) or kind
        elif kind == "place" and all(map(no_persons_name, names)):
            # "Genesee County Sheriff", "Mount Sinai Hospital": the office, the institution.
            kind = "organization"
        elif kind != "group" and article_texts and not any(map(no_persons_name, names)):
            # "Paul Riva, 47,": a person; "in Thessaloniki": a place, whatever the tags.
            kind = told_apart_from_organization(kind, ms, allowed, article_texts) or kind
        forms = [w for t, w in zip(ts, ws, strict=True) if t == kind and w in allowed] or written
        if kind != "organization":
            # Organizations keep their capitals ("NATO" beside "Nato").
            forms = _uncapitalised(forms, written)
        texts = set(map(_TEXT, kept_ms))
        form_lists.append(forms)
        drafts.append(
            Entity(
                id="",
                name=display_name(forms, kind),
                type=kind,
                # Over-long spans ("Lindsay Lohan Checks Into Rehab") stay mentions, not names.
                aliases=sorted(
                    {
                        spaced.get(t) or spaced.setdefault(t, unmarked(clean_spacing(t)))
                        for t in texts
                    }
                ),
                mentions=ms,
                evidence=list(clusters.evidence.get(root, [])),
            )
        )
        for key in names:
            named_by.setdefault(key, len(drafts) - 1)
    for said, forms_said in singulars:
        _join_plural(drafts, named_by, said, forms_said, order, earliest, article_counts)
    _tell_apart(drafts, form_lists)
    # Ids are handed out in reading order, so collisions resolve the same way every time.
    ranked = sorted(range(len(drafts)), key=earliest.__getitem__)
    ids = entity_ids([(earliest[i][3], earliest[i][1], earliest[i][2]) for i in ranked])
    for number, entity_id in zip(ranked, ids, strict=True):
        drafts[number].id = entity_id
    # Salience: mentions, then articles (``Entity.article_ids``, counted above), then name.
    ranking = sorted(
        range(len(drafts)),
        key=lambda i: (
            -len(drafts[i].mentions),
            -article_counts[i],
            drafts[i].name.casefold(),
            drafts[i].id,
        ),
    )
    return [drafts[i] for i in ranking]


def _join_plural(
    drafts: Sequence[Entity],
    named_by: Mapping[str, int],
    mentions: Sequence[EntityMention],
    written: Collection[str],
    order: Mapping[str, int],
    earliest: list[tuple[int, int, int, str]],
    article_counts: list[int],
) -> None:
    """A one-word "person" the articles write in the plural too (``named_in_plural``:
    "an Oscar", "the Oscars") joins the one entity named by that plural, as the award
    it is; with none (or a "person" again), it is listed as no entity."""
    plurals = {fold_name(plural_of(w)) for w in written}
    found = {named_by[key] for key in plurals if key in named_by}
    if len(found) != 1:
        return
    (number,) = found
    entity = drafts[number]
    if entity.type == "person":
        return  # "Euros" tagged as a person too: no entity to join
    entity.mentions = sorted(
        [*entity.mentions, *mentions], key=lambda m: (order[m.article], m.start, m.end)
    )
    entity.aliases = sorted({*entity.aliases, *(unmarked(clean_spacing(m.text)) for m in mentions)})
    singular = min(written)
    detail = "a name the articles also write in the plural"
    entity.evidence.append(Evidence("plural", (entity.name, singular), detail))
    first = entity.mentions[0]
    earliest[number] = min(
        earliest[number], (order[first.article], first.start, first.end, first.article)
    )
    article_counts[number] = len({m.article for m in entity.mentions})


def _tell_apart(drafts: Sequence[Entity], forms: Sequence[list[str]]) -> None:
    """Entities of one type that would be listed under one name ("Qeshm" alone, and
    "Qeshm" joined to "Qeshm Island" where its article writes that) go by another of
    their names where they have one, so the list tells them apart.

    Args:
        drafts: the entities, renamed in place.
        forms: the written forms of each entity's type, as ``display_name`` takes them.
    """
    named: dict[tuple[str, EntityType], list[int]] = {}
    for number, draft in enumerate(drafts):
        named.setdefault((draft.name.casefold(), draft.type), []).append(number)
    for numbers in named.values():
        for number in numbers if len(numbers) > 1 else ():
            draft = drafts[number]
            others = [form for form in forms[number] if form.casefold() != draft.name.casefold()]
            if others:
                draft.name = display_name(others, draft.type)


def entity_ids(firsts: Sequence[tuple[str, int, int]]) -> list[str]:
    """Stable ids for entities from their earliest mentions ``(article id, start, end)``.

    An id depends only on that mention, so it survives relinking and the
    arrival of unrelated articles: ``"e"`` and 8 hex digits of a hash.
    """
    return span_ids("e", firsts)


def display_name(forms: Sequence[str], kind: EntityType) -> str:
    """The most complete frequent form: for people a full name when one is written.

    Args:
        forms: the cleaned written forms of the entity's mentions (of its type).
        kind: the entity's type.

    Returns:
        The most frequent form (for people, among the multi-word forms if any);
        ties go to the longer form, then to the one with more words cased as in a name.
        Little words a span ran on by are left out ("Complex at").
    """
    counts: Counter[str] = Counter()
    for form, number in Counter(forms).items():
        shown = unmarked(form)
        counts[_untitled(shown) if kind == "person" else shown] += number
    # A form in lower case ("van", tagged beside "Prison Van") is never the name shown.
    counts = Counter({form: n for form, n in counts.items() if _capital(form)}) or counts
    if kind == "person":
        full = Counter({form: n for form, n in counts.items() if len(form.split()) > 1})
        counts = full or counts
    # Of two forms as frequent and as long, the one cased as a name ("Qeshm Island").
    chosen = max(counts, key=lambda form: (counts[form], len(form), _name_cased(form), form))
    # A span run on by a little word ("County Headquarters of") is shown without it.
    return _STOP_END.sub("", chosen) or chosen


#: Little words that end a span run on past a name: "Florence Correctional Complex at".
_STOP_END = re.compile(
    r"(?:\s+(?:" + "|".join(sorted({"a", "an", *(w for w in STOP_WORDS if w.isalpha())})) + r"))+$"
)


#: Marks at a name's ends that are no part of it: a list's bullets ("• Interior"), trade
#: marks ("Academy Awards®").
_END_MARKS = "•‣◦⁃∙·▪▫■□●○►▸▶➤*®™©℠ "


def unmarked(form: str) -> str:
    """A written name without the marks at its ends that are no part of it."""
    return form.strip(_END_MARKS) or form


def _untitled(form: str) -> str:
    """A person's written name without the titles before it ("Trooper William Hakim")."""
    words = form.split(" ")
    cut = 0
    while cut < len(words) - 1 and words[cut].rstrip(".").casefold() in TITLES:
        cut += 1
    return " ".join(words[cut:]) if cut else form


def _uncapitalised(forms: list[str], written: Sequence[str]) -> list[str]:
    """``forms`` with each one in capitals read as the same name written otherwise
    among ``written`` (all of an entity's forms, whatever their tags), most often so:
    a dateline's or a headline's "KYIV" is "Kyiv"."""
    if not any(map(str.isupper, forms)):
        return forms
    cased: dict[str, str] = {}
    for form, _ in Counter(written).most_common():
        if not form.isupper():
            cased.setdefault(form.casefold(), form)
    return [cased.get(form.casefold(), form) if form.isupper() else form for form in forms]


def _capital(written: str) -> bool:
    """Whether a written name holds a capital letter ("bald eagles" tagged PERSON does not,
    nor does "288" tagged GPE, nor "101st")."""
    return written != written.lower()


def _name_cased(form: str) -> int:
    """How many words are cased as in a name: capitalised, but for "of", "for", "the"..."""
    return sum(word[:1].isupper() != (word.casefold() in STOP_WORDS) for word in form.split())
