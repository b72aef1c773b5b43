"""The article picker's order and filter, as plain functions (no Textual).

Orders: the file names in natural order (``2.txt`` before ``10.txt``, the
default), by date (oldest first, undated last), by source (outlet), by title.
The filter takes words matched anywhere (title, source, date, file name) and
``field:word`` terms matched in one field only: ``source:reuters``,
``date:2022-02``, ``title:kremlin``.
"""

from __future__ import annotations

import heapq
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


def _order_key(by: SortBy) -> Callable[[Article], tuple[bool, str]] | None:
    keys: dict[SortBy, Callable[[Article], tuple[bool, str]]] = {
        "date": lambda a: (iso_date(a.date) is None, iso_date(a.date) or ""),
        "source": lambda a: (not a.source, (a.source or "").casefold()),
        "title": lambda a: (not a.title, (a.title or "").casefold()),
    }
    return keys.get(by)


def sort_articles(articles: Sequence[Article], by: SortBy) -> list[Article]:
    """``articles`` in the order ``by``; ties (and missing values, last) in file-name order."""
    by_file = sorted(articles, key=lambda a: natural_key(_file(a)))
    key = _order_key(by)
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


class ArticleCatalog:
    """The articles as the picker lists them: each one's filter texts and every order.

    Sorting 10,000 file names and folding their fields took about a tenth of a
    second at every open of the picker: the reader keeps one catalog per
    collection and every picker reuses it. Each order is sorted at its first use
    and merged with articles read later.
    """

    def __init__(self, articles: Sequence[Article]) -> None:
        self.articles = list(articles)
        self.by_id = {a.id: a for a in self.articles}
        #: Each article's filter fields (:func:`field_texts`), by id.
        self.fields = {a.id: field_texts(a) for a in self.articles}
        self._everything = {key: " ".join(f.values()) for key, f in self.fields.items()}
        self._file_keys = {a.id: natural_key(_file(a)) for a in self.articles}
        self._orders: dict[SortBy, list[Article]] = {}

    def _key(self, by: SortBy) -> Callable[[Article], tuple[object, ...]]:
        # The whole sort key of order `by`: its own, then the file name's.
        file_keys, key = self._file_keys, _order_key(by)
        if key is None:
            return lambda a: (file_keys[a.id],)
        return lambda a: (key(a), file_keys[a.id])

    def __len__(self) -> int:
        return len(self.articles)

    def has_order(self, by: SortBy) -> bool:
        """Whether order ``by`` is sorted already (``ordered`` would only return it)."""
        return by in self._orders

    def ordered(self, by: SortBy) -> list[Article]:
        """Every article in the order ``by`` (see :func:`sort_articles`); do not change it."""
        if by not in self._orders:
            self._orders[by] = sorted(self.articles, key=self._key(by))
        return self._orders[by]

    def find(self, query: str, by: SortBy) -> list[Article]:
        """The articles the filter ``query`` keeps (see :func:`parse_filter`), in order ``by``."""
        anywhere, fielded = parse_filter(query)
        ordered = self.ordered(by)
        if not anywhere and not fielded:
            return ordered
        # A term at a time, each on what the others left: no generator per article.
        everything, fields = self._everything, self.fields
        found = ordered
        for word in anywhere:
            found = [a for a in found if word in everything[a.id]]
        for name, word in fielded:
            found = [a for a in found if word in fields[a.id][name]]
        return found

    def with_articles(self, more: Sequence[Article]) -> ArticleCatalog:
        """A catalog of these articles and ``more`` (read since this one was made).

        The orders already sorted are merged with the new articles', not sorted
        again: a picker open while 10,000 articles are read gets a chunk at a time.
        """
        grown = ArticleCatalog(more)
        grown.articles = [*self.articles, *grown.articles]
        for part in ("by_id", "fields", "_everything", "_file_keys"):
            getattr(grown, part).update(getattr(self, part))
        for by, ordered in self._orders.items():
            key = grown._key(by)
            grown._orders[by] = list(heapq.merge(ordered, sorted(more, key=key), key=key))
        return grown
