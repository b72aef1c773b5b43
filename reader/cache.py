"""The per-article analysis cache: one JSON file per entry, written atomically.

An entry's key hashes the article text, the model's name and version, spaCy's
version and a fingerprint of the reader's analysis code, so any of them changing means a
miss. Entries are JSON (never pickle) and are checked on load: an entry that
is unreadable, truncated, for another key or whose offsets do not fit the text
counts as a miss and is recomputed.

A warm run reads thousands of entries, so the read path is lean: one ``os.read``
per entry, orjson, and the records built positionally while their spans are
checked (``parse_entry``), each text's key computed once per run.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import tempfile
from operator import itemgetter
from pathlib import Path
from typing import Any

import orjson

from reader.model import Analysis, Mention, QuoteFinding, Span
from reader.nlp import ModelIdentity, analysis_fingerprint

_FORMAT = 1
#: Keys remembered by text: one run names each text's entry three times (collection
#: lookup, cache read, linking), each a SHA-256 of the whole text. Cleared past this
#: many, so a long session never holds on to texts it no longer shows. Threads share
#: it safely: each dict operation is atomic, and a lost race only hashes a text again.
KEY_MEMO_LIMIT = 50_000
_key_memo: dict[str, dict[str, str]] = {}  # key prefix -> text -> key
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)
_READ_SIZE = 1 << 16
#: A stored mention's fields in ``Mention``'s order, fetched in one call.
_MENTION_FIELDS = itemgetter("start", "end", "text", "label")


class AnalysisCache:
    """Cached analyses for one model, under ``root``."""

    def __init__(self, root: Path, identity: ModelIdentity) -> None:
        self.root = root
        self.identity = identity
        self.write_error: str | None = None

    def key(self, text: str) -> str:
        """The entry key of an article text for this model and analysis version."""
        prefix = (
            f"reader-analysis-{analysis_fingerprint()}\0{self.identity.name}\0"
            f"{self.identity.version}\0{self.identity.spacy_version}\0"
        )
        memo = _key_memo.get(prefix)
        if memo is None:
            _key_memo.clear()  # another model or analysis code: the old keys are done with
            memo = _key_memo[prefix] = {}
        known = memo.get(text)
        if known is not None:
            return known
        digest = hashlib.sha256(prefix.encode("utf-8", "surrogatepass"))
        digest.update(text.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
        key = digest.hexdigest()
        if len(memo) >= KEY_MEMO_LIMIT:
            memo.clear()
        memo[text] = key
        return key

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, text: str) -> Analysis | None:
        """The cached analysis of ``text``, or None on a miss or a damaged entry."""
        key = self.key(text)
        try:
            raw = _read(os.path.join(self.root, key[:2], f"{key}.json"))
        except OSError:
            return None
        try:
            entry = orjson.loads(raw)
            if entry.get("format") != _FORMAT or entry.get("key") != key:
                return None
            return parse_entry(entry["analysis"], text)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, text: str, analysis: Analysis) -> None:
        """Store an analysis; a cache that cannot be written is noted, never fatal."""
        key = self.key(text)
        target = self.path(key)
        entry = {
            "format": _FORMAT,
            "key": key,
            "model": self.identity.label,
            "analysis": analysis.to_dict(),
        }
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # Write beside the target, then rename: readers see the old entry,
            # no entry, or the whole new one, never half of one.
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(temp, target)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            self.write_error = f"cannot write the cache in {self.root} ({exc.strerror or exc})"


def _read(name: str) -> bytes:
    """A file's bytes: one ``os.read`` for a small file (no Path, no buffered reader)."""
    handle = os.open(name, _READ_FLAGS)
    try:
        first = os.read(handle, _READ_SIZE)
        if len(first) < _READ_SIZE:
            # A short read of a regular file is its end: entries are replaced by a
            # rename, never written in place, so an open entry does not grow.
            return first
        parts = [first]
        while parts[-1]:
            parts.append(os.read(handle, _READ_SIZE))
    finally:
        os.close(handle)
    return b"".join(parts)


def parse_entry(data: Any, text: str) -> Analysis | None:
    """The analysis a cache entry's ``"analysis"`` value stores (``Analysis.to_dict``'s
    layout), or None when any span is not an exact slice of ``text``.

    Each record is checked while it is built: offsets must be ``int``, texts ``str``
    (what JSON gives for a sound entry) and every span must fit, so a damaged or
    foreign entry is a miss. Malformed data raises ValueError, KeyError or TypeError.
    """
    size = len(text)
    mentions = []
    for start, end, found, label in map(_MENTION_FIELDS, data["mentions"]):
        if not (
            type(start) is int
            and type(end) is int
            and 0 <= start <= end <= size
            and text[start:end] == found
            and type(label) is str
        ):
            return None
        mentions.append(Mention(start, end, found, label))
    quotes = []
    for item in data["quotes"]:
        start, end, found = item["start"], item["end"], item["text"]
        partial = item.get("partial", False)
        if not (_fits(start, end, found, text) and type(partial) is bool):
            return None
        spans: list[Span | None] = []
        for name in ("speaker", "speaker_ref", "cue"):
            value = item.get(name)
            if not value:
                spans.append(None)
                continue
            start_, end_, found_ = value["start"], value["end"], value["text"]
            if not _fits(start_, end_, found_, text):
                return None
            spans.append(Span(start_, end_, found_))
        quotes.append(QuoteFinding(start, end, found, partial, *spans))
    return Analysis(tuple(mentions), tuple(quotes))


def _fits(start: Any, end: Any, found: Any, text: str) -> bool:
    return (
        type(start) is int
        and type(end) is int
        and 0 <= start <= end <= len(text)
        and text[start:end] == found
    )


def fits(analysis: Analysis, text: str) -> bool:
    """Whether every span of ``analysis`` is an exact slice of ``text``."""
    spans = [(m.start, m.end, m.text) for m in analysis.mentions]
    for quote in analysis.quotes:
        spans.append((quote.start, quote.end, quote.text))
        for part in (quote.speaker, quote.speaker_ref, quote.cue):
            if part is not None:
                spans.append((part.start, part.end, part.text))
    return all(0 <= s <= e <= len(text) and text[s:e] == t for s, e, t in spans)


def clear_cache(root: Path) -> int:
    """Delete every cached analysis under ``root``; returns how many entries there were.

    Raises:
        OSError: ``root`` is not a folder, or could not be removed.
    """
    if not root.exists():
        return 0
    if not root.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(root))
    # Entries only: a ".tmp-" file is a write in progress, not an entry.
    count = sum(1 for _ in root.glob("*/[!.]*.json"))
    shutil.rmtree(root)
    return count
