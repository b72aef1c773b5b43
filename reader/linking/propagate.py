"""Names the NER missed: untagged occurrences of a linked entity's written names.

The model tags "Kyiv" in one article but not in the dateline "Moscow/ Kyiv" of
another; once linking knows "Kyiv" is a place, every other whole-name
occurrence of that exact written form is the same place. Only forms that are
unambiguous (one entity) and not common words are looked for, and only where
they stand alone (not inside a longer capitalised name such as "Kyiv Post").
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from itertools import accumulate

from reader.linking import shortforms
from reader.linking.build import vote
from reader.linking.clusters import Clusters
from reader.linking.context import in_title_case_line, mid_sentence
from reader.linking.digest import ArticleDigest
from reader.model import Article, EntityMention, EntityType, Evidence
from reader.names import clean_name

Located = tuple[int, EntityMention, EntityType, str]


def add_untagged(
    documents: Sequence[tuple[Article, ArticleDigest]],
    located: Sequence[Located],
    clusters: Clusters,
    lower: Collection[str],
    headline_only: Collection[int] = (),
) -> list[Located]:
    """Every mention plus the untagged occurrences of unambiguous, uncommon written names.

    A written form counts when all its mentions are in one cluster, it is
    capitalised, (for one word) no article writes it in lower case, and the
    model tagged it in running text at least once: a span only ever tagged in
    title-case headlines ("Driver Charged") is too unsure to look for.

    Args:
        documents: the linked articles with their digests, in reading order.
        located: the linked mentions as ``(node, mention, type, cleaned name)``.
        clusters: the linked clusters; each finding is recorded as evidence.
        lower: the words some article writes in lower case.
        headline_only: the nodes of names only ever tagged in title-case headlines.

    Returns:
        All mentions, old and found, in reading order (article, then offset).
    """
    owners: dict[str, set[int]] = {}
    kinds: dict[str, Counter[EntityType]] = {}
    tagged: dict[str, list[tuple[int, int]]] = {}
    in_body: set[str] = set()
    for node, mention, kind, _ in located:
        owners.setdefault(mention.text, set()).add(clusters.find(node))
        kinds.setdefault(mention.text, Counter())[kind] += 1
        tagged.setdefault(mention.article, []).append((mention.start, mention.end))
        if node not in headline_only:
            in_body.add(mention.text)
    forms = {
        f: next(iter(r))
        for f, r in owners.items()
        if len(r) == 1 and f in in_body and _searchable(f) and f.casefold() not in lower
    }
    local = shortforms.local_forms(
        [(article.id, digest.lower) for article, digest in documents], located, clusters
    )
    out = list(located)
    found: Counter[tuple[int, str]] = Counter()
    caps = capitals_forms(forms)
    for article, digest in documents:
        spans = tagged.get(article.id, ())
        occurrences = untagged_occurrences(article.text, digest, forms, spans, caps)
        mine = local.get(article.id, {})
        for start, end, form in occurrences:
            root = forms[form]
            # The article's own short form wins: "Rock" by "Chris Rock" is him there.
            if shortforms.conflicts(mine, form, root):
                continue
            text = article.text[start:end]
            kind = vote(kinds[form])
            out.append((root, EntityMention(article.id, start, end, text), kind, clean_name(text)))
            found[(root, form)] += 1
    for (root, form), count in sorted(found.items(), key=lambda item: item[0][1]):
        detail = f"{count} untagged occurrence(s) of the name found in the text"
        clusters.add_evidence(root, Evidence("text-match", (form,), detail))
    out.extend(_find_local(documents, out, clusters, local))
    order = {article.id: number for number, (article, _) in enumerate(documents)}
    out.sort(key=lambda item: (order[item[1].article], item[1].start))
    return out


def _find_local(
    documents: Sequence[tuple[Article, ArticleDigest]],
    located: Sequence[Located],
    clusters: Clusters,
    local: Mapping[str, Mapping[str, tuple[int, EntityType]]],
) -> list[Located]:
    """Occurrences of each article's own short forms (``shortforms``) in that article,
    mid-sentence in running text (a capital at a sentence start or in a headline says
    nothing)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for _, mention, _, _ in located:
        if mention.article in local:
            spans.setdefault(mention.article, []).append((mention.start, mention.end))
    out: list[Located] = []
    for article, digest in documents:
        forms = local.get(article.id)
        if not forms:
            continue
        text = article.text
        found: Counter[tuple[int, str]] = Counter()
        for start, end, form in _occurrences(text, digest, forms, spans.get(article.id, [])):
            if not mid_sentence(text, start) or in_title_case_line(text, start, end):
                continue
            root, kind = forms[form]
            mention = EntityMention(article.id, start, end, text[start:end])
            out.append((root, mention, kind, form))
            found[(root, form)] += 1
        for (root, form), count in sorted(found.items(), key=lambda item: item[0][1]):
            detail = f"written short {count} time(s) in an article that names it in full"
            clusters.add_evidence(root, Evidence("short-form", (form,), detail))
    return out


