"""Comparing outlets on the reader screen: coverage (c), the same quote (a), stories.

The seeds (two outlets on one event) and three ECB+ articles (topic 18) that
quote the same witnesses, one with words changed, both with recorded analyses.
"""

from __future__ import annotations

import json
import threading
from dataclasses import replace

import pytest
from textual.widgets import OptionList

from reader.model import Analysis, Article, Story
from reader.pipeline import build_corpus, load_articles
from reader.quote_groups import differing_words
from reader.ui.article_picker import ArticlePicker, story_heading
from reader.ui.article_view import ArticleView
from reader.ui.compare_actions import common_row, twin_of
from reader.ui.coverage_screen import CoverageScreen
from reader.ui.highlights import build_marks
from reader.ui.row_list import RowList
from tests.ui.conftest import (
    ECB_QUOTES,
    ECB_RECORDED,
    StaticAnalyzer,
    listed,
    palette_prompts,
    palette_select,
    reader,
    settle,
    status,
    toasts,
)

SIZE = (160, 40)


@pytest.fixture(scope="module")
def ecb(settings):
    """The three ECB+ articles and their recorded analyses."""
    loaded = load_articles([ECB_QUOTES], settings)
    data = json.loads(ECB_RECORDED.read_text(encoding="utf-8"))
    analyses = {key: Analysis.from_dict(value) for key, value in data.items()}
    assert set(analyses) == {a.id for a in loaded.articles}, "re-record the analyses"
    return loaded.articles, analyses


def _ecb_app(make_app, ecb, **overrides):
    articles, analyses = ecb
    return make_app(articles=articles, analyzer=StaticAnalyzer(analyses), **overrides)


def _row(view: ArticleView, offset: int) -> int:
    """The screen row (from the view's top) showing text ``offset``."""
    return view.line_for_offset(offset) - round(view.scroll_offset.y)


def _quote(screen, quote_id: str):
    return next(q for q in screen.corpus.quotes if q.id == quote_id)


def _partner(screen, quote, article_id: str):
    """The one quote of ``quote``'s group in ``article_id``."""
    group = next(g for g in screen.corpus.quote_groups if quote.id in g.quotes)
    [partner] = [
        q for q in map(lambda i: _quote(screen, i), group.quotes) if q.article == article_id
    ]
    return partner


def _reversed_text(view: ArticleView, offset: int) -> str:
    """The text drawn in reverse video on the screen row showing ``offset``."""
    strip = view.render_line(_row(view, offset))
    return "".join(s.text for s in strip if s.style is not None and s.style.reverse)


# -- coverage ---------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_c_compares_the_columns_and_enter_selects_the_entity(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CoverageScreen)
        option_list = app.screen.query_one("#coverage-list", OptionList)
        rows = [str(o.prompt) for o in option_list.options]
        sections = [n for n, r in enumerate(rows) if r.startswith("Only in")]
        assert len(sections) == 2
        first, second = rows[sections[0] : sections[1]], rows[sections[1] :]
        # Only the Reuters article names Peskov; Zelenskiy is named (and quoted) only in Jagran's.
        assert any("Dmitry Peskov" in r for r in first)
        assert not any("Peskov" in r for r in second)
        assert any("Volodymyr Zelenskiy" in r and "person" in r for r in second)
        assert not any("Zelenskiy" in r for r in first)
        option_list.highlighted = next(n for n, r in enumerate(rows) if "Volodymyr Zelenskiy" in r)
        await pilot.press("enter")
        await pilot.pause()
        screen = reader(app)
        assert app.screen is screen
        assert screen.corpus.entity(screen.selected).name == "Volodymyr Zelenskiy"
        assert "Volodymyr Zelenskiy" in status(app)


