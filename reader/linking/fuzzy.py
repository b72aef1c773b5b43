"""Spelling and transliteration variants found by fuzzy matching, inside small blocks.

Names are only compared with names of the same type that share a blocking key,
so the work grows with the number of distinct names, never with all pairs.
"""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz.fuzz import ratio

from reader.linking.people import full_names_compatible, person_words, surnames_alike
from reader.names import has_digits, tokens

#: Non-person names must be this alike as a whole (rapidfuzz ratio, 0-100) ...
NAME_SIMILARITY = 90.0
#: ... and the one word that differs this alike.
WORD_SIMILARITY = 80.0
#: Shortest non-person name worth fuzzy matching (short ones collide by chance).
MIN_FUZZY_NAME = 8


def person_variants(keys: list[str]) -> Iterator[tuple[str, str, float]]:
    """Pairs of person names that look like spellings of one name.

    "zelensky" / "zelenskiy", "volodymyr zelensky" / "volodymyr zelenskyy",
    "bettie page" / "betty page". The surnames must be alike
    (``people.surnames_alike``) and, when both names have a first name, the first
    names must agree or be spelling variants (``people.first_names_alike``).

    Args:
        keys: distinct folded person names.

    Yields:
        ``(key_a, key_b, score)``: the similarity of the full names, or of the
        surnames when one name is a surname alone.
    """
    by_surname: dict[str, list[str]] = {}
    for key in keys:
        words = person_words(key)
        if words and len(words[-1]) >= 3:
            by_surname.setdefault(words[-1], []).append(key)
    # Compare distinct surnames only, in blocks by first letter and length.
    blocks: dict[tuple[str, int], list[str]] = {}
    for last in by_surname:
        blocks.setdefault((last[0], len(last)), []).append(last)
    alike: list[tuple[str, str, float]] = []
    for (letter, size), block in blocks.items():
        # Surnames alike enough differ in length by two letters at most.
        near = [x for n in range(size, size + 3) for x in blocks.get((letter, n), ())]
        for a in block:
            for b in near:
                if a < b or len(b) > len(a):
                    score = surnames_alike(a, b) if a != b else None
                    if score is not None:
                        alike.append((a, b, score))
    for last in by_surname:
        alike.append((last, last, 100.0))
    for a_last, b_last, surname_score in alike:
        a_keys, b_keys = by_surname[a_last], by_surname[b_last]
        for a in a_keys:
            for b in b_keys:
                if a_last == b_last and a >= b:
                    continue
                if (found := _person_pair(a, b, surname_score)) is not None:
                    yield a, b, found


def _person_pair(a: str, b: str, surname_score: float) -> float | None:
    wa, wb = person_words(a), person_words(b)
    if len(wa) > 1 and len(wb) > 1:
        # Same surname with agreeing first names is the full-name rule's job.
        if not full_names_compatible(a, b, fuzzy=True) or full_names_compatible(a, b):
            return None
        return ratio(a, b)
    if wa[-1] == wb[-1]:
        return None  # a surname alone: the surname rule decides
    return surname_score


def name_variants(keys: list[str]) -> Iterator[tuple[str, str, float]]:
    """Pairs of organization or place names that differ by one misspelled word.

    "promises treatment centr" / "promises treatment center". Both names must
    have the same number of words, differ in exactly one word that is long and
    alike, hold no numbers ("Apollo 11" is not "Apollo 13") and be alike as a whole.

    Args:
        keys: distinct folded names of one type.

    Yields:
        ``(key_a, key_b, score)`` with the whole-name similarity as score.
    """
    blocks: dict[tuple[int, int, str], list[str]] = {}
    for key in keys:
        words = tokens(key)
        if len(key) < MIN_FUZZY_NAME or has_digits(key):
            continue
        # Two blocks per name, so a difference in the first or the last word is found.
        blocks.setdefault((len(words), 0, words[0]), []).append(key)
        blocks.setdefault((len(words), 1, words[-1]), []).append(key)
    seen: set[tuple[str, str]] = set()
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                pair = (a, b) if a < b else (b, a)
                if pair in seen:
                    continue
                seen.add(pair)
                if (found := _one_word_apart(a, b)) is not None:
                    yield a, b, found


def _one_word_apart(a: str, b: str) -> float | None:
    wa, wb = tokens(a), tokens(b)
    differing = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(differing) != 1:
        return None
    x, y = differing[0]
    if min(len(x), len(y)) < 5 or x[0] != y[0] or ratio(x, y) < WORD_SIMILARITY:
        return None
    score = ratio(a, b)
    return score if score >= NAME_SIMILARITY else None
