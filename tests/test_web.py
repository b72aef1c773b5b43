"""Pages from the web: fetched within bounds, extracted like files, every failure one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.loading import FetchLimits, WebOptions, load_articles
from reader.web.fetch import FetchError, fetch, is_url
from tests.web_server import Route, refused_url, serve

HTML = Path(__file__).parent / "data" / "html"
LIMIT = 5_000_000
FAST = WebOptions(FetchLimits(timeout=2.0, max_bytes=LIMIT, max_redirects=3))


def page(name: str) -> Route:
    return Route((HTML / name).read_bytes())


def test_a_page_loads_like_a_file_with_the_url_as_its_id() -> None:
    with serve({"/news/libya": page("dw_style.html")}) as server:
        url = server.url("/news/libya")
        result = load_articles([url], LIMIT, FAST)
    [article] = result.articles
    assert result.errors == []
    assert (article.id, article.path, article.url) == (url, url, url)
    assert article.title == "Libya conference: Leaders agree to uphold arms embargo"
    assert article.date == "2020-01-19"
    assert "Merkel told reporters" in article.text


def test_redirects_are_followed_and_the_final_address_kept() -> None:
    routes = {"/old": Route(status=301, location="/new"), "/new": page("blog_style.html")}
    with serve(routes) as server:
        result = load_articles([server.url("/old")], LIMIT, FAST)
        new = server.url("/new")
    [article] = result.articles
    assert article.id.endswith("/old") and article.url == new
    assert "You just need patience" in article.text


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (None, "the server answered 404 Not Found"),
        (Route(b"\x89PNG\r\n", "image/png"), "not a web page or feed (content type image/png)"),
        (Route(b"<p>x</p>" * 300), "too large (0.0 MB, the limit is 0.0 MB)"),
        (Route(b"<p>x</p>" * 300, send_length=False), "too large (over 0.0 MB"),
        (Route(status=302, location="/page"), "more than 3 redirects (a redirect loop?)"),
        (Route(b"<html><body></body></html>"), "no article text found in the HTML"),
    ],
)
def test_a_page_that_cannot_be_had_is_one_line_and_the_others_load(
    route: Route | None, message: str
) -> None:
    good = (
        b"<html><body><article><p>"
        + b"Berlin talks went on. " * 20
        + b"</p></article></body></html>"
    )
    routes = {"/good": Route(good)}
    if route is not None:
        routes["/page"] = route
    small = WebOptions(
        FetchLimits(timeout=2.0, max_bytes=1000 if route else LIMIT, max_redirects=3)
    )
    with serve(routes) as server:
        result = load_articles([server.url("/page"), server.url("/good")], LIMIT, small)
    [error] = result.errors
    assert error.path.endswith("/page") and error.fatal
    assert error.message.startswith(message)
    assert [a.id for a in result.articles] == [server.url("/good")]


def test_a_refused_port_is_reported() -> None:
    url = refused_url()
    [error] = load_articles([url], LIMIT, FAST).errors
    assert error.path == url and error.message.startswith("cannot connect")


def test_a_server_that_never_answers_times_out() -> None:
    quick = WebOptions(FetchLimits(timeout=0.3))
    with serve({"/slow": Route(b"<p>late</p>", delay=1.5)}) as server:
        result = load_articles([server.url("/slow")], LIMIT, quick)
    [error] = result.errors
    assert error.message == "timed out after 0.3 s"
    assert result.articles == []


@pytest.mark.parametrize("url", ["ftp://example.com/a.html", "file:///etc/passwd"])
def test_only_http_and_https_are_fetched(url: str) -> None:
    assert is_url(url)
    [error] = load_articles([url], LIMIT, FAST).errors
    assert error.message.startswith("only http and https addresses are fetched")
    with pytest.raises(FetchError):
        fetch(url)


def test_urls_and_files_keep_the_order_given(tmp_path: Path) -> None:
    local = tmp_path / "local.txt"
    local.write_text("Peskov spoke in Moscow on Tuesday.", encoding="utf-8")
    routes = {"/a": page("dw_style.html"), "/b": page("blog_style.html")}
    with serve(routes) as server:
        order = [server.url("/b"), local, server.url("/a")]
        result = load_articles(order, LIMIT, FAST)
    assert [a.id for a in result.articles] == [server.url("/b"), "local.txt", server.url("/a")]


def test_nothing_is_fetched_unless_a_url_is_named(tmp_path: Path) -> None:
    with serve({"/tracker": page("dw_style.html")}) as server:
        saved = tmp_path / "saved.html"
        saved.write_text(
            f'<html><head><link rel="canonical" href="{server.url("/tracker")}">'
            f'<img src="{server.url("/tracker")}"></head><body><article><p>'
            + "Officials met in Berlin on Sunday to discuss the embargo. " * 5
            + "</p></article></body></html>",
            encoding="utf-8",
        )
        result = load_articles([saved], LIMIT, FAST)
        assert result.articles and server.hits == []


def test_charset_from_the_header_is_used() -> None:
    text = "<html><body><article><p>" + "Le ministre est arrivé à Madrid très tôt. " * 6
    body = (text + "</p></article></body></html>").encode("latin-1")
    with serve({"/fr": Route(body, "text/html; charset=ISO-8859-1")}) as server:
        [article] = load_articles([server.url("/fr")], LIMIT, FAST).articles
    assert "arrivé à Madrid très tôt" in article.text
