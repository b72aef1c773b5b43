"""Articles in chunks as they are read: the same result as loading them whole."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from reader.article_stream import at_least_files, stream_articles
from reader.config import Settings
from reader.pipeline import load_articles

CORPUS = Path("/work/shared/corpus/ecbplus")


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """Real news from the seeds and two topics of the corpus, a bad file, an alias file."""
    root = tmp_path_factory.mktemp("collection")
    shutil.copytree(seeds_dir, root / "seeds")
    for topic in ("topic-01", "topic-02"):
        if (CORPUS / topic).is_dir():
            shutil.copytree(CORPUS / topic, root / topic)
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (root / "aliases.yaml").write_text("- [unclosed\n", encoding="utf-8")
    return root


def joined(paths: list[Path | str], settings: Settings, chunk_files: int):
    chunks = list(stream_articles(paths, settings, chunk_files))
    articles = [a for c in chunks for a in c.articles]
    errors = [e for c in chunks for e in c.errors]
    return chunks, articles, errors


@hypothesis_settings(max_examples=8, deadline=None)
@given(chunk_files=st.integers(min_value=1, max_value=40))
def test_the_chunks_add_up_to_the_whole_load(collection: Path, settings: Settings, chunk_files):
    paths: list[Path | str] = [collection / "seeds", collection]
    whole = load_articles(paths, settings)
    chunks, articles, errors = joined(paths, settings, chunk_files)
    assert articles == whole.articles
    assert errors == whole.errors  # bad files and the broken alias file, in the same order
    assert any(e.fatal for e in errors) and any(e.path.endswith("aliases.yaml") for e in errors)
    assert chunks[-1].last and not any(c.last for c in chunks[:-1])
    assert chunks[-1].aliases == whole.aliases
    assert all(c.aliases is None for c in chunks[:-1])
    total = chunks[0].total
    assert [c.total for c in chunks] == [total] * len(chunks)
    files = [c.files for c in chunks]
    assert files == sorted(files) and files[-1] == total
    assert all(len(c.articles) <= chunk_files for c in chunks)  # one article per file here


@hypothesis_settings(max_examples=8, deadline=None)
@given(chunk_files=st.integers(min_value=1, max_value=40), stopped=st.integers(0, 60))
def test_a_reading_resumed_after_a_chunk_yields_the_chunks_after_it(
    collection: Path, settings: Settings, chunk_files, stopped
):
    # A reading that stopped midway (a failed child, a failed linking process) goes on
    # from the chunk after the last one delivered, never repeating an article.
    paths: list[Path | str] = [collection / "seeds", collection]
    chunks = list(stream_articles(paths, settings, chunk_files))
    delivered = chunks[: min(stopped, len(chunks) - 1)]
    after = delivered[-1].files if delivered else 0
    resumed = list(stream_articles(paths, settings, chunk_files, after))
    assert resumed == chunks[len(delivered) :]
    assert [a for c in delivered + resumed for a in c.articles] == [
        a for c in chunks for a in c.articles
    ]


def test_nothing_readable_is_one_last_chunk_with_the_reason(tmp_path: Path, settings: Settings):
    chunks, articles, errors = joined([tmp_path / "missing"], settings, 10)
    assert len(chunks) == 1 and chunks[0].last and articles == []
    assert [e.message for e in errors] == ["no such file or folder"]


def test_the_bundled_articles_when_no_path_is_given(settings: Settings):
    _, articles, _ = joined([], settings, 1)
    assert articles == load_articles([], settings).articles and articles


def test_the_quick_count_agrees_with_the_loader_on_plain_folders(collection: Path, settings):
    paths: list[Path | str] = [collection]  # (a file named twice would count twice)
    total = list(stream_articles(paths, settings))[-1].total
    assert total > 20
    assert at_least_files(paths, total) and at_least_files(paths, 1)
    assert not at_least_files(paths, total + 1)
    assert not at_least_files([collection / "missing"], 2)
