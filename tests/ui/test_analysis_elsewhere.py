"""The reader's own analyzer runs spaCy in a process of its own, and quitting ends it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reader.config import Settings
from reader.pipeline import Analyzer, build_corpus
from reader.ui.app import ReaderApp
from tests.ui.conftest import settle, status


@pytest.mark.asyncio
async def test_texts_never_analyzed_are_analyzed_in_a_child_that_ends_with_the_reader(
    settings: Settings, seed_articles, tmp_path: Path
):
    own = replace(settings, cache_dir=tmp_path / "cache")  # nothing analyzed yet
    articles = seed_articles.articles
    app = ReaderApp(articles, seed_articles.errors, own, aliases=seed_articles.aliases)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot, timeout=120)
        process = app.analyzer._elsewhere
        assert process is not None and process._child is not None
        child = process._child.process
        assert child.poll() is None  # it analyzed the texts, and is kept for more
        # What it made is cached here, and is what the screen shows.
        analyses = Analyzer(own).cached(articles)
        assert set(analyses) == {a.id for a in articles}
        expected = build_corpus(articles, analyses, [], own, seed_articles.aliases)
        assert expected.entities
        assert f"{len(expected.entities)} entities" in status(app)
    assert child.wait(timeout=30) != 0  # ended (killed) as the reader quit
    assert not process.running
