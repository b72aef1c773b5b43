"""Designators, spacing variants and names resolved inside their own article, on news sentences."""

from __future__ import annotations

from reader.linking import link_entities
from reader.linking.build import display_name
from reader.linking.people import full_names_compatible
from reader.linking.unlisted import law_or_vessel_named, unlisted
from reader.linking.variants import compact_groups, designator_core, institution_named
from tests.linking_helpers import doc, entity_with, rules


def test_designator_core_strips_legal_forms_and_facility_words() -> None:
    assert designator_core("kraft foods inc") == "kraft foods"
    assert designator_core("acme holdings corp") == "acme"
    assert designator_core("betty ford treatment center") == "betty ford"
    # One word left is too little to tell two facilities apart.
    assert designator_core("promises treatment center") is None
    assert designator_core("kraft foods") is None
    assert designator_core("group") is None


def test_institution_words_end_no_persons_name_but_surnames_are_left_alone() -> None:
    assert institution_named("central mat su fire department")
    assert institution_named("surrey police") and institution_named("matanuska creamery")
    assert institution_named("acme corp") and institution_named("dairy")
    # Newspapers, broadcasters, clubs.
    for key in ("hollywood reporter", "eyewitness news", "sams club", "chicago tribune"):
        assert institution_named(key), key
    # Words that are surnames too stay people's: Margaret Court, Charlotte Church.
    for key in ("margaret court", "charlotte church", "robert service", "corp", "lindsay lohan"):
        assert not institution_named(key), key


def test_a_person_tag_on_an_institutions_name_makes_no_person() -> None:
    # spaCy's small model tags these PERSON in ECB+ articles; the sidebar listed them
    # among the people, and "Crowley" alone joined "Crowley Petroleum" as its surname.
    first = (
        "The big thing was we had to protect Crowley Petroleum, from the fire from spreading "
        "to the gas and the petroleum products that are stored at Crowley Petroleum. "
        "Crowley said its tanks were safe."
    )
    second = "Surrey Police said firefighters would remain at the scene until Monday."
    entities = link_entities(
        [
            doc("a", first, [("Crowley Petroleum", "PERSON"), ("Crowley", "PERSON")]),
            doc("b", second, [("Surrey Police", "PERSON")]),
        ]
    )
    assert entity_with(entities, "Crowley Petroleum").type == "organization"
    assert "surname" not in rules(entity_with(entities, "Crowley"))
    assert entity_with(entities, "Surrey Police").type == "organization"
    # A person's name is still a person's, whatever follows it in the sentence.
    third = "Fire chief Jon Owen of the Central Mat-Su Fire Department said the fire spread fast."
    entities = link_entities(
        [
            doc(
                "c",
                third,
                [("Jon Owen", "PERSON"), ("Central Mat-Su Fire Department", "PERSON")],
            )
        ]
    )
    assert entity_with(entities, "Jon Owen").type == "person"
    assert entity_with(entities, "Central Mat-Su Fire Department").type == "organization"


def test_laws_and_ships_are_told_by_their_last_or_first_word() -> None:
    for key in ("endangered species act", "clean air act of 1970", "fifth amendment"):
        assert law_or_vessel_named(key), key
    for key in ("ins mysore", "uss cole", "hms victory", "mv stolt valor"):
        assert law_or_vessel_named(key), key
    # A word alone may be anything; a law's word inside a name makes no law.
    for key in ("act", "ins", "mysore", "acton bell", "act up", "barack obama", "uss"):
        assert not law_or_vessel_named(key), key


