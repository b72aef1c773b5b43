"""Work done on another core while this process goes on: a forked child.

The command line links a collection once and exits. Some of that work needs
only data the process already holds, plus a little it makes later, and gives
back little (the stories of 10,000 articles are a few hundred lists of ids),
so a forked child can do it on the second core while this process links: the
child sees the data for free (copy-on-write), is sent the rest as JSON
through a pipe (``Aside.send``) and sends its result back the same way
(``Aside.result``). Where fork is unavailable, other threads are running (but
those declared ``fork_safe``), or the child fails, the work is done here
instead: the result is the same either way.
So it is too when no core is idle (a single core, or a machine busy with other
work): the child would only take time from this process.
"""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import orjson

T = TypeVar("T")
#: The work: given the call that returns what ``Aside.send`` sent, it returns its result.
Work = Callable[[Callable[[], Any]], T]


class Aside(Generic[T]):
    """Work started aside (``start``): send it its input once, then take its result once."""

    def __init__(self, work: Work[T], decode: Callable[[Any], T]) -> None:
        self._work = work
        self._decode = decode
        self._input: Any = None

    def send(self, value: Any) -> None:
        """Give the work its input (JSON-ready data)."""
        self._input = value

    def result(self) -> T:
        """The work's result (after ``send``): the child's, or made here."""
        return self._here()

    def _here(self) -> T:
        value = self._input
        return self._work(lambda: value)


class _Forked(Aside[T]):
    """Work running in a forked child, talked to through two pipes."""

    def __init__(
        self, work: Work[T], decode: Callable[[Any], T], pid: int, to_child: int, from_child: int
    ) -> None:
        super().__init__(work, decode)
        self._pid = pid
        self._to_child = to_child
        self._from_child = from_child

    def send(self, value: Any) -> None:
        super().send(value)
        try:
            with os.fdopen(self._to_child, "wb") as pipe:
                pipe.write(orjson.dumps(value))
        except (OSError, TypeError):
            pass  # the child is gone, or the value cannot be sent: result() does the work

    def result(self) -> T:
        with os.fdopen(self._from_child, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        if status == 0 and data:
            try:
                return self._decode(orjson.loads(data))
            except (ValueError, TypeError, KeyError):
                pass
        return self._here()


def start(work: Work[T], encode: Callable[[T], Any], decode: Callable[[Any], T]) -> Aside[T]:
    """Start ``work`` in a forked child, or, where that cannot be, make it run here later.

    Args:
        work: the work; it must not depend on anything this process does after,
            but what it is sent.
        encode: its result as JSON-ready data (for the pipe).
        decode: the result back from that data; raises ValueError, TypeError or
            KeyError on data it does not take (then the work is done here).
    """
    if not can_fork():
        return Aside(work, decode)
    return forked(work, encode, decode)


def can_fork(busy: bool = False) -> bool:
    """Whether work may go to a forked child now: there is fork, a core is idle (or,
    ``busy``, there are two cores at all), and no thread runs but this one and those
    declared ``fork_safe``."""
    # Forking while another thread runs can copy a lock it holds into the child
    # (a UI's workers): there, and where there is no fork, the work is done here.
    if not hasattr(os, "fork") or _other_threads():
        return False
    return _cores() >= 2 if busy else idle_core()


#: Threads that never hold a lock work done aside could need (``fork_safe``).
_fork_safe: weakref.WeakSet[threading.Thread] = weakref.WeakSet()


def fork_safe(thread: threading.Thread) -> None:
    """Let ``start`` fork while ``thread`` runs.

    For a thread whose whole job holds no lock that forked work could take: one
    that writes replies from a queue to a pipe, or one that sleeps and looks at
    its parent's pid (the reader's linking process has both). In the child only
    the forking thread runs; such a thread simply is not there.
    """
    _fork_safe.add(thread)


def _other_threads() -> bool:
    """Whether a thread besides this one runs that is not ``fork_safe``."""
    me = threading.current_thread()
    return any(t is not me and t not in _fork_safe for t in threading.enumerate())


def idle_core() -> bool:
    """Whether another core is likely idle, so this process may use two.

    On Linux, the tasks running or ready to run (``/proc/loadavg``, this process
    among them) must leave a core free at one of a few looks milliseconds apart.
    Elsewhere, the load average of the last minute must: it lags, so work that
    just ended (an analysis run before an export) still counts for a while.
    """
    cores = _cores()
    if cores < 2:
        return False
    # Besides this process, a core left over.
    running = _fewest_running(enough=cores - 1)
    if running is not None:
        return running <= cores - 1
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average on this platform
        load = 0.0
    return load <= cores - IDLE_MARGIN


def _cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


#: How much of the load average may come from other work for a core to count as
#: idle: besides this process (about one), half a core.
IDLE_MARGIN = 0.5


#: How many times ``idle_core`` looks at the running tasks, and the pause between looks
#: (seconds): a task that wakes for a moment (a terminal, a poller) takes a core in one
#: look, not in all; work that keeps a core busy is there every time.
LOOKS = 3
BETWEEN_LOOKS = 0.002


def _fewest_running(enough: int) -> int | None:
    """The fewest tasks running over ``LOOKS`` looks a few milliseconds apart, or None;
    looking stops once they are ``enough`` or fewer."""
    fewest = runnable_now()
    for _ in range(LOOKS - 1):
        if fewest is None or fewest <= enough:
            break
        time.sleep(BETWEEN_LOOKS)
        again = runnable_now()
        fewest = min(fewest, again) if again is not None else fewest
    return fewest


def runnable_now() -> int | None:
    """How many tasks run or are ready to run at this moment (Linux), or None."""
    try:
        with open("/proc/loadavg", encoding="ascii") as stats:
            return int(stats.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return None


def forked(work: Work[T], encode: Callable[[T], Any], decode: Callable[[Any], T]) -> Aside[T]:
    """``start`` without its checks: always a forked child (a single-threaded caller)."""
    to_child_read, to_child = os.pipe()
    from_child, from_child_write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for end in (to_child_read, to_child, from_child, from_child_write):
            os.close(end)
        return Aside(work, decode)
    if pid == 0:
        os.close(to_child)
        os.close(from_child)
        _child(work, encode, to_child_read, from_child_write)
    os.close(to_child_read)
    os.close(from_child_write)
    return _Forked(work, decode, pid, to_child, from_child)


def _child(work: Work[T], encode: Callable[[T], Any], inbox: int, outbox: int) -> None:
    """Run in the forked child: do the work, send the result, exit (never returns).

    ``os._exit``: the child must not run the parent's exit handlers or flush its
    buffered output a second time.
    """
    status = 1

    def receive() -> Any:
        with os.fdopen(inbox, "rb") as pipe:
            return orjson.loads(pipe.read())

    try:
        data = orjson.dumps(encode(work(receive)))
        with os.fdopen(outbox, "wb") as pipe:
            pipe.write(data)
        status = 0
    except BaseException:  # any failure: the parent does the work itself
        pass
    finally:
        os._exit(status)
