"""The reader's own loader: a large collection through the preloaded linking process,
a small one (or a failed process) in the reader's process; every article once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reader import link_process
from reader.article_stream import LoadChunk
from reader.pipeline import load_articles
from reader.ui import feed_process
from reader.ui.article_arrivals import files_loader


@pytest.fixture
def own(settings, tmp_path: Path):
    yield replace(settings, cache_dir=tmp_path / "cache")
    link_process.discard_preloaded()


def read_all(paths, settings) -> list[LoadChunk]:
    chunks: list[LoadChunk] = []
    files_loader(paths, settings)(chunks.append, lambda: False)
    return chunks


def test_a_large_collection_is_read_by_the_preloaded_process_which_stays_for_the_feed(
    own, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(feed_process, "PROCESS_MIN_ARTICLES", 1)  # the seeds count as large
    link_process.preload([seeds_dir], own)
    process = link_process.preloaded()
    assert process is not None
    chunks = read_all([seeds_dir], own)
    whole = load_articles([seeds_dir], own)
    assert [a for c in chunks for a in c.articles] == whole.articles
    assert chunks[-1].last and chunks[-1].aliases == whole.aliases
    assert link_process.preloaded() is process and process.child is not None  # for the feed


def test_a_failed_process_is_replaced_by_reading_here_without_repeating_articles(
    own, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(feed_process, "PROCESS_MIN_ARTICLES", 1)
    link_process.preload([seeds_dir], own)
    process = link_process.preloaded()
    assert process is not None and process.child is not None
    process.child.kill()
    chunks = read_all([seeds_dir], own)
    assert [a for c in chunks for a in c.articles] == load_articles([seeds_dir], own).articles
    assert link_process.preloaded() is None  # ended: the feed starts one of its own


def test_a_small_collection_is_read_here_and_the_preloaded_process_ended(own, seeds_dir: Path):
    link_process.preload([seeds_dir], own)
    chunks = read_all([seeds_dir], own)
    assert [a for c in chunks for a in c.articles] == load_articles([seeds_dir], own).articles
    assert link_process.preloaded() is None
