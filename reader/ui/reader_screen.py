"""The main screen: columns of articles, the entity sidebar, the status line.

Each piece of state has one owner and the rest follow it:

- the selection (entity and current mention): this screen's ``selection``
  reactive; the columns, the sidebar and the status line follow its watcher;
- the analysis state and the analyses: :class:`~reader.ui.corpus_feed.CorpusFeed`
  (``state``), which also links in workers; this screen applies each corpus;
- which article each column shows and which had the focus:
  :class:`~reader.ui.column_deck.ColumnDeck`;
- the sidebar's visibility, filter text and cursor: :class:`EntitySidebar`;
- open dialogs: :class:`~reader.ui.dialogs.Dialogs`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen

from reader.attribution import outlet
from reader.config import Settings
from reader.linking import AliasTable
from reader.load_report import LoadReport
from reader.model import Article, Corpus, Entity, LoadError
from reader.navigation import MentionIndex, Step, reading_order
from reader.pipeline import Analyzer
from reader.ui.article_arrivals import Arrivals, Loader
from reader.ui.article_column import ArticleColumn
from reader.ui.article_view import ArticleView
from reader.ui.column_deck import ColumnDeck
from reader.ui.column_room import ColumnRoom
from reader.ui.compare_actions import CompareActions
from reader.ui.corpus_feed import AnalysisState, CorpusFeed, LinkCorpus
from reader.ui.dialogs import Dialogs
from reader.ui.entity_sidebar import EntitySidebar
from reader.ui.essentials import EssentialsActions
from reader.ui.feed_messages import Failed, NotAnalyzed, Progress
from reader.ui.feed_process import LinkFallback, LinkingElsewhere
from reader.ui.find_actions import FindActions
from reader.ui.find_bar import FindBar
from reader.ui.focus_order import FocusOrder
from reader.ui.info_actions import InfoActions
from reader.ui.jumps import Jumps
from reader.ui.key_footer import KeyFooter
from reader.ui.keys import SCREEN_KEYS, bindings
from reader.ui.link_work import LinkResult
from reader.ui.passage_actions import PassageActions
from reader.ui.selection import Anchor, Selection, find_again
from reader.ui.session_keeper import SessionKeeper
from reader.ui.sidebar_rows import SidebarRows
from reader.ui.status_bar import StatusBar
from reader.ui.view_actions import ViewActions
from reader.ui.wording import collection_summary, linking_status, provisional_status


class ReaderScreen(
    FocusOrder, ColumnRoom, EssentialsActions, InfoActions, ViewActions, Screen[None]
):
    """Articles side by side with linked entities; see the help screen for the keys."""

    AUTO_FOCUS = "ArticleView"
    BINDINGS: ClassVar[list[BindingType]] = bindings(SCREEN_KEYS)

    #: The one owner of the selection; everything that shows it follows this.
    selection: reactive[Selection | None] = reactive(None, init=False)

    def __init__(
        self,
        articles: Sequence[Article],
        errors: Sequence[LoadError],
        settings: Settings,
        analyzer: Analyzer,
        aliases: AliasTable | None = None,
        link: LinkCorpus | None = None,
        loader: Loader | None = None,
    ) -> None:
        """``loader`` reads the articles after the first frame (``articles``: none yet)."""
        super().__init__()
        self.articles = list(articles)
        self.errors = list(errors)
        self.load_report = LoadReport(self.errors)
        self.settings = settings
        # Nothing is linked yet: the text shows at once, entities follow from the feed.
        self.corpus = Corpus(self.articles, [], [], self.errors, settings.model)
        #: Steps through the selected entity's mentions (rebuilt with the selection).
        self.index: MentionIndex | None = None
        #: The step of the new link while a changed collection shows as linked before.
        self._relinking = ""
        self.feed = CorpusFeed(
            self.articles,
            self.errors,
            settings,
            analyzer,
            aliases,
            link,
            anchor=self._anchor,
            deliver=self.apply,
        )
        self.dialogs = Dialogs(self)
        self.compare = CompareActions(self)
        self.finder, self.jumps = FindActions(self), Jumps(self)
        self.passages, self.sessions = PassageActions(self), SessionKeeper(self)
        self.arrivals = Arrivals(self, loader)

    # -- parts -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield EntitySidebar(id="sidebar", outlets={a.id: outlet(a) for a in self.articles})
            yield ColumnDeck(self.articles, self.settings.columns, id="columns")
        yield FindBar(id="find-bar")
        yield StatusBar(id="status")
        yield KeyFooter()
        yield self.feed

    @property
    def deck(self) -> ColumnDeck:
        """The article columns."""
        return self.query_one(ColumnDeck)

    @property
    def sidebar(self) -> EntitySidebar:
        """The entity sidebar."""
        return self.query_one(EntitySidebar)

    @property
    def status_bar(self) -> StatusBar:
        """The status line."""
        return self.query_one(StatusBar)

    @property
    def column_widgets(self) -> list[ArticleColumn]:
        """The article columns, left to right."""
        return self.deck.column_widgets

    @property
    def columns(self) -> list[str | None]:
        """The article id each column shows, left to right."""
        return self.deck.columns

    @property
    def selected(self) -> str | None:
        """The selected entity's id, if any."""
        return self.selection.entity_id if self.selection else None

    @property
    def analysis_done(self) -> bool:
        """Whether the analysis has ended (finished or failed)."""
        return self.feed.state in ("done", "failed")

    def on_mount(self) -> None:
        self.sidebar.show(SidebarRows(), self.columns, len(self.articles))
        self.query_one(FindBar).display = False
        self.watch(self.feed, "state", self._analysis_state_changed, init=False)
        if self.arrivals.pending:
            self.arrivals.start()  # the rest follows once every file is read
        else:
            self.all_read()

    def all_read(self) -> None:
        """Every article is in: restore the session, analyze, tell the load problems."""
        self.sessions.restore()
        # Draw the text first: the feed's worker competes for the GIL.
        self.call_after_refresh(self.feed.start)
        self.announce_load_problems()

    def on_screen_suspend(self) -> None:
        # A dialog opened before the first repaint: callbacks waiting for this screen's
        # repaint would wait until it closes, so start the analysis now.
        if not self.arrivals.pending:  # else it starts once every file is read
            self.feed.start()
        self.sessions.save(leaving=True)

    # -- columns (the count and the sidebar follow the terminal: ColumnRoom) ---------------

    def focus_last_column(self) -> None:
        """Give the focus back to the text, in the column the reader was in."""
        self.deck.focus_last()

    # -- analysis and linking ----------------------------------------------------------

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        if message.done == 0:
            self.status_bar.show_message(f"Analyzing {message.total} article(s)…")
        self.status_bar.show_progress(message.done, message.total)

    def _analysis_state_changed(self, state: AnalysisState) -> None:
        if state == "provisional" and self.selection is None:
            self.status_bar.show_message(self._summary())
        # "grouping": the entities are all in, only the stories are still to come.
        if state in ("grouping", "done"):
            self.status_bar.show_progress(1, 1)
            if self.selection is None:
                self.status_bar.show_message(self._summary())

    @on(LinkingElsewhere)
    def _linking(self, message: LinkingElsewhere) -> None:
        if self.feed.state in ("grouping", "done"):
            return  # a step told before the entities came, handled after: said already
        if message.of:
            self.status_bar.show_progress(*message.progress())
        if self.feed.state == "provisional":
            # The collection as linked before is shown: the line counts it, and says
            # how far its new link is.
            self._relinking = message.step
            if self.selection is None:
                self.status_bar.show_message(self._summary())
            return
        said = linking_status(message.articles, message.step, message.done, message.total)
        self.status_bar.show_message(said)

    @on(LinkFallback)
    def _fallback(self, message: LinkFallback) -> None:
        # One line; the feed goes on in this process, the reader loses nothing.
        self.notify(message.reason, severity="warning", timeout=8, markup=False)

    @on(NotAnalyzed)
    def _not_analyzed(self, message: NotAnalyzed) -> None:
        # The first one in a notice (more would crowd the screen); all in the load report.
        if self.feed.unanalyzed == 1:
            said = f"{message.problem.path}: {message.problem.message}; see the load report"
            self.notify(said, severity="warning", timeout=8, markup=False)
        self.report_problems([message.problem])

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        status = self.status_bar
        status.show_progress(1, 1)
        status.show_message(message.reason, error=True)
        self.notify(
            message.reason, title="No highlights", severity="error", timeout=10, markup=False
        )

    def apply(self, result: LinkResult) -> None:
        """Show a newly linked corpus everywhere, keeping the selection and the reader's place."""
        self.corpus = result.corpus
        self.deck.set_marks(result.marks)
        self.sidebar.show(result.rows, self.columns, len(self.articles))
        selection = self.selection
        if selection is not None:
            anchor = result.anchor
            if anchor is not None and (anchor.entity_id, anchor.mention) == (
                selection.entity_id,
                selection.mention,
            ):
                found = result.found
            else:  # the reader selected something else while the worker linked
                found = find_again(self.corpus, Anchor(selection.entity_id, "", selection.mention))
            self._reselect(found, selection)
        if self.selection is not None or self.analysis_done:
            self._update_status()
        self.dialogs.follow(self.corpus)
        self.sessions.corpus_arrived()

    def _anchor(self) -> Anchor | None:
        # Called when a link starts: what to find again in its result.
        selection = self.selection
        if selection is None:
            return None
        try:
            name = self.corpus.entity(selection.entity_id).name
        except KeyError:
            name = ""
        return Anchor(selection.entity_id, name, selection.mention)

    def _reselect(self, entity: Entity | None, old: Selection) -> None:
        if entity is None:
            self.action_clear_selection()
            return
        self.index = MentionIndex(entity.mentions, self._order())
        mention = old.mention
        if mention is not None and mention in self.index.mentions:
            self.index.go_to(mention)
        current = self.index.current
        self.selection = Selection(entity.id, current.mention if current else None)

    def _summary(self) -> str:
        corpus, grouping = self.corpus, self.feed.state == "grouping"
        if self.feed.state == "provisional":
            counts = (len(corpus.articles), len(corpus.entities), len(corpus.quotes))
            return provisional_status(*counts, *self.feed.changes, self._relinking)
        return collection_summary(
            len(corpus.articles), len(corpus.entities), len(corpus.quotes), grouping
        )

    # -- selection and navigation ---------------------------------------------------------

    def watch_selection(self, selection: Selection | None) -> None:
        self.deck.selection = selection
        self.sidebar.selected = selection.entity_id if selection else None
        self._update_status()

    def reading_order(self) -> list[str]:
        """Article ids in reading order: the columns left to right, then the rest."""
        return self._order()

    def _order(self) -> list[str]:
        return reading_order([c for c in self.columns if c], [a.id for a in self.articles])

    def select_entity(self, entity_id: str, at: tuple[str, int] | None = None) -> None:
        """Select ``entity_id`` and jump to its first mention (or the one at ``at``).

        Args:
            entity_id: the entity to select.
            at: ``(article_id, offset)`` of a clicked mention to put the cursor on.
        """
        entity = self.corpus.entity(entity_id)
        self.index = MentionIndex(entity.mentions, self._order())
        step = self.index.locate(*at) if at else None
        self._go(entity_id, step or self.index.next())

    def select_anchor(self, anchor: Anchor) -> None:
        """Select the entity ``anchor`` names in the current corpus (it may have been re-linked)."""
        found = find_again(self.corpus, anchor)
        if found is None:
            self.notify(f"{anchor.name} is no longer listed", timeout=3, markup=False)
            return
        self.select_entity(found.id)

    def _go(self, entity_id: str, step: Step | None) -> None:
        if step is None:
            self.selection = Selection(entity_id, None)
            return
        mention = step.mention
        with self.jumps.recording():
            column = self.column_showing(mention.article)
            self.selection = Selection(entity_id, mention)
            view = column.view
            view.scroll_to_offset(mention.start)
            view.focus()
            self.jumps.landed(mention.article, mention.start)
        if step.wrapped:
            where = "first" if step.index == 0 else "last"
            self.notify(f"Wrapped around to the {where} mention", timeout=2, markup=False)

    def update_status(self) -> None:
        """Show the find position, or the selection's, or the summary."""
        self._update_status()

    def _update_status(self) -> None:
        if (found := self.finder.status()) is not None:
            self.status_bar.show_selection(*found)
            return
        selection, index = self.selection, self.index
        if selection is None or index is None:
            self.status_bar.show_message(self._summary())
            return
        name = self.corpus.entity(selection.entity_id).name
        step = index.current
        self.status_bar.show_selection(name, step.label if step else f"0/{len(index)}")

    def action_next_mention(self) -> None:
        """Jump to the selected entity's next mention."""
        self._step(forward=True)

    def action_previous_mention(self) -> None:
        """Jump to the selected entity's previous mention."""
        self._step(forward=False)

    def _step(self, forward: bool) -> None:
        if self.finder.active:
            self.finder.step(forward)
            return
        if self.index is None or self.selection is None:
            self.notify(
                "Select an entity first (sidebar, click, or Ctrl+P)", timeout=3, markup=False
            )
            return
        step = self.index.next() if forward else self.index.previous()
        self._go(self.selection.entity_id, step)

    def action_clear_selection(self) -> None:
        """End the find if one is active, else forget the selected entity."""
        if self.finder.showing:
            self.finder.close()
            return
        self.index = None
        self.selection = None

    @on(EntitySidebar.Selected)
    def _sidebar_selected(self, message: EntitySidebar.Selected) -> None:
        self.select_entity(message.entity_id)

    @on(EntitySidebar.FilterLeft)
    def _filter_left(self) -> None:
        self.focus_last_column()

    @on(ArticleView.MentionClicked)
    def _mention_clicked(self, message: ArticleView.MentionClicked) -> None:
        self.select_entity(message.entity_id, at=(message.article_id, message.offset))
