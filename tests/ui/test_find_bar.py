"""The find bar on its own: typing, Enter, the regex toggle, the counter, Escape."""

from __future__ import annotations

import pytest
from textual import on
from textual.app import App, ComposeResult
from textual.widgets import Checkbox, Label

from reader.find import FindError, find
from reader.model import Article
from reader.ui.find_bar import FindBar

pytestmark = pytest.mark.asyncio


class FindApp(App[None]):
    """A tiny host that searches one article the way the reader screen will."""

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article
        self.submitted: list[tuple[str, bool]] = []
        self.again: list[bool] = []
        self.closed = 0

    def compose(self) -> ComposeResult:
        yield FindBar()

    @on(FindBar.Submitted)
    def _find(self, event: FindBar.Submitted) -> None:
        self.submitted.append((event.query, event.regex))
        self.again.append(event.again)
        bar = self.query_one(FindBar)
        try:
            mode = "regex" if event.regex else "text"
            results = find([self.article], event.query, mode, event.case_sensitive)
        except FindError as exc:
            bar.show_error(str(exc))
            return
        step = results.cursor([self.article.id]).next()
        bar.show_count(str(step.index + 1) if step else None, results.count_label)

    @on(FindBar.Closed)
    def _closed(self) -> None:
        self.closed += 1
        self.query_one(FindBar).display = False


def counter(app: FindApp) -> str:
    # What is drawn (markup would be gone here), not what was passed in.
    return str(app.query_one("#find-count", Label).render())


@pytest.fixture
def article(seeds_dir) -> Article:
    path = sorted(seeds_dir.glob("*.txt"))[0]
    return Article(path.name, str(path), path.read_text(encoding="utf-8"))


async def test_typing_and_enter_submit_the_query_and_show_the_count(article) -> None:
    app = FindApp(article)
    async with app.run_test(size=(100, 10)) as pilot:
        app.query_one(FindBar).open()
        await pilot.press(*"troops", "enter")
        await pilot.pause()
        assert app.submitted == [("troops", False)]
        expected = len(find([article], "troops").matches)
        assert expected > 1
        assert counter(app) == f"1/{expected}"


async def test_the_regex_toggle_changes_how_the_query_is_read(article) -> None:
    app = FindApp(article)
    async with app.run_test(size=(100, 10)) as pilot:
        bar = app.query_one(FindBar)
        bar.open("troop.")
        await pilot.press("enter")
        await pilot.pause()
        assert counter(app) == "no matches"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.query_one("#find-regex", Checkbox).value and bar.regex
        assert counter(app) == ""
        await pilot.press("enter")
        await pilot.pause()
        assert app.submitted[-1] == ("troop.", True)
        assert counter(app).startswith("1/")


async def test_clicking_the_toggle_works_too_and_keeps_the_focus_in_the_input(article) -> None:
    app = FindApp(article)
    async with app.run_test(size=(100, 10)) as pilot:
        app.query_one(FindBar).open()
        await pilot.click("#find-regex")
        await pilot.pause()
        assert app.query_one(FindBar).regex
        assert app.focused is not None and app.focused.id == "find-input"


async def test_an_invalid_regex_shows_a_one_line_error(article) -> None:
    app = FindApp(article)
    async with app.run_test(size=(100, 10)) as pilot:
        app.query_one(FindBar).open("[unclosed")
        await pilot.press("ctrl+r", "enter")
        await pilot.pause()
        label = app.query_one("#find-count", Label)
        assert counter(app).startswith("invalid regular expression")
        assert label.has_class("-error")
        # A good query afterwards clears the error look.
        app.query_one(FindBar).open("troops")
        await pilot.press("ctrl+r", "enter")
        await pilot.pause()
        assert not label.has_class("-error")


async def test_messages_are_shown_literally_never_as_markup(article) -> None:
    app = FindApp(article)
    async with app.run_test(size=(100, 10)) as pilot:
        app.query_one(FindBar).show_error("bad [bold]x[/bold]\n at [red]2")
        await pilot.pause()
        assert counter(app) == "bad [bold]x[/bold] at [red]2"


async def test_escape_posts_closed(article) -> None:
    app = FindApp(article)
    async with app.run_test(size=(100, 10)) as pilot:
        app.query_one(FindBar).open("x")
        await pilot.press("escape")
        await pilot.pause()
        assert app.closed == 1
        assert not app.query_one(FindBar).display


async def test_enter_again_on_the_same_query_says_so(article) -> None:
    app = FindApp(article)
    async with app.run_test(size=(100, 10)) as pilot:
        app.query_one(FindBar).open("troops")
        await pilot.press("enter", "enter")
        await pilot.press("s", "enter")
        await pilot.press("ctrl+r", "enter", "enter")
        await pilot.press("escape")
        app.query_one(FindBar).open()
        await pilot.press("enter")
        await pilot.pause()
        assert app.again == [False, True, False, False, True, False]


async def test_the_case_toggle_asks_for_letter_case_to_match(article) -> None:
    app = FindApp(article)
    async with app.run_test(size=(100, 10)) as pilot:
        app.query_one(FindBar).open("reuters")
        await pilot.press("enter")
        await pilot.pause()
        assert counter(app).startswith("1/")
        await pilot.press("alt+c")
        await pilot.pause()
        assert app.query_one(FindBar).case_sensitive and counter(app) == ""
        await pilot.press("enter")
        await pilot.pause()
        assert counter(app) == "no matches"
        assert app.again == [False, False]
        await pilot.click("#find-case")
        await pilot.pause()
        assert not app.query_one(FindBar).case_sensitive
