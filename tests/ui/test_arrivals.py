"""Files read after the first frame: the reader answers keys meanwhile and shows what arrives."""

from __future__ import annotations

import gc
import shutil
import threading
from pathlib import Path

import pytest

from reader.article_stream import LoadChunk, stream_articles
from reader.ui.article_picker import ArticlePicker
from reader.ui.help_screen import HelpScreen
from reader.ui.load_report_screen import LoadReportScreen
from reader.ui.row_list import RowList
from tests.ui.conftest import StaticAnalyzer, reader, settle, status

pytestmark = pytest.mark.asyncio


class GatedLoader:
    """Hands over its chunks one at a time, each only when the test lets it (``let``)."""

    def __init__(self, chunks: list[LoadChunk]) -> None:
        self.chunks = chunks
        self._gate = threading.Semaphore(0)
        self.sent = 0

    def let(self, count: int = 1) -> None:
        for _ in range(count):
            self._gate.release()

    def __call__(self, deliver, cancelled) -> None:
        for chunk in self.chunks:
            while not self._gate.acquire(timeout=0.02):
                if cancelled():
                    return
            deliver(chunk)
            self.sent += 1


@pytest.fixture
def news(tmp_path: Path, seeds_dir: Path) -> Path:
    """The two seed articles (named as recorded) and between them a file with no article."""
    folder = tmp_path / "news"
    folder.mkdir()
    first, second = sorted(seeds_dir.glob("*.txt"))
    shutil.copy(first, folder / first.name)
    (folder / "001-empty.json").write_text("[]", encoding="utf-8")
    shutil.copy(second, folder / second.name)
    return folder


def chunks_of(folder: Path, settings) -> list[LoadChunk]:
    """Real chunks of one file each."""
    return list(stream_articles([folder], settings, chunk_files=1))


async def wait_for(pilot, loader: GatedLoader, sent: int) -> None:
    for _ in range(3000):
        if loader.sent >= sent:
            break
        await pilot.pause(0.01)
    await pilot.pause()


async def test_the_first_frame_and_the_keys_come_before_any_file_is_read(make_app, news, settings):
    loader = GatedLoader(chunks_of(news, settings))
    app = make_app(loader=loader)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        screen = reader(app)
        assert loader.sent == 0 and screen.articles == []
        assert status(app).startswith("Reading files")
        assert screen.column_widgets[0].article is None  # an empty column, drawn
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)  # answered while nothing is read
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        loader.let(len(loader.chunks))
        await wait_for(pilot, loader, len(loader.chunks))
        await settle(pilot)
        assert [a.title for a in screen.articles] == [
            a.title for c in loader.chunks for a in c.articles
        ]
        assert "entities" in status(app)


async def test_columns_picker_and_load_report_follow_the_files_as_they_are_read(
    make_app, news, settings
):
    loader = GatedLoader(chunks_of(news, settings))
    assert len(loader.chunks) == 3  # one file each, the last with the alias table
    first, second = (c.articles[0] for c in loader.chunks if c.articles)
    app = make_app(loader=loader, columns=2)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        screen = reader(app)
        loader.let()  # the first file
        await wait_for(pilot, loader, 1)
        assert screen.columns == [first.id]
        assert screen.column_widgets[0].article == first
        assert "1 of 3" in status(app)
        await pilot.press("o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ArticlePicker)
        assert picker.query_one("#article-list", RowList).row_ids == [first.id]
        loader.let()  # the file with no article: a problem, reported at once
        await wait_for(pilot, loader, 2)
        assert screen.status_bar.load_problems == "⚠ 1 skipped"
        loader.let()  # the second article, the last file: listed in the open picker
        await wait_for(pilot, loader, 3)
        listed = picker.query_one("#article-list", RowList).row_ids
        assert [i for i in listed if i is not None] == [first.id, second.id]
        await pilot.press("escape")
        await pilot.pause()
        assert screen.columns == [first.id, second.id]
        await pilot.press("L")
        await pilot.pause()
        report = app.screen
        assert isinstance(report, LoadReportScreen)
        assert any("001-empty.json  skipped" in row for row in report.shown)
        await settle(pilot)  # the last chunk was in: the analysis started
        assert screen.feed.articles == screen.articles and screen.corpus.entities


async def test_the_session_is_restored_once_every_file_is_read(make_app, news, settings):
    chunks = chunks_of(news, settings)
    articles = [a for c in chunks for a in c.articles]
    errors = [e for c in chunks for e in c.errors]
    app = make_app(articles=articles, errors=errors)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("minus")
        await pilot.pause()
        screen.put_article(1, articles[1].id)
        entity = next(e for e in screen.corpus.entities if articles[1].id in e.article_ids)
        screen.select_entity(entity.id)
        await pilot.pause()
        await pilot.press("q")

    loader = GatedLoader(chunks)
    again = make_app(loader=loader)
    async with again.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        screen = reader(again)
        loader.let(len(chunks))
        await wait_for(pilot, loader, len(chunks))
        await settle(pilot)
        await pilot.pause()
        assert screen.columns == [articles[1].id]
        assert screen.selected == entity.id


async def test_nothing_read_ends_the_app_with_a_return_code(make_app, tmp_path, settings):
    loader = GatedLoader(chunks_of(tmp_path / "missing", settings))
    app = make_app(loader=loader)
    async with app.run_test(size=(160, 40)) as pilot:
        loader.let()
        await wait_for(pilot, loader, 1)
    assert app.return_code == 1
    assert app.reader_screen is not None
    assert [e.message for e in app.reader_screen.errors] == ["no such file or folder"]


async def test_the_articles_read_are_frozen_for_the_collector_as_they_arrive(
    make_app, news, settings, recorded_analyses
):
    # Full collections walked every article every few seconds while a large first
    # open linked: the keys then waited a fifth of a second. Frozen only once all
    # were read, a pass while the files were read still walked those read so far
    # (0.1 s at a key on a 10,000-article collection).
    gc.unfreeze()
    gate = threading.Event()
    loader = GatedLoader(chunks_of(news, settings))
    analyzer = StaticAnalyzer(recorded_analyses, cached=False, gate=gate)
    app = make_app(loader=loader, analyzer=analyzer)
    first = loader.chunks[0].articles
    assert first
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert gc.get_freeze_count() == 0  # nothing read yet
        loader.let()
        await wait_for(pilot, loader, 1)
        assert reader(app).arrivals.pending  # still reading
        assert gc.get_freeze_count() > 0
        tracked = {id(thing) for thing in gc.get_objects()}
        assert not any(id(article) in tracked for article in reader(app).articles)
        loader.let(len(loader.chunks) - 1)
        await wait_for(pilot, loader, len(loader.chunks))
        assert not reader(app).analysis_done
        tracked = {id(thing) for thing in gc.get_objects()}
        assert len(reader(app).articles) == 2
        assert not any(id(article) in tracked for article in reader(app).articles)
        gate.set()
        await settle(pilot)
        assert "entities" in status(app)
    assert gc.get_freeze_count() == 0
