"""Work done on another core while this process goes on: a forked child.

The command line links a collection once and exits. Some of that work needs
only data the process already holds and gives back little (the stories of
10,000 articles are a few hundred lists of ids), so a forked child can do it on
the second core while this process does the rest: the child sees the data
for free (copy-on-write) and sends its result back as JSON through a pipe.
Where fork is unavailable, threads are running, or the child fails, the work
is done here instead: the result is the same either way.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import orjson

T = TypeVar("T")


def aside(
    work: Callable[[], T], encode: Callable[[T], Any], decode: Callable[[Any], T]
) -> Callable[[], T]:
    """Start ``work`` in a forked child; returns the call that waits for its result.

    Args:
        work: the work; it must not depend on anything this process does after.
        encode: its result as JSON-ready data (for the pipe).
        decode: the result back from that data; raises ValueError, TypeError or
            KeyError on data it does not take (then the work is done here).

    Returns:
        A call giving ``work``'s result: the child's, or, when the child could not
        run or failed, ``work()`` run here. Call it once.
    """
    # Forking while another thread runs can copy a lock it holds into the child
    # (a UI's workers): there, and where there is no fork, the work is done here.
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return _here(work)
    return forked(work, encode, decode)


def forked(
    work: Callable[[], T], encode: Callable[[T], Any], decode: Callable[[Any], T]
) -> Callable[[], T]:
    """``aside`` without its checks: always a forked child (a single-threaded caller)."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return _here(work)
    if pid == 0:
        _child(work, encode, read_end, write_end)
    os.close(write_end)

    def collect() -> T:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status == 0 and data:
            try:
                return decode(orjson.loads(data))
            except (ValueError, TypeError, KeyError):
                pass
        return work()

    return collect


def _child(
    work: Callable[[], T], encode: Callable[[T], Any], read_end: int, write_end: int
) -> None:
    """Run in the forked child: do the work, send the result, exit (never returns).

    ``os._exit``: the child must not run the parent's exit handlers or flush its
    buffered output a second time.
    """
    status = 1
    try:
        os.close(read_end)
        data = orjson.dumps(encode(work()))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        status = 0
    except BaseException:  # any failure: the parent does the work itself
        pass
    finally:
        os._exit(status)


def _here(work: Callable[[], T]) -> Callable[[], T]:
    result = work()
    return lambda: result
