"""Articles arriving while the reader already shows: files are read after the first frame.

A :data:`Loader` reads the files in a worker thread and hands over chunks of
articles (:class:`~reader.article_stream.LoadChunk`); :class:`Arrivals` puts
each chunk into the reader screen on the UI thread: the first articles fill
the columns, the picker and the load report follow, the status line counts the
files. Once the last chunk is in, the analysis starts and the session is
restored, as they do when the articles were all read before.

A large local collection is read by the linking process that will look it up
(:mod:`reader.ui.feed_process`): the UI process then reads no file at all.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.worker import get_current_worker

from reader.article_stream import LoadChunk, at_least_files, stream_articles
from reader.attribution import outlet
from reader.config import MAX_COLUMNS, Settings
from reader.model import Corpus, LoadError
from reader.ui import feed_process
from reader.ui.article_picker import ArticlePicker
from reader.ui.wording import counted

if TYPE_CHECKING:
    from reader.ui.reader_screen import ReaderScreen

#: How often the status line counts the files read (seconds).
STATUS_EVERY = 0.2
#: The app's return code when no article could be read.
NOTHING_READ = 1
#: Reads articles in a worker thread: ``loader(deliver, cancelled)`` calls
#: ``deliver`` with each chunk (the last one has ``last`` set) until done or cancelled.
Loader = Callable[[Callable[[LoadChunk], object], Callable[[], bool]], None]


def files_loader(paths: Sequence[Path | str], settings: Settings) -> Loader:
    """The reader's own loader of ``paths``: by the preloaded linking process when the
    collection is large, else in this process."""

    def load(deliver: Callable[[LoadChunk], object], cancelled: Callable[[], bool]) -> None:
        sent = 0  # files already delivered, should the linking process fail midway
        if at_least_files(paths, feed_process.PROCESS_MIN_ARTICLES):

            def relay(chunk: LoadChunk) -> None:
                nonlocal sent
                deliver(chunk)
                sent = chunk.files

            if feed_process.read_preloaded(relay, cancelled):
                return
        feed_process.discard_preloaded()
        for chunk in stream_articles(paths, settings, after=sent):
            if cancelled():
                return
            deliver(chunk)

    return load


class Arrivals:
    """The reader screen's part that takes the articles in as they are read."""

    def __init__(self, screen: ReaderScreen, loader: Loader | None) -> None:
        self.screen = screen
        self.loader = loader
        #: True until the last chunk is in (always False without a loader).
        self.pending = loader is not None
        self._counted = 0.0  # when the status line last counted the files

    def start(self) -> None:
        """Start reading (in a worker); the status line says so meanwhile."""
        if self.loader is None:
            return
        self.screen.status_bar.show_message("Reading files…")
        self.screen.run_worker(self._read, thread=True, group="read", exit_on_error=False)

    def _read(self) -> None:
        worker = get_current_worker()
        app = self.screen.app
        assert self.loader is not None

        # call_from_thread awaits a coroutine function's result; its annotation cannot say so.
        receive = cast("Callable[[LoadChunk], None]", self.receive)

        def deliver(chunk: LoadChunk) -> None:
            app.call_from_thread(receive, chunk)  # waits: one chunk at a time

        try:
            self.loader(deliver, lambda: worker.is_cancelled)
        except Exception as error:  # what was read stays; the reader says why the rest is not
            if worker.is_cancelled:
                return
            reason = f"Reading the files failed: {type(error).__name__}: {error}"
            deliver(LoadChunk([], [LoadError("reader", reason)], last=True))

    async def _fill_columns(self, chunk: LoadChunk) -> None:
        # The columns the screen would have opened with, unless the reader chose a count.
        screen = self.screen
        deck = screen.deck
        grow = screen._wanted_columns in (None, len(deck.columns))
        count = min(MAX_COLUMNS, screen.settings.columns) if grow else len(deck.columns)
        if await deck.add_articles(chunk.articles, count):
            screen.sidebar.set_columns(screen.columns)
            if grow:
                screen._wanted_columns = len(deck.columns)
                # Fewer if the terminal is too narrow, saying so, as when opened whole.
                screen.call_after_refresh(screen.fit_to_terminal)
        for dialog in screen.app.screen_stack:
            if isinstance(dialog, ArticlePicker):
                dialog.add_articles(chunk.articles)

    async def receive(self, chunk: LoadChunk) -> None:
        """Put ``chunk`` into the screen (on the UI thread)."""
        screen = self.screen
        if not self.pending:
            return
        screen.articles += chunk.articles
        screen.errors += chunk.errors
        # The articles live as long as the reader, and so does what the start made (the
        # modules, the widgets): frozen as they come, the cycle collector's full passes
        # skip them. Frozen only at the end, a pass while the files are read walked
        # them all, 0.1 s at whatever key came then on a 10,000-article collection.
        gc.freeze()
        screen.sidebar.outlets.update({a.id: outlet(a) for a in chunk.articles})
        if chunk.articles:
            await self._fill_columns(chunk)
        screen.report_problems(chunk.errors)
        if not chunk.last:
            # Each new line is a repaint: a few a second say as much as a hundred.
            if time.monotonic() - self._counted < STATUS_EVERY:
                return
            self._counted = time.monotonic()
            screen.status_bar.show_message(
                f"Reading files… {chunk.files:,} of {chunk.total:,} · "
                f"{counted(len(screen.articles), 'article')}"
            )
            screen.status_bar.show_progress(chunk.files, chunk.total)
            return
        self.pending = False
        screen.status_bar.show_progress(1, 1)
        if not screen.articles:
            screen.app.exit(return_code=NOTHING_READ)
            return
        screen.corpus = Corpus(screen.articles, [], [], screen.errors, screen.settings.model)
        screen.feed.take_articles(screen.articles, screen.errors, chunk.aliases)
        if not screen.feed.isolated:
            feed_process.discard_preloaded()  # many files, but few articles: linked here
        screen.status_bar.show_message(
            f"{counted(len(screen.articles), 'article')} read — finding the entities…"
        )
        screen.all_read()
