"""Who said what, and where: quotes by speaker or about an entity, and article outlets.

Plain lookups over a :class:`~reader.model.Corpus` that the quotes view and the
entity details share; nothing here knows about the terminal.
"""

from __future__ import annotations

from bisect import bisect_left
from contextlib import suppress

from reader.model import Article, Corpus, Quote

#: Outlet labels made from a title are cut to this many characters.
OUTLET_LIMIT = 30


def outlet(article: Article, limit: int = OUTLET_LIMIT) -> str:
    """The article's outlet (``source``), else its title, else its id, on one line.

    Args:
        article: the article.
        limit: longer labels are cut to this many characters, ending in "…".
    """
    label = " ".join((article.source or article.title or article.id).split())
    return label if len(label) <= limit else label[: limit - 1] + "…"


def speaker_name(corpus: Corpus, quote: Quote) -> str | None:
    """The quote's speaker: the linked entity's name, else the speaker's words, else None."""
    speaker = quote.speaker
    if speaker is None:
        return None
    if speaker.entity is not None:
        with suppress(KeyError):
            return corpus.entity(speaker.entity).name
    return speaker.text


def quotes_said_by(corpus: Corpus, entity_id: str) -> list[Quote]:
    """The quotes whose speaker is the entity ``entity_id``, in corpus order."""
    return [q for q in corpus.quotes if q.speaker is not None and q.speaker.entity == entity_id]


def quotes_about(corpus: Corpus, entity_id: str) -> list[Quote]:
    """The quotes the entity said or that name it (a mention inside the quote).

    Raises:
        KeyError: no entity has this id.
    """
    entity = corpus.entity(entity_id)
    starts: dict[str, list[int]] = {}
    for mention in entity.mentions:
        starts.setdefault(mention.article, []).append(mention.start)
    for positions in starts.values():
        positions.sort()

    def names_it(quote: Quote) -> bool:
        positions = starts.get(quote.article, [])
        at = bisect_left(positions, quote.start)
        return at < len(positions) and positions[at] < quote.end

    return [
        q
        for q in corpus.quotes
        if (q.speaker is not None and q.speaker.entity == entity_id) or names_it(q)
    ]
