"""With every article cached, the reader opens and highlights without importing spaCy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

WARM_APP = """
import asyncio, sys
from pathlib import Path
from reader.config import load_settings
from reader.pipeline import load_articles
from reader.ui.app import ReaderApp
from reader.ui.reader_screen import ReaderScreen

async def main():
    settings = load_settings(cache_dir=Path(sys.argv[1]))
    loaded = load_articles([Path(sys.argv[2])], settings)
    app = ReaderApp(loaded.articles, loaded.errors, settings, aliases=loaded.aliases)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = next(s for s in app.screen_stack if isinstance(s, ReaderScreen))
        for _ in range(3000):
            if screen.analysis_done:
                break
            await pilot.pause(0.01)
        print(len(screen.corpus.entities), "spacy" in sys.modules, "thinc" in sys.modules)

asyncio.run(main())
"""


@pytest.mark.slow
@pytest.mark.e2e
def test_warm_start_never_imports_spacy(settings, seed_loaded, seeds_dir: Path) -> None:
    # seed_loaded has put the seeds' analyses in the session cache.
    done = subprocess.run(
        [sys.executable, "-c", WARM_APP, str(settings.cache_dir), str(seeds_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    entities, spacy, thinc = done.stdout.split()
    assert int(entities) > 10
    assert (spacy, thinc) == ("False", "False"), done.stdout
