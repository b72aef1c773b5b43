"""Which of the reader's own files an analysis can run, found from the source itself.

The analysis cache must miss whenever code that shapes an analysis changes. A
hand-kept list of such files goes stale the day someone adds an import, so the
list is derived here: the static import closure of the analysis entry points,
read with ``ast`` from the package source (every ``import`` statement counts,
also those inside functions, since a function-local import runs too). Nothing
is imported while walking, so finding the files never loads spaCy.
"""

from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

#: Files that never shape behaviour, even inside an analysis package.
_IGNORED_SUFFIXES = (".pyc", ".pyo")

# A string naming one of the package's modules, e.g. "reader.data" given to
# importlib.resources or importlib.import_module: it is used, so it counts.
_DOTTED = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$")


class SourceTree:
    """The modules of one package on disk, addressed by dotted name."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.package = root.name

    def path_of(self, module: str) -> Path | None:
        """The source file of ``module`` (``__init__.py`` for a package), or None."""
        parts = module.split(".")
        if parts[0] != self.package:
            return None
        base = self.root.joinpath(*parts[1:])
        for candidate in (base / "__init__.py", base.with_suffix(".py")):
            if candidate.is_file():
                return candidate
        return None

    def is_package(self, module: str) -> bool:
        path = self.path_of(module)
        return path is not None and path.name == "__init__.py"


def import_closure(tree: SourceTree, entry_points: Iterable[str]) -> set[str]:
    """Every module of ``tree``'s package that importing ``entry_points`` can execute.

    Importing ``a.b.c`` runs ``a/__init__.py`` and ``a/b/__init__.py`` first,
    so parent packages join the closure; ``from a.b import c`` may name a
    submodule ``c``, which joins it when such a file exists.
    """
    seen: set[str] = set()
    todo = list(entry_points)
    while todo:
        module = todo.pop()
        if module in seen or tree.path_of(module) is None:
            continue
        seen.add(module)
        todo.extend(_parents(module))
        todo.extend(_references(tree, module))
    return seen


def _parents(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _references(tree: SourceTree, module: str) -> set[str]:
    """The package's modules that ``module`` imports or names, anywhere in its source."""
    path = tree.path_of(module)
    assert path is not None
    syntax = ast.parse(path.read_bytes(), filename=str(path))
    own_package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(syntax):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node.module, node.level, own_package)
            if base is None:
                continue
            found.add(base)
            # "from pkg import name": name is a submodule or an attribute.
            found.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _DOTTED.match(node.value)
        ):
            found.add(node.value)
    return {name for name in found if tree.path_of(name) is not None}


def _absolute(name: str | None, level: int, package: str) -> str | None:
    if level == 0:
        return name
    parts = package.split(".")
    if level - 1 > len(parts) - 1:
        return None
    base = parts[: len(parts) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def closure_files(tree: SourceTree, modules: Iterable[str]) -> list[Path]:
    """The source files of ``modules``, plus the data files inside their packages.

    A package's data files (``reader/data/aliases.yaml``) are read through the
    package, so a package in the closure brings the plain files beside its
    ``__init__.py``; subpackages are modules of their own and come only if used.
    """
    files: set[Path] = set()
    for module in modules:
        path = tree.path_of(module)
        if path is None:
            continue
        files.add(path)
        if tree.is_package(module):
            files.update(
                f
                for f in path.parent.iterdir()
                if f.is_file()
                and f.suffix != ".py"
                and not f.name.startswith(".")
                and not f.name.endswith(_IGNORED_SUFFIXES)
            )
    return sorted(files)


def source_digest(root: Path, entry_points: Iterable[str], salt: str = "") -> str:
    """A sha256 over ``salt`` and every file the closure of ``entry_points`` holds.

    Args:
        root: the package folder (the one holding its ``__init__.py``).
        entry_points: dotted module names whose code the caller runs.
        salt: mixed in first (e.g. a format version).

    Returns:
        The hex digest; file paths are hashed relative to ``root`` so a copy of
        the package elsewhere gives the same digest.
    """
    tree = SourceTree(root)
    digest = hashlib.sha256(salt.encode())
    for file in closure_files(tree, import_closure(tree, entry_points)):
        digest.update(file.relative_to(root).as_posix().encode() + b"\0")
        digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()
