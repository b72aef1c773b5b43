"""Articles from the web: pages and feeds the user named, and the items of feeds.

A page is fetched and extracted as a local HTML file is; its id is the URL
the user gave. A feed (a URL or a file) becomes one article per item: the
item's page is fetched, and when it cannot be, the feed's own text for the
item is used with a warning. Nothing here runs unless a URL or a feed was named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.loading.decode import DecodeError, clean_text, decode_text
from reader.loading.formats import Draft, FormatError, parse, parse_html
from reader.model import Article, LoadError
from reader.web.feeds import DEFAULT_MAX_ITEMS, FeedError, FeedItem, looks_like_feed, parse_feed
from reader.web.fetch import (
    FEED_TYPES,
    HTML_TYPES,
    TEXT_TYPES,
    Fetched,
    FetchError,
    FetchLimits,
    fetch_all,
)

Loaded = tuple[list[Article], list[LoadError]]


@dataclass(frozen=True, slots=True)
class WebOptions:
    """Bounds for everything fetched: per-request limits and items read per feed."""

    limits: FetchLimits = field(default_factory=FetchLimits)
    max_feed_items: int = DEFAULT_MAX_ITEMS


def load_urls(urls: Sequence[str], options: WebOptions) -> list[Loaded]:
    """Fetch ``urls`` concurrently; each gives its articles (a feed: several) and problems.

    Returns:
        One ``(articles, errors)`` pair per URL, in the order of ``urls``.
    """
    fetched = fetch_all(urls, options.limits)
    return [
        ([], [LoadError(url, str(result))])
        if isinstance(result, FetchError)
        else _from_fetched(result, options)
        for url, result in zip(urls, fetched, strict=True)
    ]


def load_feed(data: bytes, where: str, options: WebOptions, feed_id: str | None = None) -> Loaded:
    """The articles of a feed's items; ``where`` names the feed (a path or a URL).

    An item's id is its link; an item without one is ``<feed_id>#<number>``
    (``feed_id`` defaults to ``where``).

    Raises:
        FeedError: the feed is unsafe, broken or empty.
    """
    feed = parse_feed(data, options.max_feed_items)
    errors: list[LoadError] = []
    if feed.left_out:
        errors.append(
            LoadError(
                where,
                f"{feed.left_out} items past the first {len(feed.items)} left out "
                "(setting feed_items)",
                fatal=False,
            )
        )
    links = list(dict.fromkeys(item.link for item in feed.items if item.link))
    page_limits = options.limits
    pages = dict(zip(links, fetch_all(links, page_limits, HTML_TYPES | TEXT_TYPES), strict=True))
    articles: list[Article] = []
    for number, item in enumerate(feed.items, start=1):
        result = pages.get(item.link) if item.link else None
        fallback_id = f"{feed_id or where}#{number}"
        article, problem = _item_article(item, fallback_id, where, result, feed.title)
        if article is not None:
            articles.append(article)
        if problem is not None:
            errors.append(problem)
    return articles, errors


def _from_fetched(result: Fetched, options: WebOptions) -> Loaded:
    where = result.url
    if result.media_type in FEED_TYPES or (
        result.media_type not in HTML_TYPES and looks_like_feed(result.data)
    ):
        try:
            return load_feed(result.data, where, options)
        except FeedError as exc:
            return [], [LoadError(where, str(exc))]
    try:
        draft, warning = _page_draft(result)
    except (DecodeError, FormatError) as exc:
        return [], [LoadError(where, str(exc))]
    article = draft.article(result.url, result.url)
    return [article], ([LoadError(where, warning, fatal=False)] if warning else [])


def _page_draft(result: Fetched) -> tuple[Draft, str | None]:
    text, warning = _decode(result)
    if result.media_type in TEXT_TYPES:
        suffix = ".md" if result.media_type == "text/markdown" else ".txt"
        [draft, *_], _ = parse(suffix, text)
    else:
        draft = parse_html(text, result.final_url)
    draft.fields["url"] = result.final_url
    return draft, warning


def _decode(result: Fetched) -> tuple[str, str | None]:
    if result.charset:
        try:
            text = clean_text(result.data.decode(result.charset))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset label: detect it as for files
        else:
            if text.strip():
                return text, None
    return decode_text(result.data)


def _item_article(
    item: FeedItem,
    fallback_id: str,
    feed: str,
    page: Fetched | FetchError | None,
    feed_title: str | None,
) -> tuple[Article | None, LoadError | None]:
    """An item's page as an article, or the feed's own text when the page is not to be had.

    The article's path is the item's page, or the feed (``feed``) it came from.
    """
    item_id = item.link or fallback_id
    path = item.link or feed
    reason = "the item has no link"
    if isinstance(page, Fetched):
        try:
            draft, _ = _page_draft(page)
        except (DecodeError, FormatError) as exc:
            reason = str(exc)
        else:
            _fill(draft, item, feed_title)
            return draft.article(item_id, path), None
    elif isinstance(page, FetchError):
        reason = f"page not fetched: {page}"
    if not item.text:
        return None, LoadError(item_id, f"{reason}, and the feed has no text for it")
    draft = Draft(item.text, {"url": item.link})
    _fill(draft, item, feed_title)
    warning = None
    if item.link:  # a feed item without a link is simply its own text
        warning = LoadError(item_id, f"{reason}; the feed's summary is shown", fatal=False)
    return draft.article(item_id, path), warning


def _fill(draft: Draft, item: FeedItem, feed_title: str | None) -> None:
    """Fields the page lacks come from the feed item (title, date, author) and the feed."""
    for name, value in (("title", item.title), ("date", item.date), ("author", item.author)):
        if value and not draft.fields.get(name):
            draft.fields[name] = value
    if feed_title and not draft.fields.get("source"):
        draft.fields["source"] = feed_title
