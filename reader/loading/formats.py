"""Parsing each article format into article fields.

Every parser takes the decoded, cleaned text of one file and returns one or
more ``Draft`` records (fields of an article) plus warnings. Metadata values
come from untrusted files too, so every string passes through ``clean_text``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from reader.date_lines import story_date
from reader.loading.decode import clean_text
from reader.loading.html import HtmlError, extract_page
from reader.loading.markdown import markdown_to_text
from reader.model import Article
from reader.newsroom import bylines, opening_dateline, story_credits
from reader.yaml_errors import yaml_problem

_FIELDS = ("title", "source", "author", "date", "url")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)
_FRONT_MATTER_OPEN = re.compile(r"---[ \t]*\n")


class FormatError(ValueError):
    """The file's content cannot become an article; the message is the reason."""


@dataclass(slots=True)
class Draft:
    """The fields of one article before it gets its id and path."""

    text: str
    fields: dict[str, str | None] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    suffix: str = ""  # added to the file's id when one file holds several articles

    def article(self, article_id: str, path: str) -> Article:
        """The article this draft becomes, with its id and where it came from.

        An author or a source the file (or the page, or the feed) does not give is
        read from the text's byline and dateline (``reader.newsroom``), a date from
        its date line (``reader.date_lines``); one it gives as empty (``source:
        null``) stays empty.
        """
        fields = self.fields
        if "author" not in fields or "source" not in fields:
            read = story_credits(self.text)
            fields = {"author": read.author, "source": read.source, **fields}
        if "date" not in fields:
            fields = {"date": story_date(self.text), **fields}
        return Article(
            id=article_id,
            path=path,
            text=self.text,
            title=fields.get("title"),
            source=fields.get("source"),
            author=fields.get("author"),
            date=fields.get("date"),
            url=fields.get("url"),
            metadata=self.metadata,
        )


def parse(suffix: str, text: str) -> tuple[list[Draft], list[str]]:
    """Parse ``text`` as the format its file ending names (plain text for others)."""
    suffix = suffix.lower()
    if suffix in (".md", ".markdown"):
        return parse_markdown(text)
    if suffix in (".html", ".htm"):
        return [parse_html(text)], []
    if suffix == ".json":
        return parse_json(text)
    if suffix == ".jsonl":
        return parse_jsonl(text)
    return [parse_plain(text)], []


def parse_plain(text: str) -> Draft:
    """Plain text: the text is the content exactly; the title its first non-empty line."""
    return Draft(text, {"title": _first_line(text)})


def parse_markdown(text: str) -> tuple[list[Draft], list[str]]:
    """Markdown with optional YAML front matter (``yaml.safe_load`` only), as reading text.

    The Markdown becomes plain text (see ``markdown_to_text``): markup and link
    targets are dropped, code blocks too.
    """
    warnings: list[str] = []
    meta: dict[str, Any] = {}
    body = text
    if _FRONT_MATTER_OPEN.match(text):
        match = _FRONT_MATTER.match(text)
        if match is None:
            warnings.append("front matter has no closing '---'; read as text")
        else:
            body = text[match.end() :]
            try:
                loaded = yaml.safe_load(match.group(1))
            except yaml.YAMLError as exc:
                warnings.append(f"broken front matter ignored ({yaml_problem(exc)})")
            except RecursionError:
                warnings.append("broken front matter ignored (nested too deeply)")
            else:
                if isinstance(loaded, dict):
                    meta = loaded
                elif loaded is not None:
                    warnings.append("front matter is not a mapping; ignored")
    reading = markdown_to_text(body)
    # Character references (&#27;) are decoded by the parser: clean the result again.
    text = clean_text(reading.text)
    if not text.strip():
        raise FormatError("no article text after the front matter")
    fields, metadata = _split_fields(meta)
    if not fields.get("title"):
        fields["title"] = _clean_value(reading.heading) or _first_line(text)
    return [Draft(text, fields, metadata)], warnings


def parse_html(text: str, url: str | None = None) -> Draft:
    """HTML: the page's article text and metadata (see ``reader.loading.html``)."""
    try:
        page = extract_page(text, url)
    except HtmlError as exc:
        raise FormatError(str(exc)) from None
    fields = {
        "title": page.title,
        "source": page.source,
        "author": page.author,
        "date": page.date,
        "url": page.url,
    }
    # What the page does not say is left to the text (``Draft.article``).
    return Draft(page.text, {name: value for name, value in fields.items() if value})


def parse_json(text: str) -> tuple[list[Draft], list[str]]:
    """JSON: one article object, or a list of them, each with a ``text`` field."""
    data = _json_value(text, say_line=True)
    if isinstance(data, dict):
        return [_from_object(data)], []
    if not isinstance(data, list):
        raise FormatError("JSON must be an article object or a list of them")
    entries = ((number, lambda item=item: item) for number, item in enumerate(data, start=1))
    return _numbered_drafts(entries, "item", "JSON list")


