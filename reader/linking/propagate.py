"""Names the NER missed: untagged occurrences of a linked entity's written names.

The model tags "Kyiv" in one article but not in the dateline "Moscow/ Kyiv" of
another; once linking knows "Kyiv" is a place, every other whole-name
occurrence of that exact written form is the same place. Only forms that are
unambiguous (one entity) and not common words are looked for, and only where
they stand alone (not inside a longer capitalised name such as "Kyiv Post").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from itertools import accumulate

from reader.linking.build import vote
from reader.linking.clusters import Clusters
from reader.linking.context import word_usage
from reader.linking.names import clean_name
from reader.model import Article, EntityMention, EntityType, Evidence

Located = tuple[int, EntityMention, EntityType, str]

_TOKEN = re.compile(r"[^\W_][\w&'’-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
#: Longest name (in words) looked for.
MAX_WORDS = 6


def add_untagged(
    articles: Sequence[Article], located: Sequence[Located], clusters: Clusters
) -> list[Located]:
    """Every mention plus the untagged occurrences of unambiguous, uncommon written names.

    A written form counts when all its mentions are in one cluster, it is
    capitalised, and (for one word) no article writes it in lower case.

    Args:
        articles: the linked articles, in reading order.
        located: the linked mentions as ``(node, mention, type, cleaned name)``.
        clusters: the linked clusters; each finding is recorded as evidence.

    Returns:
        All mentions, old and found, in reading order (article, then offset).
    """
    owners: dict[str, set[int]] = {}
    kinds: dict[str, Counter[EntityType]] = {}
    tagged: dict[str, list[tuple[int, int]]] = {}
    for node, mention, kind, _ in located:
        owners.setdefault(mention.text, set()).add(clusters.find(node))
        kinds.setdefault(mention.text, Counter())[kind] += 1
        tagged.setdefault(mention.article, []).append((mention.start, mention.end))
    forms = {f: next(iter(r)) for f, r in owners.items() if len(r) == 1 and _searchable(f)}
    lower, _ = word_usage((a.text for a in articles), {f.casefold() for f in forms})
    forms = {f: root for f, root in forms.items() if f.casefold() not in lower}
    texts = {article.id: article.text for article in articles}
    out = list(located)
    found: Counter[tuple[int, str]] = Counter()
    for article_id, start, end, form, root in untagged_occurrences(articles, forms, tagged):
        text = texts[article_id][start:end]
        kind = vote(kinds[form])
        out.append((root, EntityMention(article_id, start, end, text), kind, clean_name(text)))
        found[(root, form)] += 1
    for (root, form), count in sorted(found.items(), key=lambda item: item[0][1]):
        detail = f"{count} untagged occurrence(s) of the name found in the text"
        clusters.add_evidence(root, Evidence("text-match", (form,), detail))
    order = {article.id: number for number, article in enumerate(articles)}
    out.sort(key=lambda item: (order[item[1].article], item[1].start))
    return out


def _searchable(form: str) -> bool:
    """Whether a written name is worth looking for: capitalised, one line, no odd marks."""
    return (
        len(form) >= 3
        and form[0].isupper()
        and "\n" not in form
        and all(ch.isalnum() or ch in " &'’-" for ch in form)
    )


def untagged_occurrences(
    articles: Sequence[Article],
    forms: Mapping[str, int],
    tagged: Mapping[str, Sequence[tuple[int, int]]],
) -> Iterator[tuple[str, int, int, str, int]]:
    """Occurrences of known names that no mention covers.

    Args:
        articles: the articles to search.
        forms: exact written name -> the cluster it belongs to.
        tagged: article id -> the ``(start, end)`` of its existing mentions.

    Yields:
        ``(article id, start, end, form, cluster)`` for each untagged occurrence.
    """
    if not forms:
        return
    longest = min(MAX_WORDS, max(len(form.split()) for form in forms))
    for article in articles:
        text = article.text
        tokens = [(m.start(), _word_end(m)) for m in _TOKEN.finditer(text)]
        covered = sorted(tagged.get(article.id, ()))
        starts = [s for s, _ in covered]
        reach = list(accumulate((e for _, e in covered), max))
        index = 0
        while index < len(tokens):
            found = _match_at(text, tokens, index, longest, forms)
            if found is None:
                index += 1
                continue
            size, form = found
            start, end = tokens[index][0], tokens[index + size - 1][1]
            if not _overlaps(starts, reach, start, end):
                yield article.id, start, end, form, forms[form]
            index += size


def _word_end(match: re.Match[str]) -> int:
    # "Ukraine's" is the name "Ukraine" with a possessive.
    trail = _POSSESSIVE.search(match.group())
    return match.end() - (len(trail.group()) if trail else 0)


def _match_at(
    text: str,
    tokens: list[tuple[int, int]],
    index: int,
    longest: int,
    forms: Mapping[str, int],
) -> tuple[int, str] | None:
    """The longest known name starting at token ``index`` that stands on its own."""
    start = tokens[index][0]
    if not text[start].isupper() or _joined(text, tokens, index - 1, index):
        return None
    for size in range(min(longest, len(tokens) - index), 0, -1):
        last = index + size - 1
        candidate = text[start : tokens[last][1]]
        if candidate in forms and not _joined(text, tokens, last, last + 1):
            return size, candidate
    return None


def _joined(text: str, tokens: list[tuple[int, int]], left: int, right: int) -> bool:
    """Whether two neighbouring tokens are parts of one capitalised name ("Kyiv Post")."""
    if left < 0 or right >= len(tokens):
        return False
    gap = text[tokens[left][1] : tokens[right][0]]
    capitalised = text[tokens[left][0]].isupper() and text[tokens[right][0]].isupper()
    return capitalised and gap.isspace() and "\n" not in gap


def _overlaps(starts: list[int], reach: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps a covered span.

    ``starts`` are the covered spans' sorted starts and ``reach[i]`` the
    furthest end among the first ``i + 1`` of them: a span overlaps when one
    starting before ``end`` reaches past ``start``. Logarithmic, so a long
    article with thousands of mentions stays fast.
    """
    before = bisect_left(starts, end)
    return before > 0 and reach[before - 1] > start
