"""Articles as they are read: the loader's result in chunks of files, for a reader that
shows the first articles while the rest are still being read.

:func:`stream_articles` yields what :func:`reader.pipeline.load_articles` returns
whole (the same articles in the same order, the same problems, the same alias
table), a chunk of :data:`CHUNK_FILES` files at a time. Never needs spaCy.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader import loading
from reader.config import Settings
from reader.linking import AliasTable
from reader.loading.discover import ARTICLE_SUFFIXES, discover
from reader.loading.load import load_found
from reader.model import Article, LoadError
from reader.pipeline import article_paths, file_memo, load_alias_files, load_articles
from reader.web.fetch import is_url

#: Files per chunk: small enough that the first columns show at once, large enough
#: that handing a chunk over costs little beside reading it.
CHUNK_FILES = 100


@dataclass(slots=True)
class LoadChunk:
    """Some more articles and load problems, and how far the reading is.

    ``aliases`` is set on the last chunk only (``last``): the alias table, whose
    problems are in that chunk's ``errors``.
    """

    articles: list[Article] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    #: Files read so far, and files found in all (URLs count as one each).
    files: int = 0
    total: int = 0
    last: bool = False
    aliases: AliasTable | None = None


def at_least_files(paths: Sequence[Path | str], count: int) -> bool:
    """Whether reading ``paths`` opens at least ``count`` files (a URL counts as one).

    A quick guess to choose how to read them: the walk stops at ``count``, and
    does not follow links to folders, look inside ``.xml`` files or notice a
    file named twice, as the loader does (so it may count a few files the
    loader skips, or miss some).
    """
    seen = 0
    for argument in article_paths(paths):
        if _is_url(argument) or not Path(argument).is_dir():
            seen += 1
        else:
            for _, folders, files in os.walk(argument):
                folders[:] = [name for name in folders if not name.startswith(".")]
                seen += sum(not name.startswith(".") and _article_name(name) for name in files)
                if seen >= count:
                    return True
        if seen >= count:
            return True
    return False


def _article_name(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES


def stream_articles(
    paths: Sequence[Path | str],
    settings: Settings,
    chunk_files: int = CHUNK_FILES,
    after: int = 0,
) -> Iterator[LoadChunk]:
    """What ``load_articles(paths, settings)`` returns, in chunks as files are read.

    Local files are read one by one; when ``paths`` holds a URL, everything is
    loaded at once (fetching decides the order) and comes as one chunk. The
    last chunk has ``last`` set and carries the alias table. ``after``: a reading
    that stopped after the chunk of that many files resumes here; the chunks up to
    it are read again (an article is one however often it is reached) but not
    yielded.
    """
    chosen = article_paths(paths)
    if any(_is_url(p) for p in chosen):
        whole = load_articles(paths, settings)
        yield LoadChunk(whole.articles, whole.errors, len(chosen), len(chosen), True, whole.aliases)
        return
    found, errors = discover([Path(p) for p in chosen])
    web = loading.WebOptions(
        limits=loading.FetchLimits(timeout=settings.fetch_timeout, max_bytes=settings.max_bytes),
        max_feed_items=settings.feed_items,
    )
    chunk = LoadChunk(errors=list(errors), total=len(found))
    memo = file_memo(settings)
    seen: set[str] = set()
    for start in range(0, len(found), chunk_files):
        part = found[start : start + chunk_files]
        for articles, problems in load_found(part, settings.max_bytes, web, memo):
            for article in articles:
                if article.id not in seen:  # as the loader: one article reached twice is one
                    seen.add(article.id)
                    chunk.articles.append(article)
            chunk.errors.extend(problems)
        done = chunk.files = start + len(part)
        if done < len(found):
            if done > after:
                yield chunk
            chunk = LoadChunk(files=done, total=len(found))
    chunk.aliases, alias_errors = load_alias_files(chosen, settings)
    chunk.errors.extend(alias_errors)
    if memo is not None:
        chunk.errors += memo.finish()
    chunk.files, chunk.last = len(found), True
    yield chunk


def _is_url(argument: Path | str) -> bool:
    return isinstance(argument, str) and is_url(argument)
