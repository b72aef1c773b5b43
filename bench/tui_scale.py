"""How the TUI copes with big collections: time to the entity count, and key answers while loading.

Usage: ``python bench/tui_scale.py [--sizes 200 1000] [--bases 30]``.

Collections of N articles are made from real ECB+ texts (``/work/shared/corpus``):
``--bases`` texts are analyzed once with the model; article k is base ``k % bases``
with a closing line "Edition k." appended, and its analysis is the base's (its
offsets stay valid, the text only grew at the end). Every analysis is served as
cached, so this is the warm path; reading cache files is left out (the same for
every N). The baseline is the 2 bundled articles, measured the same way.

For each collection, at 200x50:

- ``entities_s``: seconds from creating the app until the status bar counts the
  entities (analysis done, corpus linked and shown);
- ``key_max_s`` / ``key_median_s``: while it loads, another thread posts a ``b``
  key (show/hide the sidebar) every 50 ms, like a terminal would; each wait is
  from posting it until the screen's action ran. The longest is what a reader feels.

Ratios to the baseline are printed; absolute times on a shared machine are not
comparable between runs.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

CORPUS = Path("/work/shared/corpus/ecbplus")
SIZE = (200, 50)


class ServedAnalyzer:
    """Serves ready analyses as if they were all cached."""

    def __init__(self, analyses):
        self.analyses = analyses

    def cached(self, articles):
        return {a.id: self.analyses[a.id] for a in articles if a.id in self.analyses}

    def analyze(self, articles, on_progress=None):
        return {}


def collection(count: int, bases, base_analyses):
    """``count`` editions of the base articles, with their analyses."""
    articles, analyses = [], {}
    for k in range(count):
        base = bases[k % len(bases)]
        article = replace(
            base,
            id=f"ed{k}-{base.id}",
            path=f"ed{k}-{base.path}",
            text=f"{base.text}\n\nEdition {k}.",
        )
        articles.append(article)
        analyses[article.id] = base_analyses[base.id]
    return articles, analyses


async def measure(articles, analyses, settings) -> dict[str, float]:
    from textual import events

    from reader.ui.app import ReaderApp
    from reader.ui.reader_screen import ReaderScreen
    from reader.ui.status_bar import StatusBar

    # The keys come from another thread, like a terminal's: they are posted on time
    # even while the UI thread is busy, so a freeze shows as one long wait.
    posted: list[float] = []
    handled: list[float] = []
    toggle = ReaderScreen.action_toggle_sidebar

    def spy(screen: ReaderScreen) -> None:
        handled.append(time.perf_counter())
        toggle(screen)

    ReaderScreen.action_toggle_sidebar = spy  # type: ignore[method-assign]
    started = time.perf_counter()
    app = ReaderApp(articles, [], settings, ServedAnalyzer(analyses))
    stop = threading.Event()
    async with app.run_test(size=SIZE) as pilot:
        loop = asyncio.get_running_loop()

        def drive() -> None:
            while not stop.is_set():
                posted.append(time.perf_counter())
                loop.call_soon_threadsafe(app.post_message, events.Key("b", "b"))
                stop.wait(0.05)

        driver = threading.Thread(target=drive, daemon=True)
        driver.start()
        screen = next(s for s in app.screen_stack if isinstance(s, ReaderScreen))
        status = screen.query_one(StatusBar)
        while not (screen.analysis_done and "entities" in status.text):
            await pilot.pause(0.01)
        entities = time.perf_counter() - started
        stop.set()
        driver.join()
        while len(handled) < len(posted):
            await asyncio.sleep(0.01)
        count = len(screen.corpus.entities)
    ReaderScreen.action_toggle_sidebar = toggle  # type: ignore[method-assign]
    waits = [done - sent for sent, done in zip(posted, handled, strict=True)]
    return {
        "articles": len(articles),
        "entities": count,
        "entities_s": round(entities, 3),
        "key_max_s": round(max(waits, default=0.0), 3),
        "key_median_s": round(statistics.median(waits) if waits else 0.0, 3),
        "keys": len(waits),
    }


def main() -> int:
    if "--switch" in sys.argv:
        sys.setswitchinterval(float(sys.argv.pop(sys.argv.index("--switch") + 1)))
        sys.argv.remove("--switch")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--bases", type=int, default=30)
    args = parser.parse_args()

    from reader.config import load_settings
    from reader.pipeline import Analyzer, load_articles
    from reader.resources import bundled_articles_dir

    home = Path(tempfile.mkdtemp())
    settings = load_settings(cache_dir=home / "cache", config_dir=home / "config")
    texts = sorted(CORPUS.glob("topic-*/*.txt"))[: args.bases]
    bases = load_articles(texts, settings).articles
    bundled = load_articles([bundled_articles_dir()], settings).articles
    print(f"analyzing {len(bases)} ECB+ texts and {len(bundled)} bundled articles once…")
    analyzer = Analyzer(settings)
    base_analyses = analyzer.analyze([*bases, *bundled])

    baseline = asyncio.run(measure(bundled, base_analyses, settings))
    print("baseline (bundled):", baseline)
    for size in args.sizes:
        articles, analyses = collection(size, bases, base_analyses)
        result = asyncio.run(measure(articles, analyses, settings))
        ratios = {
            key: round(result[key] / baseline[key], 1) if baseline[key] else None
            for key in ("entities_s", "key_max_s")
        }
        print(f"N={size}:", result, "ratio to baseline:", ratios)
    return 0


if __name__ == "__main__":
    sys.exit(main())
