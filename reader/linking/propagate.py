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
from collections.abc import Collection, Mapping, Sequence
from functools import partial
from itertools import accumulate, compress, groupby
from operator import attrgetter, itemgetter, not_
from typing import Any, cast, get_args

from reader import aside
from reader.linking import mistyped, shortforms
from reader.linking.build import vote
from reader.linking.clusters import Clusters
from reader.linking.context import in_title_case_line, mid_sentence
from reader.linking.digest import ArticleDigest, words
from reader.linking.namesearch import (
    NameSearch,
    capitals_forms,
    displaced_places,
    displaces,
    local_occurrences,
    placed,
    searchable,
)
from reader.model import Article, EntityMention, EntityType, Evidence
from reader.names import clean_name, fold_name

Located = tuple[int, EntityMention, EntityType, str]

_ARTICLE, _START, _END, _TEXT = (attrgetter(f) for f in ("article", "start", "end", "text"))
_KINDS = frozenset(get_args(EntityType))


def add_untagged(
    documents: Sequence[tuple[Article, ArticleDigest]],
    located: Sequence[Located],
    clusters: Clusters,
    lower: Collection[str],
    headline_only: Collection[int] = (),
    node_keys: Sequence[str] | None = None,
    changed: Collection[int] = (),
    marked: mistyped.MarkedNodes | None = None,
    overlong: Collection[str] = (),
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
        node_keys: the folded name of every node: with it, an article whose mentions
            are as its digest has them takes its short forms from the digest
            (``ArticleDigest.short_forms``) instead of finding them again.
        changed: the nodes whose mentions differ from their digest's (cut to a
            headline's name, or retyped): their articles find their short forms anew.
        marked: where the occurrences found that are quoted whole or follow a ship's
            prefix are recorded, by cluster root (``mistyped.mark``), beside what the
            digests marked of the tagged mentions.
        overlong: the folded names of over-long spans (a descriptor or a headline
            glued on): none wins over the tagged spans inside it.

    Returns:
        All mentions, old and found, in reading order (article, then offset). A name
        of several capitalised words found around tagged spans wins over them
        (``displaces``): "Hawaiian Gardens" over the "Hawaiian" tagged in it.
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
    overlong = frozenset(overlong)
    displacing = [f for f in forms if displaces(f) and fold_name(clean_name(f)) not in overlong]
    search = _Search(forms, kinds, roots, by_article, node_keys, changed, displacing)
    # Each article is searched alone: a large collection's later part (``_halfway``) on
    # the other core, when one is idle (``reader.aside``), while this process searches
    # the rest.
    split = _halfway(documents)
    later = None
    if split < len(documents):
        later = aside.start(
            partial(_search_all, search, documents[split:]), _findings_data, _findings_from_data
        )
    findings = _search_all(search, documents[:split])
    if later is not None:
        findings += later.result()
    out: list[Located] = []
    found: Counter[tuple[int, str]] = Counter()
    short_evidence: list[tuple[int, Evidence]] = []
    around: Counter[tuple[int, str]] = Counter()  # found around tagged spans they won over
    for (article, _), (rows, matched, notes, displaced) in zip(documents, findings, strict=True):
        items = by_article.pop(article.id, [])
        if displaced:
            gone = {place for place, _ in displaced}
            # Each name found around them once, however many it won over ("INS Tabar").
            # Its row is a text match's, and those come first, in ``matched``'s order.
            around.update((rows[row][0], matched[row]) for row in {row for _, row in displaced})
            items = [item for place, item in enumerate(items) if place not in gone]
        text = article.text
        found.update((forms[form], form) for form in matched)
        for root, form, detail in notes:
            short_evidence.append((root, Evidence("short-form", (form,), detail)))
        added = [
            (root, EntityMention(article.id, start, end, text[start:end]), kind, name)
            for root, start, end, kind, name in rows
        ]
        if rows and marked is not None:
            found_marks = mistyped.marks(text, [(row[1], row[2]) for row in rows])
            if found_marks.quoted or found_marks.after_prefix:
                mistyped.mark(marked, article.id, [row[0] for row in rows], found_marks)
        starts = list(map(_START, map(itemgetter(1), items)))
        # In text order (a stable sort: mentions at one offset keep their order).
        if added or starts != sorted(starts):
            # Sorted on the starts column: the key is a C method, not a call per item.
            merged = [*items, *added]
            at_start = [*starts, *(row[1] for row in rows)]
            order = sorted(range(len(merged)), key=at_start.__getitem__)
            items = list(map(merged.__getitem__, order))
        out.extend(items)
    if by_article:
        raise KeyError(f"mentions of articles not linked: {sorted(by_article)[:3]}")
    for (root, form), count in sorted(found.items(), key=lambda item: item[0][1]):
        detail = f"{count} untagged occurrence(s) of the name found in the text"
        if held := around[root, form]:
            detail += f", {held} around a part of it the model had tagged"
        clusters.add_evidence(root, Evidence("text-match", (form,), detail))
    # Short forms' evidence after every text match, as each article's search found them.
    for root, evidence in short_evidence:
        clusters.add_evidence(root, evidence)
    return out


#: A mention found in an article: ``(cluster root, start, end, type, cleaned name)``.
Found = tuple[int, int, int, EntityType, str]
#: What one article's search found: the mentions, in the order found; the known forms
#: they matched (text matches only); its short forms' evidence as ``(root, form, detail)``;
#: the tagged mentions found names won over, as ``(place among its linked mentions, row
#: of the name found)``.
Finding = tuple[list[Found], list[str], list[tuple[int, str, str]], list[tuple[int, int]]]


class _Search:
    """The untagged-name search of one collection, article by article.

    Args:
        forms: written form -> its cluster root, for the forms looked for everywhere.
        kinds: written form -> how often each type tagged it.
        roots: the cluster root of every node.
        by_article: article id -> its linked mentions, in reading order.
        node_keys, changed: as ``add_untagged`` takes them.
    """

    def __init__(
        self,
        forms: Mapping[str, int],
        kinds: Mapping[str, Counter[EntityType]],
        roots: Sequence[int],
        by_article: Mapping[str, Sequence[Located]],
        node_keys: Sequence[str] | None = None,
        changed: Collection[int] = (),
        displacing: Collection[str] = (),
    ) -> None:
        self.forms = forms
        self.kinds = kinds
        self.roots = roots
        self.by_article = by_article
        self.node_keys = node_keys
        self.changed = frozenset(changed)
        self.names = NameSearch(forms, capitals_forms(forms), displacing)
        self.kind_of: dict[str, EntityType] = {}

    def article(self, article: Article, digest: ArticleDigest) -> Finding:
        """The untagged occurrences in one article (``add_untagged``)."""
        items = self.by_article.get(article.id, ())
        text, forms = article.text, self.forms
        here = list(map(itemgetter(1), items))
        spans = list(zip(map(_START, here), map(_END, here), strict=True))
        # The article's own short forms (``shortforms``): they win over a form
        # from elsewhere ("Rock" by "Chris Rock" is him there).
        nodes = list(map(itemgetter(0), items))
        digested = self.node_keys is not None and self.changed.isdisjoint(nodes)
        if not items:
            mine = {}
        elif digested and self.node_keys is not None:
            node_of = dict(zip(map(self.node_keys.__getitem__, nodes), nodes, strict=True))
            mine = shortforms.resolved(digest.short_forms, node_of, self.roots)
        else:
            mine = shortforms.article_forms(items, self.roots, words(digest.lower))
        packed = digest.packed_spans
        occurrences = []
        holding: list[int] = []  # the places of the occurrences that hold tagged spans
        if forms:
            # Lists index faster than arrays.
            occurrences = self.names.occurrences(
                text,
                packed.starts.tolist(),
                packed.bounds.tolist(),
                packed.ends.tolist(),
                spans,
                holding,
            )
        added: list[Found] = []
        matched: list[str] = []
        tagged = len(spans)  # the linked mentions' spans come first, then those found
        for start, end, form in occurrences:
            root = forms[form]
            if shortforms.conflicts(mine, form, root):
                continue
            kind = self.kind_of.get(form)
            if kind is None:
                kind = self.kind_of[form] = vote(self.kinds[form])
            # A name found in capitals ("KYIV" in a dateline) is shown as the collection
            # writes it ("Kyiv").
            found = text[start:end]
            written = clean_name(form if found != form and found.isupper() else found)
            added.append((root, start, end, kind, written))
            matched.append(form)
            spans.append((start, end))
        evidence: list[tuple[int, str, str]] = []
        if mine:
            if digested:
                hits = [
                    (start, -len(short.form), short.form)
                    for short in digest.short_forms
                    if short.form in mine
                    for start in short.starts
                ]
                found_here = placed(hits, spans)
            else:
                found_here = local_occurrences(text, packed, packed.numbers(), mine, spans)
            evidence = _short_forms(text, found_here, mine, added)
        displaced = displaced_places(occurrences, holding, added, spans[:tagged]) if holding else []
        return added, matched, evidence, displaced


def _search_all(
    search: _Search, documents: Sequence[tuple[Article, ArticleDigest]], _: object = None
) -> list[Finding]:
    """``search`` over ``documents``; ``_``: the call ``reader.aside`` passes work (unused)."""
    return [search.article(article, digest) for article, digest in documents]


#: Characters of text from which a collection's untagged-name search is split in two
#: (about a thousand news articles): the search reads some 15 MB a second, and below
#: this a child's start and its answer cost about what the half it takes would.
HALVED_FROM = 2_000_000


#: The share of the text searched here when split: the child searches the rest more
#: slowly (its first touch of each shared page copies it) and sends its findings back.
SEARCHED_HERE = 0.57


def _halfway(documents: Sequence[tuple[Article, ArticleDigest]]) -> int:
    """Where to cut ``documents`` in two parts that take about as long (at the end: not
    cut, for less than ``HALVED_FROM`` characters)."""
    sizes = list(accumulate(len(article.text) for article, _ in documents))
    if not sizes or sizes[-1] < HALVED_FROM:
        return len(documents)
    return bisect_left(sizes, sizes[-1] * SEARCHED_HERE)


def _findings_data(findings: list[Finding]) -> list[Finding]:
    return findings  # tuples, lists, ints and strings: JSON as they are


def _findings_from_data(data: Any) -> list[Finding]:
    """Findings back from their JSON (lists for tuples).

    Raises:
        ValueError: not findings.
    """
    out: list[Finding] = []
    for rows, matched, evidence, displaced in data:
        found = [(int(r), int(s), int(e), _kind(k), str(n)) for r, s, e, k, n in rows]
        notes = [(int(r), str(f), str(d)) for r, f, d in evidence]
        won = [(int(place), int(row)) for place, row in displaced]
        out.append((found, [str(form) for form in matched], notes, won))
    return out


def _kind(value: Any) -> EntityType:
    if value not in _KINDS:
        raise ValueError(f"not an entity type: {value!r}")
    return cast(EntityType, value)


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
        and searchable(text)
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
    text: str,
    occurrences: Sequence[tuple[int, int, str]],
    forms: Mapping[str, tuple[int, EntityType]],
    out: list[Found],
) -> list[tuple[int, str, str]]:
    """The occurrences of an article's own short forms (``shortforms``) that stand
    mid-sentence in running text (a capital at a sentence start or in a headline says
    nothing), appended to ``out``.

    Args:
        text: the article's text.
        occurrences: ``local_occurrences`` of its short forms.
        forms: its short forms -> (cluster root, type).
        out: where the kept mentions are appended.

    Returns:
        The evidence to record, as ``(cluster root, form, detail)``, by form.
    """
    found: Counter[tuple[int, str]] = Counter()
    for start, end, form in occurrences:
        if not mid_sentence(text, start) or in_title_case_line(text, start, end):
            continue
        root, kind = forms[form]
        out.append((root, start, end, kind, form))
        found[(root, form)] += 1
    evidence = []
    for (root, form), count in sorted(found.items(), key=lambda item: item[0][1]):
        detail = f"written short {count} time(s) in an article that names it in full"
        evidence.append((root, form, detail))
    return evidence
