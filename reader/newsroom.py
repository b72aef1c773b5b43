"""What a newsroom writes around a story: its byline and its dateline, read from the text.

A byline says who wrote a story and often for whom: "By Jane Doe and John Roe,
Reuters", "By HANNA ARHIROVA and SAMYA KULLAB Associated Press", "Posted By:
Aalok Sensharma". A dateline opens the story with the place it was filed from
and often the wire or the desk that filed it: "KYIV, Ukraine (AP) —", "MOSCOW,
Feb 15 (Reuters) -", "Moscow/ Kyiv | Jagran News Desk:".

Two layers read them. Loading fills an article's author and source from them
when its file names neither (``story_credits``); linking leaves the credited
names out of the story's people and reads the dateline's places
(``reader.linking.furniture``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: The words a byline may open with before its "by": "Posted By:", "Written by".
_BYLINE_VERBS = ("Posted", "Written", "Reported", "Compiled", "Edited", "Words", "Story", "Text")
#: A byline's opening words: "By", "BY", "Posted By:", "Written by".
_BYLINE = re.compile(
    rf"^[ \t]*(?:(?:{'|'.join(_BYLINE_VERBS)})[ \t]+)?"
    r"(?:By|BY|(?<=[a-z][ \t])by)[ \t]*:?[ \t]+(?=\S)",
    re.MULTILINE,
)
#: A line past the first that may open with a byline (``_BYLINE``'s lines, and a few more):
#: led by the newline, the search skips from line to line.
_BYLINE_LINE = re.compile(rf"\n[ \t]*(?:(?:{'|'.join(_BYLINE_VERBS)})[ \t]+)?(?:By|BY|by)\b")
#: Lower-case words a byline may hold between its names: "Jane Doe and John Roe of the
#: Times", "staff writer", "in Kyiv" (none begins a sentence's "By the time …").
JOINING = frozenset({"and", "&", "of", "the", "in", "for", "at", "with", "from", "via"})
#: Words naming a writer's post, not the writer: "Jane Doe, Staff Writer".
_ROLES = frozenset(
    {"staff", "writer", "writers", "reporter", "reporters", "correspondent"}
    | {"correspondents", "editor", "editors", "contributor", "contributors", "senior"}
    | {"chief", "political", "foreign", "special", "team", "bureau", "columnist"}
)
_BYLINE_WORDS = (
    JOINING
    | _ROLES
    | frozenset(
        {"de", "da", "del", "della", "di", "do", "dos", "du", "van", "von", "der", "den", "la"}
        | {"le", "bin", "ibn", "al", "el", "y", "e", "news", "desk"}
    )
)
#: Most words a byline's names take up.
MAX_BYLINE_WORDS = 16

#: A dateline's place: a name in capitals ("KYIV", "NEW YORK", "ST. PAUL") or capitalised.
_CAPS_PLACE = r"[A-Z][A-Z.'’-]*[A-Z.](?:[ \t][A-Z][A-Z.'’-]*[A-Z.]){0,3}"
_TITLE_PLACE = r"[A-Z][a-z.'’-]*[a-z.](?:[ \t](?:[A-Z][a-z.'’-]*[a-z.]|of|de|la)){0,3}"
#: A month's name, whole or short ("September", "Sept.", "SEP"): a pattern.
MONTH = (
    r"(?i:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_WEEKDAY = r"(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
#: "Tuesday", "Feb 15", "April 28, 2009", "15 February".
_DATE = (
    rf"(?:{_WEEKDAY}|(?:{MONTH})[ \t]+\d{{1,2}}(?:,[ \t]+\d{{4}})?"
    rf"|\d{{1,2}}[ \t]+(?:{MONTH}))"
)
#: A day or a month, never a dateline's place.
_NO_PLACE = re.compile(rf"{_WEEKDAY}|{MONTH}")
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
#: What follows a dateline's place and date, as ``_DATELINE`` ends ("—", " -", ":", "|"),
#: looked for within its first ``_MARK_REACH`` characters before the pattern is tried.
_DATELINE_MARK = re.compile(r"[—–:|]|-[ \t]")
_MARK_REACH = 200
#: How far into a text a dateline may stand (after a headline, a byline and a date line).
DATELINE_REACH = 800
#: How many lines with words in them may come before the dateline's.
DATELINE_LINES = 5

#: Where a byline's names part: commas, semicolons, bars, dashes, "and", "&", "with".
_NAME_BREAK = re.compile(r"[ \t]*(?:[,;|/]|[ \t][—–-][ \t]|[ \t](?:and|&|with)[ \t])[ \t]*")
#: What a byline says after a writer: the outlet ("of The New York Times", "for CNN",
#: "via Reuters"), or where they wrote from ("in Kyiv", "at the Capitol", "from Gaza").
_AFTER_NAMES = re.compile(r"[ \t](?P<word>of|for|via|in|at|from)[ \t]+(?P<rest>.+)$")
#: Words that make a byline's part an outlet, not a person: "Kyiv Independent".
_OUTLET_WORDS = frozenset(
    {"press", "news", "times", "post", "journal", "agency", "media", "network", "herald"}
    | {"tribune", "guardian", "telegraph", "gazette", "radio", "television", "tv", "desk"}
    | {"wire", "service", "daily", "weekly", "magazine", "online", "digital", "independent"}
    | {"observer", "express", "mail", "chronicle", "standard", "review", "insider", "today"}
    | {"reuters", "bloomberg", "xinhua", "afp", "ap", "upi", "bbc", "cnn", "nbc", "cbs", "abc"}
    | {"npr", "pbs", "dpa", "efe", "ani", "pti", "ians", "tass", "interfax"}
    | {"jazeera", "politico", "axios", "bureau", "staff", "team", "newsroom", "report"}
)
#: A desk's own words after its outlet's name: "Jagran News Desk" is Jagran News's.
_DESK_WORDS = frozenset({"desk", "bureau", "team", "staff", "web", "digital", "online"})
#: Numerals a name keeps in capitals: "John Smith III".
_NUMERALS = frozenset({"II", "III", "IV"})


def bylines(text: str) -> list[tuple[int, int]]:
    """Where ``text``'s bylines name their writers: the span after "By" on each line
    that opens with a byline and holds names alone, in text order."""
    if _BYLINE.match(text) is None and _BYLINE_LINE.search(text) is None:
        return []  # most texts: this search is quicker than the pattern's at every offset
    found = []
    for match in _BYLINE.finditer(text):
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        names = text[match.end() : end].rstrip(" \t.")
        if only_names(names) and not _continued(text, end):
            found.append((match.end(), match.end() + len(names)))
    return found


def only_names(names: str) -> bool:
    """Whether ``names`` holds capitalised names and a byline's little words alone, the
    first capitalised ("By the time …", "By Tuesday, prices rose": a sentence)."""
    words = names.replace(",", " ").replace("|", " ").replace(";", " ").split()
    if not words or len(words) > MAX_BYLINE_WORDS or any(ch in names for ch in ':?!"“”'):
        return False
    # Nor does a byline end on a joining word ("By Joe Biden and\nKamala Harris, …").
    return words[0][:1].isupper() and words[-1] not in JOINING and all(map(_byline_word, words))


def _byline_word(word: str) -> bool:
    word = word.strip("()[]—–-/")
    return not word or word[:1].isupper() or word[:1].isdigit() or word in _BYLINE_WORDS


def _continued(text: str, end: int) -> bool:
    """Whether the line ending at ``end`` runs on into the next, in lower case: a
    wrapped sentence ("… the order was signed\nby Joe Biden and\nhis aides")."""
    rest = text[end : end + 80].lstrip()
    return rest[:1].islower()


def dateline(text: str) -> re.Match[str] | None:
    """The dateline at the start of one of ``text``'s first lines, if it has one.

    A place in capitals needs a dash after it (or a date alone on its line); a
    capitalised one needs an agency, a date or a desk too ("Moscow -" alone could
    start any sentence). The match's groups: ``places`` (the first), ``more`` (those
    after a slash), ``region``, ``bracketed``, ``date``, ``agency`` ("(AP)") and
    ``desk_name`` ("Jagran News Desk").
    """
    head = text[:DATELINE_REACH]
    lines_seen = 0
    start = 0
    for line in head.split("\n"):
        line_start, start = start, start + len(line) + 1
        if not line.strip():
            continue
        lines_seen += 1
        if lines_seen > DATELINE_LINES:
            break
        match = _DATELINE.match(head, line_start)
        if match is not None and _is_dateline(match):
            return match
    return None


def opening_dateline(line: str) -> re.Match[str] | None:
    """The dateline opening ``line`` (one line), if one does (see ``dateline``)."""
    if _DATELINE_MARK.search(line, 0, _MARK_REACH) is None and not line.rstrip()[-1:].isdigit():
        return None  # most lines: no dash, colon or bar near their start, no date at the end
    match = _DATELINE.match(line)
    return match if match is not None and _is_dateline(match) else None


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


class StoryCredits(NamedTuple):
    """Who wrote a story and for whom, as its text says (``story_credits``).

    Attributes:
        author: the byline's writers ("Hanna Arhirova and Samya Kullab"), or None.
        source: the outlet: the dateline's wire or desk ("AP", "Jagran News"), else
            the one the byline names ("Reuters"), or None.
    """

    author: str | None
    source: str | None


def story_credits(text: str) -> StoryCredits:
    """The author and the outlet ``text``'s first byline and its dateline name.

    Names written in capitals are given in title case ("HANNA ARHIROVA" is "Hanna
    Arhirova"); a writer's post ("Staff Writer") and where they wrote from ("in
    Kyiv") are left out. A byline part of one word, one opening with "The", or one
    holding a word of the trade ("Press", "News", "Times", "Desk") is the outlet.
    """
    writers: list[str] = []
    outlet = None
    found = bylines(text)
    if found:
        start, end = found[0]
        writers, outlet = _read_byline(text[start:end])
    elif "eporting by" in text or "riting by" in text:
        # No byline: a wire's credit note names its reporters, then who wrote the story.
        for note in _REPORTING.finditer(text):
            if only_names(note["names"]):
                writers += [w for w in _read_byline(note["names"])[0] if w not in writers]
    head = text[:DATELINE_REACH]
    credited = ("(" in head or "|" in head) and _DATELINE_CREDIT.search(head)
    match = dateline(text) if credited else None
    wire = _dateline_outlet(match) if match is not None else None
    return StoryCredits(_joined(writers) if writers else None, wire or outlet)


#: A wire's credit note naming its reporters or its writer, in brackets or opening a
#: line: "(Reporting by Olena Harmash in Kyiv; Writing by Jane Doe; Editing by …)", never
#: "Additional reporting by" (who helped) or "Reporting by the Guardian showed …".
_REPORTING = re.compile(
    r"(?:^|[(;])[ \t]*(?:Reporting|Writing)[ \t]+by[ \t]+(?P<names>[^;()\n]+)", re.M
)
#: What a dateline naming its wire or desk has: "(AP) —", "(ANI):", "| Jagran News Desk:"
#: (a cheap test before the dateline is looked for).
_DATELINE_CREDIT = re.compile(r"\)[ \t]*(?:—|–|--|-|:)[ \t]|\|[^\n|:]{1,60}:")


def _dateline_outlet(match: re.Match[str]) -> str | None:
    agency = match.group("agency")
    if agency is not None:
        name = " ".join(agency.strip("()").split())
        return None if name.casefold() in _LABELS else _outlet_case(name)
    desk = match.group("desk_name")
    if desk is None:
        return None
    words = desk.split()
    while len(words) > 1 and words[-1].casefold() in _DESK_WORDS:
        words.pop()
    return _outlet_case(" ".join(words)) if words else None


def _read_byline(names: str) -> tuple[list[str], str | None]:
    """A byline's writers and its outlet, from the text after its "By"."""
    writers: list[str] = []
    outlet = None
    for part in _NAME_BREAK.split(names):
        part = part.strip(" \t.()[]")
        after = _AFTER_NAMES.search(part)
        if after is not None:
            part = part[: after.start()]
            if after["word"] in ("of", "for", "via") and outlet is None:
                outlet = _outlet_case(after["rest"])
        part, tail = _caps_then_title(part)
        if tail and outlet is None:
            outlet = _outlet_case(tail)
        words = [w for w in part.split() if w.casefold() not in _ROLES]
        if not words:
            continue
        if _is_outlet(words):
            outlet = outlet or _outlet_case(" ".join(words))
        elif len(words) <= 5 and all(w[:1].isupper() or w in _BYLINE_WORDS for w in words):
            writers.append(" ".join(map(_name_case, words)))
    return writers, outlet


def _caps_then_title(part: str) -> tuple[str, str]:
    """A part in capitals run on into title case split in two: "SAMYA KULLAB Associated
    Press" is the writer "SAMYA KULLAB" and the outlet "Associated Press"."""
    words = part.split()
    if len(words) < 3 or not in_capitals(words[0]):
        return part, ""
    for place, word in enumerate(words[1:], start=1):
        if not in_capitals(word):
            return " ".join(words[:place]), " ".join(words[place:])
    return part, ""


def in_capitals(word: str) -> bool:
    """Whether ``word`` is written in capitals (two letters at least: "AP", "O'NEIL")."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


def _is_outlet(words: list[str]) -> bool:
    folded = [w.casefold().strip(".'’") for w in words]
    return len(words) == 1 or folded[0] == "the" or not _OUTLET_WORDS.isdisjoint(folded)


def _name_case(word: str) -> str:
    """A name's word as names are written: capitals made title case ("O'NEIL" is
    "O'Neil", "SMITH-JONES" is "Smith-Jones"); initials and numerals kept."""
    if not in_capitals(word) or word in _NUMERALS or len(word.rstrip(".")) <= 1:
        return word
    return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), word)


def _outlet_case(name: str) -> str:
    """An outlet's name as written, but for a long one in capitals ("REUTERS",
    "ASSOCIATED PRESS"): acronyms stay ("AP", "TASS")."""
    name = " ".join(name.split()).strip(" \t.,;")
    if name.startswith("the "):  # "of the Kyiv Independent"
        name = name[4:]
    words = name.split()
    if all(map(in_capitals, words)) and (len(words) > 1 or len(name) > 4):
        return " ".join(w.capitalize() for w in words)
    return name


def _joined(names: list[str]) -> str:
    """The names as a list is written: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
