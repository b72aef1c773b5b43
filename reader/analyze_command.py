"""`reader analyze`: fill the analysis cache for many articles, then read them warm."""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import TYPE_CHECKING

from reader.config import Settings
from reader.model import Article
from reader.progress import ProgressLine

if TYPE_CHECKING:
    # Imported where they run: every command builds this parser, and the batch
    # machinery (process pools, multiprocessing) is a tenth of a second to import.
    from reader.batch import BatchReport, Runner
    from reader.loading import LoadResult

EXIT_NOTHING_LOADED = 1
EXIT_USAGE = 2
EXIT_NO_MODEL = 3
EXIT_INTERRUPTED = 130


def analyze_parser() -> argparse.ArgumentParser:
    """The parser of `reader analyze` (the paths and common options are added by the caller)."""
    parser = argparse.ArgumentParser(
        prog="reader analyze",
        description="Analyze the articles that are not cached yet and fill the cache, on "
        "several local processes or a Dask cluster. Prints one summary line.",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="local worker processes (default: the number of cores; 1 runs in this process)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="analyze on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786); "
        "needs pip install 'reader[cluster]'",
    )
    parser.add_argument(
        "--no-link",
        action="store_true",
        help="only analyze: do not link the articles into a collection afterwards",
    )
    return parser


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_analyze(args: argparse.Namespace, settings: Settings) -> int:
    """Run `reader analyze` with parsed ``args``; returns the exit status."""
    from concurrent.futures.process import BrokenProcessPool

    from reader.batch import WorkerMismatch, run_batch
    from reader.cli import _print_errors, _say
    from reader.digest_store import DigestStore, DigestWriter
    from reader.nlp import ModelNotFound
    from reader.pipeline import Analyzer, load_articles

    if not settings.use_cache:
        _say("analyze fills the cache: it cannot run with --no-cache")
        return EXIT_USAGE
    if args.jobs is not None and args.jobs < 1:
        _say(f"--jobs must be at least 1, not {args.jobs}")
        return EXIT_USAGE
    loaded = load_articles(args.paths, settings)
    _print_errors(loaded.errors)
    if not loaded.articles:
        where = ", ".join(str(p) for p in args.paths) or "the bundled articles"
        _say(f"no article could be loaded from {where}")
        return EXIT_NOTHING_LOADED
    analyzer = Analyzer(settings)
    try:
        cache = analyzer.cache
    except ModelNotFound as exc:
        _say(str(exc))
        return EXIT_NO_MODEL
    assert cache is not None  # use_cache was checked above
    try:
        runner = _runner(args, settings, loaded.articles)
    except RuntimeError as exc:  # ClusterUnavailable: one line, never a traceback
        _say(str(exc))
        return EXIT_USAGE
    progress = _Progress()
    digests = DigestWriter(DigestStore(settings.cache_dir), cache)
    try:
        report = run_batch(
            loaded.articles,
            cache,
            runner,
            on_progress=progress,
            on_failure=lambda article, reason: _failed(article, reason, progress),
            digests=digests,
        )
    except ModelNotFound as exc:
        progress.close()
        _say(str(exc))
        return EXIT_NO_MODEL
    except (WorkerMismatch, BrokenProcessPool) as exc:
        progress.close()
        _say(f"analysis stopped: {exc or 'a worker process died'}; finished work is cached")
        return EXIT_NOTHING_LOADED
    except Exception as exc:  # a cluster failure: one line, work so far is kept
        if args.scheduler is None:
            raise
        progress.close()
        reason = f"{type(exc).__name__}: {exc}".split("\n")[0][:200]
        _say(f"analysis on {args.scheduler} stopped ({reason}); finished work is cached")
        return EXIT_NOTHING_LOADED
    progress.close()
    for warning in [*analyzer.warnings, *filter(None, [digests.store.warning])]:
        _say(f"warning: {warning}")
    print(report.summary())
    if not (args.no_link or report.interrupted):
        _link(loaded, settings, report)
    return _status(report)


def _link(loaded: LoadResult, settings: Settings, report: BatchReport) -> None:
    """Link the analyzed articles as one collection and store it in the collection index,
    so that the reader and the export open them as a collection linked before (reading
    the index instead of linking: 10,000 articles in about a third of the time)."""
    from reader.cli import _say
    from reader.collection import CollectionLinker
    from reader.pipeline import link_loaded
    from reader.progress import StatusLine

    count = len(loaded.articles)
    if report.failures:
        # The reader tries those again when it opens them: a collection never complete.
        _say(f"not linked: {len(report.failures)} of {count:,} articles could not be analyzed")
        return
    checker = CollectionLinker(settings, loaded.aliases)
    held = checker.holds(loaded.articles)
    for warning in checker.warnings:  # a damaged index: rebuilt by the link below
        _say(f"warning: {warning}")
    if held:
        print(f"linked already: the collection index holds these {count:,} articles")
        return
    line = StatusLine(sys.stderr, tty=sys.stderr.isatty())
    started = time.perf_counter()
    try:
        corpus = link_loaded(loaded, settings, on_step=line.linking, on_count=line.counting)
    finally:
        line.clear()
    for problem in corpus.errors[len(loaded.errors) :]:
        _say(f"warning: {problem.message}")
    print(
        f"linked {count:,} articles: {len(corpus.entities):,} entities, "
        f"{len(corpus.quotes):,} quotes, {len(corpus.stories):,} stories; "
        f"stored for the next open ({time.perf_counter() - started:.1f} s)"
    )


def _runner(args: argparse.Namespace, settings: Settings, articles: list[Article]) -> Runner:
    from reader.batch import InProcessRunner, ProcessPoolRunner, plan_batches

    if args.scheduler is not None:
        from reader.cluster import DaskRunner

        return DaskRunner(settings.model, args.scheduler)
    jobs = args.jobs or default_jobs()
    # More processes than batches would only load the model for nothing.
    jobs = min(jobs, max(1, len(plan_batches([a.text for a in articles]))))
    return InProcessRunner(settings.model) if jobs == 1 else ProcessPoolRunner(settings.model, jobs)


class _Progress:
    """The progress line, made when the batch knows its size."""

    def __init__(self) -> None:
        self.line: ProgressLine | None = None

    def __call__(self, done: int, total: int, words: int, total_words: int) -> None:
        if self.line is None:
            self.line = ProgressLine(sys.stderr, total, total_words, tty=sys.stderr.isatty())
        self.line.update(done, words)

    def close(self) -> None:
        if self.line is not None:
            self.line.close()


def _failed(article: Article, reason: str, progress: _Progress) -> None:
    from reader.cli import _say

    progress.close()
    _say(f"failed: {article.path}: {reason}")


def _status(report: BatchReport) -> int:
    return EXIT_INTERRUPTED if report.interrupted else 0
