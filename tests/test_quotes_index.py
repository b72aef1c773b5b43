"""The per-document index answers as a walk over the whole Doc would, on real text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, Span

from reader.quotes.gender import _genders
from reader.quotes.index import DocIndex, index_of, indexed

ARTICLE = Path(__file__).parent / "data" / "quotes_texts" / "9_6ecb.txt"
RELAXED = settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def doc(nlp) -> Doc:
    return nlp(ARTICLE.read_text(encoding="utf-8"))


@RELAXED
@given(data=st.data())
def test_lookups_match_a_full_walk(doc: Doc, data: st.DataObject) -> None:
    index = DocIndex(doc)
    start = data.draw(st.integers(0, len(doc)))
    end = data.draw(st.integers(start, len(doc)))
    ents = list(doc.ents)
    if start < len(doc):
        assert index.entity_at(start) == next((e for e in ents if e.start <= start < e.end), None)
    assert index.ents_within(start, end) == [e for e in ents if start <= e.start and e.end <= end]
    assert list(index.ents_before(end)) == [e for e in reversed(ents) if e.end <= end]
    a, b = doc[start].idx if start < len(doc) else len(doc.text), len(doc.text)
    assert index.tokens_from(a, b) == [t for t in doc if a <= t.idx < b]


def test_added_entity_matches_doc_ents_and_gender_catches_up(nlp) -> None:
    doc = nlp(
        "The actress Tara Reid checked herself in on Monday. Tim Fanning, her manager, "
        "said Reid was doing well, and Fanning repeated his call for privacy."
    )
    with indexed(doc) as index:
        assert index_of(doc) is index
        assert _genders(doc).get("reid") == "female"
        reid = next(e for e in doc.ents if e.text == "Tara Reid")
        # Relabelling her replaces the PERSON entity: the text's gender evidence goes with it.
        assert index.add_ent(Span(doc, reid.start, reid.end, label="ORG"))
        assert index.ents == list(doc.ents)
        assert next(e for e in doc.ents if e.start == reid.start).label_ == "ORG"
        assert _genders(doc) == _genders_fresh(doc)
        assert "reid" not in _genders(doc)
        cutting = Span(doc, reid.start + 1, reid.end + 1, label="PERSON")
        assert not index.add_ent(cutting)  # it would cut through an entity
        assert index.ents == list(doc.ents)
    assert index_of(doc) is not index  # the index lives only while the block runs


def _genders_fresh(doc: Doc) -> dict[str, str]:
    with indexed(doc):
        return dict(_genders(doc))
