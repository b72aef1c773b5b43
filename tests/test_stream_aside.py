"""Articles read on the second core: the same chunks as reading them here, with the
digest rows read meanwhile, and the reading taken over here when the child fails."""

from __future__ import annotations

import os
import pickle
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from reader import aside, stream_aside
from reader.article_stream import LoadChunk, stream_articles
from reader.collection import CollectionLinker
from reader.collection_digests import RowsAhead, StoredTexts
from reader.config import Settings
from reader.export import dumps
from reader.model import Analysis, Article
from reader.pipeline import open_corpus


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """Real news (the seeds and the quote tests' texts), a bad file, an alias file."""
    root = tmp_path_factory.mktemp("aside")
    shutil.copytree(data_dir / "seeds", root / "seeds")
    shutil.copytree(data_dir / "quotes_texts", root / "texts")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (root / "aliases.yaml").write_text("- [unclosed\n", encoding="utf-8")
    return root


class Forks:
    """``os.fork`` recorded (the children this process made), and the chunks this
    process read itself."""

    def __init__(self, patch: pytest.MonkeyPatch) -> None:
        self.children: list[int] = []
        self.here: list[LoadChunk] = []
        fork, here = os.fork, stream_aside._here

        def recorded_fork() -> int:
            pid = fork()
            if pid:
                self.children.append(pid)
            return pid

        def recorded_here(*args, **kwargs) -> Iterator[LoadChunk]:
            for chunk in here(*args, **kwargs):
                self.here.append(chunk)
                yield chunk

        patch.setattr(os, "fork", recorded_fork)
        patch.setattr(stream_aside, "_here", recorded_here)
        # Whatever threads the test runner keeps and however busy the machine, forking
        # is allowed here, and these few files are enough to fork for.
        patch.setattr(aside, "can_fork", lambda busy=False: True)
        patch.setattr(stream_aside, "ASIDE_FROM_FILES", 2)


def read(paths: list[Path | str], settings: Settings, chunk_files: int, **options):
    return list(stream_aside.read_aside(paths, settings, chunk_files=chunk_files, **options))


def reaped(pid: int) -> bool:
    """Whether ``pid`` is no child of this process any more (waited for already)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@hypothesis_settings(max_examples=6, deadline=None)
@given(chunk_files=st.integers(min_value=1, max_value=30))
def test_the_child_sends_the_chunks_reading_here_makes(
    collection: Path, settings: Settings, chunk_files: int
) -> None:
    paths: list[Path | str] = [collection / "seeds", collection]
    here = list(stream_articles(paths, settings, chunk_files))
    with pytest.MonkeyPatch.context() as patch:
        forks = Forks(patch)
        got = read(paths, settings, chunk_files)
    assert len(forks.children) == 1 and reaped(forks.children[0])
    assert forks.here == []  # every chunk came from the child
    assert got == here  # articles, problems, counts, alias table
    assert any(e.fatal for c in here for e in c.errors) and here[-1].aliases is not None


def test_without_a_fork_the_files_are_read_here(
    collection: Path, settings: Settings, monkeypatch
) -> None:
    forks = Forks(monkeypatch)
    monkeypatch.setattr(aside, "can_fork", lambda busy=False: False)  # no idle core, say
    got = read([collection], settings, 10)
    assert forks.children == [] and got == forks.here
    assert got == list(stream_articles([collection], settings, 10))
    # And a few files are read here: a fork would cost more than it saves.
    monkeypatch.setattr(aside, "can_fork", lambda busy=False: True)
    monkeypatch.setattr(stream_aside, "ASIDE_FROM_FILES", 54)
    assert read([collection], settings, 10) == got
    assert forks.children == []
    monkeypatch.setattr(stream_aside, "ASIDE_FROM_FILES", 53)  # the seeds, texts, binary
    assert read([collection], settings, 10) == got
    assert len(forks.children) == 1 and len(forks.here) == 2 * len(got)


def test_each_chunk_comes_with_its_pickle_as_the_child_sent_it(
    collection: Path, settings: Settings, monkeypatch
) -> None:
    # The reader's linking process sends the chunks on to the screen as they came.
    forks = Forks(monkeypatch)
    monkeypatch.setattr(stream_aside, "stream_articles", slowed(0, fail_after=2))
    got = list(stream_aside.read_aside_pickled([collection], settings, chunk_files=3))
    assert [chunk for chunk, _ in got] == list(stream_articles([collection], settings, 3))
    sent = [pickle.loads(data) for _, data in got[:2] if data is not None]
    assert sent == [chunk for chunk, _ in got[:2]]
    # What this process read itself, once the child failed, it pickles itself if need be.
    assert [data for _, data in got[2:]] == [None] * (len(got) - 2) and forks.here


def test_beside_a_busy_screen_the_files_are_read_aside_on_any_second_core(
    collection: Path, settings: Settings, monkeypatch
) -> None:
    can_fork = aside.can_fork
    forks = Forks(monkeypatch)
    monkeypatch.setattr(aside, "can_fork", can_fork)
    monkeypatch.setattr(aside, "idle_core", lambda: False)  # the screen takes one
    monkeypatch.setattr(aside, "_other_threads", lambda: False)  # the test runner's
    monkeypatch.setattr(aside, "_cores", lambda: 2)
    assert read([collection], settings, 10) and forks.children == []
    got = list(stream_aside.read_aside_pickled([collection], settings, chunk_files=10))
    assert forks.children == [] and {data for _, data in got} == {None}
    got = list(
        stream_aside.read_aside_pickled([collection], settings, chunk_files=10, when_busy=True)
    )
    assert len(forks.children) == 1 and None not in {data for _, data in got}
    monkeypatch.setattr(aside, "_cores", lambda: 1)  # no second core at all
    assert list(stream_aside.read_aside_pickled([collection], settings, 10, when_busy=True))
    assert len(forks.children) == 1


def slowed(pause: float, fail_after: int | None = None):
    """``stream_articles`` as the child runs it: ``pause`` seconds before each chunk, and
    (``fail_after``) an error after that many chunks. This process reads as usual."""
    parent = os.getpid()

    def stream(*args, **kwargs) -> Iterator[LoadChunk]:
        for number, chunk in enumerate(stream_articles(*args, **kwargs)):
            if os.getpid() != parent:
                if number == fail_after:
                    raise OSError("the disk went away")
                time.sleep(pause)
            yield chunk

    return stream


def test_idle_work_is_done_while_the_next_chunk_is_read(
    collection: Path, settings: Settings, monkeypatch
) -> None:
    forks = Forks(monkeypatch)
    monkeypatch.setattr(stream_aside, "stream_articles", slowed(0.05))
    work = iter(range(3))  # three pieces of work, then none
    done: list[int] = []

    def idle() -> bool:
        piece = next(work, None)
        if piece is None:
            return False
        done.append(piece)
        return True

    got = read([collection / "seeds"], settings, 1, idle=idle)
    assert done == [0, 1, 2]  # done while the child took its time, and never more
    assert got == list(stream_articles([collection / "seeds"], settings, 1))
    assert forks.children and forks.here == []


def test_a_child_failing_midway_leaves_the_rest_to_this_process(
    collection: Path, settings: Settings, monkeypatch
) -> None:
    forks = Forks(monkeypatch)
    monkeypatch.setattr(stream_aside, "stream_articles", slowed(0, fail_after=2))
    paths: list[Path | str] = [collection]
    got = read(paths, settings, 3)
    here = list(stream_articles(paths, settings, 3))
    assert got == here and len(here) > 3
    # The first two from the child, the rest read here.
    assert forks.here == here[2:]
    assert reaped(forks.children[0])


def test_a_caller_stopping_early_ends_the_child(
    collection: Path, settings: Settings, monkeypatch
) -> None:
    forks = Forks(monkeypatch)
    monkeypatch.setattr(stream_aside, "stream_articles", slowed(0.05))
    chunks = stream_aside.read_aside([collection / "seeds"], settings, chunk_files=1)
    first = next(chunks)
    assert first.articles and forks.here == []
    chunks.close()
    assert reaped(forks.children[0])


def article(number: int, text: str = "Officials in Kyiv said so.") -> Article:
    return Article(f"a{number}", f"a{number}.txt", text)


class Store:
    """A stand-in for ``CollectionLinker.stored``: rows for even-numbered articles."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def __call__(self, articles) -> StoredTexts:
        self.asked.append([a.id for a in articles])
        found = StoredTexts({}, {})
        for a in articles:
            if int(a.id[1:]) % 2 == 0:
                found.analyses[a.id] = Analysis(())
                found.digests[a.id] = f"digest of {a.text}"  # type: ignore[assignment]
        return found


