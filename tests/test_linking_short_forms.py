"""Names the NER misses or shortens, resolved from what the articles write (real sentences)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from reader.linking import link_entities, propagate, shortforms
from reader.linking.containment import inner_span
from reader.linking.context import in_title_case_line
from reader.linking.name_spans import name_spans
from reader.linking.variants import short_forms
from reader.model import Analysis, Article, Mention
from reader.pipeline import Analyzer, load_articles
from tests.linking_helpers import doc, entity_with


def tagged_after(article_id: str, text: str, names: list[tuple[str, str]], after: int):
    """An article whose mentions are the occurrences of each (name, label) from ``after`` on:
    what NER gives when it misses a headline.
    """
    found = []
    for name, label in names:
        start = text.find(name, after)
        while start >= 0:
            found.append(Mention(start, start + len(name), name, label))
            start = text.find(name, start + len(name))
    found.sort(key=lambda m: m.start)
    return Article(article_id, f"{article_id}.txt", text), Analysis(tuple(found))


def test_a_known_name_inside_a_title_case_headline_is_found() -> None:
    # ECB+ 21_1ecbplus: NER tags "Queens" in the body but not inside the headline,
    # where every word is capitalised and none tells where a name ends.
    text = (
        "Woman Killed In Queens Hit-And-Run, Driver Charged\n"
        "A woman has died after being hit by a car that fled the scene in Queens, "
        "and now, the driver is facing manslaughter charges."
    )
    body = text.index("\n")
    entities = link_entities([tagged_after("a", text, [("Queens", "GPE")], body)])
    queens = entity_with(entities, "Queens")
    assert sorted(m.start for m in queens.mentions) == [text.index("Queens"), text.rindex("Queens")]


def test_headline_spans_start_and_end_at_any_word_but_body_spans_do_not() -> None:
    text = (
        "Klitschko vs Thompson II Results: Wladimir Klitschko Cruises Again\n"
        "Wladimir Klitschko Cruises won in Bern."
    )
    spans = dict(name_spans(text))
    head = text.index("Wladimir")
    assert head + len("Wladimir Klitschko") in spans[head]
    body = text.index("Wladimir", head + 1)
    # In the body "Wladimir Klitschko Cruises" runs on: no name ends inside it.
    assert body + len("Wladimir Klitschko") not in spans[body]
    # "vs" is a short function word of a title-case line.
    assert in_title_case_line(text, head, head + 8)


def test_a_headline_word_written_in_lower_case_elsewhere_is_not_a_name() -> None:
    first = "Page said the deal was done."
    second = "Fans Turn The Page On An Era\nReaders turned the page when it ended."
    entities = link_entities([doc("a", first, [("Page", "PERSON")]), doc("b", second, [])])
    assert [m.article for m in entity_with(entities, "Page").mentions] == ["a"]


def test_a_headline_span_is_trimmed_to_its_name_and_frees_the_rest() -> None:
    # ECB+ 9_5ecbplus: NER tags the whole "Obama Reverses Bush" as one person.
    head = "Obama Reverses Bush on Species Protection Measure\n"
    first = head + "President Obama is restoring a requirement that agencies consult experts."
    second = "The rule was put in place by the Bush administration. Obama said so."
    entities = link_entities(
        [
            doc("a", first, [("Obama Reverses Bush", "PERSON"), ("Obama", "PERSON")]),
            doc("b", second, [("Bush", "PERSON"), ("Obama", "PERSON")]),
        ]
    )
    obama = entity_with(entities, "Obama")
    assert ("a", 0, 5) in {(m.article, m.start, m.end) for m in obama.mentions}
    assert all(m.text == "Obama" for m in obama.mentions)
    bush = entity_with(entities, "Bush")
    start = head.index("Bush")
    assert ("a", start, start + 4) in {(m.article, m.start, m.end) for m in bush.mentions}
    assert bush.id != obama.id


def test_inner_span_finds_the_name_as_written() -> None:
    assert inner_span("Obama Reverses Bush", "bush") == (15, 19)
    assert inner_span("Red Sox-Teixeira Rumor", "red sox") == (0, 7)
    assert inner_span("Red Sox-Teixeira Rumor", "teixeira") == (8, 16)
    assert inner_span("\"Bush's Rules", "bush") == (1, 5)
    assert inner_span("Obama Reverses Bush", "clinton") is None


REID = (
    "Perennial party girl Tara Reid checked herself into Promises Treatment Center, her rep "
    "told People.\nA friend of the actress told People she went to Promises on Tuesday and "
    "that her friends and family supported her decision."
)


def test_an_organization_written_short_in_its_own_article_is_found() -> None:
    # ECB+ 1_10ecb: NER tags the full name but not the bare "Promises".
    other = "Promises is the home away from home for many stars. She went to Promises."
    entities = link_entities(
        [
            doc("a", REID, [("Promises Treatment Center", "ORG"), ("Tara Reid", "PERSON")]),
            doc("b", other, []),
        ]
    )
    center = entity_with(entities, "Promises Treatment Center")
    short = REID.index("Promises on")
    assert ("a", short, short + 8) in {(m.article, m.start, m.end) for m in center.mentions}
    # Only the article that names the center in full resolves the short form.
    assert {m.article for m in center.mentions} == {"a"}
    assert "short-form" in {e.rule for e in center.evidence}


def test_short_forms_skip_common_words_sentence_starts_and_headlines() -> None:
    text = (
        "Acme Holdings Corp. Reports Results\n"
        "Shares of Acme Holdings Corp. rose. Acme said profits grew, and an acme of sales "
        "was reached. Analysts at Bank of America praised Acme.\n"
        "The Bank said the Bank of America view stands."
    )
    entities = link_entities(
        [doc("a", text, [("Acme Holdings Corp.", "ORG"), ("Bank of America", "ORG")])]
    )
    acme = entity_with(entities, "Acme Holdings Corp.")
    # "acme" is written in lower case in the article: a common word there.
    assert {m.text for m in acme.mentions} == {"Acme Holdings Corp."}
    bank = entity_with(entities, "Bank of America")
    found = sorted(m.start for m in bank.mentions if m.text == "Bank")
    # "The Bank said" mid-sentence is found; nothing in the headline line.
    assert found == [text.index("Bank said")]


def test_short_forms_of_an_organization_name() -> None:
    assert short_forms("Promises Treatment Center") == ("Promises",)
    assert short_forms("Acme Holdings Corp.") == ("Acme",)
    assert short_forms("Academy of Motion Picture Arts and Sciences") == ("Academy",)
    assert short_forms("Treatment Center") == ()
    assert short_forms("Boston Red Sox") == ()
    assert short_forms("Apollo 11 Center") == ()


def test_a_name_may_start_after_the_the_that_opens_its_run() -> None:
    text = "He left. The Kremlin said no, and The New York Times agreed."
    spans = dict(name_spans(text))
    kremlin = text.index("Kremlin")
    assert kremlin + len("Kremlin") in spans[kremlin]
    # Only right after "The": "York Times" is no start.
    assert text.index("York") not in spans


def test_short_forms_are_not_taken_at_sentence_starts_or_in_headlines() -> None:
    text = (
        "Promises Opens Its Doors To Stars\n"
        "Tara Reid checked into Promises Treatment Center. Promises is a celeb favorite. "
        "She went to Promises on Tuesday."
    )
    entities = link_entities([doc("a", text, [("Promises Treatment Center", "ORG")])])
    center = entity_with(entities, "Promises Treatment Center")
    found = [m.start for m in center.mentions if m.text == "Promises"]
    assert found == [text.index("Promises on")]


ADGATE = (
    "Bill Adgate, who works at LPL Financial inside the building, said he had hunkered down "
    'inside the office. "I want to get out," Adgate said by telephone. '
    "Adgate stayed on the third floor."
)


def test_a_surname_alone_is_the_person_its_article_names_in_full() -> None:
    # ECB+ topic 18: NER tags "Bill Adgate" but not the lone surname after a quote.
    entities = link_entities(
        [doc("a", ADGATE, [("Bill Adgate", "PERSON"), ("LPL Financial", "ORG")])]
    )
    adgate = entity_with(entities, "Bill Adgate")
    found = [m.start for m in adgate.mentions if m.text == "Adgate"]
    # Mid-sentence after the quote; the sentence start is left alone.
    assert found == [ADGATE.index("Adgate said")]


def test_a_surname_shared_by_two_people_is_not_searched() -> None:
    two = ADGATE + " His brother Tom Adgate met Adgate later."
    entities = link_entities([doc("a", two, [("Bill Adgate", "PERSON"), ("Tom Adgate", "PERSON")])])
    assert not any(m.text == "Adgate" for e in entities for m in e.mentions)


def test_an_article_s_own_short_form_wins_over_a_name_from_elsewhere() -> None:
    # "Rock" is a band in one article; where Chris Rock is named in full it is him.
    first = "Comedian Chris Rock hosted. Fans said Rock was sharp."
    entities = link_entities(
        [
            doc("a", first, [("Chris Rock", "PERSON")]),
            doc("b", "Rock played a show in Detroit on Friday night.", [("Rock", "ORG")]),
        ]
    )
    rock = entity_with(entities, "Chris Rock")
    assert (first.index("Rock was"), "Rock") in {(m.start, m.text) for m in rock.mentions}
    band = next(e for e in entities if e.type == "organization")
    assert {m.article for m in band.mentions} == {"b"}


def test_initials_may_count_a_capital_the_written_mid_sentence() -> None:
    # ECB+ topic 6: "THR" is "The Hollywood Reporter", whose NER span leaves "The" out.
    first = "The news was first reported by The Hollywood Reporter on Tuesday."
    second = "A source tells THR that the deal is done."
    pair = [
        doc("a", first, [("Hollywood Reporter", "ORG")]),
        doc("b", second, [("THR", "ORG")]),
    ]
    reporter = entity_with(link_entities(pair), "THR")
    assert {m.text for m in reporter.mentions} == {"THR", "Hollywood Reporter"}
    # At a sentence start "The" says nothing: no initials with it.
    start = "The Hollywood Reporter ran the story on Tuesday."
    alone = link_entities([doc("a", start, [("Hollywood Reporter", "ORG")]), pair[1]])
    assert {m.text for m in entity_with(alone, "THR").mentions} == {"THR"}


def test_a_full_name_closing_a_longer_capitalised_run_is_found() -> None:
    # ECB+ 10_8ecb: "GM" and the team run on into the name, and NER tags nothing.
    first = (
        "With last night's news from Los Angeles Angels GM Tony Reagins that the team has "
        "made an eight-year contract offer, the race is on."
    )
    second = "Tony Reagins said the Angels had withdrawn their offer."
    entities = link_entities(
        [doc("a", first, []), doc("b", second, [("Tony Reagins", "PERSON"), ("Angels", "ORG")])]
    )
    reagins = entity_with(entities, "Tony Reagins")
    start = first.index("Tony")
    assert ("a", start, start + len("Tony Reagins")) in {
        (m.article, m.start, m.end) for m in reagins.mentions
    }


def test_one_word_is_never_taken_from_inside_a_capitalised_run() -> None:
    first = "Moscow said the Kyiv Post disagreed with Kyiv officials."
    entities = link_entities(
        [doc("a", first, []), doc("b", "Troops left the Post at dawn.", [("Post", "ORG")])]
    )
    assert {m.article for m in entity_with(entities, "Post").mentions} == {"b"}


def test_an_acronym_links_once_spelling_variants_of_its_long_name_are_one() -> None:
    # ECB+ topic 11 writes the commission two ways; "CEC" fits both spellings.
    entities = link_entities(
        [
            doc(
                "a",
                "The Central Election Commission said turnout was high.",
                [("Central Election Commission", "ORG")],
            ),
            doc(
                "b",
                "The Central Elections Commission will count the votes.",
                [("Central Elections Commission", "ORG")],
            ),
            doc("c", "Results will be published by the CEC on Monday.", [("CEC", "ORG")]),
        ]
    )
    commission = entity_with(entities, "CEC")
    assert {m.article for m in commission.mentions} == {"a", "b", "c"}


def test_a_span_only_ever_tagged_in_headlines_is_not_searched_for() -> None:
    # ECB+ topic 21: NER tags "Driver Charged" as a person in one headline.
    first = "Woman Killed In Queens Hit-And-Run, Driver Charged\nA woman died in Queens."
    second = "Woman Killed In Queens Hit-And-Run Accident, Driver Charged\nShe was hit."
    entities = link_entities(
        [
            doc("a", first, [("Driver Charged", "PERSON"), ("Queens", "GPE")]),
            doc("b", second, []),
        ]
    )
    assert {m.article for m in entity_with(entities, "Driver Charged").mentions} == {"a"}
    # A name tagged in running text is still found in the other headline.
    assert {m.article for m in entity_with(entities, "Queens").mentions} == {"a", "b"}


ECB = Path(__file__).parent / "data" / "linking_ecbplus"


@pytest.fixture(scope="module")
def ecb_documents(settings):
    loaded = load_articles(
        [ECB / topic for topic in ("topic-03", "topic-06", "topic-21")], settings
    )
    analyses = Analyzer(settings).analyze(loaded.articles)
    documents = [(a, analyses[a.id]) for a in loaded.articles]
    # An article writing a name short ("Promises", after "Promises Treatment Center").
    documents.append(doc("short", REID, [("Promises Treatment Center", "ORG")]))
    return loaded.aliases, documents


def test_short_forms_kept_in_the_digests_are_those_found_anew(ecb_documents, monkeypatch) -> None:
    aliases, documents = ecb_documents
    calls = Counter()
    for name in ("resolved", "article_forms"):
        real = getattr(shortforms, name)

        def counting(*args, real=real, name=name):
            calls[name] += 1
            return real(*args)

        monkeypatch.setattr(shortforms, name, counting)
    kept = link_entities(documents, aliases)
    # Most articles took their short forms from their digests; those whose mentions
    # linking changed (a headline span cut to its name, a name retyped) found them anew.
    assert calls["resolved"] > calls["article_forms"] > 0
    assert any(ev.rule == "short-form" for e in kept for ev in e.evidence)
    # Every article finding its short forms anew gives the very same entities.
    search = propagate.add_untagged
    monkeypatch.setattr(
        propagate,
        "add_untagged",
        # Without the node names: nothing from the digests (the marks still recorded).
        lambda *args: search(*args[:5], marked=args[7]),
    )
    calls.clear()
    assert link_entities(documents, aliases) == kept
    assert calls["resolved"] == 0
