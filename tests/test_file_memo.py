"""What article files loaded to, remembered while they are unchanged: the same articles,
never a stale one, never fatal."""

from __future__ import annotations

import dataclasses
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from reader.article_stream import stream_articles
from reader.config import Settings
from reader.loading import file_memo, load
from reader.loading.discover import discover
from reader.loading.file_memo import FileMemo
from reader.pipeline import load_articles

CORPUS = Path("/work/shared/corpus/ecbplus/topic-01")


@pytest.fixture
def remembers_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by a test count as settled: they are remembered at once."""
    monkeypatch.setattr(file_memo, "SETTLED_SECONDS", -60.0)


@pytest.fixture
def never_read(monkeypatch: pytest.MonkeyPatch):
    """Makes opening any article file an error (call it once the memo is filled)."""

    return lambda: monkeypatch.setattr(load, "load_file", _read)


def _read(path: Path, *args: object, **kwargs: object) -> object:
    raise AssertionError(f"a file was read: {path}")


class _Reads:
    """Notes the name of every file read from now on."""

    def __init__(self, patch: pytest.MonkeyPatch) -> None:
        self.files: set[str] = set()
        real = load.load_file

        def read(path: Path, *args: object, **kwargs: object) -> object:
            self.files.add(path.name)
            return real(path, *args, **kwargs)

        patch.setattr(load, "load_file", read)


def own_settings(settings: Settings, cache: Path) -> Settings:
    return dataclasses.replace(settings, cache_dir=cache)


def everything(result) -> list[tuple[object, ...]]:
    """The articles with their metadata (which their equality leaves out; as written, so
    that NaN is NaN and 1.0 is not 1), and the problems."""
    return [(a, repr(a.metadata)) for a in result.articles] + [tuple(result.errors)]


def write_settled(path: Path, text: str) -> Path:
    """``text`` written to ``path``, its times set back an hour."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    past = path.stat().st_mtime - 3600
    os.utime(path, (past, past))
    return path


