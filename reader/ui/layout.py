"""Word wrapping of article text into display lines that keep their offsets.

Pure functions (no Textual): the article view renders only the visible display
lines, so wrapping must be cheap and each line must know which slice of the
article text it shows, for highlights and for clicks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import cell_len

_TOKEN = re.compile(r"\S+\s*|\s+")
_LINES = re.compile(r"[^\n]*")


def _control_picture(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ .. ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls have no picture


# One character in, one character out, so offsets into the shown text equal
# offsets into the article text.
_SAFE = {code: _control_picture(code) for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]}
_SAFE[ord("\t")] = " "
_SAFE[ord("\n")] = "\n"


def sanitize(text: str) -> str:
    """``text`` with every control character replaced by a visible one of the same length.

    Article text is untrusted: an escape sequence must never reach the terminal.
    """
    return text.translate(_SAFE)


@dataclass(frozen=True, slots=True)
class DisplayLine:
    """One row of the view: the article slice ``start:end``, or a note that shows no text."""

    start: int
    end: int
    note: str | None = None


def wrap(text: str, width: int, notes: dict[int, list[str]] | None = None) -> list[DisplayLine]:
    """Break ``text`` into display lines at most ``width`` cells wide.

    Lines break at spaces when they can and inside a word longer than a line
    when they must; trailing spaces stay on the line they follow (the view crops
    them). Each ``\\n`` ends a line.

    Args:
        text: the (sanitized) article text.
        width: the number of cells available (at least 1 is used).
        notes: extra note rows to show after the source line holding an offset,
            keyed by that offset.

    Returns:
        The display lines in order; an empty text gives one empty line.
    """
    width = max(1, width)
    lines: list[DisplayLine] = []
    anchors = sorted(notes) if notes else []
    next_anchor = 0
    for match in _LINES.finditer(text):
        start, end = match.span()
        if start > 0 and text[start - 1] != "\n":
            continue  # the empty match right after a line's end
        _wrap_line(text, start, end, width, lines)
        while next_anchor < len(anchors) and anchors[next_anchor] <= end:
            anchor = anchors[next_anchor]
            if anchor >= start:
                lines.extend(DisplayLine(end, end, note) for note in notes[anchor])  # type: ignore[index]
            next_anchor += 1
    return lines


def _wrap_line(text: str, start: int, end: int, width: int, out: list[DisplayLine]) -> None:
    if start == end:
        out.append(DisplayLine(start, end))
        return
    narrow = text[start:end].isascii()
    measure = len if narrow else cell_len
    line_start = start
    used = 0
    for token in _TOKEN.finditer(text, start, end):
        word = token.group().rstrip()
        word_width = measure(word)
        if used and used + word_width > width:
            out.append(DisplayLine(line_start, token.start()))
            line_start = token.start()
            used = 0
        if word_width > width:
            line_start, used = _split_long(text, token.start(), token.end(), width, out, narrow)
            continue
        used += measure(token.group())
    out.append(DisplayLine(line_start, end))


def _split_long(
    text: str, start: int, end: int, width: int, out: list[DisplayLine], narrow: bool
) -> tuple[int, int]:
    """Cut a word wider than a line into full lines; return the open last piece."""
    line_start = start
    used = 0
    for offset in range(start, end):
        char_width = 1 if narrow else cell_len(text[offset])
        if used and used + char_width > width and not text[offset].isspace():
            out.append(DisplayLine(line_start, offset))
            line_start = offset
            used = 0
        used += char_width
    return line_start, used


def line_of(lines: list[DisplayLine], starts: list[int], offset: int) -> int:
    """The index of the text line (not a note) showing ``offset``.

    Args:
        lines: the display lines.
        starts: ``[line.start for line in lines]`` (precomputed, sorted).
        offset: an offset into the text.
    """
    index = max(0, bisect_right(starts, offset) - 1)
    # Note rows share their offset with the end of the line before them.
    while index > 0 and lines[index].note is not None:
        index -= 1
    return index


def offset_at(text: str, line: DisplayLine, x: int) -> int | None:
    """The text offset under cell column ``x`` of ``line``, or None past its end."""
    if line.note is not None or x < 0:
        return None
    used = 0
    for offset in range(line.start, line.end):
        used += cell_len(text[offset]) or 1
        if used > x:
            return offset
    return None
