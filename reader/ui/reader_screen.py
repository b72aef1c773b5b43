"""The main screen: columns of articles, the entity sidebar, the status line.

The screen owns the state (which article is in which column, the corpus, the
selected entity and its mention cursor) and passes it down to the widgets;
widgets report what the reader did with messages.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Input

from reader.config import Settings
from reader.linking import AliasTable
from reader.model import Analysis, Article, EntityMention, LoadError
from reader.navigation import MentionIndex, Step, reading_order
from reader.pipeline import Analyzer, ModelNotFound, build_corpus
from reader.ui.analysis import AnalysisFailed, AnalysisFinished, AnalysisProgress
from reader.ui.article_column import ArticleColumn
from reader.ui.article_view import ArticleView
from reader.ui.dialogs import DialogActions
from reader.ui.entity_sidebar import EntitySidebar
from reader.ui.highlights import ArticleMarks, build_marks
from reader.ui.keys import SCREEN_KEYS, bindings
from reader.ui.status_bar import StatusBar
from reader.ui.wording import counted

MAX_COLUMNS = 4
#: While results stream in, re-link at most this often (seconds): linking is not free.
REBUILD_INTERVAL = 0.5


class ReaderScreen(DialogActions):
    """Articles side by side with linked entities; see the help screen for the keys."""

    AUTO_FOCUS = "ArticleView"
    BINDINGS: ClassVar[list[BindingType]] = bindings(SCREEN_KEYS)

    def __init__(
        self,
        articles: Sequence[Article],
        errors: Sequence[LoadError],
        settings: Settings,
        analyzer: Analyzer,
        aliases: AliasTable | None = None,
    ) -> None:
        super().__init__()
        self.articles = list(articles)
        self.errors = list(errors)
        self.settings = settings
        self.analyzer = analyzer
        self.aliases = aliases
        self.analyses: dict[str, Analysis] = {}
        self.corpus = build_corpus(self.articles, {}, self.errors, settings, aliases)
        self.marks: dict[str, ArticleMarks] = {}
        count = max(1, min(settings.columns, len(self.articles), MAX_COLUMNS))
        self.columns: list[str | None] = [a.id for a in self.articles[:count]]
        self.selected: str | None = None
        self.index: MentionIndex | None = None
        self.analysis_done = False
        self._last_rebuild = 0.0
        self._rebuild_interval = REBUILD_INTERVAL
        self._rebuild_pending = False

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield EntitySidebar(id="sidebar")
            yield Horizontal(id="columns")
        yield StatusBar(id="status")
        yield Footer()

    async def on_mount(self) -> None:
        await self._mount_columns()
        # Draw the text first: importing spaCy in the worker competes for the GIL.
        self.call_after_refresh(self._start_analysis)
        problems = [e for e in self.errors if e.fatal]
        if problems:
            listed = "; ".join(f"{e.path}: {e.message}" for e in problems[:3])
            more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
            self.notify(
                f"Skipped {len(problems)} file(s): {listed}{more}", severity="warning", markup=False
            )

    async def _mount_columns(self) -> None:
        # Columns already shown stay as they are (with their scroll position): only the
        # missing ones are added and the extra ones removed.
        holder = self.query_one("#columns", Horizontal)
        shown = self.column_widgets
        await holder.remove_children(shown[len(self.columns) :])
        numbers = range(len(shown) + 1, len(self.columns) + 1)
        added = [ArticleColumn(n, id=f"column-{n}") for n in numbers]
        await holder.mount_all(added)
        for column, article_id in zip(self.column_widgets, self.columns, strict=True):
            if column in added or column.article is None or column.article.id != article_id:
                self._show_in(column, article_id)
        self._refresh_sidebar()

    def _show_in(self, column: ArticleColumn, article_id: str | None) -> None:
        article = self.corpus.article(article_id) if article_id else None
        column.show(article, self.marks.get(article_id) if article_id else None)
        self._apply_selection_to(column)

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
        self._refresh_sidebar()
        return widgets[number - 1]

    def column_showing(self, article_id: str) -> ArticleColumn:
        """The column showing ``article_id``, bringing it into one if none does.

        An article not in a column replaces the last column's, so the first
        columns stay put while the reader follows mentions through the rest.
        """
        if article_id in self.columns:
            return self.column_widgets[self.columns.index(article_id)]
        return self.put_article(len(self.columns), article_id)

    async def set_column_count(self, count: int) -> None:
        """Show ``count`` columns (1 to 4, at most one per article)."""
        count = max(1, min(MAX_COLUMNS, count, max(1, len(self.articles))))
        if count == len(self.columns):
            return
        if count < len(self.columns):
            self.columns = self.columns[:count]
        else:
            spare = [a.id for a in self.articles if a.id not in self.columns]
            while len(self.columns) < count:
                self.columns.append(spare.pop(0) if spare else None)
        await self._mount_columns()

    # -- analysis ------------------------------------------------------------------------

    def _start_analysis(self) -> None:
        status = self.query_one(StatusBar)
        try:
            cached = self.analyzer.cached(self.articles)
        except ModelNotFound as error:
            self.post_message(AnalysisFailed(str(error)))
            return
        self.analyses.update(cached)
        self._rebuild()
        pending = [a for a in self.articles if a.id not in cached]
        if not pending:
            self.analysis_done = True
            status.show_message(self._summary())
            return
        status.show_message(f"Analyzing {len(pending)} article(s)…")
        status.show_progress(0, len(pending))
        self._analyze(pending)

    @work(thread=True, exclusive=True, group="analysis")
    def _analyze(self, pending: list[Article]) -> None:
        def progress(done: int, total: int, article_id: str, analysis: Analysis) -> None:
            self.post_message(AnalysisProgress(done, total, article_id, analysis))

        try:
            self.analyzer.analyze(pending, on_progress=progress)
        except ModelNotFound as error:
            self.post_message(AnalysisFailed(str(error)))
            return
        except Exception as error:  # shown to the reader; the text stays readable
            self.log.error("analysis failed", error)
            self.post_message(AnalysisFailed(f"Analysis failed: {type(error).__name__}: {error}"))
            return
        self.post_message(AnalysisFinished())

    def on_analysis_progress(self, message: AnalysisProgress) -> None:
        self.analyses[message.article_id] = message.analysis
        self.query_one(StatusBar).show_progress(message.done, message.total)
        if time.monotonic() - self._last_rebuild >= self._rebuild_interval:
            self._rebuild()
        elif not self._rebuild_pending:
            self._rebuild_pending = True
            self.set_timer(self._rebuild_interval, self._rebuild)

    def on_analysis_finished(self, message: AnalysisFinished) -> None:
        self.analysis_done = True
        self._rebuild()
        self.query_one(StatusBar).show_progress(1, 1)
        if self.selected is None:
            self.query_one(StatusBar).show_message(self._summary())

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        self.analysis_done = True
        status = self.query_one(StatusBar)
        status.show_progress(1, 1)
        status.show_message(message.reason, error=True)
        self.notify(
            message.reason, title="No highlights", severity="error", timeout=10, markup=False
        )

    def _summary(self) -> str:
        corpus = self.corpus
        return (
            f"{counted(len(corpus.articles), 'article')} · "
            f"{counted(len(corpus.entities), 'entity', 'entities')} · "
            f"{counted(len(corpus.quotes), 'quote')} — Ctrl+P to find an entity, ? for keys"
        )

    def _rebuild(self) -> None:
        """Re-link the analyses so far and refresh every highlight, keeping the selection."""
        self._rebuild_pending = False
        started = time.monotonic()
        current = self.index.current if self.index else None
        old_name = self.corpus.entity(self.selected).name if self.selected else None
        self.corpus = build_corpus(
            self.articles, self.analyses, self.errors, self.settings, self.aliases
        )
        self.marks = build_marks(self.corpus)
        for column, article_id in zip(self.column_widgets, self.columns, strict=False):
            column.view.set_marks(self.marks.get(article_id) if article_id else None)
        self._refresh_sidebar()
        if self.selected is not None:
            self._reselect(old_name, current.mention if current else None)
        self._last_rebuild = time.monotonic()
        # Linking hundreds of articles takes a while: re-link less often then,
        # so the reader keeps most of its time for the keys while results arrive.
        self._rebuild_interval = max(REBUILD_INTERVAL, 4 * (self._last_rebuild - started))

    def _reselect(self, name: str | None, mention: EntityMention | None) -> None:
        # Entity ids are renumbered by each linking: find the entity again.
        found = None
        for entity in self.corpus.entities:
            if (mention is not None and mention in entity.mentions) or entity.name == name:
                found = entity
                break
        if found is None:
            self.action_clear_selection()
            return
        self.selected = found.id
        self.index = MentionIndex(found.mentions, self._order())
        if mention is not None and mention in self.index.mentions:
            self.index.go_to(mention)
        self._update_status()
        self._apply_selection()

    def _refresh_sidebar(self) -> None:
        sidebar = self.query_one(EntitySidebar)
        sidebar.show(self.corpus.entities, self.columns, len(self.articles))
        sidebar.mark_selected(self.selected)

    # -- selection and navigation ---------------------------------------------------------

    def _order(self) -> list[str]:
        return reading_order([c for c in self.columns if c], [a.id for a in self.articles])

    def select_entity(self, entity_id: str, at: tuple[str, int] | None = None) -> None:
        """Select ``entity_id`` and jump to its first mention (or the one at ``at``).

        Args:
            entity_id: the entity to select.
            at: ``(article_id, offset)`` of a clicked mention to put the cursor on.
        """
        entity = self.corpus.entity(entity_id)
        self.selected = entity_id
        self.index = MentionIndex(entity.mentions, self._order())
        step = self.index.locate(*at) if at else None
        self.query_one(EntitySidebar).mark_selected(entity_id)
        self._go(step or self.index.next())

    def _go(self, step: Step | None) -> None:
        if step is None:
            self._update_status()
            return
        mention = step.mention
        column = self.column_showing(mention.article)
        self._apply_selection()
        view = column.view
        view.scroll_to_offset(mention.start)
        view.focus()
        self._update_status()
        if step.wrapped:
            where = "first" if step.index == 0 else "last"
            self.notify(f"Wrapped around to the {where} mention", timeout=2, markup=False)

    def _update_status(self) -> None:
        status = self.query_one(StatusBar)
        if self.selected is None or self.index is None:
            status.show_message(self._summary())
            return
        name = self.corpus.entity(self.selected).name
        step = self.index.current
        status.show_selection(name, step.label if step else f"0/{len(self.index)}")

    def _apply_selection(self) -> None:
        for column in self.column_widgets:
            self._apply_selection_to(column)

    def _apply_selection_to(self, column: ArticleColumn) -> None:
        current = self.index.current if self.index else None
        column.view.set_selection(self.selected, current.mention if current else None)

    def action_next_mention(self) -> None:
        """Jump to the selected entity's next mention."""
        self._step(forward=True)

    def action_previous_mention(self) -> None:
        """Jump to the selected entity's previous mention."""
        self._step(forward=False)

    def _step(self, forward: bool) -> None:
        if self.index is None:
            self.notify(
                "Select an entity first (sidebar, click, or Ctrl+P)", timeout=3, markup=False
            )
            return
        self._go(self.index.next() if forward else self.index.previous())

    def action_clear_selection(self) -> None:
        """Forget the selected entity; all highlights return."""
        self.selected = None
        self.index = None
        self.query_one(EntitySidebar).mark_selected(None)
        self._apply_selection()
        self._update_status()

    @on(EntitySidebar.Selected)
    def _sidebar_selected(self, message: EntitySidebar.Selected) -> None:
        self.select_entity(message.entity_id)

    @on(EntitySidebar.FilterLeft)
    def _filter_left(self) -> None:
        self.focus_last_column()

    @on(ArticleView.MentionClicked)
    def _mention_clicked(self, message: ArticleView.MentionClicked) -> None:
        self.select_entity(message.entity_id, at=(message.article_id, message.offset))

    # -- other actions ---------------------------------------------------------------------

    async def action_columns(self, delta: int) -> None:
        """Show one more (``+1``) or one fewer (``-1``) column."""
        await self.set_column_count(len(self.columns) + delta)

    def action_filter(self) -> None:
        """Focus the sidebar's filter box."""
        self.query_one("#sidebar").display = True
        self.query_one("#entity-filter", Input).focus()

    def action_toggle_sidebar(self) -> None:
        """Hide or show the sidebar (more room for the text on a small terminal)."""
        sidebar = self.query_one("#sidebar")
        sidebar.display = not sidebar.display
        if not sidebar.display and self.focused is not None and sidebar in self.focused.ancestors:
            self.focus_last_column()  # else the keys would go to a hidden filter box
