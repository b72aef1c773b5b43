"""The pipeline's stages together: alias files, staged analysis, progress, bad input."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from reader.pipeline import Analyzer, build_corpus, load_articles, open_corpus


def copy_seeds(seeds_dir: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in seeds_dir.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


def entity_named(corpus, name: str):
    return next(e for e in corpus.entities if e.name == name)


def test_alias_file_beside_the_articles_forces_a_merge(
    settings, seeds_dir: Path, tmp_path: Path
) -> None:
    folder = copy_seeds(seeds_dir, tmp_path / "news")
    plain = open_corpus([folder], settings)
    assert entity_named(plain, "Kremlin").id != entity_named(plain, "Dmitry Peskov").id
    (folder / "aliases.yaml").write_text("merge:\n  - [Kremlin, Dmitry Peskov]\n")
    merged = open_corpus([folder], settings)
    [entity] = [e for e in merged.entities if {"Kremlin", "Dmitry Peskov"} <= set(e.aliases)]
    assert any(ev.rule == "alias-file" for ev in entity.evidence)
    assert merged.errors == []


def test_user_alias_file_in_the_config_dir_forces_a_split(
    settings, seeds_dir: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "aliases.yaml").write_text("split:\n  - [United States, US]\n")
    corpus = open_corpus([seeds_dir], replace(settings, config_dir=config))
    united = [e for e in corpus.entities if e.type == "place" and "United States" in e.aliases]
    assert united and all("US" not in e.aliases for e in united)


def test_broken_alias_file_is_a_warning(settings, seeds_dir: Path, tmp_path: Path) -> None:
    folder = copy_seeds(seeds_dir, tmp_path / "news")
    (folder / "aliases.yaml").write_text("merge: [unclosed\n")
    corpus = open_corpus([folder], settings)
    assert len(corpus.articles) == 2 and corpus.entities
    [warning] = corpus.errors
    assert warning.path == str(folder / "aliases.yaml") and not warning.fatal


def test_staged_analysis_reports_progress_in_order(settings, seeds_dir: Path) -> None:
    loaded = load_articles([seeds_dir], settings)
    seen: list[tuple[int, int, str]] = []
    analyses = Analyzer(settings).analyze(
        loaded.articles, on_progress=lambda done, total, aid, _: seen.append((done, total, aid))
    )
    assert [s[0] for s in seen] == [1, 2] and {s[1] for s in seen} == {2}
    assert sorted(analyses) == sorted(a.id for a in loaded.articles)
    assert Analyzer(settings).cached(loaded.articles) == analyses
    # Before any analysis the corpus still has every article, with no entities yet.
    empty = build_corpus(loaded.articles, {}, loaded.errors, settings, loaded.aliases)
    assert len(empty.articles) == 2 and empty.entities == [] and empty.quotes == []


def test_no_cache_means_no_cache_files(settings, seeds_dir: Path, tmp_path: Path) -> None:
    uncached = replace(settings, use_cache=False, cache_dir=tmp_path / "cache")
    corpus = open_corpus([seeds_dir], uncached)
    assert corpus.entities
    assert not (tmp_path / "cache").exists()


def test_identical_texts_are_analyzed_once(settings, seeds_dir: Path, tmp_path: Path) -> None:
    folder = copy_seeds(seeds_dir, tmp_path / "a")
    twin = next(folder.glob("000_*.txt"))
    shutil.copy(twin, folder / "copy-of-000.txt")
    uncached = replace(settings, use_cache=False)
    loaded = load_articles([folder], uncached)
    assert len(loaded.articles) == 3
    by_id = Analyzer(uncached).analyze(loaded.articles)
    assert by_id["copy-of-000.txt"] is by_id[twin.name]
