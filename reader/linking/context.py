"""What the article texts themselves say about names: common words and headline lines.

NER over-extends names in title-case headlines ("Lindsay Lohan Checks Into
Rehab") and at sentence starts ("Joining Cooley"); knowing which words the
articles also write in lower case (common words, not names) and which lines are
title case lets the linker see through those spans.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*[a-z](?![\w'’-])")
# A capitalised word right after an all-lower-case word (or a comma): mid-sentence.
_MID_CAPITAL = re.compile(r"(?:(?<![\w'’-])[a-z][a-z'’-]*|,) ([A-Z][a-z'’-]*[a-z])")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: Longest line taken for a headline.
MAX_HEADLINE = 200
# Short function words that stay lower case in title case ("Checks Into the Rehab").
_MINOR = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "for", "in", "into", "of", "off", "on", "or"}
    | {"the", "to", "up", "v", "via", "vs", "with"}
)


def lower_and_capitalised(text: str) -> tuple[set[str], set[str]]:
    """How one article writes its words: in lower case, and capitalised mid-sentence.

    A word written in lower case is a common word; a common word that is never
    capitalised mid-sentence ("joining", "comedian") is not part of a name even
    where NER put it in one ("Joining Cooley"), while "Mark" or "Rose" are.

    Args:
        text: the article text.

    Returns:
        ``(lower, capitalised)``: the words written in lower case, and the
        folded words written capitalised after a lower-case word or a comma.
    """
    lower = set(_LOWER_WORD.findall(text))
    capitalised = {w.casefold() for w in _MID_CAPITAL.findall(text)}
    return lower, capitalised


def in_title_case_line(text: str, start: int, end: int) -> bool:
    """Whether the span sits in a title-case line (a headline) of ``text``.

    A line counts when it has at least three words and every word but short
    function words starts with a capital letter (or is all capitals).
    """
    # Headlines are short: look no further than this for the line's ends.
    low, high = max(0, start - MAX_HEADLINE), min(len(text), end + MAX_HEADLINE)
    line_start = text.rfind("\n", low, start) + 1 or (0 if low == 0 else -1)
    line_end = text.find("\n", end, high)
    if line_end == -1:
        line_end = len(text) if high == len(text) else -1
    if line_start < 0 or line_end < 0:
        return False
    return title_case(text[line_start:line_end])


@lru_cache(maxsize=1 << 12)  # every mention of a line asks about the same line
def title_case(line: str) -> bool:
    """Whether one line is written in title case (at least three words; see above)."""
    words = _WORD.findall(line)
    if len(words) < 3:
        return False
    major = [w for w in words if w.casefold() not in _MINOR]
    return bool(major) and all(w[0].isupper() for w in major)


def mid_sentence(text: str, start: int) -> bool:
    """Whether a word at ``start`` follows other words of its sentence (so a capital
    there says it is a name, not where the sentence begins)."""
    before = text[max(0, start - 40) : start].rstrip(" \t\"'“‘(")
    return bool(before) and before[-1] not in ".!?:\n"


def written_whole(
    text: str, forms: Iterable[str], joins: Callable[[str], bool] = str.isalnum
) -> Iterator[tuple[int, int]]:
    """Where ``text`` writes one of ``forms`` as a whole (no character that ``joins``
    words, a letter or a digit by default, on either side), form by form, left to
    right."""
    for form in forms:
        start = text.find(form)
        while start != -1:
            end = start + len(form)
            if (not start or not joins(text[start - 1])) and (
                end == len(text) or not joins(text[end])
            ):
                yield start, end
            start = text.find(form, end)
