"""The cycle collector's full passes made while nobody types, not at a key.

CPython's cycle collector makes a full pass over every object it tracks (but the
frozen ones) once enough have outlived its two young generations: by default
after every ten passes of the middle one. Once a large collection is in, what it
tracks is mostly what Textual keeps of the screens drawn (each line a ``Strip``
with seven small caches of its own): some 90,000 objects after a few dialogs,
and a full pass over them took 70-130 ms here. Opening and closing dialogs makes
that many objects again, so a full pass came every second or so, at whatever key
was being answered then: a dialog closed in 50 ms, or in a quarter of a second.

Here the interpreter's own full passes are made rare (``FULL_EVERY`` passes of the
middle generation instead of ten: a safety net for a reader never left idle), and
``collect`` makes one, as a job for the moments the reader is at rest
(``at_rest``), when anything outlived the young passes since the last. The young
passes stay as they are: a few milliseconds each.

Before each, ``let_go_of_closed_widgets`` empties a cache of Textual's that keeps every
widget's drawn lines alive after the widget is gone (textual#6665: an ``lru_cache`` on a
method of its ``StylesCache``, keyed by the instance). Each dialog opened and closed
left about 180 strips there for good, so the live objects every pass walked grew from
31,000 to 79,000 in thirty dialogs on the bundled articles; emptied, they stay at about
17,000.
"""

from __future__ import annotations

import gc
import importlib
from types import ModuleType


def _textual_module(name: str) -> ModuleType | None:
    """A module of Textual's own, or None: a later version may drop or rename it."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


_styles_cache = _textual_module("textual._styles_cache")

#: Passes of the middle generation between two full passes the interpreter makes itself
#: (its default is 10): reached only when the reader is never idle for long (about five
#: seconds of dialogs opened and closed without a pause).
FULL_EVERY = 50


class IdleCollector:
    """Full passes of the cycle collector at rest (see the module's notes)."""

    def __init__(self) -> None:
        self._thresholds: tuple[int, int, int] | None = None

    def start(self) -> None:
        """Make the interpreter's own full passes rare (until ``stop``)."""
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            young, middle, _ = self._thresholds
            gc.set_threshold(young, middle, FULL_EVERY)

    def stop(self) -> None:
        """Give the interpreter its own full passes back."""
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def collect(self) -> bool:
        """Make a full pass if anything outlived the young passes since the last one;
        whether it made one. Never while stopped, nor while collecting is paused
        (``gc.disable``, as while a large collection is taken in)."""
        if self._thresholds is None or not gc.isenabled():
            return False
        if gc.get_count()[2] == 0:
            return False  # no pass of the middle generation since the last full one
        full_pass()
        return True


def full_pass() -> None:
    """A full pass of the cycle collector, Textual's cache of closed widgets' lines
    emptied first (see the module's notes)."""
    let_go_of_closed_widgets()
    gc.collect()


def let_go_of_closed_widgets() -> None:
    """Empty the cache by which Textual keeps closed widgets' drawn lines (see the
    module's notes); nothing where Textual has no such cache (a later version)."""
    cached = getattr(getattr(_styles_cache, "StylesCache", None), "get_inner_outer", None)
    cache_clear = getattr(cached, "cache_clear", None)
    if callable(cache_clear):
        cache_clear()
