"""Analyzing articles: from the analysis cache, or with the spaCy pipeline here or in
the reader's analysis process; a text the model fails on is said, and the others go on."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from reader.analysis_process import AnalysisProcess
from reader.cache import AnalysisCache
from reader.collection_digests import COUNT_EVERY
from reader.config import Settings
from reader.digest_store import DigestStore, DigestWriter
from reader.gc_pause import paused_gc
from reader.model import Analysis, Article, LoadError
from reader.nlp import ModelIdentity, model_identity

if TYPE_CHECKING:
    from spacy.language import Language

#: ``(done, total, article_id, analysis)``, told after each article is analyzed.
Progress = Callable[[int, int, str, Analysis], None]


def not_analyzed(article: Article, reason: str) -> LoadError:
    """The load problem of an article whose text the model failed on (a warning: it is
    kept, with its text, and nothing found in it)."""
    return LoadError(article.path, f"not analyzed ({reason}): no names or quotes from it", False)


class TextNotAnalyzed(RuntimeError):
    """The model failed on an article's text: its path and why, in one line."""


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
        self,
        articles: Sequence[Article],
        on_progress: Progress | None = None,
        on_failure: Callable[[Article, str], object] | None = None,
    ) -> dict[str, Analysis]:
        """Analyses of ``articles`` by id, from the cache or one ``nlp.pipe`` pass.

        Args:
            articles: the articles to analyze.
            on_progress: called as ``(done, total, article_id, analysis)`` after
                each article, cached ones first, then the others shortest first;
                may run in a worker thread. An article that failed counts as done.
            on_failure: called as ``(article, reason)`` for an article whose text the
                model failed on (``reason``: one line); it is left out of the result
                and of the cache, and the others go on.

        Raises:
            TextNotAnalyzed: a text failed and no ``on_failure`` was given.
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
            for index, outcome in self._passes(texts):
                text = texts[index]
                if isinstance(outcome, str):
                    done += len(pending[text])
                    for article in pending[text]:
                        if on_failure is None:
                            raise TextNotAnalyzed(f"{article.path}: {outcome}")
                        on_failure(article, outcome)
                    continue
                self.store(text, outcome)
                for article in pending[text]:
                    results[article.id] = outcome
                    done += 1
                    if on_progress is not None:
                        on_progress(done, total, article.id, outcome)
        finally:
            self.flush()
        return {a.id: results[a.id] for a in articles if a.id in results}

    def _passes(self, texts: Sequence[str]) -> Iterator[tuple[int, Analysis | str]]:
        """``(index, outcome)`` of each of ``texts`` as it is done, here or elsewhere: its
        analysis, or why the model failed on it (one line)."""
        if self._elsewhere is not None:
            _ = self.identity  # a model not installed is said here, as for a pipeline here
            return self._elsewhere.analyze(texts)
        from reader.batch import iter_outcomes

        return iter_outcomes(self.pipeline(), texts)

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
