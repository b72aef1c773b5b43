"""Editions: texts that are copies of one another, found without comparing all pairs.

Wire copy is republished many times with a changed headline, a closing line or
a corrected sentence. Such editions say nothing new about which event they
report, so story grouping compares one representative of each and gives the
others its story. Two texts are editions when the lines they share make up
nearly all of the longer one (all but a tenth, or all but a short line).
Candidates are only the representatives that share one of a text's longest
lines, so the cost grows with the number of texts, not with its square.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Share of the longer text's characters (in distinct lines) the two texts must share...
OVERLAP = 0.9
#: ... unless they differ by no more than a short line (a timestamp, a byline)
SLACK_CHARS = 80
#: ... and share at least this much of the longer one.
MIN_SHARE = 0.5
#: Longest lines of a text that find its candidates.
KEY_LINES = 3
#: Lines shorter than this are too common ("Advertisement") to find candidates.
KEY_MIN_CHARS = 20
#: Representatives checked per key line: a line in many texts is boilerplate.
KEY_CHECKS = 8


def representatives(texts: Sequence[str]) -> list[int]:
    """For each text, the index of an earlier text it is an edition of (else itself).

    Texts are taken in the given order, so a representative always comes
    before its editions; callers that want a result independent of the input
    order pass the texts in a canonical order.

    Args:
        texts: The texts, in the order that decides which one represents its editions.

    Returns:
        ``out[i] == i`` when text ``i`` represents itself, else the index of
        its representative (which represents itself).
    """
    out: list[int] = []
    exact: dict[str, int] = {}
    lines_of: dict[int, dict[str, int]] = {}  # representative -> its distinct lines and lengths
    totals: dict[int, int] = {}
    by_key: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        same = exact.get(text)
        if same is not None:
            out.append(same)
            continue
        lines = _lines(text)
        if not lines:  # a blank text (a failed extraction) is no copy of another
            out.append(index)
            continue
        total = sum(lines.values())
        keys = _keys(lines)
        found = _find(lines, total, keys, by_key, lines_of, totals)
        if found is None:
            found = index
            lines_of[index], totals[index] = lines, total
            for key in keys:
                by_key.setdefault(key, []).append(index)
            exact[text] = index
        out.append(found)
    return out


def _lines(text: str) -> dict[str, int]:
    """The distinct non-blank lines of ``text`` (stripped), with their lengths."""
    # C loops: a collection has hundreds of thousands of lines.
    lines = list(dict.fromkeys(filter(None, map(str.strip, text.splitlines()))))
    return dict(zip(lines, map(len, lines), strict=True))


def _keys(lines: dict[str, int]) -> list[str]:
    # Longest first, ties by the text itself so the choice never depends on hashing.
    long = [line for line, size in lines.items() if size >= KEY_MIN_CHARS]
    # By text, then (a stable sort keeps that order for ties) longest first.
    long.sort()
    long.sort(key=len, reverse=True)
    return long[:KEY_LINES]


def _find(
    lines: dict[str, int],
    total: int,
    keys: list[str],
    by_key: dict[str, list[int]],
    lines_of: dict[int, dict[str, int]],
    totals: dict[int, int],
) -> int | None:
    """The first representative ``lines`` is an edition of, or None."""
    if not total:
        return None
    checked: set[int] = set()
    for key in keys:
        for rep in by_key.get(key, ())[:KEY_CHECKS]:
            if rep in checked:
                continue
            checked.add(rep)
            longer = max(total, totals[rep])
            needed = max(MIN_SHARE * longer, min(OVERLAP * longer, longer - SLACK_CHARS))
            # The shared characters can be at most the shorter text: skip at once.
            if min(total, totals[rep]) < needed:
                continue
            other = lines_of[rep]
            small, large = (lines, other) if len(lines) <= len(other) else (other, lines)
            if sum(map(small.__getitem__, small.keys() & large.keys())) >= needed:
                return rep
    return None
