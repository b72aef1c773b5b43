"""Fingerprints of the reader's own code: what a stored result was computed with.

A cache key that hashes a hand-kept list of files goes stale the day someone
imports a new module into the computation. Here the list is derived: the
static import closure of the given modules within the ``reader`` package
(function-local imports included), plus the package's shipped data files.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

_PACKAGE = "reader"
_ROOT = Path(__file__).resolve().parent


def source_fingerprint(roots: Iterable[str]) -> str:
    """A digest of the source of ``roots``' import closure and of ``reader/data/``.

    Args:
        roots: dotted module names inside the package, e.g. ``("reader.corpus",)``.
    """
    return _fingerprint(tuple(sorted(roots)))


@functools.cache
def _fingerprint(roots: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    files = sorted(import_closure(roots))
    data = _ROOT / "data"
    if data.is_dir():
        # Python's bytecode caches are left out: written on first import (or not,
        # as the interpreter is set), they would change the fingerprint of the same code.
        files += sorted(
            p
            for p in data.rglob("*")
            if p.is_file() and "__pycache__" not in p.relative_to(data).parts
        )
    for file in files:
        digest.update(file.relative_to(_ROOT).as_posix().encode() + b"\0")
        digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def import_closure(roots: Iterable[str]) -> set[Path]:
    """The source files of ``roots`` and of every ``reader`` module they import, transitively."""
    seen: set[Path] = set()
    pending = [m for root in roots for m in _with_parents(root)]
    while pending:
        path = module_file(pending.pop())
        if path is None or path in seen:
            continue
        seen.add(path)
        for name in _imports(path):
            pending.extend(_with_parents(name))
    return seen


def module_file(name: str) -> Path | None:
    """The source file of a ``reader`` module or package, or None if there is none."""
    parts = name.split(".")
    if parts[0] != _PACKAGE:
        return None
    base = _ROOT.joinpath(*parts[1:])
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def _with_parents(name: str) -> list[str]:
    # Importing a.b.c runs a/__init__.py and a/b/__init__.py too.
    parts = name.split(".")
    return [".".join(parts[: n + 1]) for n in range(len(parts))]


def _imports(path: Path) -> list[str]:
    """Every module name ``path`` imports, anywhere in the file, made absolute.

    Each file is parsed once per process while it is unchanged: the analysis,
    the digests and the collection index each take a fingerprint of closures
    that share most of their files.
    """
    stat = path.stat()
    return list(_parsed_imports(path, stat.st_mtime_ns, stat.st_size))


#: An import statement at the start of a line: ``from BASE import NAMES`` (NAMES to the
#: end of the line, or a bracketed list over several, whose comments may hold brackets)
#: or ``import MODULES``. Possessive (``*+``): a bracket never closed, as in a docstring,
#: followed by comments, fails at once instead of trying every way to split them.
_STATEMENT = re.compile(
    rb"^[ \t]*(?:from[ \t]+(?P<base>\.*[\w.]*)[ \t]+import[ \t]*"
    rb"(?P<names>\((?:[^)#]|#[^\n]*+)*+\)|[^\n]*)"
    rb"|import[ \t]+(?P<modules>[^\n]*))",
    re.MULTILINE,
)


@functools.lru_cache(maxsize=1024)
def _parsed_imports(path: Path, mtime_ns: int, size: int) -> tuple[str, ...]:
    """The ``reader`` modules ``path``'s import statements name, found line by line.

    Read with a pattern, not parsed: parsing the fifty-odd files of a closure took
    0.1-0.3 s of every run's start. The package's code is formatted one statement a
    line, so every import starts a line (the tests check the result against Python's
    own parser for every module); a docstring line that reads like an import only
    adds a file to the fingerprint, never leaves one out.
    """
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: list[str] = []
    for match in _STATEMENT.finditer(path.read_bytes()):
        if match["modules"] is not None:
            found.extend(name.split()[0] for name in _listed(match["modules"]))
            continue
        base = _absolute(match["base"].decode("ascii", "replace"), package)
        if base is None:
            continue
        found.append(base)
        # "from reader.linking import names" may import the module reader.linking.names.
        names = (name.split()[0] for name in _listed(match["names"]))
        found.extend(f"{base}.{name}" for name in names if name != "*")
    return tuple(name for name in found if name.split(".")[0] == _PACKAGE)


def _listed(names: bytes) -> list[str]:
    """The comma-separated names of an import statement, comments and brackets dropped."""
    text = " ".join(line.split("#", 1)[0] for line in names.decode("utf-8", "replace").splitlines())
    text = text.replace("(", " ").replace(")", " ").replace("\\", " ")
    return [part.strip() for part in text.split(",") if part.strip()]


def _absolute(written: str, package: str) -> str | None:
    """The absolute name of ``from WRITTEN import`` in ``package`` (None: above the top)."""
    module = written.lstrip(".")
    level = len(written) - len(module)
    if level == 0:
        return module
    parts = package.split(".")
    if level - 1 >= len(parts):
        return None
    base = ".".join(parts[: len(parts) - (level - 1)])
    return f"{base}.{module}" if module else base


def _module_name(path: Path) -> str:
    relative = path.relative_to(_ROOT).with_suffix("")
    parts = [_PACKAGE, *relative.parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)
