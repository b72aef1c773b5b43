"""Record the seeds' analyses for the UI tests: ``python -m tests.ui.record``.

Run it when the model's output changes on purpose; the UI tests then see the
new analyses without running the model themselves.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from reader.config import load_settings
from reader.pipeline import Analyzer, load_articles
from tests.conftest import SEEDS
from tests.ui.conftest import RECORDED


def main() -> None:
    """Analyze the seeds with the live model (no cache) and write them to ``RECORDED``."""
    home = Path(tempfile.mkdtemp())
    settings = load_settings(cache_dir=home / "cache", config_dir=home / "config")
    loaded = load_articles([SEEDS], settings)
    analyses = Analyzer(settings).analyze(loaded.articles)
    data = {article_id: analysis.to_dict() for article_id, analysis in analyses.items()}
    text = json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True)
    RECORDED.write_text(text + "\n", encoding="utf-8")
    print(f"recorded {len(data)} analyses in {RECORDED}")


if __name__ == "__main__":
    main()
