"""Page furniture: the datelines, bylines and credits around a story, read from its text.

News copy carries words that are not the story: a byline ("By Jane Doe and John
Roe, Reuters", "Posted By: Aalok Sensharma"), credit notes ("(Reporting by Olena
Harmash; Editing by Andrew Heavens)", "Associated Press writer Jane Doe
contributed to this report."), photo credits ("| Sergei Supinsky/AFP", "(AP
Photo/Efrem Lukatsky)") and a dateline before the first sentence ("KYIV, Ukraine
(AP) —", "MOSCOW, Feb 15 (Reuters) -", "Moscow/ Kyiv | Jagran News Desk:").

The names in credits are the newsroom's, not the story's: in an archive of a wire's
copy, one editor would otherwise lead the people listed. ``credit_spans`` finds
them, and the digest (``digest``) leaves their mentions out. A dateline names the
place the story was filed from: ``dateline_places`` finds it, and a name standing
there is a place whatever the model tagged it ("KYIV" as a person). Where the model
tagged nothing there, the place is a mention all the same when the dateline also
gives a wire, a date or a desk ("Moscow" in "Moscow/ Kyiv | Jagran News Desk:"), as
no headline does; a place and a dash alone ("OBAMA WINS - the count goes on") may be
a headline's words, and only a name tagged there is taken.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from reader.model import Mention
from reader.newsroom import DATELINE_REACH, bylines, dateline, only_names

#: A credit note, at a line's start or in brackets: "(Reporting by Olena Harmash; Editing
#: by Andrew Heavens)", "Additional reporting by …", "Photos by …". It runs to its
#: closing bracket, or to the end of the line.
_CREDIT_NOTE = re.compile(
    r"(?:^[ \t]*(?P<bracket>\()?|(?P<inside>\())[ \t]*(?:(?:Additional|Further|Extra)[ \t]+)?"
    r"(?i:reporting|writing|editing|research|translat(?:ion|ed)|compiled|produced|graphics?"
    r"|photo(?:s|graphs?|graphy)?|pictures?|video|illustrations?|design)"
    r"[ \t]+by\b(?P<names>[^\n()]*)\)?",
    re.MULTILINE,
)
#: The end of a line saying who else reported: "Associated Press writer Jane Doe in Kyiv
#: contributed to this report." (the credit is that line's last sentence).
_CONTRIBUTED = re.compile(
    r"\bcontributed[ \t]+(?:to[ \t]+(?:this|the)[ \t]+(?:report|story|article)"
    r"|(?:additional[ \t]+)?reporting|research)[ \t]*\.?[ \t]*$",
    re.MULTILINE,
)
#: Where a sentence before the credit on its line ends.
_SENTENCE_END = re.compile(r"[.!?][\"'’”]?[ \t]+(?=[A-Z])")
#: Most words a contribution credit holds.
MAX_CONTRIBUTION_WORDS = 40
#: Agencies that credit photos, as a photo credit writes them ("Sergei Supinsky/AFP",
#: "REUTERS/Gleb Garanich", "AP Photo/Efrem Lukatsky", "Getty Images").
_AGENCIES = (
    r"(?:AFP|AP(?:[ \t]Photo)?|Reuters|REUTERS|Getty[ \t]Images|Getty|EPA(?:-EFE)?|EFE"
    r"|Bloomberg|Xinhua|ANI|PTI|IANS|Shutterstock|Sputnik|TASS|Anadolu(?:[ \t]Agency)?"
    r"|AAP|dpa|DPA|Kyodo|Yonhap|NurPhoto|SOPA[ \t]Images|LightRocket|Alamy|ZUMA(?:[ \t]Press)?"
    r"|PA(?:[ \t](?:Images|Wire|Media))?|UPI|Handout|HANDOUT|File[ \t]Photo|Pool|POOL)"
)
#: A capitalised name of up to four words in a photo credit.
_CREDITED = r"[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}"
#: "Presidential Press Service/Handout via REUTERS"; never a poll ("a Reuters/Ipsos poll").
_PHOTO_CREDIT = re.compile(
    rf"(?<![\w/])(?:{_CREDITED}[ \t]?/[ \t]?{_AGENCIES}\b|{_AGENCIES}[ \t]?/[ \t]?{_CREDITED})"
    rf"(?:[ \t]?/[ \t]?{_CREDITED})*(?:[ \t]+via[ \t]+{_AGENCIES}\b)?"
    r"(?![\w.'’-]|[ \t]+(?:poll|survey|[A-Z]))"
)

#: A slash between a word and a capital, as every photo credit has one.
_NAMED_SLASH = re.compile(r"\w[ \t]?/[ \t]?[A-Z]")


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` credits its newsroom: bylines, credit notes, photo credits, and the
    agency or the desk in its dateline ("(Reuters)", "| Jagran News Desk:").

    Returns:
        Sorted, non-overlapping ``(start, end)`` character ranges.
    """
    return _credit_spans(text, dateline(text))


def _credit_spans(text: str, filed: re.Match[str] | None) -> list[tuple[int, int]]:
    spans = [*bylines(text), *_notes(text)]
    if filed is not None:
        # The wire or the desk that filed it: "(Reuters)", "| Jagran News Desk:".
        spans.extend(filed.span(group) for group in ("agency", "desk_name") if filed[group])
    if _NAMED_SLASH.search(text):  # seldom: most texts hold no photo credit
        spans.extend(match.span() for match in _PHOTO_CREDIT.finditer(text))
    return _merged(spans)


