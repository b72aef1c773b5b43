"""The keys that open a view of the collection, as screen actions.

A mixin of :class:`~reader.ui.reader_screen.ReaderScreen`, so the key bindings
in :mod:`reader.ui.keys` reach these actions by name: the article picker, the
quotes, an entity's details, coverage, the same quote in another article, and
the jump to a quote that one of those views chose. The views themselves are
owned by :class:`~reader.ui.dialogs.Dialogs` and
:class:`~reader.ui.compare_actions.CompareActions`; this only asks them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from reader.ui.reader_screen import ReaderScreen


class ViewActions:
    """Opening the collection's views, and going where they point."""

    def action_choose_article(self) -> None:
        """Pick the article for the focused column from a filterable list."""
        _screen(self).dialogs.choose_article()

    def action_quotes(self) -> None:
        """Open the quotes, grouped by speaker; choosing one jumps to it."""
        _screen(self).dialogs.quotes()

    def action_details(self) -> None:
        """Show the selected (or, in the sidebar, highlighted) entity's details."""
        _screen(self).dialogs.details()

    def action_coverage(self) -> None:
        """Compare the articles in the columns: who and what only one of them has."""
        _screen(self).compare.coverage()

    async def action_same_quote(self) -> None:
        """Show the same quote in the next article that has it, side by side."""
        await _screen(self).compare.same_quote()

    def go_to_quote(self, quote_id: str) -> None:
        """Scroll to the quote ``quote_id`` and focus its column."""
        me = _screen(self)
        quote = next(q for q in me.corpus.quotes if q.id == quote_id)
        with me.jumps.recording():
            view = me.column_showing(quote.article).view
            for column in me.column_widgets:
                column.view.mark_quote(None)
            view.mark_quote((quote.start, quote.end))
            view.scroll_to_offset(quote.start)
            view.focus()
            me.jumps.landed(quote.article, quote.start)
        # Again once laid out: a column that just got the article may rewrap under it.
        me.call_after_refresh(view.scroll_to_offset, quote.start)


def _screen(actions: ViewActions) -> ReaderScreen:
    return cast("ReaderScreen", actions)
