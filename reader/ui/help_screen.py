"""The help screen: every key, taken from the bindings so it never goes stale.

It is a dialog (:mod:`reader.ui.dialog_screen`): modal and opaque, so it draws
only itself, from its own cache once shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from reader.ui.dialog_screen import DialogScreen
from reader.ui.key_table import KeyTable
from reader.ui.keys import Key

#: What the mouse does, shown under the keys.
MOUSE = (
    ("click a highlighted name", "select that entity at that mention"),
    ("click a sidebar entry", "select the entity"),
    ("wheel / scrollbar", "scroll a column or a list"),
)

#: What a row of the sidebar shows, left to right.
SIDEBAR = (
    ("name", "the entity (its other names are in its details, i)"),
    ("number", "how often the articles mention it"),
    ("1 2 · …", "one mark per column: the column's number if its article names it, else ·"),
    ("3/20", "how many of all the loaded articles name it (when not all are in columns)"),
)

_KEY_NAMES = {
    "plus": "+",
    "minus": "-",
    "slash": "/",
    "question_mark": "?",
    "escape": "Esc",
    "ctrl+p": "Ctrl+P",
    "ctrl+f": "Ctrl+F",
    "ctrl+n": "Ctrl+N",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "alt+left": "Alt+Left",
    "alt+right": "Alt+Right",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
}


def key_label(keys: str) -> str:
    """A binding's keys as the reader types them (``"p,N"`` → ``"p or N"``)."""
    return " or ".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def key_rows(keys: Iterable[Key]) -> list[tuple[str, str]]:
    """``(keys as typed, what they do)`` for each key."""
    return [(key_label(key.keys), key.help) for key in keys]


class HelpScreen(DialogScreen[None]):
    """Lists the keys of the app and the reader screen; any of Esc, ?, q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss(None)", "Close")
    ]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static("Keys", classes="dialog-title")
            yield KeyTable(self.rows)
            yield Static("Mouse", classes="dialog-title")
            yield KeyTable(MOUSE)
            yield Static("Sidebar rows", classes="dialog-title")
            yield KeyTable(SIDEBAR)
            yield Static("Esc, q or ? closes this help; Up / Down / PgDn scroll it.")
