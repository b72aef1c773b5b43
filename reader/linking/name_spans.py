"""Where a name could stand in a text: the places the untagged-name search looks.

A name starts at a capitalised word (not glued to a capitalised word before
it) and may end at any of the next few capitalised words; ``name_spans`` lists
each start with its possible ends, and ``pack_spans`` packs them flat, as a
digest keeps them (``ArticleDigest.packed_spans``).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable

from reader.linking.context import MAX_HEADLINE, title_case

#: Longest name (in words) the untagged-name search looks for.
MAX_WORDS = 6

# A word; ``_tokens`` leaves out a trailing possessive ("Ukraine's", "Jones'"). A plain
# greedy run with the possessive cut in Python is several times faster than a lazy
# pattern with a lookahead at every character.
_TOKEN = re.compile(r"[^\W_][\w&'’-]*")
_APOSTROPHES = "'’"
# Anything but letters, digits, spaces and the marks names have ("AT&T", "O'Neill").
# Capitalised words that follow a name without being part of it ("in Queens Friday night").
# "May" and "March" are left out: they end names too ("Theresa May").
_NEVER_NAME_END = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"january", "february", "april", "june", "july", "august", "september"}
    | {"october", "november", "december"}
)
_ODD_MARK = re.compile(r"[^\w &'’-]|_")


def pack_spans(spans: Iterable[tuple[int, Iterable[int]]]) -> array[int]:
    """``(start, ends)`` pairs packed flat into one array (see ``ArticleDigest.spans``).

    Raises:
        OverflowError: an offset does not fit in 32 bits.
    """
    packed: array[int] = array("i")
    for start, ends in spans:
        ends = list(ends)
        packed.extend((start, len(ends), *ends))
    return packed


def name_spans(text: str) -> list[tuple[int, tuple[int, ...]]]:
    """Where a name could stand on its own in ``text``: the untagged-name search index.

    A name starts at a capitalised word not joined to a capitalised word before
    it (or joined only to a "The" opening the run), runs over at most
    ``MAX_WORDS`` words, and ends at a word not joined to a capitalised word
    after it ("Kyiv" in "Kyiv's mayor" but not in "Kyiv
    Post"); in a line written in capitals or in title case (a headline), where
    every word is capitalised, any run of words may be a name.
    Spans with a line break or a mark no name has (a comma, a full stop) are
    left out, and with them every longer span from the same start.

    Returns:
        ``(start, ends)`` for each possible start, ends shortest first.
    """
    tokens = _tokens(text)
    count = len(tokens)
    upper = [text[start].isupper() for start, _ in tokens]
    # joined[i]: token i and the next are parts of one capitalised name ("Kyiv Post").
    # In a line of capitals or a title-case headline every word is capitalised, so
    # no word tells where a name ends: there any run of words may be a name
    # ("KLITSCHKO RETAINS TITLE", "Woman Killed In Queens Hit-And-Run").
    joined = [False] * count
    capitals: list[tuple[int, int]] | None = None  # found on first need: most texts never do
    capital_starts: list[int] = []
    for i in range(count - 1):
        if not (upper[i] and upper[i + 1]):
            continue
        following = tokens[i + 1]
        if not _same_line_space(text[tokens[i][1] : following[0]]):
            continue
        if text[following[0] : following[1]].casefold() in _NEVER_NAME_END:
            continue
        if capitals is None:
            capitals = _headline_lines(text)
            capital_starts = [start for start, _ in capitals]
        joined[i] = not _inside(capitals, capital_starts, tokens[i][0])
    out = []
    for index in range(count):
        # A name may also start right after a "The" opening the run ("The Kremlin said").
        if not upper[index] or (
            index and joined[index - 1] and not _leading_the(text, tokens, joined, index - 1)
        ):
            continue
        start = tokens[index][0]
        # A name holds no mark but the ones names have: it ends before the first other.
        odd = _ODD_MARK.search(text, start)
        limit = odd.start() if odd else len(text)
        ends = []
        for last in range(index, min(index + MAX_WORDS, count)):
            end = tokens[last][1]
            if end > limit:
                break
            if end - start >= 3 and not joined[last]:
                ends.append(end)
        if ends:
            out.append((start, tuple(ends)))
    return out


def _tokens(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every word, a trailing possessive left out ("Ukraine's")."""
    out = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        last = text[end - 1]
        if last in _APOSTROPHES and end - start >= 2:
            end -= 1
        elif last == "s" and end - start >= 3 and text[end - 2] in _APOSTROPHES:
            end -= 2
        out.append((start, end))
    return out


def _leading_the(text: str, tokens: list[tuple[int, int]], joined: list[bool], index: int) -> bool:
    """Whether token ``index`` is a "The" that opens a run of capitalised words."""
    start, end = tokens[index]
    return text[start:end] == "The" and (index == 0 or not joined[index - 1])


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every line in capitals only (two letters or more) or in title
    case (a headline: ``context.title_case``, no longer than ``MAX_HEADLINE``).
    """
    found = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        capitals = line.upper() == line and sum(ch.isalpha() for ch in line) >= 2
        if capitals or (len(line) <= MAX_HEADLINE and title_case(line)):
            found.append((start, end))
        start = end + 1
    return found


def _inside(lines: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    index = bisect_right(starts, offset) - 1
    return index >= 0 and offset < lines[index][1]


def _same_line_space(gap: str) -> bool:
    return gap.isspace() and "\n" not in gap
