"""Articles read on the second core: :func:`stream_articles` in a forked child.

Linking a collection never opened before first reads its files, then each text's
digest row (``CollectionLinker.stored``): two halves of a second each for 10,000
articles, one after the other. Here a forked child reads the files and sends
each chunk as it is read (pickled, through a pipe: articles cost little to send),
so this process can read the rows of the chunks it has (``idle``) while the
child reads on. The chunks are the same as ``stream_articles`` yields, in the
same order.

Where there is no fork, no idle core, or a thread runs that forking could
harm (``aside.can_fork``), and for a few files, they are read here. Should the
child fail midway, this process reads the files itself and goes on after the
chunks it already yielded.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Callable, Iterator, Sequence
from itertools import repeat
from multiprocessing.connection import Connection
from pathlib import Path

from reader import aside
from reader.article_stream import CHUNK_FILES, LoadChunk, at_least_files, stream_articles
from reader.child_process import lower_priority
from reader.config import Settings

try:
    import fcntl
except ImportError:  # not on Windows
    fcntl = None  # type: ignore[assignment]


#: Fewer files than this are read here: a fork and a pipe cost more than they save (a few
#: milliseconds, about what reading a hundred files takes).
ASIDE_FROM_FILES = 200
#: The priority the child lowers itself to when forked with no core idle (``os.nice``).
BUSY_NICENESS = 5
#: The pipe's buffer, where the system lets it be set (Linux): a few chunks, so the child
#: reads on while this process is busy (a chunk of 100 articles is about 200 KB).
PIPE_BYTES = 1 << 20


def read_aside(
    paths: Sequence[Path | str],
    settings: Settings,
    idle: Callable[[], bool] | None = None,
    chunk_files: int = CHUNK_FILES,
) -> Iterator[LoadChunk]:
    """``stream_articles(paths, settings, chunk_files)``'s chunks, read by a forked child.

    Args:
        idle: called while no chunk has arrived; it does a little work (milliseconds)
            and says whether it did any. Once it says no (or with none), the next chunk
            is waited for.
    """
    for chunk, _ in read_aside_pickled(paths, settings, idle, chunk_files):
        yield chunk


def read_aside_pickled(
    paths: Sequence[Path | str],
    settings: Settings,
    idle: Callable[[], bool] | None = None,
    chunk_files: int = CHUNK_FILES,
    when_busy: bool = False,
) -> Iterator[tuple[LoadChunk, bytes | None]]:
    """``read_aside``'s chunks, each with its pickle as the child sent it (None for a
    chunk read here), for a caller that sends the chunks on as they are.

    Args:
        when_busy: fork even when no core looks idle: for a caller whose other work
            is in another process that takes a core in bursts (the reader's screen,
            beside its linking process), where the child's reading fills the gaps.
    """
    if not aside.can_fork(busy=when_busy) or not at_least_files(paths, ASIDE_FROM_FILES):
        yield from zip(_here(paths, settings, chunk_files, 0), repeat(None))
        return
    read_end, write_end = os.pipe()
    _widen(write_end)
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        yield from zip(_here(paths, settings, chunk_files, 0), repeat(None))
        return
    if pid == 0:
        os.close(read_end)
        if when_busy:
            lower_priority(BUSY_NICENESS)  # beside a screen that answers keys: those go first
        _child(paths, settings, chunk_files, write_end)
    os.close(write_end)
    chunks = Connection(read_end, writable=False)
    files, last = 0, False
    try:
        while not last:
            while idle is not None and not chunks.poll(0) and idle():
                pass
            try:
                data = chunks.recv_bytes()
                chunk = pickle.loads(data)
            except Exception:  # the child failed (or is gone): the rest is read here
                break
            files, last = chunk.files, chunk.last
            yield chunk, data
    finally:
        chunks.close()
        _end(pid, last)
    if not last:
        yield from zip(_here(paths, settings, chunk_files, files), repeat(None))


def _widen(pipe: int) -> None:
    """Let ``pipe`` hold ``PIPE_BYTES`` (or as much as the system allows)."""
    setting = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if setting is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(pipe, setting, PIPE_BYTES)


def _here(
    paths: Sequence[Path | str], settings: Settings, chunk_files: int, after: int
) -> Iterator[LoadChunk]:
    """The chunks read in this process, but those of the first ``after`` files."""
    return stream_articles(paths, settings, chunk_files, after)


def _child(paths: Sequence[Path | str], settings: Settings, chunk_files: int, out: int) -> None:
    """In the forked child: read and send every chunk, then exit (never returns).

    ``os._exit``: the child must not run the parent's exit handlers or flush its
    buffered output a second time.
    """
    status = 1
    try:
        with Connection(out, readable=False) as pipe:
            for chunk in stream_articles(paths, settings, chunk_files):
                pipe.send_bytes(pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL))
        status = 0
    except BaseException:  # any failure (the reader gone too): the parent reads on
        pass
    finally:
        os._exit(status)


def _end(pid: int, finished: bool) -> None:
    """Reap the child: it exits once it has sent the last chunk (``finished``); else it is
    ended first (the caller stopped early, or it failed)."""
    with contextlib.suppress(OSError):
        if not finished:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
