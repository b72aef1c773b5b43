"""The model layer's front door: files → articles → analyses → corpus.

Each stage is its own call so a UI can show text at once and analyze in the
background; ``open_corpus`` runs them all for the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader import loading
from reader.analysis_process import AnalysisProcess
from reader.cache import AnalysisCache
from reader.collection import CollectionLinker
from reader.collection_digests import COUNT_EVERY
from reader.config import Settings
from reader.digest_store import DigestStore, DigestWriter
from reader.gc_pause import paused_gc
from reader.linking import AliasTable, load_aliases
from reader.model import Analysis, Article, Corpus, LoadError
from reader.nlp import ModelIdentity, ModelNotFound, model_identity
from reader.resources import bundled_articles_dir

if TYPE_CHECKING:
    from spacy.language import Language

LoadResult = loading.LoadResult
Progress = Callable[[int, int, str, Analysis], None]

__all__ = [
    "Analyzer",
    "LoadResult",
    "ModelNotFound",
    "build_corpus",
    "load_articles",
    "lookup_corpus",
    "open_corpus",
]


def article_paths(paths: Sequence[Path | str]) -> list[Path | str]:
    """The paths (and URLs) to read: those given, or the bundled articles when none are."""
    return list(paths) if paths else [bundled_articles_dir()]


def load_articles(paths: Sequence[Path | str], settings: Settings) -> LoadResult:
    """Load the articles under ``paths`` (the bundled ones if empty), and the alias files.

    ``paths`` may hold http(s) URLs as strings: pages and feeds are fetched
    within the settings' limits. Alias files are ``aliases.yaml`` in the config
    directory and in each folder given; their problems join ``errors`` as
    warnings. Never needs spaCy.
    """
    chosen = article_paths(paths)
    web = loading.WebOptions(
        limits=loading.FetchLimits(timeout=settings.fetch_timeout, max_bytes=settings.max_bytes),
        max_feed_items=settings.feed_items,
    )
    result = loading.load_articles(chosen, settings.max_bytes, web)
    result.aliases, warnings = load_alias_files(chosen, settings)
    result.errors.extend(warnings)
    return result


def load_alias_files(
    chosen: Sequence[Path | str], settings: Settings
) -> tuple[AliasTable, list[LoadError]]:
    """The alias table of ``aliases.yaml`` in the config directory and in each folder of
    ``chosen``, and its problems as warnings (each naming its file)."""
    alias_files = [settings.config_dir / "aliases.yaml"]
    alias_files += [p / "aliases.yaml" for p in chosen if isinstance(p, Path) and p.is_dir()]
    aliases, warnings = load_aliases(alias_files)
    return aliases, [_alias_warning(w, alias_files) for w in warnings]


def _alias_warning(warning: str, files: Sequence[Path]) -> LoadError:
    # Warnings read "<file>: <problem>"; the file becomes the error's path.
    for file in files:
        prefix = f"{file}: "
        if warning.startswith(prefix):
            return LoadError(str(file), warning[len(prefix) :], fatal=False)
    return LoadError("aliases.yaml", warning, fatal=False)


class Analyzer:
    """Runs (or fetches from the cache) the NLP analysis of articles.

    The spaCy pipeline is loaded on first need only; ``cached`` never loads it.
    With ``elsewhere`` (the reader's screen), it runs in a process of its own
    (:class:`~reader.analysis_process.AnalysisProcess`), so that this process's
    interpreter lock stays free for the keys; the analyses are the same.
    """

    def __init__(self, settings: Settings, elsewhere: bool = False) -> None:
        self.settings = settings
        self._elsewhere = AnalysisProcess(settings.model) if elsewhere else None
        self._identity: ModelIdentity | None = None
        self._nlp: Language | None = None
        self._cache: AnalysisCache | None = None
        self._digests: DigestWriter | None = None

    @property
    def identity(self) -> ModelIdentity:
        """The configured model's name and version; raises ModelNotFound."""
        if self._identity is None:
            self._identity = model_identity(self.settings.model)
        return self._identity

    @property
    def cache(self) -> AnalysisCache | None:
        if self._cache is None and self.settings.use_cache:
            self._cache = AnalysisCache(self.settings.cache_dir / "analysis", self.identity)
        return self._cache

    @property
    def warnings(self) -> list[str]:
        """Non-fatal problems met so far (a cache that cannot be written)."""
        error = self._cache.write_error if self._cache else None
        store = self._digests.store.warning if self._digests else None
        return [w for w in (error, store) if w]

    def store(self, text: str, analysis: Analysis) -> None:
        """Keep a new analysis of ``text`` in the cache, with its linking digest (queued
        until ``flush``), so that linking any collection holding the text only joins names."""
        cache = self.cache
        if cache is None:
            return
        cache.put(text, analysis)
        if self._digests is None:
            self._digests = DigestWriter(DigestStore(self.settings.cache_dir), cache)
        self._digests.add(text, analysis)

    def flush(self) -> None:
        """Write the digests ``store`` queued."""
        if self._digests is not None:
            self._digests.flush()

    def cached(
        self,
        articles: Sequence[Article],
        on_count: Callable[[int, int], object] | None = None,
    ) -> dict[str, Analysis]:
        """The analyses already in the cache, by article id (no spaCy import).

        ``on_count(done, total)`` is told how far the reading is every ``COUNT_EVERY``
        articles and at the last (10,000 entries take about a second).
        """
        cache = self.cache
        if cache is None:
            return {}
        found = {}
        total = len(articles)
        # Hundreds of thousands of small records and no cycles: the cycle collector
        # would walk them all again and again (a quarter of the time at 10,000 articles).
        with paused_gc():
            for done, article in enumerate(articles):
                if on_count is not None and done % COUNT_EVERY == 0:
                    on_count(done, total)
                analysis = cache.get(article.text)
                if analysis is not None:
                    found[article.id] = analysis
        if on_count is not None:
            on_count(total, total)
        return found

    def uncached(self, articles: Sequence[Article]) -> list[Article]:
        """Those of ``articles`` the cache has no entry for, none read (a damaged entry
        counts as one: ``cached`` then leaves it out); all of them without a cache."""
        cache = self.cache
        if cache is None:
            return list(articles)
        return [a for a in articles if not cache.path(cache.key(a.text)).is_file()]

    def analyze(
        self, articles: Sequence[Article], on_progress: Progress | None = None
    ) -> dict[str, Analysis]:
        """Analyses of all ``articles`` by id, from the cache or one ``nlp.pipe`` pass.

        Args:
            articles: the articles to analyze.
            on_progress: called as ``(done, total, article_id, analysis)`` after
                each article, cached ones first, then the others shortest first;
                may run in a worker thread.
        """
        total = len(articles)
        results = self.cached(articles)
        done = 0
        for article in articles:
            if article.id in results and on_progress is not None:
                done += 1
                on_progress(done, total, article.id, results[article.id])
        # Identical texts (the same wire story twice) are analyzed once.
        pending: dict[str, list[Article]] = {}
        for article in articles:
            if article.id not in results:
                pending.setdefault(article.text, []).append(article)
        if not pending:
            return {a.id: results[a.id] for a in articles}
        # Shortest first: results stream per article, so a short article is
        # never held back behind a long one (analysis does not depend on order).
        texts = sorted(pending, key=len)
        try:
            for index, analysis in self._passes(texts):
                text = texts[index]
                self.store(text, analysis)
                for article in pending[text]:
                    results[article.id] = analysis
                    done += 1
                    if on_progress is not None:
                        on_progress(done, total, article.id, analysis)
        finally:
            self.flush()
        return {a.id: results[a.id] for a in articles}

    def _passes(self, texts: Sequence[str]) -> Iterator[tuple[int, Analysis]]:
        """``(index, analysis)`` of each of ``texts`` as it is done, here or elsewhere."""
        if self._elsewhere is not None:
            _ = self.identity  # a model not installed is said here, as for a pipeline here
            return self._elsewhere.analyze(texts)
        from reader.nlp import analyze_texts

        return analyze_texts(self.pipeline(), texts)

    def load_model(self) -> None:
        """Load the spaCy pipeline now, if it is not loaded yet (raises ModelNotFound).

        Elsewhere: start the analysis process, which loads it meanwhile.
        """
        if self._elsewhere is not None:
            _ = self.identity  # raises ModelNotFound
            self._elsewhere.start()
            return
        self.pipeline()

    def close(self) -> None:
        """End the analysis process, if one runs (it may be mid-analysis)."""
        if self._elsewhere is not None:
            self._elsewhere.stop()

    def pipeline(self) -> Language:
        """The loaded spaCy pipeline (loaded once, on first call)."""
        if self._nlp is None:
            from reader.nlp import load_pipeline

            # The model's objects live as long as the process: frozen out of the cycle
            # collector's sight as loaded, or each full collection walks them all again
            # (0.1-0.2 s in the reader, at whatever key, while it analyzes).
            with paused_gc(freeze=True):
                self._nlp = load_pipeline(self.settings.model)
        return self._nlp


#: Linkers still storing a collection (``open_corpus(..., store_aside=True)``).
_storing: list[CollectionLinker] = []


def finish_storing() -> list[str]:
    """Wait until every collection ``open_corpus`` stores aside is stored.

    Returns:
        The problems met storing them (a damaged index, rebuilt), one line each.
    """
    warnings = []
    while _storing:
        warning = _storing.pop().finish()
        if warning:
            warnings.append(warning)
    return warnings


def build_corpus(
    articles: Sequence[Article],
    analyses: dict[str, Analysis],
    errors: Sequence[LoadError],
    settings: Settings,
    aliases: AliasTable | None = None,
) -> Corpus:
    """Link analyses across articles into the corpus the export and the UI show.

    A complete collection linked before is loaded from the collection index
    instead (see ``reader.collection``). ``aliases`` is the alias table
    ``load_articles`` read (the shipped one when None). Safe in a worker thread.
    """
    return CollectionLinker(settings, aliases).link(articles, analyses, errors)


def lookup_corpus(
    articles: Sequence[Article],
    errors: Sequence[LoadError],
    settings: Settings,
    aliases: AliasTable | None = None,
) -> Corpus | None:
    """The stored corpus of exactly these articles, if this collection was linked before.

    Reads no cached analysis (and never imports spaCy): reopening a collection
    costs hashing its texts and one index lookup. Safe in a worker thread.
    """
    return CollectionLinker(settings, aliases).lookup(articles, errors)


def open_corpus(
    paths: Sequence[Path | str],
    settings: Settings,
    on_progress: Progress | None = None,
    store_aside: bool = False,
    on_step: Callable[[str], object] | None = None,
    on_count: Callable[[int, int], object] | None = None,
) -> Corpus:
    """Load, analyze and link in one call.

    An unchanged collection comes from the collection index without reading
    any cached analysis; one never linked before is linked from the digest
    store's rows where they hold what linking reads of an analysis, reading
    (or making) the other texts' analyses only. ``on_progress`` is called for
    those (see ``Analyzer.analyze``). With ``store_aside`` (a single-threaded
    caller: the command line), a newly linked collection is stored in the
    index by a forked child while the caller goes on; ``finish_storing`` waits
    for it. ``on_step`` is told each step of a link as it begins (``collection.STEPS``),
    ``on_count`` how far the first is when texts must be digested (``CollectionLinker.link``).

    Raises:
        ModelNotFound: some article is not cached and the model is not installed.
    """
    loaded = load_articles(paths, settings)
    return link_loaded(loaded, settings, on_progress, store_aside, on_step, on_count)


def link_loaded(
    loaded: LoadResult,
    settings: Settings,
    on_progress: Progress | None = None,
    store_aside: bool = False,
    on_step: Callable[[str], object] | None = None,
    on_count: Callable[[int, int], object] | None = None,
) -> Corpus:
    """``open_corpus`` for articles already loaded (``load_articles``): the same
    lookup, analysis and link, with the same arguments.

    Raises:
        ModelNotFound: some article is not cached and the model is not installed.
    """
    linker = CollectionLinker(settings, loaded.aliases)
    errors = list(loaded.errors)
    corpus = linker.lookup(loaded.articles, errors) if loaded.articles else None
    if corpus is None:
        analyzer = Analyzer(settings)
        # One corpus, made once and kept to the end: frozen out of the collector's sight.
        with paused_gc(freeze=True):
            # What linking reads of each analysis, from the digest store's compact rows
            # where they hold it; only the other texts' cached analyses are read.
            stored = linker.stored(loaded.articles)
            rest = stored.missing(loaded.articles)
            analyses = analyzer.analyze(rest, on_progress) if rest else {}
            errors.extend(
                LoadError(str(settings.cache_dir), w, fatal=False) for w in analyzer.warnings
            )
            analyses.update(stored.analyses)
            # Stories and repeated quotes are grouped on the second core while linking.
            corpus = linker.link(
                loaded.articles,
                analyses,
                errors,
                stored.digests,
                aside=True,
                on_step=on_step,
                on_count=on_count,
            )
            if store_aside:
                _storing.append(linker)
            else:
                linker.finish()
    corpus.errors.extend(
        LoadError(str(settings.cache_dir), w, fatal=False) for w in linker.warnings
    )
    return corpus
