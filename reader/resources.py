"""Where the bundled articles and themes are, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    # A wheel carries them in reader/_bundled/; a source checkout or an
    # editable install finds them at the top of the repository.
    installed = _PACKAGE / "_bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def bundled_articles_dir() -> Path:
    """The folder of articles `reader` opens when given no path."""
    return _bundled("articles")


def bundled_themes_dir() -> Path:
    """The folder of the themes shipped with the reader."""
    return _bundled("themes")
