"""Command palette providers: find an entity by name (Ctrl+P, type, Enter)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from reader.ui.entity_sidebar import sort_entities
from reader.ui.layout import sanitize
from reader.ui.wording import counted

if TYPE_CHECKING:
    from reader.ui.reader_screen import ReaderScreen

#: How many entities the palette lists before anything is typed.
DISCOVER_LIMIT = 15


class EntityCommands(Provider):
    """Every linked entity, matched by its name and its other written forms."""

    def _reader(self) -> ReaderScreen | None:
        # The palette can be opened over a dialog: look for the reader underneath.
        from reader.ui.reader_screen import ReaderScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, ReaderScreen):
                return screen
        return None

    async def discover(self) -> Hits:
        reader = self._reader()
        if reader is None:
            return
        for entity in sort_entities(reader.corpus.entities)[:DISCOVER_LIMIT]:
            yield DiscoveryHit(
                Content(sanitize(entity.name)),  # Content, not str: names are never markup
                partial(reader.select_entity, entity.id),
                help=f"{entity.type}, {counted(len(entity.mentions), 'mention')}",
            )

    async def search(self, query: str) -> Hits:
        reader = self._reader()
        if reader is None:
            return
        matcher = self.matcher(query)
        for entity in reader.corpus.entities:
            # Score the name and every alias; the best one counts.
            best = max(matcher.match(name) for name in [entity.name, *entity.aliases])
            if best <= 0:
                continue
            name = sanitize(entity.name)
            yield Hit(
                best,
                # highlight() parses its argument as markup: escape the untrusted name.
                matcher.highlight(escape(name)),
                partial(reader.select_entity, entity.id),
                text=name,
                help=f"{entity.type}, {counted(len(entity.mentions), 'mention')} in "
                f"{counted(len(entity.article_ids), 'article')}",
            )
