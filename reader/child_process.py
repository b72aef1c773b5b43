"""A child interpreter of this reader, talked to through two pipes.

The reader's screen holds its process's interpreter lock; work that holds it for
seconds (linking a large collection, running spaCy) goes to a child of its own:
``python -m MODULE REQUEST_FD REPLY_FD``. The child's terminal output goes
nowhere (the terminal is the screen's), it gets none of the terminal's signals,
and it ends by itself when the reader is gone.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

#: How often (seconds) a child looks whether the reader that started it is still there.
ORPHAN_CHECK = 1.0


@dataclass
class Child:
    """A running child and the two ends of its pipes this process holds."""

    process: subprocess.Popen[bytes]
    #: Requests go this way ...
    requests: Connection
    #: ... and replies come back this way.
    replies: Connection

    def stop(self) -> None:
        """End the child now, whatever it is doing, and close the pipes; safe to repeat."""
        if self.process.poll() is None:
            self.process.kill()
        # Reaped in the background: a killed child ends at once, nobody waits for it.
        threading.Thread(target=self.process.wait, daemon=True).start()
        self.requests.close()
        self.replies.close()

    def death(self, what: str) -> str:
        """Why ``what`` stopped answering, as a line for the reader."""
        code = self.process.poll()
        if code is None:
            try:
                code = self.process.wait(timeout=1)
            except subprocess.TimeoutExpired:
                code = None
        how = f"exit status {code}" if code is not None else "no exit status"
        return f"{what} ended unexpectedly ({how})"


def lower_priority(niceness: int) -> None:
    """Lower this process's priority to ``niceness`` (``os.nice``), unless it is that low
    already: asked again, it stays there. Where it cannot be lowered, nothing."""
    with contextlib.suppress(OSError):
        os.nice(max(0, niceness - os.nice(0)))


def spawn(command: Sequence[str]) -> Child:
    """Start ``command`` with the child's ends of two new pipes appended to it.

    Raises:
        OSError: the child could not be started.
    """
    request_read, request_write = os.pipe()
    reply_read, reply_write = os.pipe()
    # The package this reader runs from, whether installed or not.
    root = str(Path(__file__).resolve().parents[1])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    try:
        process = subprocess.Popen(
            [*command, str(request_read), str(reply_write)],
            pass_fds=(request_read, reply_write),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # the terminal is the UI's; errors come as replies
            env=env,
            start_new_session=True,  # the terminal's signals are the UI's to handle
        )
    except OSError:
        for fd in (request_read, request_write, reply_read, reply_write):
            os.close(fd)
        raise
    os.close(request_read)
    os.close(reply_write)
    return Child(
        process,
        Connection(request_write, readable=False),
        Connection(reply_read, writable=False),
    )


def module_command(module: str) -> list[str]:
    """The command that runs ``module`` as a child: ``python -m module``."""
    return [sys.executable, "-m", module]


def child_pipes(argv: Sequence[str]) -> tuple[Connection, Connection]:
    """In the child: the request and reply pipes whose descriptors ``argv`` ends with."""
    requests = Connection(int(argv[-2]), writable=False)
    replies = Connection(int(argv[-1]), readable=False)
    return requests, replies


def exit_when_orphaned() -> threading.Thread:
    """In the child: a started daemon thread that ends the process once its parent is gone.

    A reader killed outright cannot stop its child: the child notices and ends.
    """
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(ORPHAN_CHECK)
            if os.getppid() != parent:
                os._exit(0)

    watcher = threading.Thread(target=watch, daemon=True, name="orphan-watch")
    watcher.start()
    return watcher
