"""The screen never waits for linking, and every view follows the results as they arrive."""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList

import reader.ui.corpus_feed as corpus_feed
from reader.model import Analysis, Corpus, Entity, EntityMention
from reader.ui.article_picker import ArticlePicker
from reader.ui.entity_details import EntityDetails
from reader.ui.entity_sidebar import EntitySidebar
from reader.ui.help_screen import HelpScreen
from reader.ui.quotes_screen import QuotesScreen
from reader.ui.row_list import RowList
from reader.ui.sidebar_rows import search_text
from tests.ui.conftest import StaticAnalyzer, reader, screen_lines, settle
from tests.ui.test_loading_and_text import PacedAnalyzer, mentions_of


class BlockedLinker:
    """Stands in for the link seam: each call waits until the test releases it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.real = corpus_feed.build_corpus
        self.release = threading.Event()
        self.started = threading.Event()
        self.returned = threading.Event()
        monkeypatch.setattr(corpus_feed, "build_corpus", self)

    def __call__(self, *args, **kwargs):
        self.started.set()
        self.release.wait(timeout=20)
        corpus = self.real(*args, **kwargs)
        self.returned.set()
        return corpus


async def wait_for(pilot, condition, what: str, tries: int = 400) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


@pytest.mark.asyncio
async def test_keys_are_answered_while_the_linker_is_blocked(make_app, monkeypatch):
    linker = BlockedLinker(monkeypatch)
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for(pilot, linker.started.is_set, "the link started")
        screen = reader(app)
        sidebar = screen.query_one(EntitySidebar)
        await pilot.press("b")
        assert not sidebar.display
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert not linker.returned.is_set(), "the keys waited for the linker"
        assert screen.corpus.entities == []
        await pilot.press("escape", "b")
        assert sidebar.display
        linker.release.set()
        await settle(pilot)
        assert screen.corpus.entities
        assert len(sidebar.shown_ids) > 10


QUIT_WHILE_LINKING = """
import asyncio, sys, threading
from pathlib import Path
import reader.ui.corpus_feed as corpus_feed
from reader.model import Analysis, Corpus, Entity, EntityMention
from reader.ui.article_picker import ArticlePicker
from reader.config import load_settings
from reader.pipeline import load_articles
from reader.ui.app import ReaderApp
from tests.ui.conftest import StaticAnalyzer

started = threading.Event()

def never_done(*args, **kwargs):
    started.set()
    threading.Event().wait()  # a link that never ends

corpus_feed.build_corpus = never_done

async def main():
    settings = load_settings(cache_dir=Path(sys.argv[1]), config_dir=Path(sys.argv[1]))
    loaded = load_articles([Path(sys.argv[2])], settings)
    app = ReaderApp(loaded.articles, loaded.errors, settings, StaticAnalyzer({}))
    async with app.run_test(size=(120, 40)) as pilot:
        while not started.is_set():
            await pilot.pause(0.01)
        await pilot.press("q")
    print("quit", app.return_code)

