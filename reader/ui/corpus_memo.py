"""Summaries of a corpus computed once per corpus, so a dialog reuses them at each open.

The quotes view groups 25,000 quotes by speaker, the palette sorts every entity
by salience: each took tens of milliseconds at every open of a dialog on a
10,000-article collection. A function decorated with :func:`per_corpus` keeps
its result for the last few corpora (the one shown, and the one being replaced);
the first dialog to need one makes it, and every later open finds it ready.
(Made ahead in a worker thread, they held the interpreter lock while a large
collection arrived, and keys waited up to a quarter of a second.)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Generic, TypeVar

from reader.model import Corpus
from reader.ui.let_go import let_go

T = TypeVar("T")
#: Corpora remembered per function: the current one and the one before it (a dialog
#: opened on the old corpus can still be given the new one).
KEEP = 2


class PerCorpus(Generic[T]):
    """``function(corpus)`` computed once per corpus object (by identity).

    Called by the dialogs on the UI thread only. Corpora are immutable once
    linked, so a kept result never goes stale; a new corpus is a new object.
    """

    def __init__(self, function: Callable[[Corpus], T]) -> None:
        self._function = function
        self._kept: list[tuple[Corpus, T]] = []
        functools.update_wrapper(self, function)

    def __call__(self, corpus: Corpus) -> T:
        # Looked up in a scope of its own: a loop variable left bound to the corpus about
        # to be dropped would keep it here, and freeing it would then fall to this thread.
        found = [value for seen, value in self._kept if seen is corpus]
        if found:
            return found[0]
        value = self._function(corpus)
        kept = self._kept
        kept.insert(0, (corpus, value))
        # The corpus dropped may be the last reference to a collection replaced
        # (freeing 10,000 articles' takes 70 ms): freed a piece at a time, elsewhere.
        dropped = kept[KEEP:]
        del kept[KEEP:]
        if dropped:
            let_go(dropped)
        return value

    def holds(self, corpus: Corpus) -> bool:
        """Whether the result for ``corpus`` is made (a call would only return it)."""
        return any(seen is corpus for seen, _ in self._kept)


def per_corpus(function: Callable[[Corpus], T]) -> PerCorpus[T]:
    """``function`` made once per corpus (``PerCorpus``): a decorator."""
    return PerCorpus(function)
