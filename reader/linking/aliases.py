"""Alias files: YAML lists of names that are one entity (merge) or must stay apart (split).

The format (the shipped ``reader/data/aliases.yaml`` uses it too)::

    merge:                       # each item: names of one entity
      - [United States, US, USA, America]
    split:                       # each item: names that are never one entity
      - [Sudan, South Sudan]
    related:                     # each item: a place or body and its demonyms
      - [Russia, Russian, Russians]

Names are compared after ``fold_name`` (case, dots, accents and a leading "the"
don't matter). A split always wins over a merge. ``related`` never merges
anything: it only tells the entity view which groups belong with a place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from reader.names import clean_name, fold_name
from reader.yaml_errors import yaml_problem

SHIPPED_PACKAGE = "reader.data"
SHIPPED_NAME = "aliases.yaml"
_SECTIONS = ("merge", "split", "related")


@dataclass(slots=True)
class AliasTable:
    """Merges, splits and related names from every alias file, keyed by folded name.

    Attributes:
        merges: groups of folded names that are one entity, with the file each came from.
        splits: groups of folded names that must end in different entities.
        related: groups of folded names that are related but distinct (place, demonyms).
    """

    merges: list[tuple[frozenset[str], str]] = field(default_factory=list)
    splits: list[frozenset[str]] = field(default_factory=list)
    related: list[frozenset[str]] = field(default_factory=list)

    def split_index(self) -> dict[str, list[int]]:
        """Folded name -> indices of the split groups that list it."""
        index: dict[str, list[int]] = {}
        for number, group in enumerate(self.splits):
            for key in group:
                index.setdefault(key, []).append(number)
        return index

    def extend(self, other: AliasTable) -> None:
        """Add every group of ``other`` after this table's own."""
        self.merges.extend(other.merges)
        self.splits.extend(other.splits)
        self.related.extend(other.related)


def parse_aliases(data: Any, source: str) -> tuple[AliasTable, list[str]]:
    """Build an alias table from the parsed YAML of one file.

    Args:
        data: what ``yaml.safe_load`` returned for the file.
        source: the file's name, used in warnings and evidence.

    Returns:
        The table and one-line warnings for every entry that was ignored.
    """
    table = AliasTable()
    warnings: list[str] = []
    if data is None:
        return table, warnings
    if not isinstance(data, dict):
        return table, [f"{source}: expected a mapping with 'merge' and/or 'split' lists"]
    for key in data:
        if key not in _SECTIONS:
            warnings.append(
                f"{source}: unknown section {key!r} ignored (use merge, split, related)"
            )
    for section in _SECTIONS:
        items = data.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            warnings.append(f"{source}: '{section}' must be a list of name lists")
            continue
        for number, item in enumerate(items, start=1):
            group = _group(item)
            if group is None:
                warnings.append(
                    f"{source}: {section} item {number} ignored: expected a list of 2+ names"
                )
                continue
            if section == "merge":
                table.merges.append((group, source))
            elif section == "split":
                table.splits.append(group)
            else:
                table.related.append(group)
    return table, warnings


def _group(item: Any) -> frozenset[str] | None:
    if not isinstance(item, list) or not all(isinstance(name, str) for name in item):
        return None
    keys = frozenset(key for key in (fold_name(clean_name(name)) for name in item) if key)
    return keys if len(keys) >= 2 else None


def load_alias_file(path: Path) -> tuple[AliasTable, list[str]]:
    """Read one user alias file; a missing file gives an empty table and no warning.

    Args:
        path: the YAML file.

    Returns:
        The table and one-line warnings (unreadable file, bad YAML, bad entries).
    """
    if not path.exists():
        return AliasTable(), []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return AliasTable(), [f"{path}: cannot read alias file: {error}"]
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        return AliasTable(), [f"{path}: not valid YAML ({yaml_problem(error)})"]
    return parse_aliases(data, str(path))


def shipped_aliases() -> AliasTable:
    """A fresh copy of the alias table shipped with the reader (safe to extend).

    Raises:
        ValueError: the shipped file is broken (a packaging bug, never user input).
    """
    shipped = _shipped()
    return AliasTable(list(shipped.merges), list(shipped.splits), list(shipped.related))


@lru_cache(maxsize=1)
def _shipped() -> AliasTable:
    text = resources.files(SHIPPED_PACKAGE).joinpath(SHIPPED_NAME).read_text(encoding="utf-8")
    table, warnings = parse_aliases(yaml.safe_load(text), f"shipped {SHIPPED_NAME}")
    if warnings:
        raise ValueError("; ".join(warnings))
    return table


def load_aliases(paths: Sequence[Path]) -> tuple[AliasTable, list[str]]:
    """The shipped alias table extended by each user alias file that exists.

    Args:
        paths: user alias files in order (config directory, then article folders);
            missing ones are skipped.

    Returns:
        The combined table and one-line warnings for broken files or entries.
    """
    table = shipped_aliases()
    warnings: list[str] = []
    for path in _unique(paths):
        user, problems = load_alias_file(path)
        table.extend(user)
        warnings.extend(problems)
    return table, warnings


def _unique(paths: Iterable[Path]) -> list[Path]:
    seen: set[Path] = set()
    out = []
    for path in paths:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            out.append(path)
    return out
