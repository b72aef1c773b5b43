"""Key names in the user's keymap are checked against Textual's before binding."""

from __future__ import annotations

import pytest

from reader.ui.keys import check_keymap, is_key_name


@pytest.mark.parametrize("name", ["n", "5", "N", "+", "é", "ctrl+p", "plus", "question_mark", "f5"])
def test_key_names_textual_knows_are_accepted(name):
    assert is_key_name(name)


@pytest.mark.parametrize("name", ["frobnicate", "ctrl+frobnicate", "hyper+drive+x", "ctrl+", " "])
def test_nonsense_key_names_are_rejected(name):
    assert not is_key_name(name)


def test_check_keymap_drops_only_the_bad_entry_and_names_it():
    valid, problems = check_keymap({"next": "5", "previous": "k,bogus", "quit": "ctrl+q"})
    assert valid == {"next": "5", "quit": "ctrl+q"}
    assert len(problems) == 1
    assert "previous" in problems[0] and "'bogus'" in problems[0] and "p,N" in problems[0]
