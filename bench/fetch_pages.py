"""Fetching several URLs at once against one by one, on the same local pages.

Usage: python bench/fetch_pages.py [--pages 12] [--delay 0.2] [--workers 4]

A local server on 127.0.0.1 answers every page after ``--delay`` seconds (a
slow news site). The reader's loader (a small thread pool) and a sequential
baseline (the same fetch, one URL after the other) load the same pages; the
script prints both times and their ratio. No network beyond 127.0.0.1.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.loading import FetchLimits, WebOptions, load_articles  # noqa: E402
from tests.web_server import Route, serve  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    page = (ROOT / "tests" / "data" / "html" / "dw_style.html").read_bytes()
    routes = {f"/p{n}": Route(page, delay=args.delay) for n in range(args.pages)}
    with serve(routes) as server:
        urls = [server.url(path) for path in routes]
        timings = {}
        for label, workers in (("sequential", 1), ("reader", args.workers)):
            options = WebOptions(FetchLimits(timeout=10, workers=workers))
            start = time.perf_counter()
            result = load_articles(urls, 5_000_000, options)
            timings[label] = time.perf_counter() - start
            assert len(result.articles) == args.pages, result.errors
    print(f"{args.pages} pages, {args.delay:g} s server delay each")
    print(f"sequential (1 worker): {timings['sequential']:.2f} s")
    print(f"reader ({args.workers} workers):    {timings['reader']:.2f} s")
    print(f"speed-up: {timings['sequential'] / timings['reader']:.1f}x")


if __name__ == "__main__":
    main()
