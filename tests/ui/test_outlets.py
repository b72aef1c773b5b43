"""Which outlet said it: the sidebar's legend, the quotes view's outlets and filters."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.attribution import quotes_about, speaker_name
from reader.ui.entity_sidebar import EntitySidebar, legend_text
from reader.ui.quotes_screen import QuotesScreen
from tests.ui.conftest import listed, reader, settle


@pytest.fixture
def outlets(seed_articles):
    """The seeds with an outlet for the first, none for the second (its title stands in,
    though its dateline names its desk)."""
    first, second = seed_articles.articles
    return [replace(first, source="Scroll.in"), replace(second, source=None)]


@pytest.mark.asyncio
@pytest.mark.parametrize("width", [160, 100])
async def test_the_sidebar_legend_names_each_columns_outlet(make_app, outlets, width):
    app = make_app(articles=outlets)
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        sidebar = reader(app).query_one(EntitySidebar)
        first, second = sidebar.legend.splitlines()
        assert first.strip() == "1  Scroll.in"
        title = " ".join((outlets[1].title or "").split())
        assert second.startswith(" 2  ") and title[:10] in second
        # Rows keep their column numbers (narrow or wide), the legend says which is which.
        assert any("12" in text for key, text in listed(sidebar.entity_list) if key)
        await pilot.press("minus")
        await pilot.pause()
        assert sidebar.legend.strip() == "1  Scroll.in"


def _shown(app) -> list[str]:
    return [str(o.prompt) for o in app.screen.query_one("#quote-list").options]


def _title(app) -> str:
    return str(app.screen.query_one("#quotes-title").render())


@pytest.mark.asyncio
async def test_each_quote_names_its_outlet(make_app, outlets):
    app = make_app(articles=outlets)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        corpus = reader(app).corpus
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, QuotesScreen)
        listed = app.screen.query_one("#quote-list")
        for option in listed.options:
            if option.id is None:
                continue
            quote = next(q for q in corpus.quotes if q.id == option.id)
            if quote.article == outlets[0].id:
                assert "— Scroll.in · " in str(option.prompt)
            else:
                assert "— Scroll.in" not in str(option.prompt)


@pytest.mark.asyncio
async def test_f_keeps_one_speaker_and_e_the_selected_entity(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        corpus = screen.corpus
        # The entity with the most quotes said by or naming it (not every quote).
        entity = max(corpus.entities, key=lambda e: len(quotes_about(corpus, e.id)))
        about = quotes_about(corpus, entity.id)
        assert 0 < len(about) < len(corpus.quotes)
        screen.select_entity(entity.id)
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        everything = [row for row in _shown(app) if row.startswith("  ")]
        assert len(everything) == len(corpus.quotes) and "showing" not in _title(app)
        listed = app.screen.query_one("#quote-list")
        listed.focus()
        listed.highlighted = next(i for i, o in enumerate(listed.options) if o.id is not None)
        quote = next(q for q in corpus.quotes if q.id == listed.options[listed.highlighted].id)
        name = speaker_name(corpus, quote) or "Unattributed"
        said = [q for q in corpus.quotes if (speaker_name(corpus, q) or "Unattributed") == name]
        await pilot.press("f")
        await pilot.pause()
        assert f"showing {len(said)}: said by {name}" in _title(app)
        headings = [row for row in _shown(app) if not row.startswith("  ")]
        assert headings == [f"{name} ({len(said)})"]
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert f"showing {len(about)}: by or naming {entity.name}" in _title(app)
        ids = [o.id for o in app.screen.query_one("#quote-list").options if o.id is not None]
        assert sorted(ids) == sorted(q.id for q in about)
        await pilot.press("e")
        await pilot.pause()
        assert "showing" not in _title(app)


@pytest.mark.asyncio
async def test_e_without_a_selection_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert "showing" not in _title(app)
        toasts = [str(t.render()) for t in app.screen.query("Toast")]
        assert "Select an entity first" in toasts


def test_the_legend_is_plain_text_and_names_empty_columns():
    legend = legend_text(["a", None, "b"], {"a": "[b]Reuters[/b]", "b": "Jagran\nNews"})
    assert legend.plain.splitlines() == [
        " 1  [b]Reuters[/b]",
        " 2  (no article)",
        " 3  Jagran News",
    ]
