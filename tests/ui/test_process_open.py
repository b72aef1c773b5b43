"""A large collection opens in a linking process: reopened from it, fallback, quitting."""

from __future__ import annotations

import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import ProgressBar

from reader import link_process
from reader.cache import AnalysisCache
from reader.collection import STEPS
from reader.config import Settings
from reader.link_process import LinkProcess
from reader.model import Corpus
from reader.nlp import model_identity
from reader.pipeline import Analyzer, build_corpus
from reader.ui import feed_process, frame_decoding
from reader.ui.app import ReaderApp
from reader.ui.lazy_marks import LazyMarks
from reader.ui.status_bar import StatusBar
from tests.ui.conftest import StaticAnalyzer, reader, settle, toasts


class RefusingAnalyzer(StaticAnalyzer):
    """Fails the test if the reader asks for any analysis."""

    def cached(self, articles):
        raise AssertionError("an analysis was loaded although the collection was stored")

    def analyze(self, articles, on_progress=None, on_failure=None):
        raise AssertionError("an article was analyzed although the collection was stored")


@pytest.fixture(autouse=True)
def every_collection_is_large(monkeypatch):
    """The seeds open through the linking process as 10,000 articles would."""
    monkeypatch.setattr(feed_process, "PROCESS_MIN_ARTICLES", 0)


class Started:
    """Makes linking processes of ``command`` and keeps them (the test looks at the child)."""

    def __init__(self, command: list[str] | None = None) -> None:
        self.command = command
        self.made: list[LinkProcess] = []
        self.children: list = []

    def __call__(self) -> LinkProcess:
        made = RecordingProcess(self, self.command)
        self.made.append(made)
        return made


class RecordingProcess(LinkProcess):
    def __init__(self, owner: Started, command: list[str] | None) -> None:
        super().__init__(command)
        self.owner = owner

    def start(self, *args, **kwargs) -> None:
        try:
            super().start(*args, **kwargs)
        finally:
            self.owner.children.append(self.child)


@pytest.mark.asyncio
async def test_a_stored_collection_is_reopened_through_the_process(
    make_app, recorded_analyses, monkeypatch
):
    started = Started()
    monkeypatch.setattr(feed_process, "LinkProcess", started)
    first = make_app()  # not stored yet: the child misses, the feed links itself
    async with first.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        linked = reader(first).corpus
        assert linked.entities and not reader(first).feed.from_index
    assert len(started.made) == 1
    again = make_app(analyzer=RefusingAnalyzer(recorded_analyses))
    async with again.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(again)
        assert len(started.made) == 2 and screen.feed.from_index
        assert [e.id for e in screen.corpus.entities] == [e.id for e in linked.entities]
        assert screen.corpus.quotes == linked.quotes
        status = screen.query_one(StatusBar).text
        assert f"{len(linked.entities)} entities" in status
        view = screen.column_widgets[0].view
        assert len(view._marks.entities) > 0  # the shown article is highlighted
        screen.select_entity(next(e.id for e in linked.entities if "Peskov" in e.name))
        await pilot.pause()
        assert "Peskov" in screen.query_one(StatusBar).text


@pytest.mark.asyncio
async def test_a_child_that_dies_says_so_in_one_line_and_the_reader_links_itself(
    make_app, monkeypatch
):
    started = Started([sys.executable, "-c", "import sys; sys.exit(3)"])
    monkeypatch.setattr(feed_process, "LinkProcess", started)
    app = make_app()
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        shown = await toasts(pilot)
        failed = [t for t in shown if "Linking process failed" in t]
        assert failed and "exit status 3" in failed[0]
        screen = reader(app)
        assert screen.corpus.entities  # linked in this process instead
        assert "entities" in screen.query_one(StatusBar).text
        assert not isinstance(screen.deck._marks, dict)


@pytest.mark.asyncio
async def test_quitting_mid_load_ends_the_child(make_app, monkeypatch):
    started = Started([sys.executable, "-c", "import time; time.sleep(600)"])
    monkeypatch.setattr(feed_process, "LinkProcess", started)
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        for _ in range(3000):
            if started.children:
                break
            await pilot.pause(0.01)
        assert started.children, "the linking process never started"
        assert not reader(app).analysis_done
        await pilot.press("q")
    child = started.children[0]
    assert child.wait(timeout=30) != 0  # killed, not finished


