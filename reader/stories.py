"""Stories: the loaded articles grouped by the real-world event they report.

Articles are compared by TF-IDF over their words (and the dates they write),
mixed with a second TF-IDF over what tells events apart: the corpus entities
they name, the years, dates and numbers they mention. Two events of the same
kind with the same actors (a second earthquake, a later injury) thus stay apart
when their places, dates and numbers differ. No pair of articles is
compared unless it shares a rare term (an inverted index with a document
frequency cap picks the candidates), and candidates are clustered by average
link over the sparse similarity graph.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from reader.model import Article, Entity, Story
from reader.sparse import SparseRows

#: Average similarity two groups need to be merged into one story (chosen on
#: the odd ECB+ topics; the even ones are the check, see scripts/score_stories.py).
THRESHOLD = 0.15
#: Share of the similarity that comes from the distinctive features (entities,
#: dates, numbers) rather than from all words: same-kind events share words.
DISTINCT_SHARE = 0.35
#: Weight of a year or full date written in the text, relative to a word.
DATE_WEIGHT = 3.0
#: Most similar articles kept per article for clustering.
NEIGHBOURS = 30
#: Most distinctive terms per article used to find candidate pairs.
BLOCK_TERMS = 40
#: Articles whose metadata dates are further apart than this are less alike:
#: follow-up reports come days after an event, a new event of the same kind later.
DATE_GAP_DAYS = 45
DATE_GAP_FACTOR = 0.5

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_MONTH_NAMES = "jan feb mar apr may jun jul aug sep oct nov dec"
_MONTHS = _MONTH_NAMES.split()
# Matched in lowercased text; the lookahead skips most word starts at once.
_MONTH_DAY = re.compile(r"\b(?=[adfjmnos])(" + "|".join(_MONTHS) + r")[a-z]*\.?\s+(\d{1,2})\b")
# Function words carry no event; dropping them keeps the vectors small. IDF
# would make them weak anyway, so this list only needs the most frequent ones.
_STOP_WORDS = """a an the and or but if of to in on at by for with from as is are was were be
been being has have had do does did it its it's this that these those he she they we you i his her
their our your my him them us me who whom which what when where why how not no than then there here
so such also said says say will would could should can may might must shall about after before over
under into out up down more most other some any all one two new just like"""
_STOP = frozenset(_STOP_WORDS.split())


def words(text: str) -> list[str]:
    """The lowercased content words of ``text`` (no stop words, no single letters)."""
    tokens = _WORD.findall(text.lower().replace("’", "'"))
    tokens = [w[:-2] if w.endswith("'s") else w for w in tokens]
    return [w for w in tokens if len(w) > 1 and w not in _STOP]


def date_terms(text: str) -> list[str]:
    """Years and month-day dates written in ``text``, as feature terms."""
    terms = [f"year:{m.group(1)}" for m in _YEAR.finditer(text)]
    lowered = text.lower()
    terms += [f"date:{m.group(1)}-{int(m.group(2))}" for m in _MONTH_DAY.finditer(lowered)]
    return terms


def article_terms(article: Article, dates: Sequence[str] | None = None) -> dict[str, float]:
    """Weighted term counts of one article: its words and the dates it writes.

    ``dates`` are its :func:`date_terms` when already computed.
    """
    counts: dict[str, float] = dict(Counter(words(article.text)))
    for term in date_terms(article.text) if dates is None else dates:
        counts[term] = counts.get(term, 0.0) + DATE_WEIGHT
    return counts


def distinctive_terms(
    article: Article, entity_ids: Iterable[str] = (), dates: Sequence[str] | None = None
) -> Counter[str]:
    """What tells one event from another of its kind: named entities, dates and numbers."""
    counts: Counter[str] = Counter(f"entity:{e}" for e in entity_ids)
    for term in date_terms(article.text) if dates is None else dates:
        counts[term] += 1
    for number in _NUMBER.findall(article.text):
        counts[f"number:{number}"] += 1
    return counts


def tfidf_vectors(term_counts: Sequence[Mapping[str, float]]) -> list[dict[str, float]]:
    """L2-normalized TF-IDF vectors (sublinear tf, smoothed idf) of term counts."""
    n = len(term_counts)
    df: Counter[str] = Counter()
    for counts in term_counts:
        df.update(counts.keys())
    idf = {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}
    vectors = []
    for counts in term_counts:
        vec = {t: (1.0 + math.log(c) if c >= 1 else c) * idf[t] for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two normalized sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def candidates(vectors: Sequence[Mapping[str, float]]) -> list[list[int]]:
    """For each vector, the later ones sharing one of its most distinctive, not too common terms.

    The document-frequency cap keeps every posting list short, so the cost
    grows with the number of articles, not with its square.
    """
    n = len(vectors)
    cap = max(50, int(math.sqrt(n)))
    postings: dict[str, list[int]] = defaultdict(list)
    blocks: list[list[str]] = []
    for index, vec in enumerate(vectors):
        terms = heapq.nlargest(BLOCK_TERMS, vec, key=vec.__getitem__)
        blocks.append(terms)
        for term in terms:
            postings[term].append(index)
    out: list[list[int]] = []
    for index, terms in enumerate(blocks):
        partners: set[int] = set()
        for term in terms:
            members = postings[term]
            if len(members) <= cap:
                partners.update(members)
        out.append(sorted(p for p in partners if p > index))
    return out


def average_link(n: int, similarities: Mapping[tuple[int, int], float], threshold: float):
    """Average-link clusters of ``n`` items given sparse pair similarities (missing = 0).

    Returns the clusters as lists of item indices. Merges stop when no two
    clusters are, on average over all their cross pairs, at least ``threshold`` alike.
    """
    parent = list(range(n))
    size = [1] * n
    links: list[dict[int, float]] = [dict() for _ in range(n)]  # summed cross similarity
    for (a, b), s in similarities.items():
        links[a][b] = links[a].get(b, 0.0) + s
        links[b][a] = links[b].get(a, 0.0) + s
    heap = [(-s, a, b) for (a, b), s in similarities.items() if s >= threshold]
    heapq.heapify(heap)
    alive = [True] * n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue
        current = links[a].get(b, 0.0) / (size[a] * size[b])
        if current < -neg - 1e-12:
            # A stale upper bound (the pair drifted apart as a cluster grew): re-queue.
            if current >= threshold:
                heapq.heappush(heap, (-current, a, b))
            continue
        if current > -neg + 1e-12:
            continue  # stale and lower: the higher value was pushed when it rose
        # Merge b into a.
        alive[b] = False
        parent[b] = a
        touched = [other for other in links[b] if other != a]
        for other, s in links[b].items():
            if other == a:
                continue
            links[other].pop(b, None)
            links[other][a] = links[other].get(a, 0.0) + s
            links[a][other] = links[a].get(other, 0.0) + s
        links[a].pop(b, None)
        links[b] = {}
        size[a] += size[b]
        # Only b's neighbours can now be closer to the merged cluster; for the
        # others the average fell, and their queued value is an upper bound
        # that is checked when popped. This keeps the queue short.
        for other in touched:
            avg = links[a][other] / (size[a] * size[other])
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(a, other), max(a, other)))
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        root = i
        while parent[root] != root:
            root = parent[root]
        groups[root].append(i)
    return list(groups.values())


def group_stories(
    articles: Sequence[Article],
    entities: Sequence[Entity] = (),
    threshold: float = THRESHOLD,
) -> list[Story]:
    """Group ``articles`` into stories, one real-world event each.

    Args:
        articles: The loaded articles.
        entities: The linked corpus entities (their mentions say which articles
            name them); optional, text alone works too.
        threshold: Average similarity needed to merge two groups.

    Returns:
        The stories, every article in exactly one, ordered by their first article.
    """
    if not articles:
        return []
    named: dict[str, list[str]] = defaultdict(list)
    for entity in entities:
        for article_id in entity.article_ids:
            named[article_id].append(entity.id)
    written = [date_terms(a.text) for a in articles]
    pairs = list(zip(articles, written, strict=True))
    vectors = tfidf_vectors([article_terms(a, d) for a, d in pairs])
    marks = tfidf_vectors([distinctive_terms(a, named.get(a.id, ()), d) for a, d in pairs])
    dates = [_parse_date(a.date) for a in articles]
    words_rows, marks_rows = SparseRows(vectors), SparseRows(marks)
    sims: dict[tuple[int, int], float] = {}
    for a, partners in enumerate(candidates(vectors)):
        mixed = (1 - DISTINCT_SHARE) * words_rows.dots(a, partners) + DISTINCT_SHARE * (
            marks_rows.dots(a, partners)
        )
        for b, s in zip(partners, mixed.tolist(), strict=True):
            da, db = dates[a], dates[b]
            if da is not None and db is not None and abs((da - db).days) > DATE_GAP_DAYS:
                s *= DATE_GAP_FACTOR
            if s > 0:
                sims[(a, b)] = s
    sims = _nearest(sims, len(articles), NEIGHBOURS)
    clusters = average_link(len(articles), sims, threshold)
    # Centrality: summed similarity to the rest of the story, in one pass.
    cluster_of = {i: k for k, members in enumerate(clusters) for i in members}
    centrality = [0.0] * len(articles)
    for (a, b), s in sims.items():
        if cluster_of[a] == cluster_of[b]:
            centrality[a] += s
            centrality[b] += s
    stories = [_story(members, articles, dates, centrality) for members in clusters]
    order = {a.id: i for i, a in enumerate(articles)}
    return sorted(stories, key=lambda s: min(order[x] for x in s.articles))


def _nearest(sims: dict[tuple[int, int], float], n: int, k: int) -> dict[tuple[int, int], float]:
    """The pairs among each item's ``k`` most similar (of either item).

    A story's articles are each other's nearest; weaker pairs beyond those only
    lower averages slightly, and dropping them bounds the clustering's work
    when many near-duplicates are loaded.
    """
    per_item: list[list[tuple[float, int]]] = [[] for _ in range(n)]
    for (a, b), s in sims.items():
        per_item[a].append((s, b))
        per_item[b].append((s, a))
    kept: dict[tuple[int, int], float] = {}
    for a, items in enumerate(per_item):
        best = items if len(items) <= k else heapq.nlargest(k, items)
        for s, b in best:
            kept[(min(a, b), max(a, b))] = s
    return kept


def _story(
    members: list[int],
    articles: Sequence[Article],
    dates: Sequence[date | None],
    centrality: Sequence[float],
) -> Story:
    central_first = sorted(members, key=lambda i: (-centrality[i], articles[i].id))
    dated = sorted(
        (i for i in central_first if dates[i] is not None), key=lambda i: dates[i] or date.min
    )
    ordered = dated + [i for i in central_first if dates[i] is None]
    ids = tuple(articles[i].id for i in ordered)
    top = articles[central_first[0]]
    title = (top.title or "").strip() or top.id
    key = min(ids)
    return Story(f"story-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}", title, ids)


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
