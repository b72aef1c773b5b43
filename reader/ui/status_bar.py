"""The status line: the selected entity and mention position, messages, analysis progress."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import ProgressBar, Static


class LoadIndicator(Static):
    """``⚠ 3 skipped``: how many files had load problems; a click opens the load report."""

    DEFAULT_CSS = """
    LoadIndicator {
        width: auto;
        padding: 0 1;
        color: $warning;
        text-style: bold;
    }
    LoadIndicator:hover {
        text-style: bold underline;
    }
    """

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(StatusBar.ReportRequested())


class StatusBar(Horizontal):
    """Shows ``Name  i/N`` for the selection, or a message, and a progress bar while analyzing."""

    class ReportRequested(Message):
        """The reader clicked the load problems indicator."""

    def compose(self) -> ComposeResult:
        yield Static("", id="status-text")
        yield LoadIndicator("", id="load-indicator")
        yield ProgressBar(total=None, show_eta=False, id="analysis-progress")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one(LoadIndicator).display = False

    @property
    def text(self) -> str:
        """What the status line says now (plain text)."""
        return str(self.query_one("#status-text", Static).content)

    @property
    def load_problems(self) -> str:
        """What the load problems indicator says (empty when it is hidden)."""
        indicator = self.query_one(LoadIndicator)
        return str(indicator.content) if indicator.display else ""

    def show_load_problems(self, summary: str) -> None:
        """Show ``⚠ summary`` (e.g. "3 skipped"), or hide the indicator when it is empty."""
        indicator = self.query_one(LoadIndicator)
        indicator.display = bool(summary)
        indicator.update(Text(f"⚠ {summary}" if summary else ""))
        indicator.tooltip = "Click to open the load report" if summary else None

    def show_selection(self, name: str, position: str) -> None:
        """Show the selected entity's name and the current mention as ``i/N``."""
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(name, style="bold")
        line.append(f"  {position}")
        self._say(line)

    def show_message(self, message: str, *, error: bool = False) -> None:
        """Show a plain message (``error`` makes it stand out)."""
        style = "bold red" if error else ""
        self._say(Text(message, style=style, no_wrap=True))

    def _say(self, line: Text) -> None:
        # One line of a fixed size (app.tcss): a new text only repaints it. A layout
        # of the whole screen per message took tens of milliseconds at 200x50, a few
        # times a second while a large collection loads.
        self.query_one("#status-text", Static).update(line, layout=False)

    def show_progress(self, done: int, total: int) -> None:
        """Show analysis progress; hidden again once ``done == total``."""
        bar = self.query_one(ProgressBar)
        bar.display = done < total
        bar.update(total=total, progress=done)
