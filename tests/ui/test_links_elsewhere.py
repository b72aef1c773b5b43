"""A large collection's links, made as its texts are analyzed, run in a linking process:
in a thread of the reader's own, 10,000 articles' links held the interpreter lock
for tens of milliseconds at a time, and keys waited for it."""

from __future__ import annotations

import sys
import threading
from dataclasses import replace

import pytest

from reader.cache import AnalysisCache
from reader.collection import CollectionLinker
from reader.config import Settings
from reader.link_process import LinkProcess
from reader.nlp import model_identity
from reader.pipeline import Analyzer, build_corpus
from reader.ui import corpus_feed, feed_process
from reader.ui.app import ReaderApp
from tests.ui.conftest import reader, settle, status, toasts

pytestmark = pytest.mark.asyncio


class Requests(list):
    """Makes linking processes that keep each request's kind: "open", "interim" or "final";
    with ``dying``, those asked to link (not to open) exit at once, with status 3."""

    def __init__(self, dying: bool = False) -> None:
        super().__init__()
        self.dying = dying

    def __call__(self) -> LinkProcess:
        requests = self

        class Recorded(LinkProcess):
            def start(self, *args, **kwargs) -> None:
                interim = kwargs.get("interim")
                requests.append("open" if interim is None else "interim" if interim else "final")
                if requests.dying and interim is not None:
                    self.command = [sys.executable, "-c", "raise SystemExit(3)"]
                super().start(*args, **kwargs)

        return Recorded()


@pytest.fixture
def here(monkeypatch) -> list[object]:
    """The links made in the reader's own process (in a thread), as they start."""
    made: list[object] = []
    real = corpus_feed.run_abandonable
    monkeypatch.setattr(
        corpus_feed, "run_abandonable", lambda work: made.append(work) or real(work)
    )
    return made


@pytest.fixture
def half_analyzed(settings: Settings, seed_articles, recorded_analyses, tmp_path, monkeypatch):
    """The seeds as a large collection, the first analyzed (in a cache of its own), the
    other analyzed once the returned gate is set: the app, and the gate."""
    monkeypatch.setattr(feed_process, "PROCESS_MIN_ARTICLES", 0)  # the seeds count as large
    own = replace(settings, cache_dir=tmp_path / "cache")
    articles = seed_articles.articles
    cache = AnalysisCache(own.cache_dir / "analysis", model_identity(own.model))
    cache.put(articles[0].text, recorded_analyses[articles[0].id])
    # The reader's own analyzer (a linking process reads its cache), with the model's
    # work stood in for by the recorded analyses, handed over once ``gate`` is set.
    analyzer = Analyzer(own)
    gate = threading.Event()
    by_text = {a.text: recorded_analyses[a.id] for a in articles}

    def passes(texts):
        for number, text in enumerate(texts):
            gate.wait(60)
            yield number, by_text[text]  # an analysis, or (a test's) why the text failed

    monkeypatch.setattr(analyzer, "_passes", passes)
    monkeypatch.setattr(analyzer, "load_model", lambda: None)
    app = ReaderApp(articles, seed_articles.errors, own, analyzer, seed_articles.aliases)
    app.by_text = by_text  # type: ignore[attr-defined]  # what the model "makes" of each text
    yield app, gate
    gate.set()


def linked(seed_articles, analyses, settings: Settings) -> list[str]:
    """The entity ids of the seeds linked from ``analyses`` in this process."""
    uncached = replace(settings, use_cache=False)
    corpus = build_corpus(seed_articles.articles, analyses, [], uncached, seed_articles.aliases)
    assert corpus.entities
    return [e.id for e in corpus.entities]


async def first_shown(pilot) -> None:
    """Wait until the first link's entities are shown."""
    for _ in range(3000):
        if reader(pilot.app).corpus.entities:
            return
        await pilot.pause(0.01)


