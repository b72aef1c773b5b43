"""Fetching web pages the user named: bounded in time, size and redirects.

Only http and https are fetched. Every failure (refused, timeout, 404, wrong
content type, too large, a redirect loop) becomes a ``FetchError`` whose
message is one line a reader can act on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

from reader import __version__

#: Media types read as web pages, as feeds, and as plain text.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/xml",
        "application/rdf+xml",
    }
)
TEXT_TYPES = frozenset({"text/plain", "text/markdown"})
ARTICLE_TYPES = HTML_TYPES | FEED_TYPES | TEXT_TYPES

_CHUNK = 65_536
_T = TypeVar("_T")
_R = TypeVar("_R")


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How far one fetch may go.

    Attributes:
        timeout: seconds for the whole download (connect, wait and read).
        max_bytes: a larger body is refused.
        max_redirects: more redirects than this (a loop, often) are refused.
        workers: how many URLs are fetched at once.
    """

    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    workers: int = 4


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded body and what the server said about it."""

    url: str  # as the user (or a feed) gave it
    final_url: str  # after redirects
    media_type: str  # e.g. "text/html", lower case, without parameters
    charset: str | None
    data: bytes


class FetchError(Exception):
    """A URL that could not be fetched; ``str()`` is the one-line reason."""


def is_url(text: str) -> bool:
    """Whether a command-line argument names a web address (any scheme://, checked later)."""
    scheme, sep, rest = text.partition("://")
    return bool(sep) and scheme.isalpha() and len(scheme) > 1 and bool(rest)


def check_url(url: str) -> None:
    """Refuse URLs the reader does not fetch.

    Raises:
        FetchError: not http or https, or no host.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"only http and https addresses are fetched, not {parts.scheme}:")
    if not parts.hostname:
        raise FetchError("the address has no host name")


def fetch(
    url: str, limits: FetchLimits = FetchLimits(), accept: frozenset[str] = ARTICLE_TYPES
) -> Fetched:
    """Download one URL within ``limits``.

    Args:
        url: an http or https address.
        limits: timeout, size and redirect bounds.
        accept: media types taken; others are refused before the body is read.

    Raises:
        FetchError: the page cannot be had; the message says why in one line.
    """
    check_url(url)
    # Imported here: only runs that name a URL need the HTTP client.
    import httpx

    deadline = time.monotonic() + limits.timeout
    headers = {
        "User-Agent": f"reader/{__version__} (news reader)",
        "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
        "application/atom+xml,application/xml;q=0.9,text/plain;q=0.8",
    }
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=limits.max_redirects,
                timeout=httpx.Timeout(limits.timeout),
                headers=headers,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise FetchError(f"the server answered {response.status_code} {reason}")
            media_type, charset = _content_type(response.headers.get("content-type", ""))
            if media_type and media_type not in accept:
                raise FetchError(f"not a web page or feed (content type {media_type})")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limits.max_bytes:
                raise FetchError(_too_large(int(declared), limits.max_bytes))
            body = bytearray()
            for chunk in response.iter_bytes(_CHUNK):
                body += chunk
                if len(body) > limits.max_bytes:
                    raise FetchError(_too_large(len(body), limits.max_bytes, more=True))
                if time.monotonic() > deadline:
                    raise FetchError(f"timed out after {limits.timeout:g} s")
            final = str(response.url)
    except httpx.TooManyRedirects:
        raise FetchError(f"more than {limits.max_redirects} redirects (a redirect loop?)") from None
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {limits.timeout:g} s") from None
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect ({_reason(exc)})") from None
    except httpx.UnsupportedProtocol:
        raise FetchError("redirected to an address that is not http or https") from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(f"download failed ({_reason(exc)})") from None
    return Fetched(url, final, media_type, charset, bytes(body))


def fetch_all(
    urls: Sequence[str], limits: FetchLimits = FetchLimits(), accept: frozenset[str] = ARTICLE_TYPES
) -> list[Fetched | FetchError]:
    """Fetch several URLs at once (a small thread pool); results keep the order of ``urls``."""
    return run_parallel(lambda url: _fetch_or_error(url, limits, accept), urls, limits.workers)


def run_parallel(work: Callable[[_T], _R], items: Sequence[_T], workers: int) -> list[_R]:
    """``work`` on every item, ``workers`` at a time; results in the order of ``items``."""
    if len(items) <= 1 or workers <= 1:
        return [work(item) for item in items]
    with ThreadPoolExecutor(max_workers=min(workers, len(items))) as pool:
        return list(pool.map(work, items))


def _fetch_or_error(url: str, limits: FetchLimits, accept: frozenset[str]) -> Fetched | FetchError:
    try:
        return fetch(url, limits, accept)
    except FetchError as exc:
        return exc


def _content_type(header: str) -> tuple[str, str | None]:
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media_type.strip().lower(), charset


def _too_large(size: int, limit: int, more: bool = False) -> str:
    return f"too large ({'over ' if more else ''}{_mb(size)}, the limit is {_mb(limit)})"


def _mb(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
