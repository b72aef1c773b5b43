"""The notes view on the seeds (loaded without spaCy): listing, jumping, deleting, closing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Label, OptionList

from reader.model import Article
from reader.notes import NotesStore, new_note
from reader.pipeline import load_articles
from reader.ui.notes_screen import NoteEditor, NotesScreen
from tests.ui.conftest import toasts

pytestmark = pytest.mark.asyncio


class Host(App[None]):
    """Opens the notes view over the given articles and keeps what it returns."""

    def __init__(self, store: NotesStore, articles: list[Article]) -> None:
        super().__init__()
        self.store = store
        self.articles = articles
        self.results: list[object] = []

    def compose(self) -> ComposeResult:
        yield Label("reader")

    def on_mount(self) -> None:
        self.push_screen(NotesScreen(self.store, self.articles), self.results.append)


@pytest.fixture
def seeds(settings, seeds_dir) -> list[Article]:
    return load_articles([seeds_dir], settings).articles


@pytest.fixture
def store(tmp_path) -> NotesStore:
    return NotesStore(tmp_path / "notes.json")


def note_on(article: Article, words: str, text: str = ""):
    start = article.text.index(words)
    return new_note(article, start, start + len(words), text)


def rows(app: App) -> list[str]:
    listing = app.screen.query_one("#notes-list", OptionList)
    return [str(o.prompt) for o in listing.options]


async def test_the_notes_are_listed_with_title_excerpt_and_note(store, seeds) -> None:
    store.add(note_on(seeds[0], "Reuters reported", "first report"))
    store.add(note_on(seeds[1], "The Kremlin on Tuesday said"))
    app = Host(store, seeds)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        shown = rows(app)
        assert len(shown) == 2
        assert shown[0].startswith(seeds[0].title[:40])
        assert "“Reuters reported”" in shown[0] and "first report" in shown[0]
        assert "“The Kremlin on Tuesday said”" in shown[1]
        heading = str(app.screen.query_one("#notes-heading", Label).render())
        assert heading.startswith("2 notes")


async def test_enter_returns_the_note_and_where_its_passage_is_now(store, seeds) -> None:
    note = note_on(seeds[1], "The Kremlin on Tuesday said")
    store.add(note)
    # The file moved and gained a paragraph: the note still finds its passage.
    moved = replace(
        seeds[1], id="moved.txt", path="/elsewhere/moved.txt", text="New.\n" + seeds[1].text
    )
    app = Host(store, [seeds[0], moved])
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, NotesScreen)
        [(chosen, where)] = app.results
        assert chosen == note
        assert where.article == "moved.txt"
        assert moved.text[where.start : where.end] == note.passage


async def test_a_note_whose_passage_is_gone_says_so_and_stays(store, seeds) -> None:
    store.add(note_on(seeds[0], "Reuters reported"))
    rewritten = replace(seeds[0], text=seeds[0].text.replace("Reuters", "AFP"))
    app = Host(store, [rewritten, seeds[1]])
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.pause()
        assert "passage not found" in rows(app)[0]
        await pilot.press("enter")
        assert any("passage not found" in t for t in await toasts(pilot))
        assert isinstance(app.screen, NotesScreen) and app.results == []


async def test_d_deletes_the_highlighted_note_from_the_store(store, seeds) -> None:
    first = note_on(seeds[0], "Reuters reported")
    second = note_on(seeds[1], "The Kremlin on Tuesday said")
    store.add(first)
    store.add(second)
    app = Host(store, seeds)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert len(rows(app)) == 1 and "Kremlin" in rows(app)[0]
        assert store.list_notes()[0] == [second]
        heading = str(app.screen.query_one("#notes-heading", Label).render())
        assert heading.startswith("1 note ")


async def test_escape_closes_with_nothing(store, seeds) -> None:
    store.add(note_on(seeds[0], "Reuters reported"))
    app = Host(store, seeds)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_markup_and_escapes_in_notes_are_shown_literally(store) -> None:
    article = Article("m.txt", "m.txt", "He wrote [bold]loud[/bold] and \x1b[31mred\x1b[0m.")
    store.add(new_note(article, 0, len(article.text), "[red]my note[/red]"))
    app = Host(store, [article])
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        [row] = rows(app)
        assert "[bold]loud[/bold]" in row and "[red]my note[/red]" in row
        assert "\x1b" not in row


async def test_no_notes_yet(store, seeds) -> None:
    app = Host(store, seeds)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert rows(app) == []
        assert "No notes yet" in str(app.screen.query_one("#notes-heading", Label).render())
        await pilot.press("d")
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


class EditorHost(App[None]):
    """Opens the note editor on a passage and keeps what it returns."""

    def __init__(self, passage: str) -> None:
        super().__init__()
        self.passage = passage
        self.results: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield Label("reader")

    def on_mount(self) -> None:
        self.push_screen(NoteEditor(self.passage), self.results.append)


async def test_the_note_editor_returns_the_typed_note(seeds) -> None:
    app = EditorHost(seeds[0].text[:300])
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#note-passage", Label).render())
        assert shown.startswith("“" + seeds[0].text[:20]) and shown.endswith("…”")
        await pilot.press(*" check [this] ", "enter")
        await pilot.pause()
        assert app.results == ["check [this]"]


async def test_the_note_editor_saves_an_empty_note_and_escape_cancels() -> None:
    app = EditorHost("[b]x[/b]\x1b[2J")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#note-passage", Label).render())
        assert "[b]x[/b]" in shown and "\x1b" not in shown
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [""]
        app.push_screen(NoteEditor("y"), app.results.append)
        await pilot.pause()
        await pilot.press("z", "escape")
        await pilot.pause()
        assert app.results == ["", None]