def _notes(text: str) -> list[tuple[int, int]]:
    found = [
        match.span()
        for match in _CREDIT_NOTE.finditer(text)
        # Bracketed, a note is one; at a line's start, only names may follow ("Reporting
        # by the Guardian showed …" is the story).
        if match["bracket"] or match["inside"] or only_names(match["names"].replace(" by ", " "))
    ]
    for match in _CONTRIBUTED.finditer(text) if "contributed" in text else ():
        start = text.rfind("\n", 0, match.start()) + 1
        ends = [end.end() for end in _SENTENCE_END.finditer(text, start, match.start())]
        start = ends[-1] if ends else start
        if len(text[start : match.end()].split()) <= MAX_CONTRIBUTION_WORDS:
            found.append((start, match.end()))
    return found


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    return merged


#: Most places a dateline names untagged that become mentions ("JERUSALEM/GAZA" has two):
#: a text's digest holds at most this many mentions more than its analysis.
MAX_FILED_FROM = 4
#: Mentions looked at for one standing on a dateline's place: the first ones, as a
#: dateline stands within a text's first ``DATELINE_REACH`` characters.
_NEAR_MENTIONS = 400
#: A place after a slash in a dateline ("GAZA" in "JERUSALEM/GAZA").
_MORE_PART = re.compile(r"[^/\s][^/]*[^/\s]|[^/\s]")


class Furniture:
    """One text's credits and dateline places, read once (``credit_spans``,
    ``dateline_places``)."""

    __slots__ = ("_credits", "_dateline", "_starts", "_vouched")

    def __init__(self, text: str) -> None:
        filed = dateline(text)
        self._credits = _credit_spans(text, filed)
        self._starts = [start for start, _ in self._credits]
        towns = [] if filed is None else _towns(filed)
        self._dateline = [] if filed is None else towns + _regions(filed)
        # The town or towns a dateline with a wire, a date or a desk was filed from
        # (never its region: "Ore." in "WOODBURN, Ore. (AP)" is tagged or left).
        vouched = filed is not None and any(
            filed.group(part) is not None for part in ("agency", "date", "desk")
        )
        self._vouched = towns[:MAX_FILED_FROM] if vouched else []

    def credited(self, start: int, end: int) -> bool:
        """Whether ``start``-``end`` lies inside a credit."""
        place = bisect_right(self._starts, start) - 1
        return place >= 0 and end <= self._credits[place][1]

    def dated(self, start: int, end: int) -> bool:
        """Whether ``start``-``end`` is a place the dateline names (``at_dateline``)."""
        return at_dateline(self._dateline, start, end)

    def untagged_places(self, tagged: Sequence[Mention]) -> list[tuple[int, int]]:
        """The places a dateline that gives a wire, a date or a desk was filed from
        that no mention of ``tagged`` (the model's, in text order) overlaps."""
        if not self._vouched:
            return []
        near = [(m.start, m.end) for m in tagged[:_NEAR_MENTIONS] if m.start < DATELINE_REACH]
        return [
            (start, end)
            for start, end in self._vouched
            if not any(s < end and start < e for s, e in near)
        ]


def dateline_places(text: str) -> list[tuple[int, int]]:
    """The places a dateline at the start of ``text``'s story names
    (``reader.newsroom.dateline``).

    "KYIV, Ukraine (AP) —" gives "KYIV" and "Ukraine"; "Moscow/ Kyiv | Jagran News
    Desk:" gives "Moscow" and "Kyiv"; "MOSCOW, Feb 15 (Reuters) -" gives "MOSCOW".
    """
    match = dateline(text)
    return [] if match is None else _places(match)


def _places(match: re.Match[str]) -> list[tuple[int, int]]:
    return _towns(match) + _regions(match)


def _towns(match: re.Match[str]) -> list[tuple[int, int]]:
    """The dateline's place, and those after a slash ("JERUSALEM/GAZA")."""
    spans = [match.span("places")]
    more_start = match.start("more")
    for part in _MORE_PART.finditer(match.group("more")):
        spans.append((more_start + part.start(), more_start + part.end()))
    return spans


def _regions(match: re.Match[str]) -> list[tuple[int, int]]:
    """The dateline's region ("Ukraine" in "KYIV, Ukraine (AP)", "India" in "New Delhi
    [India]")."""
    return [
        match.span(group) for group in ("region", "bracketed") if match.group(group) is not None
    ]


def at_dateline(places: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the mention at ``start``-``end`` is one of the dateline's ``places``, whole
    (but for an abbreviation's full stop: "Minn" in "Minn."): "OBAMA" in a line "OBAMA
    WINS -" taken for one is none."""
    return any(start == first and 0 <= last - end <= 1 for first, last in places)


def in_dateline(text: str, start: int, end: int) -> bool:
    """Whether the mention at ``start``-``end`` of ``text`` is a place its dateline names."""
    return start < DATELINE_REACH and at_dateline(_dateline_of(text[:DATELINE_REACH]), start, end)


@lru_cache(maxsize=4096)
def _dateline_of(head: str) -> tuple[tuple[int, int], ...]:
    return tuple(dateline_places(head))
