"""Everything linking needs from one article, computed once and storable.

Linking has a per-article part (cleaning and folding each mention's name, the
headline-line checks, acronym definitions written in the text, the words the
article writes in lower case, where an untagged name could start) and a global
part (joining names across articles). ``digest_article`` does the first part;
its ``ArticleDigest`` round-trips through ``to_dict``/``from_dict`` (JSON-safe),
so a persistent index can keep it and relinking a grown collection only digests
the new articles. ``linking_fingerprint`` changes whenever the linking code or
the shipped alias file does, so stored digests and results can be keyed by it.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from reader.fingerprint import source_fingerprint
from reader.linking import acronyms
from reader.linking.context import (
    MAX_HEADLINE,
    in_title_case_line,
    lower_and_capitalised,
    title_case,
)
from reader.model import LABEL_TYPES, Analysis, Article
from reader.names import clean_name, clean_spacing, fold_name

#: The modules whose code a digest or a linked result depends on (with their imports).
LINKING_ROOTS = ("reader.linking",)

#: Bumped when the stored layout of a digest changes.
DIGEST_VERSION = 1
#: Longest name (in words) the untagged-name search looks for.
MAX_WORDS = 6

# A word (group 1 leaves out a trailing possessive: "Ukraine's", "Jones'").
_TOKEN = re.compile(r"([^\W_][\w&'’-]*?)(?:['’]s?)?(?![\w&'’-])")
# Anything but letters, digits, spaces and the marks names have ("AT&T", "O'Neill").
# Capitalised words that follow a name without being part of it ("in Queens Friday night").
# "May" and "March" are left out: they end names too ("Theresa May").
_NEVER_NAME_END = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"january", "february", "april", "june", "july", "august", "september"}
    | {"october", "november", "december"}
)
_ODD_MARK = re.compile(r"[^\w &'’-]|_")


@dataclass(frozen=True, slots=True)
class NameMention:
    """One analysis mention with its linking keys.

    Attributes:
        start: offset of the mention in the article text.
        end: end offset.
        text: the mention as the analysis wrote it.
        label: the NER label.
        written: the cleaned, displayable name ("" when nothing is left).
        key: the folded comparison key (never empty).
        in_body: False when the mention sits in a title-case headline line.
    """

    start: int
    end: int
    text: str
    label: str
    written: str
    key: str
    in_body: bool


@dataclass(frozen=True, slots=True)
class ArticleDigest:
    """The per-article part of linking for one article (see ``digest_article``).

    Attributes:
        article: the article id.
        size: the length of the article text (a cheap check that it still fits).
        count: how many analysis mentions it was made from.
        mentions: the mentions that have a name, in analysis order.
        definitions: acronym definitions written in the text, as
            ``(long key, acronym key, defining text)``.
        lower: words the article writes in lower case.
        capitalised: words the article capitalises mid-sentence.
        spans: where a name not tagged by NER could stand: ``(start, ends)``
            with every end that closes a plausible name starting there,
            shortest first.
    """

    article: str
    size: int
    count: int
    mentions: tuple[NameMention, ...]
    definitions: tuple[tuple[str, str, str], ...]
    lower: frozenset[str]
    capitalised: frozenset[str]
    spans: tuple[tuple[int, tuple[int, ...]], ...]

    def fits(self, article: Article, analysis: Analysis) -> bool:
        """Whether this digest was plausibly made from ``article`` and ``analysis``."""
        return (
            self.article == article.id
            and self.size == len(article.text)
            and self.count == len(analysis.mentions)
        )

    def to_dict(self) -> dict[str, Any]:
        """A compact JSON-safe form (lists, strings and numbers only)."""
        return {
            "v": DIGEST_VERSION,
            "article": self.article,
            "size": self.size,
            "count": self.count,
            "mentions": [
                [m.start, m.end, m.text, m.label, m.written, m.key, int(m.in_body)]
                for m in self.mentions
            ],
            "definitions": [list(d) for d in self.definitions],
            "lower": " ".join(sorted(self.lower)),
            "capitalised": " ".join(sorted(self.capitalised)),
            "spans": [[start, *ends] for start, ends in self.spans],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleDigest:
        """Rebuild a digest from ``to_dict`` output.

        Raises:
            ValueError: the data is not a digest of this version.
        """
        if not isinstance(data, dict) or data.get("v") != DIGEST_VERSION:
            raise ValueError("not an article digest of this version")
        try:
            mentions = tuple(
                NameMention(int(s), int(e), str(t), str(lab), str(w), str(k), bool(b))
                for s, e, t, lab, w, k, b in data["mentions"]
            )
            definitions = tuple((str(a), str(b), str(c)) for a, b, c in data["definitions"])
            spans = tuple((int(s), tuple(int(e) for e in ends)) for s, *ends in data["spans"])
            return cls(
                article=str(data["article"]),
                size=int(data["size"]),
                count=int(data["count"]),
                mentions=mentions,
                definitions=definitions,
                lower=frozenset(_words(data["lower"])),
                capitalised=frozenset(_words(data["capitalised"])),
                spans=spans,
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"broken article digest: {error}") from error


def _words(value: Any) -> list[str]:
    if not isinstance(value, str):
        raise TypeError("word list must be a string")
    return value.split()


def digest_article(article: Article, analysis: Analysis) -> ArticleDigest:
    """Do all of linking's per-article work for one article.

    Args:
        article: the article.
        analysis: its analysis (the mentions are what gets linked).

    Returns:
        The digest; ``link_entities(..., digests=...)`` uses it instead of
        redoing this work, with exactly the same result.
    """
    text = article.text
    mentions = []
    for mention in analysis.mentions:
        written = clean_name(mention.text, person=LABEL_TYPES[mention.label] == "person")
        key = fold_name(written) or fold_name(clean_spacing(mention.text))
        if not key:
            continue
        in_body = not in_title_case_line(text, mention.start, mention.end)
        mentions.append(
            NameMention(
                mention.start, mention.end, mention.text, mention.label, written, key, in_body
            )
        )
    lower, capitalised = lower_and_capitalised(text)
    return ArticleDigest(
        article=article.id,
        size=len(text),
        count=len(analysis.mentions),
        mentions=tuple(mentions),
        definitions=tuple(acronyms.definitions(text, analysis.mentions)),
        lower=frozenset(sys.intern(w) for w in lower),
        capitalised=frozenset(sys.intern(w) for w in capitalised),
        spans=tuple(name_spans(text)),
    )


def name_spans(text: str) -> list[tuple[int, tuple[int, ...]]]:
    """Where a name could stand on its own in ``text``: the untagged-name search index.

    A name starts at a capitalised word not joined to a capitalised word before
    it (or joined only to a "The" opening the run), runs over at most
    ``MAX_WORDS`` words, and ends at a word not joined to a capitalised word
    after it ("Kyiv" in "Kyiv's mayor" but not in "Kyiv
    Post"); in a line written in capitals or in title case (a headline), where
    every word is capitalised, any run of words may be a name.
    Spans with a line break or a mark no name has (a comma, a full stop) are
    left out, and with them every longer span from the same start.

    Returns:
        ``(start, ends)`` for each possible start, ends shortest first.
    """
    # A token's end leaves out a possessive: "Ukraine's" is the name "Ukraine".
    tokens = [(m.start(), m.end(1)) for m in _TOKEN.finditer(text)]
    upper = [text[start].isupper() for start, _ in tokens]
    capitals = _headline_lines(text)
    capital_starts = [start for start, _ in capitals]
    # joined[i]: token i and the next are parts of one capitalised name ("Kyiv Post").
    # In a line of capitals or a title-case headline every word is capitalised, so
    # no word tells where a name ends: there any run of words may be a name
    # ("KLITSCHKO RETAINS TITLE", "Woman Killed In Queens Hit-And-Run").
    joined = [
        upper[i]
        and upper[i + 1]
        and _same_line_space(text[tokens[i][1] : tokens[i + 1][0]])
        and text[tokens[i + 1][0] : tokens[i + 1][1]].casefold() not in _NEVER_NAME_END
        and not _inside(capitals, capital_starts, tokens[i][0])
        for i in range(len(tokens) - 1)
    ]
    joined.append(False)
    out = []
    for index, (start, _) in enumerate(tokens):
        # A name may also start right after a "The" opening the run ("The Kremlin said").
        if not upper[index] or (
            index and joined[index - 1] and not _leading_the(text, tokens, joined, index - 1)
        ):
            continue
        ends = []
        checked = start  # text[start:checked] holds only marks a name may have
        for last in range(index, min(index + MAX_WORDS, len(tokens))):
            end = tokens[last][1]
            if _ODD_MARK.search(text, checked, end):
                break
            checked = end
            if end - start >= 3 and not joined[last]:
                ends.append(end)
        if ends:
            out.append((start, tuple(ends)))
    return out


def _leading_the(text: str, tokens: list[tuple[int, int]], joined: list[bool], index: int) -> bool:
    """Whether token ``index`` is a "The" that opens a run of capitalised words."""
    start, end = tokens[index]
    return text[start:end] == "The" and (index == 0 or not joined[index - 1])


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every line in capitals only (two letters or more) or in title
    case (a headline: ``context.title_case``, no longer than ``MAX_HEADLINE``).
    """
    found = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        capitals = line.upper() == line and sum(ch.isalpha() for ch in line) >= 2
        if capitals or (len(line) <= MAX_HEADLINE and title_case(line)):
            found.append((start, end))
        start = end + 1
    return found


def _inside(lines: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    index = bisect_right(starts, offset) - 1
    return index >= 0 and offset < lines[index][1]


def _same_line_space(gap: str) -> bool:
    return gap.isspace() and "\n" not in gap


def linking_fingerprint() -> str:
    """A short hash of the linking code (with every reader module it imports) and the
    package's data files (the shipped alias file among them): stored digests and
    linked results are valid while it holds.
    """
    return source_fingerprint(LINKING_ROOTS)
