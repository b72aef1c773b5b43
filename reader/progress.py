"""The progress line of a long batch analysis: count, words per second, time left.

On a terminal the line is redrawn in place; elsewhere (a log file, a CI job) a
plain line is printed now and then, so logs stay readable.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

#: Seconds between two plain lines when the output is not a terminal.
PLAIN_INTERVAL = 10.0
#: Seconds between two redraws on a terminal (redrawing costs little, but not nothing).
TTY_INTERVAL = 0.2


def format_duration(seconds: float) -> str:
    """``seconds`` as ``m:ss`` or ``h:mm:ss`` ("0:07", "1:02:03")."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Throttle:
    """When a count is worth telling: at most every ``interval`` seconds, and at the last.

    Args:
        interval: the least time between two counts told (seconds).
        clock: the time source (``time.monotonic``).
    """

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = interval
        self.clock = clock
        self._told = float("-inf")

    def due(self, done: int, total: int) -> bool:
        """Whether ``done`` of ``total`` is to be told (the first always is); if so, it is
        taken as told now."""
        now = self.clock()
        if now - self._told >= self.interval or done >= total:
            self._told = now
            return True
        return False

    def restart(self) -> None:
        """A new count begins: its first is told whenever it comes."""
        self._told = float("-inf")


class StatusLine:
    """What a long command does now, on one line of a terminal redrawn in place, then
    blanked (``clear``: ``reader export`` analyzing and linking) or kept (``end``:
    ``ProgressLine``): nothing at all where the stream is no terminal.

    Args:
        stream: where to write (stderr).
        tty: whether ``stream`` is a terminal.
        clock: the time source (``time.monotonic``).
    """

    def __init__(
        self, stream: TextIO, *, tty: bool, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.stream = stream
        self.tty = tty
        self.clock = clock
        self._width = 0
        self._counts = Throttle(TTY_INTERVAL, clock)
        self._step = ""

    def analyzing(self, done: int, total: int, *_: object) -> None:
        """An article is analyzed (``Analyzer.analyze``'s ``on_progress``); redrawn at
        most every ``TTY_INTERVAL`` seconds, and at the last."""
        if self._counts.due(done, total):
            self.show(f"analyzing: {done:,}/{total:,} articles")

    def linking(self, step: str) -> None:
        """A step of linking begins (``link_corpus``'s ``on_step``): its first count is
        shown whenever it comes, however soon after the last step's."""
        self._step = step
        self._counts.restart()
        self.show(f"linking: {step}…")

    def counting(self, done: int, total: int) -> None:
        """How far the step under way is (``CollectionLinker.link``'s ``on_count``);
        redrawn at most every ``TTY_INTERVAL`` seconds, and at the last."""
        if self._counts.due(done, total):
            self.show(f"linking: {self._step} {done:,}/{total:,}…")

    def show(self, text: str) -> None:
        """Say ``text`` in place of what the line said."""
        if self.tty:
            # Padded over a longer previous text: plain characters only.
            self.stream.write("\r" + text.ljust(self._width))
            self._width = max(self._width, len(text))
            self.stream.flush()

    def end(self) -> None:
        """End the line where it stands, so what follows starts on a line of its own."""
        if self.tty and self._width:
            self.stream.write("\n")
            self.stream.flush()
            self._width = 0

    def clear(self) -> None:
        """Blank the line, so what follows starts where it started."""
        if self.tty and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0


class ProgressLine:
    """Reports ``done/total`` articles, words per second and the time left.

    Args:
        stream: where to write (stderr).
        total: articles to analyze.
        total_words: their words, for the time left.
        tty: redraw one line in place (True) or print plain lines (False).
        clock: the time source (``time.monotonic``).
    """

    def __init__(
        self,
        stream: TextIO,
        total: int,
        total_words: int,
        *,
        tty: bool,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.total = total
        self.total_words = total_words
        self.tty = tty
        self.clock = clock
        self.started = clock()
        self._last_shown = self.started
        self._line = StatusLine(stream, tty=tty, clock=clock)

    def update(self, done: int, words: int) -> None:
        """Note that ``done`` articles holding ``words`` words are finished."""
        now = self.clock()
        interval = TTY_INTERVAL if self.tty else PLAIN_INTERVAL
        # The last redraw on a terminal shows the end; a log gets the summary instead.
        finished = done >= self.total and self.tty
        if now - self._last_shown < interval and not finished:
            return
        self._last_shown = now
        self._show(self.describe(done, words, now - self.started))

    def describe(self, done: int, words: int, elapsed: float) -> str:
        """The text of the line after ``elapsed`` seconds."""
        rate = words / elapsed if elapsed > 0 else 0.0
        line = f"analyzing: {done}/{self.total} articles, {rate:,.0f} words/s"
        if rate > 0 and done < self.total:
            left = (self.total_words - words) / rate
            line += f", {format_duration(left)} left"
        return line

    def close(self) -> None:
        """End the redrawn line, so what follows starts on a line of its own."""
        self._line.end()

    def _show(self, line: str) -> None:
        if self.tty:
            self._line.show(line)
        else:
            self.stream.write(line + "\n")
            self.stream.flush()
