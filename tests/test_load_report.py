"""The load report: real loading problems gathered per file, skipped files first."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.load_report import SKIPPED, WARNED, LoadReport
from reader.model import LoadError
from reader.pipeline import load_articles


def _problem_folder(tmp_path: Path, seeds_dir: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    shutil.copy(seed, folder / "good.txt")
    text = seed.read_text(encoding="utf-8")
    (folder / "front.md").write_text("---\ntitle: [unclosed\n---\n" + text, encoding="utf-8")
    (folder / "lines.jsonl").write_text(
        '{"text": "' + text[:200].replace('"', "'").replace("\n", " ") + '"}\n{broken\n',
        encoding="utf-8",
    )
    (folder / "empty.json").write_text("[]", encoding="utf-8")
    (folder / "aliases.yaml").write_text("merge: [unclosed\n", encoding="utf-8")
    return folder


def test_every_problem_file_is_one_row_with_its_reason(tmp_path, seeds_dir, settings):
    loaded = load_articles([_problem_folder(tmp_path, seeds_dir)], settings)
    report = LoadReport(loaded.errors)
    rows = {Path(row.path).name: row for row in report.rows()}
    assert set(rows) == {"front.md", "lines.jsonl", "empty.json", "aliases.yaml"}
    assert rows["empty.json"].outcome == SKIPPED
    assert rows["front.md"].outcome == WARNED and "front matter" in rows["front.md"].reason
    assert rows["lines.jsonl"].outcome == WARNED and "line 2" in rows["lines.jsonl"].reason
    assert "YAML" in rows["aliases.yaml"].reason
    # Skipped files come first; every reason is one line.
    assert report.rows()[0].outcome == SKIPPED
    assert all("\n" not in row.reason for row in report.rows())
    assert (report.skipped, report.warned) == (1, 3)
    assert report.summary() == "1 skipped, 3 with warnings"


def test_a_file_with_a_fatal_and_a_warning_is_skipped_and_names_the_fatal_reason_first():
    report = LoadReport([LoadError("a.md", "guessed cp1252", fatal=False)])
    assert report.add([LoadError("a.md", "no text\nat all")])
    (row,) = report.rows()
    assert row.outcome == SKIPPED and row.problems == 2
    assert row.reason == "no text at all; guessed cp1252"


def test_an_empty_report_says_nothing():
    report = LoadReport()
    assert len(report) == 0 and report.summary() == "" and report.rows() == []


errors = st.builds(
    LoadError,
    st.sampled_from(["a.txt", "b.md", "c.jsonl", "https://example.org/x"]),
    st.text(min_size=1, max_size=30),
    st.booleans(),
)


@given(st.lists(errors, max_size=20), st.lists(errors, max_size=20))
def test_the_report_counts_each_file_once_whatever_arrives(first, later):
    report = LoadReport(first)
    report.add(later)
    rows = report.rows()
    paths = {e.path for e in [*first, *later]}
    assert sorted(row.path for row in rows) == sorted(paths)
    assert report.skipped + report.warned == len(report) == len(paths)
    assert report.skipped == len({e.path for e in [*first, *later] if e.fatal})
    # Adding the same problems again changes nothing.
    assert not report.add([*first, *later])
    assert report.rows() == rows
