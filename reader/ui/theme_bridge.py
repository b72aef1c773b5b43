"""Turning reader themes (plain data) into Textual themes."""

from __future__ import annotations

from textual.theme import Theme

from reader.themes import HIGHLIGHTS, ReaderTheme

#: Highlight colours used by a Textual built-in theme (which has none of its own).
DEFAULT_HIGHLIGHTS = {
    "person": "#f0a35e",
    "place": "#6cc4e0",
    "organization": "#c49bf0",
    "group": "#8d96a8",
    "quote": "#303a2c",
    "speaker": "#98d982",
    "selected": "#ffe066",
}


def variable_name(key: str) -> str:
    """The CSS variable of a highlight colour: ``person`` → ``reader-person``."""
    return f"reader-{key}"


def default_variables() -> dict[str, str]:
    """CSS variables for every highlight, so any theme can render the reader."""
    return {variable_name(key): DEFAULT_HIGHLIGHTS[key] for key in HIGHLIGHTS}


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
