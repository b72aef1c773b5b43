"""Linking a whole collection, through the persistent collection index.

``CollectionLinker.lookup`` answers "was exactly this collection linked
before?" from the articles alone, without reading a single cached analysis;
``CollectionLinker.link`` links the analyses it is given and stores the result
when the collection is complete. Both are pure model code, safe to call from a
worker thread.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial

from reader import aside as work_aside
from reader.aside import Aside
from reader.cache import AnalysisCache
from reader.collection_digests import StoredTexts, collection_digests, stored_texts
from reader.collection_index import CollectionIndex, collection_key
from reader.collection_members import Members, Nearest, members, parts_digest
from reader.config import Settings
from reader.corpus import LINK_STEPS, compare_corpus, corpus_stages
from reader.digest_store import DigestStore
from reader.fingerprint import source_fingerprint
from reader.gc_pause import paused_gc
from reader.linking import AliasTable, ArticleDigest
from reader.model import Analysis, Article, Corpus, LoadError
from reader.nlp import ModelNotFound, model_identity

#: The modules whose code shapes a linked collection; the fingerprint covers their
#: whole import closure (and the data files they read), so stale results are never served.
LINKING_ROOTS = ("reader.corpus",)
#: The steps of a collection's link, in order, as an ``on_step`` is told them: each
#: article's names made ready (seconds only for texts whose digests are not stored, as
#: after an update of the linking code), then ``corpus.LINK_STEPS``.
STEPS = ("reading each article's names", *LINK_STEPS)


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
        self._digest_store: DigestStore | None = None
        self._storing: Aside[str | None] | None = None
        self._named: dict[str, tuple[str, str]] = {}
        if settings.use_cache:
            try:
                identity = model_identity(settings.model)
            except ModelNotFound:
                pass  # without a model, no analysis key can be named: nothing is stored
            else:
                self._index = CollectionIndex(settings.cache_dir / "collections.sqlite3")
                self._cache = AnalysisCache(settings.cache_dir / "analysis", identity)
                self._digest_store = DigestStore(settings.cache_dir)

    @property
    def warnings(self) -> list[str]:
        """Non-fatal problems met so far (a damaged index or digest store that was rebuilt)."""
        stores = (self._index, self._digest_store)
        return [s.warning for s in stores if s is not None and s.warning]

    def lookup(self, articles: Sequence[Article], errors: Sequence[LoadError]) -> Corpus | None:
        """The stored corpus of exactly these articles, or None when it must be linked."""
        key = self._key(articles)
        if key is None or self._index is None:
            return None
        return self._index.get(key, articles, errors, self.model)

    def holds(self, articles: Sequence[Article]) -> bool:
        """Whether the index holds exactly these articles linked (nothing is read)."""
        key = self._key(articles)
        return key is not None and self._index is not None and self._index.holds(key)

    def lookup_frames(self, articles: Sequence[Article]) -> list[bytes] | None:
        """``lookup``'s answer as the index stores it (``collection_index.row_frames``),
        unparsed: for sending on to another process as it is."""
        key = self._key(articles)
        if key is None or self._index is None:
            return None
        return self._index.get_frames(key)

    def stored(self, articles: Sequence[Article]) -> StoredTexts:
        """What the digest store holds for linking ``articles`` without reading their
        cached analyses: each text's digest and, where its row keeps it, what linking
        reads of its analysis (see ``digest_store.read_row``).

        The command line links a collection never opened before from these alone;
        the articles missing from ``analyses`` need their cached analysis.
        """
        store = self._digest_store
        if store is None or not articles:
            return StoredTexts({}, {})
        return stored_texts(store, articles, self._analysis_keys(articles))

    def link(
        self,
        articles: Sequence[Article],
        analyses: Mapping[str, Analysis],
        errors: Sequence[LoadError],
        digests: Mapping[str, ArticleDigest] | None = None,
        aside: bool = False,
        on_step: Callable[[str], object] | None = None,
        on_count: Callable[[int, int], object] | None = None,
    ) -> Corpus:
        """Link ``analyses`` into a corpus; a complete collection is stored for next time.

        Articles without an analysis yet are kept with no entities, so a UI can
        show their text. Linking's per-article work (the digests) is reused from
        ``digests`` (by article id: ``stored``'s), earlier calls and the digest
        store, which analysis fills: linking costs the global step, plus the
        digests of texts analyzed before the store kept them.

        ``aside`` (the command line's single-threaded run): stories and repeated
        quotes are grouped in a forked child (``corpus.link_corpus``), and the
        collection is stored by another while the caller goes on (writing the
        export): ``finish`` waits for it. ``on_step`` is told each of ``STEPS`` as it
        begins (a progress display); ``on_count(done, total)``, during the first, how
        many of the articles' digests are ready when some must be made (seconds: after
        the linking code changed), every ``COUNT_EVERY`` articles and at the last.
        """
        if not aside:
            stages = self.link_in_stages(articles, analyses, errors, digests, on_step, on_count)
            next(stages)
            next(stages)
            return next(stages)
        complete, named, key, found = self._looked_up(articles, analyses, errors)
        if found is not None:
            return found
        with paused_gc():
            stages = self._linked(
                articles, analyses, errors, named, digests, complete, on_step, on_count
            )
            next(stages)
            corpus = next(stages)
            if key is not None and self._index is not None:
                held = self._members(articles, named)
                store = partial(_store, self._index, key, articles, corpus, held)
                self._storing = work_aside.start(store, _warning, _warning)
        return corpus

    def link_in_stages(
        self,
        articles: Sequence[Article],
        analyses: Mapping[str, Analysis],
        errors: Sequence[LoadError],
        digests: Mapping[str, ArticleDigest] | None = None,
        on_step: Callable[[str], object] | None = None,
        on_count: Callable[[int, int], object] | None = None,
    ) -> Iterator[Corpus]:
        """``link`` in three stages, for a caller that sends each on while the next is
        made (the reader's linking process): yields the corpus with its entities linked
        (no quotes yet), then the corpus linked (entities and quotes, no stories or
        repeated quotes yet), then the same corpus with those grouped and, for a
        complete collection, stored in the index. A collection the index holds is
        yielded whole, three times. ``on_step``, ``on_count``: as for ``link``.
        """
        complete, named, key, found = self._looked_up(articles, analyses, errors)
        if found is not None:
            yield found
            yield found
            yield found
            return
        with paused_gc():
            stages = self._linked(
                articles, analyses, errors, named, digests, False, on_step, on_count
            )
            entities = next(stages)
        yield entities
        with paused_gc():
            corpus = next(stages)
        yield corpus
        if complete:
            with paused_gc():
                compare_corpus(corpus)
                if key is not None and self._index is not None:
                    held = self._members(articles, named)
                    _store(self._index, key, articles, corpus, held, list)
        yield corpus

    def _linked(
        self,
        articles: Sequence[Article],
        analyses: Mapping[str, Analysis],
        errors: Sequence[LoadError],
        named: Mapping[str, str],
        digests: Mapping[str, ArticleDigest] | None,
        compare: bool,
        on_step: Callable[[str], object] | None = None,
        on_count: Callable[[int, int], object] | None = None,
    ) -> Iterator[Corpus]:
        """``link_corpus``'s two stages (``corpus.corpus_stages``) with this linker's
        settings and digests, which are made now; ``compare``: stories and repeated
        quotes grouped in a forked child meanwhile (``corpus.link_corpus``)."""
        if on_step is not None:
            on_step(STEPS[0])
        # Passed on, not kept: corpus_stages lets go of the digests once linked.
        store = self._digest_store
        found = collection_digests(store, articles, analyses, named, digests or {}, on_count)
        aliases, aside = self.aliases, compare
        return corpus_stages(
            articles, analyses, errors, self.model, aliases, compare, found, aside, on_step
        )

    def _looked_up(
        self,
        articles: Sequence[Article],
        analyses: Mapping[str, Analysis],
        errors: Sequence[LoadError],
    ) -> tuple[bool, dict[str, str], str | None, Corpus | None]:
        """Whether every article is analyzed, each one's analysis key, the collection's
        key (None: incomplete, or no cache) and its stored corpus (None: a miss)."""
        complete = bool(articles) and all(a.id in analyses for a in articles)
        # Each text is hashed once, for the collection's key and the digests' keys alike.
        named = self._analysis_keys(articles)
        key = self._key(articles, named) if complete else None
        found = None
        if key is not None and self._index is not None:
            found = self._index.get(key, articles, errors, self.model)
        return complete, named, key, found

    def finish(self) -> str | None:
        """Wait until the collection ``link(..., aside=True)`` stores is stored.

        Returns:
            The problem storing it met (the index was unusable and is rebuilt), if
            any; it joins ``warnings`` too.
        """
        storing, self._storing = self._storing, None
        if storing is None or self._index is None:
            return None
        # Storing makes a row per mention: with the collector paused, as when linking.
        with paused_gc():
            warning = storing.result()
        self._index.warning = warning or self._index.warning
        return warning

    def _analysis_keys(self, articles: Sequence[Article]) -> dict[str, str]:
        """Article id -> what names its analysis: the cache key (text, model, analysis
        code), or without a cache the model and the text, for this process's memory alone.
        Each text is hashed once per linker (known again by being the very same string).
        """
        named, memo = {}, self._named
        for article in articles:
            text = article.text
            known = memo.get(article.id)
            if known is None or known[0] is not text:
                known = memo[article.id] = (text, self._analysis_key(text))
            named[article.id] = known[1]
        return named

    def _analysis_key(self, text: str) -> str:
        if self._cache is not None:
            return self._cache.key(text)
        return hashlib.sha256(f"{self.model}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()

    def stored_guess(self) -> Callable[[Sequence[Article]], bool]:
        """A guess made as a collection is read, told each chunk of articles in turn:
        whether one collection the index holds has every article read so far (likely a
        collection linked before, so its texts' rows need no reading). Never, without
        a cache (``collection_members.Holders``)."""
        if self._cache is None or self._index is None:
            return lambda articles: False
        holders = self._index.holders()

        def held(articles: Sequence[Article]) -> bool:
            # The parts are not known until the last file is read: not compared.
            return holders.hold(members(articles, self._analysis_keys(articles), ""))

        return held

    def nearest(self, articles: Sequence[Article]) -> tuple[Nearest, list[bytes]] | None:
        """The stored collection nearest to ``articles`` (linked by this same code, with
        these aliases and model, and sharing at least half of them) and its frames as the
        index stores them: what the reader shows while a changed collection is linked
        again (``collection_members``). None without a cache or a near one."""
        if self._cache is None or self._index is None or not articles:
            return None
        return self._index.nearest(self._members(articles, self._analysis_keys(articles)))

    def _members(self, articles: Sequence[Article], named: Mapping[str, str]) -> Members:
        return members(articles, named, parts_digest(self._parts()))

    def _parts(self) -> tuple[str, str, str]:
        """What a collection's key hashes beside its articles."""
        return (source_fingerprint(LINKING_ROOTS), alias_fingerprint(self.aliases), self.model)

    def _key(
        self, articles: Sequence[Article], named: Mapping[str, str] | None = None
    ) -> str | None:
        if self._cache is None:
            return None
        analysis_keys = named if named is not None else self._analysis_keys(articles)
        return collection_key(articles, analysis_keys, self._parts())


def _store(
    index: CollectionIndex,
    key: str,
    articles: Sequence[Article],
    corpus: Corpus,
    held: Members,
    receive: Callable[[], object],
) -> str | None:
    """Store a linked collection and its members (``reader.aside`` work: nothing to
    receive); returns the problem storing met, if any (not one met before, already
    reported)."""
    before = index.warning
    index.put(key, articles, corpus, held)
    return index.warning if index.warning != before else None


def _warning(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError("not a warning")
    return value


def _model_label(name: str) -> str:
    try:
        return model_identity(name).label
    except ModelNotFound:
        return name
