"""The day a story was published, read from the date line at its head.

Saved news copy keeps the page's date as a line of its own near the top: "May 2,
2013 | 5:03pm", "PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM", "Updated: July 7,
2012, 10:04 PM ET", "14 June 2013", "published: 2012-04-04 11:47:35", or in the
dateline ("WASHINGTON, DC, April 28, 2009"). ``story_date`` reads it, for an
article whose file gives no date.

A date line holds a date, and otherwise only what such lines hold: times, time
zones, weekdays, labels ("Published", "Last updated on"), words in capitals (a
wire, a place) and marks. A sentence that holds a date ("Page was born on April
22, 1923") is none, nor is a date inside a headline. A date written in numbers
alone is read as its numbers allow ("11 / 30 / 09", "27 / 09 / 2013"), else as
the line's time zone writes dates ("8 / 2 / 2013" with "PDT" is August 2); one
that still reads both ways ("05 / 02 / 2013") gives no date, as a wrong date is
worse than none.
"""

from __future__ import annotations

import datetime as dt
import re

from reader.newsroom import DATELINE_LINES, DATELINE_REACH, MONTH, dateline, in_capitals

#: Months by their first three letters ("Sept." and "September" are "sep").
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
#: "May 2, 2013", "Nov. 30, 2009", "May 5 2010"; "14 June 2013", "27 NOVEMBER, 2005";
#: "2012-04-04"; "08.07.2012" (day first), "2012.08.08"; "11 / 30 / 09", "04/04/2012".
_DATE = re.compile(
    rf"\b(?P<month>{MONTH})[ \t]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]+(?P<year>\d{{4}})\b"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?[ \t]+(?P<month2>{MONTH}),?[ \t]+(?P<year2>\d{{4}})\b"
    r"|\b(?P<iso>(?P<y3>\d{4})-(?P<m3>\d\d)-(?P<d3>\d\d))\b"
    r"|(?<![\d.])(?P<e1>\d{1,2})\.[ \t]?(?P<e2>\d{1,2})\.[ \t]?(?P<ey>\d{4})\b"
    r"|\b(?P<k1>\d{4})\.[ \t]?(?P<k2>\d{1,2})\.[ \t]?(?P<k3>\d{1,2})(?![\d.])"
    r"|(?<![\d/])(?P<n1>\d{1,2})[ \t]*/[ \t]*(?P<n2>\d{1,2})[ \t]*/[ \t]*"
    r"(?P<ny>\d{4}|\d\d)(?![\d/])"
)
#: What a date line may hold beside its date: times ("1:32 PM", "12:52 p. m.", "22. 34",
#: "1052 GMT", "5:55p"), zones ("(GMT+05:00)"), numbers, marks.
_AROUND_DATE = re.compile(
    r"\d{1,2}[:.][ \t]?\d\d(?::\d\d)?(?:[ \t]*[ap]\.?[ \t]?m\.?|[ \t]*[AaPp][Mm]|[ap]\b)?"
    r"|\(?GMT[+-]\d\d?:?\d*\)?|\b\d+\b|[^\w\s]+"
)
#: Words a date line may hold (folded): labels, weekdays, times of day.
_LINE_WORDS = frozenset(
    {"published", "updated", "posted", "first", "last", "on", "at", "date", "time", "created"}
    | {"story", "article", "filed", "issued", "released", "modified", "and", "local"}
    | {"am", "pm", "a", "p", "m", "hrs", "hours"}
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
    | {"uk", "et", "pt", "ct", "mt", "gmt", "utc", "bst", "cet", "ist"}
)
#: Time zones that say how a date in numbers is written: month first in North America
#: ("8:13 AM PDT 8 / 2 / 2013"), day first elsewhere ("Updated 5 / 5 / 2010 BST").
_MONTH_FIRST_ZONES = frozenset(
    {"et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt", "akdt"}
)
_DAY_FIRST_ZONES = frozenset(
    {"gmt", "bst", "ist", "cet", "cest", "eet", "aest", "aedt", "nzst", "nzdt", "sast", "wat"}
)
#: What every date with a year has (a cheap test before the dates are looked for): four
#: digits, or a number before a slash ("8 / 2 / 13").
_DATE_HINT = re.compile(r"\d\d\d\d|\d[ \t]*/")
#: What a dateline's date with a year has: ", 2009" ("WASHINGTON, DC, April 28, 2009").
_DATELINE_YEAR = re.compile(r",[ \t]+\d\d\d\d\b")
#: Words in small letters a date line may hold: its labels and weekdays, and months
#: ("may 2, 2013"). A line with any other is a sentence, passed before its dates are
#: looked for (a tenth of the cost).
_SMALL_WORDS = _LINE_WORDS | set(_MONTHS) | {"sept", "may", "june", "july"}
_SMALL_WORDS |= {"january", "february", "march", "april", "august"}
_SMALL_WORDS |= {"september", "october", "november", "december"}
#: A word in small letters standing alone (letters and marks around it, never digits).
_SMALL_WORD = re.compile(r"\b[a-z]+\b")
#: Longest line read as a date line.
MAX_DATE_LINE = 160
#: Years a publication date may have.
_YEARS = range(1900, 2100)


