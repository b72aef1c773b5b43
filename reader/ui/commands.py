"""Command palette providers: find an entity by name (Ctrl+P, type, Enter)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from reader.model import Corpus, Entity
from reader.ui.corpus_memo import per_corpus
from reader.ui.layout import sanitize
from reader.ui.name_match import best_score, positions, prepare
from reader.ui.selection import Anchor
from reader.ui.sidebar_rows import search_names, sort_entities
from reader.ui.wording import counted

if TYPE_CHECKING:
    from reader.ui.reader_screen import ReaderScreen

#: How many entities the palette lists before anything is typed.
DISCOVER_LIMIT = 15
#: Textual scores the commands' hits on its own scale (a typed word in a title scores
#: about 20): entity hits are scaled to sit among them, not always below.
HIT_SCALE = 10


def _anchor(entity: Entity) -> Anchor:
    # The corpus may be re-linked between the search and Enter: select by anchor.
    return Anchor(entity.id, entity.name, entity.mentions[0] if entity.mentions else None)


@per_corpus
def most_salient(corpus: Corpus) -> list[Entity]:
    """The entities the palette lists before anything is typed (sorted once per corpus)."""
    return sort_entities(corpus.entities)[:DISCOVER_LIMIT]


class EntityCommands(Provider):
    """Every linked entity, matched by its name and its other written forms.

    Each search reads the reader's current corpus (never a copy from when the
    palette opened), so entities that arrive while it is open are found.
    """

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
        for entity in most_salient(reader.corpus):
            yield DiscoveryHit(
                Content(sanitize(entity.name)),  # Content, not str: names are never markup
                partial(reader.select_anchor, _anchor(entity)),
                help=f"{entity.type}, {counted(len(entity.mentions), 'mention')}",
            )

    async def search(self, query: str) -> Hits:
        reader = self._reader()
        if reader is None:
            return
        prepared = prepare(query)
        if prepared is None:
            return
        # The sidebar's matcher, so the palette and the filter find the same names.
        for entity in reader.corpus.entities:
            names = search_names(entity)
            best = best_score(prepared, names)
            if best <= 0:
                continue
            name = sanitize(entity.name)
            shown = Content(name)  # plain: names are never markup
            for offset in positions(prepared, name):
                if not name[offset].isspace():
                    shown = shown.stylize("reverse", offset, offset + 1)
            yield Hit(
                best * HIT_SCALE,
                shown,
                partial(reader.select_anchor, _anchor(entity)),
                text=name,
                help=f"{entity.type}, {counted(len(entity.mentions), 'mention')} in "
                f"{counted(len(entity.article_ids), 'article')}",
            )
