"""The articles added to a changed collection, linked into the collection as linked before.

When a few articles are added to a collection the index holds, the reader shows
that collection at once (``collection_members.Nearest``) while the changed one
is linked from scratch. ``attached_frame`` makes the one frame that completes
that provisional collection: the added articles' mentions attached to its
entities (``linking.attach``), and their quotes, each speaker pointed at the
entity its mention joined. It reads the stored collection's entity frames and
the added articles' digest rows alone: milliseconds, whatever the collection's size.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import orjson

from reader.collection_digests import StoredTexts
from reader.collection_rows import ENTITY_TYPES, quote_row
from reader.linking import ArticleDigest, digest_article
from reader.linking.attach import Attachment, KnownEntity, attach
from reader.model import Analysis, Article, Entity, EntityMention
from reader.speakers import found_quotes, placed_quotes

#: The kind of the frame ``attached_frame`` makes (``corpus_wire.ProvisionalAssembler``).
ATTACHED = "attached"


def attached_frame(
    frames: Sequence[bytes],
    articles: Sequence[Article],
    numbers: Sequence[int],
    analyses: Mapping[str, Analysis],
    digests: Mapping[str, ArticleDigest],
) -> bytes | None:
    """The frame that attaches the added ``articles`` to a stored collection, or None
    when none of them has a digest, or the stored frames are damaged.

    Args:
        frames: the stored collection's frames (``collection_index.row_frames``).
        articles: the collection opened.
        numbers: for each article of the stored collection, its number in ``articles``
            (-1 for one no longer there): the others of ``articles`` are the added ones.
        analyses, digests: what linking reads of the added articles' analyses (their
            quotes) and their digests, by article id (``added_texts``).
    """
    there = set(numbers)
    added = [
        (n, article.id, digests[article.id])
        for n, article in enumerate(articles)
        if n not in there and article.id in digests and article.id in analyses
    ]
    if not added:
        return None
    try:
        attached = attach(known_entities(frames), added)
    except (ValueError, TypeError, KeyError, IndexError):
        return None  # damaged frames or rows: the link from scratch follows anyway
    found, ids = found_quotes((article_id, analyses[article_id]) for _, article_id, _ in added)
    quotes = placed_quotes(found, ids, [_entity(item, articles) for item in attached])
    number = {articles[n].id: n for n, _, _ in added}
    payload = {
        "entities": [[a.id, a.name, a.type, a.aliases, a.rows] for a in attached],
        "quotes": [quote_row(quote, number) for quote in quotes],
    }
    return orjson.dumps([ATTACHED, payload])


def added_texts(
    added: Sequence[Article],
    stored: Callable[[Sequence[Article]], StoredTexts],
    cached: Callable[[Sequence[Article]], Mapping[str, Analysis]],
) -> tuple[dict[str, Analysis], dict[str, ArticleDigest]]:
    """What ``attached_frame`` reads of the ``added`` articles: their digest rows
    (``stored``: ``CollectionLinker.stored``), or else their cached analyses (``cached``:
    ``Analyzer.cached``), digested here. A text never analyzed has neither: it is
    highlighted once it is analyzed and the collection linked."""
    rows = stored(added)
    analyses, digests = dict(rows.analyses), dict(rows.digests)
    rest = rows.missing(added)
    found = cached(rest) if rest else {}
    for article in rest:
        analysis = found.get(article.id)
        if analysis is not None:
            analyses[article.id] = analysis
            digests[article.id] = digest_article(article, analysis)
    return analyses, digests


def known_entities(frames: Sequence[bytes]) -> list[KnownEntity]:
    """The entities of a stored collection's frames, as ``attach`` reads them.

    Raises:
        ValueError, TypeError, KeyError, IndexError: a damaged entity frame.
    """
    known = []
    for frame in frames:
        if not frame.startswith(b'["entities"'):
            continue
        _, rows = orjson.loads(frame)
        for eid, name, kind, aliases, mentions, _ in rows:
            if kind not in ENTITY_TYPES or not all(
                isinstance(s, str) for s in (eid, name, *aliases)
            ):
                raise ValueError("not an entity row")
            known.append(KnownEntity(eid, name, kind, tuple(aliases), len(mentions)))
    return known


def _entity(item: Attachment, articles: Sequence[Article]) -> Entity:
    """Where an attachment's mentions are, as an entity (for placing quotes)."""
    mentions = [EntityMention(articles[n].id, s, e, "") for n, s, e in item.rows]
    return Entity(item.id, item.name, item.type, list(item.aliases), mentions)
