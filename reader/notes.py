"""Notes: passages or quotes the reader marked, with an optional note, kept across runs.

A note stores where its passage was (the article's path, its text hash and the
offsets) and the passage itself with some text either side, so it still finds
its passage after the file moves or is edited: by text hash first (the same
text anywhere), then by path (the same file, edited), then by searching every
loaded article for the passage and its context. Notes live in one JSON file in
the user state directory, never beside the articles.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from reader.model import Article, Quote
from reader.state_files import read_json, state_dir, text_hash, write_json

#: Characters of text kept on each side of a passage, to find it again.
CONTEXT = 80
_VERSION = 1
_WHAT = "notes"

Found = Literal["hash", "path", "search"]


@dataclass(frozen=True, slots=True)
class Note:
    """One marked passage.

    Attributes:
        id: a random id, unique in the store.
        path: the article file's absolute path when the note was made.
        article_id: the article's id then.
        title: the article's title then (or None).
        text_hash: the hash of the article's whole text then.
        start: the passage's offset in that text.
        end: its end.
        passage: the passage's text.
        before: up to ``CONTEXT`` characters before it.
        after: up to ``CONTEXT`` characters after it.
        note: what the reader wrote (may be empty).
        added: when it was made, ISO 8601 in UTC.
        kind: "quote" or "passage".
    """

    id: str
    path: str
    article_id: str
    title: str | None
    text_hash: str
    start: int
    end: int
    passage: str
    before: str
    after: str
    note: str
    added: str
    kind: str = "passage"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Note:
        values = {f.name: data[f.name] for f in fields(cls) if f.name in data}
        for name in ("start", "end"):
            values[name] = int(values[name])
        for name, value in values.items():
            text_field = name not in ("start", "end", "title")
            if text_field and not isinstance(value, str):
                raise ValueError(f"a note's {name} must be text")
        if values.get("title") is not None and not isinstance(values["title"], str):
            raise ValueError("a note's title must be text")
        note = cls(**values)
        if not (0 <= note.start < note.end) or not note.passage:
            raise ValueError("a note needs a passage")
        return note


@dataclass(frozen=True, slots=True)
class Located:
    """Where a note's passage is among the loaded articles, and how it was found."""

    article: str
    start: int
    end: int
    found: Found


def new_note(article: Article, start: int, end: int, note: str = "", kind: str = "passage") -> Note:
    """A note on ``article.text[start:end]`` (not yet stored).

    Raises:
        ValueError: when the span is empty or outside the text.
    """
    if not 0 <= start < end <= len(article.text):
        raise ValueError(f"no passage at {start}..{end} in {article.id}")
    text = article.text
    return Note(
        id=secrets.token_hex(6),
        path=os.path.abspath(article.path),
        article_id=article.id,
        title=article.title,
        text_hash=text_hash(text),
        start=start,
        end=end,
        passage=text[start:end],
        before=text[max(0, start - CONTEXT) : start],
        after=text[end : end + CONTEXT],
        note=note.strip(),
        added=datetime.now(UTC).isoformat(timespec="seconds"),
        kind=kind,
    )


# A sentence ends at . ! ? (or …), maybe followed by closing quotes or brackets, then space;
# or at a line break (a headline, one paragraph or sentence a line) unless the next line
# starts in lower case, as hard-wrapped text does.
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+|[ \t]*\n\s*")
_PARAGRAPH = re.compile(r"\n\s*\n")
# A period after an initial or a common abbreviation ("Mr. Putin", "U.S. officials") ends nothing.
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Col|Lt|Sgt|St|Jr|Sr|No|vs|etc))$"
)


def passage_at(
    article: Article, offset: int, quotes: Sequence[Quote] = ()
) -> tuple[int, int, str] | None:
    """The passage to mark at ``offset``: the quote there, else the sentence there.

    Args:
        article: the article the cursor is in.
        offset: the cursor's offset in ``article.text``.
        quotes: the corpus quotes (those of other articles are ignored).

    Returns:
        ``(start, end, kind)`` with kind "quote" or "passage", or None when the
        offset is outside the text or on blank space between paragraphs.
    """
    text = article.text
    if not 0 <= offset < len(text):
        return None
    for quote in quotes:
        if quote.article == article.id and quote.start <= offset < quote.end:
            return quote.start, quote.end, "quote"
    if text[offset].isspace() and _PARAGRAPH.search(text, max(0, offset - 1), offset + 2):
        return None
    start = max((m.end() for m in _PARAGRAPH.finditer(text, 0, offset + 1)), default=0)
    found = _PARAGRAPH.search(text, offset)
    end = found.start() if found else len(text)
    for boundary in _SENTENCE_END.finditer(text, start, end):
        if boundary.group().startswith(".") and _ABBREVIATION.search(text, start, boundary.start()):
            continue
        if not boundary.group().strip() and text[boundary.end() : boundary.end() + 1].islower():
            continue
        if boundary.end() <= offset:
            start = boundary.end()
        else:
            end = boundary.start() + len(boundary.group().rstrip())
            break
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end, "passage") if start < end else None


