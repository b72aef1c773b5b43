"""The digest store: made when texts are analyzed, shared by every collection, damage no error."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from reader import collection_digests
from reader.collection import STEPS, CollectionLinker
from reader.corpus import link_corpus
from reader.digest_store import DigestStore, decode, encode
from reader.export import corpus_to_dict
from reader.linking import digest_article
from reader.pipeline import Analyzer, load_articles


@pytest.fixture
def private(settings, tmp_path: Path):
    """Settings with this test's own digest store and index (the analysis cache is shared)."""
    home = tmp_path / "home"
    home.mkdir()
    (settings.cache_dir / "analysis").mkdir(parents=True, exist_ok=True)
    (home / "analysis").symlink_to(settings.cache_dir / "analysis", target_is_directory=True)
    return replace(settings, cache_dir=home)


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A process with nothing in memory; the paths of the articles linking digests."""
    monkeypatch.setattr(collection_digests, "_memo", {})
    made: list[str] = []
    real = collection_digests.digest_article

    def counting(article, analysis):
        made.append(article.path)
        return real(article, analysis)

    monkeypatch.setattr(collection_digests, "digest_article", counting)
    return made


def _analyzed(settings, folder: Path):
    loaded = load_articles([folder], settings)
    return loaded, Analyzer(settings).analyze(loaded.articles)


def test_stored_digests_serve_a_collection_never_linked(
    private, seeds_dir: Path, tmp_path: Path, fresh: list[str]
) -> None:
    loaded, analyses = _analyzed(private, seeds_dir)
    analyzer = Analyzer(private)
    for article in loaded.articles:  # what analyzing the texts leaves behind
        analyzer.store(article.text, analyses[article.id])
    analyzer.flush()
    # The same texts under other names, in a folder never opened: no digest is made.
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    for number, path in enumerate(sorted(seeds_dir.glob("*.txt"))):
        shutil.copy(path, renamed / f"copy-{number}.txt")
    loaded, analyses = _analyzed(private, renamed)
    linked = CollectionLinker(private, loaded.aliases).link(loaded.articles, analyses, [])
    assert fresh == []
    assert linked.entities and not linked.errors
    scratch = link_corpus(loaded.articles, analyses, [], linked.model, loaded.aliases)
    assert corpus_to_dict(linked) == corpus_to_dict(scratch)


def test_a_damaged_store_is_rebuilt_with_a_warning(
    private, seeds_dir: Path, fresh: list[str]
) -> None:
    loaded, analyses = _analyzed(private, seeds_dir)
    (private.cache_dir / "digests.sqlite3").write_bytes(b"not a database at all" * 100)
    linker = CollectionLinker(private, loaded.aliases)
    linked = linker.link(loaded.articles, analyses, [])
    assert len(fresh) == len(loaded.articles)
    assert any("digest store" in w and "rebuilt" in w for w in linker.warnings)
    scratch = link_corpus(loaded.articles, analyses, [], linked.model, loaded.aliases)
    assert corpus_to_dict(linked) == corpus_to_dict(scratch)


def test_a_damaged_row_is_made_again(private, seeds_dir: Path, fresh: list[str]) -> None:
    loaded, analyses = _analyzed(private, seeds_dir)
    CollectionLinker(private, loaded.aliases).link(loaded.articles, analyses, [])
    store = DigestStore(private.cache_dir)
    cache = Analyzer(private).cache
    assert cache is not None
    first = loaded.articles[0]
    key = store.key(cache.key(first.text))
    stored = store.get([key])[key]
    assert decode(stored, first.id) == digest_article(first, analyses[first.id])
    store.put({key: stored[: len(stored) // 2]})
    collection_digests._memo.clear()
    (private.cache_dir / "collections.sqlite3").unlink()
    fresh.clear()
    linked = CollectionLinker(private, loaded.aliases).link(loaded.articles, analyses, [])
    assert fresh == [first.path]
    assert decode(store.get([key])[key], first.id) == digest_article(first, analyses[first.id])
    scratch = link_corpus(loaded.articles, analyses, [], linked.model, loaded.aliases)
    assert corpus_to_dict(linked) == corpus_to_dict(scratch)


def test_encoded_digests_decode_under_any_id(settings, seeds_dir: Path) -> None:
    loaded = load_articles([seeds_dir], settings)
    analyses = Analyzer(settings).analyze(loaded.articles)
    for article in loaded.articles:
        digest = digest_article(article, analyses[article.id])
        again = decode(encode(digest), "elsewhere.txt")
        assert again == replace(digest, article="elsewhere.txt")
    assert decode(b"\x00garbage", "a") is None
    assert decode(None, "a") is None


def test_rows_of_two_versions_are_kept_and_a_third_drops_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from reader import digest_store

    def store(code: str) -> DigestStore:
        monkeypatch.setattr(digest_store, "linking_fingerprint", lambda: code)
        return DigestStore(tmp_path)

    old = store("old code")
    old.put({old.key("a"): b"1", old.key("b"): b"2"})
    old.put({old.key("c"): b"3"})  # the same code never drops its own rows
    assert len(old.get([old.key(k) for k in "abc"])) == 3
    new = store("new code")
    assert new.key("a") != old.key("a")
    new.put({new.key("a"): b"4"})
    # Two versions used in turn keep each other's rows.
    assert len(old.get([old.key(k) for k in "abc"])) == 3
    store("old code").put({old.key("d"): b"5"})
    assert new.get([new.key("a")]) == {new.key("a"): b"4"}
    third = store("third code")
    third.put({third.key("a"): b"6"})
    # An update past those two leaves no dead rows.
    assert old.get([old.key(k) for k in "abcd"]) == {} and new.get([new.key("a")]) == {}
    assert third.get([third.key("a")]) == {third.key("a"): b"6"}


def test_texts_digested_anew_are_counted_and_stored_ones_are_not(
    settings, private, seeds_dir: Path, fresh: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collection_digests, "COUNT_EVERY", 1)
    # Analyzed with the shared store: this test's own holds no digest.
    loaded, analyses = _analyzed(settings, seeds_dir)
    total = len(loaded.articles)
    counts: list[tuple[int, int]] = []
    steps: list[str] = []

    def link() -> None:
        linker = CollectionLinker(private, loaded.aliases)
        linker.link(
            loaded.articles,
            analyses,
            [],
            on_step=steps.append,
            on_count=lambda done, of: counts.append((done, of)),
        )

    # No digest stored (the cache was filled without them): each is made, and counted
    # from the first step's start to its end.
    link()
    assert len(fresh) == total
    assert counts == [(done, total) for done in range(total + 1)]
    assert steps[0] == STEPS[0]
    # Now stored (in the store, not in memory): read, not made, and nothing is counted.
    counts.clear()
    monkeypatch.setattr(collection_digests, "_memo", {})
    (private.cache_dir / "collections.sqlite3").unlink()
    link()
    assert len(fresh) == total and counts == []
