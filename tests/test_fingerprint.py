"""The code fingerprints' import scanner: every import Python's parser sees, and no fewer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import reader
from reader import fingerprint
from reader.fingerprint import _imports, import_closure

PACKAGE = Path(reader.__file__).resolve().parent


def parsed_imports(path: Path) -> set[str]:
    """The ``reader`` modules ``path`` imports, as Python's own parser finds them."""
    module = fingerprint._module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - (node.level - 1)])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names if a.name != "*")
    return {name for name in found if name.split(".")[0] == "reader"}


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix()
)
def test_scanner_finds_every_import_the_parser_finds(path: Path) -> None:
    # A missed import would leave a file out of a cache key: results made by old code
    # would then be served after that file changed.
    assert parsed_imports(path) <= set(_imports(path))


def scanned(tmp_path: Path, source: str, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    # Scanned as the module reader.linking.probe would be, without writing into the package.
    copy = tmp_path / "probe.py"
    copy.write_text(source, encoding="utf-8")
    monkeypatch.setattr(fingerprint, "_module_name", lambda _: "reader.linking.probe")
    return set(fingerprint._parsed_imports(copy, 0, len(source)))


def test_statements_of_every_shape(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = '''"""A module."""
from __future__ import annotations

import os, reader.names as names_module
from reader.model import (  # the records
    Article,
    Entity,  # a comment with (brackets)
)
from . import fuzzy, people as persons
from .. import cache
from .collect import Name
from reader.quotes import *


def late() -> None:
    from reader.linking.digest import words
    import reader.stories
'''
    assert scanned(tmp_path, source, monkeypatch) == {
        "reader.names",
        "reader.model",
        "reader.model.Article",
        "reader.model.Entity",
        "reader.linking",
        "reader.linking.fuzzy",
        "reader.linking.people",
        "reader",
        "reader.cache",
        "reader.linking.collect",
        "reader.linking.collect.Name",
        "reader.quotes",
        "reader.linking.digest",
        "reader.linking.digest.words",
        "reader.stories",
    }


def test_a_comment_closing_a_bracket_is_not_the_list_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "(see below)" in a comment must not end the list before Entity.
    source = "from reader.model import (  # records (see below)\n    Article,\n    Entity,\n)\n"
    assert {"reader.model.Article", "reader.model.Entity"} <= scanned(tmp_path, source, monkeypatch)


def test_closure_of_the_linking_code() -> None:
    files = {p.relative_to(PACKAGE).as_posix() for p in import_closure(["reader.corpus"])}
    assert {"corpus.py", "linking/link.py", "linking/propagate.py", "stories.py"} <= files
    assert not any(name.startswith("ui/") for name in files)


def test_a_bracket_never_closed_ends_the_scan_quickly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With a backtracking pattern, each comment after an unclosed bracket doubled the
    # ways to split them: forty never finished.
    source = '"""\nfrom reader.model import (\n' + "# a comment line\n" * 40 + '"""\n'
    source += "from reader.names import clean_name\n"
    assert scanned(tmp_path, source, monkeypatch) == {
        "reader.model",
        "reader.names",
        "reader.names.clean_name",
    }
