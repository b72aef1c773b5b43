"""Pair double quotation marks in raw text, one paragraph at a time.

This layer knows nothing of spaCy: it turns a text into the character ranges
enclosed by double quotation marks. Single quotes are not paired, so a nested
``'...'`` / ``‘...’`` and every apostrophe (it's, '90s, rock 'n' roll) are
plain text, except in an article whose own style is ‘single marks’ around
speech (``single_marks_as_double``), where those are the quotation marks.
Pairing is local: a mark that cannot be paired is dropped, and an opening
mark left unclosed runs to the end of its own paragraph at most,
unless the next paragraph visibly continues it (it opens with a quotation
mark, the news convention for a quote over several paragraphs, or, in
one-sentence-per-line text, its first mark is a lone closing one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Marks that only ever open or only ever close a quotation.
OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
#: Marks whose role is read from the context (straight and typewriter marks).
AMBIGUOUS = frozenset('"‟″')
DOUBLE_MARKS = OPENERS | CLOSERS | AMBIGUOUS

#: Characters after which a mark reads as opening ("said: “", "(“", "—“").
_OPEN_BEFORE = frozenset("([{—–-:/")
#: Characters before which a mark reads as closing ("”,", "”)", "” —").
_CLOSE_AFTER = frozenset(".,;:!?)]}—–-…")
#: Punctuation that never follows an opening mark.
_PUNCT_AFTER = frozenset(",.;:!?)]}")

_OPENING_PAIR = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))''(?=\w)", re.MULTILINE)

#: A mark-free line is bridged only if a closing line follows within this many lines.
MAX_BRIDGED_LINES = 12


@dataclass(frozen=True, slots=True)
class RawQuote:
    """Text between a pair of double quotation marks.

    Attributes:
        start: first quoted character (after the opening mark, spaces skipped).
        end: one past the last quoted character (before the closing mark).
        open_mark: offset of the opening mark.
        close_mark: offset of the closing mark, or None when it is missing.
        paragraphs: how many paragraphs (lines) the quotation runs over.
    """

    start: int
    end: int
    open_mark: int
    close_mark: int | None
    paragraphs: int = 1


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    blank_before: bool  # a blank line separates it from the previous non-empty line


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    blank = False
    start = 0
    for raw in text.split("\n"):
        end = start + len(raw)
        if raw.strip():
            lines.append(_Line(start, end, blank))
            blank = False
        else:
            blank = True
        start = end + 1
    return lines


def _role(text: str, pos: int) -> str:
    """``"open"``, ``"close"`` or ``"either"`` for the double mark at ``pos``."""
    before = text[pos - 1] if pos > 0 else "\n"
    after = text[pos + 1] if pos + 1 < len(text) else "\n"
    opens = (
        not after.isspace()
        and after not in _PUNCT_AFTER
        and (before.isspace() or before in _OPEN_BEFORE)
    )
    closes = (not before.isspace() or after in _PUNCT_AFTER) and (
        after.isspace() or after in _CLOSE_AFTER
    )
    mark = text[pos]
    if mark in OPENERS:
        # A curly mark is trusted unless its place contradicts it ("win,“ he said").
        return "close" if closes and not opens else "open"
    if mark in CLOSERS:
        return "open" if opens and not closes else "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _marks(text: str, line: _Line) -> list[int]:
    return [i for i in range(line.start, line.end) if text[i] in DOUBLE_MARKS]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == "\x00"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == "\x00"):
        end -= 1
    return start, end


#: Markdown code: fenced blocks (``` or ~~~ lines) and `inline code` on one line.
_FENCED = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?^[ \t]*\1[^\n]*$", re.MULTILINE | re.DOTALL)
_INLINE = re.compile(r"(?<![`\w])`(?!`)[^`\n]+`(?![`\w])")


def blank_code(text: str) -> str:
    """``text`` with Markdown code blanked out (same length): marks in code are not quotes."""

    def spaces(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _INLINE.sub(spaces, _FENCED.sub(spaces, text))


def find_quotes(text: str) -> list[RawQuote]:
    """Find every stretch of ``text`` enclosed in double quotation marks.

    Args:
        text: the article text (any mix of straight and curly marks).

    Returns:
        The quotations in text order, without their marks; empty ones are left out.
    """
    # Typewriter pairs (``like this'') become one curly mark plus a filler
    # character, so offsets stay those of ``text``.
    text = blank_code(text)
    text = text.replace("``", "“\x00")
    text = _OPENING_PAIR.sub("“\x00", text).replace("''", "\x00”")
    text = single_marks_as_double(text) or text
    lines = _lines(text)
    marks = [_marks(text, line) for line in lines]
    quotes: list[RawQuote] = []
    index = 0
    open_at: int | None = None  # offset of the open mark
    start_line = 0
    skip_first = False  # the line's first mark continues a quote from the line before
    while index < len(lines):
        line_marks = marks[index][1:] if skip_first else marks[index]
        skip_first = False
        for pos in line_marks:
            role = _role(text, pos)
            if open_at is None:
                if role != "close":
                    open_at, start_line = pos, index
                continue  # a stray closing mark pairs with nothing
            if role == "open" and text[pos] in OPENERS and pos > open_at + 1:
                # A second opening mark: the first one was never closed.
                quotes.append(_make(text, open_at, pos, None, index - start_line + 1))
                open_at, start_line = pos, index
                continue
            quotes.append(_make(text, open_at, pos, pos, index - start_line + 1))
            open_at = None
        if open_at is None:
            index += 1
            continue
        nxt = _continuation(text, lines, marks, index)
        if nxt is None:
            # Unclosed: it runs to the end of its own paragraph, no further.
            quotes.append(_make(text, open_at, lines[index].end, None, index - start_line + 1))
            open_at = None
            index += 1
            continue
        index, skip_first = nxt
    return [q for q in quotes if q.end > q.start]


#: A curly single mark that opens ("‘Yes") and one that closes ("yes’ he", "yes’.");
#: apostrophes sit inside words (it’s, ’90s) and so match neither.
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))‘(?=[^‘’\d])", re.MULTILINE)
_SINGLE_CLOSE = re.compile(r"(?<!‘)’(?=[\s.,;:!?)\]—–-]|$)", re.MULTILINE)
#: Fewer quoted words than this do not count towards single marks being the style.
_STYLE_MIN_WORDS = 3


def single_marks_as_double(text: str) -> str | None:
    """The text read with curly single marks as the quotation marks, if that is its style.

    Some outlets quote with ‘single marks’ and nest “double” ones inside. When
    single-marked quotes of several words outnumber double-marked ones (one is
    enough in an article with no double marks),
    returns a copy of ``text`` (same length, so offsets hold) where ‘ in an
    opening place becomes “, ’ in a closing place while a quote is open
    becomes ”, and the nested double marks become plain characters; otherwise
    None. A ’ with no quote open is an apostrophe (the Joneses’ car), and so
    is a ‘ before a digit (the ‘90s).
    """
    chars = list(text)
    marks = sorted(
        [*_SINGLE_OPEN.finditer(text), *_SINGLE_CLOSE.finditer(text)], key=lambda m: m.start()
    )
    opened: int | None = None
    pairs = 0
    for match in marks:
        pos = match.start()
        if text[pos] == "‘":
            chars[pos] = "“"
            opened = pos
        elif opened is not None:
            chars[pos] = "”"
            if len(text[opened + 1 : pos].split()) >= _STYLE_MIN_WORDS:
                pairs += 1
            opened = None
    doubles = sum(1 for ch in text if ch in DOUBLE_MARKS)
    if pairs == 0 or doubles // 2 >= pairs:
        return None
    for index, ch in enumerate(text):
        if ch in DOUBLE_MARKS:
            chars[index] = "\x01"  # quotes nested in single-marked ones: plain text
    return "".join(chars)


def _continuation(
    text: str, lines: list[_Line], marks: list[list[int]], index: int
) -> tuple[int, bool] | None:
    """Where an unclosed quote on line ``index`` continues, if the next lines say it does.

    Returns the next line to scan and whether its first mark only marks the
    continuation, or None when the quote ends with its own paragraph.
    """
    nxt = index + 1
    if nxt >= len(lines):
        return None
    first = marks[nxt][0] if marks[nxt] else None
    stripped = text[lines[nxt].start : lines[nxt].end].lstrip()
    if first is not None and stripped[:1] in DOUBLE_MARKS:
        # The multi-paragraph convention: every paragraph of the quote opens
        # with a mark, only the last one closes.
        return nxt, True
    if lines[nxt].blank_before:
        return None
    # One sentence per line: the quote goes on while lines carry no mark and
    # ends on the first line whose marks cannot pair among themselves.
    for ahead in range(nxt, min(len(lines), nxt + MAX_BRIDGED_LINES + 1)):
        if ahead > nxt and lines[ahead].blank_before:
            return None
        if not marks[ahead]:
            continue
        if text[lines[ahead].start : lines[ahead].end].lstrip()[:1] in DOUBLE_MARKS:
            return nxt, False  # mark-free lines, then a paragraph continuing the quote
        first = marks[ahead][0]
        if len(marks[ahead]) % 2 == 1 and (
            text[first] in AMBIGUOUS or _role(text, first) == "close"
        ):
            return nxt, False
        return None
    return None


def _make(text: str, open_mark: int, end: int, close: int | None, paragraphs: int) -> RawQuote:
    start, stop = _trimmed(text, open_mark + 1, end)
    return RawQuote(start, stop, open_mark, close, paragraphs)


def paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    """The ``(start, end)`` of the line holding offset ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end
