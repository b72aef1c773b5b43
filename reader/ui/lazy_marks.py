"""Highlights built per article when a column first shows it, not for the whole collection.

``build_marks`` walks every mention of the corpus: seconds for 10,000 articles,
of which a screen shows two or three. :class:`LazyMarks` is the same mapping
(article id -> :class:`~reader.ui.highlights.ArticleMarks`), built article by
article on first look-up and kept.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from reader.model import Corpus, EntityType, Quote
from reader.ui.highlights import ArticleMarks, Layer, Marked, repeated_elsewhere, speaker_note

#: One entity mention to highlight: ``(start, end, entity id, entity type)``.
Span = tuple[int, int, str, EntityType]


class LazyMarks(Mapping[str, ArticleMarks]):
    """Each article's highlights, made on first look-up from per-article indexes.

    Args:
        corpus: the corpus the marks show.
        mention_spans: article id -> its entity mentions' spans, in corpus order.
        quotes: article id -> its quotes, in corpus order.
        elsewhere: quote id -> how many other articles repeat it (``repeated_elsewhere``;
            worked out on first look-up when None).
    """

    def __init__(
        self,
        corpus: Corpus,
        mention_spans: Mapping[str, Sequence[Span]],
        quotes: Mapping[str, Sequence[Quote]],
        elsewhere: Mapping[str, int] | None = None,
    ) -> None:
        self.corpus = corpus
        self._spans = mention_spans
        self._quotes = quotes
        self._built: dict[str, ArticleMarks] = {}
        self._elsewhere = elsewhere

    @classmethod
    def of(cls, corpus: Corpus) -> LazyMarks:
        """Index ``corpus`` (one pass over its mentions and quotes; no marks built yet)."""
        spans: dict[str, list[Span]] = {}
        for entity in corpus.entities:
            eid, kind = entity.id, entity.type
            for m in entity.mentions:
                spans.setdefault(m.article, []).append((m.start, m.end, eid, kind))
        quotes: dict[str, list[Quote]] = {}
        for quote in corpus.quotes:
            quotes.setdefault(quote.article, []).append(quote)
        return cls(corpus, spans, quotes, repeated_elsewhere(corpus))

    def parts(self) -> list[object]:
        """The per-article lists it holds (the bulk of what freeing it costs)."""
        return [*self._spans.values(), *self._quotes.values(), *self._built.values()]

    def __getitem__(self, article_id: str) -> ArticleMarks:
        built = self._built.get(article_id)
        if built is None:
            self.corpus.article(article_id)  # KeyError for an article not in the corpus
            built = self._built[article_id] = self._build(article_id)
        return built

    def __iter__(self) -> Iterator[str]:
        return (article.id for article in self.corpus.articles)

    def __len__(self) -> int:
        return len(self.corpus.articles)

    def _build(self, article_id: str) -> ArticleMarks:
        if self._elsewhere is None:
            self._elsewhere = repeated_elsewhere(self.corpus)
        entities = [Marked(s, e, key, kind) for s, e, key, kind in self._spans.get(article_id, ())]
        quotes: list[Marked] = []
        speakers: list[Marked] = []
        notes: dict[int, list[str]] = {}
        for quote in self._quotes.get(article_id, ()):
            quotes.append(Marked(quote.start, quote.end, quote.id, "quote"))
            speaker = quote.speaker
            quote_notes: list[str | None] = []
            if speaker is not None:
                speakers.append(Marked(speaker.start, speaker.end, speaker.entity or "", "speaker"))
                quote_notes.append(speaker_note(self.corpus, quote))
            others = self._elsewhere.get(quote.id, 0)
            if others:
                label = "article" if others == 1 else "articles"
                quote_notes.append(f"  ↳ also in {others} other {label}")
            for note in quote_notes:
                if note:
                    notes.setdefault(quote.end, []).append(note)
        return ArticleMarks(Layer(entities), Layer(quotes), Layer(speakers), notes)
