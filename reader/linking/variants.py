"""Written variants of one name (designators, spacing, a road's word), and the last words
that say a name is an institution's or a road's.

"Acme Corp.", "Acme Inc" and "Acme Company" are one company; "Betty Ford
Center", "Betty Ford Clinic" and "Betty Ford Treatment Center" one clinic;
"Face Book" and "Facebook" one name spaced two ways; "Snyder Ave" and "Snyder
Avenue" one road. Each function works on folded keys (``names.fold_name``) and
proposes groups; ``link.py`` merges them through ``Clusters``, which still
refuses joins of two different people. "Surrey Police" and "Snyder Ave" are
no person's names, whatever NER tagged them (``institution_named``, ``road_named``;
``unlisted.no_persons_name`` adds offices).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from functools import lru_cache

from reader.names import has_digits, tokens

#: Legal-form words at the end of a company's name: never what tells companies apart.
CORPORATE = frozenset(
    {"corp", "corporation", "inc", "incorporated", "co", "company", "cos", "ltd", "limited"}
    | {"llc", "plc", "group", "holdings"}
)
#: Words that end an institution's name and end no one's name: unlike "Court", "Church"
#: or "Service", none is a surname ("Central Mat-Su Fire Department" tagged PERSON).
INSTITUTION = frozenset(
    {"department", "ministry", "commission", "committee", "agency", "bureau", "council"}
    | {"university", "college", "hospital", "police", "administration", "authority"}
    | {"association", "institute", "foundation", "federation", "services", "airlines"}
    | {"airways", "creamery", "dairy", "petroleum", "bancorp", "brewery", "dept"}
    # Newspapers, broadcasters and clubs: "Hollywood Reporter", "Eyewitness News", "Sam's Club".
    | {"news", "times", "tribune", "gazette", "journal", "chronicle", "inquirer", "reporter"}
    | {"examiner", "magazine", "newspaper", "network", "club"}
)
#: Last words of a road's name ("Snyder Ave" tagged PERSON, "Norwalk Boulevard" ORG): none
#: is a surname, unlike "Street" (Picabo Street) or "Lane" (Diane Lane).
ROAD = frozenset(
    {"avenue", "ave", "boulevard", "blvd", "highway", "hwy", "parkway", "pkwy", "expressway"}
    | {"freeway", "turnpike", "road", "rd"}
)
#: A road's word written short, and in full: "Snyder Ave" is "Snyder Avenue".
ROAD_SHORT = {
    "ave": "avenue",
    "blvd": "boulevard",
    "hwy": "highway",
    "pkwy": "parkway",
    "rd": "road",
}
#: Words naming the kind of place a facility is, at the end of its name.
FACILITY = frozenset(["center", "clinic", "rehab", "treatment", "rehabilitation", "facility"])
#: A facility name needs this many words left after its designators: "Betty Ford" but
#: never a bare town ("Malibu Center" and "Malibu Clinic" may well be two places).
MIN_FACILITY_CORE = 2
#: Names shorter than this (spaces left out) are not compared by spacing.
MIN_COMPACT = 6


def institution_named(key: str) -> bool:
    """Whether the folded name is an institution's or a company's by its last word:
    "matanuska creamery", "dairy", or "acme corp" (a legal form after another word)."""
    words = tokens(key)
    return bool(words) and (words[-1] in INSTITUTION or (len(words) > 1 and words[-1] in CORPORATE))


def road_named(key: str) -> bool:
    """Whether the folded name is a road's by its last word: "snyder ave"."""
    words = tokens(key)
    return len(words) > 1 and words[-1] in ROAD


def road_in_full(key: str) -> str | None:
    """The folded road name with its last word written out ("snyder avenue" for "snyder
    ave"), or None when it is not written short."""
    head, _, last = key.rpartition(" ")  # folded names are spaced once
    full = ROAD_SHORT.get(last) if head else None
    return f"{head} {full}" if full else None


def designator_core(key: str) -> str | None:
    """The name without its trailing legal-form or facility words, or None if it has none.

    "acme holdings corp" -> "acme"; "betty ford treatment center" -> "betty ford";
    "promises treatment center" -> None (one word would be left: too little to
    tell one facility from another); "acme" -> None.
    """
    words = tokens(key)
    corporate = facility = 0
    while len(words) > 1 and words[-1] in CORPORATE:
        words.pop()
        corporate += 1
    while len(words) > 1 and words[-1] in FACILITY:
        words.pop()
        facility += 1
    if not corporate and not facility:
        return None
    if facility and len(words) < MIN_FACILITY_CORE:
        return None
    return " ".join(words)


def designator_groups(keys: Iterable[str]) -> dict[str, list[str]]:
    """Designated names by their core: {"acme": ["acme corp", "acme inc"]}.

    Args:
        keys: folded organization or place names.

    Returns:
        Core -> the sorted names sharing it (a core with one name is kept too,
        since the core itself may be written alone).
    """
    groups: dict[str, list[str]] = {}
    for key in keys:
        core = designator_core(key)
        if core is not None and not has_digits(key):
            groups.setdefault(core, []).append(key)
    return {core: sorted(names) for core, names in groups.items()}


def compact_groups(keys: Collection[str]) -> list[list[str]]:
    """Names that differ only in where the spaces go: "face book" / "facebook".

    Hyphens already fold to spaces, so "X-Corp" / "X Corp" / "XCorp" meet here too.

    Returns:
        Groups of two or more keys, each sorted.
    """
    groups: dict[str, list[str]] = {}
    for key in keys:
        compact = key.replace(" ", "")
        if len(compact) >= MIN_COMPACT and not has_digits(key):
            groups.setdefault(compact, []).append(key)
    return [sorted(group) for group in groups.values() if len(group) > 1]


@lru_cache(maxsize=1 << 14)  # the same names recur in every article
def short_forms(written: str) -> tuple[str, ...]:
    """How an article may write an organization's name short once it has named it in full.

    The name without its legal-form or facility words ("Promises" for
    "Promises Treatment Center", "Acme" for "Acme Holdings Corp."), and the
    head before "of" ("Academy" for "Academy of Motion Picture Arts and
    Sciences"). Unlike ``designator_core`` a single word is kept: the caller
    looks for it only in the article that writes the full name.

    Args:
        written: the cleaned name as written (case kept).

    Returns:
        The short forms as written, longest first; none for a one-word name or
        one with numbers.
    """
    words = written.split()
    if len(words) < 2 or has_digits(written.casefold()):
        return ()
    found = []
    core = list(words)
    while len(core) > 1 and core[-1].rstrip(".").casefold() in CORPORATE | FACILITY:
        core.pop()
    # "Treatment Center" leaves only a designator word: no name at all.
    if len(core) < len(words) and core[-1].rstrip(".").casefold() not in CORPORATE | FACILITY:
        found.append(" ".join(core))
    if "of" in words[1:-1]:
        found.append(" ".join(words[: words.index("of", 1)]))
    return tuple(sorted(set(found), key=lambda form: (-len(form), form)))