def test_rows_read_ahead_answer_as_reading_them_all_at_once() -> None:
    store = Store()
    rows = RowsAhead(store, step=4)
    articles = [article(n) for n in range(10)]
    rows.add(articles[:6])
    assert rows.step() and rows.step() and not rows.step()
    assert store.asked == [["a0", "a1", "a2", "a3"], ["a4", "a5"]]
    rows.add(articles[6:])
    answer = rows.result(articles)
    assert store.asked[2:] == [["a6", "a7", "a8", "a9"]]  # only those not read ahead
    whole = Store()(articles)
    assert answer == whole and list(answer.analyses) == list(whole.analyses)


def test_rows_read_ahead_for_another_text_are_read_again() -> None:
    # An article read ahead, then asked for with another text (or not asked for at all).
    store = Store()
    rows = RowsAhead(store)
    rows.add([article(0), article(2)])
    assert rows.step()
    edited = article(2, "Officials in Moscow said otherwise.")
    answer = rows.result([article(4), edited])
    assert store.asked[1] == ["a4", "a2"]
    assert answer.digests == {
        "a4": "digest of Officials in Kyiv said so.",
        "a2": "digest of Officials in Moscow said otherwise.",
    }


def test_an_export_read_on_two_cores_is_the_export_read_on_one(
    settings: Settings, seeds_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    # The seeds in many editions (the same texts, so their analyses are cached once):
    # several chunks, their rows read while the child reads on.
    folder = tmp_path / "editions"
    for edition in range(60):
        shutil.copytree(seeds_dir, folder / f"{edition:02}")
    monkeypatch.setattr(CollectionLinker, "lookup", lambda self, articles, errors: None)
    ahead = RowsAhead.step
    steps: list[bool] = []

    def step(self: RowsAhead) -> bool:
        steps.append(ahead(self))
        return steps[-1]

    monkeypatch.setattr(RowsAhead, "step", step)
    monkeypatch.setattr(stream_aside, "stream_articles", slowed(0.02))
    monkeypatch.setattr(aside, "can_fork", lambda busy=False: False)
    one = open_corpus([folder], settings)
    assert steps == []  # read here: nothing is read ahead
    forks = Forks(monkeypatch)
    two = open_corpus([folder], settings)
    assert forks.children and any(steps)
    assert len(two.articles) == 120 and two.entities
    assert dumps(two) == dumps(one)
