"""RSS and Atom feeds: their items, read safely.

Feeds are untrusted XML. Before feedparser sees one, defusedxml parses it
with entity declarations and external references forbidden, so no "billion
laughs" expansion, no external entity and no local file can be read through
it. feedparser is given bytes only, never a URL or a path, so it fetches
nothing itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reader.loading.decode import clean_text
from reader.loading.html import paragraphs

#: Items read per feed unless the settings say otherwise.
DEFAULT_MAX_ITEMS = 200

_SNIFF = 2048
_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(rss|feed|RDF)\b", re.I)
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})


class FeedError(ValueError):
    """The bytes are not a usable feed; ``str()`` is the one-line reason."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed, with its own text for when its page cannot be fetched."""

    title: str | None
    link: str | None
    text: str  # the entry's content or summary as plain text ("" when it has none)
    date: str | None
    author: str | None


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its title, its items (capped) and how many were left out."""

    title: str | None
    items: tuple[FeedItem, ...]
    left_out: int = 0


def looks_like_feed(data: bytes) -> bool:
    """Whether bytes start like an RSS, RDF or Atom document (after the XML prolog)."""
    head = data[:_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return False
    match = _FEED_ROOT.search(head)
    return match is not None and b"<html" not in head[: match.start()].lower()


def parse_feed(data: bytes, max_items: int = DEFAULT_MAX_ITEMS) -> Feed:
    """Parse an RSS 2.0, RSS 1.0 (RDF) or Atom feed.

    Args:
        data: the feed's bytes, as downloaded or read from a file.
        max_items: items past this many are left out (counted in ``left_out``).

    Raises:
        FeedError: unsafe XML (entity declarations, external references), not a
            feed, or a feed with no items.
    """
    _refuse_unsafe(data)
    # Imported here: only runs that read a feed need the parser.
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.get("version"):
        raise FeedError("not an RSS or Atom feed")
    entries = list(parsed.entries)
    if not entries:
        raise FeedError("the feed has no items")
    items = tuple(_item(entry) for entry in entries[: max(1, max_items)])
    title = _line(parsed.feed.get("title"))
    return Feed(title, items, max(0, len(entries) - max(1, max_items)))


def _refuse_unsafe(data: bytes) -> None:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    if _ENTITY_DECLARATION.search(data):
        # Even in XML that does not parse: the lenient fallback parser must never see one.
        raise FeedError("unsafe XML refused (the feed declares entities)")
    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError(f"unsafe XML refused ({type(exc).__name__})") from None
    except ParseError:
        pass  # malformed but harmless XML: feedparser's lenient mode copes with many such feeds


def _item(entry: dict[str, Any]) -> FeedItem:
    content = entry.get("content") or []
    html = ""
    for part in content:
        if part.get("value"):
            html = part["value"]
            break
    html = html or entry.get("summary") or ""
    author = entry.get("author")
    return FeedItem(
        title=_line(entry.get("title")),
        link=_web_link(entry.get("link")),
        text=html_to_text(html) if html else "",
        date=_date(entry),
        author=_line(author),
    )


def _date(entry: dict[str, Any]) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    return None


def html_to_text(fragment: str) -> str:
    """An entry's HTML (already sanitized by feedparser) as paragraphs of plain text."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return paragraphs(clean_text(re.sub(r"<[^>]*>", " ", fragment)))
    parts: list[str] = []
    skipping = 0  # inside <script> or <style>: not text
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in ("script", "style"):
                skipping += 1
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if element.text and not skipping:
                parts.append(element.text)
            continue
        if tag in ("script", "style"):
            skipping -= 1
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if element is not root and element.tail and not skipping:
            parts.append(element.tail)
    return paragraphs(clean_text("".join(parts)))


def _web_link(value: object) -> str | None:
    """An item's http(s) link; feedparser may offer an Atom id such as ``urn:uuid:...``."""
    link = _line(value)
    return link if link and link.lower().startswith(("http://", "https://")) else None


def _line(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(clean_text(value).split())
    return text or None
