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

    def __init__(self, doc: Doc, quotes: Sequence[Span] = (), text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text
        # One array read instead of a Python Token object per token.
        self.starts: list[int] = doc.to_array("IDX").tolist() if len(doc) else []
        self.quotes = quotes
        self.quoted = frozenset(i for q in quotes for i in range(q.start, q.end))
        self.ents: list[Span] = list(doc.ents)
        self._ent_starts = [e.start for e in self.ents]
        self._speech_verbs: list[int] | None = None
        #: Every change to the entities, in order: (entities removed, entity added).
        #: Derived data (genders by surname) catches up from it instead of starting over.
        self.ent_log: list[tuple[list[Span], Span]] = []
        #: Data other modules derive from the index, by name.
        self.derived: dict[str, Any] = {}

    def add_ent(self, ent: Span) -> bool:
        """Add ``ent`` to ``doc.ents``, replacing the entities wholly inside it.

        Only its own tokens are rewritten (``Doc.set_ents`` with the rest
        unmodified): assigning ``doc.ents`` would rebuild every entity.

        Returns:
            Whether it was added (not when it would cut through an entity).
        """
        first = bisect_left(self._ent_starts, ent.start)
        last = first
        while last < len(self.ents) and self.ents[last].start < ent.end:
            last += 1
        if (first > 0 and self.ents[first - 1].end > ent.start) or (
            last > first and self.ents[last - 1].end > ent.end
        ):
            return False
        removed = self.ents[first:last]
        self.doc.set_ents([ent], default="unmodified")
        self.ents[first:last] = [ent]
        self._ent_starts[first:last] = [ent.start]
        self.ent_log.append((removed, ent))
        return True

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
        for pos in range(bisect_left(self._ent_starts, start), len(self.ents)):
            ent = self.ents[pos]
            if ent.start >= end:
                break
            if ent.end <= end:
                found.append(ent)
        return found

    def ents_before(self, end: int) -> Iterator[Span]:
        """The entities ending at or before token ``end``, nearest first."""
        # Walk back by position: slicing would copy the list on every call.
        for pos in range(bisect_left(self._ent_starts, end) - 1, -1, -1):
            if self.ents[pos].end <= end:
                yield self.ents[pos]

    def speech_verbs_before(self, before: int, lemmas: frozenset[str]) -> Iterator[Token]:
        """Verbs whose lemma is in ``lemmas`` before token ``before``, nearest first.

        ``lemmas`` must be the same set on every call for one index.
        """
        if self._speech_verbs is None:
            self._speech_verbs = [
                t.i for t in self.doc if t.pos_ in ("VERB", "AUX") and t.lemma_ in lemmas
            ]
        verbs = self._speech_verbs
        for pos in range(bisect_left(verbs, before) - 1, -1, -1):
            yield self.doc[verbs[pos]]


def _user_data(doc: Doc) -> dict[Any, Any]:
    # spaCy types user_data as dict[str, Any] but keys its own extensions by tuples too.
    return cast(dict[Any, Any], doc.user_data)


def index_of(doc: Doc) -> DocIndex:
    """The index of ``doc`` while the component runs, else a fresh one."""
    found = _user_data(doc).get(_KEY)
    return found if isinstance(found, DocIndex) else DocIndex(doc)


@contextmanager
def indexed(doc: Doc, quotes: Sequence[Span] = (), text: str | None = None) -> Iterator[DocIndex]:
    """Keep one :class:`DocIndex` on ``doc`` for the duration of the block.

    ``text`` is ``doc.text`` when the caller has it already.
    """
    index = DocIndex(doc, quotes, text)
    _user_data(doc)[_KEY] = index
    try:
        yield index
    finally:
        _user_data(doc).pop(_KEY, None)