async def test_links_made_while_texts_are_analyzed_run_in_a_linking_process(
    half_analyzed, here, seed_articles, recorded_analyses, monkeypatch
):
    app, gate = half_analyzed
    requests = Requests()
    monkeypatch.setattr(feed_process, "LinkProcess", requests)
    first = seed_articles.articles[0]
    async with app.run_test(size=(160, 40)) as pilot:
        screen = reader(app)
        await first_shown(pilot)
        # The cached article is linked elsewhere and shown; the other one is not in.
        assert screen.feed.state == "analyzing"
        assert requests == ["open", "interim"] and not here
        alone = linked(seed_articles, {first.id: recorded_analyses[first.id]}, app.settings)
        assert [e.id for e in screen.corpus.entities] == alone
        assert {m.article for e in screen.corpus.entities for m in e.mentions} == {first.id}
        gate.set()
        await settle(pilot)
        # The last link, of every analysis, was made (and stored) elsewhere too.
        assert requests[-1] == "final" and not here
        expected = linked(seed_articles, recorded_analyses, app.settings)
        assert [e.id for e in screen.corpus.entities] == expected
        assert f"{len(expected)} entities" in status(app)
        assert CollectionLinker(app.settings, seed_articles.aliases).holds(seed_articles.articles)


async def test_a_linking_process_that_dies_is_said_once_and_the_reader_links_itself(
    half_analyzed, here, seed_articles, recorded_analyses, monkeypatch
):
    app, gate = half_analyzed
    requests = Requests(dying=True)
    monkeypatch.setattr(feed_process, "LinkProcess", requests)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        screen = reader(app)
        await first_shown(pilot)
        assert requests == ["open", "interim"] and len(here) == 1
        gate.set()
        await settle(pilot)
        # Said once, in one line; every later link is made here, none elsewhere.
        failed = [t for t in await toasts(pilot) if "Linking process failed" in t]
        assert len(failed) == 1 and "exit status 3" in failed[0], failed
        assert "linking here instead" in failed[0] and "\n" not in failed[0]
        assert requests == ["open", "interim"] and len(here) >= 2
        expected = linked(seed_articles, recorded_analyses, app.settings)
        assert [e.id for e in screen.corpus.entities] == expected


async def test_a_text_the_model_fails_on_is_said_and_the_collection_linked_without_it(
    half_analyzed, here, seed_articles, recorded_analyses, monkeypatch
):
    app, gate = half_analyzed
    first, other = seed_articles.articles
    app.by_text[other.text] = "ValueError: the parser choked"
    requests = Requests()
    monkeypatch.setattr(feed_process, "LinkProcess", requests)
    counts = []

    class Counted(corpus_feed.Progress):
        def __init__(self, feed, done: int, total: int) -> None:
            super().__init__(feed, done, total)
            counts.append((done, total))

    monkeypatch.setattr(corpus_feed, "Progress", Counted)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        screen = reader(app)
        await first_shown(pilot)
        gate.set()
        await settle(pilot)
        # Not a failed analysis: the others are highlighted and the collection is done.
        assert screen.feed.state == "done" and not here
        # The text that failed counts as done: the progress does not stay one short.
        assert counts == [(0, 1), (1, 1)]
        assert requests == ["open", "interim", "interim"]  # the last one stores nothing
        alone = linked(seed_articles, {first.id: recorded_analyses[first.id]}, app.settings)
        assert [e.id for e in screen.corpus.entities] == alone
        said = "not analyzed (ValueError: the parser choked): no names or quotes from it"
        notices = [t for t in await toasts(pilot) if said in t]
        assert notices == [f"{other.path}: {said}; see the load report"]
        assert screen.status_bar.load_problems == "⚠ 1 with warnings"
        await pilot.press("L")  # the load report says which and why
        await pilot.pause()
        row = next(r for r in app.screen.shown if other.path.split("/")[-1] in r)
        assert "loaded with warnings" in row and "the parser choked" in row
        assert not CollectionLinker(app.settings, seed_articles.aliases).holds(
            seed_articles.articles
        )
