"""Record analyses for the UI tests: ``python -m tests.ui.record``.

Records the seeds (``RECORDED``) and three ECB+ articles that quote one
statement in other words (``ECB_RECORDED``, from ``ECB_QUOTES``). Run it when
the model's output changes on purpose; the UI tests then see the new analyses
without running the model themselves.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from reader.config import load_settings
from reader.pipeline import Analyzer, load_articles
from tests.conftest import SEEDS
from tests.ui.conftest import ECB_QUOTES, ECB_RECORDED, RECORDED


def record(folder: Path, target: Path) -> None:
    """Analyze the articles in ``folder`` with the live model (no cache) into ``target``."""
    home = Path(tempfile.mkdtemp())
    settings = load_settings(cache_dir=home / "cache", config_dir=home / "config")
    loaded = load_articles([folder], settings)
    analyses = Analyzer(settings).analyze(loaded.articles)
    data = {article_id: analysis.to_dict() for article_id, analysis in analyses.items()}
    text = json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True)
    target.write_text(text + "\n", encoding="utf-8")
    print(f"recorded {len(data)} analyses in {target}")


def main() -> None:
    """Record every fixture."""
    record(SEEDS, RECORDED)
    record(ECB_QUOTES, ECB_RECORDED)


if __name__ == "__main__":
    main()