def test_marks_are_made_only_for_the_articles_looked_up(recorded_analyses, seed_articles):
    from reader.pipeline import build_corpus
    from reader.ui.highlights import build_marks

    corpus = build_corpus(seed_articles.articles, recorded_analyses, [], _no_cache())
    lazy = LazyMarks.of(corpus)
    eager = build_marks(corpus)
    first = corpus.articles[0].id
    assert lazy._built == {}
    assert [s for s in lazy[first].entities.spans] == eager[first].entities.spans
    assert list(lazy._built) == [first]
    for article in corpus.articles:
        mine, theirs = lazy[article.id], eager[article.id]
        for layer in ("entities", "quotes", "speakers"):
            assert getattr(mine, layer).spans == getattr(theirs, layer).spans
        assert mine.notes == theirs.notes
    assert set(lazy) == set(eager) and len(lazy) == len(eager)
    with pytest.raises(KeyError):
        lazy["no-such-article"]


def _no_cache():
    from dataclasses import replace

    from reader.config import Settings

    return replace(Settings(), use_cache=False)


@pytest.mark.asyncio
async def test_the_feed_takes_the_process_that_read_the_same_articles_meanwhile(
    warm, seed_articles, recorded_analyses, seeds_dir, monkeypatch
):
    own, articles = warm, seed_articles.articles  # warm: no spaCy
    link_process.preload([seeds_dir], own)
    assert link_process.preloaded() is not None
    others = Started()
    monkeypatch.setattr(feed_process, "LinkProcess", others)
    app = ReaderApp(articles, seed_articles.errors, own, Analyzer(own), seed_articles.aliases)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert link_process.preloaded() is None and others.made == []  # taken, none other
        assert screen.feed.from_index  # the corpus came from the child
        expected = build_corpus(articles, recorded_analyses, [], own, seed_articles.aliases)
        assert [e.id for e in screen.corpus.entities] == [e.id for e in expected.entities]
        assert f"{len(expected.entities)} entities" in screen.query_one(StatusBar).text


@pytest.mark.asyncio
async def test_the_received_corpus_is_put_together_off_the_ui_thread(
    make_app, recorded_analyses, monkeypatch
):
    # Tens of milliseconds for 10,000 articles: on the UI thread a key waited for all of it.
    monkeypatch.setattr(feed_process, "LinkProcess", Started())
    first = make_app()  # stores the collection
    async with first.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
    on_ui_thread: list[bool] = []
    real = feed_process.assembled

    def watched(assembler):
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return real(assembler)

    monkeypatch.setattr(feed_process, "assembled", watched)
    again = make_app(analyzer=RefusingAnalyzer(recorded_analyses))
    async with again.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(again)
        assert screen.feed.from_index
        assert f"{len(screen.corpus.entities)} entities" in screen.query_one(StatusBar).text
    assert on_ui_thread == [False]


def recorded_decoding(
    slice_seconds: float,
) -> tuple[frame_decoding.SlicedDecoding, list[bytes], list[int]]:
    """Sliced decoding that records each frame decoded and, for each hand-over to the UI
    thread, how many frames were decoded before it."""
    decoded: list[bytes] = []
    calls: list[int] = []

    def on_ui_thread(function):
        calls.append(len(decoded))
        function()

    decoding = frame_decoding.SlicedDecoding(decoded.append, on_ui_thread, slice_seconds)
    return decoding, decoded, calls


def test_frames_already_waiting_are_decoded_together_in_one_slice():
    # One round trip through the UI thread per frame made decoding hundreds of frames
    # take twice as long as decoding them in one go.
    decoding, decoded, calls = recorded_decoding(slice_seconds=60)
    decoding.put(b"1", more=True)
    decoding.put(b"2", more=True)
    assert decoded == [] and calls == []  # more are waiting: they are read first
    decoding.put(b"3", more=False)
    assert decoded == [b"1", b"2", b"3"] and calls == [0]
    decoding.flush()
    assert calls == [0]  # nothing left to hand over


def test_a_slice_ends_when_its_time_is_up_and_the_keys_get_their_turn():
    # No time at all: each slice still decodes one frame, and the next slice follows.
    decoding, decoded, calls = recorded_decoding(slice_seconds=0)
    for frame in (b"1", b"2", b"3"):
        decoding.put(frame, more=True)
    decoding.flush()
    assert decoded == [b"1", b"2", b"3"] and calls == [0, 1, 2]


def test_frames_read_ahead_are_bounded(monkeypatch):
    monkeypatch.setattr(frame_decoding, "READ_AHEAD", 4)
    decoded: list[bytes] = []
    decoding = frame_decoding.SlicedDecoding(decoded.append, lambda f: f(), slice_seconds=60)
    for number in range(6):
        decoding.put(b"%d" % number, more=True)
    assert decoded == [b"0", b"1", b"2", b"3"]


def test_a_damaged_frame_reaches_the_worker_that_handed_it_over():
    def refuse(frame: bytes) -> None:
        raise ValueError("not a frame")

    decoding = frame_decoding.SlicedDecoding(refuse, lambda f: f())
    with pytest.raises(ValueError):
        decoding.put(b"garbage", more=False)


