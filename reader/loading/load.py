"""Loading articles from the paths a user names; bad files are skipped with a reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.loading.decode import DecodeError, decode_text
from reader.loading.discover import discover
from reader.loading.formats import FormatError, parse
from reader.model import Article, LoadError

if TYPE_CHECKING:
    from reader.linking import AliasTable


@dataclass(slots=True)
class LoadResult:
    """The articles that loaded, every file skipped or warned about, and the alias table."""

    articles: list[Article] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    aliases: AliasTable | None = None


def load_articles(paths: Sequence[Path], max_bytes: int) -> LoadResult:
    """Load every article under ``paths``; the reader only ever reads these files.

    Args:
        paths: files and folders, in the order given.
        max_bytes: files larger than this are skipped.
    """
    found, errors = discover(paths)
    result = LoadResult(errors=list(errors))
    for item in found:
        articles, problems = load_file(item.path, item.id, max_bytes)
        result.articles.extend(articles)
        result.errors.extend(problems)
    return result


def load_file(path: Path, article_id: str, max_bytes: int) -> tuple[list[Article], list[LoadError]]:
    """Load the article(s) of one file; never raises for bad content."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return [], [LoadError(where, f"too large ({_mb(size)}, the limit is {_mb(max_bytes)})")]
        data = path.read_bytes()
    except OSError as exc:
        return [], [LoadError(where, f"cannot read ({exc.strerror or exc})")]
    try:
        text, guess = decode_text(data)
        drafts, warnings = parse(path.suffix, text)
    except (DecodeError, FormatError) as exc:
        return [], [LoadError(where, str(exc))]
    articles = [
        Article(
            id=article_id + draft.suffix,
            path=where,
            text=draft.text,
            title=draft.fields.get("title"),
            source=draft.fields.get("source"),
            author=draft.fields.get("author"),
            date=draft.fields.get("date"),
            url=draft.fields.get("url"),
            metadata=draft.metadata,
        )
        for draft in drafts
    ]
    warnings = ([guess] if guess else []) + warnings
    return articles, [LoadError(where, message, fatal=False) for message in warnings]


def _mb(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"
