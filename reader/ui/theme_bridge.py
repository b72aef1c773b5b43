"""Turning reader themes (plain data) into Textual themes."""

from __future__ import annotations

from functools import lru_cache

from textual.theme import Theme

from reader.resources import bundled_themes_dir
from reader.themes import DEFAULT_THEME, HIGHLIGHTS, ReaderTheme, ThemeError, load_theme_file

#: The colour of every highlight if even the bundled default theme cannot be read.
NEUTRAL = "#888888"


@lru_cache(maxsize=1)
def fallback_highlights() -> dict[str, str]:
    """Highlight colours for a Textual built-in theme (which has none of its own).

    They are the bundled default theme's, read from its file, so they never drift.
    """
    try:
        theme = load_theme_file(bundled_themes_dir() / f"{DEFAULT_THEME}.yaml")
    except ThemeError:
        return dict.fromkeys(HIGHLIGHTS, NEUTRAL)
    return dict(theme.highlights)


def variable_name(key: str) -> str:
    """The CSS variable of a highlight colour: ``person`` → ``reader-person``."""
    return f"reader-{key}"


def default_variables() -> dict[str, str]:
    """CSS variables for every highlight, so any theme can render the reader."""
    return {variable_name(key): fallback_highlights()[key] for key in HIGHLIGHTS}


def to_textual_theme(theme: ReaderTheme) -> Theme:
    """The Textual theme for ``theme``: its UI colours, highlights as CSS variables."""
    ui = theme.ui
    return Theme(
        name=theme.name,
        primary=ui["primary"],
        secondary=ui.get("secondary"),
        accent=ui.get("accent"),
        warning=ui.get("warning"),
        error=ui.get("error"),
        success=ui.get("success"),
        foreground=ui["foreground"],
        background=ui["background"],
        surface=ui.get("surface"),
        panel=ui.get("panel"),
        dark=theme.dark,
        variables={variable_name(k): v for k, v in theme.highlights.items()},
    )