def parse_jsonl(text: str) -> tuple[list[Draft], list[str]]:
    """JSON Lines: one article object per line; bad lines are skipped with a warning."""
    entries = (
        (number, lambda line=line: _json_value(line, say_line=False))
        for number, line in enumerate(text.split("\n"), start=1)
        if line.strip()
    )
    return _numbered_drafts(entries, "line", "JSON Lines file")


def _json_value(text: str, say_line: bool) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f" at line {exc.lineno}" if say_line else ""
        raise FormatError(f"invalid JSON ({exc.msg}{where})") from None
    except (ValueError, RecursionError) as exc:
        raise FormatError(f"unusable JSON ({_json_problem(exc)})") from None


def _numbered_drafts(
    entries: Iterable[tuple[int, Callable[[], Any]]], unit: str, container: str
) -> tuple[list[Draft], list[str]]:
    """One draft per usable entry (``#N`` ids); each unusable one is a warning."""
    drafts: list[Draft] = []
    warnings: list[str] = []
    for number, value in entries:
        try:
            draft = _from_object(value())
        except FormatError as exc:
            warnings.append(f"{unit} {number} skipped: {exc}")
            continue
        draft.suffix = f"#{number}"
        drafts.append(draft)
    if not drafts:
        raise FormatError(f"no usable article in the {container}" + _first(warnings))
    return drafts, warnings


def _from_object(data: Any) -> Draft:
    if not isinstance(data, dict):
        raise FormatError("not a JSON object")
    body = data.get("text")
    if not isinstance(body, str) or not body.strip():
        raise FormatError("no 'text' field with article text")
    fields, metadata = _split_fields({k: v for k, v in data.items() if k != "text"})
    body = clean_text(body)
    if not fields.get("title"):
        fields["title"] = _first_line(body)
    return Draft(body, fields, metadata)


def _split_fields(meta: dict[Any, Any]) -> tuple[dict[str, str | None], dict[str, Any]]:
    fields: dict[str, str | None] = {}
    metadata: dict[str, Any] = {}
    budget = [_MAX_NODES]
    for key, value in list(meta.items())[:_MAX_ITEMS]:
        name = clean_text(str(key))
        if name in _FIELDS:
            fields[name] = _clean_value(value)
        else:
            metadata[name] = _plain(value, 1, budget)
    return fields, metadata


def _clean_value(value: Any) -> str | None:
    """A metadata field as one line of text; lists are joined, ``{"name": ...}`` is its name."""
    if isinstance(value, list | tuple):
        parts = (_scalar(v) for v in value[:_MAX_ITEMS])
        text = ", ".join(p for p in parts if p)
    else:
        text = _scalar(value) or ""
    text = " ".join(clean_text(text).split())
    return text or None


def _scalar(value: Any) -> str | None:
    if isinstance(value, dict):  # authors are often written {"name": ..., "url": ...}
        value = value.get("name")
    if value is None or isinstance(value, dict | list | tuple | set):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


#: Metadata beyond these bounds is dropped: a hostile file can nest values
#: deeply or make YAML aliases expand to billions of nodes.
_MAX_DEPTH = 32
_MAX_ITEMS = 100
_MAX_NODES = 10_000


def _plain(value: Any, depth: int = 0, budget: list[int] | None = None) -> Any:
    """Metadata as JSON-safe values, strings cleaned, size and depth bounded."""
    budget = [_MAX_NODES] if budget is None else budget
    budget[0] -= 1
    if budget[0] < 0 or depth > _MAX_DEPTH:
        return None
    if isinstance(value, dict):
        items = list(value.items())[:_MAX_ITEMS]
        return {clean_text(str(k)): _plain(v, depth + 1, budget) for k, v in items}
    if isinstance(value, list | tuple):
        return [_plain(v, depth + 1, budget) for v in value[:_MAX_ITEMS]]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return clean_text(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    return _scalar(value) if not isinstance(value, set) else None


def _first_line(text: str) -> str | None:
    """A title from the text: its first line with words, past a byline ("By Jane Doe"),
    without a dateline opening it ("KYIV, Ukraine (AP) — Russian missiles …" gives
    "Russian missiles …")."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line, start = text[start:end], end + 1
        if not line.strip() or bylines(line):
            continue
        filed = opening_dateline(line)
        title = " ".join((line[filed.end() :] if filed is not None else line).split())
        if title:
            return title
    return None


def _first(warnings: list[str]) -> str:
    return f" ({warnings[0]})" if warnings else ""


def _json_problem(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).split(";")[0]  # e.g. a number with thousands of digits
