"""Batch analysis: fill the cache for many articles, on local processes or a Dask cluster.

The parent plans batches (longest texts first, so the long ones do not all end
up last on one worker), a runner analyzes them where it likes, and the parent
writes each result to the cache as it arrives: an interrupted run keeps all
finished work and the next run resumes. Workers load the model once and keep
it; they need no access to the cache or the article files.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from reader.cache import AnalysisCache
from reader.digest_store import DigestWriter
from reader.model import Analysis, Article
from reader.nlp import analysis_fingerprint

if TYPE_CHECKING:
    from spacy.language import Language

#: At most this many texts go in one batch: enough for ``nlp.pipe`` to batch well.
BATCH_TEXTS = 32
#: At most about this many characters go in one batch (unless one text is longer),
#: so a batch of long articles is not minutes of one worker's time.
BATCH_CHARS = 20_000

#: Environment variables that cap the threads of numeric libraries in a worker.
THREAD_LIMITS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

#: One text's outcome: its analysis, or the one-line reason it failed.
Outcome = Analysis | str


class WorkerMismatch(RuntimeError):
    """A worker runs other analysis code than this process: its results would not fit the key."""


def plan_batches(
    texts: Sequence[str], max_texts: int = BATCH_TEXTS, max_chars: int = BATCH_CHARS
) -> list[list[int]]:
    """Group the indices of ``texts`` into batches, longest texts first.

    Handing out the longest work first lets the short texts at the end even
    out the load across workers. Every index is in exactly one batch.
    """
    order = sorted(range(len(texts)), key=lambda i: (-len(texts[i]), i))
    batches: list[list[int]] = []
    current: list[int] = []
    chars = 0
    for index in order:
        size = len(texts[index])
        if current and (len(current) >= max_texts or chars + size > max_chars):
            batches.append(current)
            current, chars = [], 0
        current.append(index)
        chars += size
    if current:
        batches.append(current)
    return batches


# --- The worker side: runs in a pool process, a Dask worker, or in-process. ---

_PIPELINES: dict[str, Language] = {}
_PIPELINE_LOCK = threading.Lock()


def limit_threads() -> None:
    """One thread for numeric libraries, so worker processes do not fight over cores.

    Effective only before those libraries are first imported in the process.
    """
    for name in THREAD_LIMITS:
        os.environ[name] = "1"


def worker_pipeline(model: str) -> Language:
    """The process's pipeline for ``model``: loaded on first use, then kept."""
    with _PIPELINE_LOCK:
        if model not in _PIPELINES:
            from reader.nlp import load_pipeline

            _PIPELINES[model] = load_pipeline(model)
        return _PIPELINES[model]


def init_pool_worker(model: str) -> None:
    """Pool initializer: cap threads, leave Ctrl+C to the parent, load the model once."""
    limit_threads()
    # The parent stops the pool on Ctrl+C; a worker's own KeyboardInterrupt
    # would only add a traceback per process.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker_pipeline(model)


def iter_outcomes(nlp: Language, texts: Sequence[str]) -> Iterator[tuple[int, Outcome]]:
    """Analyze ``texts`` in one ``nlp.pipe`` pass; yields ``(index, outcome)`` as each is done.

    If the pass fails, the texts it has not yielded yet are redone one at a
    time, so one bad article costs only itself: it yields the reason instead.
    """
    from reader.nlp import analyze_texts

    finished: set[int] = set()
    try:
        for index, analysis in analyze_texts(nlp, texts):
            finished.add(index)
            yield index, analysis
    except Exception:  # any failure of the batch: the rest are redone one by one
        left = [index for index in range(len(texts)) if index not in finished]
    else:
        return
    for index in left:
        try:
            yield index, next(analyze_texts(nlp, [texts[index]]))[1]
        except Exception as exc:  # reported per article, the rest go on
            yield index, failure_reason(exc)


def analyze_batch(model: str, texts: Sequence[str]) -> tuple[str, list[Outcome]]:
    """Analyze one batch where this runs; returns the analysis fingerprint and the outcomes.

    The fingerprint lets the caller refuse results made by other reader code.
    """
    nlp = worker_pipeline(model)
    with _PIPELINE_LOCK:  # one pipeline per process: threads of a worker take turns
        outcomes = dict(iter_outcomes(nlp, texts))
    return analysis_fingerprint(), [outcomes[i] for i in range(len(texts))]


def failure_reason(exc: BaseException) -> str:
    """``exc`` as one short line: its type and the first line of its message."""
    message = str(exc).strip().split("\n")[0][:200]
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


# --- Runners: where batches are analyzed. ---

#: (batch number, position in the batch, outcome)
BatchResult = tuple[int, int, Outcome]


class Runner(Protocol):
    """Analyzes batches of texts somewhere, yielding outcomes as they finish."""

    def run(self, batches: list[list[str]]) -> Iterator[BatchResult]: ...

    def close(self) -> None: ...


class InProcessRunner:
    """Analyzes in this process, article by article (``--jobs 1``)."""

    def __init__(self, model: str) -> None:
        self.model = model

    def run(self, batches: list[list[str]]) -> Iterator[BatchResult]:
        if not batches:
            return
        nlp = worker_pipeline(self.model)
        for number, texts in enumerate(batches):
            for position, outcome in iter_outcomes(nlp, texts):
                yield number, position, outcome

    def close(self) -> None:
        """Nothing to stop: the pipeline stays loaded for the process."""


