"""Markdown to reading text: the words a reader sees, without the markup.

Link text stays and link targets go (so a URL's words are never analyzed);
headings become their own lines, list items keep a bullet or number, and
paragraphs stay separated by blank lines. Code blocks and raw HTML blocks are
dropped: they are not prose, and named-entity and quote finding on them only
produces noise. Text indented by four spaces stays (it is read as a paragraph,
not as code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.token import Token

#: Block tokens whose content is left out of the reading text.
_DROPPED_BLOCKS = frozenset({"fence", "code_block", "html_block", "hr"})
_BULLET = "•"
_SPACES = re.compile(r" {2,}")


@dataclass(frozen=True, slots=True)
class Reading:
    """The reading text of a Markdown document and its first heading (None without one)."""

    text: str
    heading: str | None


def markdown_to_text(source: str) -> Reading:
    """Turn a Markdown document into plain reading text.

    Args:
        source: the Markdown (front matter already removed).

    Returns:
        The text, blocks separated by blank lines and list items by single
        newlines, and the text of the first heading.
    """
    # Imported here: only Markdown files need the parser.
    from markdown_it import MarkdownIt

    # Indented code blocks are off: in news, an indented paragraph is far likelier
    # than code, and it must not vanish. Fenced code (```) is unambiguous and dropped.
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("code")
    tokens = parser.parse(source)
    # (text, group): blocks of one top-level list or table share a group and are
    # joined by single newlines; others (group None) by blank lines.
    blocks: list[tuple[str, int | None]] = []
    group = 0
    heading: str | None = None
    lists: list[list[int]] = []  # one entry per open list: [next number] or [-1] for bullets
    prefix = ""
    row: list[str] = []
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open", "table_open") and not lists:
            group += 1
        if kind == "bullet_list_open":
            lists.append([-1])
        elif kind == "ordered_list_open":
            start = token.attrGet("start")
            lists.append([int(start) if isinstance(start, int | str) else 1])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            prefix = _item_prefix(lists)
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            blocks.append(("  ".join(cell for cell in row if cell), group))
        elif kind == "inline":
            text = _inline(token.children or [])
            parent = tokens[index - 1].type if index else ""
            if parent in ("th_open", "td_open"):
                row.append(" ".join(text.split()))
                continue
            if parent == "heading_open" and heading is None and text.strip():
                heading = " ".join(text.split())
            if not text.strip():
                continue
            text, prefix = prefix + text, ""
            blocks.append((text, group if lists else None))
        elif kind in _DROPPED_BLOCKS:
            continue
    return Reading(_join(blocks), heading)


def _item_prefix(lists: list[list[int]]) -> str:
    indent = "  " * (len(lists) - 1)
    if not lists:
        return ""
    current = lists[-1]
    if current[0] < 0:
        return f"{indent}{_BULLET} "
    number = current[0]
    current[0] += 1
    return f"{indent}{number}. "


def _inline(children: list[Token]) -> str:
    parts: list[str] = []
    in_autolink = False
    for child in children:
        kind = child.type
        if kind == "link_open":
            in_autolink = child.markup == "autolink"
        elif kind == "link_close":
            in_autolink = False
        elif in_autolink:
            continue  # an autolink's text is its target: not prose
        elif kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind == "image":
            parts.append(child.content)  # the alt text
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
    # Dropped markup can leave doubled spaces, which Markdown never shows anyway.
    return _SPACES.sub(" ", "".join(parts)).strip()


def _join(blocks: list[tuple[str, int | None]]) -> str:
    out: list[str] = []
    previous: int | None = None
    for text, group in blocks:
        if out:
            out.append("\n" if group is not None and group == previous else "\n\n")
        out.append(text)
        previous = group
    return "".join(out)
