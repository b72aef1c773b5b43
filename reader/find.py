"""Find text: a word, a phrase or a regular expression across every loaded article.

Matches are spans like entity mentions, so the UI walks them with the same
cursor (:class:`reader.navigation.MentionIndex`) and shows ``i/N`` the same way.

Plain text is matched as whole words, case-insensitively by default, with any
run of whitespace in the query matching any run in the text (a line break in
the article does not hide a phrase) and typographic apostrophes, quotes and
dashes matching their plain forms. Regular expressions run under the ``regex``
package with a time budget, so a catastrophic pattern cannot freeze the
reader; the number of matches is capped too.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import regex

from reader.model import Article, EntityMention
from reader.navigation import MentionIndex

FindMode = Literal["text", "regex"]

#: More matches than this are not collected (the UI says "N+").
MAX_MATCHES = 10_000
#: Seconds a regular expression may run over all articles together.
REGEX_BUDGET = 1.0

#: A match is a located span of an article, exactly like an entity mention.
Match = EntityMention

# Characters a reader types plainly but news text often sets typographically.
_VARIANTS = {
    "'": "'‘’ʼ′",
    '"': '"“”″',
    "-": "-‐‑‒–—―",
}
_VARIANT_OF = {char: plain for plain, chars in _VARIANTS.items() for char in chars}


class FindError(ValueError):
    """A query that cannot be searched; ``str()`` is a one-line message for the reader."""


@dataclass(frozen=True, slots=True)
class FindResults:
    """The matches of one query, in reading order.

    Attributes:
        query: what was searched.
        mode: "text" or "regex".
        matches: the matches (at most ``MAX_MATCHES``).
        truncated: True when more matches exist than were collected.
    """

    query: str
    mode: FindMode
    matches: tuple[Match, ...]
    truncated: bool = False

    @property
    def count_label(self) -> str:
        """The number of matches as the reader sees it: ``"12"`` or ``"10000+"``."""
        return f"{len(self.matches)}{'+' if self.truncated else ''}"

    def spans_in(self, article_id: str) -> list[tuple[int, int]]:
        """The ``(start, end)`` of every match in one article, for highlighting."""
        return [(m.start, m.end) for m in self.matches if m.article == article_id]

    def cursor(self, order: Sequence[str]) -> MentionIndex:
        """A cursor over the matches, ordered by the articles' reading ``order``."""
        return MentionIndex(self.matches, order)


def find(
    articles: Sequence[Article],
    query: str,
    mode: FindMode = "text",
    case_sensitive: bool = False,
    limit: int = MAX_MATCHES,
) -> FindResults:
    """Search every article for ``query``.

    Args:
        articles: the articles to search, in reading order.
        query: a word or phrase (mode "text") or a regular expression (mode "regex").
        mode: how to read ``query``.
        case_sensitive: whether letter case must match.
        limit: the most matches to collect.

    Returns:
        The matches, article by article in the order given, by offset inside one.
        An empty or blank query finds nothing. Empty regex matches are skipped
        (there is nothing to highlight).

    Raises:
        FindError: the regular expression is invalid or too slow.
    """
    if not query.strip():
        return FindResults(query, mode, ())
    if mode == "text":
        pattern = text_pattern(query, case_sensitive)
    elif mode == "regex":
        pattern = _compile_regex(query, case_sensitive)
    else:
        raise FindError(f"unknown find mode {mode!r} (text or regex)")
    matches: list[Match] = []
    deadline = time.monotonic() + REGEX_BUDGET
    for article in articles:
        spans = _spans(pattern, article.text, deadline, limit, timed=mode == "regex")
        for start, end in spans:
            if len(matches) >= limit:
                return FindResults(query, mode, tuple(matches), truncated=True)
            matches.append(Match(article.id, start, end, article.text[start:end]))
    return FindResults(query, mode, tuple(matches))


def find_matches(
    articles: Sequence[Article],
    query: str,
    mode: FindMode = "text",
    case_sensitive: bool = False,
) -> list[Match]:
    """The matches of ``query`` in ``articles`` in reading order (see :func:`find`)."""
    return list(find(articles, query, mode, case_sensitive).matches)


def text_pattern(query: str, case_sensitive: bool = False) -> regex.Pattern[str]:
    """The pattern plain-text ``query`` is searched with: whole words, flexible whitespace.

    A query that starts or ends with a word character only matches where the
    text has no word character just before or after, so "war" does not find
    "software" but "war." (ending in punctuation) still finds "war.".
    """
    words = query.split()
    body = r"\s+".join("".join(_literal(char) for char in word) for word in words)
    head = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    tail = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    flags = regex.VERSION0 if case_sensitive else regex.VERSION0 | regex.IGNORECASE
    return regex.compile(head + body + tail, flags)


def _literal(char: str) -> str:
    plain = _VARIANT_OF.get(char)
    if plain is None:
        return regex.escape(char)
    return "[" + "".join(regex.escape(c) for c in _VARIANTS[plain]) + "]"


def _compile_regex(query: str, case_sensitive: bool) -> regex.Pattern[str]:
    flags = 0 if case_sensitive else regex.IGNORECASE
    try:
        return regex.compile(query, flags | regex.VERSION0)
    except (regex.error, ValueError, OverflowError, RecursionError) as exc:
        # regex's messages already say where: "unterminated character set at position 1".
        raise FindError(f"invalid regular expression: {exc}") from None


def _spans(
    pattern: regex.Pattern[str], text: str, deadline: float, limit: int, *, timed: bool
) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    remaining = max(deadline - time.monotonic(), 0.001)
    try:
        found = pattern.finditer(text, timeout=remaining) if timed else pattern.finditer(text)
        for match in found:
            if match.end() > match.start():
                spans.append((match.start(), match.end()))
            if len(spans) > limit:
                break
    except TimeoutError:
        raise FindError(
            f"the regular expression took over {REGEX_BUDGET:g} s; try a simpler one"
        ) from None
    return spans
