"""An option list that takes a long list a screenful at a time.

Textual's ``OptionList`` measures every option it is given (wrapping its text)
before it draws any: the 200 quotes of the quotes view took 0.1 to 0.2 s to
open on a 10,000-article collection, and the article picker's 100 titles about
as long. Given through :meth:`LazyOptionList.fill`, the first options (more
than a screen holds) show at once; the rest are added a slice at a time after
each repaint, so a key pressed meanwhile is answered between two slices.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist


class LazyOptionList(OptionList):
    """An ``OptionList`` filled by :meth:`fill`: a screenful now, the rest in slices.

    Its scrollbar's column is always kept: otherwise the list is a little
    narrower once the slices make it scroll, and the first options are
    measured (wrapped) again at the new width, at every open.
    """

    DEFAULT_CSS = """
    LazyOptionList {
        scrollbar-gutter: stable;
    }
    """

    #: Options shown at once: more rows than the tallest dialog's list.
    FIRST: ClassVar[int] = 60
    #: Options added after each repaint: each slice waits for a repaint, so few and large.
    SLICE: ClassVar[int] = 70

    def __init__(self, *, id: str | None = None, markup: bool = False) -> None:
        super().__init__(id=id, markup=markup)
        self._rest: list[Option] = []
        self._generation = 0
        #: The option to highlight once its slice is in (the reader's place).
        self._keep: str | None = None
        #: What ``highlighted`` was when filled: a reader who moved since keeps the move.
        self._placed: int | None = None

    @property
    def filling(self) -> bool:
        """Whether options are still being added."""
        return bool(self._rest)

    def fill(self, options: Sequence[Option], keep: str | None = None) -> bool:
        """Show ``options`` instead of the current ones (as ``set_options`` does).

        Args:
            options: every option; the first ``FIRST`` are shown now.
            keep: the id of the option to put the cursor on: now if it is among
                the first, else once its slice is in (unless the reader moved the
                cursor meanwhile). Until then, and without it, the cursor is on
                the first option that can be chosen.

        Returns:
            Whether the cursor is on ``keep`` now.
        """
        self._generation += 1
        self._rest = list(options[self.FIRST :])
        self.set_options(options[: self.FIRST])
        self._keep = keep
        kept = self._highlight_kept()
        if not kept:
            self.highlight_first()
        self._placed = self.highlighted
        if self._rest:
            self.call_after_refresh(self._add_slice, self._generation)
        return kept

    def highlight_first(self) -> None:
        """Put the cursor on the first option that can be chosen (headings cannot)."""
        self.highlighted = next((n for n, o in enumerate(self.options) if not o.disabled), None)
        self._placed = self.highlighted

    def _highlight_kept(self) -> bool:
        if self._keep is None:
            return False
        try:
            self.highlighted = self.get_option_index(self._keep)
        except OptionDoesNotExist:
            return False
        self._keep = None
        return True

    def _add_slice(self, generation: int) -> None:
        if generation != self._generation or not self._rest:
            return  # filled again since, or done
        part, self._rest = self._rest[: self.SLICE], self._rest[self.SLICE :]
        self.add_options(part)
        if self._keep is not None and self.highlighted == self._placed:
            self._highlight_kept()
            self._placed = self.highlighted
        if self._rest:
            self.call_after_refresh(self._add_slice, generation)
