"""Name normalisation: the keys that decide when two written names are the same name.

Every function here is pure string work. ``clean_name`` turns a mention's text into
the displayable name (spacing, a leading "the", a possessive, titles removed);
``fold_name`` turns a name into its comparison key (case, diacritics, dots in
acronyms, hyphens, British/American spellings, word order of "Ministry of X").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$", re.IGNORECASE)
_TRAILING_PUNCT = re.compile(r"[\s,;:!?\"“”‘’'()\[\]-]+$")
_LEADING_PUNCT = re.compile(r"^[\s,;:!?\"“”‘’'()\[\]-]+")

#: Words that only say what someone is, never who: kept out of a person's name.
TITLE_WORDS = _wordset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady madam mister
    president vice prime deputy foreign defence defense interior finance health justice
    minister secretary chancellor premier governor gov gov. senator sen sen. sens
    representative rep rep. congressman congresswoman mayor judge justice ambassador
    general gen gen. colonel col col. lieutenant lt lt. major maj maj. captain capt capt.
    sergeant sgt sgt. admiral adm adm. commander officer detective det det. chief
    spokesman spokeswoman spokesperson adviser advisor aide director chairman chairwoman
    chair ceo cfo coach manager head leader king queen prince princess emperor pope
    cardinal bishop archbishop rev rev. reverend father sheikh sheik ayatollah imam rabbi
    pastor attorney prosecutor sheriff deputy officer actor actress singer star rapper
    host anchor reporter correspondent editor founder owner chief executive national
    security state former late acting interim then top senior junior
    """
)

# Words that make titles but are also common inside organization names, so they
# only count as a title when a title word follows them ("Foreign Minister").
_ONLY_BEFORE_TITLE = _wordset(
    """
    vice prime foreign defence defense interior finance health national security state
    former late acting interim then top senior junior executive
    """
)

#: Function words skipped when forming initials ("United States of America" -> USA).
STOP_WORDS = _wordset(
    """
    of the and for in on at to de del della la le von van da &
    """
)

# British spellings fold to American ones so "Centre" and "Center" are one name.
_SPELLINGS = {
    "centre": "center",
    "centres": "centers",
    "defence": "defense",
    "organisation": "organization",
    "organisations": "organizations",
    "programme": "program",
    "theatre": "theater",
    "labour": "labor",
    "harbour": "harbor",
}

# "Ministry of Defence" and "Defence Ministry" are one body: fold to the second order.
_OF_FORM = re.compile(
    r"^(ministry|department|dept|office|bureau|university|council|court|bank|agency)"
    r" of (?:the )?(.+)$"
)


def clean_spacing(text: str) -> str:
    """Collapse every run of whitespace (line breaks included) to one space."""
    return _SPACES.sub(" ", text).strip()


def strip_diacritics(text: str) -> str:
    """Remove accents: "José Müller" -> "Jose Muller"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def strip_titles(name: str) -> str:
    """Remove leading titles and honorifics from a person's name.

    "Foreign Minister Dmytro Kuleba" -> "Dmytro Kuleba"; a name made only of
    title words is returned unchanged, since then the title is all we have.

    Args:
        name: a cleaned name (single spaces).

    Returns:
        The name without its leading title words.
    """
    words = name.split(" ")
    # The title part ends at the last title word that still leaves a name after it.
    cut = 0
    for index, word in enumerate(words[:-1]):
        low = word.casefold()
        if low in TITLE_WORDS and low not in _ONLY_BEFORE_TITLE:
            cut = index + 1
        elif low in _ONLY_BEFORE_TITLE or (word[:1].isupper() and _has_title_after(words, index)):
            # A qualifier ("Foreign", "Kremlin", "Ukraine") counts only when a real
            # title follows it before the name starts.
            continue
        else:
            break
    return " ".join(words[cut:]) if cut else name


def _has_title_after(words: list[str], index: int) -> bool:
    for word in words[index + 1 : -1]:
        low = word.casefold()
        if low in TITLE_WORDS and low not in _ONLY_BEFORE_TITLE:
            return True
        if low not in _ONLY_BEFORE_TITLE and not word[:1].isupper():
            return False
    return False


@lru_cache(maxsize=1 << 16)  # the same names recur in every article
def clean_name(text: str, person: bool = False) -> str:
    """The displayable name a mention's text stands for.

    Args:
        text: the mention text as written in the article.
        person: strip titles and honorifics too (for person mentions).

    Returns:
        The name with single spaces, no leading "the", no possessive, no stray
        punctuation at either end and, for people, no titles.
    """
    name = clean_spacing(text)
    name = _LEADING_PUNCT.sub("", name)
    name = _TRAILING_PUNCT.sub("", name)
    if len(name) > 4:
        name = _LEADING_THE.sub("", name)
    name = _POSSESSIVE.sub("", name)
    name = _TRAILING_PUNCT.sub("", name)
    if person:
        name = strip_titles(name)
    return name


@lru_cache(maxsize=1 << 16)
def fold_name(name: str) -> str:
    """The comparison key of a cleaned name.

    Case, diacritics, dots in acronyms ("U.S." = "US"), hyphens and spacing,
    "&" vs "and", British vs American spelling and "Ministry of Defence" vs
    "Defence Ministry" all fold away.
    """
    key = strip_diacritics(name).casefold()
    # "Johnson & Johnson" reads "and"; "AT&T" is one word.
    key = re.sub(r"\s+&\s+", " and ", key).replace("&", "")
    # Dots between single letters are acronym dots: "u.s.a." -> "usa".
    key = re.sub(r"\b([a-z])\.(?=[a-z]\b|\s|$)", r"\1", key)
    key = re.sub(r"(?<=\b[a-z])\.", "", key)
    key = re.sub(r"[-‐‑–—/_.]", " ", key)
    key = re.sub(r"['’`]", "", key)
    key = re.sub(r"[^\w\s]", " ", key)
    key = _SPACES.sub(" ", key).strip()
    if key.startswith("the "):
        key = key[4:]
    words = [_SPELLINGS.get(word, word) for word in key.split(" ")]
    key = " ".join(words)
    if match := _OF_FORM.match(key):
        head = "department" if match.group(1) == "dept" else match.group(1)
        key = f"{match.group(2)} {head}"
    return key


def tokens(key: str) -> list[str]:
    """The words of a folded key."""
    return key.split(" ") if key else []


def initials(key: str, keep_stop_words: bool = False) -> str:
    """The initials of a folded multi-word key: "north atlantic treaty organization" -> "nato".

    Args:
        key: a folded name.
        keep_stop_words: also count "of", "the", ... (some acronyms do).

    Returns:
        The initials, or "" for a one-word key.
    """
    words = tokens(key)
    if len(words) < 2:
        return ""
    if not keep_stop_words:
        words = [w for w in words if w not in STOP_WORDS]
    return "".join(w[0] for w in words if w)


def looks_like_acronym(name: str) -> bool:
    """Whether a cleaned name is written as an acronym ("NATO", "U.S.", "ISNA")."""
    letters = re.sub(r"[.\s&]", "", name)
    return (
        2 <= len(letters) <= 8
        and letters.isalpha()
        and sum(ch.isupper() for ch in letters) >= max(2, len(letters) - 1)
    )


def has_digits(key: str) -> bool:
    """Whether the key holds a number (names differing in numbers never merge)."""
    return any(ch.isdigit() for ch in key)
