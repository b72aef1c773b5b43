"""RowList: any number of rows, only those in view drawn; cursor, keys, clicks, headings."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult

from reader.ui.row_list import RowList

pytestmark = pytest.mark.asyncio

ROWS = 20_000
EVERY = 1000  # a heading before each thousand rows


def plan() -> tuple[list[str | None], list[int]]:
    """Headings (one line) before each thousand rows; every third row takes two lines."""
    ids: list[str | None] = []
    heights: list[int] = []
    for n in range(ROWS):
        if n % EVERY == 0:
            ids.append(None)
            heights.append(1)
        ids.append(f"r{n}")
        heights.append(2 if n % 3 == 0 else 1)
    return ids, heights


class ListApp(App[None]):
    def __init__(self, two_lines: bool = True) -> None:
        super().__init__()
        self.ids, self.heights = plan()
        self.two_lines = two_lines
        self.chosen: list[str] = []
        self.drawn: list[int] = []

    def compose(self) -> ComposeResult:
        yield RowList(id="rows")

    def on_mount(self) -> None:
        rows = self.query_one(RowList)
        rows.set_rows(self.ids, self.draw, self.heights if self.two_lines else None)
        rows.highlight_first()
        rows.focus()

    def draw(self, index: int) -> Text:
        self.drawn.append(index)
        key = self.ids[index]
        if key is None:
            return Text(f"Section {index}", style="bold")
        text = Text(
            f"row {key} [bold]not markup[/] " + "x" * 200, no_wrap=True, overflow="ellipsis"
        )
        if self.heights[index] == 2:
            text.append(f"\nsecond line of {key}", style="dim")
        return text

    def on_row_list_chosen(self, message: RowList.Chosen) -> None:
        self.chosen.append(message.row_id)


def lines(app: App[None]) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def test_only_the_rows_in_view_are_made_and_every_row_is_reachable():
    app = ListApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        rows = app.query_one(RowList)
        assert rows.row_count == len(app.ids)
        assert rows.made_rows <= 20 and len(set(app.drawn)) <= 20
        shown = lines(app)
        assert shown[0].startswith("Section 0")
        assert shown[1].startswith("row r0 [bold]not markup[/] xxx")  # plain, not markup
        assert shown[1].rstrip().endswith("…") and len(shown[1]) == 60  # cut, never wrapped
        assert shown[2].startswith("second line of r0")
        assert shown[3].startswith("row r1 ")
        assert rows.highlighted_id == "r0"
        await pilot.press("end")
        assert rows.highlighted_id == f"r{ROWS - 1}"
        assert any(line.startswith(f"row r{ROWS - 1} ") for line in lines(app))
        assert rows.made_rows <= 40
        assert rows.virtual_size.height == sum(app.heights)


async def test_keys_skip_headings_wrap_page_and_choose():
    app = ListApp()
    async with app.run_test(size=(60, 20)) as pilot:
        rows = app.query_one(RowList)
        rows.highlight("r999")
        await pilot.press("down")  # over the heading of the next thousand
        assert rows.highlighted_id == "r1000"
        await pilot.press("up")
        assert rows.highlighted_id == "r999"
        await pilot.press("home", "up")  # from the first row up: around to the last
        assert rows.highlighted_id == f"r{ROWS - 1}"
        await pilot.press("down")
        assert rows.highlighted_id == "r0"
        await pilot.press("pagedown")
        moved = int((rows.highlighted_id or "r0")[1:])
        # A page of 20 lines: rows of one and two lines, so 12 to 15 rows further on.
        assert 12 <= moved <= 15, moved
        top, bottom = rows.scroll_offset.y, rows.scroll_offset.y + 20
        start = sum(app.heights[: rows.highlighted or 0])
        assert top <= start < bottom  # the cursor's row is in view
        await pilot.press("pageup")
        assert rows.highlighted_id == "r0"
        await pilot.press("enter")
        assert app.chosen == ["r0"]


async def test_a_click_chooses_the_row_under_the_mouse_and_headings_are_never_chosen():
    app = ListApp(two_lines=False)
    async with app.run_test(size=(60, 20)) as pilot:
        rows = app.query_one(RowList)
        await pilot.click(RowList, offset=(5, 4))  # line 4: heading, r0, r1, r2, r3
        assert rows.highlighted_id == "r3" and app.chosen == ["r3"]
        await pilot.click(RowList, offset=(5, 0))  # the heading
        assert app.chosen == ["r3"] and rows.highlighted_id == "r3"
        rows.scroll_to(y=1000, animate=False, immediate=True)
        await pilot.pause()
        await pilot.click(RowList, offset=(5, 2))  # line 1002: past the heading of 1000
        assert app.chosen == ["r3", "r1000"]


async def test_new_rows_start_without_a_cursor_and_keep_none_of_the_old_drawings():
    app = ListApp(two_lines=False)
    async with app.run_test(size=(60, 20)) as pilot:
        rows = app.query_one(RowList)
        rows.set_rows(["a", None, "b"], lambda n: Text(["alpha", "Heading", "beta"][n]))
        assert rows.highlighted is None and rows.made_rows == 0
        await pilot.pause()
        assert lines(app)[:3] == [f"{word:<60}" for word in ("alpha", "Heading", "beta")]
        assert not rows.highlight("r5") and rows.highlighted is None
        rows.highlight_first()
        assert rows.highlighted_id == "a"
        await pilot.press("down")
        assert rows.highlighted_id == "b"
        rows.set_rows([], lambda n: Text())
        await pilot.press("down", "enter")
        assert rows.highlighted is None and app.chosen == []


async def test_heights_that_do_not_fit_the_rows_are_refused():
    app = ListApp(two_lines=False)
    async with app.run_test(size=(60, 20)):
        rows = app.query_one(RowList)
        with pytest.raises(ValueError):
            rows.set_rows(["a", "b"], lambda n: Text(), [1])
        with pytest.raises(ValueError):
            rows.set_rows(["a"], lambda n: Text(), [0])
        assert rows.row_count == len(app.ids)  # the rows shown stay


async def test_the_cursor_stays_in_sight_when_the_list_shrinks_unless_scrolled_away():
    app = ListApp()
    async with app.run_test(size=(60, 40)) as pilot:
        rows = app.query_one(RowList)
        rows.highlight("r5000")
        await pilot.pause()
        index = rows.highlighted or 0
        start, height = sum(app.heights[:index]), app.heights[index]
        # At the foot of a 40-line list, as a page down leaves it.
        rows.scroll_to(y=start + height - 40, animate=False, immediate=True)
        await pilot.pause()
        await pilot.resize_terminal(60, 12)  # a smaller terminal: 12 lines shown
        await pilot.pause()
        await pilot.pause()
        top = rows.scroll_offset.y
        assert top <= start and start + height <= top + 12, (top, start)
        assert "row r5000 " in "\n".join(lines(app))
        # Scrolled away from (the mouse's wheel): a resize does not bring it back.
        rows.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        await pilot.pause()
        assert rows.scroll_offset.y == 0 and rows.highlighted_id == "r5000"
