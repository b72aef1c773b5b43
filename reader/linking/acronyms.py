"""Acronyms: by the initials of a long name, and by definitions written in the text.

"North Atlantic Treaty Organization (NATO)" defines NATO in the text; "NATO"
elsewhere matches the long name by its initials even with no definition.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.model import Mention
from reader.names import STOP_WORDS, clean_name, fold_name, initials, tokens

# An acronym in brackets right after a name: "United States (US)".
_BRACKETED_ACRONYM = re.compile(r"\s*\(\s*((?:[A-Z]\.?){1,2}[A-Za-z.&]{0,8})\s*\)")
# A long name in brackets right after an acronym: "ICC (International Criminal Court)".
_BRACKETED_NAME = re.compile(r"\s*\(\s*([A-Z][^()\n]{3,80}?)\s*\)")
# A mention that carries its own definition: "North Atlantic Treaty Organization (NATO)".
_SELF_DEFINED = re.compile(r"^(.+?)\s*\(\s*([^()]+?)\s*\)$")


def acronym_key(text: str) -> str:
    """The folded key of an acronym as written ("U.S." -> "us")."""
    return fold_name(clean_name(text)).replace(" ", "")


def initials_of(key: str) -> set[str]:
    """Every initialism a folded long name may go by: with and without "of", "the", ..."""
    found = {initials(key), initials(key, keep_stop_words=True)}
    return {value for value in found if len(value) >= 2}


def spells(acronym: str, long_key: str) -> bool:
    """Whether a folded acronym can stand for a folded long name.

    The initials must match, or, for definitions written in the text, the acronym's
    letters must start the long name's words in order ("ISNA" for "Iranian
    Students News Agency", "Interpol" style word-start contractions included).
    """
    if acronym in initials_of(long_key):
        return True
    words = [w for w in tokens(long_key) if w not in STOP_WORDS] or tokens(long_key)
    if not words or not acronym or acronym[0] != words[0][0]:
        return False
    return _consumes(acronym, words)


def _consumes(letters: str, words: list[str]) -> bool:
    """Whether ``letters`` is a prefix of one word, then of the next, ... covering every word."""
    if not words:
        return not letters
    if not letters:
        return False
    word = words[0]
    # Each word gives one or more of its leading letters, in order.
    for take in range(1, min(len(word), len(letters)) + 1):
        if word[:take] != letters[:take]:
            break
        if _consumes(letters[take:], words[1:]):
            return True
    return False


def definitions(text: str, mentions: tuple[Mention, ...]) -> Iterator[tuple[str, str, str]]:
    """Acronym definitions written in one article.

    Args:
        text: the article text.
        mentions: the article's mentions (the long names must be mentions).

    Yields:
        ``(long_key, acronym_key, written)`` for each definition whose acronym
        spells the long name; ``written`` is the defining text as written.
    """
    for mention in mentions:
        if match := _SELF_DEFINED.match(mention.text):
            yield from _checked(match.group(1), match.group(2), mention.text)
        after = text[mention.end : mention.end + 100]
        if match := _BRACKETED_ACRONYM.match(after):
            written = text[mention.start : mention.end + match.end()]
            yield from _checked(mention.text, match.group(1), written)
        elif match := _BRACKETED_NAME.match(after):
            written = text[mention.start : mention.end + match.end()]
            yield from _checked(match.group(1), mention.text, written)


def _checked(long_text: str, short_text: str, written: str) -> Iterator[tuple[str, str, str]]:
    long_key = fold_name(clean_name(long_text))
    short = acronym_key(short_text)
    if len(tokens(long_key)) >= 2 and 2 <= len(short) <= 10 and spells(short, long_key):
        yield long_key, short, " ".join(written.split())
