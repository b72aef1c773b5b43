"""The quotes view lists a bounded number of rows; the filters reach the rest."""

from __future__ import annotations

import pytest

from reader.ui import quotes_screen
from reader.ui.quotes_screen import QuotesScreen, group_quotes
from tests.ui.conftest import reader, screen_lines, settle

pytestmark = pytest.mark.asyncio


async def test_a_long_quotes_list_is_cut_and_says_how_to_see_the_rest(make_app, monkeypatch):
    # 25,000 quotes took seconds to open: the list wraps every row to lay itself out.
    monkeypatch.setattr(quotes_screen, "SPEAKER_LIMIT", 1)
    monkeypatch.setattr(quotes_screen, "ROW_LIMIT", 4)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        groups = group_quotes(reader(app).corpus)
        assert len(groups) >= 3 and len(groups[0][1]) >= 2  # enough to cut on the seeds
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, QuotesScreen)
        quote_list = app.screen.query_one("#quote-list")
        listed = [o.id for o in quote_list.options if o.id is not None]
        assert listed == [groups[0][1][0].id, groups[1][1][0].id]
        shown = "\n".join(screen_lines(app))
        assert f"… {len(groups[0][1]) - 1} more: f on one of them lists them all" in shown
        rest = sum(len(quotes) for _, quotes in groups[2:])
        assert f"… {rest} more quote" in shown
        # f on the first speaker's quote: that speaker's quotes, as many as fit.
        quote_list.highlighted = quote_list.get_option_index(listed[0])
        await pilot.press("f")
        await pilot.pause()
        listed = [o.id for o in quote_list.options if o.id is not None]
        assert listed == [q.id for q in groups[0][1][:3]]