@pytest.mark.asyncio
async def test_the_palette_compares_coverage_and_esc_returns(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await palette_select(pilot, "Compare coverage")
        assert isinstance(app.screen, CoverageScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is reader(app) and reader(app).selected is None


# -- the same quote in another article ----------------------------------------------------


@pytest.mark.asyncio
async def test_a_puts_the_twin_beside_the_quote_on_the_same_row(make_app, ecb):
    app = _ecb_app(make_app, ecb, columns=2)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        left, right = (c.view for c in screen.column_widgets)
        assert screen.columns == ["18_3ecb.txt", "18_6ecb.txt"]
        left.focus()
        await pilot.press("a")
        await pilot.pause()
        # The first repeated quote on screen in 18_3, and its twin in 18_6 (column 2).
        twin = _quote(screen, screen.compare.current_quote or "")
        quote = _partner(screen, twin, "18_3ecb.txt")
        assert twin.article == "18_6ecb.txt" and screen.columns[1] == twin.article
        assert app.focused is right
        # Far apart in their articles (lines 10 and 40 or so), side by side on screen.
        assert abs(left.line_for_offset(quote.start) - right.line_for_offset(twin.start)) > 10
        row = _row(left, quote.start)
        assert 0 <= row < left.size.height and _row(right, twin.start) == row
        # The words 18_3 changed ("there another" for "a") are marked, in both versions.
        changed = differing_words(quote.text, twin.text)
        assert changed and left.altered == [(quote.start + s, quote.start + e) for s, e in changed]
        assert right.altered
        marked = _reversed_text(left, left.altered[0][0])
        assert marked and marked in quote.text


@pytest.mark.asyncio
async def test_a_cycles_through_the_group_in_other_columns(make_app, ecb):
    app = _ecb_app(make_app, ecb, columns=2)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        screen.column_widgets[0].view.focus()
        seen = []
        for _ in range(3):
            await pilot.press("a")
            await pilot.pause()
            here = _quote(screen, screen.compare.current_quote or "")
            seen.append(here.article)
            number = screen.columns.index(here.article)
            other = screen.columns[1 - number]
            # The quote it came from is in the other column: both on screen. (Not always
            # on one row: 18_12 quotes it near its end, 18_3 near its top.)
            source = _partner(screen, here, other)
            views = [c.view for c in screen.column_widgets]
            assert views[number].is_offset_visible(here.start)
            assert views[1 - number].is_offset_visible(source.start)
        # Three articles quote it: the jumps visit each, then come back.
        assert seen == ["18_6ecb.txt", "18_12ecb.txt", "18_3ecb.txt"]


@pytest.mark.asyncio
async def test_a_with_one_column_opens_a_second_for_the_twin(make_app, ecb):
    app = _ecb_app(make_app, ecb, columns=1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("a")
        await pilot.pause()
        twin = _quote(screen, screen.compare.current_quote or "")
        assert screen.columns == ["18_3ecb.txt", twin.article]
        left, right = (c.view for c in screen.column_widgets)
        quote = _partner(screen, twin, "18_3ecb.txt")
        # The new column is laid out after the key: the twin is aligned once it is.
        for _ in range(500):
            if right.laid_out and _row(left, quote.start) == _row(right, twin.start):
                break
            await pilot.pause(0.02)
        assert _row(left, quote.start) == _row(right, twin.start)
        assert 0 <= _row(right, twin.start) < right.size.height


@pytest.mark.asyncio
async def test_a_without_repeated_quotes_says_so(make_app):
    app = make_app()  # the seeds quote no statement twice
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert reader(app).compare.current_quote is None
        shown = await toasts(pilot)
        assert any("No quote here is repeated" in t for t in shown), shown


def test_repeated_quotes_note_the_other_articles(settings, ecb):
    articles, analyses = ecb
    corpus = build_corpus(articles, analyses, [], settings)
    notes = build_marks(corpus)["18_3ecb.txt"].notes
    listed = [note for rows in notes.values() for note in rows]
    # The witness's first quote is in both other articles; the rest in one.
    assert "  ↳ also in 2 other articles" in listed
    assert "  ↳ also in 1 other article" in listed


@pytest.mark.asyncio
async def test_the_quotes_view_says_where_else_a_quote_is(make_app, ecb):
    app = _ecb_app(make_app, ecb)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        option_list = app.screen.query_one("#quote-list", OptionList)
        rows = {o.id: str(o.prompt) for o in option_list.options if o.id is not None}
        screen = reader(app)
        grouped = {q for g in screen.corpus.quote_groups for q in g.quotes}
        assert any(rows[q].endswith("also in 2 other articles") for q in grouped)
        assert all("also in" in rows[q] for q in grouped)
        assert not any("also in" in row for q, row in rows.items() if q not in grouped)


def test_the_twin_is_in_another_article_even_when_one_article_quotes_it_twice(settings, ecb):
    articles, analyses = ecb
    corpus = build_corpus(articles, analyses, [], settings)
    by_id = {q.id: q for q in corpus.quotes}
    # 18_6 splits one witness's statement into two quotes; 18_3 has it as one.
    group = next(
        g
        for g in corpus.quote_groups
        if len(g.quotes) > len({by_id[q].article for q in g.quotes}) >= 2
    )
    for quote_id in group.quotes:
        quote = by_id[quote_id]
        twin = twin_of(corpus, quote)
        assert twin is not None and twin.article != quote.article


def test_the_common_row_keeps_the_quote_in_place_when_both_views_can_scroll() -> None:
    assert common_row(line=40, row=12, view_max=100, twin_line=30, twin_max=100, height=30) == 12
    # The twin is near its article's top: both quotes go up to its row.
    assert common_row(line=40, row=12, view_max=100, twin_line=5, twin_max=100, height=30) == 5
    # The twin is near the end of a short article: it cannot scroll further down.
    assert common_row(line=40, row=3, view_max=100, twin_line=50, twin_max=30, height=30) == 20
    # No row suits both: the first at its lowest row (its line), the other as high as it goes.
    assert common_row(line=5, row=5, view_max=100, twin_line=80, twin_max=40, height=30) == 5


# -- stories ------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_the_picker_lists_articles_under_their_story(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        [story] = screen.corpus.stories
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ArticlePicker)
        rows = listed(app.screen.query_one("#article-list", RowList))
        assert rows[0][0] is None
        assert rows[0][1].startswith(f"▌ {story.title[:40]}")
        assert "2 articles" in rows[0][1]
        assert [key for key, _ in rows[1:]] == list(story.articles)


@pytest.mark.asyncio
async def test_the_picker_groups_by_story_once_the_stories_arrive(make_app, recorded_analyses):
    gate = threading.Event()
    app = make_app(analyzer=StaticAnalyzer(recorded_analyses, cached=False, gate=gate))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        article_list = app.screen.query_one("#article-list", RowList)
        assert None not in article_list.row_ids  # no stories yet
        gate.set()
        for _ in range(400):
            if article_list.row_ids and article_list.row_ids[0] is None:
                break
            await pilot.pause(0.02)
        assert "2 articles" in article_list.row_text(0).plain
        # Enter still picks an article, not the heading.
        assert article_list.highlighted_id is not None


@pytest.mark.asyncio
async def test_open_story_fills_the_columns_with_its_articles(make_app, ecb):
    app = _ecb_app(make_app, ecb, columns=2)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        [story] = screen.corpus.stories
        assert screen.columns != list(story.articles[:2])
        await palette_select(pilot, "Open story")
        assert screen.columns == list(story.articles[:2])
        assert [c.article.id for c in screen.column_widgets] == list(story.articles[:2])


@pytest.mark.asyncio
async def test_story_titles_in_the_palette_are_never_markup(make_app, seed_articles, tmp_path):
    # A title is article text: a bracket in it is shown, not taken for a style.
    articles = [replace(a, title="[b]Troops[/b] pull [red]back") for a in seed_articles.articles]
    # A cache of its own: the collection index would give the seeds' stories, titles and all.
    app = make_app(articles=articles, cache_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prompts = await palette_prompts(pilot, "Open story")
        assert any(p.startswith("Open story: [b]Troops[/b] pull [red]back\n") for p in prompts), (
            prompts
        )


def test_story_headings_are_plain_text_with_the_date_range() -> None:
    articles = {
        "a": Article("a", "a.txt", "x", date="2022-02-16T08:00"),
        "b": Article("b", "b.txt", "y", date="2022-02-14"),
        "c": Article("c", "c.txt", "z", date="15 Feb 2022"),
    }
    row = story_heading(
        Story("s", "[bold]Troops[/bold] \x1b[2J pull back", ("a", "b", "c")), articles
    )
    assert row.plain.startswith("▌ [bold]Troops[/bold]")
    assert "\x1b" not in row.plain
    assert row.plain.endswith("3 articles · 2022-02-14 – 2022-02-16")
