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
there is a place whatever the model tagged it ("KYIV" as a person).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

#: A byline's opening words: "By", "BY", "Posted By:", "Written by".
_BYLINE = re.compile(
    r"^[ \t]*(?:(?:Posted|Written|Reported|Compiled|Edited|Words|Story|Text)[ \t]+)?"
    r"(?:By|BY|(?<=[a-z][ \t])by)[ \t]*:?[ \t]+(?=\S)",
    re.MULTILINE,
)
#: Lower-case words a byline may hold between its names: "Jane Doe and John Roe of the
#: Times", "staff writer", "in Kyiv" (none begins a sentence's "By the time …").
_JOINING = frozenset({"and", "&", "of", "the", "in", "for", "at", "with", "from", "via"})
_BYLINE_WORDS = _JOINING | frozenset(
    {"de", "da", "del", "della", "di", "do", "dos", "du", "van", "von", "der", "den", "la"}
    | {"le", "bin", "ibn", "al", "el", "y", "e"}
    | {"staff", "writer", "writers", "reporter", "reporters", "correspondent"}
    | {"correspondents", "editor", "editors", "contributor", "contributors", "senior"}
    | {"chief", "political", "foreign", "special", "news", "desk", "team", "bureau"}
)
#: Most words a byline's names take up.
MAX_BYLINE_WORDS = 16
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

