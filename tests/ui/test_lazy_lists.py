"""Long dialog lists fill in a screenful at a time and keep the reader's place meanwhile."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets import Input

from reader.ui.article_picker import ArticlePicker
from reader.ui.lazy_list import LazyOptionList
from reader.ui.quotes_screen import QuotesScreen, quote_options
from reader.ui.row_list import RowList
from tests.ui.conftest import reader, screen_lines, settle

pytestmark = pytest.mark.asyncio


@pytest.fixture
def small_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lists of the seeds are short: slices of a few rows make them long enough."""
    monkeypatch.setattr(LazyOptionList, "FIRST", 3)
    monkeypatch.setattr(LazyOptionList, "SLICE", 2)


async def filled(pilot, option_list: LazyOptionList) -> None:
    for _ in range(200):
        if not option_list.filling:
            return
        await pilot.pause(0.01)
    raise AssertionError("the list never filled in")


def ids(option_list) -> list[str | None]:
    return [o.id for o in option_list.options]


async def test_the_quotes_fill_in_to_every_row_and_the_cursor_stays_on_its_quote(
    make_app, small_slices
):
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, QuotesScreen)
        listing = app.screen.query_one(LazyOptionList)
        expected = [o.id for o in quote_options(reader(app).corpus)]
        assert len(expected) > 6  # more than the first rows and a slice
        await filled(pilot, listing)
        assert ids(listing) == expected
        await pilot.press("end")
        await pilot.pause()
        last = listing.get_option_at_index(listing.highlighted).id
        assert last == expected[-1] and last is not None
        app.screen.update_corpus(reader(app).corpus)  # results arrive: the list is made again
        assert listing.filling  # the quote under the cursor is not in the first rows
        await filled(pilot, listing)
        assert ids(listing) == expected
        assert listing.get_option_at_index(listing.highlighted).id == last


async def test_the_picker_starts_on_the_columns_article_far_down_a_long_list(make_app):
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        seed = reader(app).deck.articles[0]
        # Three thousand articles, the column showing one near the end of the list.
        articles = [
            replace(seed, id=f"copy-{n:04}", path=f"copy-{n:04}.txt", title=f"Copy {n}")
            for n in range(3000)
        ]
        app.push_screen(ArticlePicker(articles, 2, [articles[0].id, "copy-2950"]))
        await pilot.pause()
        listing = app.screen.query_one("#article-list", RowList)
        assert listing.row_count == 3000
        assert listing.highlighted_id == "copy-2950"
        await pilot.pause()
        assert any("Copy 2950" in line for line in screen_lines(app))  # scrolled to it
        assert listing.made_rows < 60  # only the entries in view were made
        # The filter box keeps the focus: Up, Down and the page keys move in the list.
        await pilot.press("pageup")
        above = int((listing.highlighted_id or "")[5:])
        assert 2950 - 30 < above < 2950 - 10  # a page of two-line entries up
        await pilot.press("pagedown")
        below = int((listing.highlighted_id or "")[5:])
        assert above + 10 < below <= 2950
        await pilot.press("down")
        assert listing.highlighted_id == f"copy-{below + 1:04}"
        assert isinstance(app.focused, Input)
