"""What an article's text says for story grouping: its words, and the dates it writes.

``Terms`` counts the terms of many texts and works out what each distinct token
means once (most recur across articles); ``words`` and ``date_terms`` are the
plain forms, for one text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

#: Weight of a year or full date written in the text, relative to a word.
DATE_WEIGHT = 3.0

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTH_NAMES = "jan feb mar apr may jun jul aug sep oct nov dec"
_MONTHS = _MONTH_NAMES.split()
# Matched in lowercased text; the word boundary before it is checked by _month_days.
_MONTH_DAY = re.compile(r"(" + "|".join(_MONTHS) + r")[a-z]*\.?\s+(\d{1,2})\b")
_YEAR_TOKEN = re.compile(r"1[89]\d\d|20\d\d")
# Function words carry no event; dropping them keeps the vectors small. IDF
# would make them weak anyway, so this list only needs the most frequent ones.
_STOP_WORDS = """a an the and or but if of to in on at by for with from as is are was were be
been being has have had do does did it its it's this that these those he she they we you i his her
their our your my him them us me who whom which what when where why how not no than then there here
so such also said says say will would could should can may might must shall about after before over
under into out up down more most other some any all one two new just like"""
_STOP = frozenset(_STOP_WORDS.split())


def words(text: str) -> list[str]:
    """The lowercased content words of ``text`` (no stop words, no single letters)."""
    tokens = _WORD.findall(text.lower().replace("’", "'"))
    tokens = [w[:-2] if w.endswith("'s") else w for w in tokens]
    return [w for w in tokens if len(w) > 1 and w not in _STOP]


def date_terms(text: str) -> list[str]:
    """Years and month-day dates written in ``text``, as feature terms."""
    return [f"year:{m.group(1)}" for m in _YEAR.finditer(text)] + _month_days(text.lower())


class Terms:
    """The term counts of texts; what each distinct token means is worked out once.

    One instance serves one grouping: most tokens recur across articles, so
    only the few that are renamed or dropped (stop words, possessives, single
    letters) and numbers cost a Python step per article.
    """

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._renamed: dict[str, str] = {}  # token -> its word, "" when it is no word
        self._numbers: set[str] = set()
        self._years: set[str] = set()

    def _learn(self, tokens: Iterable[str]) -> None:
        for token in tokens:
            self._seen.add(token)
            if token.isascii() and token.isdigit():
                self._numbers.add(token)
                if _YEAR_TOKEN.fullmatch(token):
                    self._years.add(token)
            word = token.replace("’", "'")
            if word.endswith("'s"):
                word = word[:-2]
            if len(word) <= 1 or word in _STOP:
                self._renamed[token] = ""
            elif word != token:
                self._renamed[token] = word

    def of(
        self, text: str, entity_ids: Iterable[str] = ()
    ) -> tuple[dict[str, float], dict[str, float]]:
        """The two term counts of one text, from one pass over its words.

        Returns:
            Its words and the dates it writes (a date weighs :data:`DATE_WEIGHT`
            words), and what tells one event from another of its kind: the
            named entities ``entity_ids``, dates and numbers.
        """
        lowered = text.lower()
        # Counted in C; the loops below only visit the tokens that need a change.
        counts: dict[str, float] = dict(Counter(_WORD.findall(lowered)))
        self._learn(counts.keys() - self._seen)
        content = dict(counts)
        marks: dict[str, float] = {}
        for entity in entity_ids:
            key = f"entity:{entity}"
            marks[key] = marks.get(key, 0.0) + 1.0
        for token in counts.keys() & self._renamed.keys():
            count = content.pop(token)
            word = self._renamed[token]
            if word:
                content[word] = content.get(word, 0.0) + count
        for token in counts.keys() & self._numbers:
            marks[f"number:{token}"] = counts[token]
        for token in counts.keys() & self._years:
            key = f"year:{token}"
            content[key] = DATE_WEIGHT * counts[token]
            marks[key] = counts[token]
        for key in _month_days(lowered):
            content[key] = content.get(key, 0.0) + DATE_WEIGHT
            marks[key] = marks.get(key, 0.0) + 1.0
        return content, marks


def _month_days(lowered: str) -> list[str]:
    """Month-day dates ("date:feb-16") written in lowercased text."""
    found = []
    for match in _MONTH_DAY.finditer(lowered):
        start = match.start()
        # The word boundary is checked here: a leading \b would slow the scan down.
        if start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
            continue
        found.append(f"date:{match.group(1)}-{int(match.group(2))}")
    return found
