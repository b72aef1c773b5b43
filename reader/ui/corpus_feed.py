"""Analysis and linking off the UI thread: the corpus grows as results arrive.

:class:`CorpusFeed` owns the analyses received so far and the state of the
analysis. It runs the analysis and every re-link in worker threads and hands
each finished corpus to ``deliver`` on the UI thread; the screen only applies
results. A newer link supersedes an older one (exclusive workers and a
generation number: stale results are dropped), and quitting never waits for a
link in progress. A large collection is looked up (or linked from the cache)
in a process of its own instead (:mod:`reader.ui.feed_process`), and so is
each re-link of it, so that the UI keeps the interpreter lock; in-thread
linking is the fallback.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

from textual import work
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker, get_current_worker

from reader import pipeline
from reader.config import Settings
from reader.gc_pause import paused_gc
from reader.link_process import LinkProcess
from reader.linking import AliasTable
from reader.model import Analysis, Article, Corpus, LoadError
from reader.pipeline import Analyzer, ModelNotFound, build_corpus, lookup_corpus, not_analyzed
from reader.ui.abandonable import Cancelled, run_abandonable
from reader.ui.feed_messages import Failed, NotAnalyzed, Progress
from reader.ui.feed_process import ProcessOpening
from reader.ui.highlights import ArticleMarks
from reader.ui.lazy_marks import LazyMarks
from reader.ui.let_go import let_go
from reader.ui.link_work import LinkRequest, LinkResult
from reader.ui.selection import Anchor, find_again
from reader.ui.sidebar_rows import SidebarRows, prepare_rows

#: The one seam to the model: ``(articles, analyses, errors, settings, aliases) -> Corpus``.
LinkCorpus = Callable[
    [Sequence[Article], dict[str, Analysis], Sequence[LoadError], Settings, AliasTable | None],
    Corpus,
]
#: "provisional": a changed collection is shown as it was linked before (the nearest
#: the index holds) while a linking process links it again; "grouping": every entity
#: and quote is linked and shown; the stories and repeated quotes are still being
#: grouped (a collection linked in a linking process).
AnalysisState = Literal["waiting", "analyzing", "provisional", "grouping", "done", "failed"]
#: While results stream in, re-link at most this often (seconds): linking is not free.
REBUILD_INTERVAL = 0.5
#: ... and leave the keys at least this many times the last link's duration in between.
REBUILD_FACTOR = 4


class CorpusFeed(ProcessOpening, Widget):
    """Runs the analysis and the linking in workers and posts each new corpus."""

    DEFAULT_CSS = "CorpusFeed { display: none; }"

    #: The one owner of the analysis state; the screen watches it.
    state: reactive[AnalysisState] = reactive("waiting")

    def __init__(
        self,
        articles: Sequence[Article],
        errors: Sequence[LoadError],
        settings: Settings,
        analyzer: Analyzer,
        aliases: AliasTable | None = None,
        link: LinkCorpus | None = None,
        anchor: Callable[[], Anchor | None] = lambda: None,
        deliver: Callable[[LinkResult], None] = lambda result: None,
    ) -> None:
        super().__init__()
        self.articles = list(articles)
        self.errors = list(errors)
        self.settings = settings
        self.analyzer = analyzer
        self.aliases = aliases
        self._link_function = link
        self._anchor = anchor
        self._deliver = deliver
        self.analyses: dict[str, Analysis] = {}
        self.generation = 0
        self._started = False
        self._linking = False
        self._dirty = False
        self._final_pending = False
        self._timer: Timer | None = None
        self._last_finish = 0.0
        self.interval = REBUILD_INTERVAL
        #: True once the corpus came whole from the collection index (no analysis loaded).
        self.from_index = False
        self._process: LinkProcess | None = None
        #: The linking process of the last link made elsewhere (``links_elsewhere``).
        self._linker: LinkProcess | None = None
        self._linking_here = False
        #: How many articles the model failed on (shown without highlights).
        self.unanalyzed = 0
        self._counted = (0, 0)  # the analysis's progress as last said: (done, total)
        self._closing = False
        #: While "provisional": how many articles were added to, and removed from, the
        #: collection shown (as it was linked before).
        self.changes = (0, 0)
        #: The corpus shown and its highlights (``let_go`` frees them once replaced).
        self._shown: list[tuple[Corpus, Mapping[str, ArticleMarks]]] = []

    def watch_state(self, state: AnalysisState) -> None:
        # Once the collection is in, what exists lives as long as the reader does:
        # frozen, it is skipped by every later full collection (one walked it all,
        # a tenth of a second at whatever key came then). Thawed when unmounted.
        if state == "done":
            gc.freeze()

    def take_articles(
        self, articles: Sequence[Article], errors: Sequence[LoadError], aliases: AliasTable | None
    ) -> None:
        """Work on ``articles`` (read after the feed was made; before ``start``)."""
        self.articles, self.errors, self.aliases = list(articles), list(errors), aliases

    @property
    def link_function(self) -> LinkCorpus:
        """The seam to the model (looked up at call time, so it can be swapped)."""
        return self._link_function or build_corpus

    # -- analysis --------------------------------------------------------------------

    def start(self) -> None:
        """Look the articles up in the cache (in a worker), then analyze the rest.

        Only the first call starts anything.
        """
        if not self._started:
            self._started = True
            self._start()

    @work(thread=True, exclusive=True, group="analysis")
    def _start(self, reopen: bool = True) -> None:
        worker = get_current_worker()
        # The index holds what the pipeline's own linker made: another linker (a
        # test's, a slowed one) links for real.
        if reopen and self.link_function is pipeline.build_corpus:
            outcome = self._open_in_process() if self.isolated else "failed"
            if outcome in ("opened", "cancelled"):
                return
            # A miss: the child looked in the index already (and linked if it could).
            if outcome == "failed" and self._reopen():
                return
        try:
            # Kept for as long as the reader runs: a large collection's are frozen out
            # of the collector's sight, which otherwise walks every one of them again at
            # each full collection (a fifth of a second and more for 10,000 articles,
            # at whatever key). A small one's walks cost little: it freezes nothing
            # (a freeze also keeps whatever cycles are garbage at that moment).
            with paused_gc(freeze=self.isolated):
                cached = self.analyzer.cached(self.articles)
        except ModelNotFound as error:
            self.app.call_from_thread(self._fail, str(error))
            return
        if worker.is_cancelled:
            return
        pending = [a for a in self.articles if a.id not in cached]
        if pending:
            # The analysis process loads the model while the cached texts are shown. A
            # model loaded here instead comes before any link: loading it turns the cycle
            # collector back on (srsly does), and each full collection would walk a large
            # collection's link under way. A model missing is said by the analysis below.
            with contextlib.suppress(ModelNotFound):
                self.analyzer.load_model()
        self.app.call_from_thread(self._receive_cached, cached, len(pending))
        if not pending:
            return

        def progress(done: int, total: int, article_id: str, analysis: Analysis) -> None:
            if worker.is_cancelled:
                raise Cancelled()  # stop feeding: the reader quit
            self.app.call_from_thread(self._receive, done, total, article_id, analysis)

        def failed(article: Article, reason: str) -> None:
            if worker.is_cancelled:
                raise Cancelled()
            self.app.call_from_thread(self._not_analyzed, not_analyzed(article, reason))

        try:
            self.analyzer.analyze(pending, on_progress=progress, on_failure=failed)
        except Cancelled:
            return
        except ModelNotFound as error:
            self.app.call_from_thread(self._fail, str(error))
            return
        except Exception as error:  # shown to the reader; the text stays readable
            if self._ended(worker):
                return  # the reader quit: the analysis process was ended under it
            self.log.error("analysis failed", error)
            self.app.call_from_thread(
                self._fail, f"Analysis failed: {type(error).__name__}: {error}"
            )
            return
        self.app.call_from_thread(self._finish)

    def _reopen(self) -> bool:
        """Deliver the stored corpus of an unchanged collection; False when there is none.

        Runs in the analysis worker: hashing the texts and decoding the stored
        collection grow with it, and nothing here needs the analyses.
        """
        started = time.monotonic()
        try:
            with paused_gc(freeze=self.isolated):  # as for ``_link``
                corpus = lookup_corpus(self.articles, self.errors, self.settings, self.aliases)
                if corpus is None or get_current_worker().is_cancelled:
                    return False
                marks = LazyMarks.of(corpus)
                rows = prepare_rows(corpus.entities)
        except ModelNotFound:
            return False
        self.app.call_from_thread(self._reopened, corpus, marks, rows, time.monotonic() - started)
        return True

    def _reopened(
        self, corpus: Corpus, marks: Mapping[str, ArticleMarks], rows: SidebarRows, seconds: float
    ) -> None:
        self.from_index = True
        self._take(corpus, marks, rows, True, seconds)
        self.state = "done"

    def _provisional(
        self,
        corpus: Corpus,
        marks: Mapping[str, ArticleMarks],
        rows: SidebarRows,
        added: int,
        removed: int,
    ) -> None:
        # Shown until the collection linked again replaces it (``_staged``).
        self.changes = (added, removed)
        self._take(corpus, marks, rows, False, 0.0)
        self.state = "provisional"

    def _staged(self, corpus: Corpus, marks: Mapping[str, ArticleMarks], rows: SidebarRows) -> None:
        # Not final: the same corpus with its stories follows (``_reopened``).
        self._take(corpus, marks, rows, False, 0.0)
        self.state = "grouping"

    def _take(
        self,
        corpus: Corpus,
        marks: Mapping[str, ArticleMarks],
        rows: SidebarRows,
        final: bool,
        seconds: float,
    ) -> None:
        """Deliver a corpus made elsewhere (index, linking process); the selection kept."""
        self.generation += 1
        anchor = self._anchor()
        found = find_again(corpus, anchor) if anchor else None
        self._hand_over(
            LinkResult(self.generation, corpus, marks, rows, anchor, found, final, seconds)
        )

    def _hand_over(self, result: LinkResult) -> None:
        """Deliver ``result``; the corpus shown before is freed in a thread of its own."""
        replaced, self._shown = self._shown, [(result.corpus, result.marks)]
        self._deliver(result)
        if replaced:
            let_go(replaced)

    def _receive_cached(self, cached: Mapping[str, Analysis], pending: int) -> None:
        self.analyses.update(cached)
        if pending:
            self.state = "analyzing"
            self._counted = (0, pending)
            self.post_message(Progress(self, 0, pending))
            self._request()
        else:
            self._finish()

    def _receive(self, done: int, total: int, article_id: str, analysis: Analysis) -> None:
        self.analyses[article_id] = analysis
        self._counted = (done, total)
        self.post_message(Progress(self, done, total))
        self._request()

    def _not_analyzed(self, problem: LoadError) -> None:
        # Kept without highlights, and said; no link stores the collection (incomplete).
        self.errors = [*self.errors, problem]
        self.unanalyzed += 1
        self.post_message(NotAnalyzed(self, problem))
        # Counted as done, as the analyzer's next count does: none left short at the end.
        done, total = self._counted
        self._counted = (done + 1, total)
        self.post_message(Progress(self, done + 1, total))

    def _finish(self) -> None:
        # The last link must include every analysis: start it now, superseding any other.
        self._final_pending = True
        self._launch()

    def _fail(self, reason: str) -> None:
        # The text stays readable without highlights; the screen says why.
        self.state = "failed"
        self._linking = False
        self.post_message(Failed(self, reason))

    # -- linking ---------------------------------------------------------------------

    def relink(self) -> None:
        """Link the analyses again now (e.g. after the aliases changed)."""
        if self.from_index:
            # The corpus came whole from the index: load the analyses, then link.
            self.from_index = False
            self._start(reopen=False)
            return
        self._launch()

    def _request(self) -> None:
        # Throttled: one link at a time, and a pause of `interval` after each, so the
        # reader's keys get most of the time while results stream in.
        if self._linking or self._timer is not None:
            self._dirty = True
            return
        wait = self._last_finish + self.interval - time.monotonic()
        if wait <= 0:
            self._launch()
        else:
            self._timer = self.set_timer(wait, self._launch)

    def _launch(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._dirty = False
        self._linking = True
        self.generation += 1
        self._link(
            LinkRequest(self.generation, dict(self.analyses), self._final_pending, self._anchor())
        )

    @work(thread=True, exclusive=True, group="link")
    def _link(self, request: LinkRequest) -> None:
        started, worker, anchor = time.monotonic(), get_current_worker(), request.anchor
        try:
            # The corpus, its highlights and rows are shown until the next link replaces
            # them: a large collection's are frozen as made (reference counting frees
            # them then), or every full collection meanwhile walks them all, on whichever
            # thread, at whatever key (up to two thirds of a second at 10,000 articles).
            with paused_gc(freeze=self.isolated):
                corpus, marks, rows = self._linked_parts(request.analyses, request.final, worker)
                found = find_again(corpus, anchor) if anchor else None
        except Cancelled:
            return
        except Exception as error:  # a linking bug must not take the text away
            self.log.error("linking failed", error)
            reason = f"Linking failed: {type(error).__name__}: {error}"
            self.app.call_from_thread(self._fail, reason)
            return
        seconds = time.monotonic() - started
        result = LinkResult(
            request.generation, corpus, marks, rows, anchor, found, request.final, seconds
        )
        self.app.call_from_thread(self._linked, result)

    def _linked_parts(
        self, analyses: dict[str, Analysis], final: bool, worker: Worker[None]
    ) -> tuple[Corpus, Mapping[str, ArticleMarks], SidebarRows]:
        """The corpus linked, its highlights and rows: in a linking process when the feed
        links elsewhere and it can, else here. Raises Cancelled."""
        link = self.link_function
        if link is pipeline.build_corpus and self.links_elsewhere:
            # An article the model failed on: the last link leaves it out too.
            final = final and not self.unanalyzed
            made = self._link_in_process(final, lambda: self._ended(worker))
            if made is not None:
                return made
        args = (self.articles, analyses, self.errors, self.settings, self.aliases)
        corpus = run_abandonable(lambda: link(*args))
        if worker.is_cancelled:
            raise Cancelled()
        return corpus, LazyMarks.of(corpus), prepare_rows(corpus.entities)

    def _linked(self, result: LinkResult) -> None:
        if result.generation != self.generation:
            return  # superseded by a newer request
        self._linking = False
        self._last_finish = time.monotonic()
        # Linking thousands of articles takes a while: re-link less often then.
        self.interval = max(REBUILD_INTERVAL, REBUILD_FACTOR * result.seconds)
        # Delivered before the state says "done", so whoever sees "done" sees the corpus.
        self._hand_over(result)
        if result.final:
            self._final_pending = False
            self.state = "done"
        if self._dirty:
            self._request()
