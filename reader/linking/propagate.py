"""Names the NER missed: untagged occurrences of a linked entity's written names.

The model tags "Kyiv" in one article but not in the dateline "Moscow/ Kyiv" of
another; once linking knows "Kyiv" is a place, every other whole-name
occurrence of that exact written form is the same place. Only forms that are
unambiguous (one entity) and not common words are looked for, and only where
they stand alone (not inside a longer capitalised name such as "Kyiv Post").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from itertools import compress, groupby
from operator import attrgetter, itemgetter, not_

from reader.linking import shortforms
from reader.linking.build import vote
from reader.linking.clusters import Clusters
from reader.linking.context import in_title_case_line, mid_sentence
from reader.linking.digest import ArticleDigest, words
from reader.linking.namesearch import NameSearch, local_occurrences, span_index
from reader.model import Article, EntityMention, EntityType, Evidence
from reader.names import clean_name

Located = tuple[int, EntityMention, EntityType, str]

_ARTICLE, _START, _END, _TEXT = (attrgetter(f) for f in ("article", "start", "end", "text"))


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
    roots = clusters.roots()
    mentions = list(map(itemgetter(1), located))
    # Grouped by article with C loops (a collection's mentions come article by article).
    by_article: dict[str, list[Located]] = {}
    for article_id, group in groupby(
        zip(map(_ARTICLE, mentions), located, strict=True), itemgetter(0)
    ):
        by_article.setdefault(article_id, []).extend(map(itemgetter(1), group))
    forms, kinds = _searched_forms(located, mentions, roots, lower, headline_only)
    search = NameSearch(forms, capitals_forms(forms))
    kind_of: dict[str, EntityType] = {}
    out: list[Located] = []
    found: Counter[tuple[int, str]] = Counter()
    short_evidence: list[tuple[int, Evidence]] = []
    for article, digest in documents:
        items = by_article.pop(article.id, [])
        text = article.text
        here = list(map(itemgetter(1), items))
        starts = list(map(_START, here))
        spans = list(zip(starts, map(_END, here), strict=True))
        # The article's own short forms (``shortforms``): they win over a form
        # from elsewhere ("Rock" by "Chris Rock" is him there).
        mine = shortforms.article_forms(items, roots, words(digest.lower)) if items else {}
        packed = digest.packed_spans.tolist()  # a list indexes faster than an array
        if forms:
            occurrences, at = search.occurrences(text, packed, spans)
        else:
            occurrences, at = [], span_index(packed) if mine else {}
        added: list[Located] = []
        for start, end, form in occurrences:
            root = forms[form]
            if shortforms.conflicts(mine, form, root):
                continue
            kind = kind_of.get(form)
            if kind is None:
                kind = kind_of[form] = vote(kinds[form])
            written = text[start:end]
            added.append(
                (root, EntityMention(article.id, start, end, written), kind, clean_name(written))
            )
            found[(root, form)] += 1
            spans.append((start, end))
        if mine:
            found_here = local_occurrences(text, packed, at, mine, spans)
            short_evidence.extend(_short_forms(article.id, text, found_here, mine, added))
        # In text order (a stable sort: mentions at one offset keep their order).
        if added or starts != sorted(starts):
            # Sorted on the starts column: the key is a C method, not a call per item.
            merged = [*items, *added]
            at_start = [*starts, *(item[1].start for item in added)]
            order = sorted(range(len(merged)), key=at_start.__getitem__)
            items = list(map(merged.__getitem__, order))
        out.extend(items)
    if by_article:
        raise KeyError(f"mentions of articles not linked: {sorted(by_article)[:3]}")
    for (root, form), count in sorted(found.items(), key=lambda item: item[0][1]):
        detail = f"{count} untagged occurrence(s) of the name found in the text"
        clusters.add_evidence(root, Evidence("text-match", (form,), detail))
    # Short forms' evidence after every text match, as each article's search found them.
    for root, evidence in short_evidence:
        clusters.add_evidence(root, evidence)
    return out


def _searched_forms(
    located: Sequence[Located],
    mentions: Sequence[EntityMention],
    roots: Sequence[int],
    lower: Collection[str],
    headline_only: Collection[int],
) -> tuple[dict[str, int], dict[str, Counter[EntityType]]]:
    """The written forms worth looking for, each with its cluster, and every form's type tags.

    Args:
        located: the linked mentions.
        mentions: their ``EntityMention`` column.
        roots: the cluster root of every node (``Clusters.roots``).
        lower: the words some article writes in lower case.
        headline_only: the nodes of names only ever tagged in title-case headlines.

    Returns:
        ``(forms, kinds)``: written form -> its one cluster root, for the forms
        ``add_untagged`` looks for; written form -> how often each type tagged it.
    """
    # C loops over the columns: a collection has hundreds of thousands of mentions.
    nodes = list(map(itemgetter(0), located))
    texts = list(map(_TEXT, mentions))
    owners = set(zip(texts, map(roots.__getitem__, nodes), strict=True))
    clusters_per_form = Counter(map(itemgetter(0), owners))
    in_body = set(compress(texts, map(not_, map(headline_only.__contains__, nodes))))
    forms = {
        text: root
        for text, root in owners
        if clusters_per_form[text] == 1
        and text in in_body
        and _searchable(text)
        and text.casefold() not in lower
    }
    kinds: dict[str, Counter[EntityType]] = {}
    for (text, kind), count in Counter(
        zip(texts, map(itemgetter(2), located), strict=True)
    ).items():
        if text in forms:
            kinds.setdefault(text, Counter())[kind] = count
    return forms, kinds


def _short_forms(
    article_id: str,
    text: str,
    occurrences: Sequence[tuple[int, int, str]],
    forms: Mapping[str, tuple[int, EntityType]],
    out: list[Located],
) -> list[tuple[int, Evidence]]:
    """The occurrences of an article's own short forms (``shortforms``) that stand
    mid-sentence in running text (a capital at a sentence start or in a headline says
    nothing), appended to ``out``.

    Args:
        article_id: the article.
        text: its text.
        occurrences: ``local_occurrences`` of its short forms.
        forms: its short forms -> (cluster root, type).
        out: where the kept mentions are appended.

    Returns:
        The evidence to record, as ``(cluster root, evidence)``, by form.
    """
    found: Counter[tuple[int, str]] = Counter()
    for start, end, form in occurrences:
        if not mid_sentence(text, start) or in_title_case_line(text, start, end):
            continue
        root, kind = forms[form]
        mention = EntityMention(article_id, start, end, text[start:end])
        out.append((root, mention, kind, form))
        found[(root, form)] += 1
    evidence = []
    for (root, form), count in sorted(found.items(), key=lambda item: item[0][1]):
        detail = f"written short {count} time(s) in an article that names it in full"
        evidence.append((root, Evidence("short-form", (form,), detail)))
    return evidence


def _searchable(form: str) -> bool:
    """Whether a written name is worth looking for: capitalised, one line, no odd marks."""
    return (
        len(form) >= 3
        and form[0].isupper()
        and "\n" not in form
        and all(ch.isalnum() or ch in " &'’-" for ch in form)
    )


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
