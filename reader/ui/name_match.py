"""One way to match a typed query against entity names, for the sidebar filter and the palette.

Pure functions (no Textual), fast enough to rank 50,000 names on each key:

- every word of the query found in a name ranks first (``zel`` in
  ``Volodymyr Zelenskiy``), closer to a word's start and to the whole name higher;
- then the query's letters in order with gaps (``zelensky`` in ``Zelenskiy``,
  ``vzel`` in ``Volodymyr Zelenskiy``), the tighter the higher;
- anything else does not match (score 0).

A regex finds the subsequences (in C), so a name that cannot match costs one
search, and an entity is skipped after one search over all its names together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

#: Letters of a query used for the in-order match (a regex group each; Python allows 100).
MAX_LETTERS = 64
T = TypeVar("T")

#: One-word matches beyond this many keep the given (salience) order instead of being ranked.
RANK_LIMIT = 5_000
#: Scores of the two tiers: any word match outranks any in-order match.
_WORDS, _LETTERS = 2.0, 1.0
#: The lowest score of a match holding every typed word.
WORDS_MATCH = _WORDS


@dataclass(frozen=True, slots=True)
class NameQuery:
    """A typed query, prepared once for matching many names."""

    words: tuple[str, ...]
    letters: str
    pattern: re.Pattern[str]
    #: Each word after a space: found so, it starts a word of the name.
    spaced: tuple[str, ...] = ()


def prepare(query: str) -> NameQuery | None:
    """``query`` ready to match case-folded names, or None when it is blank."""
    words = tuple(query.casefold().split())
    if not words:
        return None
    letters = "".join(words)[:MAX_LETTERS]
    # Lazy gaps: the match found starts at the first place the letters can start.
    pattern = re.compile(".*?".join(f"({re.escape(c)})" for c in letters), re.DOTALL)
    return NameQuery(words, letters, pattern, tuple(f" {word}" for word in words))


def score(query: NameQuery, name: str) -> float:
    """How well case-folded ``name`` matches ``query``: 0 for not at all, higher is better."""
    words = query.words
    if len(words) == 1:  # the common case, without the loops
        word = words[0]
        if word in name:
            at_start = name.startswith(word) or query.spaced[0] in name
            return WORDS_MATCH + 0.5 * at_start + 0.4 * len(word) / len(name)
    elif all(word in name for word in words):
        # Prefer words found where a word of the name begins, and names not much longer.
        starts = sum(
            1
            for word, spaced in zip(words, query.spaced, strict=True)
            if name.startswith(word) or spaced in name
        )
        closeness = len(query.letters) / max(len(name), 1)
        return WORDS_MATCH + 0.5 * starts / len(words) + 0.4 * closeness
    found = query.pattern.search(name)
    if found is None:
        return 0.0
    # Tighter runs of the letters first, then those starting a word of the name.
    first = found.start()
    start = 1.0 if first == 0 or name[first - 1] == " " else 0.0
    return _LETTERS + 0.5 * len(query.letters) / (found.end() - first) + 0.4 * start


def best_score(query: NameQuery, names: Sequence[str], together: str | None = None) -> float:
    """The best :func:`score` over ``names`` (an entity's name and aliases, case-folded).

    ``together`` (the names joined by spaces) lets a hopeless entity be skipped
    with one search: letters missing from all the names together are missing
    from each (words typed out of order are looked for one by one).
    """
    if len(names) == 1:
        return score(query, names[0])
    if (
        together is not None
        and query.pattern.search(together) is None
        and not all(word in together for word in query.words)  # words typed out of order
    ):
        return 0.0
    return max((score(query, name) for name in names), default=0.0)


def positions(query: NameQuery, name: str) -> list[int]:
    """The offsets in ``name`` (any case) that match ``query``, for highlighting."""
    folded = name.casefold()
    if len(folded) != len(name):  # casefold changed the length (ß → ss): no safe offsets
        return []
    if all(word in folded for word in query.words):
        hits: set[int] = set()
        for word in query.words:
            index = folded.find(word)
            hits.update(range(index, index + len(word)))
        return sorted(hits)
    found = query.pattern.search(folded)
    if found is None:
        return []
    return [found.start(g) for g in range(1, len(query.letters) + 1)]


def rank(
    query: NameQuery, candidates: Iterable[tuple[T, Sequence[str], str]], least: float = 0.0
) -> list[T]:
    """The candidates that match, best first; ties keep the given order.

    Args:
        query: the prepared query.
        candidates: ``(item, case-folded names, those names joined by spaces)``.
        least: leave out matches scoring below this (:data:`WORDS_MATCH`: only
            names holding every typed word).
    """
    words_only = least >= WORDS_MATCH
    words = query.words
    if words_only and len(words) == 1:
        # The common case (one word, only names holding it) as one comprehension:
        # the same scores as score(), at about half the cost per name.
        word, spaced, closeness = words[0], query.spaced[0], 0.4 * len(words[0])
        members = [c for c in candidates if word in c[2]]
        if len(members) > RANK_LIMIT:
            # A letter or two found in most names: ranking them would cost a key's
            # worth of time and tell little; salience order until the reader types on.
            return [c[0] for c in members]
        scored = [
            (
                # score()'s one-word formula, inlined (tests check they agree).
                -(WORDS_MATCH + 0.5 * (t.startswith(word) or spaced in t) + closeness / len(t))
                if len(names) == 1
                else -best_score(query, names),
                n,
                item,
            )
            for n, (item, names, t) in enumerate(members)
        ]
        scored = [entry for entry in scored if -entry[0] >= least]
        scored.sort(key=lambda entry: (entry[0], entry[1]))
        return [item for _, _, item in scored]
    scored = []
    for order, (item, names, together) in enumerate(candidates):
        if words_only and not all(word in together for word in words):
            continue  # no name holds every word: skip the in-order search
        value = score(query, together) if len(names) == 1 else best_score(query, names, together)
        if value > 0 and value >= least:
            scored.append((-value, order, item))
    scored.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _, _, item in scored]