def test_a_law_or_a_ship_tagged_as_a_person_is_not_listed() -> None:
    # ECB+ topics 9 and 12: spaCy's small model tags the law and the ships PERSON, and
    # the sidebar listed them among the people ("Mysore" alone as the ship's surname).
    law = (
        "Obama Administration Restores Endangered Species Act Protections!\n"
        "Today, Interior Secretary Ken Salazar announced the restoration of rules under the "
        "Endangered Species Act. Obama says that he intends to reverse the rule change."
    )
    ships = (
        "After the successful counter attack on the pirates, INS Mysore later escorted "
        "MV Gibe to safety, the Navy spokesperson said. Mysore closed the vessels and "
        "ordered them to stop."
    )
    headline = "Obama Administration Restores Endangered Species Act Protections"
    entities = link_entities(
        [
            doc(
                "a",
                law,
                [
                    (headline, "PERSON"),
                    ("Endangered Species Act", "PERSON"),
                    ("Ken Salazar", "PERSON"),
                    ("Obama", "PERSON"),
                ],
            ),
            doc(
                "b",
                ships,
                [("INS Mysore", "PERSON"), ("MV Gibe", "PERSON"), ("Mysore", "PERSON")],
            ),
        ]
    )
    texts = {m.text for e in entities for m in e.mentions}
    for gone in ("Endangered Species Act", "INS Mysore", "MV Gibe", "Mysore"):
        assert gone not in texts, gone
    # The people beside them stay, none joined to the law by the headline naming both.
    assert entity_with(entities, "Ken Salazar").type == "person"
    obama = entity_with(entities, "Obama")
    assert obama.type == "person" and obama.name == "Obama", obama


def test_an_institutions_name_still_makes_its_first_word_nobodys_first_name() -> None:
    # "Surrey" before "Surrey Police" and "Surrey Fire" is no one person's first name,
    # though "Surrey Police" is no person: "Surrey" alone joins neither.
    text = (
        "A fire ripped through a Waitrose store in Surrey. Surrey Police said firefighters "
        "would remain at the scene. Peter Guest of Surrey Fire says the building is a loss."
    )
    names = [("Surrey", "PERSON"), ("Surrey Police", "PERSON"), ("Surrey Fire", "PERSON")]
    entities = link_entities([doc("a", text, [*names, ("Peter Guest", "PERSON")])])
    alone = entity_with(entities, "Surrey")
    assert {m.text for m in alone.mentions} == {"Surrey"}, alone
    assert "first-name" not in rules(entity_with(entities, "Surrey Fire"))


def test_one_clinic_written_four_ways_is_one_entity() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Lindsay Lohan checked into the Betty Ford Center in Rancho Mirage on Thursday.",
                [("Betty Ford Center", "ORG"), ("Lindsay Lohan", "PERSON")],
            ),
            doc(
                "b",
                "The actress arrived at the Betty Ford Clinic late at night, her lawyer said.",
                [("Betty Ford Clinic", "ORG")],
            ),
            doc(
                "c",
                "A spokesman for the Betty Ford Treatment Center declined to comment.",
                [("Betty Ford Treatment Center", "FAC")],
            ),
        ]
    )
    clinic = entity_with(entities, "Betty Ford Clinic")
    assert {m.text for m in clinic.mentions} == {
        "Betty Ford Center",
        "Betty Ford Clinic",
        "Betty Ford Treatment Center",
    }
    assert "designator" in rules(clinic)


def test_a_person_tagged_facility_name_joins_only_where_the_article_names_the_facility() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Lohan will stay at the Betty Ford Center for 90 days. "
                "Staff at Betty Ford say she is doing well.",
                [("Betty Ford Center", "ORG"), ("Betty Ford", "PERSON")],
            ),
            doc(
                "b",
                "Former first lady Betty Ford, who founded the clinic, died in 2011.",
                [("Betty Ford", "PERSON")],
            ),
        ]
    )
    clinic = entity_with(entities, "Betty Ford Center")
    assert clinic.type == "organization"
    assert [m.article for m in clinic.mentions] == ["a", "a"]
    person = [e for e in entities if e is not clinic and "Betty Ford" in e.aliases]
    assert len(person) == 1 and person[0].type == "person"
    assert [m.article for m in person[0].mentions] == ["b"]


