"""Work done while the keys and the mouse rest, a piece at a time, never at a key.

Some of what the reader would do at a key can wait for a moment nobody types:
the cycle collector's full passes (``idle_collector``), the summaries its dialogs
show of a large collection (``dialogs.Dialogs.warm``). ``AtRest`` says when such
a moment is (no key, mouse event or paste for ``IDLE_AFTER`` seconds) and gives
it to its jobs one piece at a time: each look does one piece of the first job
that has any, so a key that comes meanwhile waits for one piece at most.
"""

from __future__ import annotations

import time
from collections.abc import Callable

#: Seconds without a key, a mouse event or a paste after which the reader is at rest.
IDLE_AFTER = 0.5
#: How often (seconds) the reader looks whether it is at rest.
LOOK_EVERY = 0.25

#: A job: does one piece of its work now and says whether it did any.
Job = Callable[[], bool]


class AtRest:
    """When the reader is at rest, and the jobs done then (see the module's notes).

    Args:
        clock: seconds, for the time since the last input (``time.monotonic``).
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        #: The clock read (a test may set its own, then call ``touched``).
        self.clock = clock
        self._last_input = clock()
        self._jobs: list[tuple[int, Job]] = []

    def add(self, job: Job, order: int = 0) -> None:
        """Give ``job`` the moments at rest; a job of a lower ``order`` goes first (of one
        order, the one added first)."""
        self._jobs.append((order, job))
        self._jobs.sort(key=lambda entry: entry[0])  # stable: the first added stays first

    def touched(self) -> None:
        """A key, a mouse event or a paste came: the reader is in use."""
        self._last_input = self.clock()

    def resting(self) -> bool:
        """Whether no input came for ``IDLE_AFTER`` seconds."""
        return self.clock() - self._last_input >= IDLE_AFTER

    def look(self) -> bool:
        """At rest: one piece of the first job that has any; whether one was done."""
        if not self.resting():
            return False
        return any(job() for _, job in self._jobs)
