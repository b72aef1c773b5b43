"""The model layer's front door: files → articles → analyses → corpus.

Each stage is its own call so a UI can show text at once and analyze in the
background; ``open_corpus`` runs them all for the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reader import loading
from reader.analyzer import Analyzer, Progress, TextNotAnalyzed, not_analyzed
from reader.collection import CollectionLinker
from reader.collection_digests import RowsAhead
from reader.config import Settings
from reader.gc_pause import paused_gc
from reader.linking import AliasTable, load_aliases
from reader.loading.file_memo import FileMemo
from reader.model import Analysis, Article, Corpus, LoadError
from reader.nlp import ModelNotFound
from reader.resources import bundled_articles_dir

LoadResult = loading.LoadResult

__all__ = [
    "Analyzer",
    "LoadResult",
    "ModelNotFound",
    "Progress",
    "TextNotAnalyzed",
    "build_corpus",
    "load_articles",
    "lookup_corpus",
    "not_analyzed",
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
    result = loading.load_articles(chosen, settings.max_bytes, web, file_memo(settings))
    result.aliases, warnings = load_alias_files(chosen, settings)
    result.errors.extend(warnings)
    return result


def file_memo(settings: Settings) -> FileMemo | None:
    """What files loaded to before, remembered in the cache (none without a cache)."""
    return FileMemo(settings.cache_dir) if settings.use_cache else None


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
    # Imported here: the stream reads through this module's loaders.
    from reader.stream_aside import read_aside

    # The files are read on the second core while this one reads their digest rows
    # (needed unless the index holds the collection: read only while waiting anyway).
    linker = CollectionLinker(settings)
    rows = RowsAhead(linker.stored)
    loaded = LoadResult()
    # The articles and rows stay to the end: frozen out of the collector's sight.
    with paused_gc(freeze=True):
        for chunk in read_aside(paths, settings, rows.step):
            loaded.articles += chunk.articles
            loaded.errors += chunk.errors
            loaded.aliases = chunk.aliases
            rows.add(chunk.articles)
    linker.aliases = loaded.aliases
    return _linked(linker, rows, loaded, settings, on_progress, store_aside, on_step, on_count)


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
    rows = RowsAhead(linker.stored)
    return _linked(linker, rows, loaded, settings, on_progress, store_aside, on_step, on_count)


def _linked(
    linker: CollectionLinker,
    rows: RowsAhead,
    loaded: LoadResult,
    settings: Settings,
    on_progress: Progress | None,
    store_aside: bool,
    on_step: Callable[[str], object] | None,
    on_count: Callable[[int, int], object] | None,
) -> Corpus:
    """``link_loaded`` with its linker, and the digest rows read so far (``rows``)."""
    errors = list(loaded.errors)
    corpus = linker.lookup(loaded.articles, errors) if loaded.articles else None
    if corpus is None:
        analyzer = Analyzer(settings)
        # One corpus, made once and kept to the end: frozen out of the collector's sight.
        with paused_gc(freeze=True):
            # What linking reads of each analysis, from the digest store's compact rows
            # where they hold it; only the other texts' cached analyses are read.
            stored = rows.result(loaded.articles)
            rest = stored.missing(loaded.articles)

            def failed(article: Article, reason: str) -> None:  # kept, and said
                errors.append(not_analyzed(article, reason))

            analyses = analyzer.analyze(rest, on_progress, failed) if rest else {}
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