def test_a_facility_named_after_a_person_stays_a_facility_whatever_its_headline_tags() -> None:
    # The headline's span, tagged as a person, is cut to the name inside it and joins
    # the facility with its person tag: the facility's name is still no person's.
    entities = link_entities(
        [
            doc(
                "a",
                "Lohan Checks Into Betty Ford Rehab\n"
                "Lohan checked into the Betty Ford Clinic in Rancho Mirage on Thursday. "
                "She wanted to go back to Betty Ford because she knows everyone there.",
                [
                    ("Betty Ford Rehab", "PERSON"),
                    ("Betty Ford Clinic", "ORG"),
                    ("Betty Ford", "PERSON"),
                    ("Lohan", "PERSON"),
                ],
            ),
            doc(
                "b",
                "Lindsay Lohan left the Betty Ford Clinic on Friday, her lawyer said.",
                [("Betty Ford Clinic", "ORG"), ("Lindsay Lohan", "PERSON")],
            ),
        ]
    )
    clinic = entity_with(entities, "Betty Ford Clinic")
    assert {m.text for m in clinic.mentions} == {"Betty Ford", "Betty Ford Clinic"}
    assert clinic.name == "Betty Ford Clinic"
    assert clinic.type == "organization"


def test_legal_forms_of_one_company_are_one_entity() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Kraft Foods Inc. said on Tuesday it would cut 1,000 jobs.",
                [("Kraft Foods Inc.", "ORG")],
            ),
            doc(
                "b",
                "Shares of Kraft Foods fell 2 percent after the announcement.",
                [("Kraft Foods", "ORG")],
            ),
            doc(
                "c",
                "Kraft Foods Group, based in Northfield, makes cheese and coffee.",
                [("Kraft Foods Group", "ORG"), ("Northfield", "GPE")],
            ),
        ]
    )
    kraft = entity_with(entities, "Kraft Foods")
    assert {m.text for m in kraft.mentions} == {
        "Kraft Foods Inc.",
        "Kraft Foods",
        "Kraft Foods Group",
    }
    assert entity_with(entities, "Northfield") is not kraft


def test_spacing_and_hyphen_variants_are_one_name() -> None:
    assert compact_groups(["face book", "facebook", "portland trail blazers"]) == [
        ["face book", "facebook"]
    ]
    entities = link_entities(
        [
            doc(
                "a",
                "The Portland Trail Blazers fired coach Maurice Cheeks on Monday.",
                [("Portland Trail Blazers", "ORG"), ("Maurice Cheeks", "PERSON")],
            ),
            doc(
                "b",
                "Cheeks was 162-152 with the Portland Trailblazers over four seasons.",
                [("Portland Trailblazers", "ORG"), ("Cheeks", "PERSON")],
            ),
        ]
    )
    blazers = entity_with(entities, "Portland Trailblazers")
    assert {m.text for m in blazers.mentions} == {"Portland Trail Blazers", "Portland Trailblazers"}
    assert "spacing" in rules(blazers)


def test_a_first_name_alone_is_a_person_only_where_the_article_names_them() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Oscar De La Hoya said he would fight again. Oscar told reporters he felt strong.",
                [("Oscar De La Hoya", "PERSON"), ("Oscar", "PERSON")],
            ),
            doc(
                "b",
                "The film won an Oscar for best picture, and Oscar voters praised its score.",
                [("Oscar", "PERSON")],
            ),
        ]
    )
    boxer = entity_with(entities, "Oscar De La Hoya")
    assert sorted(m.article for m in boxer.mentions) == ["a", "a"]
    award = [e for e in entities if e is not boxer and "Oscar" in e.aliases]
    assert len(award) == 1 and {m.article for m in award[0].mentions} == {"b"}


