"""A linked corpus as a stream of small frames, and the corpus put back together from them.

The linking process sends its corpus to the reader's UI process. Decoding one
big blob there would hold the UI's interpreter lock for a long stretch (keys
wait), so the corpus travels in frames of a bounded size: each frame decodes
in a few milliseconds, and the receiver can take them one at a time between
key presses. Texts never travel: a mention is an article number and two
offsets, its text sliced from the receiver's own copy of the articles.

Frames are orjson arrays ``[kind, payload]``, in this order: ``entities``,
``quotes``, ``stories``, ``quote_groups`` (each as many as needed), ``end``
(a provisional collection has one ``attached`` frame before its end:
``ProvisionalAssembler``);
each but the last is one of the collection index's stored frames
(``collection_index.row_frames``), so a stored collection is sent as stored.
A collection linked while it is sent (``staged_frames``) has one more,
``LINKED``, after its quotes: every entity and quote is in by then, and the
receiver can show them while the stories are grouped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import orjson

from reader.collection_index import FRAME_ITEMS, row_frames
from reader.collection_rows import (
    ENTITY_TYPES,
    article_numbers,
    compared_rows,
    corpus_rows,
    entity_rows,
    evidence_from_rows,
    quote_from_row,
    quote_rows,
)
from reader.model import (
    Article,
    Corpus,
    Entity,
    EntityMention,
    EntityType,
    LoadError,
    Quote,
    QuoteGroup,
    Story,
)

#: One highlighted entity mention: ``(start, end, entity id, entity type)``.
MentionSpan = tuple[int, int, str, EntityType]


def corpus_frames(corpus: Corpus, items: int = FRAME_ITEMS) -> Iterator[bytes]:
    """``corpus`` as frames of about ``items`` mentions, quotes or story members each.

    A frame holds at least one entity (story, group) even if it weighs more.

    Article numbers refer to ``corpus.articles``: the receiver must hold the
    same articles in the same order.
    """
    return stored_frames(row_frames(corpus_rows(corpus.articles, corpus), items))


def stored_frames(frames: Iterable[bytes]) -> Iterator[bytes]:
    """A collection's frames as the index stored them (``CollectionIndex.get_frames``),
    then the end: a reopened collection goes out as it was stored, never parsed."""
    yield from frames
    yield END


def staged_frames(stages: Iterator[Corpus], items: int = FRAME_ITEMS) -> Iterator[bytes]:
    """The frames of a corpus linked in stages (``CollectionLinker.link_in_stages``):
    its entities as soon as they are linked, while its quotes are placed; its quotes,
    while its stories and repeated quotes are grouped (the receiver decodes each part
    meanwhile); then those."""
    linked = next(stages)
    number = article_numbers(linked.articles)
    yield from row_frames({"entities": entity_rows(number, linked.entities)}, items)
    linked = next(stages)
    yield from row_frames({"quotes": quote_rows(number, linked.quotes)}, items)
    yield LINKED
    yield from row_frames(compared_rows(next(stages)), items)
    yield END


#: The last frame of a corpus.
END = orjson.dumps(["end", {}])
#: What decoding a frame raises when it is not one of a corpus's (damaged or garbled).
DAMAGED_FRAME = (ValueError, KeyError, TypeError, IndexError)
#: Sent between a staged corpus's quotes and its stories: the entities and quotes are all in.
LINKED = orjson.dumps(["linked", {}])


class CorpusAssembler:
    """Puts a corpus back together from ``corpus_frames``, one frame per call.

    Besides the corpus it keeps what a reader's screen would otherwise walk
    every mention again for: each article's mention spans, each article's
    quotes, and each entity's articles.
    """

    def __init__(
        self, articles: Sequence[Article], errors: Sequence[LoadError], model: str
    ) -> None:
        self.articles = list(articles)
        self.errors = list(errors)
        self.model = model
        self._ids = [a.id for a in self.articles]
        self._texts = [a.text for a in self.articles]
        self.entities: list[Entity] = []
        self.quotes: list[Quote] = []
        self.stories: list[Story] = []
        self.quote_groups: list[QuoteGroup] = []
        #: Article id -> its mention spans, in the order received.
        self.mention_spans: dict[str, list[MentionSpan]] = {}
        #: Article id -> its quotes.
        self.quotes_by_article: dict[str, list[Quote]] = {}
        #: Entity id -> the ids of the articles that mention it.
        self.spread: dict[str, frozenset[str]] = {}
        #: Quote id -> how many other articles quote the same statement (grouped quotes only).
        self.elsewhere: dict[str, int] = {}
        self._article_of: dict[str, str] = {}
        #: Every entity and quote is in (``LINKED`` or ``end`` decoded).
        self.linked = False
        self.complete = False

    def add(self, frame: bytes) -> None:
        """Decode one frame.

        Raises:
            ValueError, KeyError, TypeError, IndexError: a frame that is not
                one of ``corpus_frames`` for these articles.
        """
        kind, payload = orjson.loads(frame)
        if kind == "entities":
            self._entities(payload)
        elif kind == "quotes":
            self._quotes(payload)
        elif kind == "stories":
            self._stories(payload)
        elif kind == "quote_groups":
            self._groups(payload)
        elif kind == "attached":
            self._attached(payload)
        elif kind == "linked":
            self.linked = True
        elif kind == "end":
            self.linked = self.complete = True
        else:
            raise ValueError(f"unknown frame kind {kind!r}")

    def corpus(self) -> Corpus:
        """The corpus received so far (whole once ``complete``): its lists are copies,
        which the frames still to come leave as they are."""
        return Corpus(
            articles=self.articles,
            entities=list(self.entities),
            quotes=list(self.quotes),
            errors=list(self.errors),
            model=self.model,
            stories=list(self.stories),
            quote_groups=list(self.quote_groups),
        )

    def _entities(self, payload: list[list[Any]]) -> None:
        ids, texts, spans = self._ids, self._texts, self.mention_spans
        for eid, name, kind, aliases, rows, evidence in payload:
            eid = str(eid)
            mentions = []
            for n, start, end in rows:
                article = ids[n]
                mentions.append(EntityMention(article, start, end, texts[n][start:end]))
                spans.setdefault(article, []).append((start, end, eid, kind))
            self.entities.append(
                Entity(
                    id=eid,
                    name=str(name),
                    type=kind,
                    aliases=list(aliases),
                    mentions=mentions,
                    evidence=evidence_from_rows(evidence),
                )
            )
            self.spread[eid] = frozenset(m.article for m in mentions)

    def _stories(self, payload: list[list[Any]]) -> None:
        self.stories += [Story(str(i), str(t), tuple(a)) for i, t, a in payload]

    def _attached(self, payload: dict[str, Any]) -> None:
        raise ValueError("an attached frame outside a provisional collection")

    def _quotes(self, payload: list[list[Any]]) -> None:
        self._take_quotes(payload, self._ids, self._texts)

    def _take_quotes(
        self, payload: list[list[Any]], ids: Sequence[str], texts: Sequence[str]
    ) -> None:
        """Quote rows whose article numbers index ``ids`` and ``texts``."""
        for row in payload:
            quote = quote_from_row(row, ids, texts)
            self.quotes.append(quote)
            self.quotes_by_article.setdefault(quote.article, []).append(quote)
            self._article_of[quote.id] = quote.article

    def _groups(self, payload: list[list[Any]]) -> None:
        # As highlights.repeated_elsewhere does, a group at a time (quotes came first).
        article_of = self._article_of
        for gid, members in payload:
            group = QuoteGroup(str(gid), tuple(members))
            self.quote_groups.append(group)
            articles = {article_of[q] for q in group.quotes if q in article_of}
            for quote_id in group.quotes:
                if quote_id in article_of:
                    self.elsewhere[quote_id] = len(articles - {article_of[quote_id]})


class ProvisionalAssembler(CorpusAssembler):
    """Puts a collection stored for other articles together as a provisional corpus of these.

    A changed collection is linked again from scratch; meanwhile the reader shows
    the nearest one the index holds (``CollectionLinker.nearest``), sent as stored.
    ``numbers`` maps each of its articles' number to the number of the same article
    (the same text, title and date) here, or -1. What only those other articles
    held is left out: their mentions (an entity with none left), their quotes, a
    speaker's entity left out, their places in stories and repeated quotes. The
    articles added come in one ``attached`` frame before the end (numbered as here:
    ``interim_link.attached_frame``): their mentions joined to those entities or to
    new ones, and their quotes. One not analyzed before has none until the new link.

    Raises (``add``):
        ValueError, KeyError, TypeError, IndexError: as ``CorpusAssembler``'s, and
            for a frame naming an article ``numbers`` does not hold.
    """

    def __init__(
        self,
        articles: Sequence[Article],
        errors: Sequence[LoadError],
        model: str,
        numbers: Sequence[int],
    ) -> None:
        super().__init__(articles, errors, model)
        here = self.articles
        if any(not -1 <= n < len(here) for n in numbers):
            raise ValueError("an article number out of range")
        # Indexed by the stored collection's numbers, as its frames name articles.
        self._present = [n >= 0 for n in numbers]
        self._ids = [here[n].id if n >= 0 else "" for n in numbers]
        self._texts = [here[n].text if n >= 0 else "" for n in numbers]
        self._here = {a.id for a in here}

    def _entities(self, payload: list[list[Any]]) -> None:
        present = self._present
        kept = []
        for eid, name, kind, aliases, rows, evidence in payload:
            rows = [row for row in rows if present[row[0]]]
            if rows:
                kept.append([eid, name, kind, aliases, rows, evidence])
        super()._entities(kept)

    def _quotes(self, payload: list[list[Any]]) -> None:
        present, known = self._present, self.spread
        kept = []
        for row in payload:
            if not present[row[1]]:
                continue
            speaker = row[5]
            if speaker and speaker[2] is not None and str(speaker[2]) not in known:
                row = [*row[:5], [speaker[0], speaker[1], None], *row[6:]]
            kept.append(row)
        super()._quotes(kept)

    def _attached(self, payload: dict[str, Any]) -> None:
        # The added articles' mentions and quotes (``interim_link.attached_frame``),
        # numbered as here: the entities they join came in the frames before.
        here, spans = self.articles, self.mention_spans
        entities = {e.id: e for e in self.entities}
        for eid, name, kind, aliases, rows in payload["entities"]:
            if kind not in ENTITY_TYPES:
                raise ValueError(f"not an entity type: {kind!r}")
            entity = entities.get(eid)
            if entity is None:
                entity = Entity(id=str(eid), name=str(name), type=kind, aliases=[], mentions=[])
                entities[entity.id] = entity
                self.entities.append(entity)
            entity.aliases.extend(map(str, aliases))
            for n, start, end in rows:
                if not 0 <= n < len(here):
                    raise IndexError("a mention of an article not here")
                article = here[n]
                if not 0 <= start < end <= len(article.text):
                    raise ValueError("a mention past its article's text")
                entity.mentions.append(
                    EntityMention(article.id, start, end, article.text[start:end])
                )
                spans.setdefault(article.id, []).append((start, end, entity.id, entity.type))
            self.spread[entity.id] = frozenset(m.article for m in entity.mentions)
        quotes = payload["quotes"]
        if any(not 0 <= row[1] < len(here) for row in quotes):
            raise IndexError("a quote of an article not here")
        self._take_quotes(quotes, [a.id for a in here], [a.text for a in here])

    def _stories(self, payload: list[list[Any]]) -> None:
        here = self._here
        for story_id, title, members in payload:
            kept = tuple(a for a in members if a in here)
            if kept:
                self.stories.append(Story(str(story_id), str(title), kept))

    def _groups(self, payload: list[list[Any]]) -> None:
        article_of = self._article_of
        kept = []
        for group_id, members in payload:
            quotes = [q for q in members if q in article_of]
            if len({article_of[q] for q in quotes}) > 1:
                kept.append([group_id, quotes])
        super()._groups(kept)
