"""The article columns side by side: which article each shows, and which had the focus.

:class:`ColumnDeck` owns the column layout. It follows the screen's selection
and highlights (``selection``, :meth:`ColumnDeck.set_marks`) and passes them to
every column it shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual import events
from textual.containers import Horizontal
from textual.reactive import reactive

from reader.config import MAX_COLUMNS
from reader.model import Article
from reader.ui.article_column import ArticleColumn
from reader.ui.highlights import ArticleMarks, Layer
from reader.ui.selection import Selection


class ColumnDeck(Horizontal):
    """One :class:`ArticleColumn` per shown article, left to right."""

    DEFAULT_CSS = """
    ColumnDeck {
        width: 1fr;
        height: 1fr;
    }
    """

    #: The screen's selection, followed by every column.
    selection: reactive[Selection | None] = reactive(None, init=False)

    def __init__(self, articles: Sequence[Article], count: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.articles = list(articles)
        self._by_id = {a.id: a for a in self.articles}
        count = max(1, min(count, len(self.articles), MAX_COLUMNS))
        #: The article id each column shows (None for an empty column), left to right;
        #: one empty column while no article is read yet.
        self.columns: list[str | None] = [a.id for a in self.articles[:count]] or [None]
        self._marks: Mapping[str, ArticleMarks] = {}
        self._found: Mapping[str, Layer] = {}
        #: The articles of columns taken away, most recent first (brought back first).
        self._dropped: list[str | None] = []
        #: The 1-based number of the column that last had the focus.
        self.last_column = 1

    @property
    def column_widgets(self) -> list[ArticleColumn]:
        """The article columns, left to right."""
        return list(self.query_children(ArticleColumn))

    async def on_mount(self) -> None:
        await self.sync()

    async def sync(self) -> None:
        """Mount the missing columns and remove the extra ones.

        Columns already shown stay as they are (with their scroll position).
        """
        shown = self.column_widgets
        await self.remove_children(shown[len(self.columns) :])
        numbers = range(len(shown) + 1, len(self.columns) + 1)
        added = [ArticleColumn(n, id=f"column-{n}") for n in numbers]
        await self.mount_all(added)
        for column, article_id in zip(self.column_widgets, self.columns, strict=True):
            if column in added or column.article is None or column.article.id != article_id:
                self._show_in(column, article_id)

    def _show_in(self, column: ArticleColumn, article_id: str | None) -> None:
        article = self._by_id.get(article_id) if article_id else None
        column.show(article, self._marks.get(article_id) if article_id else None)
        column.view.set_found(self._found.get(article_id) if article_id else None)
        self._select_in(column)

    def _select_in(self, column: ArticleColumn) -> None:
        selection = self.selection
        if selection is None:
            column.view.set_selection(None, None)
        else:
            column.view.set_selection(selection.entity_id, selection.mention)

    def watch_selection(self) -> None:
        for column in self.column_widgets:
            self._select_in(column)

    def set_marks(self, marks: Mapping[str, ArticleMarks]) -> None:
        """Show the new highlights ``marks`` (by article id) in every column."""
        self._marks = marks
        for column, article_id in zip(self.column_widgets, self.columns, strict=False):
            column.view.set_marks(marks.get(article_id) if article_id else None)

    def set_found(self, found: Mapping[str, Layer]) -> None:
        """Show the find matches ``found`` (by article id; empty to drop them) in every column."""
        self._found = found
        for column, article_id in zip(self.column_widgets, self.columns, strict=False):
            column.view.set_found(found.get(article_id) if article_id else None)

    async def add_articles(self, articles: Sequence[Article], count: int) -> bool:
        """Take in articles read since: they fill the empty columns, then new columns
        up to ``count`` in all.

        Returns:
            Whether a column got an article.
        """
        self.articles += articles
        self._by_id.update((a.id, a) for a in articles)
        fresh = [a.id for a in articles if a.id not in self.columns]
        before = list(self.columns)
        for number, shown in enumerate(self.columns):
            if shown is None and fresh:
                self.columns[number] = fresh.pop(0)
        while fresh and len(self.columns) < min(count, MAX_COLUMNS):
            self.columns.append(fresh.pop(0))
        if self.columns == before:
            return False
        await self.sync()
        return True

    def put_article(self, number: int, article_id: str) -> ArticleColumn:
        """Show ``article_id`` in column ``number`` (1-based), swapping if it is shown elsewhere."""
        widgets = self.column_widgets
        old = self.columns[number - 1]
        if article_id in self.columns:
            other = self.columns.index(article_id)
            self.columns[other] = old
            self._show_in(widgets[other], old)
        self.columns[number - 1] = article_id
        self._show_in(widgets[number - 1], article_id)
        return widgets[number - 1]

    def column_showing(self, article_id: str) -> ArticleColumn:
        """The column showing ``article_id``, bringing it into one if none does.

        An article not in a column replaces the last column's, so the first
        columns stay put while the reader follows mentions through the rest.
        """
        if article_id in self.columns:
            return self.column_widgets[self.columns.index(article_id)]
        return self.put_article(len(self.columns), article_id)

    async def set_count(self, count: int) -> bool:
        """Show ``count`` columns (1 to MAX_COLUMNS, at most one per article).

        Returns:
            Whether the number of columns changed.
        """
        count = max(1, min(MAX_COLUMNS, count, max(1, len(self.articles))))
        if count == len(self.columns):
            return False
        if count < len(self.columns):
            # Remembered, so the columns a narrow terminal took away come back as they were.
            self._dropped = [*self.columns[count:], *self._dropped]
            self.columns = self.columns[:count]
        else:
            spare = [a for a in self._dropped if a is not None and a not in self.columns]
            spare += [a.id for a in self.articles if a.id not in self.columns and a.id not in spare]
            self._dropped = []
            while len(self.columns) < count:
                self.columns.append(spare.pop(0) if spare else None)
        await self.sync()
        return True

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        for number, column in enumerate(self.column_widgets, start=1):
            if column in event.widget.ancestors_with_self:
                self.last_column = number

    def focused_number(self) -> int:
        """The 1-based number of the column holding the focus, or that held it last."""
        return min(self.last_column, len(self.column_widgets)) or 1

    def focus_last(self) -> None:
        """Give the focus back to the text, in the column the reader was in."""
        self.column_widgets[self.focused_number() - 1].view.focus()
