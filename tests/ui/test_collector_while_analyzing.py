"""While texts are analyzed in the reader's own process, what it keeps is out of the
cycle collector's sight: a full collection that walked a large collection's corpus,
analyses or model took a fifth of a second and more, at whatever key came then."""

from __future__ import annotations

import asyncio
import gc
import threading

import pytest

from reader.ui import corpus_feed, feed_process
from tests.ui.conftest import StaticAnalyzer, reader, settle

pytestmark = pytest.mark.asyncio


class FirstCached(StaticAnalyzer):
    """The first article is cached; the others are analyzed once ``gate`` is set."""

    def __init__(self, analyses, gate: threading.Event, events: list[str]) -> None:
        super().__init__(analyses, gate=gate)
        self.events = events

    def cached(self, articles):
        return super().cached(articles[:1])

    def load_model(self) -> None:
        self.events.append("model")


def tracked(objects: list[object]) -> bool:
    """Whether any of ``objects`` is in a generation the collector walks (not frozen)."""
    wanted = {id(o) for o in objects}
    return any(id(o) in wanted for o in gc.get_objects())


async def test_a_corpus_linked_while_texts_are_analyzed_is_frozen_as_made(
    make_app, seed_articles, recorded_analyses, monkeypatch
):
    monkeypatch.setattr(feed_process, "PROCESS_MIN_ARTICLES", 2)  # the seeds count as large
    gate = threading.Event()
    app = make_app(analyzer=FirstCached(recorded_analyses, gate, []))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = reader(app)
            for _ in range(3000):  # the first link, of the cached article alone
                if screen.corpus.entities:
                    break
                await asyncio.sleep(0.01)
            assert screen.feed.state == "analyzing"
            first = seed_articles.articles[0].id
            assert {m.article for e in screen.corpus.entities for m in e.mentions} == {first}
            # Not "done" yet (which freezes everything): frozen by the link itself.
            assert not tracked([*screen.corpus.entities, *screen.corpus.entities[0].mentions])
            gate.set()
            await settle(pilot)
    finally:
        gate.set()
        gc.unfreeze()


async def test_a_large_collection_loads_the_model_before_it_links(
    make_app, recorded_analyses, monkeypatch
):
    # Loading the model turns the collector back on (srsly does): a large collection
    # loads it before its first link, not while one runs with the collector paused.
    events: list[str] = []
    real = corpus_feed.build_corpus

    def link(*args, **kwargs):
        events.append("link")
        return real(*args, **kwargs)

    monkeypatch.setattr(corpus_feed, "build_corpus", link)
    monkeypatch.setattr(feed_process, "PROCESS_MIN_ARTICLES", 2)  # the seeds count as large
    gate = threading.Event()
    gate.set()
    app = make_app(analyzer=FirstCached(recorded_analyses, gate, events))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert reader(app).feed.isolated
            assert events[0] == "model" and "link" in events, events
    finally:
        gc.unfreeze()
