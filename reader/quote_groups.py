"""The same statement quoted in several articles: grouping quotes, and what differs.

Outlets quote one statement with other punctuation, as a fragment of the longer
quote, with an abbreviation written out or a word or two changed. Quotes are
compared as sequences of normalized words: candidates come from rare shared
word shingles (an inverted index with a document-frequency cap, so no
all-pairs comparison), and a pair is the same statement when the longest
common word subsequence covers most of the shorter quote (containment, which
keeps fragments with their source).
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz.distance import Indel

from reader.model import Quote, QuoteGroup

#: Share of the shorter quote's words the longer must contain, in order.
CONTAINMENT = 0.8
#: Fewest words a quote needs to be grouped: shorter phrases ("at any time")
#: recur in unrelated statements.
MIN_WORDS = 4
#: Words per shingle used to find candidate pairs.
SHINGLE = 3

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’]?\s+")
_TOKEN = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*\.?", re.UNICODE)
# Abbreviations outlets write out, and number words they write as digits.
_EXPANSIONS = {
    "u.s.": ("united", "states"),
    "u.s": ("united", "states"),
    "us.": ("united", "states"),
    "u.k.": ("united", "kingdom"),
    "u.k": ("united", "kingdom"),
    "u.n.": ("united", "nations"),
    "u.n": ("united", "nations"),
    "dept.": ("department",),
    "gov.": ("governor",),
    "govt.": ("government",),
    "sen.": ("senator",),
    "rep.": ("representative",),
    "st.": ("street",),
    "mr.": ("mr",),
    "mrs.": ("mrs",),
    "dr.": ("doctor",),
}
_NUMBERS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
}


def tokens_with_spans(text: str) -> list[tuple[str, int, int]]:
    """Normalized words of ``text`` with the character range each comes from.

    An abbreviation written out in full ("U.S.") yields several words with the
    same range; case, punctuation and apostrophe style are dropped.
    """
    out: list[tuple[str, int, int]] = []
    for match in _TOKEN.finditer(text):
        raw = match.group().lower().replace("’", "'")
        start, end = match.start(), match.end()
        expanded = _EXPANSIONS.get(raw)
        if expanded is None and raw.endswith(".") and raw.count(".") == 1:
            raw = raw[:-1]
            end -= 1
            expanded = _EXPANSIONS.get(raw + ".")
        if expanded is not None:
            out.extend((word, start, end) for word in expanded)
            continue
        raw = raw.replace(".", "")
        out.append((_NUMBERS.get(raw, raw), start, end))
    return out


def normalized_words(text: str) -> list[str]:
    """The normalized words of ``text`` (see :func:`tokens_with_spans`)."""
    return [word for word, _, _ in tokens_with_spans(text)]


def containment(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of the shorter word sequence found, in order, in the other one."""
    if not a or not b:
        return 0.0
    distance = Indel.distance(a, b)
    common = (len(a) + len(b) - distance) / 2
    return common / min(len(a), len(b))


def sentences(text: str) -> list[list[str]]:
    """The normalized words of each sentence of ``text`` that has at least MIN_WORDS."""
    parts = (normalized_words(part) for part in _SENTENCE_END.split(text))
    return [words for words in parts if len(words) >= MIN_WORDS]


def same_statement(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two normalized word sequences quote one statement."""
    if min(len(a), len(b)) < MIN_WORDS:
        return False
    return containment(a, b) >= CONTAINMENT


def _shares_sentence(a: list[list[str]], b: Sequence[str]) -> bool:
    # One outlet quotes two sentences, another only one of them, a third both
    # with a word changed: a sentence found in the other quote links them.
    return len(a) > 1 and any(containment(s, b) >= CONTAINMENT for s in a)


def group_quotes(quotes: Sequence[Quote]) -> list[QuoteGroup]:
    """Groups of quotes repeating one statement, each spanning two or more articles.

    Args:
        quotes: The corpus quotes.

    Returns:
        The groups, each listing its quotes in corpus order; quotes in no group
        are left out. Group ids derive from the first quote's article and offset.
    """
    # Copies of one wire story repeat a quote word for word: the same words are one
    # statement at once, and only distinct wordings are compared (a 10,000-article
    # archive has far fewer of those than quotes).
    # Copies repeat the text too: each distinct text is tokenized once.
    words_by_text: dict[str, tuple[str, ...]] = {}
    for q in quotes:
        if q.text not in words_by_text:
            words_by_text[q.text] = tuple(normalized_words(q.text))
    words_of = [words_by_text[q.text] for q in quotes]
    parent = list(range(len(quotes)))
    first_of: dict[tuple[str, ...], int] = {}
    for index, words in enumerate(words_of):
        if len(words) < MIN_WORDS:
            continue
        first = first_of.setdefault(words, index)
        parent[index] = first
    distinct = list(first_of.values())
    tokens = {i: words_of[i] for i in distinct}
    parts = {i: sentences(quotes[i].text) for i in distinct}
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index in distinct:
        words = tokens[index]
        for shingle in {words[i : i + SHINGLE] for i in range(len(words) - SHINGLE + 1)}:
            postings[shingle].append(index)
    cap = max(50, int(math.sqrt(len(distinct))) * 4)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    compared: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) > cap:
            continue  # a stock phrase, not a statement: other shingles find the pairs
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if (a, b) in compared or root(a) == root(b):
                    continue
                compared.add((a, b))
                if (
                    same_statement(tokens[a], tokens[b])
                    or _shares_sentence(parts[a], tokens[b])
                    or _shares_sentence(parts[b], tokens[a])
                ):
                    parent[root(b)] = root(a)
    members_of: dict[int, list[int]] = defaultdict(list)
    for i in range(len(quotes)):
        members_of[root(i)].append(i)
    groups = []
    for members in members_of.values():
        if len({quotes[i].article for i in members}) < 2:
            continue
        leader = quotes[members[0]]
        key = f"{leader.article}\0{leader.start}".encode()
        groups.append(
            QuoteGroup(
                f"quotes-{hashlib.sha1(key).hexdigest()[:10]}",
                tuple(quotes[i].id for i in members),
            )
        )
    return groups


def differing_words(text: str, other: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` whose words ``other`` changed.

    Words ``other`` replaced, or left out from inside the stretch both quote,
    count; words beyond the stretch ``other`` quotes do not (a fragment is no
    alteration). Case, punctuation and written-out abbreviations do not count.

    Args:
        text: The quote to mark.
        other: The quote it is compared with.

    Returns:
        Sorted, non-overlapping ``(start, end)`` ranges into ``text``.
    """
    mine = tokens_with_spans(text)
    theirs = [word for word, _, _ in tokens_with_spans(other)]
    matcher = difflib.SequenceMatcher(None, [w for w, _, _ in mine], theirs, autojunk=False)
    opcodes = matcher.get_opcodes()
    equal = [op for op in opcodes if op[0] == "equal"]
    if not equal:
        return [(mine[0][1], mine[-1][2])] if mine else []
    first, last = equal[0][1], equal[-1][2]
    ranges: list[tuple[int, int]] = []
    for tag, i1, i2, _, _ in opcodes:
        if tag == "equal" or i1 == i2:
            continue
        # Leading or trailing words only ``text`` has: ``other`` is a fragment.
        if tag == "delete" and (i2 <= first or i1 >= last):
            continue
        start, end = mine[i1][1], mine[i2 - 1][2]
        if ranges and ranges[-1][1] >= start:
            ranges[-1] = (ranges[-1][0], max(end, ranges[-1][1]))
        else:
            ranges.append((start, end))
    return ranges
