"""The article picker's order and filter, as plain functions (no Textual).

Orders: the file names in natural order (``2.txt`` before ``10.txt``, the
default), by date (oldest first, undated last), by source (outlet), by title.
The filter takes words matched anywhere (title, source, date, file name) and
``field:word`` terms matched in one field only: ``source:reuters``,
``date:2022-02``, ``title:kremlin``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal

from reader.model import Article

SortBy = Literal["file", "date", "source", "title"]
#: The orders in the order Ctrl+S steps through them, with how the picker names them.
ORDERS: tuple[tuple[SortBy, str], ...] = (
    ("file", "file name"),
    ("date", "date"),
    ("source", "source"),
    ("title", "title"),
)
#: The fields a ``field:word`` filter term can name.
FIELDS = ("title", "source", "date", "file")
_DIGITS = re.compile(r"(\d+)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sorts ``text`` with its numbers by value: ``a2`` before ``a10``."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in _DIGITS.split(text)
        if part
    )


def iso_date(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` date at the start of ``value``, if any (only those sort as text)."""
    match = _ISO_DATE.match(value.strip()) if value else None
    return match.group() if match else None


def _file(article: Article) -> str:
    return article.path or article.id


def sort_articles(articles: Sequence[Article], by: SortBy) -> list[Article]:
    """``articles`` in the order ``by``; ties (and missing values, last) in file-name order."""
    by_file = sorted(articles, key=lambda a: natural_key(_file(a)))
    keys: dict[SortBy, Callable[[Article], tuple[bool, str]]] = {
        "date": lambda a: (iso_date(a.date) is None, iso_date(a.date) or ""),
        "source": lambda a: (not a.source, (a.source or "").casefold()),
        "title": lambda a: (not a.title, (a.title or "").casefold()),
    }
    key = keys.get(by)
    return by_file if key is None else sorted(by_file, key=key)


def field_texts(article: Article) -> dict[str, str]:
    """What each filter field looks in, case-folded."""
    return {
        "title": (article.title or "").casefold(),
        "source": (article.source or "").casefold(),
        "date": (article.date or "").casefold(),
        "file": f"{article.id} {article.path}".casefold(),
    }


def parse_filter(query: str) -> tuple[list[str], list[tuple[str, str]]]:
    """``query`` as (words matched anywhere, ``(field, word)`` terms), case-folded.

    A term naming no known field (``http://x``) is an ordinary word.
    """
    anywhere: list[str] = []
    fielded: list[tuple[str, str]] = []
    for word in query.casefold().split():
        name, colon, value = word.partition(":")
        if colon and name in FIELDS:
            if value:
                fielded.append((name, value))
        else:
            anywhere.append(word)
    return anywhere, fielded


def matches(
    fields: dict[str, str], anywhere: Sequence[str], fielded: Sequence[tuple[str, str]]
) -> bool:
    """Whether an article's ``fields`` (from :func:`field_texts`) hold every term."""
    everything = " ".join(fields.values())
    return all(word in everything for word in anywhere) and all(
        word in fields[name] for name, word in fielded
    )