#: Front matter values as YAML gives them: what a file's metadata can hold.
_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@hypothesis_settings(max_examples=15, deadline=None)
@given(
    metadata=st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True), _values, max_size=4),
    number=st.integers(0, 1),
)
def test_an_unchanged_collection_loads_from_the_memo_as_when_read(
    settings: Settings, seeds_dir: Path, seed_texts: list[str], metadata, number
):
    # Real news: the seeds, a topic of the corpus, an empty and a binary file, and a
    # seed under front matter of any values YAML can give.
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(file_memo, "SETTLED_SECONDS", -60.0)
        root = Path(folder)
        shutil.copytree(seeds_dir, root / "seeds")
        if CORPUS.is_dir():
            shutil.copytree(CORPUS, root / "topic")
        (root / "empty.txt").write_bytes(b"")
        (root / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
        front = yaml.safe_dump({"title": "A seed", **metadata}, allow_unicode=True)
        (root / "front.md").write_text(f"---\n{front}---\n\n{seed_texts[number]}", "utf-8")
        paths: list[Path | str] = [root]
        fresh = load_articles(paths, dataclasses.replace(settings, use_cache=False))
        cached = own_settings(settings, root / "cache")
        assert everything(load_articles(paths, cached)) == everything(fresh)  # read, kept
        read = _Reads(patch)
        assert everything(load_articles(paths, cached)) == everything(fresh)
        assert read.files <= {"front.md"}  # see the test below
        chunks = list(stream_articles(paths, cached, chunk_files=7))
        assert [a for c in chunks for a in c.articles] == fresh.articles
        assert [e for c in chunks for e in c.errors] == fresh.errors


def test_metadata_json_would_change_is_read_each_time(
    settings: Settings, tmp_path: Path, seed_texts: list[str], remembers_now, monkeypatch
):
    # NaN would come back as null, a number past 64 bits not at all: such a file is read.
    for name, value in (("nan.md", ".nan"), ("big.md", "1180591620717411303424")):
        front = f"---\ntitle: Odd\nscore: {value}\n---\n\n"
        write_settled(tmp_path / "news" / name, front + seed_texts[0])
    cached = own_settings(settings, tmp_path / "cache")
    first = load_articles([tmp_path / "news"], cached)
    read = _Reads(monkeypatch)
    again = load_articles([tmp_path / "news"], cached)
    assert read.files == {"nan.md", "big.md"}
    assert everything(again) == everything(first)
    assert [repr(a.metadata) for a in again.articles] == [
        "{'score': 1180591620717411303424}",
        "{'score': nan}",
    ]


def test_a_file_edited_in_place_is_read_again(
    settings: Settings, tmp_path: Path, seed_texts: list[str], remembers_now
):
    # The same size, its modification time put back as it was: its change time moved.
    path = write_settled(tmp_path / "story.txt", seed_texts[0])
    cached = own_settings(settings, tmp_path / "cache")
    assert load_articles([path], cached).articles[0].text.startswith(seed_texts[0][:40])
    before = path.stat()
    edited = "X" + seed_texts[0][1:]
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert load_articles([path], cached).articles[0].text.startswith("X")
    # Replaced by another file of the same name (a new inode), times and size alike.
    other = write_settled(tmp_path / "other.txt", "Y" + seed_texts[0][1:])
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    other.replace(path)
    assert load_articles([path], cached).articles[0].text.startswith("Y")


def test_a_file_changed_moments_ago_is_not_remembered(
    settings: Settings, tmp_path: Path, seed_texts: list[str], never_read
):
    path = tmp_path / "story.txt"
    path.write_text(seed_texts[1], encoding="utf-8")
    cached = own_settings(settings, tmp_path / "cache")
    first = load_articles([path], cached)
    memo = FileMemo(tmp_path / "cache")
    stamp = file_memo.stamp_of(path.stat())
    assert memo.recall([(str(path), "story.txt", stamp)]) == {}
    # Once it has settled, the next reading remembers it, and the one after reads nothing.
    past = path.stat().st_mtime - 3600
    os.utime(path, (past, past))
    later = FileMemo(tmp_path / "cache", clock=lambda: path.stat().st_ctime + 10)
    loaded = load.load_found(discover([path])[0], settings.max_bytes, memo=later)
    later.flush()
    assert loaded[0][0] == first.articles
    never_read()
    assert load_articles([path], cached).articles == first.articles


def test_a_damaged_store_is_rebuilt_with_a_warning(
    settings: Settings, tmp_path: Path, seeds_dir: Path, remembers_now, never_read
):
    cached = own_settings(settings, tmp_path / "cache")
    store = tmp_path / "cache" / "files.sqlite3"
    store.parent.mkdir()
    store.write_bytes(b"not a database at all" * 100)
    result = load_articles([seeds_dir], cached)
    assert len(result.articles) == 2
    (warning,) = result.errors
    assert not warning.fatal and warning.path == str(store)
    assert "the file store" in warning.message and "rebuilt" in warning.message
    assert "\n" not in warning.message
    never_read()
    again = load_articles([seeds_dir], cached)
    assert again.articles == result.articles and again.errors == []


def test_a_damaged_row_or_other_loader_code_is_a_miss(
    settings: Settings, tmp_path: Path, seeds_dir: Path, remembers_now, monkeypatch
):
    cached = own_settings(settings, tmp_path / "cache")
    read = load_articles([seeds_dir], cached)
    store = tmp_path / "cache" / "files.sqlite3"
    with sqlite3.connect(store) as db:
        names = [name for (name,) in db.execute("SELECT name FROM files ORDER BY name")]
        assert len(names) == 2
        wrong = b"[[[1, 2, 3, null, null, null, null, null, {}]], []]"  # numbers for texts
        db.execute("UPDATE files SET data = ? WHERE name = ?", (wrong, names[0]))
        db.execute("UPDATE files SET data = ? WHERE name = ?", (b"\xff{", names[1]))
    memo = FileMemo(tmp_path / "cache")
    found = discover([seeds_dir])[0]
    asked = [(str(f.path), f.id, f.stamp) for f in found]
    assert memo.recall(asked) == {}
    assert load_articles([seeds_dir], cached).articles == read.articles  # read, kept again
    assert len(FileMemo(tmp_path / "cache").recall(asked)) == 2
    monkeypatch.setattr(file_memo, "source_fingerprint", lambda roots: "other loader code")
    assert FileMemo(tmp_path / "cache").recall(asked) == {}
    # Read with the other code, each file's row is replaced: no row is left behind.
    assert load_articles([seeds_dir], cached).articles == read.articles
    assert len(FileMemo(tmp_path / "cache").recall(asked)) == 2
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM files").fetchone() == (2,)


def test_feeds_and_files_over_the_limit_are_read(
    settings: Settings, tmp_path: Path, seed_texts: list[str], remembers_now, data_dir: Path
):
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(data_dir / "feeds" / "world_news.rss", folder / "feed.rss")
    write_settled(folder / "story.txt", seed_texts[0])
    cached = own_settings(settings, tmp_path / "cache")
    whole = load_articles([folder], cached)
    assert len(whole.articles) > 1
    with sqlite3.connect(tmp_path / "cache" / "files.sqlite3") as db:
        (name,) = [name for (name,) in db.execute("SELECT name FROM files")]
    assert name.endswith("\0story.txt")  # the feed's items depend on the fetch settings
    small = dataclasses.replace(cached, max_bytes=100)
    result = load_articles([folder / "story.txt"], small)
    assert result.articles == [] and "too large" in result.errors[0].message


def test_the_oldest_rows_go_past_the_limit(
    tmp_path: Path, seed_texts: list[str], monkeypatch: pytest.MonkeyPatch, remembers_now
):
    monkeypatch.setattr(file_memo, "MAX_ROWS", 3)
    monkeypatch.setattr(file_memo, "BATCH", 2)
    paths = [write_settled(tmp_path / f"{n}.txt", seed_texts[n % 2]) for n in range(8)]
    found = discover(paths)[0]
    store = tmp_path / "cache" / "files.sqlite3"

    def kept() -> set[str]:
        with sqlite3.connect(store) as db:
            return {name.rsplit("\0", 1)[1] for (name,) in db.execute("SELECT name FROM files")}

    for part in (found[:2], found[2:4]):  # a reading each: the second counts the rows
        memo = FileMemo(tmp_path / "cache")
        load.load_found(part, 1 << 20, memo=memo)
        memo.flush()
    assert kept() == {"1.txt", "2.txt", "3.txt"} or kept() == {"0.txt", "2.txt", "3.txt"}
    memo = FileMemo(tmp_path / "cache")  # one reading that writes three times
    load.load_found(found[4:], 1 << 20, memo=memo)
    memo.flush()
    assert kept() == {"5.txt", "6.txt", "7.txt"} or kept() == {"4.txt", "6.txt", "7.txt"}


def test_without_a_cache_nothing_is_remembered(
    settings: Settings, tmp_path: Path, seeds_dir: Path, remembers_now
):
    bare = dataclasses.replace(settings, cache_dir=tmp_path / "cache", use_cache=False)
    assert len(load_articles([seeds_dir], bare).articles) == 2
    assert len([c for c in stream_articles([seeds_dir], bare)]) == 1
    assert not (tmp_path / "cache").exists()
