"""The load report: every file that was skipped or loaded with warnings, one row per file.

Loading yields :class:`~reader.model.LoadError` records (a skipped file, a bad
JSONL line, broken front matter, a broken ``aliases.yaml``, a guessed encoding,
a failed fetch). :class:`LoadReport` gathers them by file, in the order they
arrived, so the UI can list them and say how many there are; it can be given
more while the reader runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.model import LoadError

SKIPPED = "skipped"
WARNED = "loaded with warnings"


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One file of the report: its path, what happened to it, and why (one line)."""

    path: str
    outcome: str
    reason: str
    #: How many problems the file had (the reason names the first ones).
    problems: int


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines too) made one space."""
    return " ".join(text.split())


class LoadReport:
    """The load problems so far, grouped by file; ``add`` takes more as they come."""

    def __init__(self, errors: Iterable[LoadError] = ()) -> None:
        self._by_path: dict[str, list[LoadError]] = {}
        self.add(errors)

    def add(self, errors: Iterable[LoadError]) -> bool:
        """Take ``errors`` in; True when the report changed (a repeat changes nothing)."""
        changed = False
        for error in errors:
            known = self._by_path.setdefault(error.path, [])
            if error not in known:
                known.append(error)
                changed = True
        return changed

    def rows(self) -> list[ReportRow]:
        """One row per file: the skipped ones first, each group in arrival order."""
        rows = [self._row(path, errors) for path, errors in self._by_path.items()]
        return sorted(rows, key=lambda row: row.outcome != SKIPPED)  # stable

    @staticmethod
    def _row(path: str, errors: list[LoadError]) -> ReportRow:
        # The fatal reason says why the file is missing: it goes first.
        ordered = sorted(errors, key=lambda error: not error.fatal)
        outcome = SKIPPED if ordered[0].fatal else WARNED
        reason = "; ".join(dict.fromkeys(one_line(error.message) for error in ordered))
        return ReportRow(one_line(path), outcome, reason, len(errors))

    @property
    def skipped(self) -> int:
        """How many files were skipped."""
        return sum(any(e.fatal for e in errors) for errors in self._by_path.values())

    @property
    def warned(self) -> int:
        """How many files loaded, but with warnings."""
        return len(self._by_path) - self.skipped

    def __len__(self) -> int:
        return len(self._by_path)

    def summary(self) -> str:
        """e.g. ``"3 skipped, 2 with warnings"``; empty when nothing went wrong."""
        parts = []
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        if self.warned:
            parts.append(f"{self.warned} with warnings")
        return ", ".join(parts)
