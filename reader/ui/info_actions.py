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


def is_web_address(url: str) -> bool:
    """Whether ``url`` is an http(s) address with a host and no spaces or control characters.

    An article's URL is untrusted: nothing else is handed to the browser.
    """
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. a broken IPv6 host
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)


class InfoActions:
    """The load report (status bar indicator, view, live updates) and opening URLs."""

    load_report: LoadReport
    app: App[None]

    if TYPE_CHECKING:  # the screen's parts, as ReaderScreen has them

        @property
        def deck(self) -> ColumnDeck: ...

        @property
        def status_bar(self) -> StatusBar: ...

    def show_load_problems(self) -> None:
        """Show how many files had problems in the status bar (nothing when none did)."""
        self.status_bar.show_load_problems(self.load_report.summary())

    def announce_load_problems(self) -> None:
        """Show the indicator, and a short notice when files were skipped (once, at start)."""
        self.show_load_problems()
        if self.load_report.skipped:
            summary = self.load_report.summary()
            self.app.notify(f"{summary}: see the load report", severity="warning", markup=False)

    def report_problems(self, errors: Iterable[LoadError]) -> None:
        """Add load problems found while the reader runs: the indicator and the view follow."""
        if not self.load_report.add(errors):
            return
        self.show_load_problems()
        for screen in self.app.screen_stack:
            if isinstance(screen, LoadReportScreen):
                screen.refresh_report()

    def action_load_report(self) -> None:
        """Open the load report: every file skipped or loaded with warnings, and why."""
        if not any(isinstance(s, LoadReportScreen) for s in self.app.screen_stack):
            self.app.push_screen(LoadReportScreen(self.load_report))

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
        if not is_web_address(url):
            self.app.notify("Not opened: the article's URL is not a web address", markup=False)
            return
        app = self.app

        def open_it() -> None:
            # A browser can take seconds to start: never on the UI thread.
            try:
                opened = webbrowser.open(url)
            except (webbrowser.Error, OSError):
                opened = False
            if not opened:
                app.call_from_thread(app.notify, "No web browser could be started", markup=False)

        app.run_worker(open_it, thread=True, group="browser", exit_on_error=False)
        app.notify("Opening the article in the browser", timeout=2, markup=False)