class ProcessPoolRunner:
    """Analyzes on ``jobs`` local processes, each loading the model once."""

    def __init__(self, model: str, jobs: int) -> None:
        self.model = model
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None

    def run(self, batches: list[list[str]]) -> Iterator[BatchResult]:
        # "spawn": a fresh interpreter per worker, so the thread limits set by
        # the initializer hold before any numeric library is imported.
        self._pool = ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_pool_worker,
            initargs=(self.model,),
        )
        futures: dict[Future[tuple[str, list[Outcome]]], int] = {
            self._pool.submit(analyze_batch, self.model, texts): number
            for number, texts in enumerate(batches)
        }
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield from checked_results(futures[future], *future.result())

    def close(self) -> None:
        """Stop the workers at once: unfinished batches are dropped, finished ones kept."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        pool.shutdown(wait=False, cancel_futures=True)
        # Running batches would finish first: end our own worker processes now.
        for child in multiprocessing.active_children():
            child.terminate()
        for child in multiprocessing.active_children():
            child.join(timeout=5)


def checked_results(
    number: int, fingerprint: str, outcomes: list[Outcome]
) -> Iterator[BatchResult]:
    if fingerprint != analysis_fingerprint():
        raise WorkerMismatch(
            "a worker runs other reader analysis code than this machine "
            f"({fingerprint} here {analysis_fingerprint()}); install the same reader version "
            "on every worker"
        )
    for position, outcome in enumerate(outcomes):
        yield number, position, outcome


# --- The batch run: plan, dispatch, write, report. ---


@dataclass
class BatchReport:
    """What a batch run did."""

    analyzed: int = 0
    cached: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    words: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    def summary(self) -> str:
        """One line: counts, words per second and time."""
        from reader.progress import format_duration

        rate = self.words / self.seconds if self.seconds > 0 else 0.0
        line = (
            f"analyzed {self.analyzed} articles, {self.cached} already cached, "
            f"{len(self.failures)} failed; {rate:,.0f} words/s, {format_duration(self.seconds)}"
        )
        return line + (" (interrupted)" if self.interrupted else "")


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold a Ctrl+C that comes during the block until the block is done.

    A cache write cut short would leave its temporary file behind; with this,
    Ctrl+C stops the batch right after the write instead. Only the main thread
    can set signal handlers; elsewhere the block runs as is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        # None: a handler not set from Python; Python's own is the closest.
        signal.signal(
            signal.SIGINT, previous if previous is not None else signal.default_int_handler
        )
    if caught:
        raise KeyboardInterrupt


def word_count(text: str) -> int:
    """Words as the speed figures count them: runs of non-space characters."""
    return len(text.split())


def run_batch(
    articles: Sequence[Article],
    cache: AnalysisCache,
    runner: Runner,
    *,
    on_progress: Callable[[int, int, int, int], None] | None = None,
    on_failure: Callable[[Article, str], None] | None = None,
    max_texts: int = BATCH_TEXTS,
    digests: DigestWriter | None = None,
) -> BatchReport:
    """Analyze every article ``cache`` lacks with ``runner``, writing each result as it arrives.

    Args:
        articles: the articles to have in the cache.
        cache: where results go (read first: cached articles are skipped).
        runner: where the analysis runs.
        on_progress: called as ``(done, total, words, total_words)`` for the
            articles to analyze: once before the first result, then after each.
        on_failure: called with an article whose analysis failed and the reason.
        max_texts: at most this many texts per batch.
        digests: where each result's linking digest goes (see ``reader.digest_store``).

    Returns:
        The report; on Ctrl+C, ``interrupted`` is set and finished work is cached.
    """
    started = time.monotonic()
    report = BatchReport()
    pending: dict[str, list[Article]] = {}
    cached: list[str] = []
    for article in articles:
        if article.text in pending or cache.get(article.text) is None:
            pending.setdefault(article.text, []).append(article)
        else:
            report.cached += 1
            cached.append(article.text)
    texts = list(pending)
    batches = plan_batches(texts, max_texts)
    total = sum(len(group) for group in pending.values())
    total_words = sum(word_count(text) for text in texts)
    done = 0
    if on_progress is not None and total:
        on_progress(0, total, 0, total_words)
    try:
        if digests is not None and cached:
            # Texts analyzed before their digests were kept (or before the linking
            # code changed): linking's per-text work is part of a filled cache.
            digests.fill(cached)
        if not batches:
            return report
        for number, position, outcome in runner.run([[texts[i] for i in b] for b in batches]):
            text = texts[batches[number][position]]
            if isinstance(outcome, Analysis):
                with interrupts_deferred():
                    cache.put(text, outcome)
                if digests is not None:
                    # Linking's per-text work, here in the parent: a millisecond
                    # against the analysis's hundreds, and it keeps workers plain.
                    digests.add(text, outcome)
                report.analyzed += len(pending[text])
                report.words += word_count(text)
            else:
                for article in pending[text]:
                    report.failures.append((article.path, outcome))
                    if on_failure is not None:
                        on_failure(article, outcome)
            done += len(pending[text])
            if on_progress is not None:
                on_progress(done, total, report.words, total_words)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        runner.close()
        if digests is not None:
            try:
                digests.flush()
            except KeyboardInterrupt:  # a second Ctrl+C: those digests are made when linked
                report.interrupted = True
        report.seconds = time.monotonic() - started
    return report
