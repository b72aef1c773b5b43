"""The status line: the selected entity and mention position, messages, analysis progress."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static


class StatusBar(Horizontal):
    """Shows ``Name  i/N`` for the selection, or a message, and a progress bar while analyzing."""

    def compose(self) -> ComposeResult:
        yield Static("", id="status-text")
        yield ProgressBar(total=None, show_eta=False, id="analysis-progress")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False

    @property
    def text(self) -> str:
        """What the status line says now (plain text)."""
        return str(self.query_one("#status-text", Static).content)

    def show_selection(self, name: str, position: str) -> None:
        """Show the selected entity's name and the current mention as ``i/N``."""
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(name, style="bold")
        line.append(f"  {position}")
        self.query_one("#status-text", Static).update(line)

    def show_message(self, message: str, *, error: bool = False) -> None:
        """Show a plain message (``error`` makes it stand out)."""
        style = "bold red" if error else ""
        self.query_one("#status-text", Static).update(Text(message, style=style, no_wrap=True))

    def show_progress(self, done: int, total: int) -> None:
        """Show analysis progress; hidden again once ``done == total``."""
        bar = self.query_one(ProgressBar)
        bar.display = done < total
        bar.update(total=total, progress=done)