def story_date(text: str) -> str | None:
    """The day ``text`` was published, as ``YYYY-MM-DD``: that of the first date line
    among its first lines, else the dateline's date when it gives a year; None when
    neither."""
    head = text[:DATELINE_REACH]
    lines = [line for line in head.split("\n") if line and not line.isspace()]
    for line in lines[: DATELINE_LINES + 1]:
        if len(line) <= MAX_DATE_LINE and _DATE_HINT.search(line) and _few_words(line):
            found = _line_date(line)
            if found is not None:
                return found
    # "MOSCOW, Feb 15, 2022 (Reuters) - …": the year stands after a comma.
    filed = dateline(text) if _DATELINE_YEAR.search(head) else None
    if filed is not None and filed["date"]:
        return _first_date(list(_DATE.finditer(filed["date"])), filed["date"])
    return None


def _few_words(line: str) -> bool:
    """Whether ``line`` holds no word in small letters but those a date line may hold
    (a cheap test that passes nearly every sentence)."""
    return all(word in _SMALL_WORDS for word in _SMALL_WORD.findall(line))


def _line_date(line: str) -> str | None:
    """The date of ``line`` when it is a date line: one holding a date and nothing else
    but what date lines hold."""
    dates = list(_DATE.finditer(line))
    if not dates:
        return None
    rest, last = [], 0
    for match in dates:
        rest.append(line[last : match.start()])
        last = match.end()
    rest.append(line[last:])
    words = _AROUND_DATE.sub(" ", " ".join(rest)).split()
    if not all(word.casefold() in _LINE_WORDS or in_capitals(word) for word in words):
        return None
    return _first_date(dates, line)


def _zone_order(line: str) -> str:
    """How the time zone named in ``line`` writes dates in numbers: ``"month"`` first,
    ``"day"`` first, or ``""`` (no zone said)."""
    words = {word.casefold() for word in re.findall(r"[A-Za-z]+", line)}
    if not words.isdisjoint(_MONTH_FIRST_ZONES):
        return "month"
    return "day" if not words.isdisjoint(_DAY_FIRST_ZONES) else ""


def _first_date(dates: list[re.Match[str]], line: str) -> str | None:
    """The first of ``dates`` (found in ``line``) that is a day of the calendar, as
    ``YYYY-MM-DD``."""
    for match in dates:
        day = _day(match, line)
        if day is not None:
            return day.isoformat()
    return None


def _day(match: re.Match[str], line: str) -> dt.date | None:
    if match["iso"]:
        year, month, day = int(match["y3"]), int(match["m3"]), int(match["d3"])
    elif match["e1"]:  # with full stops, the day comes first
        day, month, year = int(match["e1"]), int(match["e2"]), int(match["ey"])
    elif match["k1"]:
        year, month, day = int(match["k1"]), int(match["k2"]), int(match["k3"])
    elif match["n1"]:
        first, second = int(match["n1"]), int(match["n2"])
        year = int(match["ny"])
        year += 0 if year >= 100 else (2000 if year < 70 else 1900)
        order = "" if first > 12 or second > 12 or first == second else _zone_order(line)
        if first > 12 or order == "day":
            day, month = first, second
        elif second > 12 or first == second or order == "month":
            month, day = first, second
        else:
            return None  # "05 / 02 / 2013", no zone said: May 2 or 5 February
    else:
        month = _MONTHS[(match["month"] or match["month2"])[:3].casefold()]
        day = int(match["day"] or match["day2"])
        year = int(match["year"] or match["year2"])
    if year not in _YEARS:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
