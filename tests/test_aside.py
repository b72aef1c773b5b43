"""Work done aside, in a forked child: the same result as done here, failures included."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader import corpus
from reader.aside import forked, start
from reader.corpus import link_corpus
from reader.export import dumps
from reader.linking import link_entities
from reader.pipeline import Analyzer, load_articles
from tests.linking_helpers import doc
from tests.test_linking_short_forms import REID

ECB = Path(__file__).parent / "data" / "linking_ecbplus" / "topic-03"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


def _work(receive: Callable[[], Any]) -> list[Any]:
    """Where it ran, and what it was sent, changed."""
    return [os.getpid(), [word.upper() for word in receive()["words"]]]


def _sent(work=_work, encode=list, decode=list) -> list[Any]:
    running = forked(work, encode, decode)
    running.send({"words": ["Kyiv", "naïve ✓"]})
    return running.result()


def test_a_forked_child_does_the_work_with_what_it_is_sent() -> None:
    where, words = _sent()
    assert where != os.getpid()  # done in the child
    assert words == ["KYIV", "NAÏVE ✓"]


def _fails(value: object) -> object:
    raise ValueError("cannot send this")


def test_a_failing_child_leaves_the_work_to_this_process() -> None:
    here = [os.getpid(), ["KYIV", "NAÏVE ✓"]]
    assert _sent(encode=_fails) == here  # the child cannot encode its result
    assert _sent(decode=_fails) == here  # its result does not decode
    parent = os.getpid()

    def crashes(receive: Callable[[], Any]) -> list[Any]:
        if os.getpid() != parent:
            os._exit(3)  # the child dies before reading what it is sent
        return _work(receive)

    assert _sent(work=crashes) == here


def test_with_threads_running_nothing_is_forked() -> None:
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        running = start(_work, list, list)
        running.send({"words": ["Kyiv"]})
        assert running.result() == [os.getpid(), ["KYIV"]]
    finally:
        stop.set()
        worker.join()


def test_a_thread_declared_fork_safe_does_not_stop_a_fork(monkeypatch) -> None:
    # The linking process's reply writer and orphan watcher: its link may still use
    # the idle core.
    from reader import aside

    monkeypatch.setattr(aside, "idle_core", lambda: True)
    stop = threading.Event()
    safe = threading.Thread(target=stop.wait)
    other = threading.Thread(target=stop.wait)
    aside.fork_safe(safe)
    # Whatever other threads the test runner keeps, only these two are looked at.
    threads = [threading.current_thread(), safe]
    monkeypatch.setattr(threading, "enumerate", lambda: threads)
    safe.start()
    try:
        running = start(_work, list, list)
        running.send({"words": ["Kyiv"]})
        where, words = running.result()
        assert where != os.getpid() and words == ["KYIV"]  # done in a child
        other.start()  # one thread not declared safe is enough to keep the work here
        threads.append(other)
        running = start(_work, list, list)
        running.send({"words": ["Kyiv"]})
        assert running.result() == [os.getpid(), ["KYIV"]]
    finally:
        stop.set()
        safe.join()
        if other.is_alive():
            other.join()


def _received(monkeypatch, module: Any, decoder: str) -> list[Any]:
    """What a child's result decoder ``module.decoder`` is given from now on (the data a
    forked child sent back), recorded as it decodes it."""
    received: list[Any] = []
    decode = getattr(module, decoder)

    def receiving(data: Any) -> Any:
        received.append(data)
        return decode(data)

    monkeypatch.setattr(module, decoder, receiving)
    return received


def test_stories_and_quote_groups_made_aside_are_those_made_here(settings, monkeypatch) -> None:
    loaded = load_articles([ECB], settings)
    analyses = Analyzer(settings).analyze(loaded.articles)
    here = link_corpus(loaded.articles, analyses, [], "model", loaded.aliases)
    # Forked even if the test runner keeps a thread of its own.
    monkeypatch.setattr("reader.aside.start", forked)
    received = _received(monkeypatch, corpus, "_comparison_from_rows")
    away = link_corpus(loaded.articles, analyses, [], "model", loaded.aliases, compare_aside=True)
    assert len(here.stories) >= 2
    stories, groups = received[0]  # sent by the child
    assert len(received) == 1 and len(stories) == len(here.stories)
    assert len(groups) == len(here.quote_groups)
    assert dumps(away) == dumps(here)


def test_the_untagged_search_halved_aside_finds_what_it_finds_here(settings, monkeypatch) -> None:
    from reader import aside
    from reader.linking import propagate

    loaded = load_articles([ECB], settings)
    analyses = Analyzer(settings).analyze(loaded.articles)
    documents = [(a, analyses[a.id]) for a in loaded.articles]
    # Last, so in the later half: an article writing a name short ("Promises", after
    # "Promises Treatment Center"), which only its own article's search finds.
    documents.append(doc("short", REID, [("Promises Treatment Center", "ORG")]))
    # The whole search here.
    monkeypatch.setattr(aside, "start", lambda work, encode, decode: aside.Aside(work, decode))
    here = link_entities(documents, loaded.aliases)
    # The later half in a child, small as the collection is.
    monkeypatch.setattr(aside, "start", forked)
    monkeypatch.setattr(propagate, "HALVED_FROM", 0)
    received = _received(monkeypatch, propagate, "_findings_from_data")
    away = link_entities(documents, loaded.aliases)
    assert len(received) == 1  # the child's half came back through the pipe
    later = received[0]
    assert 0 < len(later) < len(documents)
    assert any(rows for rows, *_ in later)  # it found untagged names
    assert later[-1][2]  # and a short form, with its evidence
    assert away == here  # mentions, types and evidence alike
    # A collection of less text is searched here alone: a child would cost what it saves.
    monkeypatch.setattr(propagate, "HALVED_FROM", sum(len(a.text) for a, _ in documents) + 1)
    assert link_entities(documents, loaded.aliases) == here
    assert len(received) == 1


def test_a_collection_stored_aside_is_found_once_stored(
    settings, tmp_path: Path, monkeypatch
) -> None:
    from dataclasses import replace

    from reader import collection_index, pipeline

    private = replace(settings, cache_dir=tmp_path / "home")
    (private.cache_dir).mkdir()
    # The session's cache, made first when no test before this one analyzed anything.
    (settings.cache_dir / "analysis").mkdir(parents=True, exist_ok=True)
    (private.cache_dir / "analysis").symlink_to(
        settings.cache_dir / "analysis", target_is_directory=True
    )
    monkeypatch.setattr("reader.aside.start", forked)
    first = pipeline.open_corpus([ECB], private, store_aside=True)
    assert pipeline.finish_storing() == []
    assert pipeline.finish_storing() == []  # nothing left to wait for
    monkeypatch.setattr(corpus, "link_entities", _never)
    again = pipeline.open_corpus([ECB], private)  # from the index: nothing is linked
    assert dumps(again) == dumps(first)

    # A damaged index is reported once, by the lookup that met it, not again when stored.
    (private.cache_dir / "collections.sqlite3").write_bytes(b"not a database" * 100)
    monkeypatch.setattr(corpus, "link_entities", link_entities)
    damaged = pipeline.open_corpus([ECB], private, store_aside=True)
    assert any("collection index" in e.message for e in damaged.errors)
    assert pipeline.finish_storing() == []

    # A problem met storing (in the child) comes back as a warning.
    def failing(self, *args: Any) -> None:
        self.warning = "the collection index could not be written"

    monkeypatch.setattr(collection_index.CollectionIndex, "put", failing)
    monkeypatch.setattr(corpus, "link_entities", link_entities)
    (private.cache_dir / "collections.sqlite3").unlink()
    pipeline.open_corpus([ECB], private, store_aside=True)
    assert pipeline.finish_storing() == ["the collection index could not be written"]


def _never(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("linked again")


@pytest.mark.parametrize(
    ("cores", "load", "idle"), [(1, 0.0, False), (2, 0.2, True), (2, 1.4, True), (2, 1.8, False)]
)
def test_work_is_forked_only_when_a_core_is_idle(monkeypatch, cores, load, idle) -> None:
    from reader import aside

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(aside, "runnable_now", lambda: None)  # no /proc: the load average
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # whatever the runner keeps
    assert aside.idle_core() is idle
    running = start(_work, list, list)
    running.send({"words": ["Kyiv"]})
    assert (running.result()[0] != os.getpid()) is idle


@pytest.mark.parametrize(
    ("cores", "running", "idle"), [(1, 1, False), (2, 1, True), (2, 2, False), (4, 3, True)]
)
def test_on_linux_the_tasks_running_now_decide(monkeypatch, cores, running, idle) -> None:
    from reader import aside

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    # A busy last minute no longer counts once its work is over.
    monkeypatch.setattr(os, "getloadavg", lambda: (3.0, 3.0, 3.0))
    monkeypatch.setattr(aside, "runnable_now", lambda: running)
    assert aside.idle_core() is idle


def test_the_running_tasks_are_read_from_proc() -> None:
    from reader import aside

    if not os.path.exists("/proc/loadavg"):
        pytest.skip("no /proc/loadavg on this platform")
    running = aside.runnable_now()
    assert running is not None and running >= 1  # this test itself is running


@pytest.mark.parametrize(
    ("looks", "idle", "taken_looks"),
    [
        ([2, 2, 1], True, 3),
        ([2, 1, 2], True, 2),  # no look after the core showed free
        ([2, 2, 2], False, 3),
        ([3, 2, 2], False, 3),
        ([1], True, 1),
    ],
)
def test_a_task_running_for_a_moment_does_not_take_the_core(
    monkeypatch, looks, idle, taken_looks
) -> None:
    from reader import aside

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    seen = iter(looks)
    taken: list[int] = []

    def running() -> int:
        taken.append(next(seen))
        return taken[-1]

    monkeypatch.setattr(aside, "runnable_now", running)
    assert aside.idle_core() is idle
    assert len(taken) == taken_looks
