"""Pronoun speakers resolve only to people of a compatible gender, as the text itself says."""

from __future__ import annotations

from reader.quotes.gender import person_gender


def ents(doc, text: str):
    return [e for e in doc.ents if e.text == text]


def speaker_of(nlp, text: str, quote_start: str) -> tuple[str, str | None]:
    doc = nlp(text)
    quote = next(q for q in doc._.reader_quotes if q.span.text.startswith(quote_start))
    ref = quote.speaker_ref.text if quote.speaker_ref is not None else None
    return quote.speaker.text, ref


# From ECB+ 1_3ecb (Tara Reid's rehab), trimmed: "he" is the producer, not Reid.
REID = (
    "Tara Reid has checked herself into Promises Treatment Center, her rep Jack Ketsoyan "
    "told People.\n"
    "The move comes as a surprise to Reunion Pictures' Matthew O'Connor, who coproduced "
    "Reid last year on the made-for-TV horror flick Vipers.\n"
    '"Tara was 100 percent professional," he told E! News.'
)


def test_he_skips_a_woman_the_text_marks_as_female(nlp) -> None:
    doc = nlp(REID)
    assert person_gender(doc, ents(doc, "Tara Reid")[0]) == "female"
    assert person_gender(doc, ents(doc, "Reid")[0]) == "female"  # pooled by surname
    assert speaker_of(nlp, REID, "Tara was") == ("he", "Matthew O'Connor")


def test_she_skips_a_man_the_text_marks_as_male(nlp) -> None:
    text = (
        "Actor Ben Affleck met Tara Reid in Malibu. Mr. Affleck left early.\n"
        '"It was a mess," she said.'
    )
    doc = nlp(text)
    assert person_gender(doc, ents(doc, "Ben Affleck")[0]) == "male"
    assert speaker_of(nlp, text, "It was") == ("she", "Tara Reid")


def test_unknown_gender_still_resolves_to_the_nearest_person(nlp) -> None:
    text = (
        "Kremlin spokesperson Dmitry Peskov said that Russia had always maintained that the "
        'troops will return.\n"This is the case this time as well," he said.'
    )
    doc = nlp(text)
    assert person_gender(doc, ents(doc, "Dmitry Peskov")[0]) is None
    assert speaker_of(nlp, text, "This is") == ("he", "Dmitry Peskov")


def test_apposition_and_possessive_evidence(nlp) -> None:
    doc = nlp(
        "Her husband, John Smith, spoke first. "
        "Prime Minister Theresa May repeated her warning on Monday."
    )
    assert person_gender(doc, ents(doc, "John Smith")[0]) == "male"
    assert person_gender(doc, ents(doc, "Theresa May")[0]) == "female"
