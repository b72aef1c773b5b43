"""Each article's digest (linking's per-article work) gathered for linking a collection.

A text's digest is made once, when it is analyzed, and kept in the digest store
(:mod:`reader.digest_store`) with what linking reads of its analysis, so a
collection never opened before is linked from those rows alone. A text whose row
is missing or was made by other linking code is digested here, and its row stored.
Digests are also remembered in memory across calls: a reader relinks every few
seconds while results arrive, and each relink then digests only the new texts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import partial
from typing import NamedTuple

from reader.digest_store import DigestStore, digest_key, read_row
from reader.digest_store import encode as encode_digest
from reader.linking import ArticleDigest, digest_article, linking_fingerprint
from reader.model import Analysis, Article

#: While texts are digested (their stored digests were made by other linking code), an
#: ``on_count`` is told how far along they are every this many articles.
COUNT_EVERY = 100
#: Digests kept in memory across calls (a UI relinks every few seconds while results
#: arrive: each relink then digests only the new articles); cleared past this many.
MEMO_LIMIT = 100_000

_memo: dict[tuple[str, str], ArticleDigest] = {}
_memo_lock = threading.Lock()


class StoredTexts(NamedTuple):
    """``CollectionLinker.stored``'s answer, by article id.

    Attributes:
        analyses: what linking reads of each analysis (``digest_store.StoredText``).
        digests: the digest of each of those articles.
    """

    analyses: dict[str, Analysis]
    digests: dict[str, ArticleDigest]

    def missing(self, articles: Sequence[Article]) -> list[Article]:
        """The articles these rows leave over: they need their cached analysis."""
        return [a for a in articles if a.id not in self.analyses]


def _relabelled(digest: ArticleDigest, article_id: str) -> ArticleDigest:
    """A remembered digest as the digest of ``article_id`` (the same text may be
    open under another name)."""
    return digest if digest.article == article_id else replace(digest, article=article_id)


def stored_texts(
    store: DigestStore, articles: Sequence[Article], named: Mapping[str, str]
) -> StoredTexts:
    """What the digest ``store`` holds for linking ``articles`` without reading their
    cached analyses (``CollectionLinker.stored``); ``named``: as for ``collection_digests``."""
    keys = {a.id: store.key(named[a.id]) for a in articles}
    rows = store.get(list(keys.values()))
    found = StoredTexts({}, {})
    for article in articles:
        row = read_row(rows.get(keys[article.id]), article)
        if row is not None and row.analysis is not None:
            found.analyses[article.id] = row.analysis
            found.digests[article.id] = row.digest
    return found


class RowsAhead:
    """Digest rows read ahead (``stored``: ``CollectionLinker.stored``), a few articles at
    a time, while the rest of a collection is still being read (``stream_aside``).

    ``add`` the articles as they come; ``step`` reads the rows of a few of them (the
    caller's idle moments); ``result`` reads the rest and answers as ``stored`` does.
    """

    def __init__(self, stored: Callable[[Sequence[Article]], StoredTexts], step: int = 100):
        self._stored = stored
        self._size = step
        self._waiting: list[Article] = []
        self._asked: dict[str, Article] = {}  # whose rows were read, by id
        self._read = StoredTexts({}, {})

    def add(self, articles: Sequence[Article]) -> None:
        self._waiting.extend(articles)

    def step(self) -> bool:
        """Read the rows of a few more articles; False when none was waiting."""
        if not self._waiting:
            return False
        batch, self._waiting = self._waiting[: self._size], self._waiting[self._size :]
        self._take(batch)
        return True

    def result(self, articles: Sequence[Article]) -> StoredTexts:
        """``stored(articles)``: the rows read ahead, and the others read now."""
        self._waiting = []
        asked = self._asked
        self._take([a for a in articles if asked.get(a.id) is not a])
        read, answer = self._read, StoredTexts({}, {})
        for article in articles:
            analysis = read.analyses.get(article.id)
            if analysis is not None:
                answer.analyses[article.id] = analysis
                answer.digests[article.id] = read.digests[article.id]
        return answer

    def _take(self, articles: Sequence[Article]) -> None:
        found = self._stored(articles)
        for article in articles:
            self._asked[article.id] = article
            self._read.analyses.pop(article.id, None)
            self._read.digests.pop(article.id, None)
        self._read.analyses.update(found.analyses)
        self._read.digests.update(found.digests)


def collection_digests(
    store: DigestStore | None,
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    named: Mapping[str, str],
    given: Mapping[str, ArticleDigest],
    on_count: Callable[[int, int], object] | None = None,
) -> dict[str, ArticleDigest]:
    """Linking's per-article work for every analyzed article: ``given``, from memory,
    the digest ``store`` (filled when the texts were analyzed), or done now and stored.
    ``named``: the key of each article's analysis (``CollectionLinker``'s); ``on_count``:
    as for ``CollectionLinker.link``."""
    name = store.key if store is not None else partial(digest_key, linking_fingerprint())
    keys = {a.id: name(named[a.id]) for a in articles if a.id in analyses}
    # The memory is per store: what one store holds says nothing of another's.
    where = str(store.path) if store else ""
    made: dict[tuple[str, str], ArticleDigest] = {}
    found: dict[str, ArticleDigest] = {}
    for aid, digest in given.items():
        if aid in keys:
            found[aid] = made[where, keys[aid]] = digest
    with _memo_lock:
        for aid, key in keys.items():
            if aid not in found and (where, key) in _memo:
                found[aid] = _relabelled(_memo[where, key], aid)
    wanted = [key for aid, key in keys.items() if aid not in found]
    stored = store.get(wanted) if store and wanted else {}
    new: dict[str, bytes] = {}
    # Counted only when some text has no stored digest: reading rows takes no time.
    count = on_count if on_count is not None and len(stored) < len(wanted) else None
    done = 0
    for article in articles:
        if article.id not in keys or article.id in found:
            continue
        if count is not None and done % COUNT_EVERY == 0:
            count(done, len(wanted))
        done += 1
        key, analysis = keys[article.id], analyses[article.id]
        row = read_row(stored.get(key), article)
        if row is None:
            digest = digest_article(article, analysis)
            new[key] = encode_digest(digest, analysis)
        else:
            digest = row.digest
            if row.analysis is None:
                # A row without what linking reads of the analysis (an older
                # layout): kept with it, the next first link needs no analysis.
                new[key] = encode_digest(digest, analysis)
        made[where, key] = digest
        found[article.id] = digest
    if count is not None:
        count(done, len(wanted))
    if store is not None:
        store.put(new)
    with _memo_lock:
        if len(_memo) + len(made) > MEMO_LIMIT:
            _memo.clear()
        _memo.update(made)
    return found
