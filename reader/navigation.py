"""The mention index: an entity's mentions in reading order, and a cursor over them.

Reading order is article by article, in the order the articles are shown (the
columns first, left to right, then every other article in corpus order), and by
offset inside an article. The cursor moves to the next or previous mention and
says when it wrapped around, so the UI can tell the reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.model import EntityMention


def reading_order(shown: Sequence[str], all_articles: Sequence[str]) -> list[str]:
    """Article ids in reading order: the ``shown`` ones first, then the rest.

    Args:
        shown: ids of the articles in the columns, left to right (repeats ignored).
        all_articles: ids of every loaded article, in corpus order.

    Returns:
        Each id of ``all_articles`` once; ids in ``shown`` but not loaded are left out.
    """
    known = set(all_articles)
    order = [a for a in dict.fromkeys(shown) if a in known]
    seen = set(order)
    order.extend(a for a in all_articles if a not in seen)
    return order


@dataclass(frozen=True, slots=True)
class Step:
    """Where a move of the cursor landed."""

    mention: EntityMention
    index: int  # 0-based position in the index
    total: int
    wrapped: bool

    @property
    def label(self) -> str:
        """The position as the reader sees it: ``i/N`` (1-based)."""
        return f"{self.index + 1}/{self.total}"


class MentionIndex:
    """An entity's mentions ordered for reading, with a cursor.

    The cursor starts before the first mention: the first ``next()`` lands on
    mention 1 without reporting a wrap.
    """

    def __init__(self, mentions: Sequence[EntityMention], order: Sequence[str]) -> None:
        """Order ``mentions`` by article position in ``order``, then by offset.

        Args:
            mentions: the mentions of one entity (any order, duplicates dropped).
            order: article ids in reading order; mentions in other articles go last,
                in the order of their article ids.
        """
        rank = {article: number for number, article in enumerate(order)}
        unknown = len(rank)
        unique = dict.fromkeys(mentions)
        self._mentions: tuple[EntityMention, ...] = tuple(
            sorted(
                unique,
                key=lambda m: (rank.get(m.article, unknown), m.article, m.start, m.end),
            )
        )
        self._position: int | None = None

    def __len__(self) -> int:
        return len(self._mentions)

    @property
    def mentions(self) -> tuple[EntityMention, ...]:
        """All mentions in reading order."""
        return self._mentions

    @property
    def position(self) -> int | None:
        """The 0-based index of the current mention, or None before the first move."""
        return self._position

    @property
    def current(self) -> Step | None:
        """The current mention as a step (never wrapped), or None before the first move."""
        if self._position is None:
            return None
        return Step(self._mentions[self._position], self._position, len(self), False)

    def next(self) -> Step | None:
        """Move to the next mention, wrapping from the last to the first.

        Returns:
            The new position, or None when the index is empty.
        """
        if not self._mentions:
            return None
        if self._position is None:
            return self._go(0, wrapped=False)
        target = self._position + 1
        return self._go(target % len(self), wrapped=target >= len(self))

    def previous(self) -> Step | None:
        """Move to the previous mention, wrapping from the first to the last.

        Returns:
            The new position, or None when the index is empty.
        """
        if not self._mentions:
            return None
        if self._position is None:
            return self._go(len(self) - 1, wrapped=False)
        target = self._position - 1
        return self._go(target % len(self), wrapped=target < 0)

    def go_to(self, mention: EntityMention) -> Step:
        """Put the cursor on ``mention`` (after a click, for example).

        Raises:
            ValueError: when ``mention`` is not in the index.
        """
        return self._go(self._mentions.index(mention), wrapped=False)

    def locate(self, article: str, offset: int) -> Step | None:
        """Put the cursor on the mention of ``article`` that covers ``offset``.

        Returns:
            The new position, or None (cursor unchanged) when no mention covers it.
        """
        for number, mention in enumerate(self._mentions):
            if mention.article == article and mention.start <= offset < mention.end:
                return self._go(number, wrapped=False)
        return None

    def _go(self, index: int, *, wrapped: bool) -> Step:
        self._position = index
        return Step(self._mentions[index], index, len(self), wrapped)
