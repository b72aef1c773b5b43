"""Small helpers for the words the reader shows."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun``, plural unless there is one: ``1 quote``, ``2 quotes``.

    Args:
        count: how many.
        noun: the singular.
        plural: the plural when it is not ``noun + "s"`` (``entities``).
    """
    return f"{count} {noun}" if count == 1 else f"{count} {plural or noun + 's'}"
