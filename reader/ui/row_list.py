"""A list of any length that draws only the rows in view, each made when first seen.

Textual's ``OptionList`` measures (renders) every option it is given before it
draws one, so a long list either costs seconds to fill or has to be cut short.
``RowList`` is told only each row's id and height: it draws the rows that come
into view (through a callback that makes a row's text), so 50,000 rows fill as
fast as 50 and every one of them can be scrolled to. It looks and answers like
an ``OptionList``: a cursor (``highlighted``) that skips headings, the same keys,
a click or Enter chooses (``Chosen``), the mouse's row is shown.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual, visualize

#: Drawn rows kept (each a few strips): more than any screen shows, many times over.
KEPT_DRAWN = 2000


class RowList(ScrollView, can_focus=True):
    """Rows given by id and height, drawn as they come into view.

    A row whose id is None is a heading (or a note): drawn dimmed, never under the
    cursor, never chosen. ``set_rows`` replaces the rows; ``draw(index)`` makes a
    row's text the first time it is shown (a row of height 2 is a text of two
    lines; a longer line ends in "…", never wraps).
    """

    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        overflow-x: hidden;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
        }
        & > .row-list--heading {
            color: $text-disabled;
        }
        & > .row-list--cursor {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus > .row-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .row-list--hover {
            background: $block-hover-background;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-list--row",
        "row-list--heading",
        "row-list--cursor",
        "row-list--hover",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "choose", "Choose", show=False),
    ]

    #: The row under the cursor (never a heading), or None.
    highlighted: var[int | None] = var(None, init=False)

    class Chosen(Message):
        """A row was chosen (Enter, or a click)."""

        def __init__(self, row_list: RowList, index: int, row_id: str) -> None:
            super().__init__()
            self.row_list = row_list
            self.index = index
            self.row_id = row_id

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._ids: Sequence[str | None] = ()
        self._draw: Callable[[int], Text] = _nothing
        #: The first line of each row and the line after the last (None: every row one line).
        self._starts: list[int] | None = None
        self._index: dict[str, int] | None = None  # made when first asked
        self._texts: dict[int, Text] = {}
        self._drawn: dict[tuple[int, str, int], list[Strip]] = {}
        self._hover: int | None = None
        self._height = 0  # the lines shown, as of the last resize

    # The rows.

    def set_rows(
        self,
        ids: Sequence[str | None],
        draw: Callable[[int], Text],
        heights: Sequence[int] | None = None,
    ) -> None:
        """Show these rows instead of the current ones, with no row under the cursor
        (``highlight`` or ``highlight_first`` puts one there).

        Args:
            ids: each row's id; None for a heading.
            draw: makes row ``index``'s text (called when the row is first shown).
            heights: each row's lines (all 1 when None).

        Raises:
            ValueError: ``heights`` does not give one height of at least 1 per row.
        """
        if heights is not None and (len(heights) != len(ids) or min(heights, default=1) < 1):
            raise ValueError("one height of at least 1 line per row")
        self._ids = ids
        self._draw = draw
        uniform = heights is None or all(height == 1 for height in heights)
        self._starts = None if uniform else list(accumulate(heights or (), initial=0))
        self._index = None
        self._texts.clear()
        self._drawn.clear()
        self._hover = None
        self._set_virtual_size()
        self.set_reactive(RowList.highlighted, None)
        self.refresh()

    def highlight(self, row_id: str) -> bool:
        """Put the cursor on the row with this id; False when it is not listed."""
        index = self.index_of(row_id)
        if index is None:
            return False
        self.highlighted = index
        return True

    def highlight_first(self) -> None:
        """Put the cursor on the first row that is not a heading (none: no cursor)."""
        self.highlighted = self._next_row(-1, 1, wrap=False)

    @property
    def row_count(self) -> int:
        return len(self._ids)

    @property
    def row_ids(self) -> Sequence[str | None]:
        """Every row's id, top to bottom (None for a heading)."""
        return self._ids

    @property
    def made_rows(self) -> int:
        """How many rows' texts were made since the rows were given (shown, or asked for)."""
        return len(self._texts)

    def row_text(self, index: int) -> Text:
        """Row ``index``'s text, made now if it was never shown."""
        text = self._texts.get(index)
        if text is None:
            text = self._texts[index] = self._draw(index)
        return text

    def index_of(self, row_id: str) -> int | None:
        """Where the row with this id is, or None when it is not listed."""
        if self._index is None:
            self._index = {key: n for n, key in enumerate(self._ids) if key is not None}
        return self._index.get(row_id)

    @property
    def highlighted_id(self) -> str | None:
        index = self.highlighted
        return None if index is None else self._ids[index]

    def _lines(self) -> int:
        return len(self._ids) if self._starts is None else self._starts[-1]

    def _row_at(self, line: int) -> int:
        return line if self._starts is None else bisect_right(self._starts, line) - 1

    def _span(self, index: int) -> tuple[int, int]:
        """Row ``index``'s first line and height."""
        if self._starts is None:
            return index, 1
        return self._starts[index], self._starts[index + 1] - self._starts[index]

    def _set_virtual_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self._lines())

    # The cursor.

    def validate_highlighted(self, index: int | None) -> int | None:
        if index is None or not 0 <= index < len(self._ids) or self._ids[index] is None:
            return None
        return index

    def watch_highlighted(self, index: int | None) -> None:
        self.refresh()
        if index is not None:
            self.scroll_to_highlight()

    def scroll_to_highlight(self) -> None:
        """Bring the cursor's row into view."""
        index = self.highlighted
        if index is None or not self.is_mounted:
            return
        if not self.scrollable_content_region.height:
            self.call_after_refresh(self.scroll_to_highlight)  # not laid out yet
            return
        top, height = self._span(index)
        region = Region(0, top, self.scrollable_content_region.width, height)
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def _next_row(self, start: int, step: int, wrap: bool = True) -> int | None:
        """The first row after ``start`` going by ``step`` that is not a heading."""
        ids, count = self._ids, len(self._ids)
        index = start + step
        for _ in range(count):
            if not 0 <= index < count:
                if not wrap:
                    return None
                index %= count
            if ids[index] is not None:
                return index
            index += step
        return None

    def action_cursor_down(self) -> None:
        found = self._next_row(-1 if self.highlighted is None else self.highlighted, 1)
        if found is not None:
            self.highlighted = found

    def action_cursor_up(self) -> None:
        start = len(self._ids) if self.highlighted is None else self.highlighted
        found = self._next_row(start, -1)
        if found is not None:
            self.highlighted = found

    def action_first(self) -> None:
        self.highlight_first()

    def action_last(self) -> None:
        self.highlighted = self._next_row(len(self._ids), -1, wrap=False)

    def _move_page(self, step: int) -> None:
        if self.highlighted is None:
            self.action_first() if step < 0 else self.action_last()
            return
        top, _ = self._span(self.highlighted)
        line = min(max(top + step * self.scrollable_content_region.height, 0), self._lines() - 1)
        row = self._row_at(line)
        # The row there, or the nearest one further on (else back) that is not a heading.
        found = self._next_row(row - step, step, wrap=False)
        if found is None:
            found = self._next_row(row, -step, wrap=False)
        if found is not None:
            self.highlighted = found

    def action_page_down(self) -> None:
        self._move_page(1)

    def action_page_up(self) -> None:
        self._move_page(-1)

    def action_choose(self) -> None:
        index = self.highlighted
        row_id = self.highlighted_id
        if index is not None and row_id is not None:
            self.post_message(self.Chosen(self, index, row_id))

    # The mouse.

    def _row_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        line = offset.y + round(self.scroll_offset.y)
        return self._row_at(line) if 0 <= line < self._lines() else None

    async def _on_click(self, event: events.Click) -> None:
        index = self._row_under(event)
        if index is not None and self._ids[index] is not None:
            self.highlighted = index
            self.action_choose()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._row_under(event)
        if index != self._hover:
            self._hover = index
            self.refresh()

    def _on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    # Drawing.

    def _on_resize(self, event: events.Resize) -> None:
        # The cursor stays in sight when the list shrinks (a smaller terminal), unless
        # it was out of sight already (scrolled away from with the mouse).
        kept = self._in_sight(self._height)
        self._height = self.scrollable_content_region.height
        self._drawn.clear()
        self._set_virtual_size()
        if kept and self.highlighted is not None:
            self.call_after_refresh(self.scroll_to_highlight)

    def _in_sight(self, height: int) -> bool:
        """Whether the cursor's row was wholly in the ``height`` lines shown (or the
        list was never shown)."""
        if self.highlighted is None or not height:
            return True
        top, rows = self._span(self.highlighted)
        shown = round(self.scroll_offset.y)
        return shown <= top and top + rows <= shown + height

    def notify_style_update(self) -> None:
        self._drawn.clear()  # another theme: rows drawn again in its colours
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = round(self.scroll_offset.y) + y
        if not 0 <= line < self._lines():
            return Strip.blank(width, self.get_visual_style("row-list--row").rich_style)
        index = self._row_at(line)
        top, _ = self._span(index)
        return self._strips(index, width)[line - top]

    def _strips(self, index: int, width: int) -> list[Strip]:
        if self._ids[index] is None:
            state = "row-list--heading"
        elif index == self.highlighted:
            state = "row-list--cursor"
        elif index == self._hover:
            state = "row-list--hover"
        else:
            state = "row-list--row"
        key = (index, state, width)
        strips = self._drawn.get(key)
        if strips is None:
            if len(self._drawn) >= KEPT_DRAWN:
                self._drawn.clear()
            style = self.get_visual_style("row-list--row", state)
            visual: Visual = visualize(self, self.row_text(index), markup=False)
            _, height = self._span(index)
            made = Visual.to_strips(self, visual, width, height, style)
            blank = Strip.blank(width, style.rich_style)
            strips = [s.extend_cell_length(width, style.rich_style).crop(0, width) for s in made]
            strips = (strips + [blank] * height)[:height]
            self._drawn[key] = strips
        return strips


def _nothing(index: int) -> Text:
    return Text()
