"""The sidebar: every linked entity once, by type and salience, with a filter box."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive, var
from textual.widgets import Input, Static

from reader.model import Entity, EntityType
from reader.ui.layout import sanitize
from reader.ui.name_match import prepare
from reader.ui.row_list import RowList
from reader.ui.sidebar_rows import SECTIONS, SidebarRows

NAME_WIDTH = 17
MIN_NAME_WIDTH = 8
#: Below this many cells for the name, the article count makes way for it.
COMFORTABLE_NAME_WIDTH = 11
#: The mention count, the space after it and a spare cell.
COUNT_WIDTH = 6
#: Cells the mention count is right-aligned in while every count shown has at most 3
#: digits; a longer count widens them for every row, one space always before it.
COUNT_CELLS = 4


def fit_cells(text: str, width: int) -> str:
    """``text`` cut (with ``…``) or padded to exactly ``width`` terminal cells.

    Cells, not characters: a CJK character or an emoji takes two, so padding by
    ``len()`` pushed the columns after a name out of line.
    """
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    kept: list[str] = []
    used = 0
    for char in text:
        size = cell_len(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept) + "…" + " " * (width - 1 - used)


def spread_width(columns: int, total_articles: int) -> int:
    """The cells the article count (`` 3/20``) takes; 0 when every article is in a column."""
    return 2 + 2 * len(str(total_articles)) if total_articles > columns else 0


def entity_prompt(
    entity: Entity,
    columns: Sequence[str | None],
    total_articles: int,
    name_width: int = NAME_WIDTH,
    spread: frozenset[str] | None = None,
    show_spread: bool = True,
    count_cells: int = COUNT_CELLS,
) -> Text:
    """One sidebar row: name, mention count, a marker per column, and the article count.

    The column marker is the column's number when the article in it mentions the
    entity, ``·`` when it does not. ``spread`` (the entity's articles) is computed
    when not given. ``show_spread`` false leaves the article count out (no room).
    ``count_cells``: the cells the mention count is right-aligned in (see the
    function ``count_cells``).
    """
    articles = spread if spread is not None else frozenset(entity.article_ids)
    markers = "".join(
        str(number) if article in articles else "·"
        for number, article in enumerate(columns, start=1)
    )
    row = Text(no_wrap=True, overflow="ellipsis")
    row.append(fit_cells(sanitize(entity.name), name_width))
    row.append(f"{len(entity.mentions):>{count_cells}} ", style="bold")
    row.append(markers, style="italic")
    if show_spread and total_articles > len(columns):
        row.append(f" {len(articles)}/{total_articles}", style="dim")
    return row


def count_cells(entities: Iterable[Entity]) -> int:
    """The cells the mention counts of ``entities`` need, right-aligned with a space
    before the longest (a name that fills its cells never runs into its count)."""
    widest = max((len(entity.mentions) for entity in entities), default=0)
    return max(COUNT_CELLS, len(str(widest)) + 1)


def legend_text(columns: Sequence[str | None], outlets: Mapping[str, str]) -> Text:
    """Which column marker is which article: a line per column, its number then its outlet.

    ``outlets`` maps article ids to their outlet labels (``reader.attribution.outlet``);
    a column without an article says so. Lines end in "…" where the sidebar is narrow.
    """
    legend = Text(no_wrap=True, overflow="ellipsis")
    for number, article in enumerate(columns, start=1):
        if number > 1:
            legend.append("\n")
        legend.append(f" {number} ", style="bold italic reverse")
        label = outlets.get(article, article) if article else "(no article)"
        legend.append(f" {sanitize(' '.join(label.split()))}", style="italic")
    return legend


class EntitySidebar(Vertical):
    """People, Places, Organizations (and Groups), each entity once across the articles.

    It follows the screen: ``selected`` (the selected entity's id) moves the
    list's highlight, ``revealed`` shows or hides it. The reader's filter text and
    the entry under the list's cursor survive every update of the rows.
    """

    DEFAULT_CSS = """
    EntitySidebar {
        width: 34;
        height: 1fr;
        border-right: vkey $panel;
        background: $surface;
    }
    EntitySidebar > Input {
        height: 3;
        margin: 0;
    }
    EntitySidebar > #column-legend {
        height: auto;
        max-height: 5;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        border-bottom: hkey $panel;
    }
    EntitySidebar > RowList {
        height: 1fr;
        border: none;
        padding: 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave_filter", "Back to the text", show=False),
        Binding("down", "to_list", "To the list", show=False),
    ]

    #: The selected entity's id (set by the screen, which owns the selection).
    selected: reactive[str | None] = reactive(None, init=False)
    #: Whether the sidebar is shown.
    revealed: var[bool] = var(True)

    class Selected(Message):
        """The reader chose an entity in the sidebar."""

        def __init__(self, sidebar: EntitySidebar, entity_id: str) -> None:
            super().__init__()
            self.sidebar = sidebar
            self.entity_id = entity_id

        @property
        def control(self) -> EntitySidebar:
            return self.sidebar

    class FilterLeft(Message):
        """The reader pressed Escape in the filter box (which is now empty)."""

        def __init__(self, sidebar: EntitySidebar) -> None:
            super().__init__()
            self.sidebar = sidebar

        @property
        def control(self) -> EntitySidebar:
            return self.sidebar

    def __init__(self, *, id: str | None = None, outlets: Mapping[str, str] | None = None) -> None:
        super().__init__(id=id)
        #: Article id -> the outlet the legend names for it.
        self.outlets = dict(outlets or {})
        self._rows = SidebarRows()
        self._columns: list[str | None] = []
        self._total = 0
        self._shown_width = (NAME_WIDTH, True)
        #: The cells of the mention counts listed now (``count_cells``).
        self._count_cells = COUNT_CELLS
        #: Each entity's row as last made, with what it was made from: a row is made again
        #: only when that changed (the list makes the rows that come into view).
        self._made: dict[str, tuple[tuple[object, ...], Text]] = {}
        #: What the list shows now (``_refill``), and the legend.
        self._listed: tuple[object, ...] = ()
        #: The widest mention count's cells over all the rows (``count_cells``), by rows.
        self._widest: tuple[SidebarRows, int] | None = None
        self._legend: Text | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter entities", id="entity-filter")
        yield Static(id="column-legend")
        yield RowList(id="entity-list")

    def show(self, rows: SidebarRows, columns: Sequence[str | None], total_articles: int) -> None:
        """Show ``rows`` (from ``prepare_rows``), marking the articles in ``columns``."""
        if rows is not self._rows:
            # Another corpus: only the rows of entities it still has are kept (made again
            # unless the very same entity: its stories arrived after its entities, say).
            self._made = {key: made for key, made in self._made.items() if key in rows.spread}
        self._rows = rows
        self._columns = list(columns)
        self._total = total_articles
        self._refill()

    def set_columns(self, columns: Sequence[str | None]) -> None:
        """Mark the articles in ``columns`` (the rows stay)."""
        if list(columns) != self._columns:
            self._columns = list(columns)
            self._refill()

    def focus_filter(self) -> None:
        """Show the sidebar and put the focus in its filter box."""
        self.revealed = True
        self.query_one(Input).focus()

    @property
    def filter_text(self) -> str:
        """What the reader typed in the filter box."""
        return self.query_one(Input).value

    def watch_revealed(self, revealed: bool) -> None:
        self.display = revealed

    def watch_selected(self, entity_id: str | None) -> None:
        row_list = self.entity_list
        if entity_id is None:
            row_list.highlighted = None
            return
        row_list.highlight(entity_id)  # filtered out: nothing to highlight

    @property
    def entity_list(self) -> RowList:
        """The list of entities (a tab stop of the reader screen)."""
        return self.query_one("#entity-list", RowList)

    @property
    def highlighted_id(self) -> str | None:
        """The id of the entity under the list's cursor, if any."""
        return self.entity_list.highlighted_id

    def _filter_box(self) -> Input:
        box = self.query_one(Input)
        if not box.has_focus:
            raise SkipAction()  # the key means what it means elsewhere (Esc clears the selection)
        return box

    def action_leave_filter(self) -> None:
        """Escape in the filter box: empty it and give the focus back to the text."""
        self._filter_box().value = ""
        self.post_message(self.FilterLeft(self))

    def action_to_list(self) -> None:
        """Down in the filter box: move to the list, on its first entity."""
        self._filter_box()
        row_list = self.entity_list
        row_list.focus()
        if row_list.highlighted is None:
            row_list.highlight_first()

    @property
    def shown_ids(self) -> list[str]:
        """The ids of the entities listed now, top to bottom (every match: the list
        draws only those in view)."""
        return [key for key in self.entity_list.row_ids if key is not None]

    @on(Input.Changed, "#entity-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refill()

    @on(Input.Submitted, "#entity-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        # Enter in the filter box picks the first match, so typing a name is enough.
        event.stop()
        shown = self.shown_ids
        if shown:
            self.post_message(self.Selected(self, shown[0]))
        else:  # nothing to select: back to the text, so the next key is a reader key again
            self.notify(f"No entity matches {event.value!r}", timeout=3, markup=False)
            self.post_message(self.FilterLeft(self))

    @on(RowList.Chosen, "#entity-list")
    def _row_chosen(self, event: RowList.Chosen) -> None:
        event.stop()
        self.post_message(self.Selected(self, event.row_id))

    def _name_width(self) -> tuple[int, bool]:
        """The cells left for the name, and whether the article count fits too."""
        # The sidebar's width less its border and the list's scrollbar.
        room = self.content_region.width - 3
        if room <= 0:
            return NAME_WIDTH, True
        fixed = COUNT_WIDTH + self._count_cells - COUNT_CELLS + len(self._columns)
        spread = spread_width(len(self._columns), self._total)
        # A readable name comes first: the article count goes when both do not fit.
        show_spread = room - fixed - spread >= COMFORTABLE_NAME_WIDTH
        extra = fixed + (spread if show_spread else 0)
        return max(MIN_NAME_WIDTH, min(NAME_WIDTH + 8, room - extra)), show_spread

    def on_resize(self) -> None:
        if len(self._rows) and self._name_width() != self._shown_width:
            self._refill()

    @property
    def legend(self) -> str:
        """The legend as shown: which column number is which outlet (plain text)."""
        return str(self.query_one("#column-legend", Static).content)

    def _shown(self, width: int, show_spread: bool) -> tuple[object, ...]:
        """How rows are shown now: a row made another way is made again."""
        return (tuple(self._columns), self._total, width, show_spread, self._count_cells)

    def _row(self, entity: Entity, width: int, show_spread: bool) -> Text:
        # The entity's row, made again only when the entity or how it is shown changed.
        spread = self._rows.spread.get(entity.id)
        shown = self._shown(width, show_spread)
        made = self._made.get(entity.id)
        # The entity by identity: comparing two entities compares all their mentions.
        if made is not None and made[0][0] is entity and made[0][1:] == shown:
            return made[1]
        row = entity_prompt(
            entity, self._columns, self._total, width, spread, show_spread, self._count_cells
        )
        self._made[entity.id] = ((entity, *shown), row)
        return row

    def _refill(self) -> None:
        legend = legend_text(self._columns, self.outlets)
        if legend != self._legend:
            self._legend = legend
            self.query_one("#column-legend", Static).update(legend)
            self.query_one("#column-legend").tooltip = Text(legend.plain)  # the whole names
        query = prepare(self.filter_text)
        found = self._rows.filtered(query)
        self._count_cells = self._cells(found, query is None)
        self._shown_width = self._name_width()
        width, show_spread = self._shown_width
        # Every match is listed: the list makes only the rows that come into view.
        ids: list[str | None] = []
        items: list[Entity | Text] = []
        for kind, heading in SECTIONS:
            members = found[kind]
            if not members and kind == "group":
                continue
            ids.append(None)
            items.append(Text(f"{heading} ({len(members)})", style="bold underline"))
            ids.extend(entity.id for entity in members)
            items.extend(members)
        shown = self._shown(width, show_spread)
        # The same entities shown the same way: listing them again would only repaint.
        listed = (ids, [id(item) for item in items if not isinstance(item, Text)], shown)
        if listed == self._listed:
            return
        self._listed = listed
        row_list = self.entity_list
        # Keep the reader's place: the entry under the cursor (else the selection) and
        # the scroll position stay where they were when the rows change under them.
        keep = self.highlighted_id
        scroll_y = row_list.scroll_y

        def draw(index: int) -> Text:
            item = items[index]
            return item if isinstance(item, Text) else self._row(item, width, show_spread)

        row_list.set_rows(ids, draw)
        if keep is not None and row_list.highlight(keep):
            return
        if self.selected is not None and row_list.highlight(self.selected):
            return
        row_list.scroll_to(y=scroll_y, animate=False, immediate=True)

    def _cells(self, found: Mapping[EntityType, Sequence[Entity]], everything: bool) -> int:
        """The mention counts' cells (``count_cells``) over every entity listed; for the
        whole list, worked out once per set of rows."""
        if everything and self._widest is not None and self._widest[0] is self._rows:
            return self._widest[1]
        cells = count_cells(entity for members in found.values() for entity in members)
        if everything:
            self._widest = (self._rows, cells)
        return cells
