"""Rules for people's names: full name variants, surnames alone, spelling variants.

All functions work on folded keys (see ``names.fold_name``), split into words.
"""

from __future__ import annotations

from rapidfuzz.fuzz import ratio

#: Generational suffixes that are not the surname ("Martin Luther King Jr").
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "junior", "senior"})

#: How alike two spellings of a surname must be (rapidfuzz ratio, 0-100).
SURNAME_SIMILARITY = 85.0
#: Shorter surnames are too easy to confuse ("Smith", "Smyth").
MIN_FUZZY_SURNAME = 6
#: First names sharing this many leading letters may be one name ("Bettie" / "Betty").
FIRST_NAME_PREFIX = 4

# Common English short forms of first names: "Mo Cheeks" is "Maurice Cheeks".
# Each line: a formal first name, then the short forms it goes by.
_SHORT_FORMS = """
alexander alex sandy
andrew andy drew
anthony tony
benjamin ben benny
charles charlie chuck
christopher chris
daniel dan danny
david dave
donald don
edward ed eddie ted
elizabeth liz beth betsy betty
frederick fred
gregory greg
james jim jimmy jamie
jennifer jen jenny
jonathan jon
joseph joe joey
katherine kate kathy katie
kenneth ken kenny
lawrence larry
margaret maggie peggy
matthew matt
maurice mo
michael mike mikey
nicholas nick
patricia pat patty
patrick pat
peter pete
philip phil
rebecca becky
richard rick dick rich
robert rob bob bobby bert
ronald ron ronnie
samuel sam
stephen steve
steven steve
susan sue
theodore ted teddy
thomas tom tommy
timothy tim
victoria vicky
william bill billy will willie
"""
_SHORT_PAIRS = frozenset(
    (formal, short)
    for line in _SHORT_FORMS.strip().splitlines()
    for formal, *shorts in [line.split()]
    for short in shorts
)


#: First names the short-form table knows: enough to call "Mo Cheeks" a person's name.
KNOWN_FIRST_NAMES = frozenset(word for pair in _SHORT_PAIRS for word in pair)


def short_form_of(a: str, b: str) -> bool:
    """Whether one first name is a common short form of the other ("mo" / "maurice")."""
    return (a, b) in _SHORT_PAIRS or (b, a) in _SHORT_PAIRS


def person_words(key: str) -> list[str]:
    """The words of a person's folded name, without a generational suffix."""
    words = key.split(" ") if key else []
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return words


def surname(key: str) -> str:
    """The last name of a folded person name ("joe biden" -> "biden")."""
    words = person_words(key)
    return words[-1] if words else ""


def _word_compatible(a: str, b: str) -> bool:
    """Equal words, or one is the initial of the other ("j" / "john")."""
    if a == b:
        return True
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def first_names_alike(a: str, b: str) -> bool:
    """Spelling variants of a first name: "bettie" / "betty", "alexandros" / "alexis"."""
    return len(a) >= FIRST_NAME_PREFIX and a[:FIRST_NAME_PREFIX] == b[:FIRST_NAME_PREFIX]


def surnames_alike(a: str, b: str) -> float | None:
    """The similarity of two surnames when they may be spellings of one name, else None.

    Equal surnames score 100; different ones need the same first letter, no digits,
    enough length and a rapidfuzz ratio of at least ``SURNAME_SIMILARITY``.
    """
    if a == b:
        return 100.0
    if min(len(a), len(b)) < MIN_FUZZY_SURNAME or a[0] != b[0] or any(ch.isdigit() for ch in a + b):
        return None
    score = ratio(a, b)
    return score if score >= SURNAME_SIMILARITY else None


def full_names_compatible(a: str, b: str, fuzzy: bool = False) -> bool:
    """Whether two multi-word person names can name the same person.

    First names must agree (or be an initial or a common short form of each
    other: "Mo" / "Maurice"), surnames must be
    equal (or, with ``fuzzy``, alike), and middle names must agree when both
    have them: "John Smith" fits "John A. Smith", but "John A. Smith" does not
    fit "John B. Smith", and "George W. Bush" does not fit "George H. W. Bush".
    A name of three words or more may also drop its first word ("Arcade Joseph
    Comeaux" fits "Joseph Comeaux"). With ``fuzzy``, first names may also be
    spelling variants (``first_names_alike``).
    """
    wa, wb = person_words(a), person_words(b)
    if len(wa) < 2 or len(wb) < 2:
        return True
    if _words_compatible(wa, wb, fuzzy):
        return True
    # "Arcade Joseph Comeaux" is "Joseph Comeaux" with a first name he goes without.
    return (len(wa) > 2 and _words_compatible(wa[1:], wb, fuzzy)) or (
        len(wb) > 2 and _words_compatible(wa, wb[1:], fuzzy)
    )


def _words_compatible(wa: list[str], wb: list[str], fuzzy: bool) -> bool:
    first_ok = _word_compatible(wa[0], wb[0]) or short_form_of(wa[0], wb[0])
    if not (first_ok or (fuzzy and first_names_alike(wa[0], wb[0]))):
        return False
    last_ok = wa[-1] == wb[-1] or (fuzzy and surnames_alike(wa[-1], wb[-1]) is not None)
    if not last_ok:
        return False
    ma, mb = wa[1:-1], wb[1:-1]
    if ma and mb:
        return len(ma) == len(mb) and all(
            _word_compatible(x, y) for x, y in zip(ma, mb, strict=True)
        )
    return True


def full_name_groups(keys: list[str]) -> list[list[str]]:
    """Group multi-word person names that are variants of one full name.

    A name joins another when they are compatible (``full_names_compatible``) and
    every name it is compatible with is compatible with the others too, so an
    ambiguous short form ("John Smith" beside "John A. Smith" and "John B.
    Smith") stays on its own.

    Args:
        keys: distinct folded person names with at least two words.

    Returns:
        Groups of two or more keys, each the variants of one person's name.
    """
    by_surname: dict[str, list[str]] = {}
    for key in keys:
        by_surname.setdefault(surname(key), []).append(key)
    groups: list[list[str]] = []
    for block in by_surname.values():
        if len(block) < 2:
            continue
        friends = {
            key: [other for other in block if other != key and full_names_compatible(key, other)]
            for key in block
        }
        parent = {key: key for key in block}
        # A name compatible with two names that are not compatible with each
        # other could be either person: it joins neither.
        ambiguous = {
            key
            for key, mates in friends.items()
            if not all(
                full_names_compatible(x, y) for i, x in enumerate(mates) for y in mates[i + 1 :]
            )
        }
        for key, mates in friends.items():
            if key in ambiguous:
                continue
            for mate in mates:
                if mate not in ambiguous:
                    parent[_find(parent, mate)] = _find(parent, key)
        members: dict[str, list[str]] = {}
        for key in block:
            members.setdefault(_find(parent, key), []).append(key)
        groups.extend(sorted(group) for group in members.values() if len(group) > 1)
    return groups


def _find(parent: dict[str, str], key: str) -> str:
    while parent[key] != key:
        parent[key] = parent[parent[key]]
        key = parent[key]
    return key
