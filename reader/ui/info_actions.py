"""What the reader knows about its input, as screen actions: the load report, article URLs.

A mixin of :class:`~reader.ui.reader_screen.ReaderScreen`, so the key bindings
in :mod:`reader.ui.keys` reach these actions by name. The load report itself is
the model's :class:`~reader.load_report.LoadReport`; this only shows it.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from reader.load_report import LoadReport
from reader.model import LoadError
from reader.ui.load_report_screen import LoadReportScreen
from reader.ui.status_bar import StatusBar

if TYPE_CHECKING:
    from textual.app import App

    from reader.ui.column_deck import ColumnDeck

#: The only URL schemes handed to the browser: an article's URL is untrusted.
WEB_SCHEMES = ("http", "https")


class InfoActions:
    """The load report (status bar indicator, view, live updates) and opening URLs."""

    report: LoadReport
    app: App[None]

    if TYPE_CHECKING:  # the screen's parts, as ReaderScreen has them

        @property
        def deck(self) -> ColumnDeck: ...

        @property
        def status_bar(self) -> StatusBar: ...

    def show_load_problems(self) -> None:
        """Show how many files had problems in the status bar (nothing when none did)."""
        self.status_bar.show_load_problems(self.report.summary())

    def announce_load_problems(self) -> None:
        """Show the indicator, and a short notice when files were skipped (once, at start)."""
        self.show_load_problems()
        if self.report.skipped:
            summary = self.report.summary()
            self.app.notify(f"{summary}: see the load report", severity="warning", markup=False)

    def report_problems(self, errors: Iterable[LoadError]) -> None:
        """Add load problems found while the reader runs: the indicator and the view follow."""
        if not self.report.add(errors):
            return
        self.show_load_problems()
        for screen in self.app.screen_stack:
            if isinstance(screen, LoadReportScreen):
                screen.refresh_report()

    def action_load_report(self) -> None:
        """Open the load report: every file skipped or loaded with warnings, and why."""
        if not any(isinstance(s, LoadReportScreen) for s in self.app.screen_stack):
            self.app.push_screen(LoadReportScreen(self.report))

    def on_status_bar_report_requested(self, event: StatusBar.ReportRequested) -> None:
        event.stop()
        self.action_load_report()

    def action_open_url(self) -> None:
        """Open the focused column's article in the web browser (off the UI thread)."""
        column = self.deck.column_widgets[self.deck.focused_number() - 1]
        article = column.article
        if article is None or not article.url:
            self.app.notify("This article has no URL", timeout=3, markup=False)
            return
        url = article.url
        if urlsplit(url).scheme.lower() not in WEB_SCHEMES:
            self.app.notify("Not opened: the article's URL is not a web address", markup=False)
            return
        app = self.app

        def open_it() -> None:
            # A browser can take seconds to start: never on the UI thread.
            if not webbrowser.open(url):
                app.call_from_thread(app.notify, "No web browser could be started", markup=False)

        app.run_worker(open_it, thread=True, group="browser", exit_on_error=False)
        app.notify("Opening the article in the browser", timeout=2, markup=False)
