"""A corpus the screen no longer shows, let go of in a thread of its own, a piece at a time.

Freeing a 10,000-article corpus (its entities, their mentions, its quotes and the
per-article indexes of its highlights) takes about 70 ms, all in one stretch:
whoever drops the last reference frees everything it held, and that was the UI
thread, as a changed collection's new link replaced the one shown meanwhile (a
key waited for it). Here a thread takes the last references over, waits while
the screen lays the new corpus out, lets go of the outer objects (which frees
only their shells, the pieces being still held), then of the pieces a few
thousand objects at a time, pausing in between: a thread that freed everything
at once would hold the interpreter lock, and the keys, just as long.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from reader.model import Corpus
from reader.ui.lazy_marks import LazyMarks

#: Seconds to wait before freeing anything: the screen lays the new corpus out meanwhile.
DELAY = 0.5
#: About this many objects (mentions, spans, quotes) are freed at a time ...
CHUNK = 2000
#: ... with this pause (seconds) after each, the interpreter lock left to the UI thread.
PAUSE = 0.001


def let_go(box: list[tuple[Corpus, Any]]) -> threading.Thread:
    """Free what ``box`` holds (``(corpus, extra)`` pairs, emptied now) in a daemon thread.

    ``extra``: the corpus's highlights (``LazyMarks`` or a mapping of them, whose
    parts are freed a piece at a time too), or anything else made of the corpus
    (let go of with it). The caller must hold no other reference to them, or that
    one frees them.
    """
    held = box[:]
    box.clear()
    thread = threading.Thread(target=_dismantle, args=(held,), daemon=True, name="let-go")
    thread.start()
    return thread


def _dismantle(held: list[tuple[Corpus, object]]) -> None:
    time.sleep(DELAY)
    pieces: list[object] = []
    while held:
        corpus, extra = held.pop()
        pieces += corpus.entities
        pieces += corpus.quotes
        if isinstance(extra, LazyMarks):
            pieces += extra.parts()
        elif isinstance(extra, dict):
            pieces += extra.values()
        del corpus, extra  # the shells go: what they held is held by ``pieces``
    while pieces:
        weight = 0
        while pieces and weight < CHUNK:
            piece = pieces.pop()
            weight += _weight(piece)
            del piece
        time.sleep(PAUSE)


def _weight(piece: object) -> int:
    """About how many objects freeing ``piece`` frees."""
    if isinstance(piece, list):
        return 1 + len(piece)
    return 1 + len(getattr(piece, "mentions", ()))
