"""The load report view: every file skipped or loaded with warnings, and why."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.load_report import SKIPPED, LoadReport, ReportRow
from reader.ui.dialog_screen import DialogScreen
from reader.ui.layout import sanitize
from reader.ui.lazy_list import LazyOptionList
from reader.ui.wording import counted


def report_prompt(row: ReportRow) -> Text:
    """One file of the report: its path and what happened, then the reason (plain text)."""
    prompt = Text()
    prompt.append(sanitize(row.path), style="bold")
    prompt.append(f"  {row.outcome}", style="bold red" if row.outcome == SKIPPED else "yellow")
    if row.problems > 1:
        prompt.append(f" ({row.problems} problems)", style="dim")
    prompt.append("\n    ")
    prompt.append(sanitize(row.reason))
    return prompt


def report_title(report: LoadReport) -> str:
    """The view's heading: how many files had problems, and how to close it."""
    if not len(report):
        return "Load report: every file loaded without a problem · Esc closes"
    return f"Load report: {counted(len(report), 'file')}, {report.summary()} · Esc closes"


class LoadReportScreen(DialogScreen[None]):
    """A read-only list of the load problems; it follows the report as problems arrive."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,L", "dismiss(None)", "Close")]

    def __init__(self, report: LoadReport) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        with Vertical(id="load-report", classes="dialog"):
            yield Label(Text(report_title(self.report)), id="load-report-title")
            yield LazyOptionList(id="load-report-list")

    def on_mount(self) -> None:
        self.query_one(LazyOptionList).fill(self._options())

    def _options(self) -> list[Option]:
        rows = self.report.rows()
        return [Option(report_prompt(row), id=f"row-{n}") for n, row in enumerate(rows)]

    def refresh_report(self) -> None:
        """Show the report as it is now (it was given more problems)."""
        if not self.is_mounted:
            return  # composing: it shows the report as it is then
        self.query_one("#load-report-title", Label).update(Text(report_title(self.report)))
        option_list = self.query_one(LazyOptionList)
        index = option_list.highlighted
        # The rows only grow: the one under the cursor keeps its id.
        keep = option_list.get_option_at_index(index).id if index is not None else None
        option_list.fill(self._options(), keep)

    @property
    def shown(self) -> list[str]:
        """The rows as shown, as plain text (for tests and screen readers)."""
        return [str(o.prompt) for o in self.query_one(OptionList).options]
