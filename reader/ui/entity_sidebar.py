"""The sidebar: every linked entity once, by type and salience, with a filter box."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.model import Entity, EntityType

#: Sidebar sections, in order, with their headings.
SECTIONS: tuple[tuple[EntityType, str], ...] = (
    ("person", "People"),
    ("place", "Places"),
    ("organization", "Organizations"),
    ("group", "Groups"),
)
NAME_WIDTH = 17
MIN_NAME_WIDTH = 8
#: Rows listed per section; the rest are counted and reached by typing in the filter.
#: Keeps the list quick with thousands of entities (every row is laid out).
SECTION_LIMIT = 150


def salience(entity: Entity) -> int:
    """How prominent ``entity`` is: its mentions, plus two for each further article.

    Being named in several articles says more about a story than being named
    often in one, so spread weighs more than a single mention.
    """
    return len(entity.mentions) + 2 * (len(entity.article_ids) - 1)


def sort_entities(entities: Sequence[Entity]) -> list[Entity]:
    """``entities`` by salience, most salient first, then by name."""
    return sorted(entities, key=lambda e: (-salience(e), e.name.casefold(), e.id))


def search_text(entity: Entity) -> str:
    """What the filter looks in: the entity's name and aliases, case-folded."""
    return " ".join([entity.name, *entity.aliases]).casefold()


def matches(entity: Entity, words: Sequence[str]) -> bool:
    """Whether every filter word occurs in the entity's name or one of its aliases."""
    haystack = search_text(entity)
    return all(word in haystack for word in words)


def entity_prompt(
    entity: Entity,
    columns: Sequence[str | None],
    total_articles: int,
    name_width: int = NAME_WIDTH,
) -> Text:
    """One sidebar row: name, mention count, a marker per column, and the article count.

    The column marker is the column's number when the article in it mentions the
    entity, ``·`` when it does not.
    """
    name = entity.name if len(entity.name) <= name_width else entity.name[: name_width - 1] + "…"
    spread = set(entity.article_ids)
    markers = "".join(
        str(number) if article in spread else "·" for number, article in enumerate(columns, start=1)
    )
    row = Text(no_wrap=True, overflow="ellipsis")
    row.append(name.ljust(name_width))
    row.append(f"{len(entity.mentions):>4} ", style="bold")
    row.append(markers, style="italic")
    if total_articles > len(columns):
        row.append(f" {len(spread)}/{total_articles}", style="dim")
    return row


class EntitySidebar(Vertical):
    """People, Places, Organizations (and Groups), each entity once across the articles."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave_filter", "Back to the text", show=False),
        Binding("down", "to_list", "To the list", show=False),
    ]

    class Selected(Message):
        """The reader chose an entity in the sidebar."""

        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    class FilterLeft(Message):
        """The reader pressed Escape in the filter box (which is now empty)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entities: list[Entity] = []
        self._columns: list[str | None] = []
        self._total = 0
        self._selected: str | None = None
        self._shown_width = NAME_WIDTH
        self._haystacks: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter entities", id="entity-filter")
        yield OptionList(id="entity-list", markup=False)

    def show(
        self, entities: Sequence[Entity], columns: Sequence[str | None], total_articles: int
    ) -> None:
        """Show ``entities``, with markers for the articles in ``columns``."""
        self._entities = sort_entities(entities)
        self._haystacks = {e.id: search_text(e) for e in self._entities}
        self._columns = list(columns)
        self._total = total_articles
        self._refill()

    def mark_selected(self, entity_id: str | None) -> None:
        """Move the list's highlight to ``entity_id`` (no message is posted)."""
        self._selected = entity_id
        option_list = self.query_one(OptionList)
        if entity_id is None:
            option_list.highlighted = None
            return
        try:
            index = option_list.get_option_index(entity_id)
        except OptionDoesNotExist:
            return  # filtered out: nothing to highlight
        option_list.highlighted = index

    @property
    def highlighted_id(self) -> str | None:
        """The id of the entity under the list's cursor, if any."""
        option_list = self.query_one(OptionList)
        index = option_list.highlighted
        return None if index is None else option_list.get_option_at_index(index).id

    def _filter_box(self) -> Input:
        box = self.query_one("#entity-filter", Input)
        if not box.has_focus:
            raise SkipAction()  # the key means what it means elsewhere (Esc clears the selection)
        return box

    def action_leave_filter(self) -> None:
        """Escape in the filter box: empty it and give the focus back to the text."""
        self._filter_box().value = ""
        self.post_message(self.FilterLeft())

    def action_to_list(self) -> None:
        """Down in the filter box: move to the list, on its first entity."""
        self._filter_box()
        option_list = self.query_one(OptionList)
        option_list.focus()
        if option_list.highlighted is None and self.shown_ids:
            option_list.highlighted = option_list.get_option_index(self.shown_ids[0])

    @property
    def shown_ids(self) -> list[str]:
        """The ids of the entities listed now, top to bottom."""
        option_list = self.query_one(OptionList)
        return [o.id for o in option_list.options if o.id is not None]

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
            self.post_message(self.Selected(shown[0]))

    @on(OptionList.OptionSelected, "#entity-list")
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Selected(event.option.id))

    def _name_width(self) -> int:
        # Room left for the name once count, markers and the article count are shown.
        # The sidebar's width less its border and the list's scrollbar.
        room = self.content_region.width - 3
        if room <= 0:
            return NAME_WIDTH
        extra = 6 + len(self._columns) + (6 if self._total > len(self._columns) else 0)
        return max(MIN_NAME_WIDTH, min(NAME_WIDTH + 8, room - extra))

    def on_resize(self) -> None:
        if self._entities and self._name_width() != self._shown_width:
            self._refill()

    def _refill(self) -> None:
        words = self.query_one("#entity-filter", Input).value.casefold().split()
        width = self._shown_width = self._name_width()
        options: list[Option] = []
        haystacks = self._haystacks
        keep = [e for e in self._entities if all(word in haystacks[e.id] for word in words)]
        for kind, heading in SECTIONS:
            members = [e for e in keep if e.type == kind]
            if not members and kind == "group":
                continue
            title = Text(f"{heading} ({len(members)})", style="bold underline")
            options.append(Option(title, id=None, disabled=True))
            options.extend(
                Option(entity_prompt(e, self._columns, self._total, width), id=e.id)
                for e in members[:SECTION_LIMIT]
            )
            if len(members) > SECTION_LIMIT:
                more = f"  … {len(members) - SECTION_LIMIT} more: type to filter"
                options.append(Option(Text(more, style="dim italic"), disabled=True))
        option_list = self.query_one(OptionList)
        option_list.set_options(options)
        self.mark_selected(self._selected)
