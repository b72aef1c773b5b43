"""Properties of the linker on any mentions of real text (its speed: bench/link_speed.py)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.linking import link_entities
from reader.linking.furniture import Furniture, credit_spans
from reader.linking.mistyped import marks
from reader.model import LABEL_TYPES, Analysis, Article, Mention
from reader.names import fold_name

SEEDS = Path(__file__).parent / "data" / "seeds"
ECB = Path(__file__).parent / "data" / "linking_ecbplus"
# Two ECB+ articles with title-case headlines, where NER spans run on (and get trimmed).
HEADLINED = [ECB / "topic-03" / "3_2ecbplus.txt", ECB / "topic-06" / "6_1ecbplus.txt"]
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in [*sorted(SEEDS.glob("*.txt")), *HEADLINED]]
# Runs of capitalised words: the kind of spans NER proposes, boundary mistakes included.
CANDIDATES = [
    [(m.start(), m.end()) for m in re.finditer(r"[A-Z][\w’'.-]*(?:[ /][A-Z][\w’'.-]*)*", text)]
    for text in SEED_TEXTS
]
LABELS = sorted(LABEL_TYPES)


@st.composite
def seed_documents(draw: st.DrawFn) -> list[tuple[Article, Analysis]]:
    documents = []
    for number, (text, spans) in enumerate(zip(SEED_TEXTS, CANDIDATES, strict=True)):
        chosen = draw(st.lists(st.sampled_from(spans), unique=True, max_size=40))
        mentions = tuple(
            Mention(s, e, text[s:e], draw(st.sampled_from(LABELS))) for s, e in sorted(chosen)
        )
        documents.append((Article(f"seed{number}", f"seed{number}.txt", text), Analysis(mentions)))
    return documents


def quoted_whole(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the whole of a quotation, as the digest marks it."""
    return bool(marks(text, [(start, end)]).quoted)


def chosen(picks: dict[int, list[tuple[int, int, str]]]) -> list[tuple[Article, Analysis]]:
    """The seed texts with the mentions given as ``{text number: [(start, end, label)]}``."""
    return [
        (
            Article(f"seed{number}", f"seed{number}.txt", text),
            Analysis(
                tuple(Mention(s, e, text[s:e], label) for s, e, label in picks.get(number, []))
            ),
        )
        for number, text in enumerate(SEED_TEXTS)
    ]


