"""The help's two columns: keys in a column of their own, the text wrapped under itself."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.ui.help_screen import MOUSE, SIDEBAR
from reader.ui.key_table import GAP, key_lines
from tests.ui.conftest import screen_lines, settle

ROWS = [
    ("q", "Quit the reader"),
    ("Enter (in the filter)", "Select the first matching entity (or, with none, back to the text)"),
    ("a very long key combination that no column holds", "Something"),
]


def test_the_text_wraps_under_itself_and_long_keys_stand_alone():
    lines = key_lines(ROWS, 60)
    indent = GAP + len("Enter (in the filter)") + GAP
    assert lines[0] == ("  q".ljust(indent), "Quit the reader")
    assert lines[1] == ("  Enter (in the filter)".ljust(indent), "Select the first matching entity")
    # The text continues in the text's column, never under the keys.
    assert lines[2] == (" " * indent, "(or, with none, back to the text)")
    assert all(len(keys) + len(text) <= 60 for keys, text in lines)
    assert ("  a very long key combination that no column holds", "") in lines
    assert lines[-1] == (" " * indent, "Something")


def test_control_characters_in_a_configured_key_never_reach_the_terminal():
    lines = key_lines([("\x1b[31mx", "red")], 40)
    assert all("\x1b" not in keys + text for keys, text in lines)


@given(
    rows=st.lists(st.tuples(st.text(min_size=1, max_size=30), st.text(max_size=200)), max_size=8),
    width=st.integers(min_value=20, max_value=200),
)
def test_every_word_of_every_row_is_shown(rows, width):
    lines = key_lines(rows, width)
    # A word longer than its column is broken over lines: read without the breaks.
    shown = "".join("".join((keys + text).split()) for keys, text in lines)
    for keys, text in rows:
        for word in (keys + " " + text).split():
            if word.isprintable():
                assert word in shown


@pytest.mark.asyncio
async def test_the_help_shows_its_rows_to_the_end(make_app):
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_box = app.screen.query_one("#help")
        help_box.scroll_end(animate=False)
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        for keys, text in [*MOUSE, *SIDEBAR][-3:]:
            assert f"{' ' * GAP}{keys}" in shown
            assert text.split()[0] in shown
