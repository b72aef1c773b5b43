"""Marking, listing and copying passages on the reader screen (``m``, ``ctrl+n``, ``y``).

The article view has no text cursor, so "the cursor" is the reading position
of the focused column: the place the last jump went to (a mention, a find
match, a quote) while it is still on screen, else the first character of the
top line shown. The passage there is:

- a quote: the quote holding the cursor, else the first quote that starts
  after it and is on screen (the quote the reader is looking at);
- otherwise the sentence holding the cursor (:func:`reader.notes.passage_at`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.citation import cite_passage, cite_quote
from reader.model import Article, Quote
from reader.notes import Located, Note, NotesStore, new_note, passage_at
from reader.ui.notes_screen import NoteEditor, NotesScreen

if TYPE_CHECKING:
    from reader.ui.article_view import ArticleView
    from reader.ui.reader_screen import ReaderScreen


@dataclass(frozen=True, slots=True)
class Passage:
    """The passage at the cursor: ``article.text[start:end]``, a quote or a sentence."""

    article: Article
    start: int
    end: int
    quote: Quote | None = None

    @property
    def kind(self) -> str:
        """ "quote" or "passage", as notes store it."""
        return "quote" if self.quote is not None else "passage"


class PassageActions:
    """The reader screen's marking, notes view and copying."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen

    def cursor(self) -> tuple[Article, ArticleView, int] | None:
        """The focused column's article, view and reading position (see the module doc)."""
        screen = self.screen
        column = screen.column_widgets[screen.deck.focused_number() - 1]
        article, view = column.article, column.view
        if article is None or not article.text:
            return None
        target = screen.jumps.target
        if target is not None and target[0] == article.id and view.is_offset_visible(target[1]):
            return article, view, target[1]
        offset = view.top_offset()
        text = article.text
        while offset < len(text) - 1 and text[offset].isspace():
            offset += 1  # the top line may start between paragraphs
        return article, view, offset

    def passage(self) -> Passage | None:
        """The quote or sentence at the cursor, or None when there is none."""
        found = self.cursor()
        if found is None:
            return None
        article, view, offset = found
        quotes = [q for q in self.screen.corpus.quotes if q.article == article.id]
        at = [q for q in quotes if q.start <= offset < q.end]
        after = [q for q in quotes if q.start > offset and view.is_offset_visible(q.start)]
        quote = min(at or after, key=lambda q: q.start, default=None)
        if quote is not None:
            return Passage(article, quote.start, quote.end, quote)
        span = passage_at(article, offset)
        return Passage(article, span[0], span[1]) if span is not None else None

    def mark(self) -> None:
        """Ask for a note on the passage at the cursor and store it."""
        screen = self.screen
        passage = self.passage()
        if passage is None:
            screen.notify("Nothing to mark here", timeout=3, markup=False)
            return

        def save(note: str | None) -> None:
            if note is None:
                return
            made = new_note(passage.article, passage.start, passage.end, note, passage.kind)
            notice = NotesStore().add(made)
            if notice:
                screen.notify(notice, severity="error", markup=False)
            else:
                screen.notify(f"Note saved ({passage.kind})", timeout=3, markup=False)

        text = passage.article.text[passage.start : passage.end]
        screen.app.push_screen(NoteEditor(text), save)

    def notes(self) -> None:
        """Open the notes; choosing one jumps to its passage."""
        screen = self.screen

        def chosen(picked: tuple[Note, Located] | None) -> None:
            if picked is not None:
                self.go_to(picked[1])

        screen.app.push_screen(NotesScreen(NotesStore(), screen.articles), chosen)

    def go_to(self, where: Located) -> None:
        """Show a note's passage, bringing its article into a column (recorded in the history)."""
        screen = self.screen
        with screen.jumps.recording():
            view = screen.column_showing(where.article).view
            view.scroll_to_offset(where.start)
            view.focus()
            screen.jumps.landed(where.article, where.start)

    def copy(self) -> None:
        """Copy the quote (with its attribution) or the sentence at the cursor."""
        screen = self.screen
        passage = self.passage()
        if passage is None:
            screen.notify("Nothing to copy here", timeout=3, markup=False)
            return
        if passage.quote is not None:
            text = cite_quote(screen.corpus, passage.quote)
        else:
            text = cite_passage(passage.article, passage.start, passage.end)
        screen.app.copy_to_clipboard(text)
        shown = text if len(text) <= 80 else text[:79] + "…"
        screen.notify(f"Copied: {shown}", timeout=4, markup=False)