def test_a_short_first_name_and_a_dropped_first_name_are_one_person() -> None:
    assert full_names_compatible("mo cheeks", "maurice cheeks")
    assert full_names_compatible("arcade joseph comeaux", "joseph comeaux")
    assert not full_names_compatible("mo cheeks", "michael cheeks")
    assert not full_names_compatible("george herbert walker bush", "george w bush")
    entities = link_entities(
        [
            doc(
                "a",
                "The Philadelphia 76ers fired coach Maurice Cheeks on Saturday.",
                [("Maurice Cheeks", "PERSON"), ("Philadelphia 76ers", "ORG")],
            ),
            doc(
                "b",
                "Mo Cheeks was let go after a 9-14 start. Cheeks said he had no regrets.",
                [("Mo Cheeks", "GPE"), ("Cheeks", "PERSON")],
            ),
            doc(
                "c",
                "Cheeks, 52, played 15 seasons in the league.",
                [("Cheeks", "PERSON")],
            ),
        ]
    )
    cheeks = entity_with(entities, "Maurice Cheeks")
    assert {m.text for m in cheeks.mentions} == {"Maurice Cheeks", "Mo Cheeks", "Cheeks"}
    assert cheeks.type == "person" and len(cheeks.mentions) == 4


def test_a_weekday_after_a_name_does_not_hide_it_from_the_text_search() -> None:
    entities = link_entities(
        [
            doc("a", "A woman was killed in Queens by a hit-and-run driver.", [("Queens", "GPE")]),
            doc("b", "A car that fled the scene in Queens Friday was found.", []),
        ]
    )
    queens = entity_with(entities, "Queens")
    assert [m.article for m in queens.mentions] == ["a", "b"]


def test_a_short_name_ignores_longer_names_already_linked_to_it() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Red Sox Make Huge Offer To Teixeira\nThe Red Sox offered eight years.",
                [("Red Sox Make Huge Offer", "ORG"), ("Red Sox", "ORG")],
            ),
            doc(
                "b",
                "The Boston Red Sox are said to be close to a deal.",
                [("Boston Red Sox", "ORG")],
            ),
        ]
    )
    sox = entity_with(entities, "Boston Red Sox")
    # The headline span is linked, and trimmed to the name inside it.
    assert {m.text for m in sox.mentions} == {"Red Sox", "Boston Red Sox"}
    assert ("a", 0, 7) in {(m.article, m.start, m.end) for m in sox.mentions}


def obama_articles(barack_articles: int) -> list:
    documents = [
        doc(
            f"b{number}",
            "President Barack Obama signed the bill on Friday. Obama said it would help.",
            [("Barack Obama", "PERSON"), ("Obama", "PERSON")],
        )
        for number in range(barack_articles)
    ]
    documents.append(
        doc(
            "m",
            "First lady Michelle Obama visited a school in Denver. Obama read to the children.",
            [("Michelle Obama", "PERSON"), ("Obama", "PERSON"), ("Denver", "GPE")],
        )
    )
    documents.append(
        doc(
            "z", "Obama will travel to Asia next week, the White House said.", [("Obama", "PERSON")]
        )
    )
    return documents


def test_a_lone_surname_goes_to_the_person_most_articles_name_in_full() -> None:
    entities = link_entities(obama_articles(4))
    barack = entity_with(entities, "Barack Obama")
    assert "z" in {m.article for m in barack.mentions}
    michelle = entity_with(entities, "Michelle Obama")
    assert {m.article for m in michelle.mentions} == {"m"}


def test_a_lone_surname_stays_apart_when_no_person_of_it_is_far_ahead() -> None:
    entities = link_entities(obama_articles(2))
    barack = entity_with(entities, "Barack Obama")
    assert "z" not in {m.article for m in barack.mentions}
    lone = [e for e in entities if {m.article for m in e.mentions} == {"z"}]
    assert len(lone) == 1 and lone[0].name == "Obama"


def test_a_short_organization_name_means_the_long_name_its_own_article_writes() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Shares of Acme Holdings rose 4 percent. Acme said profits doubled.",
                [("Acme Holdings", "ORG"), ("Acme", "ORG")],
            ),
            doc(
                "b",
                "Acme Bank closed three branches in Ohio, and Acme will cut 200 jobs.",
                [("Acme Bank", "ORG"), ("Acme", "ORG"), ("Ohio", "GPE")],
            ),
            doc("c", "Acme did not return calls on Monday.", [("Acme", "ORG")]),
        ]
    )
    holdings = entity_with(entities, "Acme Holdings")
    bank = entity_with(entities, "Acme Bank")
    assert holdings is not bank
    assert {(m.article, m.text) for m in holdings.mentions} == {
        ("a", "Acme Holdings"),
        ("a", "Acme"),
    }
    assert {(m.article, m.text) for m in bank.mentions} == {("b", "Acme Bank"), ("b", "Acme")}
    lone = [e for e in entities if {m.article for m in e.mentions} == {"c"}]
    assert len(lone) == 1 and lone[0].name == "Acme"


