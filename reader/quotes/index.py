"""Per-document lookups built once per Doc, so the component stays linear in the text.

``doc.text`` and ``doc.ents`` are rebuilt by spaCy on every access (a walk over
the whole document), so rules that use them once per quotation or per
candidate make the analysis quadratic. :class:`DocIndex` reads them once: the
text, token start offsets, the entities sorted by position (found by
bisection), the token indices inside quotations and the verbs of speaking.

While the component runs, the index lives in ``doc.user_data`` (see
:func:`indexed`); helpers called outside a run get a fresh index.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast

from spacy.tokens import Doc, Span, Token

_KEY = ("reader_quotes", "index", None, None)


class DocIndex:
    """Lookups over one Doc, computed once.

    Attributes:
        doc: the indexed document.
        text: ``doc.text``.
        starts: the character offset of every token.
        ents: ``doc.ents`` in order (kept in step by :meth:`set_ents`).
        quotes: the quotation spans the index was built with.
        quoted: the token indices inside those quotations.
    """

    def __init__(self, doc: Doc, quotes: Sequence[Span] = ()) -> None:
        self.doc = doc
        self.text = doc.text
        self.starts = [t.idx for t in doc]
        self.quotes = quotes
        self.quoted = frozenset(i for q in quotes for i in range(q.start, q.end))
        self.ents: list[Span] = []
        self._ent_starts: list[int] = []
        self._speech_verbs: list[int] | None = None
        #: Derived data (genders by surname) cleared whenever the entities change.
        self.derived: dict[str, Any] = {}
        self._load_ents()

    def _load_ents(self) -> None:
        self.ents = list(self.doc.ents)
        self._ent_starts = [e.start for e in self.ents]
        self.derived.clear()

    def set_ents(self, ents: Sequence[Span]) -> None:
        """Replace ``doc.ents`` and the index's copy of them."""
        self.doc.ents = list(ents)
        self._load_ents()

    def quoted_in(self, quotes: Sequence[Span]) -> frozenset[int]:
        """The token indices inside ``quotes`` (precomputed for the index's own list)."""
        if quotes is self.quotes:
            return self.quoted
        return frozenset(i for q in quotes for i in range(q.start, q.end))

    def tokens_from(self, start_char: int, end_char: int) -> list[Token]:
        """The tokens starting in ``[start_char, end_char)``."""
        return list(
            self.doc[bisect_left(self.starts, start_char) : bisect_left(self.starts, end_char)]
        )

    def entity_at(self, i: int) -> Span | None:
        """The entity holding token ``i``, if any."""
        pos = bisect_right(self._ent_starts, i) - 1
        if pos >= 0 and i < self.ents[pos].end:
            return self.ents[pos]
        return None

    def ents_within(self, start: int, end: int) -> list[Span]:
        """The entities wholly inside tokens ``[start, end)``, in order."""
        found = []
        for ent in self.ents[bisect_left(self._ent_starts, start) :]:
            if ent.start >= end:
                break
            if ent.end <= end:
                found.append(ent)
        return found

    def ents_before(self, end: int) -> Iterator[Span]:
        """The entities ending at or before token ``end``, nearest first."""
        pos = bisect_left(self._ent_starts, end)
        for ent in reversed(self.ents[:pos]):
            if ent.end <= end:
                yield ent

    def speech_verbs_before(self, before: int, lemmas: frozenset[str]) -> Iterator[Token]:
        """Verbs whose lemma is in ``lemmas`` before token ``before``, nearest first.

        ``lemmas`` must be the same set on every call for one index.
        """
        if self._speech_verbs is None:
            self._speech_verbs = [
                t.i for t in self.doc if t.pos_ in ("VERB", "AUX") and t.lemma_ in lemmas
            ]
        pos = bisect_left(self._speech_verbs, before)
        for i in reversed(self._speech_verbs[:pos]):
            yield self.doc[i]


def _user_data(doc: Doc) -> dict[Any, Any]:
    # spaCy types user_data as dict[str, Any] but keys its own extensions by tuples too.
    return cast(dict[Any, Any], doc.user_data)


def index_of(doc: Doc) -> DocIndex:
    """The index of ``doc`` while the component runs, else a fresh one."""
    found = _user_data(doc).get(_KEY)
    return found if isinstance(found, DocIndex) else DocIndex(doc)


@contextmanager
def indexed(doc: Doc, quotes: Sequence[Span] = ()) -> Iterator[DocIndex]:
    """Keep one :class:`DocIndex` on ``doc`` for the duration of the block."""
    index = DocIndex(doc, quotes)
    _user_data(doc)[_KEY] = index
    try:
        yield index
    finally:
        _user_data(doc).pop(_KEY, None)
