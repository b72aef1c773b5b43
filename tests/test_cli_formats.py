"""`reader quotes` and `reader entities --format`, run in-process on the real seed articles."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from reader.cli import main, source
from reader.records import to_markdown
from tests.web_server import Route, serve

PESKOV_WORDS = "This is the case this time as well"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_quotes_table_shows_who_said_what(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path
) -> None:
    status, out, _ = run(capsys, "quotes", str(seeds_dir))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Speaker", "Art", "Quote"]
    peskov = next(line for line in lines if PESKOV_WORDS in line)
    assert peskov.startswith("Dmitry Peskov") and " A1 " in peskov
    # Its title is its first line without the dateline ("Moscow/ Kyiv | Jagran News Desk:").
    assert any(line.startswith("A2  The Kremlin on Tuesday said") for line in lines)
    assert re.fullmatch(r"\d+ quotes \(\d+ attributed\) in 2 articles", lines[-1])


def test_quotes_json_is_a_list_of_objects(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path
) -> None:
    status, out, _ = run(capsys, "quotes", str(seeds_dir), "--format", "json")
    assert status == 0
    quotes = json.loads(out)
    assert isinstance(quotes, list) and all(isinstance(q, dict) for q in quotes)
    [peskov] = [q for q in quotes if q["quote"].startswith(PESKOV_WORDS)]
    assert peskov["speaker"] == "Dmitry Peskov" and peskov["speaker_text"] == "Peskov"
    assert peskov["article"] == "000_6634b6c0be25b985.txt"
    assert peskov["title"].startswith("Russia on Tuesday said")
    assert {"source", "date", "partial", "start", "end"} <= set(peskov)


def test_quotes_csv_round_trips(capsys: pytest.CaptureFixture[str], seeds_dir: Path) -> None:
    status, out, _ = run(capsys, "quotes", str(seeds_dir), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and rows
    assert list(rows[0]) == [
        "speaker",
        "quote",
        "title",
        "source",
        "date",
        "article",
        "speaker_text",
    ]
    [peskov] = [r for r in rows if r["quote"].startswith(PESKOV_WORDS)]
    assert peskov["speaker"] == "Dmitry Peskov"
    # The Jagran title holds commas: CSV quoting keeps the cell whole.
    titles = {r["title"] for r in rows if r["source"] == "Jagran News"}
    assert titles and all(t.startswith("The Kremlin on Tuesday said") and "," in t for t in titles)


def test_quotes_markdown_escapes_pipes(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path, tmp_path: Path
) -> None:
    # The Jagran seed with a site's headline for a title, a bar in it (its text unchanged).
    first, jagran_text = (p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt")))
    (tmp_path / "000.txt").write_text(first, encoding="utf-8")
    item = {"title": "Troops return to bases | Jagran English", "text": jagran_text}
    (tmp_path / "003.json").write_text(json.dumps([item]), encoding="utf-8")
    status, out, _ = run(capsys, "quotes", str(tmp_path), "--format", "markdown")
    lines = out.splitlines()
    assert status == 0
    assert lines[0] == "| Speaker | Quote | Title | Source | Date | Article | Speaker text |"
    assert lines[1] == "|---|---|---|---|---|---|---|"
    jagran = [line for line in lines if "Jagran" in line]
    assert jagran and all("Troops return to bases \\| Jagran English" in line for line in jagran)
    columns = len(lines[0].split(" | "))
    for line in lines[2:]:
        # Splitting on unescaped pipes gives exactly the header's columns.
        cells = line.replace("\\|", "").split(" | ")
        assert len(cells) == columns
    assert any(line.startswith(f"| Dmitry Peskov | {PESKOV_WORDS}") for line in lines)


def test_markdown_cells_cannot_break_the_table() -> None:
    text = to_markdown([{"a": "x | y\nz \\", "b": "<script>"}], ["a", "b"])
    assert text.splitlines()[2] == "| x \\| y z \\\\ | \\<script> |"


def test_entities_csv_and_json(capsys: pytest.CaptureFixture[str], seeds_dir: Path) -> None:
    status, out, _ = run(capsys, "entities", str(seeds_dir), "--format", "csv")
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(out))}
    assert status == 0
    assert rows["Dmitry Peskov"]["type"] == "person"
    assert int(rows["Ukraine"]["mentions"]) > 1
    status, out, _ = run(capsys, "entities", str(seeds_dir), "--format", "json")
    entities = {e["name"]: e for e in json.loads(out)}
    assert entities["Dmitry Peskov"]["type"] == "person"
    assert "000_6634b6c0be25b985.txt" in entities["Dmitry Peskov"]["articles"]
    assert int(rows["Ukraine"]["mentions"]) == entities["Ukraine"]["mentions"]


def test_entities_table_stays_the_default(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path
) -> None:
    status, out, _ = run(capsys, "entities", str(seeds_dir))
    assert status == 0 and out.splitlines()[0].split()[:3] == ["Name", "Type", "Total"]


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["quotes", "--format", "xml"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_urls_stay_text_paths_become_paths() -> None:
    assert source("https://example.com/a") == "https://example.com/a"
    assert source("ftp://example.com/a") == "ftp://example.com/a"
    assert source("articles/a.txt") == Path("articles/a.txt")
    assert source("C:news.txt") == Path("C:news.txt")


def test_a_url_works_where_paths_do(capsys: pytest.CaptureFixture[str], seeds_dir: Path) -> None:
    text = sorted(seeds_dir.glob("*.txt"))[0].read_text(encoding="utf-8")
    body = "<html><head><title>Troops return - Wire</title></head><body><article>"
    body += "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
    body += "</article></body></html>"
    with serve({"/story": Route(body.encode())}) as server:
        url = server.url("/story")
        status, out, err = run(capsys, "quotes", url, server.url("/gone"), "--format", "json")
    assert status == 0
    assert f"skipped: {server.url('/gone')}: the server answered 404" in err
    quotes = json.loads(out)
    assert {q["article"] for q in quotes} == {url}
    assert any(q["speaker"] == "Dmitry Peskov" for q in quotes)


def test_export_to_stdout_is_streamed_record_by_record(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The whole document as one string took three times the linked corpus's memory
    # (580 MB against 190 MB for 10,000 articles): stdout gets the pieces as --output does.
    def whole_document(*_: object, **__: object) -> str:
        raise AssertionError("the export was made as one string")

    status, compact, _ = run(capsys, "export", str(seeds_dir), "--compact")
    assert status == 0
    monkeypatch.setattr("reader.export.dumps", whole_document)
    status, indented, _ = run(capsys, "export", str(seeds_dir))
    assert status == 0
    assert json.loads(indented) == json.loads(compact)
    assert indented.endswith("\n}\n") and '\n  "entities": [\n    {\n      "id"' in indented
    assert compact.count("\n") == 1 and compact.endswith("}\n")
