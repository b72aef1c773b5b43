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
one is made once the keys and the mouse have rested ``IDLE_AFTER`` seconds,
when anything outlived the young passes since the last. The young passes stay as
they are: a few milliseconds each.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

#: Passes of the middle generation between two full passes the interpreter makes itself
#: (its default is 10): reached only when the reader is never idle for long (about five
#: seconds of dialogs opened and closed without a pause).
FULL_EVERY = 50
#: Seconds without a key, a mouse event or a paste after which the reader counts as idle.
IDLE_AFTER = 0.5
#: How often (seconds) the collector looks whether the reader is idle.
LOOK_EVERY = 0.25


class IdleCollector:
    """Full passes of the cycle collector at rest (see the module's notes).

    Args:
        clock: seconds, for the idle time (``time.monotonic``; a test's own).
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last_input = clock()
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

    def touched(self) -> None:
        """A key, a mouse event or a paste came: the reader is in use."""
        self._last_input = self._clock()

    def look(self) -> bool:
        """Make a full pass if the reader is idle and anything outlived the young passes
        since the last one; whether it made one. Never while collecting is paused
        (``gc.disable``, as while a large collection is taken in)."""
        if self._thresholds is None or not gc.isenabled():
            return False
        if self._clock() - self._last_input < IDLE_AFTER:
            return False
        if gc.get_count()[2] == 0:
            return False  # no pass of the middle generation since the last full one
        gc.collect()
        return True
