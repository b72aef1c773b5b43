"""Back and forward: where the reader was before each jump, like a browser's history.

A :class:`Place` is what the screen shows: which article is in each column,
where each column is scrolled to (as a text offset, so it survives a resize),
which column has the focus and which entity is selected. The UI records a
place after every jump (mention, find match, quote, picker, story) and asks
for the previous or next one on Back and Forward.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

#: Places kept by default; the oldest go first.
DEFAULT_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Place:
    """One view of the articles.

    Attributes:
        columns: the article id in each column, left to right.
        anchors: for each column, the offset in its article's text of the first
            character shown at the top (0 when not scrolled).
        focused: the index of the focused column.
        entity: the selected entity's id, or None.
    """

    columns: tuple[str, ...]
    anchors: tuple[int, ...] = ()
    focused: int = 0
    entity: str | None = None

    def __post_init__(self) -> None:
        if not self.anchors:
            object.__setattr__(self, "anchors", (0,) * len(self.columns))
        if len(self.anchors) != len(self.columns):
            raise ValueError("a place needs one anchor per column")

    def fitted(self, texts: dict[str, str]) -> Place | None:
        """This place checked against the loaded articles (id -> text).

        Columns whose article is gone are dropped, anchors are kept inside
        their text and the focus inside the columns.

        Returns:
            The place as it can be shown, or None when none of its articles is loaded.
        """
        kept = [
            (number, article, max(0, min(anchor, len(texts[article]))))
            for number, (article, anchor) in enumerate(zip(self.columns, self.anchors, strict=True))
            if article in texts
        ]
        if not kept:
            return None
        numbers = [number for number, _, _ in kept]
        # The focus stays on its column when that one is kept, else goes to its right neighbour.
        focused = sum(1 for number in numbers if number < self.focused)
        return replace(
            self,
            columns=tuple(article for _, article, _ in kept),
            anchors=tuple(anchor for _, _, anchor in kept),
            focused=max(0, min(focused, len(kept) - 1)),
        )


class History:
    """A bounded list of places with a current position.

    ``record`` after going back drops the places ahead (as a browser does);
    recording the place already current changes nothing.
    """

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        if limit < 1:
            raise ValueError("a history keeps at least one place")
        self._limit = limit
        self._places: list[Place] = []
        self._index = -1

    def __len__(self) -> int:
        return len(self._places)

    @property
    def places(self) -> tuple[Place, ...]:
        """Every place kept, oldest first."""
        return tuple(self._places)

    @property
    def current(self) -> Place | None:
        """The place the reader is at, or None before the first record."""
        return self._places[self._index] if self._places else None

    @property
    def can_go_back(self) -> bool:
        """Whether :meth:`back` has somewhere to go."""
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        """Whether :meth:`forward` has somewhere to go."""
        return 0 <= self._index < len(self._places) - 1

    def record(self, place: Place, leaving: Place | None = None) -> None:
        """Record a jump to ``place``.

        Args:
            place: where the jump landed.
            leaving: where the reader was just before the jump (scrolled since the
                last record, say); it replaces the current place, so Back returns
                exactly there.
        """
        if leaving is not None:
            self._update_current(leaving)
        if self._places and self._places[self._index] == place:
            return
        del self._places[self._index + 1 :]
        self._places.append(place)
        overflow = len(self._places) - self._limit
        if overflow > 0:
            del self._places[:overflow]
        self._index = len(self._places) - 1

    def back(self, leaving: Place | None = None) -> Place | None:
        """Step back one place.

        Args:
            leaving: where the reader is now; Forward will return there.

        Returns:
            The previous place, or None (nothing changes) at the oldest one.
        """
        return self._step(-1, leaving) if self.can_go_back else None

    def forward(self, leaving: Place | None = None) -> Place | None:
        """Step forward one place (after going back).

        Args:
            leaving: where the reader is now; Back will return there.

        Returns:
            The next place, or None (nothing changes) at the newest one.
        """
        return self._step(+1, leaving) if self.can_go_forward else None

    def _step(self, delta: int, leaving: Place | None) -> Place:
        if leaving is not None:
            self._update_current(leaving)
        self._index += delta
        return self._places[self._index]

    def _update_current(self, place: Place) -> None:
        if not self._places:
            self._places.append(place)
            self._index = 0
            return
        self._places[self._index] = place
        # Updating may make the current place equal to a neighbour: collapse it.
        if self._index > 0 and self._places[self._index - 1] == place:
            del self._places[self._index]
            self._index -= 1
        elif self._index + 1 < len(self._places) and self._places[self._index + 1] == place:
            del self._places[self._index]


def place_of(
    columns: Sequence[str],
    anchors: Sequence[int] | None = None,
    focused: int = 0,
    entity: str | None = None,
) -> Place:
    """A :class:`Place` from the screen's lists (anchors default to the tops)."""
    return Place(tuple(columns), tuple(anchors or ()), focused, entity)