asyncio.run(main())
"""


@pytest.mark.slow
def test_quitting_while_the_linker_never_ends_exits(tmp_path, seeds_dir):
    # The process must end although the link it started never returns.
    done = subprocess.run(
        [sys.executable, "-c", QUIT_WHILE_LINKING, str(tmp_path), str(seeds_dir)],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    assert done.stdout.split() == ["quit", "0"]


@pytest.mark.asyncio
async def test_the_palette_finds_an_entity_that_arrived_after_it_opened(
    make_app, recorded_analyses
):
    gate = threading.Event()
    app = make_app(analyzer=StaticAnalyzer(recorded_analyses, cached=False, gate=gate))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("ctrl+p", *"Peskov")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        command_list = palette.query_one("CommandList", OptionList)

        def listed() -> list[str]:
            return [str(o.prompt) for o in command_list.options]

        await wait_for(pilot, lambda: any("No matches" in p for p in listed()), "No matches")
        gate.set()
        # No further key: the palette searches again when the entities arrive.
        await wait_for(pilot, lambda: any("Peskov" in p for p in listed()), "Peskov listed")
        await pilot.press("enter")
        await pilot.pause()
        screen = reader(app)
        assert screen.selected is not None
        assert "Peskov" in screen.corpus.entity(screen.selected).name


@pytest.mark.asyncio
async def test_the_sidebar_keeps_the_filter_and_the_cursor_across_updates(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        sidebar = screen.query_one(EntitySidebar)
        await pilot.press("slash", *"u")
        await pilot.press("down", "down", "down")
        kept = sidebar.highlighted_id
        assert kept is not None and kept != sidebar.shown_ids[0]
        before = screen.corpus
        screen.feed.relink()
        await wait_for(pilot, lambda: screen.corpus is not before, "a new corpus")
        await pilot.pause()
        assert sidebar.filter_text == "u"
        assert sidebar.highlighted_id == kept
        assert all("u" in search_text(screen.corpus.entity(i)) for i in sidebar.shown_ids)


@pytest.mark.asyncio
async def test_an_open_quotes_view_fills_in_as_results_arrive(make_app, recorded_analyses):
    gate = threading.Event()
    app = make_app(analyzer=StaticAnalyzer(recorded_analyses, cached=False, gate=gate))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, QuotesScreen)
        quote_list = app.screen.query_one("#quote-list", OptionList)
        assert quote_list.option_count == 0
        gate.set()
        await settle(pilot)
        assert isinstance(app.screen, QuotesScreen)
        assert quote_list.option_count > len(reader(app).corpus.quotes) > 0


def many_entities(corpus_articles, count: int) -> list[Entity]:
    """``count`` made-up entities spread over the articles (for size, not for NLP)."""
    kinds = ("person", "place", "organization", "group")
    entities = []
    for n in range(count):
        article = corpus_articles[n % len(corpus_articles)].id
        mentions = [EntityMention(article, 0, 4, "Name")] * (1 + n % 7)
        entities.append(Entity(f"x{n:05x}", f"Name {n} Q{n % 997}", kinds[n % 4], [], mentions))
    return entities


@pytest.mark.slow
@pytest.mark.asyncio
async def test_a_big_collection_opens_filters_and_keeps_the_filter_text(make_app, seed_articles):
    articles = [
        replace(seed_articles.articles[n % 2], id=f"a{n}", path=f"a{n}.txt", title=f"Story {n}")
        for n in range(10_000)
    ]

    def link(articles, analyses, errors, settings, aliases):
        return Corpus(list(articles), many_entities(articles, 50_000), [], list(errors), "fake")

    app = make_app(articles, StaticAnalyzer({}))
    app.link = link
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = reader(app)
        sidebar = screen.query_one(EntitySidebar)
        entity_list = sidebar.entity_list
        headings = [
            entity_list.row_text(n).plain for n, k in enumerate(entity_list.row_ids) if not k
        ]
        assert headings == [
            "People (12500)",
            "Places (12500)",
            "Organizations (12500)",
            "Groups (12500)",
        ]
        # Every entity is listed, and only the rows in view were made.
        assert len(sidebar.shown_ids) == 50_000
        assert entity_list.made_rows < 100
        entity_list.focus()
        await pilot.press("end")  # the last entity of all, drawn at the bottom
        await pilot.pause()
        last = screen.corpus.entity(sidebar.shown_ids[-1]).name
        assert sidebar.highlighted_id == sidebar.shown_ids[-1]
        assert any(line[:33].startswith(last) for line in screen_lines(app))
        assert entity_list.made_rows < 200
        await pilot.press("slash", *"name 49999 ")
        assert [screen.corpus.entity(i).name for i in sidebar.shown_ids] == ["Name 49999 Q149"]
        await pilot.press("escape", "o", *"story 9876")
        picker = app.screen
        assert isinstance(picker, ArticlePicker)
        assert picker.query_one("#article-list", RowList).row_ids == ["a9876"]
        await pilot.press("enter")
        assert screen.columns[0] == "a9876"


@pytest.mark.asyncio
async def test_typing_in_the_filter_while_results_arrive_loses_no_key(make_app, seed_articles):
    base = seed_articles.articles[0]
    analysis = Analysis(
        mentions_of(base.text, "Ukraine", "GPE") + mentions_of(base.text, "Kyiv", "GPE")
    )
    articles = [replace(base, id=f"copy-{n}", path=f"copy-{n}.txt") for n in range(40)]
    app = make_app(articles, PacedAnalyzer({a.id: analysis for a in articles}, pause=0.03))
    async with app.run_test(size=(160, 40)) as pilot:
        screen = reader(app)
        await wait_for(pilot, lambda: bool(screen.corpus.entities), "the first entities")
        assert not screen.analysis_done
        sidebar = screen.query_one(EntitySidebar)
        await pilot.press("slash", *"k")
        assert sidebar.filter_text == "k"
        await pilot.press("down", "down")  # onto the list, on the second match
        kept = sidebar.highlighted_id
        assert kept is not None and kept != sidebar.shown_ids[0]
        name = screen.corpus.entity(kept).name
        await settle(pilot)
        assert sidebar.filter_text == "k"
        assert sidebar.highlighted_id is not None
        assert screen.corpus.entity(sidebar.highlighted_id).name == name
        await pilot.press("enter")
        assert screen.corpus.entity(screen.selected).name == name


@pytest.mark.asyncio
async def test_open_entity_details_follow_a_new_corpus(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        peskov = next(e for e in screen.corpus.entities if e.name == "Dmitry Peskov")
        screen.select_entity(peskov.id)
        await pilot.press("i")
        assert isinstance(app.screen, EntityDetails)
        real = corpus_feed.build_corpus

        def with_new_alias(*args, **kwargs):
            corpus = real(*args, **kwargs)
            for entity in corpus.entities:
                if entity.name == "Dmitry Peskov":
                    entity.aliases.append("Kremlin spokesman")
            return corpus

        monkeypatch.setattr(corpus_feed, "build_corpus", with_new_alias)
        before = screen.corpus
        screen.feed.relink()
        await wait_for(pilot, lambda: screen.corpus is not before, "a new corpus")
        await pilot.pause()
        assert isinstance(app.screen, EntityDetails)
        assert "Kremlin spokesman" in str(app.screen.query_one("#details-text").render())
        assert screen.corpus.entity(screen.selected).name == "Dmitry Peskov"
