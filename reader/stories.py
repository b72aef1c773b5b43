"""Stories: the loaded articles grouped by the real-world event they report.

Articles are compared by TF-IDF over their words (and the dates they write),
mixed with a second TF-IDF over what tells events apart: the corpus entities
they name, the years, dates and numbers they mention. Two events of the same
kind with the same actors (a second earthquake, a later injury) thus stay apart
when their places, dates and numbers differ.

At scale (10,000 articles in about a second or two, see bench/story_speed.py):
editions of one text are compared once, by a representative
(:mod:`reader.editions`); no pair of articles is compared unless it shares a
rare term (an inverted index with a document frequency cap picks at most
:data:`CANDIDATES` per article); the similarities are whole-array numpy steps
in bounded chunks (:mod:`reader.sparse`), and only each article's
:data:`NEIGHBOURS` nearest are clustered, by average link.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

import numpy as np

from reader.editions import representatives
from reader.model import Article, Entity, Story
from reader.sparse import SparseRows, candidate_pairs, nearest
from reader.story_terms import Terms

#: Average similarity two groups need to be merged into one story (chosen on
#: the odd ECB+ topics; the even ones are the check, see scripts/score_stories.py).
THRESHOLD = 0.15
#: Share of the similarity that comes from the distinctive features (entities,
#: dates, numbers) rather than from all words: same-kind events share words.
DISTINCT_SHARE = 0.35
#: Most similar articles kept per article for clustering.
NEIGHBOURS = 30
#: Most distinctive terms per article used to find candidate pairs.
BLOCK_TERMS = 40
#: Most candidates per article compared in full (those sharing the most
#: distinctive weight first): bounds the work when many articles are alike.
CANDIDATES = 100
#: Articles whose metadata dates are further apart than this are less alike: a new
#: event of the same kind comes years later, while follow-ups (an arrest, a trial, a
#: verdict, an anniversary) come up to two years after their event (among ECB+'s dated
#: articles, follow-ups 382 and 387 days after their events: a gap of a year split them).
DATE_GAP_DAYS = 730
DATE_GAP_FACTOR = 0.5


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


def average_link(n: int, similarities: Mapping[tuple[int, int], float], threshold: float):
    """Average-link clusters of ``n`` items given sparse pair similarities (missing = 0).

    Returns the clusters as lists of item indices. Merges stop when no two
    clusters are, on average over all their cross pairs, at least ``threshold`` alike.
    """
    # Two clusters reach the threshold on average only if one of their cross
    # pairs does, so clusters only ever join within the components of the
    # strong pairs: weaker pairs between components can never count.
    component = _components(n, [pair for pair, s in similarities.items() if s >= threshold])
    parent = list(range(n))
    size = [1] * n
    links: list[dict[int, float]] = [dict() for _ in range(n)]  # summed cross similarity
    for (a, b), s in similarities.items():
        if component[a] == component[b]:
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


class StoryTexts(NamedTuple):
    """What grouping stories reads of the articles' texts alone (``story_texts``): all
    of it but the entities, so that it can be made before the corpus is linked.

    Attributes:
        articles: the articles.
        members: per compared article (a node), its editions' indices in ``articles``.
        dates: the metadata date of each article.
        words: per node, its word counts (``Terms.of``).
        marks: per node, its distinctive counts from the text (dates, numbers).
    """

    articles: Sequence[Article]
    members: list[list[int]]
    dates: list[date | None]
    words: list[dict[str, float]]
    marks: list[dict[str, float]]


def group_stories(
    articles: Sequence[Article],
    entities: Sequence[Entity] = (),
    threshold: float = THRESHOLD,
) -> list[Story]:
    """Group ``articles`` into stories, one real-world event each.

    Editions of one text (see :mod:`reader.editions`) are compared once, by
    their representative, and share its story. The grouping does not depend
    on the order of ``articles``.

    Args:
        articles: The loaded articles.
        entities: The linked corpus entities (their mentions say which articles
            name them); optional, text alone works too.
        threshold: Average similarity needed to merge two groups.

    Returns:
        The stories, every article in exactly one, ordered by their first article.
    """
    # Here: the module imports this one (lazily, for numpy), not the other way round.
    from reader.corpus import entities_by_article

    texts = story_texts(articles)
    compared = {articles[group[0]].id for group in texts.members}
    return group_story_texts(texts, entities_by_article(entities, compared), threshold)


def story_texts(articles: Sequence[Article]) -> StoryTexts:
    """The text part of ``group_stories``: editions found, each compared text's terms."""
    # A canonical order (by id) makes every tie below independent of the input order.
    canon = sorted(range(len(articles)), key=lambda i: (articles[i].id, articles[i].text))
    represented_by = representatives([articles[i].text for i in canon])
    node_of: dict[int, int] = {}
    members: list[list[int]] = []
    for position, rep in enumerate(represented_by):
        if rep == position:
            node_of[position] = len(members)
            members.append([])
        members[node_of[rep]].append(canon[position])
    terms = Terms()
    counted = [terms.of(articles[group[0]].text) for group in members]
    return StoryTexts(
        articles,
        members,
        [_parse_date(a.date) for a in articles],
        [words for words, _ in counted],
        [marks for _, marks in counted],
    )