def test_a_numbered_instance_is_not_what_the_plain_name_means() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Ellen DeGeneres will host the 79th Academy Awards in February.",
                [("79th Academy Awards", "ORG"), ("Ellen DeGeneres", "PERSON")],
            ),
            doc(
                "b",
                "The Academy Awards are watched by millions every year.",
                [("Academy Awards", "ORG")],
            ),
        ]
    )
    assert entity_with(entities, "Academy Awards") is not entity_with(
        entities, "79th Academy Awards"
    )


def test_a_headline_span_is_trimmed_to_the_name_and_is_no_alias() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Lindsay Lohan Checks Into Rehab\nLindsay Lohan checked into rehab on Thursday.",
                [("Lindsay Lohan Checks Into Rehab", "PERSON"), ("Lindsay Lohan", "PERSON")],
            ),
        ]
    )
    lohan = entity_with(entities, "Lindsay Lohan")
    # The headline mention covers the name alone.
    assert ("a", 0, 13) in {(m.article, m.start, m.end) for m in lohan.mentions}
    assert {m.text for m in lohan.mentions} == {"Lindsay Lohan"}
    assert lohan.aliases == ["Lindsay Lohan"]


def test_a_name_with_numbers_tagged_as_a_person_is_not_a_person() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Lenovo said the ThinkPad X1 sold well. Reviewers liked the ThinkPad X1 keyboard.",
                [("ThinkPad X1", "PERSON"), ("Lenovo", "ORG")],
            ),
        ]
    )
    assert entity_with(entities, "ThinkPad X1").type == "organization"


def test_names_in_a_line_of_capitals_are_found() -> None:
    headline = "KLITSCHKO RETAINS TITLE AGAINST TONY THOMPSON IN BERN\n"
    body = "Wladimir Klitschko beat Tony Thompson on Saturday. Klitschko kept his belts."
    names = [("Wladimir Klitschko", "PERSON"), ("Tony Thompson", "PERSON"), ("Klitschko", "PERSON")]
    entities = link_entities([doc("a", headline + body, names)])
    klitschko = entity_with(entities, "Wladimir Klitschko")
    assert (0, 9) in {(m.start, m.end) for m in klitschko.mentions}
    thompson = entity_with(entities, "Tony Thompson")
    start = headline.index("TONY THOMPSON")
    assert (start, start + 13) in {(m.start, m.end) for m in thompson.mentions}
    # Words of the line that are no known name stay untouched.
    assert not any(m.start == headline.index("BERN") for e in entities for m in e.mentions)


def test_a_full_name_beside_over_long_spans_of_itself_stays_one_entity() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Oregon State Police said two officers died. Oregon State Police Lt Gregg "
                "Hastings spoke.",
                [("Oregon State Police", "ORG"), ("Oregon State Police Lt", "ORG")],
            ),
            doc(
                "b",
                "Oregon State Police and Capt Wayne said the bomb went off. "
                "Oregon State Police closed the road.",
                [("Oregon State Police and Capt", "ORG"), ("Oregon State Police", "ORG")],
            ),
            doc("c", "Oregon State Police are investigating.", [("Oregon State Police", "ORG")]),
        ]
    )
    police = [e for e in entities if "Oregon State Police" in e.aliases]
    assert len(police) == 1
    assert {m.article for m in police[0].mentions if m.text == "Oregon State Police"} == {
        "a",
        "b",
        "c",
    }


