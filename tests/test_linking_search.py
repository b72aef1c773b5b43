"""The fast searches of the global linking step agree with plain scans on real text.

``NameSearch`` walks the digest's packed spans with a prefix table,
``local_occurrences`` picks short forms from text search, ``Clusters.merge_name``
joins a name's nodes in one step and ``collect_names`` tallies mentions per
distinct way of writing: each is checked here against the slow, obvious way.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.linking.clusters import Clusters
from reader.linking.collect import collect_names
from reader.linking.digest import digest_article
from reader.linking.namesearch import NameSearch, capitals_forms, local_occurrences
from reader.model import LABEL_TYPES, Analysis, Article, EntityMention, Mention
from reader.names import clean_spacing

DATA = Path(__file__).parent / "data"
PATHS = [
    *sorted((DATA / "seeds").glob("*.txt")),
    DATA / "linking_ecbplus" / "topic-03" / "3_2ecbplus.txt",
    DATA / "linking_ecbplus" / "topic-06" / "6_1ecbplus.txt",
]
TEXTS = [p.read_text(encoding="utf-8") for p in PATHS]
DIGESTS = [
    digest_article(Article(f"a{n}", f"a{n}.txt", text), Analysis()) for n, text in enumerate(TEXTS)
]
# Names as an article writes them: runs of capitalised words (and their last words).
RUNS = [
    sorted({m.group() for m in re.finditer(r"[A-Z][\w’'&-]*(?: [A-Z][\w’'&-]*)*", text)})
    for text in TEXTS
]
WORDS = sorted({w for runs in RUNS for run in runs for w in run.split()})


def plain_occurrences(text, digest, forms, tagged, displacing=()):
    """The untagged search written plainly: every start, every end, longest name first;
    a ``displacing`` name is kept around tagged spans that lie wholly inside it."""
    caps = capitals_forms(forms)

    def known(written):
        if written in forms:
            return written
        return caps.get(written, "") if written.isupper() else ""

    found, after = [], 0
    for start, ends in digest.spans:
        if start < after:
            continue
        hit = next(
            ((start, e, known(text[start:e])) for e in reversed(ends) if known(text[start:e])), None
        )
        if hit is None:
            # A name of several words closing the run: "GM Tony Reagins".
            inner = [
                (s + 1, ends[0], known(text[s + 1 : ends[0]]))
                for s in range(start, ends[0])
                if text[s] == " " and " " in text[s + 1 : ends[0]]
            ]
            hit = next((h for h in inner if h[2]), None)
            if hit is None:
                continue
        after = hit[1]
        overlapping = [(s, e) for s, e in tagged if s < hit[1] and hit[0] < e]
        if not overlapping or (
            hit[2] in displacing
            and all(hit[0] <= s and e <= hit[1] and (s, e) != hit[:2] for s, e in overlapping)
        ):
            found.append(hit)
    return found


@st.composite
def searches(draw):
    number = draw(st.integers(0, len(TEXTS) - 1))
    text, digest = TEXTS[number], DIGESTS[number]
    names = draw(st.lists(st.sampled_from(RUNS[number] + WORDS), max_size=60, unique=True))
    # Some names also written in capitals in the text ("KLITSCHKO"), some never written.
    forms = {n: i for i, n in enumerate(names) if len(n) >= 3}
    spans = sorted({(s, e) for s, ends in digest.spans for e in ends})
    # Tagged words inside longer names too ("Hollywood" in "The Hollywood Reporter").
    spans += [m.span() for m in re.finditer(r"[A-Z][\w’'&-]*", text)]
    tagged = draw(st.lists(st.sampled_from(spans), max_size=30)) if spans else []
    displacing = draw(st.sets(st.sampled_from(sorted(forms)))) if forms else set()
    return text, digest, forms, tagged, displacing


@settings(max_examples=150, deadline=None)
@given(searches())
def test_name_search_finds_what_a_plain_scan_finds(case) -> None:
    text, digest, forms, tagged, displacing = case
    search = NameSearch(forms, capitals_forms(forms), displacing)
    packed = digest.packed_spans
    holding: list[int] = []
    found = search.occurrences(text, packed.starts, packed.bounds, packed.ends, tagged, holding)
    assert found == plain_occurrences(text, digest, forms, tagged, displacing)
    # Told apart: the names found around tagged spans.
    assert holding == [
        place
        for place, (start, end, _) in enumerate(found)
        if any(s < end and start < e for s, e in tagged)
    ]


def test_name_search_finds_names_in_capitals_and_closing_a_run() -> None:
    text = "KLITSCHKO RETAINS TITLE\nLos Angeles Angels GM Tony Reagins said Klitschko won."
    digest = digest_article(Article("a", "a.txt", text), Analysis())
    forms = {"Klitschko": 1, "Tony Reagins": 2}
    packed = digest.packed_spans
    search = NameSearch(forms, capitals_forms(forms))
    found = search.occurrences(text, packed.starts, packed.bounds, packed.ends, [])
    assert [text[s:e] for s, e, _ in found] == ["KLITSCHKO", "Tony Reagins", "Klitschko"]
    assert found == plain_occurrences(text, digest, forms, [])


def plain_local(text, digest, forms, tagged):
    """Short forms found by text search, kept where a span starts and ends there."""
    ends_at = dict(digest.spans)
    hits = sorted(
        (m.start(), -len(form), form)
        for form in forms
        for m in re.finditer(f"(?={re.escape(form)})", text)
    )
    found, after = [], 0
    for start, minus, form in hits:
        end = start - minus
        if start < after or end not in ends_at.get(start, ()):
            continue
        after = end
        if not any(s < end and start < e for s, e in tagged):
            found.append((start, end, form))
    return found


@settings(max_examples=150, deadline=None)
@given(searches())
def test_local_search_finds_what_a_plain_text_search_finds(case) -> None:
    text, digest, forms, tagged, _ = case
    at = digest.packed_spans.numbers()
    assert at == {start: number for number, (start, _) in enumerate(digest.spans)}
    found = local_occurrences(text, digest.packed_spans, at, list(forms), tagged)
    assert found == plain_local(text, digest, list(forms), tagged)


@st.composite
def merges(draw):
    keys = draw(st.lists(st.sampled_from(["ann lee", "bo lee", "lee", "acme"]), min_size=2))
    before = draw(st.lists(st.tuples(st.integers(0, len(keys) - 1), st.integers(0, len(keys) - 1))))
    key = draw(st.sampled_from(sorted(set(keys))))
    return keys, before, key


def clusters_of(keys):
    # "acme" and "lee" are split apart; full names clash unless alike.
    return Clusters(
        keys,
        {"acme": [0], "lee": [0]},
        lambda k: " " in k,
        lambda a, b: a == b,
    )


@settings(max_examples=200, deadline=None)
@given(merges())
def test_merge_name_joins_as_merging_node_by_node_would(case) -> None:
    keys, before, key = case
    fast, slow = clusters_of(keys), clusters_of(keys)
    for a, b in before:
        fast.merge(a, b, None)
        slow.merge(a, b, None)
    nodes = [n for n, k in enumerate(keys) if k == key]
    fast.merge_name(nodes, key)
    for node in nodes[1:]:
        slow.merge(nodes[0], node, None)
    assert fast.roots() == slow.roots()
    assert fast._splits == slow._splits and fast._people == slow._people


@st.composite
def digests(draw):
    chosen = []
    for number, text in enumerate(TEXTS):
        spans = [
            (m.start(), m.end()) for m in re.finditer(r"[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)*", text)
        ]
        picked = draw(st.lists(st.sampled_from(spans), max_size=25))
        labels = sorted(LABEL_TYPES)
        mentions = tuple(Mention(s, e, text[s:e], draw(st.sampled_from(labels))) for s, e in picked)
        article = Article(f"a{number}", f"a{number}.txt", text)
        chosen.append((article, digest_article(article, Analysis(mentions))))
    return chosen


@settings(max_examples=60, deadline=None)
@given(digests())
def test_collected_names_count_as_a_mention_by_mention_walk(documents) -> None:
    names, node_keys, located = collect_names(documents)
    forms: dict[str, Counter[str]] = {}
    labels: dict[str, Counter[str]] = {}
    nodes: dict[str, dict[str, int]] = {}
    expected = []
    count = 0
    for article, digest in documents:
        for m in digest.mentions:
            forms.setdefault(m.key, Counter())[m.written or clean_spacing(m.text)] += 1
            labels.setdefault(m.key, Counter())[m.label] += 1
            here = nodes.setdefault(m.key, {})
            if article.id not in here:
                here[article.id] = count
                count += 1
            expected.append((here[article.id], article.id, m.start, m.end, m.written))
    assert list(names) == list(forms)
    for key, name in names.items():
        # Same counts, and the same order of first appearance (it breaks ties).
        assert list(name.forms.items()) == list(forms[key].items())
        assert list(name.labels.items()) == list(labels[key].items())
        assert name.nodes == nodes[key] and list(name.nodes) == list(nodes[key])
        assert name.in_body == sum(
            m.in_body for _, d in documents for m in d.mentions if m.key == key
        )
    assert len(node_keys) == count
    assert [(n, m.article, m.start, m.end, w) for n, m, _, w in located] == expected
    assert all(isinstance(m, EntityMention) for _, m, _, _ in located)
