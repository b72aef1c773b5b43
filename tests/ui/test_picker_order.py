"""The article picker sorts by file name (natural), date, source or title, and filters by field."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.model import Article
from reader.ui.article_picker import ArticlePicker
from reader.ui.picker_order import field_texts, matches, natural_key, parse_filter, sort_articles
from reader.ui.row_list import RowList
from tests.ui.conftest import StaticAnalyzer, reader, settle


def _article(name: str, date: str | None, source: str | None, title: str) -> Article:
    return Article(name, name, "Some text.", title=title, source=source, date=date)


ARTICLES = [
    _article("story10.txt", "2022-02-15", "Reuters", "Troops pull back"),
    _article("story2.txt", None, "Jagran", "Kremlin says units return"),
    _article("story1.txt", "2021-12-01", "AP", "Border talks"),
]


def _ids(articles):
    return [a.id for a in articles]


def test_file_names_sort_naturally_by_default():
    assert _ids(sort_articles(ARTICLES, "file")) == ["story1.txt", "story2.txt", "story10.txt"]
    assert natural_key("a2") < natural_key("a10")


def test_dates_sort_oldest_first_with_undated_last():
    assert _ids(sort_articles(ARTICLES, "date")) == ["story1.txt", "story10.txt", "story2.txt"]


def test_sources_and_titles_sort_alphabetically():
    assert _ids(sort_articles(ARTICLES, "source")) == ["story1.txt", "story2.txt", "story10.txt"]
    assert _ids(sort_articles(ARTICLES, "title")) == ["story1.txt", "story2.txt", "story10.txt"]


def test_field_terms_match_in_their_field_only():
    anywhere, fielded = parse_filter("source:reuters pull http://x")
    assert fielded == [("source", "reuters")] and anywhere == ["pull", "http://x"]
    reuters, jagran = (field_texts(a) for a in ARTICLES[:2])
    assert matches(reuters, ["pull"], [("source", "reuters")])
    assert not matches(jagran, [], [("source", "reuters")])
    assert not matches(reuters, [], [("title", "reuters")])  # the word is a source, not a title
    assert matches(reuters, [], [("date", "2022-02")])


def _listed(picker) -> list[str]:
    return [key for key in picker.query_one("#article-list", RowList).row_ids if key is not None]


@pytest.mark.asyncio
async def test_ctrl_s_changes_the_order_and_field_filters_narrow_the_list(make_app, seed_articles):
    base = seed_articles.articles[0]
    articles = [
        replace(base, id=a.id, path=a.path, title=a.title, source=a.source, date=a.date)
        for a in ARTICLES
    ]
    app = make_app(articles, StaticAnalyzer({}))
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ArticlePicker)
        assert _listed(picker) == ["story1.txt", "story2.txt", "story10.txt"]
        assert "Sorted by file name" in str(picker.query_one("#picker-order").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert _listed(picker) == ["story1.txt", "story10.txt", "story2.txt"]
        assert "Sorted by date" in str(picker.query_one("#picker-order").render())
        await pilot.press(*"source:jagran")
        await pilot.pause()
        assert _listed(picker) == ["story2.txt"]
        await pilot.press("enter")
        await pilot.pause()
        assert reader(app).columns[reader(app).deck.focused_number() - 1] == "story2.txt"
