"""The collection index: reopening is a lookup, any change a miss, damage no error."""

from __future__ import annotations

import shutil
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from reader import cache as cache_module
from reader import gc_pause
from reader.collection import LINKING_ROOTS, CollectionLinker
from reader.collection_index import CollectionIndex, decode, encode
from reader.corpus_wire import corpus_frames
from reader.export import corpus_to_dict
from reader.fingerprint import import_closure, source_fingerprint
from reader.pipeline import load_articles, open_corpus


@pytest.fixture
def private(settings, tmp_path: Path):
    """Settings whose collection index is this test's own (the analysis cache stays shared)."""
    index_home = tmp_path / "index-home"
    index_home.mkdir()
    (index_home / "analysis").symlink_to(settings.cache_dir / "analysis", target_is_directory=True)
    (settings.cache_dir / "analysis").mkdir(parents=True, exist_ok=True)
    return replace(settings, cache_dir=index_home)


@pytest.fixture
def news(seeds_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for path in seeds_dir.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


def _no_analysis_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self, text):
        raise AssertionError("an analysis was read from the cache")

    monkeypatch.setattr(cache_module.AnalysisCache, "get", refuse)


def test_reopening_an_unchanged_collection_reads_no_analysis(
    private, news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_corpus([news], private)
    assert (private.cache_dir / "collections.sqlite3").is_file()
    _no_analysis_reads(monkeypatch)
    again = open_corpus([news], private)
    assert corpus_to_dict(again) == corpus_to_dict(first)
    peskov = next(e for e in again.entities if e.name == "Dmitry Peskov")
    assert {m.text for m in peskov.mentions} >= {"Dmitry Peskov"}


def test_a_changed_article_is_relinked_not_served_stale(
    private, news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_corpus([news], private)
    article = sorted(news.glob("*.txt"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nAngela Merkel visited Kyiv.\n")
    changed = open_corpus([news], private)
    assert any(e.name == "Angela Merkel" for e in changed.entities)
    # And the new collection is stored in its turn.
    _no_analysis_reads(monkeypatch)
    assert any(e.name == "Angela Merkel" for e in open_corpus([news], private).entities)


def test_an_alias_file_changes_the_key(private, news: Path) -> None:
    open_corpus([news], private)
    (news / "aliases.yaml").write_text("merge:\n  - [Kremlin, Dmitry Peskov]\n")
    merged = open_corpus([news], private)
    kremlin = next(e for e in merged.entities if "Kremlin" in e.aliases)
    assert "Dmitry Peskov" in kremlin.aliases


def test_a_damaged_index_file_is_rebuilt(private, news: Path) -> None:
    first = open_corpus([news], private)
    index_file = private.cache_dir / "collections.sqlite3"
    index_file.write_bytes(b"this is not a database" * 100)
    again = open_corpus([news], private)
    assert corpus_to_dict(again)["entities"] == corpus_to_dict(first)["entities"]
    assert any("collection index" in e.message and not e.fatal for e in again.errors)
    # Rebuilt: the next open finds the collection again and says nothing.
    third = open_corpus([news], private)
    assert not any("collection index" in e.message for e in third.errors)


def test_holds_says_whether_exactly_these_articles_are_stored(private, news: Path) -> None:
    loaded = load_articles([news], private)
    linker = CollectionLinker(private, loaded.aliases)
    assert not linker.holds(loaded.articles)
    open_corpus([news], private)
    assert linker.holds(loaded.articles)
    assert not linker.holds(loaded.articles[:1])
    retitled = [replace(loaded.articles[0], title="Another title"), *loaded.articles[1:]]
    assert not linker.holds(retitled)
    # A damaged index holds nothing, and says so once; it is rebuilt.
    (private.cache_dir / "collections.sqlite3").write_bytes(b"not a database" * 100)
    assert not linker.holds(loaded.articles)
    assert any("collection index" in warning for warning in linker.warnings)


def test_a_damaged_row_is_a_miss(private, news: Path) -> None:
    loaded = load_articles([news], private)
    linker = CollectionLinker(private, loaded.aliases)
    assert linker.lookup(loaded.articles, []) is None
    open_corpus([news], private)
    assert linker.lookup(loaded.articles, []) is not None
    index = CollectionIndex(private.cache_dir / "collections.sqlite3")
    key = linker._key(loaded.articles)
    assert key is not None
    with index.connect() as db:
        db.execute("UPDATE collections SET data = ? WHERE key = ?", (b"\x00garbage", key))
    assert linker.lookup(loaded.articles, []) is None


@pytest.mark.parametrize(
    ("damage", "splits"),
    [
        pytest.param(lambda framed: framed[:-7], False, id="cut short"),
        pytest.param(lambda framed: b"\xff\xff\xff\xff" + framed, False, id="length past the end"),
        pytest.param(
            lambda framed: (5).to_bytes(4, "big") + b"[1,2]" + framed,
            True,
            id="frame of another layout",
        ),
    ],
)
def test_a_row_that_decompresses_but_is_not_frames_of_rows_is_a_miss(
    private, news: Path, damage, splits: bool
) -> None:
    loaded = load_articles([news], private)
    linker = CollectionLinker(private, loaded.aliases)
    open_corpus([news], private)
    index = CollectionIndex(private.cache_dir / "collections.sqlite3")
    key = linker._key(loaded.articles)
    assert key is not None
    frames = index.get_frames(key)
    assert frames and linker.lookup(loaded.articles, []) is not None
    framed = damage(b"".join(len(f).to_bytes(4, "big") + f for f in frames))
    with index.connect() as db:
        db.execute("UPDATE collections SET data = ? WHERE key = ?", (zlib.compress(framed), key))
    # Frames that split are sent on as they are (the reader refuses what it cannot
    # decode); a row that does not split is a miss for the linking process too.
    assert (index.get_frames(key) is not None) == splits
    assert linker.lookup(loaded.articles, []) is None


def test_a_stored_collection_is_its_frames_as_the_reader_is_sent_them(private, news: Path) -> None:
    # Sent on unparsed: what the index holds is what the reader decodes, frame by frame.
    corpus = open_corpus([news], private)
    linker = CollectionLinker(private, load_articles([news], private).aliases)
    frames = linker.lookup_frames(corpus.articles)
    assert frames is not None and len(frames) > 1
    assert [*frames, b'["end",{}]'] == list(corpus_frames(corpus))


def test_no_cache_means_no_index(settings, news: Path, tmp_path: Path) -> None:
    uncached = replace(settings, use_cache=False, cache_dir=tmp_path / "nothing")
    assert open_corpus([news], uncached).entities
    assert not (tmp_path / "nothing").exists()


def test_stored_form_round_trips_the_seeds(settings, seeds_dir: Path) -> None:
    corpus = open_corpus([seeds_dir], settings)
    stored = encode(corpus.articles, corpus)
    again = decode(stored, corpus.articles, corpus.errors, corpus.model)
    assert again.entities == corpus.entities
    assert again.quotes == corpus.quotes
    assert again.stories == corpus.stories and again.stories
    assert again.quote_groups == corpus.quote_groups


def test_the_linking_fingerprint_follows_the_import_closure() -> None:
    files = {p.as_posix() for p in import_closure(LINKING_ROOTS)}
    assert any(f.endswith("reader/linking/link.py") for f in files)
    assert any(f.endswith("reader/names.py") for f in files)
    assert any(f.endswith("reader/corpus.py") for f in files)
    assert not any("/ui/" in f for f in files)
    assert source_fingerprint(LINKING_ROOTS) != source_fingerprint(("reader.model",))


def test_adding_an_article_digests_only_that_article(
    private, news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader import collection_digests, digest_store
    from reader.corpus import link_corpus
    from reader.pipeline import Analyzer

    open_corpus([news], private)
    made: list[str] = []
    for module in (collection_digests, digest_store):
        real = module.digest_article

        def counting(article, analysis, real=real):
            made.append(article.text)
            return real(article, analysis)

        monkeypatch.setattr(module, "digest_article", counting)
    # A new process: nothing in memory, the digests come from the store.
    monkeypatch.setattr(collection_digests, "_memo", {})
    extra = "Olaf Scholz met Volodymyr Zelenskiy in Kyiv on Monday.\n"
    (news / "extra.txt").write_text(extra)
    loaded = load_articles([news], private)
    analyses = Analyzer(private).analyze(loaded.articles)
    linked = CollectionLinker(private, loaded.aliases).link(loaded.articles, analyses, [])
    # Once: when analyzed, or (its analysis already cached) when first linked.
    assert made == [extra]
    scratch = link_corpus(loaded.articles, analyses, [], linked.model, loaded.aliases)
    assert corpus_to_dict(linked) == corpus_to_dict(scratch)
    zelenskiy = next(e for e in linked.entities if "Zelenskiy" in e.name)
    assert "extra.txt" in zelenskiy.article_ids


def test_a_retitled_article_is_a_new_collection(private, news: Path) -> None:
    open_corpus([news], private)
    loaded = load_articles([news], private)
    linker = CollectionLinker(private, loaded.aliases)
    assert linker.lookup(loaded.articles, []) is not None
    retitled = [replace(loaded.articles[0], title="Another headline"), *loaded.articles[1:]]
    # Same texts, so the same analyses, but stories are titled by the articles' titles.
    assert linker.lookup(retitled, []) is None


def test_the_collector_is_paused_while_linking_and_runs_again_after(
    private, news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from reader import collection

    seen: list[bool] = []
    real = collection.corpus_stages

    def watching(*args, **kwargs):
        # Whether the collector ran while each stage was made.
        for stage in real(*args, **kwargs):
            seen.append(gc.isenabled())
            yield stage

    monkeypatch.setattr(collection, "corpus_stages", watching)
    assert gc.isenabled()
    open_corpus([news], private)
    assert seen == [False, False]
    assert gc.isenabled()
    # Nested and failing pauses alike leave it as it was.
    with pytest.raises(RuntimeError), gc_pause.paused_gc():
        with gc_pause.paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
        raise RuntimeError("linking failed")
    assert gc.isenabled()


def test_only_a_pause_that_asks_for_it_freezes_what_is_alive() -> None:
    import gc

    gc.unfreeze()
    try:
        with gc_pause.paused_gc():
            kept = [object() for _ in range(10)]
        assert gc.get_freeze_count() == 0  # a UI's widgets stay collectable
        # Asked by an outer or an inner pause: frozen once the last one ends.
        with gc_pause.paused_gc(freeze=True):
            with gc_pause.paused_gc():
                kept.append(object())
            assert gc.get_freeze_count() == 0 and not gc.isenabled()
        assert gc.get_freeze_count() > 0 and gc.isenabled()
        gc.unfreeze()
        with gc_pause.paused_gc():
            with gc_pause.paused_gc(freeze=True):
                pass
            assert gc.get_freeze_count() == 0
        assert gc.get_freeze_count() > 0 and gc.isenabled()
        # The next pause starts afresh: no freeze unless asked again.
        gc.unfreeze()
        with gc_pause.paused_gc():
            pass
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def test_a_run_hashes_each_text_once_and_a_changed_text_again(
    private, news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed: list[str] = []
    real = cache_module.AnalysisCache.key

    def counting(self, text):
        hashed.append(text)
        return real(self, text)

    texts = [article.text for article in open_corpus([news], private).articles]
    (private.cache_dir / "collections.sqlite3").unlink()
    monkeypatch.setattr(cache_module.AnalysisCache, "key", counting)
    # Looked up (a miss), its rows read, linked and stored: one hash per text for all.
    open_corpus([news], private)
    assert sorted(hashed) == sorted(texts)
    loaded = load_articles([news], private)
    linker = CollectionLinker(private, loaded.aliases)
    hashed.clear()
    assert linker.lookup(loaded.articles, []) is not None
    assert linker.lookup(loaded.articles, []) is not None
    assert sorted(hashed) == sorted(texts)
    # The same article id with another text is hashed anew, never taken for the old one.
    first = loaded.articles[0]
    edited = [replace(first, text=first.text + "\nAngela Merkel visited Kyiv.\n")]
    hashed.clear()
    assert linker.lookup([*edited, *loaded.articles[1:]], []) is None
    assert hashed == [edited[0].text]
