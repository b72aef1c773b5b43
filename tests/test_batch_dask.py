"""`reader analyze --scheduler` on a real local Dask cluster (two one-thread worker processes)."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from reader.batch import run_batch
from reader.cli import main
from reader.config import load_settings
from reader.export import dumps
from reader.pipeline import Analyzer, load_articles, open_corpus

pytestmark = pytest.mark.slow

distributed = pytest.importorskip("distributed")  # in the test extra, so CI always has it


@pytest.fixture(scope="module")
def cluster():
    # Worker processes import the reader the way this process does.
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


def test_cluster_fills_the_cache_a_local_export_reads(
    cluster, tmp_path: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache_dir = tmp_path / "cache"
    args = ["analyze", str(seeds_dir), "--scheduler", cluster.scheduler_address]
    assert main([*args, "--cache-dir", str(cache_dir)]) == 0
    assert capsys.readouterr().out.startswith("analyzed 2 articles, 0 already cached, 0 failed")
    from_cluster = load_settings(cache_dir=cache_dir, config_dir=tmp_path / "config")
    loaded = load_articles([seeds_dir], from_cluster)
    assert len(Analyzer(from_cluster).cached(loaded.articles)) == 2
    local = load_settings(use_cache=False, config_dir=tmp_path / "config")
    assert dumps(open_corpus([seeds_dir], from_cluster)) == dumps(open_corpus([seeds_dir], local))


def test_a_killed_worker_has_its_batches_redone(cluster, tmp_path: Path, data_dir: Path) -> None:
    from reader.cluster import DaskRunner

    settings = load_settings(cache_dir=tmp_path / "cache", config_dir=tmp_path / "config")
    loaded = load_articles([data_dir / "quotes_texts"], settings)
    cache = Analyzer(settings).cache
    assert cache is not None
    runner = DaskRunner(settings.model, cluster.scheduler_address)
    pids = runner.client.run(os.getpid)  # worker address -> process id
    victim = min(pids.values())
    killed = threading.Event()

    def kill_after_first(done: int, total: int, words: int, total_words: int) -> None:
        if done and not killed.is_set():
            killed.set()
            os.kill(victim, signal.SIGKILL)

    # One text per batch, so the killed worker surely held unfinished batches.
    report = run_batch(loaded.articles, cache, runner, on_progress=kill_after_first, max_texts=1)
    assert killed.is_set()
    assert report.failures == [] and not report.interrupted
    assert report.analyzed == len(loaded.articles)
    assert len(Analyzer(settings).cached(loaded.articles)) == len(loaded.articles)
