"""The reader screen's dialogs: choosing an article, the quotes, an entity's details.

A base class of :class:`~reader.ui.reader_screen.ReaderScreen`, which owns the
state these actions read (the articles, the corpus, the selection, the columns).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.screen import Screen

from reader.model import Article, Corpus
from reader.ui.article_column import ArticleColumn
from reader.ui.article_picker import ArticlePicker
from reader.ui.entity_details import EntityDetails
from reader.ui.entity_sidebar import EntitySidebar
from reader.ui.quotes_screen import QuotesScreen


class DialogActions(Screen[None]):
    """Actions that open a dialog and act on the reader's choice."""

    articles: list[Article]
    corpus: Corpus
    selected: str | None
    columns: list[str | None]
    #: The 1-based number of the column that last had the focus.
    last_column = 1

    @property
    def column_widgets(self) -> list[ArticleColumn]:
        """The article columns, left to right."""
        return list(self.query(ArticleColumn))

    #: Show an article in column ``number`` (provided by the reader screen).
    put_article: Callable[[int, str], ArticleColumn]
    #: The column showing an article, bringing it into one (provided by the reader screen).
    column_showing: Callable[[str], ArticleColumn]

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        for number, column in enumerate(self.column_widgets, start=1):
            if column in event.widget.ancestors_with_self:
                self.last_column = number

    def focused_column_number(self) -> int:
        """The 1-based number of the column holding the focus, or that held it last."""
        return min(self.last_column, len(self.column_widgets)) or 1

    def focus_last_column(self) -> None:
        """Give the focus back to the text, in the column the reader was in."""
        self.column_widgets[self.focused_column_number() - 1].view.focus()

    def action_choose_article(self) -> None:
        """Pick the article for the focused column from a filterable list."""
        number = self.focused_column_number()

        def chosen(article_id: str | None) -> None:
            if article_id is not None:
                self.put_article(number, article_id).view.focus()

        self.app.push_screen(ArticlePicker(self.articles, number, self.columns), chosen)

    def action_quotes(self) -> None:
        """Open the quotes, grouped by speaker; choosing one jumps to it."""

        def chosen(quote_id: str | None) -> None:
            if quote_id is not None:
                self.go_to_quote(quote_id)

        self.app.push_screen(QuotesScreen(self.corpus), chosen)

    def go_to_quote(self, quote_id: str) -> None:
        """Scroll to the quote ``quote_id`` and focus its column."""
        quote = next(q for q in self.corpus.quotes if q.id == quote_id)
        view = self.column_showing(quote.article).view
        view.scroll_to_offset(quote.start)
        view.focus()

    def action_details(self) -> None:
        """Show the selected (or, in the sidebar, highlighted) entity's names and articles."""
        sidebar = self.query_one(EntitySidebar)
        entity_id = self.selected
        if self.focused is not None and sidebar in self.focused.ancestors:
            entity_id = sidebar.highlighted_id or entity_id
        if entity_id is None:
            self.notify("Select an entity first", timeout=3, markup=False)
            return
        self.app.push_screen(EntityDetails(self.corpus, entity_id))