def group_story_texts(
    texts: StoryTexts, named: Mapping[str, Sequence[str]], threshold: float = THRESHOLD
) -> list[Story]:
    """``group_stories`` from ``story_texts`` and ``corpus.entities_by_article``."""
    articles, members, dates = texts.articles, texts.members, texts.dates
    if not articles:
        return []
    marks = []
    for group, text_marks in zip(members, texts.marks, strict=True):
        # The entities first, then the text's marks: the order ``Terms.of`` gives.
        counts: dict[str, float] = {}
        for entity_id in named.get(articles[group[0]].id, ()):
            key = f"entity:{entity_id}"
            counts[key] = counts.get(key, 0.0) + 1.0
        marks.append({**counts, **text_marks})
    node_dates = [dates[g[0]] for g in members]
    clusters, centrality = _cluster(texts.words, marks, node_dates, threshold)
    weight = [0.0] * len(articles)
    for node, group in enumerate(members):
        for i in group:
            weight[i] = centrality[node]
    grouped = [[i for node in cluster for i in members[node]] for cluster in clusters]
    grouped.sort(key=min)  # ordered by their first article
    return [_story(group, articles, dates, weight) for group in grouped]


def _cluster(
    words_counts: Sequence[Mapping[str, float]],
    marks_counts: Sequence[Mapping[str, float]],
    dates: Sequence[date | None],
    threshold: float,
) -> tuple[list[list[int]], np.ndarray]:
    """Average-link clusters of the compared articles (their term counts) and each one's
    summed similarity to its cluster."""
    n = len(words_counts)
    words_rows = SparseRows.tfidf(words_counts)
    mixed = words_rows.joined(SparseRows.tfidf(marks_counts), 1 - DISTINCT_SHARE, DISTINCT_SHARE)
    cap = max(50, int(math.sqrt(n)))
    a, b = candidate_pairs(words_rows.strongest(BLOCK_TERMS), cap, CANDIDATES)
    s = mixed.pair_dots(a, b)
    days = np.array([d.toordinal() if d else np.nan for d in dates], dtype=np.float64)
    with np.errstate(invalid="ignore"):
        far = np.abs(days[a] - days[b]) > DATE_GAP_DAYS  # NaN (no date) is never far
    s = np.where(far, s * DATE_GAP_FACTOR, s)
    keep = s > 0
    a, b, s = a[keep], b[keep], s[keep]
    keep = nearest(a, b, s, n, NEIGHBOURS)
    a, b, s = a[keep], b[keep], s[keep]
    clusters = average_link(
        n, dict(zip(zip(a.tolist(), b.tolist(), strict=True), s.tolist(), strict=True)), threshold
    )
    # Centrality: summed similarity to the rest of the cluster, in one pass.
    cluster_of = np.empty(n, dtype=np.int64)
    for k, cluster in enumerate(clusters):
        cluster_of[cluster] = k
    inside = cluster_of[a] == cluster_of[b]
    centrality = np.bincount(a[inside], s[inside], minlength=n)
    centrality += np.bincount(b[inside], s[inside], minlength=n)
    return clusters, centrality


def _components(n: int, pairs: Iterable[tuple[int, int]]) -> list[int]:
    """The connected component (a root item) of each of ``n`` items under ``pairs``."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [root(i) for i in range(n)]


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
