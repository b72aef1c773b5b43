"""Where a name could stand in a text: the places the untagged-name search looks.

A name starts at a capitalised word (not glued to a capitalised word before
it) and may end at any of the next few capitalised words; ``name_spans`` lists
each start with its possible ends, and ``pack_spans`` packs them into three flat
arrays (``PackedSpans``), as a digest keeps them (``ArticleDigest.packed_spans``).
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import count, islice
from operator import lt
from typing import NamedTuple

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


class PackedSpans(NamedTuple):
    """``name_spans`` as three flat arrays of 32-bit offsets (``pack_spans``).

    A UI keeps the digests of every article in memory, and tuples of int objects
    took ten times the room; stored as raw bytes (``to_bytes``), a digest store row
    is read back without parsing a number, and checked (``checked``) with C loops.

    Attributes:
        starts: every place a name can start, in text order (each once).
        bounds: where each start's ends sit in ``ends``: those of ``starts[i]`` are
            ``ends[bounds[i]:bounds[i + 1]]`` (``len(starts) + 1`` values, from 0).
        ends: the ends of every start, shortest first, start by start.
    """

    starts: array[int]
    bounds: array[int]
    ends: array[int]

    def pairs(self) -> list[tuple[int, tuple[int, ...]]]:
        """``(start, ends)`` for each start, as ``name_spans`` gave them."""
        ends, bounds = self.ends, self.bounds
        return [
            (start, tuple(ends[bounds[number] : bounds[number + 1]]))
            for number, start in enumerate(self.starts)
        ]

    def numbers(self) -> dict[int, int]:
        """Start -> its number in ``starts`` (made by C loops)."""
        return dict(zip(self.starts, count()))

    def to_bytes(self) -> bytes:
        """The arrays as raw little-endian bytes: the number of starts, then each array."""
        parts = [array("i", [len(self.starts)]), self.starts, self.bounds, self.ends]
        if _BIG_ENDIAN:
            parts = [_swapped(part) for part in parts]
        return b"".join(part.tobytes() for part in parts)

    @classmethod
    def from_bytes(cls, data: bytes | memoryview) -> PackedSpans:
        """``to_bytes`` back, ``checked``.

        Raises:
            ValueError: the bytes are not packed spans.
        """
        view = memoryview(data)
        if len(view) < 8 or len(view) % 4:
            raise ValueError("packed spans of a wrong size")
        arrays = []
        for first, last in _layout(view):
            part = array("i")
            part.frombytes(view[first:last])
            if _BIG_ENDIAN:
                part.byteswap()
            arrays.append(part)
        starts, bounds, ends = arrays
        return cls.checked(starts, bounds, ends)

    @classmethod
    def checked(
        cls, starts: Sequence[int], bounds: Sequence[int], ends: Sequence[int]
    ) -> PackedSpans:
        """Packed spans of these values when they are well formed: one bound more than
        starts, from 0 to the number of ends, rising (every start has an end).

        Raises:
            ValueError: they are not; TypeError or OverflowError: a value is no 32-bit int.
        """
        starts, bounds, ends = (_ints(part) for part in (starts, bounds, ends))
        if (
            len(bounds) != len(starts) + 1
            or bounds[0] != 0
            or bounds[-1] != len(ends)
            or not all(map(lt, bounds, islice(bounds, 1, None)))
        ):
            raise ValueError("packed spans do not fit together")
        return cls(starts, bounds, ends)


_BIG_ENDIAN = sys.byteorder == "big"


def _ints(values: Sequence[int]) -> array[int]:
    return values if isinstance(values, array) and values.typecode == "i" else array("i", values)


def _swapped(part: array[int]) -> array[int]:
    copy = array("i", part)
    copy.byteswap()
    return copy


def _layout(view: memoryview) -> list[tuple[int, int]]:
    """Where ``to_bytes`` put the starts, the bounds and the ends in ``view``.

    Raises:
        ValueError: the count of starts does not fit the size.
    """
    head = array("i")
    head.frombytes(view[:4])
    if _BIG_ENDIAN:
        head.byteswap()
    starts = head[0]
    bounds_at = 4 + 4 * starts
    ends_at = bounds_at + 4 * (starts + 1)
    if starts < 0 or ends_at > len(view):
        raise ValueError("packed spans of a wrong size")
    return [(4, bounds_at), (bounds_at, ends_at), (ends_at, len(view))]


def pack_spans(spans: Iterable[tuple[int, Iterable[int]]]) -> PackedSpans:
    """``(start, ends)`` pairs packed into flat arrays (see ``PackedSpans``).

    Raises:
        OverflowError: an offset does not fit in 32 bits.
    """
    starts: array[int] = array("i")
    bounds: array[int] = array("i", [0])
    ends: array[int] = array("i")
    for start, found in spans:
        starts.append(start)
        ends.extend(found)
        bounds.append(len(ends))
    return PackedSpans(starts, bounds, ends)


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
