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


def provisional_status(
    articles: int, entities: int, quotes: int, added: int, removed: int, step: str = ""
) -> str:
    """The status line of a changed collection shown as it was linked before (``added``
    articles not in it, ``removed`` in it no longer) while it is linked again, ``step``
    of that under way."""
    changes = ", ".join(
        part
        for count, part in ((added, f"{added:,} new or changed"), (removed, f"{removed:,} gone"))
        if count
    )
    return (
        f"{counted(articles, 'article')} · {counted(entities, 'entity', 'entities')} · "
        f"{counted(quotes, 'quote')} as linked before ({changes or 'unchanged'}) · "
        f"relinking{': ' + step if step else ''}…"
    )


def linking_status(articles: int, step: str = "", done: int = 0, total: int = 0) -> str:
    """The status line while a collection is linked: ``step`` under way, ``done`` of
    ``total`` through it when it says (0 of 0: it does not)."""
    said = f": {step}" if step else ""
    if step and total:
        said += f" ({done:,} of {total:,})"
    return f"Linking {counted(articles, 'article')}{said}…"
