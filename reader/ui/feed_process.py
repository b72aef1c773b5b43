"""Opening a large collection in a linking process, for :class:`~reader.ui.corpus_feed.CorpusFeed`.

Looking up (or linking) 10,000 articles holds the interpreter lock for
seconds; in a thread of the UI process it starves the keys. The feed's
analysis worker hands that to a :class:`~reader.link_process.LinkProcess` and
only waits on its pipe; each frame of the corpus is decoded on the UI thread
between key presses (a few milliseconds each), with the cycle collector
paused, and the highlights are made per article when shown
(:class:`~reader.ui.lazy_marks.LazyMarks`).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from textual.message import Message
from textual.worker import Worker, get_current_worker

from reader.article_stream import LoadChunk
from reader.config import Settings
from reader.corpus_wire import DAMAGED_FRAME, LINKED, CorpusAssembler
from reader.link_process import (
    LinkProcess,
    LinkProcessDied,
    Reply,
    articles_digest,
    discard_preloaded,
    preloaded,
    take_preloaded,
)
from reader.linking import AliasTable
from reader.model import Article, Corpus, LoadError
from reader.pipeline import Analyzer
from reader.ui.abandonable import Cancelled
from reader.ui.frame_decoding import (
    CollectorPause,
    ProvisionalFrames,
    SlicedDecoding,
    assembled,
)
from reader.ui.highlights import ArticleMarks
from reader.ui.lazy_marks import LazyMarks
from reader.ui.sidebar_rows import SidebarRows

if TYPE_CHECKING:
    from textual.app import App

#: How opening in a linking process ended: a corpus, an index miss, a failure, or cancelled.
ProcessOutcome = Literal["opened", "miss", "failed", "cancelled"]
#: Collections of at least this many articles are opened in a process of their own:
#: below, starting one costs more than the lookup it spares the UI.
PROCESS_MIN_ARTICLES = 200


def read_preloaded(on_chunk: Callable[[LoadChunk], object], cancelled: Callable[[], bool]) -> bool:
    """Read the articles through the preloaded linking process, each chunk to ``on_chunk``.

    Returns:
        True when the process read them all: it stays preloaded and goes on to
        look them up, for the feed to take. False when there is no such process,
        or it failed or was cancelled (it is ended then).
    """
    process = preloaded()
    if process is None:
        return False
    try:
        reply = process.read_articles(on_chunk, cancelled)
    except LinkProcessDied:
        reply = Reply("failed")
    if reply.kind == "loaded":
        return True
    discard_preloaded()
    return False


def _failure(error: Exception) -> str:
    """Why a linking process's answer could not be used: it died, or sent a damaged frame."""
    if isinstance(error, LinkProcessDied):
        return str(error)
    return f"the linking process sent a damaged corpus ({type(error).__name__})"


class LinkingElsewhere(Message):
    """A linking process links ``articles`` articles (the index had no match); once it is
    under way, ``step`` says what it does now, the ``number``-th of ``of`` steps, and
    ``done`` of ``total`` how far that step is (0 of 0: it does not say)."""

    def __init__(
        self,
        articles: int,
        step: str = "",
        number: int = 0,
        of: int = 0,
        done: int = 0,
        total: int = 0,
    ) -> None:
        super().__init__()
        self.articles = articles
        self.step = step
        self.number = number
        self.of = of
        self.done = done
        self.total = total

    def progress(self) -> tuple[int, int]:
        """The bar's ``(done, total)``: the steps done, and how far this one is."""
        total = max(self.total, 1)
        return (self.number - 1) * total + min(self.done, total), max(self.of, 1) * total