def test_a_time_zone_tagged_as_an_organization_is_not_listed() -> None:
    # ECB+ topic 4: the model tags the time zones of a dateline ORG.
    text = (
        "Bettie Page passed away at 6:41pm PST this evening (0241 GMT Friday) in a Los "
        "Angeles hospital, her agent Mark Roesler said.\nPUBLISHED: 22:07 GMT, 7 July 2012"
    )
    names = [("PST", "ORG"), ("GMT", "ORG"), ("Bettie Page", "PERSON"), ("Mark Roesler", "PERSON")]
    entities = link_entities([doc("a", text, names)])
    assert sorted(e.name for e in entities) == ["Bettie Page", "Mark Roesler"]
    assert not unlisted("organization", {"gmt", "bbc"}) and unlisted("place", {"gmt", "utc"})


def test_a_groups_name_and_its_plural_are_one_group_but_a_team_stays_apart() -> None:
    # ECB+ topics 12 and 19: the model tags "Greeks" PERSON; the sidebar listed it among
    # the people, and "Somali" and "Somalis" as two groups.
    first = (
        "Greek police said the teenager was shot. Thousands of Greeks marched in Athens, "
        "and Greek students joined them."
    )
    second = "Somali pirates fired on the ship; the Somalis fled when the helicopter came."
    third = "The Indians beat the Yankees 5-3."
    entities = link_entities(
        [
            doc("a", first, [("Greek", "NORP"), ("Greeks", "PERSON")]),
            doc("b", second, [("Somali", "NORP"), ("Somalis", "NORP")]),
            doc("c", third, [("Indians", "ORG"), ("Yankees", "ORG")]),
            doc("d", "Indian troops arrived.", [("Indian", "NORP")]),
        ]
    )
    greek = entity_with(entities, "Greeks")
    assert greek.type == "group" and {m.text for m in greek.mentions} == {"Greek", "Greeks"}
    assert "plural" in rules(greek)
    assert {m.text for m in entity_with(entities, "Somalis").mentions} == {"Somali", "Somalis"}
    assert entity_with(entities, "Indians").type == "organization"
    assert {m.text for m in entity_with(entities, "Indian").mentions} == {"Indian"}


def test_two_entities_of_one_name_are_listed_under_names_that_tell_them_apart() -> None:
    # ECB+ topic 20: "Qeshm" is the island where its article writes "Qeshm Island", the
    # city where it writes "Qeshm City", and stays apart elsewhere; the sidebar listed
    # two places named "Qeshm".
    first = (
        "Qeshm is the biggest island in the gulf. The tremor struck an area around the town "
        "of Dargahan on Qeshm island, and Qeshm Island was cut off. Qeshm has 100,000 people."
    )
    second = "Sara Sadeqi, 22, a homemaker in Qeshm City, said the walls fell."
    third = "Qeshm Gov. Heidar Alishvandi said 50 were injured."
    island = [("Qeshm", "LOC"), ("Qeshm island", "LOC"), ("Qeshm Island", "LOC")]
    entities = link_entities(
        [
            doc("a", first, island),
            doc("b", second, [("Qeshm City", "LOC"), ("Sara Sadeqi", "PERSON")]),
            doc("c", third, [("Qeshm", "LOC"), ("Heidar Alishvandi", "PERSON")]),
        ]
    )
    places = sorted((e.name, len(e.mentions)) for e in entities if e.type == "place")
    # Written alike as often, the island goes by the form cased as a name.
    assert places == [("Qeshm", 1), ("Qeshm City", 1), ("Qeshm Island", 4)], places
    assert display_name(["Alaska Association For Aid", "Alaska Association for Aid"], "place") == (
        "Alaska Association for Aid"
    )


