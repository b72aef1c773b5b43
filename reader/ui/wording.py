"""Small helpers for the words the reader shows."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun``, plural unless there is one: ``1 quote``, ``2 quotes``,
    ``10,000 articles`` (thousands grouped).

    Args:
        count: how many.
        noun: the singular.
        plural: the plural when it is not ``noun + "s"`` (``entities``).
    """
    return f"{count} {noun}" if count == 1 else f"{count:,} {plural or noun + 's'}"


def collection_summary(articles: int, entities: int, quotes: int, grouping: bool) -> str:
    """The status line of a linked collection; ``grouping``: its stories are still to come."""
    return (
        f"{counted(articles, 'article')} · {counted(entities, 'entity', 'entities')} · "
        f"{counted(quotes, 'quote')}{' · grouping stories…' if grouping else ''}"
        " — Ctrl+P to find an entity, ? for keys"
    )