class LinkFallback(Message):
    """The linking process failed: ``reason`` says why, and that this process links instead."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class ProcessOpening:
    """The feed's part that opens its collection in a linking process."""

    if TYPE_CHECKING:
        app: App[object]
        articles: list[Article]
        errors: list[LoadError]
        settings: Settings
        aliases: AliasTable | None
        analyzer: Analyzer
        _process: LinkProcess | None
        _linker: LinkProcess | None
        _linking_here: bool
        _closing: bool

        def post_message(self, message: Message) -> bool: ...

        def _reopened(
            self,
            corpus: Corpus,
            marks: Mapping[str, ArticleMarks],
            rows: SidebarRows,
            seconds: float,
        ) -> None: ...

        def _staged(
            self, corpus: Corpus, marks: Mapping[str, ArticleMarks], rows: SidebarRows
        ) -> None: ...

        def _provisional(
            self,
            corpus: Corpus,
            marks: Mapping[str, ArticleMarks],
            rows: SidebarRows,
            added: int,
            removed: int,
        ) -> None: ...

    @property
    def isolated(self) -> bool:
        """Whether the collection is opened in a process of its own (a large one is)."""
        return len(self.articles) >= PROCESS_MIN_ARTICLES

    def _open_in_process(self) -> ProcessOutcome:
        """Open the collection in a linking process; runs in the analysis worker.

        Only frames travel through this thread; each is decoded on the UI
        thread, so this process's interpreter lock stays free for the keys.
        The corpus they make, its highlights and sidebar rows are built here.
        """
        started = time.monotonic()
        worker = get_current_worker()
        # Only the reader's own analyzer reads the cache the child would link from.
        link = type(self.analyzer) is Analyzer
        preloaded = take_preloaded() if link else None
        outcome, reason = self._open_once(preloaded, link, worker, started)
        if outcome == "failed" and preloaded is not None:
            # The process started with the reader failed (it died, or its answer was
            # damaged): a new one is given the articles. Linking in this process instead
            # reads every cached analysis first, minutes for 10,000.
            outcome, reason = self._open_once(None, link, worker, started)
        if outcome == "failed":
            self._fall_back(reason)
        return outcome

    def _open_once(
        self, preloaded: LinkProcess | None, link: bool, worker: Worker[None], started: float
    ) -> tuple[ProcessOutcome, str]:
        """``_open_in_process`` with one linking process (``preloaded``, or one started
        now); with the outcome, why it failed (when it did)."""
        assembler = CorpusAssembler(self.articles, self.errors, self.settings.model)
        call = self.app.call_from_thread
        pause = CollectorPause()
        decoding = SlicedDecoding(assembler.add, call)
        # A changed collection: the nearest one linked before comes first, shown meanwhile.
        early = ProvisionalFrames(self.articles, self.errors, self.settings.model, call)

        def on_frame(frame: bytes) -> None:
            pause.start()
            process = self._process
            more = process is not None and process.has_reply()
            if early.active:
                shown = early.put(frame, more)
                if shown is not None:
                    call(self._provisional, *shown, early.added, early.removed)
                return
            decoding.put(frame, more)
            if frame == LINKED:
                # Every entity and quote is in: shown now, while the child groups the
                # stories (and stores the collection), which follow.
                decoding.flush()
                call(self._staged, *assembled(assembler))

        try:
            reply = self._ask(preloaded, link, on_frame, lambda: self._ended(worker), early.begin)
            if reply.kind == "done":
                decoding.flush()
            made = self._made(assembler, reply)
            if made is not None:
                call(self._reopened, *made, time.monotonic() - started)
                return "opened", ""
        except (LinkProcessDied, *DAMAGED_FRAME) as error:
            reason = _failure(error)
        else:
            if reply.kind in ("cancelled", "miss"):
                return ("cancelled" if reply.kind == "cancelled" else "miss"), ""
            reason = str(reply.info.get("message") or "its answer was incomplete")
        finally:
            pause.end()
            if self._process is not None:
                self._process.stop()
        return ("cancelled" if self._ended(worker) else "failed"), reason

    def _fall_back(self, reason: str) -> None:
        """Say in one line that a linking process failed; this process links from now on
        (called from a worker)."""
        self._linking_here = True  # as the message says, for every later link too
        message = LinkFallback(f"Linking process failed: {reason}; linking here instead")
        self.app.call_from_thread(self.post_message, message)

    def _made(
        self, assembler: CorpusAssembler, reply: Reply
    ) -> tuple[Corpus, LazyMarks, SidebarRows] | None:
        """What a linking process's frames made, once its final reply is ``done`` and
        every frame came (None otherwise), with the warnings it met as load errors."""
        if reply.kind != "done" or not assembler.complete:
            return None
        assembler.model = str(reply.info.get("model") or assembler.model)
        warnings = reply.info.get("warnings", ())
        where = str(self.settings.cache_dir)
        assembler.errors += [LoadError(where, str(w), fatal=False) for w in warnings]
        # Built in the worker, not on the UI thread: tens of milliseconds for 10,000
        # articles, which a key would otherwise wait for whole; here the UI thread
        # takes the interpreter lock back every few milliseconds.
        return assembled(assembler)

    @property
    def links_elsewhere(self) -> bool:
        """Whether the feed's links run in a linking process: a large collection's, when
        the process can read the analyses from the reader's own cache (and no link there
        failed before)."""
        own = type(self.analyzer) is Analyzer and self.settings.use_cache
        return self.isolated and own and not self._linking_here

    def _link_in_process(
        self, final: bool, cancelled: Callable[[], bool]
    ) -> tuple[Corpus, LazyMarks, SidebarRows] | None:
        """Link the analyses cached so far in a linking process; runs in a link worker.

        A link of 10,000 articles in a thread here holds the interpreter lock for
        tens of milliseconds at a time, and keys waited over 0.1 s for it while
        texts were analyzed. ``final``: every text is analyzed, and the process
        stores the collection too; otherwise it links those not analyzed yet
        without highlights (an interim link, as texts arrive).

        Returns:
            The corpus, its highlights and rows; None when the process could not
            link it (the caller links here; a failure is said once, and later
            links stay here).

        Raises:
            Cancelled: ``cancelled()`` turned true first (the process is ended).
        """
        assembler = CorpusAssembler(self.articles, self.errors, self.settings.model)
        decoding = SlicedDecoding(assembler.add, self.app.call_from_thread)
        process = self._linker = LinkProcess()

        def on_frame(frame: bytes) -> None:
            decoding.put(frame, process.has_reply())

        try:
            process.start(
                self.articles, self.errors, self.settings, self.aliases, True, interim=not final
            )
            reply = process.run(on_frame, lambda articles: None, cancelled)
            decoding.flush()
        except (LinkProcessDied, *DAMAGED_FRAME) as error:
            reason = _failure(error)
        else:
            if reply.kind == "cancelled" or cancelled():
                raise Cancelled()
            made = self._made(assembler, reply)
            if made is not None or reply.kind == "miss":
                return made  # a miss: some text's analysis is not cached after all
            reason = str(reply.info.get("message") or "its answer was incomplete")
        finally:
            process.stop()
        if cancelled():
            raise Cancelled()
        self._fall_back(reason)
        return None

    def _ask(
        self,
        preloaded: LinkProcess | None,
        link: bool,
        on_frame: Callable[[bytes], object],
        cancelled: Callable[[], bool],
        on_provisional: Callable[[dict[str, Any]], object],
    ) -> Reply:
        """The final reply of the preloaded process, or (none, or it read other
        articles) of one started now on the feed's articles."""

        def on_linking(count: int) -> None:
            self.app.call_from_thread(self.post_message, LinkingElsewhere(count))

        now: list[tuple[str, int, int]] = [("", 0, 0)]  # the step under way

        def on_step(step: str, number: int, of: int) -> None:
            now[0] = (step, number, of)
            message = LinkingElsewhere(len(self.articles), step, number, of)
            self.app.call_from_thread(self.post_message, message)

        def on_count(done: int, total: int) -> None:
            message = LinkingElsewhere(len(self.articles), *now[0], done, total)
            self.app.call_from_thread(self.post_message, message)

        if preloaded is not None:
            self._process = preloaded
            expect = articles_digest(self.articles)
            reply = preloaded.run(
                on_frame,
                on_linking,
                cancelled,
                expect=expect,
                on_step=on_step,
                on_count=on_count,
                on_provisional=on_provisional,
            )
            if reply.kind != "mismatch":
                return reply
        process = self._process = LinkProcess()
        process.start(self.articles, self.errors, self.settings, self.aliases, link, link)
        return process.run(
            on_frame,
            on_linking,
            cancelled,
            on_step=on_step,
            on_count=on_count,
            on_provisional=on_provisional,
        )

    def _ended(self, worker: Worker[None]) -> bool:
        # Quitting: the worker may be cancelled after the feed is unmounted, or not at all.
        return self._closing or worker.is_cancelled

    def on_unmount(self) -> None:
        # Quitting mid-load: the child ends now, not when its link would have; the
        # worker sees the pipe close and ends without falling back to linking here.
        self._closing = True
        for process in (self._process, self._linker):
            if process is not None:
                process.stop()
        # An article mid-analysis in the analysis process is not waited for either.
        self.analyzer.close()
        if getattr(self.app, "thaw_when_closed", True):
            gc.unfreeze()  # what the collection froze is the collector's again
