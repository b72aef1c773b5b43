"""Finding article files under the paths a user names."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.loading.file_memo import Stamp, stamp_of
from reader.model import LoadError
from reader.web.feeds import looks_like_feed

#: File name endings read as RSS or Atom feeds.
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
#: File name endings read as articles when found inside a folder.
ARTICLE_SUFFIXES = (
    frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}) | FEED_SUFFIXES
)
#: A project's own files, which archives and datasets ship beside their articles
#: ("README.md", "LICENSE", "COPYING-CC.TXT", "CHANGELOG.md"): passed over inside a folder.
#: The name before its ending is one of these words alone, or with one short tag after a
#: dash, underscore or dot ("LICENSE-MIT", "README.ja"); "license-plate-thefts.txt" is read.
_PROJECT_FILE = re.compile(
    r"(?:readme|licen[cs]e|copying|copyright|authors|contributors|contributing|changelog"
    r"|code[-_]of[-_]conduct)(?:[-_.][a-z0-9]{1,12})?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Found:
    """An article file, with the id it gets (its path relative to the argument).

    ``argument`` is the position of the path it was found under in ``discover``'s list.
    """

    path: Path
    id: str
    argument: int = 0
    #: Its identity and times when found (``file_memo.stamp_of``), None when unknown.
    stamp: Stamp | None = field(default=None, compare=False)


def discover(paths: Sequence[Path]) -> tuple[list[Found], list[LoadError]]:
    """List the article files named by ``paths``, in order, each real file once.

    Folders are walked recursively in natural name order (``2`` before ``10``);
    hidden files and folders are skipped, files with other endings are ignored, and
    so are a project's own files (``is_project_file``); symlink loops are detected.
    A file named explicitly is read whatever its ending.
    """
    found: list[Found] = []
    errors: list[LoadError] = []
    seen_files: set[tuple[int, int] | str] = set()
    used_ids: set[str] = set()
    for number, argument in enumerate(paths):
        if not argument.exists():
            kind = "broken symlink" if argument.is_symlink() else "no such file or folder"
            errors.append(LoadError(str(argument), kind))
            continue
        if argument.is_dir():
            entries = list(_walk(argument, errors))
        else:
            entries = [(argument, argument.name, *_identity(argument))]
        for path, relative, real, stamp in entries:
            if real in seen_files:
                continue
            seen_files.add(real)
            found.append(Found(path, _unique_id(relative, argument, used_ids), number, stamp))
    return found, errors


def _identity(path: Path | str) -> tuple[tuple[int, int] | str, Stamp | None]:
    """What makes two paths one file: device and inode (one ``stat``, where
    resolving the real path costs one per path component); with the file's stamp."""
    try:
        info = os.stat(path)
    except OSError:
        return os.path.abspath(path), None  # the loader will say why it cannot be read
    return (info.st_dev, info.st_ino), stamp_of(info)


_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[tuple[int, int, str], ...], str]:
    """A sort key that orders runs of digits by value: ``part2`` before ``part10``.

    Text parts compare case-insensitively; the exact name breaks ties, so the order is total.
    """
    parts: list[tuple[int, int, str]] = []
    for index, part in enumerate(_DIGITS.split(name)):
        if index % 2:  # a run of digits
            parts.append((0, int(part), part))
        elif part:
            parts.append((1, 0, part.casefold()))
    return tuple(parts), name


_Walked = tuple[Path, str, "tuple[int, int] | str", "Stamp | None"]


def _walk(root: Path, errors: list[LoadError]) -> Iterator[_Walked]:
    """Article files under ``root``: (path, path relative to ``root``, identity, stamp).

    ``os.scandir`` tells files from folders without a ``stat`` for each (only a
    symlink needs one), so a file costs one ``stat``, for its identity. (The inode
    number the listing gives is not it: on overlay file systems it can differ from
    the one ``stat`` gives a file named directly.)
    """
    ancestors: set[tuple[int, int]] = set()  # folders on the current path: a loop
    walked: set[tuple[int, int]] = set()  # folders already listed via another link

    def walk(folder: Path, prefix: str) -> Iterator[_Walked]:
        try:
            info = folder.stat()
        except OSError as exc:
            errors.append(LoadError(str(folder), f"cannot open folder ({exc.strerror})"))
            return
        identity = (info.st_dev, info.st_ino)
        if identity in ancestors:
            errors.append(LoadError(str(folder), "symlink loop, folder skipped", fatal=False))
            return
        if identity in walked:
            return
        walked.add(identity)
        try:
            with os.scandir(folder) as listing:
                children = sorted(listing, key=lambda entry: natural_key(entry.name))
        except OSError as exc:
            errors.append(LoadError(str(folder), f"cannot list folder ({exc.strerror})"))
            return
        ancestors.add(identity)
        for child in children:
            name = child.name
            if name.startswith("."):
                continue
            if _is_dir(child):
                yield from walk(folder / name, f"{prefix}{name}/")
            elif _is_article_file(child):
                yield folder / name, prefix + name, *_entry_identity(child)
        ancestors.discard(identity)

    yield from walk(root, "")


def _entry_identity(entry: os.DirEntry[str]) -> tuple[tuple[int, int] | str, Stamp | None]:
    """``_identity`` of a listed file, and its stamp."""
    try:
        info = entry.stat()
    except OSError:
        return os.path.abspath(entry.path), None
    return (info.st_dev, info.st_ino), stamp_of(info)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def is_project_file(name: str) -> bool:
    """Whether a file's name is that of a project's own file (a readme, a licence), not an
    article's: ``README.md``, ``LICENSE``, ``COPYING-CC.TXT``, ``CHANGELOG.md``."""
    return _PROJECT_FILE.fullmatch(os.path.splitext(name)[0]) is not None


def _is_article_file(entry: os.DirEntry[str]) -> bool:
    """Whether a file inside a folder is read: its ending says so (an .xml file must be a
    feed), and its name is no project file's (``is_project_file``)."""
    suffix = os.path.splitext(entry.name)[1].lower()
    if is_project_file(entry.name):
        return False
    try:
        if suffix not in ARTICLE_SUFFIXES or not entry.is_file():
            return False
    except OSError:
        return False
    if suffix != ".xml":
        return True
    # .xml is also sitemaps, configs, office files' parts: only feeds are articles.
    try:
        with open(entry.path, "rb") as file:
            return looks_like_feed(file.read(4096))
    except OSError:
        return True  # let the loader say why it cannot be read


def _unique_id(relative: str, argument: Path, used: set[str]) -> str:
    candidate = relative
    if candidate in used:
        candidate = f"{argument.name}/{relative}"
    number = 2
    base = candidate
    while candidate in used:
        candidate = f"{base}~{number}"
        number += 1
    used.add(candidate)
    return candidate