#: A linking process held at its stories or its quotes until a file exists (``argv``: the
#: file, what it does then: "go" on or "die", where it waits: "stories" or "quotes", then
#: the pipes).
HELD_CHILD = """
import os, pathlib, sys, time
import reader.collection, reader.corpus
from reader import link_child
gate, then, where = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
if where == "stories":
    module, name = reader.collection, "compare_corpus"
else:
    module, name = reader.corpus, "placed_quotes"
real = getattr(module, name)
def held(*args):
    while not gate.exists():
        time.sleep(0.01)
    if then == "die":
        os._exit(3)
    return real(*args)
setattr(module, name, held)
sys.exit(link_child.main(sys.argv[4:]))
"""


@pytest.fixture
def warm(settings, seed_articles, recorded_analyses, tmp_path) -> Settings:
    """Settings whose own cache holds the seeds' analyses (no collection): the child links."""
    own = replace(settings, cache_dir=tmp_path / "own-cache")
    cache = AnalysisCache(own.cache_dir / "analysis", model_identity(own.model))
    for article in seed_articles.articles:
        cache.put(article.text, recorded_analyses[article.id])
    return own


async def held_at_the_stories(pilot, gate: Path, expected: Corpus):
    """Wait until the reader shows the entities its held child sent, check what it shows
    then, select Peskov, and let the child go on (or die): Peskov's id."""
    screen = reader(pilot.app)
    for _ in range(3000):
        if screen.feed.state != "waiting":
            break
        await pilot.pause(0.01)
    assert screen.feed.state == "grouping"
    # Every entity is listed and counted, and can be browsed; the stories are not in.
    assert [e.id for e in screen.corpus.entities] == [e.id for e in expected.entities]
    assert screen.corpus.quotes == expected.quotes and not screen.corpus.stories
    status = screen.query_one(StatusBar).text
    assert f"{len(expected.entities)} entities" in status and "grouping stories" in status
    assert not screen.analysis_done
    peskov = next(e.id for e in expected.entities if "Peskov" in e.name)
    screen.select_entity(peskov)
    await pilot.pause()
    gate.touch()
    await settle(pilot)
    assert screen.corpus.stories == expected.stories
    assert screen.corpus.quote_groups == expected.quote_groups
    # The reader's place survived the second delivery.
    assert screen.selection is not None and screen.selection.entity_id == peskov
    assert "Peskov" in screen.query_one(StatusBar).text


@pytest.mark.asyncio
@pytest.mark.parametrize("then", ["go", "die"])
async def test_the_entities_are_listed_while_the_child_still_groups_the_stories(
    warm, seed_articles, recorded_analyses, tmp_path, monkeypatch, then
):
    articles = seed_articles.articles
    gate = tmp_path / "stories may go"
    started = Started([sys.executable, "-c", HELD_CHILD, str(gate), then, "stories"])
    monkeypatch.setattr(feed_process, "LinkProcess", started)
    uncached = replace(warm, use_cache=False)  # else the collection would be stored
    expected = build_corpus(articles, recorded_analyses, [], uncached, seed_articles.aliases)
    assert expected.stories  # the seeds are one story
    app = ReaderApp(articles, seed_articles.errors, warm, Analyzer(warm), seed_articles.aliases)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await held_at_the_stories(pilot, gate, expected)
        failed = [t for t in await toasts(pilot) if "Linking process failed" in t]
        assert len(started.made) == 1
        if then == "go":
            assert reader(app).feed.from_index and not failed
        else:  # linked again here, in one line's notice
            assert not reader(app).feed.from_index
            assert len(failed) == 1 and "exit status 3" in failed[0]


@pytest.mark.asyncio
async def test_the_status_line_follows_the_steps_of_the_linking(
    warm, seed_articles, tmp_path, monkeypatch
):
    articles = seed_articles.articles
    gate = tmp_path / "quotes may go"
    started = Started([sys.executable, "-c", HELD_CHILD, str(gate), "go", "quotes"])
    monkeypatch.setattr(feed_process, "LinkProcess", started)
    app = ReaderApp(articles, seed_articles.errors, warm, Analyzer(warm), seed_articles.aliases)
    async with app.run_test(size=(160, 40)) as pilot:
        status = reader(app).query_one(StatusBar)
        wanted = f"Linking {len(articles)} articles: {STEPS[-1]}…"
        for _ in range(3000):
            if status.text == wanted:
                break
            await pilot.pause(0.01)
        assert status.text == wanted
        bar = status.query_one(ProgressBar)
        # The cache holds analyses, no digest rows: reading them is a step before linking's.
        steps = len(STEPS) + 1
        assert bar.display and (bar.progress, bar.total) == (steps - 1, steps)
        # A step that counts (texts digested anew) says how far it is, and so does the bar.
        told = feed_process.LinkingElsewhere(len(articles), STEPS[0], 1, len(STEPS), 3, 4)
        reader(app).post_message(told)
        await pilot.pause()
        assert status.text == f"Linking {len(articles)} articles: {STEPS[0]} (3 of 4)…"
        assert bar.display and (bar.progress, bar.total) == (3, len(STEPS) * 4)
        gate.touch()
        await settle(pilot)
        assert not bar.display and "entities" in status.text