def _occurrences(
    text: str, digest: ArticleDigest, forms: Collection[str], tagged: list[tuple[int, int]]
) -> Iterator[tuple[int, int, str]]:
    """Untagged whole-name occurrences of a few forms in one article, left to right.

    Like ``untagged_occurrences`` (a name stands where the digest lists a span
    for it; the longest name starting first wins), but for a handful of forms,
    found by plain text search instead of a lookup at every possible name start.
    """
    hits = []
    for form in forms:
        index = text.find(form)
        while index != -1:
            hits.append((index, -len(form), form))
            index = text.find(form, index + 1)
    if not hits:
        return
    ends_at = dict(digest.spans)
    covered = sorted(tagged)
    starts = [s for s, _ in covered]
    reach = list(accumulate((e for _, e in covered), max))
    after = 0
    for start, minus, form in sorted(hits):
        end = start - minus
        if start < after or end not in ends_at.get(start, ()):
            continue
        after = end
        if not _overlaps(starts, reach, start, end):
            yield start, end, form


def _searchable(form: str) -> bool:
    """Whether a written name is worth looking for: capitalised, one line, no odd marks."""
    return (
        len(form) >= 3
        and form[0].isupper()
        and "\n" not in form
        and all(ch.isalnum() or ch in " &'’-" for ch in form)
    )


def untagged_occurrences(
    text: str,
    digest: ArticleDigest,
    forms: Mapping[str, int],
    tagged: Sequence[tuple[int, int]],
    caps: Mapping[str, str] | None = None,
) -> Iterator[tuple[int, int, str]]:
    """Occurrences of known names in one article that no mention covers.

    Only the places the digest lists as possible name spans are looked up, each
    with one dictionary lookup per possible end, so the search grows with the
    text, never with the number of names times the number of articles.

    Args:
        text: the article text.
        digest: the article's digest (its ``spans`` are the search index).
        forms: exact written name -> the cluster it belongs to.
        tagged: the ``(start, end)`` of the article's existing mentions.
        caps: ``capitals_forms(forms)``, made once for many articles (made here
            when None).

    Yields:
        ``(start, end, form)`` for each untagged occurrence, left to right;
        where names overlap, the longest one starting first wins.
    """
    if not forms:
        return
    if caps is None:
        caps = capitals_forms(forms)
    covered = sorted(tagged)
    starts = [s for s, _ in covered]
    reach = list(accumulate((e for _, e in covered), max))
    after = 0  # the end of the last name found: later names start past it
    for start, ends in digest.spans:
        if start < after:
            continue
        found = next(
            (
                (start, end, form)
                for end in reversed(ends)
                if (form := _known(text[start:end], forms, caps))
            ),
            None,
        )
        if found is None:
            # The shortest end closes the capitalised run the span starts.
            found = _ending_inside(text, start, ends[0], forms, caps)
            if found is None:
                continue
        start, end, form = found
        after = end
        if not _overlaps(starts, reach, start, end):
            yield start, end, form


def _ending_inside(
    text: str, start: int, end: int, forms: Mapping[str, int], caps: Mapping[str, str]
) -> tuple[int, int, str] | None:
    """A known name of several words that closes the capitalised run ``text[start:end]``:
    "Tony Reagins" in "Los Angeles Angels GM Tony Reagins" (a title or team glued before
    it). One word is never taken this way ("Post" is no name of its own in "Kyiv Post").

    Returns:
        ``(start, end, form)`` of the longest such name, or None.
    """
    space = text.find(" ", start, end)
    while space != -1:
        inner = space + 1
        written = text[inner:end]
        if " " not in written:
            return None
        if form := _known(written, forms, caps):
            return inner, end, form
        space = text.find(" ", inner, end)
    return None


def _known(written: str, forms: Mapping[str, int], caps: Mapping[str, str]) -> str:
    """The known name ``written`` is, as written or in capitals ("KLITSCHKO"), else ""."""
    if written in forms:
        return written
    return caps.get(written, "") if written.isupper() else ""


def capitals_forms(forms: Collection[str]) -> dict[str, str]:
    """Each known name written in capitals -> the name ("WLADIMIR KLITSCHKO" -> ...).

    Only names whose capitals keep their length (so offsets hold) and stand for
    one name; names already in capitals ("NATO") are looked up as written.
    """
    found: dict[str, str] = {}
    clashes: set[str] = set()
    for form in forms:
        upper = form.upper()
        if len(upper) != len(form) or upper == form:
            continue
        if upper in found:
            clashes.add(upper)
        found[upper] = form
    return {upper: form for upper, form in found.items() if upper not in clashes}


def _overlaps(starts: list[int], reach: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps a covered span.

    ``starts`` are the covered spans' sorted starts and ``reach[i]`` the
    furthest end among the first ``i + 1`` of them: a span overlaps when one
    starting before ``end`` reaches past ``start``. Logarithmic, so a long
    article with thousands of mentions stays fast.
    """
    before = bisect_left(starts, end)
    return before > 0 and reach[before - 1] > start
