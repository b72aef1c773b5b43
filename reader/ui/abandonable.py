"""Waiting on work that cannot be interrupted, without ever having to wait for it.

A link cannot be stopped halfway, but no one should wait for one that is no longer
wanted: ``run_abandonable`` runs it in a daemon thread and stops waiting as soon as
the Textual worker waiting on it is cancelled (a newer request, or the app quitting,
which then ends the process at once).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from textual.worker import get_current_worker

#: How often a waiting worker looks whether it was cancelled (seconds).
POLL = 0.05

T = TypeVar("T")


class Cancelled(Exception):
    """The worker was cancelled (a newer request or the app quitting)."""


def run_abandonable(call: Callable[[], T]) -> T:
    """Run ``call`` in a daemon thread; give up waiting when the current worker is cancelled.

    A link cannot be interrupted, but nobody has to wait for it: quitting ends
    the process even while the daemon thread still links.

    Raises:
        Cancelled: the worker was cancelled before ``call`` returned.
    """
    worker = get_current_worker()
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = call()
        except BaseException as error:  # re-raised in the worker
            box["error"] = error

    thread = threading.Thread(target=target, name="reader-link", daemon=True)
    thread.start()
    while thread.is_alive():
        if worker.is_cancelled:
            raise Cancelled()
        thread.join(POLL)
    if "error" in box:
        raise box["error"]
    return box["value"]
