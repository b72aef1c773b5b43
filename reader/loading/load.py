"""Loading articles from the paths a user names; bad files are skipped with a reason."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.loading.decode import DecodeError, decode_text
from reader.loading.discover import ARTICLE_SUFFIXES, FEED_SUFFIXES, Found, discover
from reader.loading.file_memo import FileMemo, Loaded, Stamp
from reader.loading.formats import FormatError, parse
from reader.loading.remote import WebOptions, load_feed, load_urls
from reader.model import Article, LoadError
from reader.web.feeds import FeedError, looks_like_feed
from reader.web.fetch import is_url

if TYPE_CHECKING:
    from reader.linking import AliasTable


@dataclass(slots=True)
class LoadResult:
    """The articles that loaded, every file skipped or warned about, and the alias table."""

    articles: list[Article] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    aliases: AliasTable | None = None


def load_articles(
    paths: Sequence[Path | str],
    max_bytes: int,
    web: WebOptions | None = None,
    memo: FileMemo | None = None,
) -> LoadResult:
    """Load every article under ``paths``; files are only read, URLs only fetched.

    Args:
        paths: files and folders, and http(s) URLs as strings, in the order given;
            articles come out in that order.
        max_bytes: files larger than this are skipped.
        web: limits for fetching URLs and feed items (defaults when None).
        memo: what files loaded to before, used for those unchanged since (none: every
            file is read).
    """
    web = web or WebOptions()
    files = [(n, Path(p)) for n, p in enumerate(paths) if not _is_url(p)]
    urls = [(n, str(p)) for n, p in enumerate(paths) if _is_url(p)]
    found, errors = discover([path for _, path in files])
    result = LoadResult(errors=list(errors))
    loaded: list[tuple[int, list[Article], list[LoadError]]] = []
    read = load_found(found, max_bytes, web, memo)
    for item, (articles, problems) in zip(found, read, strict=True):
        loaded.append((files[item.argument][0], articles, problems))
    if memo is not None:
        result.errors += memo.finish()
    unique = list(dict.fromkeys(url for _, url in urls))
    by_url = dict(zip(unique, load_urls(unique, web), strict=True)) if unique else {}
    for number, url in urls:
        loaded.append((number, *by_url.pop(url, ([], []))))
    seen: set[str] = set()
    for _, articles, problems in sorted(loaded, key=lambda entry: entry[0]):  # stable
        for article in articles:
            if article.id not in seen:  # one page reached twice (two feeds, a feed and its page)
                seen.add(article.id)
                result.articles.append(article)
        result.errors.extend(problems)
    return result


def _is_url(argument: Path | str) -> bool:
    return isinstance(argument, str) and is_url(argument)


def load_found(
    found: Sequence[Found],
    max_bytes: int,
    web: WebOptions | None = None,
    memo: FileMemo | None = None,
) -> list[Loaded]:
    """What each file of ``found`` loads to (``load_file``), in order: as ``memo``
    remembers it when the file is as it was then, else read (and remembered)."""
    recalled: dict[int, Loaded] = {}
    if memo is not None:
        # A file over the limit is read, to say so; its size may have changed since.
        recalled = memo.recall([(str(f.path), f.id, _within(f.stamp, max_bytes)) for f in found])
    loaded: list[Loaded] = []
    for number, item in enumerate(found):
        known = recalled.get(number)
        if known is None:
            known, settled = load_file(item.path, item.id, max_bytes, web)
            if memo is not None and settled:
                memo.remember(str(item.path), item.id, item.stamp, known)
        loaded.append(known)
    return loaded


def _within(stamp: Stamp | None, max_bytes: int) -> Stamp | None:
    """``stamp``, unless it says the file is over ``max_bytes`` (or there is none)."""
    return stamp if stamp is not None and stamp[2] <= max_bytes else None


def load_file(
    path: Path, article_id: str, max_bytes: int, web: WebOptions | None = None
) -> tuple[Loaded, bool]:
    """Load the article(s) of one file (a feed file: its items); never raises for bad
    content. With them, whether that is what the file's bytes alone decide, so what
    may be remembered: not for a feed (its items depend on the fetch settings), a file
    over ``max_bytes`` or one that could not be read."""
    where = str(path)
    try:
        data = _read_limited(where, max_bytes)
    except _TooLarge as exc:
        too_large = f"too large ({_mb(exc.size)}, the limit is {_mb(max_bytes)})"
        return ([], [LoadError(where, too_large)]), False
    except OSError as exc:
        return ([], [LoadError(where, f"cannot read ({exc.strerror or exc})")]), False
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES or (suffix not in ARTICLE_SUFFIXES and looks_like_feed(data)):
        try:
            return load_feed(data, where, web or WebOptions(), article_id), False
        except FeedError as exc:
            return ([], [LoadError(where, str(exc))]), False
    try:
        text, guess = decode_text(data)
        drafts, warnings = parse(path.suffix, text)
    except (DecodeError, FormatError) as exc:
        return ([], [LoadError(where, str(exc))]), True
    articles = [draft.article(article_id + draft.suffix, where) for draft in drafts]
    warnings = ([guess] if guess else []) + warnings
    return (articles, [LoadError(where, message, fatal=False) for message in warnings]), True


class _TooLarge(Exception):
    """A file over the size limit; ``size`` is how large it is."""

    def __init__(self, size: int) -> None:
        self.size = size


def _read_limited(path: str, max_bytes: int) -> bytes:
    """A file's bytes, read in one go after its size is checked on the open file.

    Raises:
        _TooLarge: the file holds more than ``max_bytes``.
        OSError: it cannot be opened or read.
    """
    with open(path, "rb", buffering=0) as file:
        size = os.fstat(file.fileno()).st_size
        if size > max_bytes:
            raise _TooLarge(size)
        return file.readall()


def _mb(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"
