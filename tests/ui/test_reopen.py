"""Reopening a collection: the stored corpus is shown without loading one analysis."""

from __future__ import annotations

import pytest

from reader.ui.status_bar import StatusBar
from tests.ui.conftest import StaticAnalyzer, reader, settle


class RefusingAnalyzer(StaticAnalyzer):
    """Fails the test if the reader asks for any analysis."""

    def cached(self, articles):
        raise AssertionError("an analysis was loaded although the collection was stored")

    def analyze(self, articles, on_progress=None, on_failure=None):
        raise AssertionError("an article was analyzed although the collection was stored")


@pytest.mark.asyncio
async def test_a_reopened_collection_shows_its_entities_without_analyses(
    make_app, recorded_analyses
):
    first = make_app()
    async with first.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        linked = reader(first).corpus
        assert linked.entities
    again = make_app(analyzer=RefusingAnalyzer(recorded_analyses))
    async with again.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(again)
        assert [e.id for e in screen.corpus.entities] == [e.id for e in linked.entities]
        status = screen.query_one(StatusBar).text
        assert f"{len(linked.entities)} entities" in status
        screen.select_entity(next(e.id for e in linked.entities if "Peskov" in e.name))
        await pilot.pause()
        assert "Peskov" in screen.query_one(StatusBar).text
