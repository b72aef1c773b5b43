"""Time to the reader's first frame and to full highlights, cold and warm cache.

Usage: ``python bench/first_frame.py PATH [PATH ...] [--megabyte]``; with
``--megabyte`` a 1 MB article (the seeds repeated) is measured too. For each path, runs the
app twice in fresh processes sharing one new cache folder: first cold (nothing
cached: the model is loaded and runs in the worker), then warm. Each child
measures from its own start (before importing the reader) to:

- ``first_frame``: the app is mounted and has drawn its first screen, with the
  article text (``App.run_test`` returns control);
- ``highlights``: the analysis worker is done and the corpus is linked.

A baseline runs in the same way in each round: a bare Textual app showing the
same articles' text in plain ``Static`` widgets, no analysis. Its first frame
is the floor of any Textual app; the ratio says what the reader adds to it.
Ratios from one run are comparable, absolute times on a busy machine are not.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402 - the clock starts before any import
import asyncio  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402


async def _measure(path: Path, cache: Path, size: tuple[int, int]) -> dict[str, float]:
    from reader.config import load_settings
    from reader.pipeline import load_articles
    from reader.ui.app import ReaderApp
    from reader.ui.reader_screen import ReaderScreen

    settings = load_settings(cache_dir=cache, config_dir=cache / "config")
    loaded = load_articles([path], settings)
    app = ReaderApp(loaded.articles, loaded.errors, settings)
    async with app.run_test(size=size) as pilot:
        # run_test hands over once the app is ready: its first screen is composed and drawn.
        first_frame = time.perf_counter() - STARTED
        screen = next(s for s in app.screen_stack if isinstance(s, ReaderScreen))
        while not screen.analysis_done:
            await pilot.pause(0.01)
        highlights = time.perf_counter() - STARTED
        return {
            "articles": len(loaded.articles),
            "entities": len(screen.corpus.entities),
            "first_frame": round(first_frame, 3),
            "highlights": round(highlights, 3),
        }


async def _baseline(path: Path, size: tuple[int, int]) -> dict[str, float]:
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal
    from textual.widgets import Static

    from reader.config import load_settings
    from reader.pipeline import load_articles

    loaded = load_articles([path], load_settings())
    texts = [a.text for a in loaded.articles[:2]]

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            with Horizontal():
                for text in texts:
                    yield Static(text, markup=False)

    async with Bare().run_test(size=size):
        first_frame = time.perf_counter() - STARTED
    return {"articles": len(loaded.articles), "first_frame": round(first_frame, 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--size", default="200x50", help="terminal size, e.g. 80x24")
    parser.add_argument("--megabyte", action="store_true", help="also a 1 MB article")
    args = parser.parse_args()
    if args.megabyte and not args.child:
        big = Path(tempfile.mkdtemp(prefix="reader-bench-big-"))
        seeds = Path(__file__).resolve().parents[1] / "articles"
        text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.md")))
        (big / "megabyte.txt").write_text(text * (1_000_000 // len(text) + 1), encoding="utf-8")
        args.paths.append(big)
    width, height = (int(n) for n in args.size.split("x"))
    if args.child:
        if args.bare:
            result = asyncio.run(_baseline(args.paths[0], (width, height)))
        else:
            result = asyncio.run(_measure(args.paths[0], args.cache, (width, height)))
        print(json.dumps(result))
        return 0
    print(f"{'path':<45} {'run':<9} {'articles':>8} {'first frame':>12} {'highlights':>11}")
    for path in args.paths:
        with tempfile.TemporaryDirectory(prefix="reader-bench-") as cache:
            frames = {}
            for run in ("baseline", "cold", "warm"):
                child = [sys.executable, __file__, str(path), "--child", "--cache", cache]
                if run == "baseline":
                    child.append("--bare")
                done = subprocess.run(
                    [*child, "--size", args.size], capture_output=True, text=True, check=True
                )
                data = json.loads(done.stdout.strip().splitlines()[-1])
                frames[run] = data["first_frame"]
                highlights = f"{data['highlights']:>10.2f}s" if "highlights" in data else ""
                print(
                    f"{path!s:<45} {run:<9} {data['articles']:>8} "
                    f"{data['first_frame']:>11.2f}s {highlights:>11}"
                )
            print(
                f"{'':<45} first frame / baseline: cold {frames['cold'] / frames['baseline']:.2f}, "
                f"warm {frames['warm'] / frames['baseline']:.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
