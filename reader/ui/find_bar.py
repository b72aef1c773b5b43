"""The find bar: a query input, a text/regex toggle and a match counter.

It only collects the query and shows what the screen tells it; the search
itself is :func:`reader.find.find`. The screen mounts it (hidden), calls
:meth:`FindBar.open` on the find key, searches on :class:`FindBar.Submitted`,
reports with :meth:`FindBar.show_count` or :meth:`FindBar.show_error`, and
hides it again on :class:`FindBar.Closed`.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Checkbox, Input, Label


class FindBar(Horizontal):
    """One line: ``[query] [x] regex [ ] Aa  3/17``."""

    DEFAULT_CSS = """
    FindBar {
        height: 3;
        width: 1fr;
        background: $surface;
        border-top: hkey $panel;
        padding: 0 1;
    }
    FindBar > #find-input {
        width: 1fr;
        border: tall $panel;
    }
    FindBar > Checkbox {
        width: auto;
        border: none;
        margin: 0 1;
    }
    FindBar > #find-count {
        width: auto;
        min-width: 12;
        height: 3;
        content-align: left middle;
    }
    FindBar > #find-count.-error {
        color: $error;
        text-style: bold;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close find"),
        Binding("ctrl+r", "toggle_regex", "Text/regex"),
        Binding("alt+c", "toggle_case", "Match case"),
    ]

    class Submitted(Message):
        """The reader asked to find ``query`` (a regular expression when ``regex``).

        ``case_sensitive`` asks for letter case to match. ``again`` is True when
        the query and its options are those of the last submission: the screen
        should step to the next match, not search anew.
        """

        def __init__(
            self, query: str, regex: bool, again: bool = False, case_sensitive: bool = False
        ) -> None:
            super().__init__()
            self.query = query
            self.regex = regex
            self.again = again
            self.case_sensitive = case_sensitive

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._last: tuple[str, bool, bool] | None = None

    class Closed(Message):
        """The reader closed the find bar (Escape)."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Find a word, a phrase or a regex", id="find-input")
        yield Checkbox(Text("regex"), id="find-regex")
        yield Checkbox(Text("Aa"), id="find-case", tooltip="Match case (alt+c)")
        yield Label("", id="find-count", markup=False)

    @property
    def find_text(self) -> str:
        """The text in the input now."""
        return self.query_one("#find-input", Input).value

    @property
    def regex(self) -> bool:
        """Whether the query is read as a regular expression."""
        return self.query_one("#find-regex", Checkbox).value

    @property
    def case_sensitive(self) -> bool:
        """Whether letter case must match."""
        return self.query_one("#find-case", Checkbox).value

    def open(self, query: str | None = None) -> None:
        """Show the bar and put the cursor in the input (with ``query`` in it, if given)."""
        self.display = True
        field = self.query_one("#find-input", Input)
        if query is not None:
            field.value = query
        field.focus()

    def show_count(self, position: str | None, total: str) -> None:
        """Show ``i/N`` (``position`` is ``"i"``, or None before the first move) or no matches."""
        if total in ("", "0"):
            self._show("no matches", error=False)
        elif position is None:
            self._show(f"{total} matches" if total != "1" else "1 match", error=False)
        else:
            self._show(f"{position}/{total}", error=False)

    def show_error(self, message: str) -> None:
        """Show a problem with the query (an invalid regex), one line."""
        self._show(" ".join(message.split()), error=True)

    def _show(self, message: str, *, error: bool) -> None:
        count = self.query_one("#find-count", Label)
        count.update(Text(message, no_wrap=True, overflow="ellipsis"))
        count.set_class(error, "-error")

    @on(Input.Submitted, "#find-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        current = (event.value, self.regex, self.case_sensitive)
        again = current == self._last
        self.post_message(self.Submitted(event.value, self.regex, again, self.case_sensitive))
        self._last = current

    @on(Checkbox.Changed)
    def _mode_changed(self, event: Checkbox.Changed) -> None:
        # The old count no longer describes the query as it will now be read.
        event.stop()
        self._last = None
        self._show("", error=False)
        self.query_one("#find-input", Input).focus()

    def action_toggle_regex(self) -> None:
        """Switch between plain text and regular expression."""
        checkbox = self.query_one("#find-regex", Checkbox)
        checkbox.value = not checkbox.value

    def action_toggle_case(self) -> None:
        """Switch between ignoring and matching letter case."""
        checkbox = self.query_one("#find-case", Checkbox)
        checkbox.value = not checkbox.value

    def action_close(self) -> None:
        """Tell the screen to close the bar (the next Enter searches anew)."""
        self._last = None
        self.post_message(self.Closed())
