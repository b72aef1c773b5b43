"""The per-article analysis cache: one JSON file per entry, written atomically.

An entry's key hashes the article text, the model's name and version, spaCy's
version and a fingerprint of the reader's analysis code, so any of them changing means a
miss. Entries are JSON (never pickle) and are checked on load: an entry that
is unreadable, truncated, for another key or whose offsets do not fit the text
counts as a miss and is recomputed.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from reader.model import Analysis
from reader.nlp import ModelIdentity, analysis_fingerprint

_FORMAT = 1


class AnalysisCache:
    """Cached analyses for one model, under ``root``."""

    def __init__(self, root: Path, identity: ModelIdentity) -> None:
        self.root = root
        self.identity = identity
        self.write_error: str | None = None

    def key(self, text: str) -> str:
        """The entry key of an article text for this model and analysis version."""
        digest = hashlib.sha256()
        for part in (
            f"reader-analysis-{analysis_fingerprint()}",
            self.identity.name,
            self.identity.version,
            self.identity.spacy_version,
            text,
        ):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, text: str) -> Analysis | None:
        """The cached analysis of ``text``, or None on a miss or a damaged entry."""
        key = self.key(text)
        try:
            raw = self.path(key).read_bytes()
        except OSError:
            return None
        try:
            entry = json.loads(raw)
            if entry.get("format") != _FORMAT or entry.get("key") != key:
                return None
            analysis = Analysis.from_dict(entry["analysis"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        return analysis if fits(analysis, text) else None

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