@pytest.mark.asyncio
async def test_a_step_handled_after_the_entities_came_changes_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        status = screen.query_one(StatusBar)
        summary = status.text
        assert "entities" in summary
        screen.post_message(feed_process.LinkingElsewhere(2, STEPS[-1], len(STEPS), len(STEPS)))
        await pilot.pause()
        assert status.text == summary and not status.query_one(ProgressBar).display


@pytest.mark.asyncio
async def test_a_changed_collection_shows_as_linked_before_until_linked_again(
    warm, seed_articles, recorded_analyses, tmp_path, monkeypatch
):
    articles, aliases = seed_articles.articles, seed_articles.aliases
    # The first article alone was linked before (and stored); now both are opened, and
    # the child is held before it places the new link's quotes.
    before = build_corpus(articles[:1], recorded_analyses, [], warm, aliases)
    uncached = replace(warm, use_cache=False)
    expected = build_corpus(articles, recorded_analyses, [], uncached, aliases)
    gate = tmp_path / "quotes may go"
    started = Started([sys.executable, "-c", HELD_CHILD, str(gate), "go", "quotes"])
    monkeypatch.setattr(feed_process, "LinkProcess", started)
    app = ReaderApp(articles, seed_articles.errors, warm, Analyzer(warm), aliases)
    async with app.run_test(size=(200, 40)) as pilot:
        screen = reader(app)
        for _ in range(3000):
            if screen.feed.state == "provisional":
                break
            await pilot.pause(0.01)
        assert screen.feed.state == "provisional" and not screen.analysis_done
        # What was linked before is listed, counted and browsable, and the new article's
        # names are linked into it (its analysis is cached): to those entities, or new ones.
        shown = screen.corpus.entities
        assert [e.id for e in shown[: len(before.entities)]] == [e.id for e in before.entities]
        assert len(shown) > len(before.entities)
        assert {m.article for e in shown for m in e.mentions} == {a.id for a in articles}
        russia = next(e for e in shown if e.name == "Russia")
        assert russia.count_in(articles[0].id) and russia.count_in(articles[1].id)
        status = screen.query_one(StatusBar)
        for _ in range(300):  # the steps of the new link follow the provisional corpus
            if "relinking: " in status.text:
                break
            await pilot.pause(0.01)
        assert f"{len(shown)} entities" in status.text
        assert "as linked before (1 new or changed)" in status.text
        assert "relinking: " in status.text
        peskov = next(e.id for e in before.entities if "Peskov" in e.name)
        assert peskov in {e.id for e in expected.entities}  # ids come from the text
        screen.select_entity(peskov)
        await pilot.pause()
        gate.touch()
        await settle(pilot)
        assert [e.id for e in screen.corpus.entities] == [e.id for e in expected.entities]
        assert screen.corpus.quotes == expected.quotes
        assert screen.corpus.stories == expected.stories
        # The reader's place survived the new link.
        assert screen.selection is not None and screen.selection.entity_id == peskov
        screen.action_clear_selection()
        await pilot.pause()
        assert "as linked before" not in status.text
        assert f"{len(expected.entities)} entities" in status.text


@pytest.mark.asyncio
async def test_a_preloaded_process_that_dies_is_replaced_before_the_reader_links_itself(
    warm, seed_articles, recorded_analyses, seeds_dir, monkeypatch
):
    own, articles = warm, seed_articles.articles  # warm: no spaCy
    dying = LinkProcess([sys.executable, "-c", "import sys, time; time.sleep(0.5); sys.exit(3)"])
    dying.preload([seeds_dir], own, link=True)
    monkeypatch.setattr(link_process, "_waiting", dying)
    others = Started()
    monkeypatch.setattr(feed_process, "LinkProcess", others)
    app = ReaderApp(articles, seed_articles.errors, own, Analyzer(own), seed_articles.aliases)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert len(others.made) == 1  # the preloaded one died: one more, on the articles
        assert not any("Linking process failed" in t for t in await toasts(pilot))
        assert screen.feed.from_index and screen.feed.links_elsewhere  # never linked here
        expected = build_corpus(articles, recorded_analyses, [], own, seed_articles.aliases)
        assert [e.id for e in screen.corpus.entities] == [e.id for e in expected.entities]
        assert f"{len(expected.entities)} entities" in screen.query_one(StatusBar).text
