"""RSS and Atom feeds, as files and URLs: one article per item, hostile XML refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.loading import FetchLimits, WebOptions, load_articles
from reader.web.feeds import FeedError, looks_like_feed, parse_feed
from tests.web_server import Route, serve

DATA = Path(__file__).parent / "data"
LIMIT = 5_000_000
FAST = WebOptions(FetchLimits(timeout=2.0, max_bytes=LIMIT))

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol4;</title>
<item><title>&lol4;</title><description>&lol4;</description></item></channel></rss>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>Feed</title>
<item><title>Leak</title><description>&secret;</description></item></channel></rss>
"""


def feed_text(name: str, base: str) -> bytes:
    return (DATA / "feeds" / name).read_text(encoding="utf-8").replace("{base}", base).encode()


def pages() -> dict[str, Route]:
    html = DATA / "html"
    return {
        "/libya": Route((html / "dw_style.html").read_bytes()),
        "/shoebox": Route((html / "blog_style.html").read_bytes()),
    }


def test_rss_url_expands_to_its_items_pages() -> None:
    routes = pages()
    with serve(routes) as server:
        routes["/feed"] = Route(feed_text("world_news.rss", server.base), "application/rss+xml")
        result = load_articles([server.url("/feed")], LIMIT, FAST)
        base = server.base
    libya, kremlin = result.articles
    assert libya.id == libya.url == base + "/libya"
    assert libya.title == "Libya conference: Leaders agree to uphold arms embargo"
    assert "Merkel told reporters" in libya.text
    # The page is gone (404): the feed's own text stands in, with a warning.
    assert kremlin.id == base + "/gone"
    assert kremlin.text.startswith("Kremlin spokesman Dmitry Peskov said on Tuesday")
    assert '\n\n"We have always said' in kremlin.text
    assert (kremlin.date, kremlin.source) == ("2022-02-15", "World News Wire")
    gone, missing = result.errors
    assert gone.path == base + "/gone" and not gone.fatal
    assert "404" in gone.message and "summary" in gone.message
    assert missing.path == base + "/missing" and missing.fatal
    assert "no text for it" in missing.message


def test_atom_file_items_without_links_use_their_content(tmp_path: Path) -> None:
    with serve(pages()) as server:
        path = tmp_path / "science.atom"
        path.write_bytes(feed_text("science.atom", server.base))
        result = load_articles([path], LIMIT, FAST)
        assert server.hits == ["/shoebox"]
    shoebox, floods = result.articles
    assert result.errors == []
    assert shoebox.author == "Mark Frauenfelder" and "patience" in shoebox.text
    assert (floods.id, floods.path) == ("science.atom#2", str(path))
    assert floods.text == "Heavy rains flooded Jakarta, agency spokesman Agus Wibowo said."
    assert (floods.title, floods.date, floods.source) == (
        "Floods in Jakarta",
        "2019-05-02",
        "Science Desk",
    )


def test_items_past_the_cap_are_left_out_with_a_warning(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>Story {n}</title><description>Story {n} from Kyiv.</description></item>"
        for n in range(1, 8)
    )
    path = tmp_path / "many.rss"
    path.write_text(f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>')
    result = load_articles([path], LIMIT, WebOptions(max_feed_items=3))
    assert [a.title for a in result.articles] == ["Story 1", "Story 2", "Story 3"]
    [warning] = result.errors
    assert not warning.fatal and warning.message.startswith("4 items past the first 3 left out")


@pytest.mark.parametrize("hostile", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_hostile_feeds_are_refused(tmp_path: Path, hostile: bytes) -> None:
    with pytest.raises(FeedError, match="unsafe XML refused"):
        parse_feed(hostile)
    path = tmp_path / "hostile.xml"
    path.write_bytes(hostile)
    result = load_articles([path], LIMIT, FAST)
    assert result.articles == []
    [error] = result.errors
    assert error.fatal and error.message.startswith("unsafe XML refused")


def test_hostile_feed_url_is_refused_and_reads_no_local_file() -> None:
    with serve({"/feed": Route(EXTERNAL_ENTITY, "application/xml")}) as server:
        result = load_articles([server.url("/feed")], LIMIT, FAST)
    assert result.articles == [] and "unsafe XML" in result.errors[0].message
    assert all("root:" not in e.message for e in result.errors)


def test_a_feed_named_without_a_feed_ending_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "headlines"
    path.write_text(
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>'
        "<item><title>Talks</title><description>Talks went on in Geneva.</description></item>"
        "</channel></rss>"
    )
    [article] = load_articles([path], LIMIT, FAST).articles
    assert article.text == "Talks went on in Geneva."


def test_sniffing() -> None:
    assert looks_like_feed(
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
    )
    assert looks_like_feed(b"<rdf:RDF xmlns:rdf='x'>")
    assert not looks_like_feed(b"<!DOCTYPE html><html><body>rss feed</body></html>")
    assert not looks_like_feed(b"Plain text about an RSS <feed> maybe")


def test_an_xml_file_that_is_not_a_feed_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><config><item>1</item></config>')
    [error] = load_articles([path], LIMIT, FAST).errors
    assert error.message == "not an RSS or Atom feed"


def test_feed_items_setting_reaches_the_loader(tmp_path: Path) -> None:
    from reader.config import load_settings
    from reader.pipeline import load_articles as load_with_settings

    config = tmp_path / "config.yaml"
    config.write_text("feed_items: 2\nfetch_timeout: 1.5\n")
    settings = load_settings(config_file=config, config_dir=tmp_path)
    assert (settings.feed_items, settings.fetch_timeout, settings.warnings) == (2, 1.5, ())
    items = "".join(
        f"<item><title>S{n}</title><description>Story {n} from Kyiv.</description></item>"
        for n in range(1, 6)
    )
    path = tmp_path / "feed.rss"
    path.write_text(f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>')
    result = load_with_settings([path], settings)
    assert [a.title for a in result.articles] == ["S1", "S2"]


def test_folders_take_xml_files_only_when_they_are_feeds(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url>x</url></urlset>')
    (tmp_path / "news.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>A</title><description>Talks in Geneva.</description></item>"
        "</channel></rss>"
    )
    result = load_articles([tmp_path], LIMIT, FAST)
    assert [a.id for a in result.articles] == ["news.xml#1"] and result.errors == []
    # Named explicitly, a non-feed .xml file is read and refused with its reason.
    [error] = load_articles([tmp_path / "sitemap.xml"], LIMIT, FAST).errors
    assert error.message == "not an RSS or Atom feed"
