"""`reader notes`: the saved notes as Markdown (to read) or JSON (for scripts).

The passages are article text, which is untrusted: control characters never
reach the terminal (dropped from Markdown, escaped in JSON).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from reader.notes import Note

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# JSON keeps C1 controls (\x80-\x9f, CSI among them) raw unless told otherwise.
_C1 = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


def notes_markdown(notes: Sequence[Note]) -> str:
    """The notes as a Markdown document, oldest first."""
    if not notes:
        return "No notes yet: mark a passage or a quote in the reader to add one.\n"
    lines = [f"# Notes ({len(notes)})", ""]
    for number, note in enumerate(notes, start=1):
        title = _one_line(note.title or note.article_id)
        lines += [f"## {number}. {title}", ""]
        lines += [f"`{_one_line(note.path)}` · added {_one_line(note.added)}", ""]
        lines += [f"> {line}" if line else ">" for line in _clean(note.passage).splitlines()]
        if note.note:
            lines += ["", *_clean(note.note).splitlines()]
        lines.append("")
    return "\n".join(lines)


def notes_json(notes: Sequence[Note]) -> str:
    """The notes as one JSON document: ``{"notes": [...]}``."""
    text = json.dumps({"notes": [n.to_dict() for n in notes]}, ensure_ascii=False, indent=2)
    return text.translate(_C1) + "\n"


def _clean(text: str) -> str:
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _one_line(text: str) -> str:
    return " ".join(_clean(text).split())
