"""What the reader knows about its input: the load report, the byline, the article's URL."""

from __future__ import annotations

import shutil
import webbrowser
from dataclasses import replace
from pathlib import Path

import pytest

from reader.model import LoadError
from reader.pipeline import load_articles
from reader.ui.info_actions import is_web_address
from reader.ui.load_report_screen import LoadReportScreen
from tests.ui.conftest import palette_select, reader, settle, toasts

pytestmark = pytest.mark.asyncio


@pytest.fixture
def problems(tmp_path, seeds_dir, settings) -> list[LoadError]:
    """Real load problems: a JSON file with no article, broken front matter, a broken alias file."""
    folder = tmp_path / "news"
    folder.mkdir()
    text = next(iter(sorted(seeds_dir.glob("*.txt")))).read_text(encoding="utf-8")
    shutil.copy(next(iter(sorted(seeds_dir.glob("*.txt")))), folder / "good.txt")
    (folder / "empty.json").write_text("[]", encoding="utf-8")
    (folder / "front.md").write_text("---\ntitle: [x\n---\n" + text, encoding="utf-8")
    (folder / "aliases.yaml").write_text("merge: [x\n", encoding="utf-8")
    return load_articles([folder], settings).errors


def _indicator(app) -> str:
    return reader(app).status_bar.load_problems


async def test_the_status_bar_counts_load_problems_and_L_opens_the_report(make_app, problems):
    app = make_app(errors=problems)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert _indicator(app) == "⚠ 1 skipped, 2 with warnings"
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, LoadReportScreen)
        shown = app.screen.shown
        assert len(shown) == 3
        assert "empty.json  skipped" in shown[0] and "no usable article" in shown[0]
        front = next(row for row in shown if "front.md" in row)
        assert "loaded with warnings" in front and "broken front matter" in front
        assert any("aliases.yaml" in row and "YAML" in row for row in shown)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LoadReportScreen)


async def test_a_click_on_the_indicator_or_the_palette_opens_the_report(make_app, problems):
    app = make_app(errors=problems)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.click("#load-indicator")
        await pilot.pause()
        assert isinstance(app.screen, LoadReportScreen)
        await pilot.press("escape")
        await pilot.pause()
        await palette_select(pilot, "Load report")
        assert isinstance(app.screen, LoadReportScreen)


async def test_the_report_follows_problems_found_while_it_is_open(make_app):
    app = make_app(errors=[])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert _indicator(app) == ""  # nothing went wrong: nothing shown
        await pilot.press("L")
        await pilot.pause()
        assert app.screen.shown == []
        assert "without a problem" in str(app.screen.query_one("#load-report-title").render())
        failed = LoadError("https://example.org/a", "cannot fetch (timed out)")
        reader(app).report_problems([failed])
        await pilot.pause()
        assert app.screen.shown == ["https://example.org/a  skipped\n    cannot fetch (timed out)"]
        assert "1 skipped" in str(app.screen.query_one("#load-report-title").render())
        assert _indicator(app) == "⚠ 1 skipped"


async def test_the_byline_shows_outlet_author_and_date_as_plain_text(make_app, seed_articles):
    first, second = seed_articles.articles
    first = replace(first, source="Reuters", author="Jane [b]Doe[/b]", date="2023-02-14")
    app = make_app(articles=[first, second])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        column = reader(app).column_widgets[0]
        byline = str(column.query_one(".column-details").render())
        assert byline.strip() == "Reuters · Jane [b]Doe[/b] · 2023-02-14"


async def test_a_plain_text_articles_byline_and_dateline_fill_its_column_header(make_app):
    # The seed filed "Moscow/ Kyiv | Jagran News Desk:" and "Posted By: Aalok Sensharma"; the
    # other seed names no outlet or writer, and its header falls back to its file name.
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        headers = {
            column.article.id: str(column.query_one(".column-details").render()).strip()
            for column in reader(app).column_widgets
        }
        assert headers == {
            "000_6634b6c0be25b985.txt": "000_6634b6c0be25b985.txt",
            "003_3f35dfa55a5d8b29.txt": "Jagran News · Aalok Sensharma",
        }


async def test_u_opens_the_articles_url_in_the_browser(make_app, seed_articles, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *args, **kw: opened.append(url) or True)
    first, second = seed_articles.articles
    first = replace(first, url="https://example.org/news/1")
    second = replace(second, url="file:///etc/passwd")
    app = make_app(articles=[first, second])
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await app.workers.wait_for_complete()
        assert opened == ["https://example.org/news/1"]
        reader(app).column_widgets[1].view.focus()
        await pilot.pause()
        await pilot.press("u")
        await app.workers.wait_for_complete()
        assert opened == ["https://example.org/news/1"]  # only web addresses are opened
        assert any("not a web address" in t for t in await toasts(pilot))


async def test_an_article_without_a_url_says_so(make_app, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *args, **kw: opened.append(url) or True)
    app = make_app()
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        await palette_select(pilot, "Open article URL")
        assert opened == []
        assert "This article has no URL" in await toasts(pilot)


@pytest.mark.filterwarnings("ignore::pytest.PytestWarning")
def test_the_problem_files_are_real(problems):
    assert {Path(p.path).name for p in problems} == {"empty.json", "front.md", "aliases.yaml"}


async def test_the_help_lists_the_new_keys(make_app):
    app = make_app()
    async with app.run_test(size=(160, 60)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        keys = dict(app.screen.rows)
        assert keys["u"] == "Open the focused article's URL in the browser"
        assert keys["L"] == "The load report: every file skipped or loaded with warnings"
        assert keys["f (in the quotes)"].startswith("Only the highlighted quote's speaker")
        assert keys["Enter (in the details)"].startswith("Jump to the quote")


@pytest.mark.parametrize(
    ("url", "web"),
    [
        ("https://example.org/news/1", True),
        ("HTTP://example.org", True),
        ("file:///etc/passwd", False),
        ("javascript:alert(1)", False),
        ("https://", False),
        ("http://[::1", False),
        ("https://example.org/a b", False),
        ("https://example.org/\x1b[31m", False),
    ],
)
@pytest.mark.filterwarnings("ignore::pytest.PytestWarning")
def test_only_web_addresses_go_to_the_browser(url, web):
    assert is_web_address(url) is web
