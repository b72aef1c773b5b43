"""Linking a whole collection, through the persistent collection index.

``CollectionLinker.lookup`` answers "was exactly this collection linked
before?" from the articles alone, without reading a single cached analysis;
``CollectionLinker.link`` links the analyses it is given and stores the result
when the collection is complete. Both are pure model code, safe to call from a
worker thread.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence

from reader.cache import AnalysisCache
from reader.collection_index import CollectionIndex, collection_key
from reader.config import Settings
from reader.corpus import link_corpus
from reader.fingerprint import source_fingerprint
from reader.linking import AliasTable
from reader.model import Analysis, Article, Corpus, LoadError
from reader.nlp import ModelNotFound, model_identity

#: The modules whose code shapes a linked collection; the fingerprint covers their
#: whole import closure (and the data files they read), so stale results are never served.
LINKING_ROOTS = ("reader.corpus",)


def alias_fingerprint(aliases: AliasTable | None) -> str:
    """A digest of an alias table's content (None: the shipped table alone)."""
    if aliases is None:
        return "shipped"
    parts = [
        *(f"merge:{sorted(group)}:{source}" for group, source in aliases.merges),
        *(f"split:{sorted(group)}" for group in aliases.splits),
        *(f"related:{sorted(group)}" for group in aliases.related),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


class CollectionLinker:
    """Links collections for one run's settings, reusing stored results when it can."""

    def __init__(self, settings: Settings, aliases: AliasTable | None = None) -> None:
        self.settings = settings
        self.aliases = aliases
        self.model = _model_label(settings.model)
        self._index: CollectionIndex | None = None
        self._cache: AnalysisCache | None = None
        if settings.use_cache:
            self._index = CollectionIndex(settings.cache_dir / "collections.sqlite3")
            try:
                identity = model_identity(settings.model)
            except ModelNotFound:
                self._index = None  # without a model, no analysis key can be named
            else:
                self._cache = AnalysisCache(settings.cache_dir / "analysis", identity)

    @property
    def warnings(self) -> list[str]:
        """Non-fatal problems met so far (a damaged index that was rebuilt)."""
        return [self._index.warning] if self._index and self._index.warning else []

    def lookup(self, articles: Sequence[Article], errors: Sequence[LoadError]) -> Corpus | None:
        """The stored corpus of exactly these articles, or None when it must be linked."""
        key = self._key(articles)
        if key is None or self._index is None:
            return None
        found = self._index.get(key, articles)
        if found is None:
            return None
        entities, quotes = found
        return Corpus(list(articles), entities, quotes, list(errors), self.model)

    def link(
        self,
        articles: Sequence[Article],
        analyses: Mapping[str, Analysis],
        errors: Sequence[LoadError],
        cancelled: Callable[[], bool] | None = None,
    ) -> Corpus:
        """Link ``analyses`` into a corpus; a complete collection is stored for next time.

        Articles without an analysis yet are kept with no entities, so a UI can
        show their text. ``cancelled`` is not polled inside linking itself; a
        caller that no longer wants the result checks it and drops it.
        """
        complete = bool(articles) and all(a.id in analyses for a in articles)
        key = self._key(articles) if complete else None
        if key is not None and self._index is not None:
            found = self._index.get(key, articles)
            if found is not None:
                return Corpus(list(articles), found[0], found[1], list(errors), self.model)
        corpus = link_corpus(articles, analyses, errors, self.model, self.aliases)
        if key is not None and self._index is not None and not (cancelled and cancelled()):
            self._index.put(key, articles, corpus.entities, corpus.quotes)
        return corpus

    def _key(self, articles: Sequence[Article]) -> str | None:
        if self._cache is None:
            return None
        cache = self._cache
        analysis_keys = {a.id: cache.key(a.text) for a in articles}
        parts = (source_fingerprint(LINKING_ROOTS), alias_fingerprint(self.aliases), self.model)
        return collection_key(articles, analysis_keys, parts)


def _model_label(name: str) -> str:
    try:
        return model_identity(name).label
    except ModelNotFound:
        return name
