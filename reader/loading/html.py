"""Web pages to articles: the main text by trafilatura, metadata read from the page itself.

trafilatura finds the article body; the page's own declarations are then
preferred for the fields it tends to get wrong: the publication date
(``article:published_time``, JSON-LD ``datePublished``, ``<time datetime>``)
and a title without the site's suffix (" | DW | 19.01.2020").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from reader.loading.decode import clean_text

_SEPARATORS = re.compile(r"\s+[|\-–—·•:]\s+")
_DATE_LIKE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\b\d{4}\b")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
#: A trailing title segment longer than this is part of the headline, not a site name.
_MAX_SUFFIX_WORDS = 4


class HtmlError(ValueError):
    """The page holds no article text; the message is the reason."""


@dataclass(frozen=True, slots=True)
class Page:
    """The article a web page holds: its reading text and one-line fields."""

    text: str
    title: str | None
    source: str | None
    author: str | None
    date: str | None
    url: str | None


def extract_page(html: str, url: str | None = None) -> Page:
    """Extract the article of a web page.

    Args:
        html: the page's markup (decoded).
        url: where the page was fetched from, if it was; the page's own
            canonical address is used otherwise.

    Raises:
        HtmlError: no article text was found.
    """
    # Imported here: trafilatura pulls in lxml and is only needed for web pages.
    import trafilatura

    def extract(markup: str) -> tuple[Any, str]:
        document = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            favor_precision=True,  # news pages: better lose a caption than keep related posts
            include_comments=False,
            include_tables=False,
        )
        body = (getattr(document, "text", None) or "") if document else ""
        return document, body.strip()

    document, body = extract(html)
    if not body and not re.search(r"<(?:html|head|body)\b", html, re.I):
        # A fragment without <html><body> (a saved snippet): trafilatura needs the frame.
        document, body = extract(f"<html><body>{html}</body></html>")
    if not body:
        raise HtmlError("no article text found in the HTML")
    declared = _declared(html)
    site = _one_line(getattr(document, "sitename", None) or declared.get("site_name"))
    page_url = url or _one_line(getattr(document, "url", None)) or declared.get("url")
    host = _host(page_url)
    title = _one_line(getattr(document, "title", None) or declared.get("title"))
    text = paragraphs(clean_text(body))
    return Page(
        text=text,
        title=clean_title(title, [site, declared.get("site_name"), host])
        if title
        else _first_line(text),
        source=site or host,
        author=_one_line(getattr(document, "author", None)),
        date=_day(declared.get("published")) or _one_line(getattr(document, "date", None)),
        url=_one_line(page_url),
    )


def paragraphs(text: str) -> str:
    """One block per line becomes paragraphs separated by exactly one blank line.

    Whitespace inside a line is collapsed and blank or whitespace-only lines
    vanish, so no run of empty lines (a page's spacers) reaches the reader.
    """
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def clean_title(title: str, site_names: list[str | None]) -> str:
    """Drop trailing site-name segments from a page title.

    A trailing segment after " | ", " - ", " – ", " — " (and the like) goes when
    it names the site (``site_names``: og:site_name, the host) or when it is
    short and holds a date; segments go one by one from the end ("Headline |
    DW | 19.01.2020" becomes "Headline"). The headline itself is never emptied.
    """
    names = {_squash(n) for n in site_names if n}
    names |= {_squash(_host_stem(n)) for n in site_names if n and "." in n}
    parts = _SEPARATORS.split(title)
    seps = _SEPARATORS.findall(title)
    while len(parts) > 1:
        tail = parts[-1].strip()
        words = tail.split()
        squashed = _squash(tail)
        is_site = bool(squashed) and any(
            squashed == n
            or (
                len(words) <= _MAX_SUFFIX_WORDS and len(n) >= 2 and (squashed in n or n in squashed)
            )
            for n in names
        )
        short_date = len(words) <= _MAX_SUFFIX_WORDS and bool(_DATE_LIKE.search(tail))
        if not (is_site or short_date):
            break
        parts.pop()
        seps.pop()
    rebuilt = parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:], strict=True))
    return rebuilt.strip() or title


def _declared(html: str) -> dict[str, str]:
    """What the page declares about itself: published date, site name, title, canonical URL."""
    from lxml import etree
    from lxml import html as lxml_html

    found: dict[str, str] = {}
    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return found
    metas = {
        (m.get("property") or m.get("name") or m.get("itemprop") or "").lower(): m.get("content")
        for m in tree.iter("meta")
    }
    for key in ("article:published_time", "og:published_time", "datepublished", "pubdate"):
        if metas.get(key):
            found.setdefault("published", metas[key] or "")
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            published = _json_ld_published(script.text)
            if published:
                found.setdefault("published", published)
    for time in tree.iter("time"):
        if time.get("datetime") and _day(time.get("datetime")):
            found.setdefault("published", time.get("datetime") or "")
            break
    for key, field in (("og:site_name", "site_name"), ("og:title", "title"), ("og:url", "url")):
        if metas.get(key):
            found[field] = metas[key] or ""
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            found.setdefault("url", link.get("href") or "")
    return found


def _json_ld_published(text: str) -> str | None:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    stack: list[Any] = [data]
    budget = 1000  # a hostile page may nest deeply; look no further than this
    while stack and budget:
        budget -= 1
        item = stack.pop(0)
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str) and _day(value):
                return value
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def _day(value: str | None) -> str | None:
    """The ISO day (YYYY-MM-DD) a timestamp starts with, if it is one."""
    match = _ISO_DAY.match(value.strip()) if value else None
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    return match.group(0) if 1 <= month <= 12 and 1 <= day <= 31 and year > 1800 else None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _host_stem(name: str) -> str:
    """ "www.dw.com" → "dw", "boingboing.net" → "boingboing"."""
    labels = name.lower().removeprefix("www.").split(".")
    return labels[-2] if len(labels) >= 2 else labels[0]


def _squash(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _one_line(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(clean_text(value).split())
    return text or None


def _first_line(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return None
