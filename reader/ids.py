"""Stable ids: derived from what a record is, not from its rank in a list.

A selection, a saved session, a note or an export keeps pointing at the same
entity or quote when results arrive and the collection is relinked, because
the id depends only on a span of text that stays where it is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


def span_ids(prefix: str, spans: Sequence[tuple[str, int, int]]) -> list[str]:
    """Distinct ids for ``(article id, start, end)`` spans: ``prefix`` and 8 hex digits.

    Two spans whose hashes collide get longer hashes (then a counter), decided
    in the order given, so the result is deterministic.

    Args:
        prefix: what the ids name ("e" for entities, "q" for quotes).
        spans: each record's defining span, in a fixed order.

    Returns:
        The ids in the order of ``spans``, every one distinct.
    """
    ids: list[str] = []
    taken: set[str] = set()
    for article, start, end in spans:
        full = hashlib.blake2b(f"{article}\x1f{start}\x1f{end}".encode(), digest_size=16)
        hexed = full.hexdigest()
        candidate = f"{prefix}{hexed[:8]}"
        if candidate not in taken:  # nearly always: no collision to resolve
            taken.add(candidate)
            ids.append(candidate)
            continue
        candidate = next(
            (f"{prefix}{hexed[:n]}" for n in (8, 12, 32) if f"{prefix}{hexed[:n]}" not in taken),
            "",
        )
        number = 2
        while not candidate:
            if (attempt := f"{prefix}{hexed}-{number}") not in taken:
                candidate = attempt
            number += 1
        taken.add(candidate)
        ids.append(candidate)
    return ids
