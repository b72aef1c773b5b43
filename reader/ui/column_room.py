"""How many columns the reader screen shows, and whether the sidebar fits beside them.

A mixin of :class:`~reader.ui.reader_screen.ReaderScreen`. The reader asks for
a number of columns (``+``/``-``, the palette, the config); the screen shows as
many of them as the terminal has room for, each at least
:data:`MIN_COLUMN_WIDTH` cells wide, and the rest come back when the terminal
grows. The sidebar hides itself when not even one column would fit beside it.
Every change the reader did not make, and every key that cannot act, is said in
one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events

from reader.config import MAX_COLUMNS
from reader.ui.wording import counted

if TYPE_CHECKING:
    from reader.ui.article_column import ArticleColumn
    from reader.ui.entity_sidebar import EntitySidebar
    from reader.ui.reader_screen import ReaderScreen

#: The narrowest a column gets (title, text with its padding, scrollbar and border).
MIN_COLUMN_WIDTH = 30
#: The sidebar's width when its style gives none in cells.
DEFAULT_SIDEBAR_WIDTH = 34


def columns_that_fit(width: int, sidebar: int) -> int:
    """How many columns of :data:`MIN_COLUMN_WIDTH` fit in ``width`` cells beside ``sidebar``.

    Always at least one: the text is shown, however cramped.
    """
    return max(1, (width - sidebar) // MIN_COLUMN_WIDTH)


class ColumnRoom:
    """Column count and sidebar visibility that follow the terminal's size."""

    #: The number of columns the reader asked for (None: what the screen opened with).
    _wanted_columns: int | None = None
    #: Whether the sidebar was hidden for want of room (not by the reader's ``b``).
    _sidebar_squeezed = False

    # -- the columns -------------------------------------------------------------------

    def put_article(self, number: int, article_id: str) -> ArticleColumn:
        """Show ``article_id`` in column ``number`` (1-based), swapping if it is shown elsewhere."""
        me = _screen(self)
        column = me.deck.put_article(number, article_id)
        me.sidebar.set_columns(me.columns)
        return column

    def column_showing(self, article_id: str) -> ArticleColumn:
        """The column showing ``article_id``, bringing it into the last one if none does."""
        me = _screen(self)
        column = me.deck.column_showing(article_id)
        me.sidebar.set_columns(me.columns)
        return column

    async def set_column_count(self, count: int) -> None:
        """Show ``count`` columns (1 to MAX_COLUMNS, at most one per article).

        For the screen's own features (Back, the same quote side by side): they
        get the columns they need, even on a narrow terminal.
        """
        me = _screen(self)
        me._wanted_columns = max(1, min(count, MAX_COLUMNS))
        if await me.deck.set_count(count):
            me.sidebar.set_columns(me.columns)

    async def request_columns(self, count: int) -> None:
        """The reader asks for ``count`` columns: show what fits and say why when it is not all."""
        me = _screen(self)
        articles = len(me.articles)
        if count > MAX_COLUMNS:
            me.notify(f"{MAX_COLUMNS} columns at most", timeout=3, markup=False)
        elif count > articles:
            shown = counted(articles, "article")
            me.notify(f"Only {shown}: every one is in a column", timeout=3, markup=False)
        elif count < 1:
            me.notify("One column at least", timeout=3, markup=False)
        wanted = max(1, min(count, MAX_COLUMNS, articles))
        room = me._room_for_columns()
        if wanted > room:
            me.notify(
                f"Room for {counted(room, 'column')} at this width (each needs "
                f"{MIN_COLUMN_WIDTH} cells): the rest show when the terminal is wider",
                timeout=4,
                markup=False,
            )
        me._wanted_columns = wanted
        if await me.deck.set_count(min(wanted, room)):
            me.sidebar.set_columns(me.columns)

    async def action_columns(self, delta: int) -> None:
        """Show one more (``+1``) or one fewer (``-1``) column."""
        me = _screen(self)
        await me.request_columns(len(me.columns) + delta)

    # -- the sidebar -------------------------------------------------------------------

    def action_filter(self) -> None:
        """Focus the sidebar's filter box."""
        me = _screen(self)
        me._sidebar_squeezed = False
        me.sidebar.focus_filter()

    def action_toggle_sidebar(self) -> None:
        """Hide or show the sidebar (more room for the text on a small terminal)."""
        me = _screen(self)
        sidebar = me.sidebar
        me._sidebar_squeezed = False  # the reader decides from now on
        sidebar.revealed = not sidebar.revealed
        if not sidebar.revealed and _holds_focus(sidebar):
            me.focus_last_column()  # else the keys would go to a hidden filter box
        me.call_after_refresh(me.fit_to_terminal)  # the room for columns changed

    def _sidebar_width(self) -> int:
        me = _screen(self)
        width = me.sidebar.styles.width
        if width is not None and width.is_cells:
            return int(width.value)
        return DEFAULT_SIDEBAR_WIDTH

    def _room_for_columns(self) -> int:
        me = _screen(self)
        sidebar = me._sidebar_width() if me.sidebar.revealed else 0
        return columns_that_fit(me.size.width, sidebar)

    # -- following the terminal --------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        # After the refresh: the breakpoint classes (the sidebar's width) follow the size then.
        _screen(self).call_after_refresh(_screen(self).fit_to_terminal)

    async def fit_to_terminal(self) -> None:
        """Hide or bring back the sidebar and columns the terminal has (or again has) room for."""
        me = _screen(self)
        width = me.size.width
        if width <= 0:
            return
        sidebar = me.sidebar
        room_beside = width - me._sidebar_width()
        if sidebar.revealed and room_beside < MIN_COLUMN_WIDTH:
            me._sidebar_squeezed = True
            sidebar.revealed = False
            if _holds_focus(sidebar):
                me.focus_last_column()
            me.notify(
                "Sidebar hidden: no room beside the text (b shows it)", timeout=4, markup=False
            )
        elif me._sidebar_squeezed and room_beside >= MIN_COLUMN_WIDTH:
            me._sidebar_squeezed = False
            sidebar.revealed = True
            me.notify("Sidebar shown again", timeout=2, markup=False)
        if me._wanted_columns is None:
            me._wanted_columns = len(me.columns)
        wanted = me._wanted_columns
        shown = len(me.columns)
        fit = min(wanted, me._room_for_columns())
        if fit == shown:
            return
        if await me.deck.set_count(fit):
            me.sidebar.set_columns(me.columns)
        if fit < wanted:
            me.notify(
                f"Showing {fit} of {wanted} columns: too narrow for more", timeout=4, markup=False
            )
        else:
            me.notify(f"All {counted(wanted, 'column')} shown again", timeout=2, markup=False)


def _holds_focus(sidebar: EntitySidebar) -> bool:
    focused = sidebar.screen.focused
    return focused is not None and sidebar in focused.ancestors


def _screen(mixin: object) -> ReaderScreen:
    # The mixin's self is the reader screen: typed once here, not in each method.
    return cast("ReaderScreen", mixin)
