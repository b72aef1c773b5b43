"""Where Tab goes on the reader screen: the columns left to right, then the entity list.

A mixin of :class:`~reader.ui.reader_screen.ReaderScreen`. Textual's own order
follows the widgets' places on screen, so Tab from the last column wrapped into
the sidebar's filter box, and the next ``o`` or ``n`` was typed into it. The
filter box is no tab stop: ``/`` goes there, Esc or Enter leaves it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.widget import Widget

if TYPE_CHECKING:
    from reader.ui.reader_screen import ReaderScreen


class FocusOrder:
    """Tab and Shift+Tab walk the columns, then the sidebar's list, and around."""

    def tab_stops(self) -> list[Widget]:
        """The widgets Tab visits, in order: each column's text, then the entity list if shown."""
        me = _screen(self)
        stops: list[Widget] = [column.view for column in me.deck.column_widgets]
        if me.sidebar.revealed:
            stops.append(me.sidebar.entity_list)
        return stops

    def focus_next(self, selector: object = "*") -> Widget | None:
        """Focus the next tab stop (Tab)."""
        return self._step_focus(+1)

    def focus_previous(self, selector: object = "*") -> Widget | None:
        """Focus the previous tab stop (Shift+Tab)."""
        return self._step_focus(-1)

    def _step_focus(self, step: int) -> Widget | None:
        me = _screen(self)
        stops = me.tab_stops()
        focused = me.focused
        here = next(
            (n for n, stop in enumerate(stops) if focused is not None and stop is focused), None
        )
        if here is None:
            # From the filter box, the list is next; from anywhere else (the find bar), the text.
            in_sidebar = focused is not None and me.sidebar in focused.ancestors
            here = len(stops) - 1 if in_sidebar else -1 if step > 0 else 0
            if in_sidebar and step > 0:
                here -= 1
        elif len(stops) == 1:
            me.notify("One column and no sidebar: nothing else to move to", timeout=2, markup=False)
            return focused
        target = stops[(here + step) % len(stops)]
        target.focus()
        return target


def _screen(mixin: object) -> ReaderScreen:
    # The mixin's self is the reader screen: typed once here, not in each method.
    return cast("ReaderScreen", mixin)
