"""The notes view (Enter jumps to a note's passage, d deletes it) and the note editor.

Each row shows the article's title, an excerpt of the passage and the note.
A note whose passage is in no loaded article is listed as such and cannot be
jumped to. Article text and notes are shown as Text objects, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.model import Article
from reader.notes import Located, Note, NotesStore, locate
from reader.ui.dialog_screen import DialogScreen
from reader.ui.layout import sanitize

#: Passages and notes are cut to this many characters in the list.
EXCERPT_LIMIT = 140
GONE = "passage not found in the loaded articles"

#: What the screen returns: the note chosen and where its passage is now.
NoteJump = tuple[Note, Located]


def note_prompt(note: Note, where: Located | None, articles: dict[str, Article]) -> Text:
    """One row of the list: title, passage excerpt and note (all plain text)."""
    article = articles.get(where.article) if where is not None else None
    title = (article.title if article else None) or note.title or note.article_id
    row = Text(no_wrap=False)
    row.append(_excerpt(title, 70), style="bold")
    if where is None:
        row.append(f"  ({GONE})", style="italic")
    row.append("\n  “" + _excerpt(note.passage, EXCERPT_LIMIT) + "”")
    if note.note:
        row.append("\n  ✎ " + _excerpt(note.note, EXCERPT_LIMIT), style="italic")
    if where is None:
        row.stylize("dim")
    return row


def _excerpt(text: str, limit: int) -> str:
    line = " ".join(sanitize(text).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


class NotesScreen(DialogScreen[NoteJump | None]):
    """Lists the notes; returns the chosen note and its place, or None when closed."""

    DEFAULT_CSS = """
    NotesScreen > #notes {
        width: 90%;
        max-width: 120;
        height: 80%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    NotesScreen #notes-list {
        height: 1fr;
        border: none;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Close"),
        Binding("d,delete", "delete_note", "Delete note"),
    ]

    def __init__(self, store: NotesStore, articles: Sequence[Article]) -> None:
        """Show the notes of ``store``, located among ``articles``."""
        super().__init__()
        self.store = store
        self.articles = {a.id: a for a in articles}
        self._loaded = list(articles)
        notes, self.notice = store.list_notes()
        self.notes = notes
        self.places: dict[str, Located | None] = {n.id: locate(n, self._loaded) for n in notes}

    def compose(self) -> ComposeResult:
        with Vertical(id="notes"):
            yield Label(self._heading(), id="notes-heading", markup=False)
            yield OptionList(*self._options(), id="notes-list", markup=False)

    def on_mount(self) -> None:
        if self.notice:
            self.notify(self.notice, severity="warning", markup=False)

    def _heading(self) -> str:
        if not self.notes:
            return "No notes yet — mark a passage or a quote to add one. Esc closes"
        count = f"{len(self.notes)} note{'s' if len(self.notes) != 1 else ''}"
        return f"{count} — Enter jumps to one, d deletes it, Esc closes"

    def _options(self) -> list[Option]:
        return [
            Option(note_prompt(n, self.places[n.id], self.articles), id=n.id) for n in self.notes
        ]

    @on(OptionList.OptionSelected, "#notes-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        note = next(n for n in self.notes if n.id == event.option.id)
        where = self.places[note.id]
        if where is None:
            self.notify(f"This note's {GONE}.", severity="warning", markup=False)
            return
        self.dismiss((note, where))

    def action_delete_note(self) -> None:
        """Delete the highlighted note from the store and the list."""
        listing = self.query_one("#notes-list", OptionList)
        index = listing.highlighted
        if index is None or not self.notes:
            return
        note_id = listing.get_option_at_index(index).id
        notice = self.store.remove(note_id or "")
        if notice:
            self.notify(notice, severity="error", markup=False)
            return
        self.notes = [n for n in self.notes if n.id != note_id]
        listing.remove_option_at_index(index)
        self.query_one("#notes-heading", Label).update(self._heading())
        self.notify("Note deleted.")


class NoteEditor(DialogScreen[str | None]):
    """Asks for the note to add to a marked passage: Enter saves (empty is fine), Esc cancels."""

    DEFAULT_CSS = """
    NoteEditor > #note-editor {
        width: 80%;
        max-width: 100;
        height: auto;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, passage: str) -> None:
        """Show an excerpt of ``passage`` above the input."""
        super().__init__()
        self.passage = passage

    def compose(self) -> ComposeResult:
        with Vertical(id="note-editor"):
            yield Label(
                Text("“" + _excerpt(self.passage, EXCERPT_LIMIT) + "”", style="italic"),
                id="note-passage",
            )
            yield Input(placeholder="A note (optional) — Enter saves, Esc cancels", id="note-text")

    @on(Input.Submitted, "#note-text")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())