#: A dateline's place: a name in capitals ("KYIV", "NEW YORK", "ST. PAUL") or capitalised.
_CAPS_PLACE = r"[A-Z][A-Z.'’-]*[A-Z.](?:[ \t][A-Z][A-Z.'’-]*[A-Z.]){0,3}"
_TITLE_PLACE = r"[A-Z][a-z.'’-]*[a-z.](?:[ \t](?:[A-Z][a-z.'’-]*[a-z.]|of|de|la)){0,3}"
_MONTH = (
    r"(?i:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_WEEKDAY = r"(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
#: "Tuesday", "Feb 15", "April 28, 2009", "15 February".
_DATE = (
    rf"(?:{_WEEKDAY}|(?:{_MONTH})[ \t]+\d{{1,2}}(?:,[ \t]+\d{{4}})?"
    rf"|\d{{1,2}}[ \t]+(?:{_MONTH}))"
)
#: A day or a month, never a dateline's place.
_NO_PLACE = re.compile(rf"{_WEEKDAY}|{_MONTH}")
#: After the place: its region ("KYIV, Ukraine", "WASHINGTON, DC", "New Delhi [India]"), a
#: date, the agency in brackets, then a dash, a colon, a desk ("| Jagran News Desk:") or,
#: for a date alone on its line, the line's end.
_DATELINE = re.compile(
    rf"^[ \t]*(?P<places>(?P<caps>{_CAPS_PLACE})|{_TITLE_PLACE})"
    rf"(?P<more>(?:[ \t]*/[ \t]*(?:{_CAPS_PLACE}|{_TITLE_PLACE}))*)"
    rf"(?:,[ \t]+(?!{_DATE}\b)(?P<region>{_CAPS_PLACE}|{_TITLE_PLACE})"
    rf"|[ \t]*\[(?P<bracketed>{_CAPS_PLACE}|{_TITLE_PLACE})\])?"
    rf"(?:,?[ \t]+(?P<date>{_DATE}))?"
    r"(?:[ \t]*(?P<agency>\([A-Z][\w .&'’-]{0,40}\)))?"
    r"(?:[ \t]*(?P<dash>—|–|--|-)[ \t]|[ \t]*(?P<colon>:)[ \t]"
    r"|[ \t]*(?P<desk>\|)[ \t]*(?P<desk_name>[^\n|:]{1,60}):|[ \t]*$)",
    re.MULTILINE,
)
#: Labels a line in capitals may start with that name no place: "UPDATE -", "EXCLUSIVE -".
_LABELS = frozenset(
    {"update", "updated", "updates", "published", "posted", "breaking", "exclusive", "analysis"}
    | {"watch", "live", "video", "photos", "opinion", "editorial", "comment", "review"}
    | {"factbox", "explainer", "interview", "column", "corrected", "correction", "refile"}
    | {"rpt", "file", "note", "warning", "report", "urgent", "flash", "insight", "preview"}
    | {"timeline", "scenarios", "poll", "graphic", "feature", "sports", "news", "advisory"}
)
#: How far into a text a dateline may stand (after a headline, a byline and a date line).
DATELINE_REACH = 800
#: How many lines with words in them may come before the dateline's.
DATELINE_LINES = 5


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` credits its newsroom: bylines, credit notes, photo credits, and the
    agency or the desk in its dateline ("(Reuters)", "| Jagran News Desk:").

    Returns:
        Sorted, non-overlapping ``(start, end)`` character ranges.
    """
    return _credit_spans(text, _dateline(text))


def _credit_spans(text: str, dateline: re.Match[str] | None) -> list[tuple[int, int]]:
    spans = [*_bylines(text), *_notes(text)]
    if dateline is not None:
        # The wire or the desk that filed it: "(Reuters)", "| Jagran News Desk:".
        spans.extend(dateline.span(group) for group in ("agency", "desk_name") if dateline[group])
    if _NAMED_SLASH.search(text):  # seldom: most texts hold no photo credit
        spans.extend(match.span() for match in _PHOTO_CREDIT.finditer(text))
    return _merged(spans)


def _bylines(text: str) -> list[tuple[int, int]]:
    found = []
    for match in _BYLINE.finditer(text):
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        names = text[match.end() : end].rstrip(" \t.")
        if _only_names(names) and not _continued(text, end):
            found.append((match.end(), match.end() + len(names)))
    return found


def _only_names(names: str) -> bool:
    """Whether ``names`` holds capitalised names and a byline's little words alone, the
    first capitalised ("By the time …", "By Tuesday, prices rose": a sentence)."""
    words = names.replace(",", " ").replace("|", " ").replace(";", " ").split()
    if not words or len(words) > MAX_BYLINE_WORDS or any(ch in names for ch in ':?!"“”'):
        return False
    # Nor does a byline end on a joining word ("By Joe Biden and\nKamala Harris, …").
    return words[0][:1].isupper() and words[-1] not in _JOINING and all(map(_byline_word, words))


def _byline_word(word: str) -> bool:
    word = word.strip("()[]—–-/")
    return not word or word[:1].isupper() or word[:1].isdigit() or word in _BYLINE_WORDS


def _continued(text: str, end: int) -> bool:
    """Whether the line ending at ``end`` runs on into the next, in lower case: a
    wrapped sentence ("… the order was signed\nby Joe Biden and\nhis aides")."""
    rest = text[end : end + 80].lstrip()
    return rest[:1].islower()


def _notes(text: str) -> list[tuple[int, int]]:
    found = [
        match.span()
        for match in _CREDIT_NOTE.finditer(text)
        # Bracketed, a note is one; at a line's start, only names may follow ("Reporting
        # by the Guardian showed …" is the story).
        if match["bracket"] or match["inside"] or _only_names(match["names"].replace(" by ", " "))
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


class Furniture:
    """One text's credits and dateline places, read once (``credit_spans``,
    ``dateline_places``)."""

    __slots__ = ("_credits", "_dateline", "_starts")

    def __init__(self, text: str) -> None:
        dateline = _dateline(text)
        self._credits = _credit_spans(text, dateline)
        self._starts = [start for start, _ in self._credits]
        self._dateline = [] if dateline is None else _places(dateline)

    def credited(self, start: int, end: int) -> bool:
        """Whether ``start``-``end`` lies inside a credit."""
        place = bisect_right(self._starts, start) - 1
        return place >= 0 and end <= self._credits[place][1]

    def dated(self, start: int, end: int) -> bool:
        """Whether ``start``-``end`` is a place the dateline names (``at_dateline``)."""
        return at_dateline(self._dateline, start, end)


def dateline_places(text: str) -> list[tuple[int, int]]:
    """The places a dateline at the start of ``text``'s story names.

    "KYIV, Ukraine (AP) —" gives "KYIV" and "Ukraine"; "Moscow/ Kyiv | Jagran News
    Desk:" gives "Moscow" and "Kyiv"; "MOSCOW, Feb 15 (Reuters) -" gives "MOSCOW".
    A dateline stands at the start of one of the first lines. A place in capitals
    needs a dash after it (or a date alone on its line); a capitalised one needs an
    agency, a date or a desk too ("Moscow -" alone could start any sentence).
    """
    match = _dateline(text)
    return [] if match is None else _places(match)


def _dateline(text: str) -> re.Match[str] | None:
    head = text[:DATELINE_REACH]
    lines_seen = 0
    for line_start, line in _lines(head):
        if not line.strip():
            continue
        lines_seen += 1
        if lines_seen > DATELINE_LINES:
            break
        match = _DATELINE.match(head, line_start)
        if match is not None and _is_dateline(match):
            return match
    return None


def _lines(text: str) -> list[tuple[int, str]]:
    found, start = [], 0
    for line in text.split("\n"):
        found.append((start, line))
        start += len(line) + 1
    return found


def _is_dateline(match: re.Match[str]) -> bool:
    first = match.group("places")
    if first.replace(".", "").casefold() in _LABELS or _NO_PLACE.fullmatch(first):
        return False  # "UPDATE -", "MONDAY, MAY 23, 2005": a label, a date
    dated = match.group("agency") is not None or match.group("date") is not None
    if match.group("colon") is not None:
        return dated  # "New Delhi [India], Feb 15 (ANI):", never "NCAA:" or "Update:"
    if match.group("dash") is None and match.group("desk") is None:
        return match.group("date") is not None  # "WASHINGTON, DC, April 28, 2009" alone
    return match.group("caps") is not None or dated or match.group("desk") is not None


def _places(match: re.Match[str]) -> list[tuple[int, int]]:
    spans = [match.span("places")]
    more_start = match.start("more")
    for part in re.finditer(r"[^/\s][^/]*[^/\s]|[^/\s]", match.group("more")):
        spans.append((more_start + part.start(), more_start + part.end()))
    for group in ("region", "bracketed"):
        if match.group(group) is not None:
            spans.append(match.span(group))
    return spans


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
