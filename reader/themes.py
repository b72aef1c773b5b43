"""Reader themes: YAML files with the UI colours and the entity and quote colours.

A theme file looks like this (every colour is ``#rgb`` or ``#rrggbb``)::

    name: reader-dark
    dark: true
    ui: {primary: "#5fafff", background: "#1b1d23", foreground: "#d8dee9", ...}
    highlights: {person: "#ffb86c", place: "#8be9fd", organization: "#bd93f9",
                 group: "#8f9bb3", quote: "#2b3a2e", speaker: "#50fa7b",
                 selected: "#f1fa8c"}

Bundled themes come from the package's ``themes/`` folder, user themes from
``<config_dir>/themes/``; a user theme with a bundled theme's name replaces it.
A file that cannot be read or is invalid is skipped with a one-line reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reader.yaml_errors import yaml_problem

#: The theme used when none is asked for, or the one asked for is unusable.
DEFAULT_THEME = "reader-dark"

#: UI colour keys; the first three are required.
UI_REQUIRED = ("primary", "background", "foreground")
UI_OPTIONAL = ("secondary", "accent", "surface", "panel", "warning", "error", "success")

#: Highlight colour keys, all required.
HIGHLIGHTS = ("person", "place", "organization", "group", "quote", "speaker", "selected")

_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_MAX_BYTES = 64 * 1024


class ThemeError(ValueError):
    """A theme file that cannot be used, with the reason in the message."""


@dataclass(frozen=True, slots=True)
class ReaderTheme:
    """A validated reader theme."""

    name: str
    dark: bool
    ui: dict[str, str]
    highlights: dict[str, str]
    path: str = ""


@dataclass(slots=True)
class ThemeCatalog:
    """Every usable theme by name, and a message for every file that was skipped."""

    themes: dict[str, ReaderTheme] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def resolve(self, requested: str | None) -> tuple[str | None, str | None]:
        """The theme name to use for ``requested``, and a message if it had to change.

        Returns:
            ``(name, message)``: ``name`` is ``requested`` when it is known, else
            the default theme (None when even that is missing); ``message`` says
            why the request was not honoured, or is None.
        """
        wanted = requested or DEFAULT_THEME
        if wanted in self.themes:
            return wanted, None
        fallback = DEFAULT_THEME if DEFAULT_THEME in self.themes else None
        known = ", ".join(sorted(self.themes)) or "none"
        return (
            fallback,
            f"Unknown theme {wanted!r} (known: {known}); using {fallback or 'the default'}.",
        )


def parse_theme(data: Any, source: str = "<theme>") -> ReaderTheme:
    """Validate the loaded YAML ``data`` of one theme.

    Args:
        data: what ``yaml.safe_load`` returned for the file.
        source: the file name, for messages.

    Raises:
        ThemeError: naming the file and the first problem found.
    """

    def fail(problem: str) -> ThemeError:
        return ThemeError(f"{source}: {problem}")

    if not isinstance(data, dict):
        raise fail("expected a mapping with name, dark, ui and highlights")
    unknown = set(data) - {"name", "dark", "ui", "highlights"}
    if unknown:
        raise fail(f"unknown key(s): {', '.join(sorted(map(str, unknown)))}")
    name = data.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise fail("'name' must be lower-case letters, digits, '-' or '_' (at most 64)")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise fail("'dark' must be true or false")
    ui = _colors(data.get("ui"), "ui", UI_REQUIRED, UI_OPTIONAL, fail)
    highlights = _colors(data.get("highlights"), "highlights", HIGHLIGHTS, (), fail)
    return ReaderTheme(name, dark, ui, highlights, source)


def _colors(
    value: Any,
    section: str,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    fail: Any,
) -> dict[str, str]:
    if not isinstance(value, dict):
        raise fail(f"'{section}' must be a mapping of colour names to '#rrggbb' values")
    unknown = set(value) - set(required) - set(optional)
    if unknown:
        raise fail(f"unknown {section} colour(s): {', '.join(sorted(map(str, unknown)))}")
    missing = [key for key in required if key not in value]
    if missing:
        raise fail(f"missing {section} colour(s): {', '.join(missing)}")
    colors: dict[str, str] = {}
    for key, color in value.items():
        if not isinstance(color, str) or not _COLOR.match(color):
            raise fail(f"{section}.{key} must be a colour like '#1e90ff', not {color!r}")
        colors[str(key)] = color.lower()
    return colors


def load_theme_file(path: Path) -> ReaderTheme:
    """Read and validate one theme file.

    Raises:
        ThemeError: when the file cannot be read, is not YAML or is not a valid theme.
    """
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise ThemeError(f"{path}: larger than {_MAX_BYTES // 1024} KB, not a theme")
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ThemeError(f"{path}: cannot be read ({error})") from error
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        raise ThemeError(f"{path}: not valid YAML: {yaml_problem(error)}") from error
    return parse_theme(data, str(path))


def load_themes(folders: Iterable[Path]) -> ThemeCatalog:
    """Load every ``*.yaml`` / ``*.yml`` theme in ``folders``, later folders winning.

    Folders that do not exist are skipped silently (a user need not have any
    themes); broken files are reported in ``problems`` and skipped.
    """
    catalog = ThemeCatalog()
    for folder in folders:
        if not folder.is_dir():
            continue
        files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
        for path in files:
            try:
                theme = load_theme_file(path)
            except ThemeError as error:
                catalog.problems.append(str(error))
                continue
            catalog.themes[theme.name] = theme
    return catalog