def test_a_road_tagged_as_a_person_is_a_place_and_a_roads_word_alone_no_name() -> None:
    # ECB+ topic 19: the model tags "Snyder Ave" PERSON and "Ave" alone; the sidebar
    # listed "Snyder Ave" among the people, with every "Ave" of other streets joined to it.
    first = (
        "Nearly 100 people set off from the vigil site to march to the precinct stationhouse, "
        "on Snyder Ave. near Nostrand Ave. Rioters gathered around Church and Snyder Ave. "
        "Police closed Ave. D."
    )
    second = "I'm in the middle of the riot action at Church and Snyder in my district."
    third = (
        "They stormed a McDonald's on Utica Ave. and Ave. H in Flatbush, Atty. Ken Thompson said."
    )
    documents = [
        doc("a", first, [("Snyder Ave", "PERSON"), ("Nostrand Ave", "FAC"), ("Ave", "PERSON")]),
        doc("b", second, [("Snyder", "PERSON")]),
        doc(
            "c",
            third,
            [
                ("Utica Ave", "ORG"),
                ("Ave", "ORG"),
                ("Atty", "PERSON"),
                ("Ken Thompson", "PERSON"),
            ],
        ),
    ]
    entities = link_entities(documents)
    assert entity_with(entities, "Snyder Ave").type == "place"
    assert {m.text for m in entity_with(entities, "Snyder Ave").mentions} == {"Snyder Ave"}
    assert entity_with(entities, "Utica Ave").type == "place"  # tagged ORG
    # One road, its word written short and in full.
    more = "The 67th Precinct is at Snyder Avenue near Nostrand."
    documents.append(doc("d", more, [("Snyder Avenue", "FAC")]))
    road = entity_with(link_entities(documents), "Snyder Avenue")
    assert {m.text for m in road.mentions} == {"Snyder Ave", "Snyder Avenue"}
    assert "abbreviation" in rules(road)
    texts = {m.text for e in entities for m in e.mentions}
    assert "Ave" not in texts and "Atty" not in texts


def test_a_common_word_tagged_where_it_starts_a_sentence_or_a_headline_is_no_name() -> None:
    # ECB+ topics 13 and 19: "Arson" and "Riot" start sentences and "Driver Charged" a
    # title-case headline; the model tags them PERSON, and each was listed as a person.
    first = (
        "Arson is likely, given the fact that the building was without electrical or gas "
        "connections. Investigators suspect arson in the fire at the Wasilla Bible Church."
    )
    second = (
        "Driver Charged In Fatal Hit-And-Run\nRiot police positioned at street corners. "
        "A driver was charged after the riot."
    )
    entities = link_entities(
        [
            doc("a", first, [("Arson", "PERSON"), ("Wasilla Bible Church", "ORG")]),
            doc("b", second, [("Driver Charged", "PERSON"), ("Riot", "PERSON")]),
            doc("c", "Bettie Page died Thursday.", [("Bettie Page", "PERSON")]),
            doc("d", "Jimmy Page played guitar.", [("Jimmy Page", "PERSON")]),
            doc("e", "Page made the front page again.", [("Page", "PERSON")]),
        ]
    )
    texts = {m.text for e in entities for m in e.mentions}
    assert not texts & {"Arson", "Riot", "Driver Charged"}, texts
    # A surname starting a sentence stays a name (here nobody's of the two), though "page"
    # is a common word and never capitalised mid-sentence.
    assert {m.text for m in entity_with(entities, "Page").mentions} == {"Page"}


def test_a_word_only_ever_capitalised_at_a_sentence_start_is_no_name() -> None:
    # ECB+: "Authorities said", "Groups gathered" were listed as organizations, their
    # articles writing the word capitalised only, but others in lower case.
    entities = link_entities(
        [
            doc(
                "a",
                "Authorities said the fire was set. Groups gathered on Sunday. The USGS said "
                "so. Page said it again.",
                [("Authorities", "ORG"), ("Groups", "ORG"), ("USGS", "ORG"), ("Page", "PERSON")],
            ),
            doc(
                "b",
                "Local authorities met two groups, and maps at earthquake.usgs.gov showed it on "
                "the front page.",
                [],
            ),
        ]
    )
    texts = {m.text for e in entities for m in e.mentions}
    assert not texts & {"Authorities", "Groups"}, texts
    # An acronym a web address writes in lower case stays a name, and so does a surname
    # that starts sentences.
    assert entity_with(entities, "USGS").type == "organization"
    assert entity_with(entities, "Page").type == "person"
