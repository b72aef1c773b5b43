"""Two columns, keys and what they do, drawn line by line (the help screen's tables).

A Rich table in a ``Static`` measured every cell of its fifty rows twice (for
its height, then to draw it) the first time the help was shown: about a tenth
of a second before the help appeared. Here the lines are wrapped once per
width, by plain string work, and each row of the screen is a ready strip.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from reader.ui.layout import sanitize

#: Blank columns before the keys and between the two columns.
GAP = 2
#: The keys' column takes at most this share of the width; longer keys get a line of their own.
KEYS_SHARE = 0.45


def key_lines(rows: Iterable[tuple[str, str]], width: int) -> list[tuple[str, str]]:
    """``(keys cell, text)`` per line: ``rows`` laid out in ``width`` columns.

    The keys' column is as wide as the longest keys that fit in its share; the
    text wraps under itself. Keys wider than that share stand on a line of their
    own, their text on the lines below.
    """
    rows = [(sanitize(keys), sanitize(text)) for keys, text in rows]
    share = max(1, int(width * KEYS_SHARE))
    column = max((len(keys) for keys, _ in rows if len(keys) <= share), default=0)
    indent = GAP + column + GAP
    text_width = max(10, width - indent)
    lines: list[tuple[str, str]] = []
    for keys, text in rows:
        wrapped = textwrap.wrap(text, text_width) or [""]
        if len(keys) > column:
            lines.append((" " * GAP + keys, ""))
            lines += [(" " * indent, part) for part in wrapped]
            continue
        lines.append(((" " * GAP + keys).ljust(indent), wrapped[0]))
        lines += [(" " * indent, part) for part in wrapped[1:]]
    return lines


class KeyTable(Widget):
    """``(keys, what they do)`` rows: the keys in bold, the text wrapped under itself."""

    DEFAULT_CSS = "KeyTable { height: auto; }"

    def __init__(self, rows: Iterable[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = list(rows)
        self._width = -1
        self._lines: list[tuple[str, str]] = []

    def lines_for(self, width: int) -> list[tuple[str, str]]:
        """The lines at ``width`` (made once per width)."""
        if width != self._width:
            self._width, self._lines = width, key_lines(self.rows, width)
        return self._lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines_for(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self.lines_for(width)
        base = self.rich_style
        if y >= len(lines):
            return Strip.blank(width, base)
        keys, text = lines[y]
        segments = [Segment(keys, base + Style(bold=True)), Segment(text, base)]
        return Strip(segments).adjust_cell_length(width, base)
