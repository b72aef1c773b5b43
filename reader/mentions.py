"""Repairs of NER mention boundaries that would otherwise hurt linking.

spaCy's spans sometimes carry a leading "the", a trailing possessive, stray
punctuation, a photo credit glued on with a slash ("Sergei Supinsky/AFP"), the
next line of a headline or dateline ("Teixeira\\nBoston"), two sentences glued
without a space ("Ukraine.Moscow"), or, for people, a title ("President Joe
Biden"). The repaired span is always an exact slice of the article text.
"""

from __future__ import annotations

import re

from reader.names import strip_titles

_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’]|[\s.,;:!?\"“”‘’()\[\]-])+$")
_LEADING_PUNCT = re.compile(r"^[\s\"“”‘’'()\[\],;:.-]+")
# A slash that separates two names rather than joining one ("AC/DC"): spaced, or
# after a multi-word name ("Sergei Supinsky/AFP", "Moscow/ Kyiv").
_CREDIT_SLASH = re.compile(r"\s*/\s*")
# Two sentences glued by a missing space: "in Ukraine.Moscow".
_GLUED_SENTENCE = re.compile(r"(?<=[a-z]{2})\.(?=[A-Z][a-z])")
# A title abbreviation glued to the name: "Gov.Sarah Palin".
_GLUED_TITLE = re.compile(r"(?:Gov|Sen|Rep|Dr|Mr|Mrs|Ms|Gen|Lt|Col|Capt|Sgt|Prof|Pres)\.(?=[A-Z])")
# A wrapped line this long, not ending a sentence, is a soft break inside a paragraph.
SOFT_WRAP_MIN = 50
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]\s*$")


def repair_span(
    text: str, start: int, end: int, label: str | None = None
) -> tuple[int, int] | None:
    """Trim a mention span of ``text`` to the name it names.

    Args:
        text: the whole article text.
        start: the span's start offset.
        end: the span's end offset.
        label: the NER label; for "PERSON", leading titles are left out too.

    Returns:
        The new ``(start, end)``, or None when nothing of a name is left.
    """
    start, end = _first_line(text, start, end)
    if match := _GLUED_TITLE.match(text, start, end):
        start = match.end()  # before the glued-sentence cut, which "Gov.Sarah" would fool
    start, end = _before(text, start, end, _GLUED_SENTENCE)
    start, end = _before_credit(text, start, end)
    surface = text[start:end]
    # Punctuation and "the" may come in either order: 'the "American Pie'.
    for _ in range(2):
        if match := _LEADING_PUNCT.match(surface):
            start += match.end()
            surface = surface[match.end() :]
        if (match := _LEADING.match(surface)) and len(surface) > match.end():
            start += match.end()
            surface = surface[match.end() :]
    if match := _TRAILING.search(surface):
        # Keep a final dot that belongs to an abbreviation ("U.S.", "Inc.").
        cut = match.start()
        if surface[cut : cut + 1] == "." and re.search(r"(?:^|[\s.])[A-Za-z]$", surface[:cut]):
            cut += 1
        end = start + cut
    if label == "PERSON":
        start = _after_titles(text, start, end)
    if end <= start or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return start, end


def repair_spans(
    text: str, start: int, end: int, label: str | None = None
) -> list[tuple[int, int, str | None]]:
    """Split a mention span that holds several names, then repair each part.

    "Sergei Supinsky/AFP" is a photographer and an agency; "Ukraine.Moscow" two
    places; "Teixeira\nBoston" a headline's end and the next line's start.

    Args:
        text: the whole article text.
        start: the span's start offset.
        end: the span's end offset.
        label: the NER label of the span.

    Returns:
        ``(start, end, label)`` for every part that still names something, in
        text order; the agency after a person's photo credit is labelled "ORG".
    """
    parts: list[tuple[int, int, str | None]] = []
    for part_start, part_end in _parts(text, start, end):
        part_label = label
        if parts and label == "PERSON" and text[part_start - 1 : part_start] == "/":
            part_label = "ORG" if " " not in text[part_start:part_end].strip() else label
        repaired = repair_span(text, part_start, part_end, part_label)
        if repaired is None or (parts and _stray(text[repaired[0] : repaired[1]])):
            continue
        parts.append((*repaired, part_label))
    return parts


def _stray(part: str) -> bool:
    """A short capitalised leftover after a split ("Fri" from a dateline), not an acronym."""
    return len(part) < 4 and not part.isupper()


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of a span between hard line breaks, glued sentences and credit slashes."""
    pieces = [(start, end)]
    for splitter in (_hard_breaks, _glued_sentences, _credit_slashes):
        pieces = [p for s, e in pieces for p in splitter(text, s, e)]
    return pieces


def _hard_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    while True:
        first_start, first_end = _first_line(text, start, end)
        out.append((first_start, first_end))
        if first_end >= end:
            return out
        start = first_end + 1


def _glued_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for match in _GLUED_SENTENCE.finditer(text, start, end):
        if _GLUED_TITLE.match(text, start, end):
            break
        out.append((start, match.start()))
        start = match.end()
    return [*out, (start, end)]


def _credit_slashes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cut_start, cut_end = _before_credit(text, start, end)
    if cut_end == end:
        return [(start, end)]
    slash = _CREDIT_SLASH.search(text, cut_end, end)
    assert slash is not None  # _before_credit cut at this slash
    return [(cut_start, cut_end), (slash.end(), end)]


def _first_line(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut a span at a line break, unless the break only wraps a long paragraph line."""
    pos = start
    while (brk := text.find("\n", pos, end)) != -1:
        line = text[text.rfind("\n", 0, brk) + 1 : brk]
        if len(line) >= SOFT_WRAP_MIN and not _SENTENCE_END.search(line):
            pos = brk + 1  # a soft wrap: the name goes on ("Volodymyr\nZelenskiy")
            continue
        if any(ch.isalnum() for ch in text[start:brk]):
            return start, brk
        start = pos = brk + 1
    return start, end


def _before(text: str, start: int, end: int, pattern: re.Pattern[str]) -> tuple[int, int]:
    match = pattern.search(text, start, end)
    if match and any(ch.isalnum() for ch in text[start : match.start()]):
        return start, match.start()
    return start, end


def _before_credit(text: str, start: int, end: int) -> tuple[int, int]:
    """Keep the name before a slash credit: "Sergei Supinsky/AFP" -> "Sergei Supinsky"."""
    match = _CREDIT_SLASH.search(text, start, end)
    if match is None:
        return start, end
    left = text[start : match.start()]
    spaced = match.end() - match.start() > 1
    if (spaced or " " in left.strip()) and any(ch.isalnum() for ch in left):
        return start, match.start()
    return start, end


def _after_titles(text: str, start: int, end: int) -> int:
    """The start of a person's name once leading titles are skipped."""
    surface = text[start:end]
    if any(ch.isspace() and ch != " " for ch in surface) or "  " in surface:
        return start  # strip_titles works on single-spaced names only
    name = strip_titles(surface)
    return end - len(name) if name != surface and surface.endswith(name) else start
