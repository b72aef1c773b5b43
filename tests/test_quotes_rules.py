"""Round-two quote rules on real-style news sentences, with the real model."""

from __future__ import annotations

from reader.quotes import DocQuote
from reader.quotes.marks import blank_code, find_quotes


def quotes_of(nlp, text: str) -> dict[str, DocQuote]:
    return {q.span.text: q for q in nlp(text)._.reader_quotes}


def ref(quote: DocQuote) -> str | None:
    return None if quote.speaker_ref is None else quote.speaker_ref.text


def test_lone_word_after_naming_verb_is_the_speakers(nlp) -> None:
    found = quotes_of(
        nlp, 'Senator Maria Lopez called the bypass plan "reckless" and urged the council to vote.'
    )
    assert found["reckless"].partial
    assert ref(found["reckless"]) == "Maria Lopez"


def test_lone_word_after_accused_of_being(nlp) -> None:
    found = quotes_of(
        nlp, 'Opposition leader Tom Reed accused the mayor of being "duped" by developers.'
    )
    assert ref(found["duped"]) == "Tom Reed"


def test_lone_word_said_by_a_collective_stays_a_scare_quote(nlp) -> None:
    text = (
        "However, Ukraine's top officials have said Zelenskiy's remarks were just "
        '"skeptical" and he was responding to media reports.'
    )
    assert "skeptical" not in quotes_of(nlp, text)


def test_titles_and_labels_are_not_speech(nlp) -> None:
    text = (
        'The director spoke about the documentary "13th" on "Face the Nation" last week, '
        'a day after residents left a box labelled "medical problem" at the council. '
        'Critics loved "Parasite" and "Fleabag" this year.'
    )
    assert quotes_of(nlp, text) == {}


def test_title_after_a_word_is_not_a_quotation(nlp) -> None:
    text = (
        "Hosting needs a change of style, said Steve Pond, author of the 2005 book "
        '"The Big Show: High Times and Dirty Dealings Backstage at the Academy Awards."'
    )
    assert not any(t.startswith("The Big Show") for t in quotes_of(nlp, text))


def test_markdown_code_holds_no_quotes(nlp) -> None:
    text = 'A call such as `parse("admin")` skipped the check.\n\n```\nprint("loaded")\n```\n'
    assert blank_code(text).count('"') == 0 and len(blank_code(text)) == len(text)
    assert find_quotes(text) == []
    assert quotes_of(nlp, text + '\n"We fixed it within hours," Raman said.\n').keys() == {
        "We fixed it within hours,"
    }


def test_multi_paragraph_quote_continues_on_an_opening_mark(nlp) -> None:
    text = (
        "Interior Minister Clara Holt warned against alarm.\n"
        '"We must not overreact to campaign rhetoric," she said.\n'
        '"Every budget has trade-offs.\n'
        '"This one protects the services people use every day."\n'
    )
    found = list(quotes_of(nlp, text).values())
    assert found[-1].span.text.startswith("Every budget") and found[-1].span.text.endswith("day.")
    assert all(ref(q) == "Clara Holt" for q in found)


def test_pronoun_after_an_unnamed_description_stays_unresolved(nlp) -> None:
    # Reid fits "she" as well as the publicist does: only the rule keeps her out.
    text = (
        "The actress Tara Reid has checked into a treatment facility, her publicist told "
        'People magazine on Monday. "Tara is receiving the care she needs," she said.'
    )
    quote = quotes_of(nlp, text)["Tara is receiving the care she needs,"]
    assert quote.speaker is not None and quote.speaker.text == "she"
    assert quote.speaker_ref is None


def test_pronoun_after_a_named_speaker_still_resolves(nlp) -> None:
    text = (
        "Hugh Jackman was abroad promoting the film when his Oscar role was announced. "
        '"I never imagined I would host the show," he said in a statement.'
    )
    assert ref(quotes_of(nlp, text)["I never imagined I would host the show,"]) == "Hugh Jackman"


def test_description_speaks_for_itself(nlp) -> None:
    found = quotes_of(nlp, '"It was a wonderful week," the Taradise star said.')
    quote = found["It was a wonderful week,"]
    assert quote.speaker is not None and quote.speaker.text == "the Taradise star"
    assert quote.speaker_ref is None


def test_description_named_by_apposition(nlp) -> None:
    text = '"We fixed it within hours," the project\'s lead maintainer, Priya Raman, said.'
    assert ref(quotes_of(nlp, text)["We fixed it within hours,"]) == "Priya Raman"


def test_surname_taken_for_a_place_resolves_to_the_person(nlp) -> None:
    # The small model tags this "Phoenix" as a place (GPE).
    text = 'Actor Joaquin Phoenix arrived late. "The traffic was terrible," Phoenix told reporters.'
    quote = quotes_of(nlp, text)["The traffic was terrible,"]
    assert quote.speaker is not None and quote.speaker.text == "Phoenix"
    assert ref(quote) == "Joaquin Phoenix"
    assert quote.speaker_ref is not None and quote.speaker_ref.label_ == "PERSON"


def test_so_called_marks_are_the_writers(nlp) -> None:
    text = (
        "On Feb. 27, the administration announced that it would reverse the so-called "
        '"medical conscience" rule, officials said.'
    )
    assert quotes_of(nlp, text) == {}


def test_what_evidence_suggests_is_no_ones_speech(nlp) -> None:
    text = (
        "An Interior official said that such a review would be triggered only if scientific "
        'evidence suggested "a causal connection" between a project and the harm.'
    )
    quote = quotes_of(nlp, text)["a causal connection"]
    assert quote.speaker is not None and quote.speaker.text == "An Interior official"


def test_pronoun_after_a_described_speakers_quote_stays_unresolved(nlp) -> None:
    text = (
        'Union leader Dan Whitfield said the strike would go ahead. "We have no choice," '
        "Whitfield said. A spokesperson for the employers' federation disagreed: "
        '"There is no more money on the table." "The union knows that," she added.'
    )
    found = quotes_of(nlp, text)
    assert ref(found["We have no choice,"]) == "Whitfield"
    assert found["The union knows that,"].speaker_ref is None


def test_passive_naming_is_a_label(nlp) -> None:
    text = (
        "The owners have been in talks with the city on the sale of what is called the old "
        '"Matanuska Maid block," officials said.'
    )
    assert not any(t.startswith("Matanuska") for t in quotes_of(nlp, text))


def test_speaker_found_above_a_subjectless_speech_verb(nlp) -> None:
    text = (
        "One crew member was killed in the attack, which the Indian navy had originally "
        'announced by saying it had sunk a pirate "mother ship."'
    )
    quote = quotes_of(nlp, text)["mother ship."]
    assert quote.speaker is not None and quote.speaker.text.endswith("navy")


def test_partial_quote_attributed_after_it(nlp) -> None:
    text = (
        'On Wednesday tensions "seemed to be decreasing until his sister was arrested," '
        "according to Danny Gold of Metropolis."
    )
    quote = quotes_of(nlp, text)["seemed to be decreasing until his sister was arrested,"]
    assert quote.partial and ref(quote) == "Danny Gold"


def test_chanted_words_are_speech(nlp) -> None:
    text = 'On the streets of Athens, demonstrators chanted "Thieves, thieves!" at the police.'
    quote = quotes_of(nlp, text)["Thieves, thieves!"]
    assert quote.speaker is not None and quote.speaker.text == "demonstrators"
