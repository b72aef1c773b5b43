"""Settings: defaults < config file < READER_MODEL < command line; bad files never fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import DEFAULT_MODEL, load_settings


def test_defaults_follow_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    settings = load_settings()
    assert settings.model == DEFAULT_MODEL
    assert settings.cache_dir == tmp_path / "c" / "reader"
    assert settings.config_dir == tmp_path / "cfg" / "reader"
    assert settings.use_cache and settings.warnings == ()


def test_config_file_then_env_then_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "config.yaml").write_text(
        "model: en_core_web_md\ncolumns: 3\ntheme: reader-light\n"
    )
    settings = load_settings(config_dir=tmp_path)
    assert (settings.model, settings.columns, settings.theme) == (
        "en_core_web_md",
        3,
        "reader-light",
    )
    monkeypatch.setenv("READER_MODEL", "en_core_web_lg")
    assert load_settings(config_dir=tmp_path).model == "en_core_web_lg"
    assert load_settings(config_dir=tmp_path, model="en_core_web_trf").model == "en_core_web_trf"
    assert load_settings(config_dir=tmp_path, model=None).model == "en_core_web_lg"


@pytest.mark.parametrize(
    ("content", "warning"),
    [
        ("model: [unclosed\n", "broken YAML"),
        ("- just\n- a list\n", "mapping"),
        ("colour: blue\n", "unknown setting 'colour'"),
        ("columns: many\n", "should be int"),
        ("columns: 9\n", "columns must be 1 to 4"),
    ],
)
def test_bad_config_warns_and_goes_on(tmp_path: Path, content: str, warning: str) -> None:
    (tmp_path / "config.yaml").write_text(content)
    settings = load_settings(config_dir=tmp_path)
    assert settings.model == DEFAULT_MODEL
    assert 1 <= settings.columns <= 4
    assert any(warning in w for w in settings.warnings), settings.warnings


def test_explicit_config_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("max_bytes: 1000\ncache_dir: ~/somewhere\n")
    settings = load_settings(config_file=path)
    assert settings.max_bytes == 1000
    assert settings.cache_dir == Path("~/somewhere").expanduser()
    assert "not found" in load_settings(config_file=tmp_path / "none.yaml").warnings[0]


def test_unknown_override_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        load_settings(colour="blue")


def test_keymap_from_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").write_text("keys:\n  next: j\n  previous: k,up\n  quit: [x]\n")
    settings = load_settings(config_dir=tmp_path)
    assert settings.keys == (("next", "j"), ("previous", "k,up"))
    assert any("'quit'" in w for w in settings.warnings)
    (tmp_path / "config.yaml").write_text("keys: j\n")
    assert load_settings(config_dir=tmp_path).keys == ()


def test_a_bare_digit_in_the_keymap_names_the_digit_key(tmp_path: Path) -> None:
    # YAML reads `next: 5` as the number 5; it must still bind the key 5.
    (tmp_path / "config.yaml").write_text("keys:\n  next: 5\n  previous: true\n")
    settings = load_settings(config_dir=tmp_path)
    assert settings.keys == (("next", "5"),)
    assert any("'previous'" in w for w in settings.warnings)
