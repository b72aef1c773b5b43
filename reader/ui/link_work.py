"""What a link in a worker thread works on, and what it hands back to the screen."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reader.model import Analysis, Corpus, Entity
from reader.ui.highlights import ArticleMarks
from reader.ui.selection import Anchor
from reader.ui.sidebar_rows import SidebarRows


@dataclass(frozen=True, slots=True, repr=False)
class LinkRequest:
    """What one link works on: a copy of the analyses so far.

    No generated repr: Textual describes a worker by its arguments' reprs, and
    the repr of thousands of analyses took a quarter of a second on the UI thread.
    """

    generation: int
    analyses: dict[str, Analysis]
    final: bool
    anchor: Anchor | None


@dataclass(frozen=True, slots=True)
class LinkResult:
    """A corpus linked in a worker, with everything the screen derives from it."""

    generation: int
    corpus: Corpus
    marks: Mapping[str, ArticleMarks]
    rows: SidebarRows
    anchor: Anchor | None
    #: The entity that ``anchor`` became (None when it is gone or there was none).
    found: Entity | None
    final: bool
    seconds: float
