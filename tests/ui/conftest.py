"""UI fixtures: the seeds with recorded analyses (no spaCy), app factories, Pilot helpers.

UI tests run on analyses recorded from the model (``data/seed_analyses.json``,
made by ``python -m tests.ui.record``), so they test the screen, not the NLP,
and need no model. Only tests marked ``e2e`` run the live model.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.config import Settings
from reader.model import Analysis, Article, LoadError
from reader.pipeline import Analyzer, LoadResult, load_articles
from reader.ui.app import ReaderApp
from reader.ui.reader_screen import ReaderScreen
from reader.ui.row_list import RowList
from reader.ui.status_bar import StatusBar

RECORDED = Path(__file__).parent / "data" / "seed_analyses.json"
#: Three ECB+ articles (topic 18) that quote one statement, one with words changed.
ECB_QUOTES = Path(__file__).parent / "data" / "ecb_quotes"
ECB_RECORDED = Path(__file__).parent / "data" / "ecb_quote_analyses.json"


@pytest.fixture(scope="session")
def seed_articles(settings: Settings, seeds_dir: Path) -> LoadResult:
    """The seed articles, loaded (not analyzed)."""
    return load_articles([seeds_dir], settings)


@pytest.fixture(scope="session")
def recorded_analyses(seed_articles: LoadResult) -> dict[str, Analysis]:
    """The seeds' analyses as the model made them when recorded, by article id."""
    data = json.loads(RECORDED.read_text(encoding="utf-8"))
    analyses = {key: Analysis.from_dict(value) for key, value in data.items()}
    assert set(analyses) == {a.id for a in seed_articles.articles}, "re-record the analyses"
    return analyses


@pytest.fixture(scope="session")
def seed_loaded(settings: Settings, seed_articles: LoadResult) -> LoadResult:
    """The seed articles, with their live analyses put in the session cache (spaCy runs once)."""
    Analyzer(settings).analyze(seed_articles.articles)
    return seed_articles


AppFactory = Callable[..., ReaderApp]


@pytest.fixture(autouse=True)
def _own_state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A state directory per test: a session saved by one test never restores in another."""
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state


@pytest.fixture
def make_app(
    settings: Settings,
    seed_articles: LoadResult,
    recorded_analyses: dict[str, Analysis],
    tmp_path: Path,
) -> AppFactory:
    """Build a reader app on the seeds (or ``articles``) with setting overrides.

    ``errors`` are the load problems the app is given (none with ``articles``,
    else the seeds'). With ``loader``, the app starts with nothing read and the
    loader reads the articles after the first frame. The analyses are the
    recorded ones unless ``analyzer`` is given; ``live=True`` uses the real
    analyzer (spaCy and the cache). Apps on recorded analyses get a cache folder
    of their own, so no collection stored by another test is reopened in place
    of the results a test feeds in.
    """

    def factory(
        articles: list[Article] | None = None,
        analyzer=None,
        live: bool = False,
        errors: list[LoadError] | None = None,
        loader=None,
        **overrides,
    ) -> ReaderApp:
        chosen = replace(settings, **overrides)
        if not live:
            chosen = replace(chosen, cache_dir=tmp_path / "cache")
        if analyzer is None and not live:
            analyzer = StaticAnalyzer(recorded_analyses)
        if loader is not None:  # the articles come from the loader, after the first frame
            return ReaderApp(articles or [], errors or [], chosen, analyzer, loader=loader)
        return ReaderApp(
            articles if articles is not None else seed_articles.articles,
            errors if errors is not None else [] if articles is not None else seed_articles.errors,
            chosen,
            analyzer,
        )

    return factory


async def settle(pilot: Pilot, timeout: float = 60.0) -> None:
    """Wait until the analysis is done (cached or from the worker) and the screen is updated."""
    screen = reader(pilot.app)
    for _ in range(int(timeout / 0.01)):
        if screen.analysis_done:
            break
        await pilot.pause(0.01)
    assert screen.analysis_done, f"analysis still running after {timeout} s"
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def reader(app: ReaderApp) -> ReaderScreen:
    """The app's reader screen (under any dialog)."""
    return next(s for s in app.screen_stack if isinstance(s, ReaderScreen))


def status(app: ReaderApp) -> str:
    """The status line's text."""
    return reader(app).query_one(StatusBar).text


async def palette_select(pilot: Pilot, query: str) -> None:
    """Ctrl+P, type ``query``, wait for the hits, Enter."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    # The palette searches asynchronously: wait until a hit is highlighted.
    for _ in range(50):
        await pilot.pause(0.05)
        options = pilot.app.screen.query("CommandList")
        if options and options.first().highlighted is not None:
            break
    await pilot.press("enter")
    await pilot.pause()


async def palette_prompts(pilot: Pilot, query: str) -> list[str]:
    """Ctrl+P, type ``query``, wait for the hits; the prompts the palette lists."""
    await pilot.press("ctrl+p", *query)
    for _ in range(50):
        await pilot.pause(0.05)
        hits = pilot.app.screen.query("CommandList")
        if hits and hits.first().option_count:
            break
    return [str(o.prompt) for o in pilot.app.screen.query_one("CommandList").options]


async def toasts(pilot: Pilot) -> list[str]:
    """The texts of the notifications on screen now."""
    await pilot.pause()
    await pilot.pause()
    return [str(toast.render()) for toast in pilot.app.screen.query("Toast")]


class StaticAnalyzer:
    """A stand-in for :class:`reader.pipeline.Analyzer` serving ready analyses.

    ``gate`` (a threading.Event) holds ``analyze`` back until set, so a test can
    look at the screen while analysis is still running.
    """

    def __init__(self, analyses, cached: bool = True, gate=None) -> None:
        self.analyses = dict(analyses)
        self.is_cached = cached
        self.gate = gate

    def cached(self, articles):
        if not self.is_cached:
            return {}
        return {a.id: self.analyses[a.id] for a in articles if a.id in self.analyses}

    def load_model(self) -> None:
        pass  # no model to load

    def close(self) -> None:
        pass  # no analysis process to end

    def analyze(self, articles, on_progress=None, on_failure=None):
        if self.gate is not None:
            assert self.gate.wait(timeout=30), "the test never released the analysis"
        for done, article in enumerate(articles, start=1):
            if on_progress is not None:
                on_progress(done, len(articles), article.id, self.analyses[article.id])
        return {a.id: self.analyses[a.id] for a in articles}


def listed(rows: RowList) -> list[tuple[str | None, str]]:
    """Every row of a ``RowList`` as (id, plain text), top to bottom; a heading's id is None.
    Rows never shown are made for this (the list itself makes only those in view)."""
    return [(key, rows.row_text(n).plain) for n, key in enumerate(rows.row_ids)]


def screen_lines(app: ReaderApp) -> list[str]:
    """The text of every row of the terminal as it is drawn now (the top screen and toasts)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every notice the app gives, in order (toasts expire: a loaded machine can miss them)."""
    said: list[str] = []
    original = ReaderApp.notify

    def notify(self, message, *args, **kwargs):
        said.append(str(message))
        return original(self, message, *args, **kwargs)

    monkeypatch.setattr(ReaderApp, "notify", notify)
    return said
