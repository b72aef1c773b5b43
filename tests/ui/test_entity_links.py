"""Entity details list the entity's quotes (with outlets) and its related entities."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.attribution import quotes_said_by
from reader.ui.entity_details import EntityDetails
from tests.ui.conftest import reader, settle

pytestmark = pytest.mark.asyncio


async def test_details_list_the_speakers_quotes_and_enter_jumps(make_app, seed_articles):
    first, second = seed_articles.articles
    app = make_app(articles=[replace(first, source="Scroll.in"), second])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        corpus = screen.corpus
        speaker = max(corpus.entities, key=lambda e: len(quotes_said_by(corpus, e.id)))
        said = quotes_said_by(corpus, speaker.id)
        assert said, "the seeds quote someone"
        screen.select_entity(speaker.id)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, EntityDetails)
        links = app.screen.links
        assert f"Quotes as speaker ({len(said)}) (Enter jumps to one)" in links
        quoted = [row for row in links if row.startswith("  ") and "—" in row]
        assert len(quoted) == len(said)
        for quote, row in zip(said, quoted, strict=True):
            assert ("— Scroll.in · " in row) == (quote.article == first.id)
        # Enter on the last quote closes the details and shows that quote.
        await pilot.press("end", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, EntityDetails)
        view = app.focused
        assert view.article.id == said[-1].article and view.is_offset_visible(said[-1].start)


async def test_related_entities_are_listed_and_enter_selects_one(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        corpus = screen.corpus
        # The shipped alias file relates Russia to "Russian": two entities, one group.
        russia = next(e for e in corpus.entities if e.name == "Russia")
        russian = next(e for e in corpus.entities if e.name in ("Russian", "Russians"))
        screen.select_entity(russia.id)
        await pilot.press("i")
        await pilot.pause()
        links = app.screen.links
        assert links[0] == "Related (Enter selects)"
        assert links[1].startswith(f"  {russian.name}  group")
        await pilot.press("home", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, EntityDetails)
        assert screen.selected == russian.id


async def test_an_entity_without_quotes_or_relations_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        corpus = screen.corpus
        quiet = next(
            e for e in corpus.entities if not quotes_said_by(corpus, e.id) and e.type == "person"
        )
        screen.select_entity(quiet.id)
        await pilot.press("i")
        await pilot.pause()
        links = app.screen.links
        assert "Quotes as speaker (0)" in links and not any(r.startswith("  ") for r in links)
