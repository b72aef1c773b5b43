"""spaCy in a process of its own, for a reader whose interpreter lock is its screen's.

The spaCy pipeline's compiled parts hold the interpreter lock for tens of
milliseconds at a time: in a thread of the reader's process they made keys wait
up to a fifth of a second while articles were analyzed. :class:`AnalysisProcess`
runs the pipeline in a child (``python -m reader.analysis_child``) that loads the
model once and streams each text's analysis back as soon as it is done; this
process only unpickles the results. The analyses are the same as the pipeline
makes in this process (same code, checked by ``analysis_fingerprint``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import Any

from reader.child_process import Child, module_command, spawn
from reader.model import Analysis
from reader.nlp import analysis_fingerprint

#: What the child is called in the reader's messages.
WHAT = "the analysis process"


class AnalysisFailed(RuntimeError):
    """The analysis process could not analyze: its model failed to load, it runs other
    analysis code, or it ended; the message says which, in one line."""


class AnalysisProcess:
    """The reader's handle on its analysis child: started on first need, then kept.

    A newer ``analyze`` supersedes one still under way (its caller went on to
    something else without closing it, in another thread): the older one's child
    is ended, and the older call fails. ``stop`` may come from any thread (the
    reader quitting), and ends a child mid-analysis at once.
    """

    def __init__(self, model: str, command: Sequence[str] | None = None) -> None:
        """``command`` runs the child (default: ``reader.analysis_child``); the model
        name and the two pipes' descriptors are appended to it."""
        self.model = model
        self.command = list(command or module_command("reader.analysis_child"))
        self._child: Child | None = None
        #: The child an ``analyze`` is reading from now, if any.
        self._busy: Child | None = None
        #: The child that said it is ready (its model loaded, the same analysis code).
        self._ready: Child | None = None
        self._lock = threading.Lock()

    @property
    def running(self) -> bool:
        """Whether a child is started and has not been stopped."""
        return self._child is not None

    def start(self) -> None:
        """Start the child, if none runs: it loads the model meanwhile.

        Raises:
            AnalysisFailed: it could not be started.
        """
        with self._lock:
            if self._child is not None:
                return
            try:
                self._child = spawn([*self.command, self.model])
            except OSError as error:
                raise AnalysisFailed(f"{WHAT} could not start: {error}") from error

    def analyze(self, texts: Sequence[str]) -> Iterator[tuple[int, Analysis | str]]:
        """``(index, outcome)`` of each of ``texts``, in order, each as soon as it is done:
        its analysis, or why it failed in one line (the others go on).

        Leaving the loop early (the reader went on to something else) ends the
        child mid-work: the next call starts a new one.

        Raises:
            AnalysisFailed: the model could not be loaded, or the child ended.
        """
        if not texts:
            return
        with self._lock:
            superseded, self._busy = self._busy, None
        if superseded is not None:
            self._end(superseded)
        self.start()
        child = self._child
        assert child is not None
        self._busy = child
        finished = False
        try:
            if self._ready is not child:
                self._await_ready(child)
            try:
                child.requests.send(list(texts))
            except OSError as error:
                raise AnalysisFailed(child.death(WHAT)) from error
            while True:
                reply = self._receive(child)
                if reply[0] == "done":
                    finished = True
                    return
                yield reply[1], reply[2]  # an analysis, or why that text failed
        finally:
            with self._lock:
                if self._busy is child:
                    self._busy = None
            if not finished:
                # Mid-request: what it still sends would be read as the next request's.
                self._end(child)

    def _await_ready(self, child: Child) -> None:
        reply = self._receive(child)
        if reply[0] == "failed":
            raise AnalysisFailed(str(reply[1]))
        if reply[1] != analysis_fingerprint():
            raise AnalysisFailed(
                f"{WHAT} runs other analysis code than the reader (was the reader "
                "updated while it ran?): restart the reader"
            )
        self._ready = child

    def _receive(self, child: Child) -> tuple[Any, ...]:
        try:
            reply = child.replies.recv()
        except (EOFError, OSError) as error:
            raise AnalysisFailed(child.death(WHAT)) from error
        if not isinstance(reply, tuple) or not reply:
            raise AnalysisFailed(f"{WHAT} sent a damaged reply")
        return reply

    def stop(self) -> None:
        """End the child now, whatever it is doing; safe to repeat, from any thread."""
        with self._lock:
            child = self._child
        if child is not None:
            self._end(child)

    def _end(self, child: Child) -> None:
        """End ``child``; the next ``analyze`` starts another if it was the one kept."""
        with self._lock:
            if self._child is child:
                self._child = None
        child.stop()
