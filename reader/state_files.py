"""The reader's own state files (sessions, notes): where they live, reading, atomic writing.

State lives in the user state directory (``$XDG_STATE_HOME/reader`` on Linux),
never beside the articles. A damaged file is never fatal: reading it returns
nothing and a one-line notice the caller shows.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from platformdirs import user_state_dir

from reader.config import APP_NAME


def state_dir() -> Path:
    """The user state directory (``XDG_STATE_HOME`` respected), read at each call."""
    return Path(user_state_dir(APP_NAME))


def text_hash(text: str) -> str:
    """A short digest of an article's text, to recognize it after it moves or is renamed."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def read_json(path: Path, what: str) -> tuple[dict[str, Any] | None, str | None]:
    """Read a JSON object written by :func:`write_json`.

    Args:
        path: the file.
        what: what the file holds, for the notice ("notes", "sessions").

    Returns:
        ``(data, None)``; ``(None, None)`` when the file does not exist yet;
        ``(None, notice)`` when it cannot be read or is damaged.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, None
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"cannot read the saved {what} in {path} ({_reason(exc)}); ignored"
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, RecursionError):
        return None, f"the saved {what} in {path} are damaged; ignored"
    if not isinstance(data, dict):
        return None, f"the saved {what} in {path} are damaged; ignored"
    return data, None


def write_json(path: Path, data: dict[str, Any], what: str) -> str | None:
    """Write ``data`` to ``path`` atomically (a reader never sees half a file).

    Returns:
        None, or a one-line notice when the file cannot be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=1)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        return f"cannot save the {what} in {path} ({_reason(exc)})"
    return None


def _reason(exc: Exception) -> str:
    return str(getattr(exc, "strerror", None) or exc)
