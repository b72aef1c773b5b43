"""The reader screen's dialogs: opening them, acting on the choice, keeping them live.

An open dialog that shows the corpus (the quotes, an entity's details) and the
command palette follow each new corpus as results arrive, keeping the reader's
place in them. What the dialogs show of a corpus as a whole (the quotes by
speaker, the entities by salience, the articles in every order) is made while
the reader rests (``Dialogs.warm``), or else at the first open that needs it, and
kept, so the opens only show it.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.app import ScreenStackError
from textual.command import CommandPalette
from textual.css.query import NoMatches
from textual.widgets import Input

from reader.linking.aliases import shipped_aliases
from reader.model import Article, Corpus
from reader.ui.article_picker import ArticlePicker
from reader.ui.commands import most_salient
from reader.ui.entity_details import ENTITY, QUOTE, EntityDetails
from reader.ui.idle_collector import full_pass
from reader.ui.picker_order import ORDERS, ArticleCatalog
from reader.ui.quotes_screen import QuotesScreen, every_quote_option, group_quotes

if TYPE_CHECKING:
    from reader.ui.reader_screen import ReaderScreen


@runtime_checkable
class FollowsCorpus(Protocol):
    """A dialog that shows the corpus and can be given a newer one."""

    def update_corpus(self, corpus: Corpus) -> None:
        """Show ``corpus`` instead of the one the dialog was opened with."""


class Dialogs:
    """Opens the reader screen's dialogs and keeps the open ones up to date."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen
        #: The picker's catalog of the articles (made at rest or at the picker's first open,
        #: then grown).
        self._catalog: ArticleCatalog | None = None
        #: ``id`` of the corpus whose summaries ``warm`` made and froze last.
        self._frozen: int | None = None

    def catalog(self, articles: list[Article]) -> ArticleCatalog:
        """The catalog of ``articles`` (the screen's, which only grow), made if need be."""
        catalog = self._catalog
        if catalog is None or len(catalog) > len(articles):
            catalog = ArticleCatalog(articles)
        elif len(catalog) < len(articles):
            catalog = catalog.with_articles(articles[len(catalog) :])
        self._catalog = catalog
        return catalog

    def warm(self) -> bool:
        """Make one summary the dialogs show that is not made yet (the articles' catalog
        and their order by file name, the quotes by speaker, the palette's entities), if
        the reader shows its whole collection and no dialog: work for a moment at rest
        (``at_rest``; each took 20-100 ms at a dialog's first open on 10,000 articles).
        Once all are made, a full pass of the cycle collector, then they are frozen.
        Whether anything was done."""
        screen = self.screen
        try:
            if not (screen.is_attached and screen.analysis_done and screen.app.screen is screen):
                return False
            articles = screen.deck.articles
        except (NoMatches, ScreenStackError):
            # The reader closing (its columns or its screen gone): nothing is made, nor
            # frozen to outlive it.
            return False
        before = self._catalog
        catalog = self.catalog(articles)
        if catalog is not before:
            return True  # made, or grown by the articles read since
        first = ORDERS[0][0]  # the order a picker opens in
        if not catalog.has_order(first):
            catalog.ordered(first)
            return True
        corpus = screen.corpus
        for summary in (group_quotes, every_quote_option, most_salient):
            if not summary.holds(corpus):
                summary(corpus)
                return True
        if self._frozen != id(corpus):
            # The summaries live as long as the collection shown, as its corpus does: after
            # a full pass, frozen with what else lives then (the reader's screen), so the
            # collector's later passes walk only what is made after (a dialog's lines), not
            # them (the quotes' 25,000 rows). No dialog is open, so none is frozen.
            self._frozen = id(corpus)
            full_pass()  # Textual's hold on closed dialogs let go of: none is frozen
            gc.freeze()
            return True
        return False

    def choose_article(self) -> None:
        """Pick the article for the focused column from a filterable list."""
        deck = self.screen.deck
        number = deck.focused_number()

        def chosen(article_id: str | None) -> None:
            if article_id is not None:
                with self.screen.jumps.recording():
                    self.screen.put_article(number, article_id).view.focus()

        catalog = self.catalog(deck.articles)
        picker = ArticlePicker(catalog, number, deck.columns, self.screen.corpus.stories)
        self.screen.app.push_screen(picker, chosen)

    def quotes(self) -> None:
        """Open the quotes, grouped by speaker; choosing one jumps to it."""

        def chosen(quote_id: str | None) -> None:
            if quote_id is not None:
                self.screen.go_to_quote(quote_id)

        self.screen.app.push_screen(QuotesScreen(self.screen.corpus, self.screen.selected), chosen)

    def details(self) -> None:
        """Show the selected (or, in the sidebar, highlighted) entity's names and articles."""
        screen = self.screen
        sidebar = screen.sidebar
        entity_id = screen.selection.entity_id if screen.selection else None
        if screen.focused is not None and sidebar in screen.focused.ancestors:
            entity_id = sidebar.highlighted_id or entity_id
        if entity_id is None:
            screen.notify("Select an entity first", timeout=3, markup=False)
            return

        def chosen(choice: str | None) -> None:
            # A related entity is selected; a quote is jumped to.
            if choice is not None and choice.startswith(ENTITY):
                screen.select_entity(choice.removeprefix(ENTITY))
            elif choice is not None and choice.startswith(QUOTE):
                screen.go_to_quote(choice.removeprefix(QUOTE))

        aliases = screen.feed.aliases or shipped_aliases()
        screen.app.push_screen(EntityDetails(screen.corpus, entity_id, aliases), chosen)

    def follow(self, corpus: Corpus) -> None:
        """Give ``corpus`` to every open dialog, and search the open palette again.

        The dialogs' summaries of ``corpus`` (``corpus_memo``) are made when a dialog
        first needs them, and kept: made ahead in a worker thread, they held the
        interpreter lock while the collection arrived, and keys waited 0.15-0.26 s.
        """
        for dialog in self.screen.app.screen_stack:
            if isinstance(dialog, FollowsCorpus):
                dialog.update_corpus(corpus)
            elif isinstance(dialog, CommandPalette):
                # The palette searches only when its input changes: tell it that it did,
                # so a name that just arrived shows without another keystroke.
                boxes = dialog.query(Input)
                if not boxes:
                    continue  # still composing: it searches on its own once it can be typed in
                box = boxes.first()
                if box.value.strip():
                    box.post_message(Input.Changed(box, box.value))
