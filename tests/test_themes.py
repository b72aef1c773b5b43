"""Reader themes: bundled files are valid, broken ones are reported and skipped."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from reader.resources import bundled_themes_dir
from reader.themes import (
    DEFAULT_THEME,
    HIGHLIGHTS,
    ThemeError,
    load_theme_file,
    load_themes,
    parse_theme,
)


def valid_theme(name: str = "paper") -> dict:
    return {
        "name": name,
        "dark": False,
        "ui": {"primary": "#1f6fb2", "background": "#ffffff", "foreground": "#000"},
        "highlights": dict.fromkeys(HIGHLIGHTS, "#123456"),
    }


def test_bundled_themes_include_a_dark_and_a_light_one():
    catalog = load_themes([bundled_themes_dir()])
    assert catalog.problems == []
    assert DEFAULT_THEME in catalog.themes
    darkness = {theme.dark for theme in catalog.themes.values()}
    assert darkness == {True, False}
    for theme in catalog.themes.values():
        assert set(theme.highlights) == set(HIGHLIGHTS)


def test_user_theme_is_added_and_overrides_a_bundled_one(tmp_path: Path):
    (tmp_path / "paper.yaml").write_text(yaml.safe_dump(valid_theme()), encoding="utf-8")
    custom = valid_theme(DEFAULT_THEME)
    custom["highlights"]["person"] = "#abcdef"
    (tmp_path / "mine.yml").write_text(yaml.safe_dump(custom), encoding="utf-8")
    catalog = load_themes([bundled_themes_dir(), tmp_path])
    assert "paper" in catalog.themes
    assert catalog.themes[DEFAULT_THEME].highlights["person"] == "#abcdef"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("name: x\nui: [unclosed", "not valid YAML: expected"),
        ("- just\n- a list\n", "expected a mapping"),
        (yaml.safe_dump({**valid_theme(), "ui": {"primary": "#fff"}}), "missing ui colour"),
        (yaml.safe_dump({**valid_theme(), "name": "Bad Name!"}), "'name' must be"),
        (yaml.safe_dump({**valid_theme(), "colour": 1}), "unknown key"),
        (
            yaml.safe_dump(
                {
                    **valid_theme(),
                    "highlights": {**dict.fromkeys(HIGHLIGHTS, "#000"), "person": "red"},
                }
            ),
            "highlights.person must be a colour",
        ),
        (yaml.safe_dump({**valid_theme(), "dark": "yes"}), "'dark' must be true or false"),
    ],
)
def test_a_broken_theme_file_is_reported_with_its_path_and_skipped(tmp_path, content, reason):
    path = tmp_path / "broken.yaml"
    path.write_text(content, encoding="utf-8")
    catalog = load_themes([bundled_themes_dir(), tmp_path])
    assert len(catalog.problems) == 1
    assert str(path) in catalog.problems[0]
    assert reason in catalog.problems[0]
    assert DEFAULT_THEME in catalog.themes


def test_yaml_tags_are_never_executed(tmp_path: Path):
    path = tmp_path / "evil.yaml"
    path.write_text("!!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    with pytest.raises(ThemeError, match="not valid YAML"):
        load_theme_file(path)


def test_unknown_theme_falls_back_to_the_default_with_a_message():
    catalog = load_themes([bundled_themes_dir()])
    assert catalog.resolve("reader-light") == ("reader-light", None)
    name, message = catalog.resolve("no-such-theme")
    assert name == DEFAULT_THEME
    assert message is not None and "no-such-theme" in message and "reader-light" in message


def test_missing_folders_are_not_errors(tmp_path: Path):
    catalog = load_themes([tmp_path / "absent"])
    assert catalog.themes == {} and catalog.problems == []
    name, message = catalog.resolve(None)
    assert name is None and message is not None and "none" in message


hex_digits = st.text("0123456789abcdefABCDEF", min_size=6, max_size=6)


@given(st.dictionaries(st.sampled_from(HIGHLIGHTS), hex_digits.map(lambda h: "#" + h)))
def test_any_complete_set_of_valid_colours_parses_and_is_lower_cased(colors):
    data = valid_theme()
    data["highlights"].update(colors)
    theme = parse_theme(data, "generated")
    for key, value in colors.items():
        assert theme.highlights[key] == value.lower()


@given(st.text(max_size=12))
def test_a_colour_that_is_not_hex_is_rejected(value):
    if value.startswith("#") and len(value) in (4, 7):
        value = value + "!"
    data = valid_theme()
    data["ui"]["primary"] = value
    with pytest.raises(ThemeError, match=r"ui\.primary"):
        parse_theme(data, "generated")