@settings(max_examples=60, deadline=None)
@given(seed_documents())
# Hypothesis found it: "However", which another article writes in lower case, is no name
# in "Ukraine. However" either, once "Ukraine" alone is a group.
@example(
    chosen(
        {
            0: [(1246, 1254, "NORP")],
            1: [(0, 6, "FAC"), (1663, 1679, "FAC"), (1850, 1857, "FAC")],
        }
    )
)
def test_every_mention_of_a_name_lands_in_exactly_one_entity_with_its_offsets(documents) -> None:
    source = sorted((a.id, m.start, m.end, m.text) for a, an in documents for m in an.mentions)
    texts = {article.id: article.text for article, _ in documents}
    strict = link_entities(documents, find_untagged=False)
    kept = sorted((m.article, m.start, m.end, m.text) for e in strict for m in e.mentions)
    # One kept mention per analysis mention, with its offsets or, for a headline span
    # linked to the name inside it, with that name's offsets inside the span; none for
    # a common word the model tagged where it was capitalised ("During", which the texts
    # also write in lower case: ``unlisted.common_words``), a word glued before one ("Ukraine.
    # However", a descriptor span of "However", goes with it), or a quoted title
    # ('"Scrubs,"': ``mistyped.TitlesAndShips``).
    lower = set(re.findall(r"\b[a-z]+\b", " ".join(texts.values())))
    credits = {article: credit_spans(text) for article, text in texts.items()}
    common = [
        m
        for m in source
        if lower.issuperset(fold_name(m[3]).split()[1:] or fold_name(m[3]).split())
        or quoted_whole(texts[m[0]], m[1], m[2])
        # A byline's or a credit's names are the newsroom's ("Sergei Supinsky/AFP").
        or any(low <= m[1] and m[2] <= high for low, high in credits[m[0]])
    ]
    # A kept mention may also be a place a dateline with a wire, a date or a desk
    # names, tagged or not ("Moscow" in "Moscow/ Kyiv | Jagran News Desk:").
    filed = {
        (article.id, start, end)
        for article, analysis in documents
        for start, end in Furniture(article.text).untagged_places(analysis.mentions)
    }
    assert len(source) - len(common) <= len(kept) <= len(source) + len(filed)
    for article, start, end, _ in source:
        inside = [k for k in kept if k[0] == article and start <= k[1] < k[2] <= end]
        assert len(inside) <= 1
        assert inside or (article, start, end, _) in common
    for kept_article, kept_start, kept_end, text in kept:
        assert texts[kept_article][kept_start:kept_end] == text
        assert (kept_article, kept_start, kept_end) in filed or any(
            a == kept_article and s <= kept_start < kept_end <= e for a, s, e, _ in source
        )
    entities = link_entities(documents)
    located = sorted((m.article, m.start, m.end, m.text) for e in entities for m in e.mentions)
    assert len(set(located)) == len(located)
    added = sorted(set(located) - set(kept))
    for article, start, end, found in added:
        # A found occurrence crosses no kept mention. It may hold some, when it is a name
        # of several words ("Hollywood Reporter" around the "Hollywood" tagged in it):
        # then it wins over them.
        overlapping = [k for k in kept if k[0] == article and k[1] < end and start < k[2]]
        assert all(
            start <= k[1] and k[2] <= end and (k[1], k[2]) != (start, end) for k in overlapping
        )
        assert not overlapping or len(found.split()) > 1
        assert set(overlapping).isdisjoint(located)
    # Every other kept mention stays as it was.
    assert all(
        k in located or any(k[0] == a and s <= k[1] < k[2] <= e for a, s, e, _ in added)
        for k in kept
    )
    ids = [e.id for e in entities]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"e[0-9a-f]{8,}", i) for i in ids)
    order = [(-len(e.mentions), -len(e.article_ids), e.name.casefold()) for e in entities]
    assert order == sorted(order)
    for entity in entities:
        assert entity.mentions and entity.type in ("person", "place", "organization", "group")
        written = {" ".join(m.text.split()) for m in entity.mentions}
        assert entity.aliases and entity.aliases == sorted(entity.aliases)
        assert set(entity.aliases) <= written
        starts = [(m.article, m.start) for m in entity.mentions]
        assert len(set(starts)) == len(starts)
        assert all(texts[m.article][m.start : m.end] == m.text for m in entity.mentions)
        for evidence in entity.evidence:
            assert evidence.rule and evidence.names
            assert evidence.score is None or 0 <= evidence.score <= 1


@settings(max_examples=30, deadline=None)
@given(seed_documents())
def test_linking_does_not_depend_on_article_order(documents) -> None:
    def partition(docs):
        return sorted(sorted((m.article, m.start) for m in e.mentions) for e in link_entities(docs))

    assert partition(documents) == partition(list(reversed(documents)))


@given(
    st.lists(st.tuples(st.integers(0, 200), st.integers(1, 30)), max_size=40),
    st.integers(0, 220),
    st.integers(1, 30),
)
def test_overlap_lookup_agrees_with_a_scan(spans, start, length) -> None:
    from itertools import accumulate

    from reader.linking.namesearch import overlaps as _overlaps

    covered = sorted((s, s + n) for s, n in spans)
    starts = [s for s, _ in covered]
    reach = list(accumulate((e for _, e in covered), max))
    end = start + length
    expected = any(s < end and start < e for s, e in covered)
    assert _overlaps(starts, reach, start, end) == expected


HEADLINE_WORDS = sorted(
    {w for text in SEED_TEXTS for w in re.findall(r"[A-Z][a-z]+", text.split("\n")[0])}
)


@given(st.lists(st.sampled_from(HEADLINE_WORDS), min_size=1, max_size=8), st.data())
def test_inner_span_cuts_out_exactly_the_name_it_was_given(words, data) -> None:
    from reader.linking.containment import inner_span
    from reader.names import clean_name, fold_name

    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first, len(words) - 1))
    text = " ".join(words)
    key = fold_name(clean_name(" ".join(words[first : last + 1])))
    span = inner_span(text, key)
    assert span is not None
    start, end = span
    assert 0 <= start < end <= len(text)
    assert fold_name(clean_name(text[start:end])) == key


@settings(max_examples=30, deadline=None)
@given(seed_documents())
def test_short_forms_are_only_found_beside_their_full_name(documents) -> None:
    entities = link_entities(documents)
    for entity in entities:
        short = {f for e in entity.evidence if e.rule == "short-form" for f in e.names}
        for mention in entity.mentions:
            if mention.text in short:
                # The article that writes the short form names the entity in full too.
                assert any(
                    m.article == mention.article and len(m.text) > len(mention.text)
                    for m in entity.mentions
                )
