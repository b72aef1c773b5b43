"""The screen every dialog of the reader is: modal, opaque, its box in the middle.

Textual's modal screens are translucent: the reader shows dimmed beneath. To
draw that, every cell of the reader went through the dimming filter when a
dialog opened (0.1 to 0.3 s on a 10,000-article collection at 200x50), and
again whenever a result arriving beneath changed it. Opaque, a dialog draws
only itself; the reader, hidden meanwhile, is repainted once when it closes.
Modal, a dialog owns the keys.
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

#: What the dialog returns when dismissed.
ResultType = TypeVar("ResultType")


class DialogScreen(ModalScreen[ResultType]):
    """A modal screen with an opaque background and its content centred."""

    DEFAULT_CSS = """
    DialogScreen {
        align: center middle;
        background: $background;
    }
    """
