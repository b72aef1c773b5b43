"""Work done aside, in a forked child: the same result as done here, failures included."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from reader import corpus
from reader.aside import aside, forked
from reader.corpus import link_corpus
from reader.export import dumps
from reader.pipeline import Analyzer, load_articles

ECB = Path(__file__).parent / "data" / "linking_ecbplus" / "topic-03"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


def _pid_and_words() -> list[object]:
    return [os.getpid(), "Kyiv", "naïve ✓"]


def test_a_forked_child_does_the_work_and_sends_it_back() -> None:
    result = forked(_pid_and_words, list, list)()
    assert result[0] != os.getpid()  # done in the child
    assert result[1:] == ["Kyiv", "naïve ✓"]


def _fails(value: object) -> object:
    raise ValueError("cannot send this")


def test_a_failing_child_leaves_the_work_to_this_process() -> None:
    # The child cannot encode its result: the work is done here instead.
    assert forked(_pid_and_words, _fails, list)()[0] == os.getpid()
    # The result does not decode: done here too.
    assert forked(_pid_and_words, list, _fails)()[0] == os.getpid()

    def crashes() -> list[object]:
        if os.getpid() != parent:
            os._exit(3)  # the child dies before sending anything
        return _pid_and_words()

    parent = os.getpid()
    assert forked(crashes, list, list)()[0] == parent


def test_with_threads_running_nothing_is_forked() -> None:
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert aside(_pid_and_words, list, list)()[0] == os.getpid()
    finally:
        stop.set()
        worker.join()


def test_stories_grouped_aside_are_the_stories_grouped_here(settings, monkeypatch) -> None:
    loaded = load_articles([ECB], settings)
    analyses = Analyzer(settings).analyze(loaded.articles)
    here = link_corpus(loaded.articles, analyses, [], "model", loaded.aliases)
    # Forked even if the test runner keeps a thread of its own.
    monkeypatch.setattr("reader.corpus.aside", forked)
    received: list[object] = []
    decode = corpus._stories_from_rows

    def receiving(rows):
        received.append(rows)
        return decode(rows)

    monkeypatch.setattr(corpus, "_stories_from_rows", receiving)
    away = link_corpus(loaded.articles, analyses, [], "model", loaded.aliases, stories_aside=True)
    assert len(here.stories) >= 2
    assert len(received) == 1 and len(received[0]) == len(here.stories)  # sent by the child
    assert dumps(away) == dumps(here)
