"""The coverage view on the seeds: sections per outlet, "In all", Enter's result, Esc."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import OptionList

from reader.coverage import CoverageEntry
from reader.model import Corpus
from reader.pipeline import Analyzer, build_corpus
from reader.ui.coverage_screen import CoverageChoice, CoverageScreen, entry_prompt


def _corpus(settings, seed_loaded) -> Corpus:
    # The session fixture put the seeds' analyses in the cache: no spaCy here.
    analyses = Analyzer(settings).cached(seed_loaded.articles)
    return build_corpus(seed_loaded.articles, analyses, [], settings)


class _Host(App[None]):
    def __init__(self, screen: CoverageScreen) -> None:
        super().__init__()
        self.coverage_screen = screen
        self.results: list[CoverageChoice | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.coverage_screen, self.results.append)


def _rows(app: _Host) -> list[str]:
    option_list = app.screen.query_one("#coverage-list", OptionList)
    return [str(option.prompt) for option in option_list.options]


@pytest.mark.asyncio
async def test_sections_and_enter_selects_the_entity(settings, seed_loaded) -> None:
    corpus = _corpus(settings, seed_loaded)
    ids = [a.id for a in corpus.articles]
    app = _Host(CoverageScreen(corpus, ids))
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        rows = _rows(app)
        headings = [r for r in rows if r.startswith(("Only in", "In all"))]
        assert len(headings) == 3 and headings[-1] == "In all"
        jagran_at = next(i for i, r in enumerate(rows) if r.startswith("Only in") and i > 0)
        reuters_rows, jagran_rows = rows[1:jagran_at], rows[jagran_at:]
        assert any("Dmitry Peskov" in r and "person ×2" in r for r in reuters_rows)
        assert any("Jake Sullivan" in r for r in reuters_rows)
        assert any("Mykhailo Podolyak" in r and "quoted ×1" in r for r in jagran_rows)
        assert not any("Peskov" in r for r in jagran_rows)
        in_all = rows[rows.index("In all") :]
        assert any(r.strip().startswith("Ukraine") for r in in_all)
        # The first entry is highlighted first (headings are disabled): Enter picks it.
        await pilot.press("enter")
        await pilot.pause()
    [choice] = app.results
    assert choice is not None
    assert corpus.entity(choice.entity).name in rows[1]


@pytest.mark.asyncio
async def test_escape_returns_nothing(settings, seed_loaded) -> None:
    corpus = _corpus(settings, seed_loaded)
    app = _Host(CoverageScreen(corpus, [a.id for a in corpus.articles]))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


def test_names_are_shown_as_written_never_as_markup_or_escapes() -> None:
    row = entry_prompt(CoverageEntry("person", "x", "[bold]Ann[/bold] \x1b[2J", 3))
    assert row.plain.startswith("  [bold]Ann[/bold] ")
    assert "\x1b" not in row.plain and "person ×3" in row.plain
    assert not any(span.style == "bold" for span in row.spans)