def locate(note: Note, articles: Sequence[Article]) -> Located | None:
    """Find ``note``'s passage in ``articles``.

    Returns:
        Where it is, or None when no loaded article holds the passage any more.
    """
    for article in articles:
        if text_hash(article.text) == note.text_hash and _at(article, note.start, note) is not None:
            return Located(article.id, note.start, note.end, "hash")
    same_path = [a for a in articles if os.path.abspath(a.path) == note.path]
    ways: tuple[tuple[Found, Sequence[Article]], ...] = (("path", same_path), ("search", articles))
    for found, candidates in ways:
        best = _search(note, candidates)
        if best is not None:
            article, start = best
            return Located(article.id, start, start + len(note.passage), found)
    return None


def _at(article: Article, start: int, note: Note) -> int | None:
    return start if article.text[start : start + len(note.passage)] == note.passage else None


def _search(note: Note, articles: Sequence[Article]) -> tuple[Article, int] | None:
    """The occurrence of the passage whose surroundings best match the saved context."""
    best: tuple[int, int, Article, int] | None = None
    for article in articles:
        text = article.text
        start = text.find(note.passage)
        while start != -1:
            score = _agreement(note.before[::-1], text[max(0, start - CONTEXT) : start][::-1])
            score += _agreement(note.after, text[start + len(note.passage) :][:CONTEXT])
            # Equal context: the occurrence nearest the old offset wins.
            candidate = (score, -abs(start - note.start), article, start)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
            start = text.find(note.passage, start + 1)
    return (best[2], best[3]) if best is not None else None


def _agreement(saved: str, now: str) -> int:
    """How many characters ``saved`` and ``now`` share from their start."""
    count = 0
    for a, b in zip(saved, now, strict=False):
        if a != b:
            break
        count += 1
    return count


class NotesStore:
    """The notes file: add, remove and list notes."""

    def __init__(self, path: Path | None = None) -> None:
        """Use ``path`` (default ``<state dir>/notes.json``)."""
        self.path = path if path is not None else state_dir() / "notes.json"

    def list_notes(self) -> tuple[list[Note], str | None]:
        """Every note, oldest first, and a one-line notice if some could not be read."""
        data, notice = read_json(self.path, _WHAT)
        if data is None:
            return [], notice
        raw = data.get("notes")
        if data.get("version") != _VERSION or not isinstance(raw, list):
            return [], f"the saved {_WHAT} in {self.path} are damaged; ignored"
        notes: list[Note] = []
        bad = 0
        for item in raw:
            try:
                notes.append(Note.from_dict(item))
            except (KeyError, TypeError, ValueError, AttributeError):
                bad += 1
        if bad:
            notice = f"{bad} damaged note(s) in {self.path} ignored"
        return notes, notice

    def add(self, note: Note) -> str | None:
        """Store ``note``; returns a one-line notice when it cannot be saved."""
        notes, notice = self._for_update()
        return self._write([*notes, note]) or notice

    def remove(self, note_id: str) -> str | None:
        """Delete the note with this id (nothing happens if there is none)."""
        notes, notice = self._for_update()
        kept = [n for n in notes if n.id != note_id]
        if len(kept) == len(notes):
            return notice
        return self._write(kept) or notice

    def _for_update(self) -> tuple[list[Note], str | None]:
        notes, notice = self.list_notes()
        if notice is not None and self.path.exists():
            # Never overwrite what could not be read: the reader may want it back.
            aside = self.path.with_name(self.path.name + ".damaged")
            try:
                os.replace(self.path, aside)
            except OSError as exc:
                return notes, f"{notice}; cannot move it aside ({exc.strerror or exc})"
            notice = f"{notice}; kept as {aside}"
        return notes, notice

    def _write(self, notes: Sequence[Note]) -> str | None:
        document = {"version": _VERSION, "notes": [n.to_dict() for n in notes]}
        return write_json(self.path, document, _WHAT)
