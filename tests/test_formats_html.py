"""Web pages: article text without boilerplate, clean titles, the page's own publication date."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reader.loading import load_articles
from reader.loading.html import clean_title, extract_page, paragraphs

HTML = Path(__file__).parent / "data" / "html"


def page(name: str, url: str | None = None):
    return extract_page((HTML / name).read_text(encoding="utf-8"), url)


def test_site_and_date_suffix_leave_the_title() -> None:
    dw = page("dw_style.html")
    assert dw.title == "Libya conference: Leaders agree to uphold arms embargo"
    assert dw.date == "2020-01-19"
    assert dw.url == (
        "https://www.dw.com/en/libya-conference-leaders-agree-to-uphold-arms-embargo/a-52054227"
    )
    assert "Jane Smith" in (dw.author or "")
    assert "Merkel told reporters" in dw.text
    assert "Related content" not in dw.text and "Privacy Policy" not in dw.text


def test_blog_page_has_no_related_posts_comments_or_blank_runs() -> None:
    blog = page("blog_style.html")
    assert blog.title == "Man builds working computer inside a shoebox"
    assert (blog.source, blog.author, blog.date) == (
        "Boing Boing",
        "Mark Frauenfelder",
        "2023-03-02",
    )
    assert "You just need patience," in blog.text
    for unrelated in ("theremin", "vending machines", "Mars", "cereal box", "Doom"):
        assert unrelated not in blog.text
    assert "\n\n\n" not in blog.text
    assert all(paragraph.strip() for paragraph in blog.text.split("\n\n"))


def test_declared_publication_date_beats_modified_dates() -> None:
    # The page says "Updated: March 4, 2021" and last-modified 2021; JSON-LD says published 2019.
    ledger = page("dates_style.html", url="https://ledger.example/2018/05/flood")
    assert ledger.date == "2019-05-02"
    assert ledger.title == "Flooding forces thousands from homes in Jakarta"
    assert ledger.url == "https://ledger.example/2018/05/flood"
    assert ledger.source == "The Daily Ledger"
    assert "newsletter" not in ledger.text


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Libya talks end | DW | 19.01.2020", ["DW.COM"], "Libya talks end"),
        (
            "Biden - Putin summit ends without deal - Reuters",
            ["Reuters"],
            "Biden - Putin summit ends without deal",
        ),
        ("Floods in Jakarta – The Daily Ledger", ["The Daily Ledger"], "Floods in Jakarta"),
        ("Floods in Jakarta — ledger.example", ["www.ledger.example"], "Floods in Jakarta"),
        ("Russia says troops return | 15 Feb 2022", [None], "Russia says troops return"),
        (
            "Putin: Russia - Ukraine talks will go on",
            ["BBC News"],
            "Putin: Russia - Ukraine talks will go on",
        ),
        ("Reuters", ["Reuters"], "Reuters"),
        (
            "Scientists find water on the Moon - a long-awaited discovery",
            ["Nature"],
            "Scientists find water on the Moon - a long-awaited discovery",
        ),
    ],
)
def test_clean_title(title: str, sites: list[str | None], expected: str) -> None:
    assert clean_title(title, sites) == expected


def test_html_file_loads_with_page_fields(tmp_path: Path) -> None:
    result = load_articles([HTML / "dw_style.html"], 5_000_000)
    [article] = result.articles
    assert article.title == "Libya conference: Leaders agree to uphold arms embargo"
    assert article.source and article.url and article.date == "2020-01-19"
    assert result.errors == []


def test_runs_of_blank_and_whitespace_lines_collapse_to_one_blank_line() -> None:
    text = "Paris is big.\n\n \n\t\n\n\nThe mayor  said so.\n   \nBerlin too."
    assert paragraphs(text) == "Paris is big.\n\nThe mayor said so.\n\nBerlin too."


@given(
    st.text(alphabet="ab |-—:12.", min_size=1, max_size=40),
    st.one_of(st.none(), st.text(alphabet="ab.", max_size=8)),
)
def test_clean_title_only_ever_cuts_a_tail(title: str, site: str | None) -> None:
    title = " ".join(title.split())  # titles arrive as one clean line
    assume(title)
    cleaned = clean_title(title, [site])
    assert cleaned.strip()
    assert title.startswith(cleaned) or cleaned == title
