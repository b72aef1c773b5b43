"""Every key of the reader in one table: the bindings, the footer and the help come from it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from textual.binding import Binding, BindingType
from textual.keys import KEY_NAME_REPLACEMENTS, Keys, key_to_character

from reader.config import MAX_COLUMNS


class Key(NamedTuple):
    """One key binding: ``keys`` as Textual names them, ``label`` for the footer."""

    keys: str
    action: str
    label: str
    help: str
    id: str
    show: bool = True


#: Keys of the application (work on every screen).
APP_KEYS = (
    Key("q", "quit", "Quit", "Quit the reader", "quit"),
    Key("question_mark", "help", "Help", "Show all keys", "help"),
    Key("t", "next_theme", "Theme", "Switch to the next reader theme", "theme", show=False),
    Key("ctrl+p", "command_palette", "Find", "Find an entity or a command", "palette", False),
)

#: Keys of the reader screen.
SCREEN_KEYS = (
    Key("n", "next_mention", "Next", "Next mention of the selected entity", "next"),
    Key("p,N", "previous_mention", "Prev", "Previous mention", "previous"),
    Key("o", "choose_article", "Article", "Choose the focused column's article", "choose-article"),
    Key("s", "quotes", "Quotes", "Quotes grouped by speaker", "quotes"),
    # Left out of the footer (kept short): the help and the palette list them.
    Key(
        "c",
        "coverage",
        "Compare",
        "Compare coverage of the articles in the columns",
        "coverage",
        False,
    ),
    Key(
        "a",
        "same_quote",
        "Same quote",
        "The same quote in another article, side by side",
        "same-quote",
        False,
    ),
    Key("i", "details", "Details", "Details of the selected entity", "details", show=False),
    Key(
        "plus",
        "columns(+1)",
        "+Col",
        f"One more column (up to {MAX_COLUMNS})",
        "more-columns",
        False,
    ),
    Key("minus", "columns(-1)", "-Col", "One column fewer", "fewer-columns", show=False),
    Key("slash,f", "filter", "Filter", "Filter the entity list", "filter"),
    Key("b", "toggle_sidebar", "Sidebar", "Hide or show the sidebar", "toggle-sidebar", False),
    Key("escape", "clear_selection", "Clear", "End a find or clear the selection", "clear", False),
    Key(
        "ctrl+f",
        "find",
        "Search",
        "Find a word, a phrase or a regex in every article",
        "find",
        False,
    ),
    Key(
        "left_square_bracket,alt+left",
        "back",
        "Back",
        "Back to before the last jump",
        "back",
        False,
    ),
    Key(
        "right_square_bracket,alt+right",
        "forward",
        "Fwd",
        "Forward again after Back",
        "forward",
        False,
    ),
    Key(
        "m", "mark", "Mark", "Mark the quote or sentence at the cursor, with a note", "mark", False
    ),
    Key("ctrl+n", "notes", "Notes", "The notes: Enter jumps to one, d deletes", "notes", False),
    Key("y", "copy", "Copy", "Copy the quote at the cursor with its attribution", "copy", False),
    Key("u", "open_url", "URL", "Open the focused article's URL in the browser", "open-url", False),
    Key(
        "L",
        "load_report",
        "Load report",
        "The load report: every file skipped or loaded with warnings",
        "load-report",
        False,
    ),
)

#: Keys that come with Textual's widgets, for the help table.
WIDGET_KEYS = (
    ("Esc (in a dialog)", "Close the dialog (q too, where nothing is typed)"),
    ("Up / Down, PgUp / PgDn", "Scroll the focused column or move in a list"),
    ("Home / End", "The top or the end of the focused column or list"),
    ("Tab / Shift+Tab", "Move the focus through the columns, then the entity list"),
    ("/ then a name (the filter)", "Names holding the words, or else its letters in order"),
    ("Enter (in the filter)", "Select the first matching entity (or, with none, back to the text)"),
    ("Down (in the filter)", "Move to the entity list"),
    ("Esc (in the filter)", "Empty the filter and go back to the text"),
    ("Ctrl+S (in the article list)", "Sort by file name, date, source or title"),
    ("source: date: title: (in the article list)", "Filter on one field, e.g. source:reuters"),
    ("Enter (in the find bar)", "Find; pressed again, the next match"),
    ("Ctrl+R / Alt+C (in the find bar)", "Plain text or regex / match letter case"),
    ("Esc (in the find bar)", "End the find (n walks the selected entity again)"),
    ("f (in the quotes)", "Only the highlighted quote's speaker (again: everyone)"),
    ("e (in the quotes)", "Only quotes by or naming the selected entity (again: all)"),
    ("Enter (in the details)", "Jump to the quote, or select the related entity"),
)


def remapped(keys: tuple[Key, ...], keymap: Mapping[str, str]) -> tuple[Key, ...]:
    """``keys`` with the user's keymap applied (binding id -> keys), for the help."""
    return tuple(key._replace(keys=keymap.get(key.id, key.keys)) for key in keys)


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    """The ids in ``keymap`` that name no binding of the reader."""
    known = {key.id for key in (*APP_KEYS, *SCREEN_KEYS)}
    return sorted(set(keymap) - known)


#: Modifiers Textual puts before a key's name ("ctrl+n", "alt+left").
_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
#: Key names without their modifiers, as Textual spells them ("escape", "f5", "pageup").
_NAMED = frozenset(
    {key.value.rpartition("+")[2] for key in Keys if not key.value.startswith("<")}
    | set(KEY_NAME_REPLACEMENTS.values())
)


def is_key_name(name: str) -> bool:
    """Whether ``name`` is one key as Textual names it (``n``, ``5``, ``ctrl+p``, ``plus``)."""
    if len(name) == 1:
        return name.isprintable() and not name.isspace() and name != ","
    *modifiers, base = name.split("+")
    if not base or any(m not in _MODIFIERS for m in modifiers):
        return False
    if len(base) == 1:
        return base.isprintable() and not base.isspace()
    return base in _NAMED or key_to_character(base) is not None


def check_keymap(keymap: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """Split the user's keymap into the entries Textual can bind and a message per bad one.

    An entry naming a key Textual does not know would never fire (or, worse,
    shadow the default): it is left out, so the binding keeps its default keys.

    Returns:
        ``(valid keymap, one-line problems)``, the problems naming the bad entry.
    """
    defaults = {key.id: key.keys for key in (*APP_KEYS, *SCREEN_KEYS)}
    valid: dict[str, str] = {}
    problems: list[str] = []
    for binding, keys in keymap.items():
        names = [name.strip() for name in keys.split(",")]
        bad = [name for name in names if not is_key_name(name)]
        if bad:
            default = defaults.get(binding)
            kept = f"keeping {default!r}" if default else "ignored"
            problems.append(f"Key binding {binding}: {bad[0]!r} is not a key name; {kept}")
            continue
        valid[binding] = ",".join(names)
    return valid, problems


def bindings(keys: tuple[Key, ...]) -> list[BindingType]:
    """Textual bindings for ``keys``; their ids let users remap them with a keymap."""
    return [Binding(k.keys, k.action, k.label, show=k.show, tooltip=k.help, id=k.id) for k in keys]
