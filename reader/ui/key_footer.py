"""The footer of key hints, redrawn only when the keys it would show change.

Textual's :class:`~textual.widgets.Footer` composes its keys anew each time
the screen's bindings may have changed: each time a dialog (the help, say)
opens or closes, and at every focus change. At 200x50 that rebuild and the
restyle of its keys was a fifth of answering ``?``; the keys it shows are
most often the same as before.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.screen import Screen
from textual.widgets import Footer


def shown_keys(screen: Screen) -> tuple[Hashable, ...]:
    """What the footer would show for ``screen``: each shown binding and its state."""
    return tuple(
        (binding.key, binding.action, binding.description, enabled, tooltip)
        for _, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show
    )


class KeyFooter(Footer):
    """A :class:`~textual.widgets.Footer` that keeps its keys while they stay the same."""

    _shown: tuple[Hashable, ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            shown = shown_keys(screen)
            if shown == self._shown and self.children:
                return  # the same keys: nothing to rebuild
            self._shown = shown
        super().bindings_changed(screen)
