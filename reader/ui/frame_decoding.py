"""Corpus frames from a linking process, decoded on the UI thread between keys.

A collection opened in a linking process (:mod:`reader.ui.feed_process`) comes
as hundreds of small frames (:mod:`reader.corpus_wire`). The feed's worker
receives them and hands them to the UI thread a slice of a few milliseconds at
a time (``SlicedDecoding``), with the cycle collector paused meanwhile
(``CollectorPause``). A changed collection first comes as the nearest one linked
before (``ProvisionalFrames``), shown while it is linked again.
"""

from __future__ import annotations

import gc
import time
from collections import deque
from collections.abc import Callable, Mapping
from typing import Any

from reader.corpus_wire import DAMAGED_FRAME, END, CorpusAssembler, ProvisionalAssembler
from reader.model import Article, Corpus, LoadError
from reader.ui.lazy_marks import LazyMarks
from reader.ui.sidebar_rows import SidebarRows, prepare_rows

#: The UI thread decodes the frames waiting for it for about this long at a time, then
#: answers what else came (keys) before the next slice (seconds).
DECODE_SLICE = 0.008
#: Frames received ahead of the decoding at most, before they are handed over.
READ_AHEAD = 64


def assembled(assembler: CorpusAssembler) -> tuple[Corpus, LazyMarks, SidebarRows]:
    """The corpus of a linked (or complete) ``assembler``, its (lazy) highlights and its
    sidebar rows; the frames still to come (stories, repeated quotes) change none of them."""
    corpus = assembler.corpus()
    marks = LazyMarks(
        corpus, assembler.mention_spans, assembler.quotes_by_article, dict(assembler.elsewhere)
    )
    return corpus, marks, prepare_rows(corpus.entities, assembler.spread)


class CollectorPause:
    """Pauses cyclic garbage collection from the first frame on; ``end`` freezes what exists.

    Decoding a large corpus makes hundreds of thousands of objects, and each
    full collection rescans them all: pauses of a fifth of a second on the UI
    thread. The corpus is acyclic and long-lived: freezing it spares every
    later collection too (reference counting still frees it when replaced).
    Paused from the first frame only: a first open links for a minute before.
    """

    def __init__(self) -> None:
        self._was_enabled: bool | None = None

    def start(self) -> None:
        """Pause (once; called from any thread)."""
        if self._was_enabled is None:
            self._was_enabled = gc.isenabled()
            gc.disable()

    def end(self) -> None:
        """Freeze what exists and collect as before (if paused at all)."""
        if self._was_enabled is not None:
            gc.freeze()
            if self._was_enabled:
                gc.enable()
            self._was_enabled = None


class SlicedDecoding:
    """Frames received by a worker thread, decoded on the UI thread a slice at a time.

    Handing the UI thread each frame alone cost a round trip through its event
    loop per frame, and a 10,000-article collection sends hundreds. The worker
    instead gathers the frames already waiting (``put`` with ``more``), then
    hands them over and waits while the UI thread decodes them for about
    ``DECODE_SLICE`` at a time, with keys and repaints answered between slices.

    Args:
        decode: decodes one frame (``CorpusAssembler.add``); its errors reach the
            worker that handed the frames over.
        call: runs a function on the UI thread and waits for it (``App.call_from_thread``).
        slice_seconds: how long one slice decodes.
    """

    def __init__(
        self,
        decode: Callable[[bytes], object],
        call: Callable[[Callable[[], object]], object],
        slice_seconds: float = DECODE_SLICE,
    ) -> None:
        self._decode = decode
        self._call = call
        self._slice_seconds = slice_seconds
        self._pending: deque[bytes] = deque()

    def put(self, frame: bytes, more: bool) -> None:
        """Take ``frame``; ``more``: another is waiting already (it is read first)."""
        self._pending.append(frame)
        if not more or len(self._pending) >= READ_AHEAD:
            self.flush()

    def flush(self) -> None:
        """Decode every frame taken (the caller waits, the UI thread answers between slices)."""
        while self._pending:
            self._call(self._slice)

    def _slice(self) -> None:
        pending, decode = self._pending, self._decode
        deadline = time.perf_counter() + self._slice_seconds
        # At least one frame per slice, whatever the clock says.
        decode(pending.popleft())
        while pending and time.perf_counter() < deadline:
            decode(pending.popleft())


class ProvisionalFrames:
    """The frames of a provisional collection (the nearest one linked before, see
    ``corpus_wire.ProvisionalAssembler``), decoded as the linked collection's are.

    ``begin`` starts one (from the worker, on the linking process's ``provisional``
    message); its frames go to ``put`` until its end frame, which gives what it
    made. A damaged one is dropped, never shown: the linked collection follows
    anyway.

    Args:
        articles, errors, model: the collection's, as for ``CorpusAssembler``.
        call: runs a function on the UI thread and waits for it (``App.call_from_thread``).
    """

    def __init__(
        self,
        articles: list[Article],
        errors: list[LoadError],
        model: str,
        call: Callable[[Callable[[], object]], object],
    ) -> None:
        self._collection = (articles, errors, model)
        self._call = call
        self._assembler: ProvisionalAssembler | None = None
        self._decoding: SlicedDecoding | None = None
        #: Its frames are coming (between ``begin`` and its end frame).
        self.active = False
        #: How many articles opened it lacks, and how many it has that are not opened.
        self.added = self.removed = 0

    def begin(self, info: Mapping[str, Any]) -> None:
        """A provisional collection comes next (``info``: the ``provisional`` message's)."""
        self.active = True
        self._decoding = SlicedDecoding(self._decode, self._call)
        try:
            numbers = [int(n) for n in info["numbers"]]
            self.added, self.removed = int(info["added"]), int(info["removed"])
            self._assembler = ProvisionalAssembler(*self._collection, numbers)
        except (KeyError, TypeError, ValueError):
            self._assembler = None  # its frames are read and dropped

    def put(self, frame: bytes, more: bool) -> tuple[Corpus, LazyMarks, SidebarRows] | None:
        """Take one of its frames (``more``: as for ``SlicedDecoding.put``); once its end
        frame is decoded, what it made (``assembled``), or None when it was damaged."""
        decoding = self._decoding
        if decoding is None:
            raise RuntimeError("a provisional frame before its collection began")
        if frame != END:
            decoding.put(frame, more)
            return None
        decoding.put(frame, more=False)  # decoded before anything is shown
        self.active = False
        assembler, self._assembler, self._decoding = self._assembler, None, None
        if assembler is None or not assembler.complete:
            return None
        return assembled(assembler)

    def _decode(self, frame: bytes) -> None:
        assembler = self._assembler
        if assembler is None:
            return
        try:
            assembler.add(frame)
        except DAMAGED_FRAME:
            self._assembler = None  # damaged: the rest of its frames are dropped
