"""Short names and the longer names they join: a long name made of two names ("EU & IMF")
never makes one entity of the two, and a person's surname is short for no company."""

from __future__ import annotations

from reader.linking import link_entities
from reader.linking.containment import compound_names
from tests.linking_helpers import doc, entity_with


def test_compounds_refuse_the_parts_that_do_not_name_them() -> None:
    known = ["eu", "imf", "un", "security council", "persian gulf", "qeshm", "democratic party"]
    known += ["turkmenistan", "woodburn", "johnson", "boston", "red sox", "ortiz", "orozco"]
    longs = [
        "eu and imf",
        "un security council",
        "persian gulf island of qeshm",
        "democratic party of turkmenistan",
        "woodburn police department",
        "woodburn police department capt",
        "johnson and johnson",
        "ortiz orozco",
        "boston red sox",
        "acme holdings",
    ]
    known += ["police department"]
    found = compound_names(longs, known, {"ortiz orozco": ["Ortiz, Orozco"]})
    # Joined by "and": neither part.
    assert {"eu", "imf"} <= found["eu and imf"]
    # Side by side: the end names it, the start does not.
    assert found["un security council"] == {"un"}
    assert found["boston red sox"] == {"boston"}
    # Words between: neither; after "of": the start.
    assert {"persian gulf", "qeshm"} <= found["persian gulf island of qeshm"]
    assert found["democratic party of turkmenistan"] == {"turkmenistan", "of turkmenistan"}
    # What a compound refuses, a longer name starting with it refuses too.
    assert found["woodburn police department"] == {"woodburn"}
    assert found["woodburn police department capt"] == {"woodburn"}
    # A comma that folding dropped still joins two names.
    assert found["ortiz orozco"] == {"ortiz", "orozco"}
    # One name twice, or a name with no second name in it, is no compound.
    assert "johnson and johnson" not in found
    assert "acme holdings" not in found
    # A person's name is made of names; only a coordination of two is a compound.
    people = compound_names(
        ["ortiz orozco", "lennox lewis"],
        ["ortiz", "orozco", "lennox", "lewis"],
        {"ortiz orozco": ["Ortiz, Orozco"]},
        people=["ortiz orozco", "lennox lewis"],
    )
    assert set(people) == {"ortiz orozco"}


def test_a_span_naming_two_organizations_joins_neither() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Greece agreed the terms of the EU & IMF loan on Sunday.",
                [("Greece", "GPE"), ("EU & IMF", "ORG")],
            ),
            doc(
                "b",
                "The EU said the loan would be paid in three parts.",
                [("EU", "ORG")],
            ),
            doc(
                "c",
                "The IMF said it expected the economy to shrink again.",
                [("IMF", "ORG")],
            ),
        ]
    )
    eu, imf = entity_with(entities, "EU"), entity_with(entities, "IMF")
    assert eu is not imf
    both = entity_with(entities, "EU & IMF")
    assert both is not eu and both is not imf


def test_a_compound_written_side_by_side_is_what_its_end_names() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "The U.N. Security Council met behind closed doors on Friday.",
                [("U.N. Security Council", "ORG")],
            ),
            doc(
                "b",
                "The UN sent food to the region, and the UN said more would follow.",
                [("UN", "ORG")],
            ),
            doc(
                "c",
                "Diplomats said the Security Council could vote next week.",
                [("Security Council", "ORG")],
            ),
        ]
    )
    council = entity_with(entities, "Security Council")
    assert entity_with(entities, "U.N. Security Council") is council
    assert entity_with(entities, "UN") is not council


def test_a_longer_span_that_starts_with_a_compound_bridges_nothing() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Woodburn Police Department Capt. Jim Ferraris said two men were held.",
                [("Woodburn Police Department Capt", "ORG"), ("Jim Ferraris", "PERSON")],
            ),
            doc(
                "b",
                "The Woodburn Police Department asked for the public's help.",
                [("Woodburn Police Department", "ORG")],
            ),
            doc(
                "c",
                "Woodburn is a town of 24,000 south of Portland.",
                [("Woodburn", "ORG"), ("Portland", "GPE")],
            ),
            doc(
                "d",
                "A spokesman said the Police Department would not comment.",
                [("Police Department", "ORG")],
            ),
        ]
    )
    department = entity_with(entities, "Woodburn Police Department")
    assert entity_with(entities, "Woodburn Police Department Capt") is department
    assert entity_with(entities, "Woodburn") is not department


def test_a_body_of_a_place_joins_its_own_short_name_but_not_the_place() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "The Democratic Party of Turkmenistan named its candidate in Ashgabat.",
                [("Democratic Party of Turkmenistan", "ORG"), ("Ashgabat", "GPE")],
            ),
            doc(
                "b",
                "Turkmenistan held an election on Sunday. The Democratic Party won.",
                [("Turkmenistan", "GPE"), ("Democratic Party", "ORG")],
            ),
        ]
    )
    party = entity_with(entities, "Democratic Party")
    assert entity_with(entities, "Democratic Party of Turkmenistan") is party
    assert entity_with(entities, "Turkmenistan") is not party


def test_two_names_joined_by_a_comma_join_neither() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Police named the suspects as Ortiz, Orozco and a third man.",
                [("Ortiz, Orozco", "ORG")],
            ),
            doc(
                "b",
                "Lawyers for Orozco said Orozco was at home that night.",
                [("Orozco", "ORG")],
            ),
            doc("c", "Ortiz pleaded not guilty on Monday.", [("Ortiz", "PERSON")]),
        ]
    )
    orozco, ortiz = entity_with(entities, "Orozco"), entity_with(entities, "Ortiz")
    both = entity_with(entities, "Ortiz, Orozco")
    assert both is not orozco and both is not ortiz


def test_a_persons_name_tagged_as_an_organization_still_takes_its_first_name() -> None:
    entities = link_entities(
        [
            doc("a", "The books are by Stephenie Meyer.", [("Stephenie Meyer", "PERSON")]),
            doc(
                "b",
                "Stephenie Meyer wrote the books. Fans of Stephenie Meyer queued all night.",
                [("Stephenie Meyer", "ORG")],
            ),
            doc("d", "Meyer Books said the film would open in May.", [("Meyer", "ORG")]),
            doc(
                "c",
                "Stephenie Meyer signed books. Stephenie thanked her readers.",
                [("Stephenie Meyer", "ORG"), ("Stephenie", "ORG")],
            ),
        ]
    )
    assert entity_with(entities, "Stephenie") is entity_with(entities, "Stephenie Meyer")


def test_a_common_word_at_the_end_makes_no_compound() -> None:
    entities = link_entities(
        [
            doc("a", "A quake shook Qeshm Island on Sunday.", [("Qeshm Island", "LOC")]),
            doc(
                "b",
                "Qeshm has 120,000 people, and the island has one hospital.",
                [("Qeshm", "LOC")],
            ),
            doc("c", "The quake struck at noon. Island schools closed.", [("Island", "LOC")]),
        ]
    )
    assert entity_with(entities, "Qeshm") is entity_with(entities, "Qeshm Island")


def test_a_name_a_short_name_may_not_join_still_makes_it_ambiguous() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "The British Royal Navy sent a frigate to the Gulf.",
                [("British Royal Navy", "ORG")],
            ),
            doc(
                "b",
                "British ships sailed at dawn, the Navy said.",
                [("British", "NORP"), ("Navy", "ORG")],
            ),
            doc(
                "c",
                "A U.S. Navy destroyer joined them, and the Navy said it would stay.",
                [("U.S. Navy", "ORG"), ("Navy", "ORG")],
            ),
            doc("d", "The Navy said the ship was safe.", [("Navy", "ORG")]),
        ]
    )
    us_navy = entity_with(entities, "U.S. Navy")
    lone = [e for e in entities if "d" in {m.article for m in e.mentions}]
    assert len(lone) == 1 and lone[0] is not us_navy
    assert ("c", "Navy") in {(m.article, m.text) for m in us_navy.mentions}


def test_an_ambiguous_short_name_that_joins_nothing_stays_one_entity() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "The Greek Parliament voted late. Parliament then adjourned.",
                [("Greek Parliament", "ORG"), ("Parliament", "ORG")],
            ),
            doc(
                "b",
                "Deputies of Parliament the Communist Party walked out.",
                [("Parliament the Communist Party", "ORG")],
            ),
            doc(
                "c",
                "The Communist Party called a strike, and Parliament met at noon.",
                [("Communist Party", "ORG"), ("Parliament", "ORG")],
            ),
            doc(
                "d",
                "Parliament passed the budget the parliament had debated.",
                [("Parliament", "ORG")],
            ),
            doc("e", "Greek officials said the vote would stand.", [("Greek", "NORP")]),
        ]
    )
    # Where no longer name says which parliament it is, "Parliament" stays one entity.
    alone = [e for e in entities if {"c", "d"} & {m.article for m in e.mentions}]
    parliament = next(e for e in alone if any(m.text == "Parliament" for m in e.mentions))
    assert {(m.article, m.text) for m in parliament.mentions} == {
        ("c", "Parliament"),
        ("d", "Parliament"),
    }
    assert entity_with(entities, "Parliament the Communist Party") is not parliament
    assert entity_with(entities, "Communist Party") is not parliament


def test_a_surname_that_joined_a_person_is_short_for_no_company_or_product() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "The Sixers hired Chris Ford. O'Brien took over for Ford a year later.",
                [("Chris Ford", "PERSON"), ("Ford", "PERSON")],
            ),
            doc(
                "b",
                "Police found the Ford near the plant; the Ford was empty.",
                [("Ford", "ORG")],
            ),
            doc("c", "The suspect drove a silver 2007 Ford Fusion.", [("Ford Fusion", "ORG")]),
        ]
    )
    assert entity_with(entities, "Ford Fusion") is not entity_with(entities, "Chris Ford")


def test_a_persons_surname_run_on_by_a_little_word_is_still_the_person() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Tony Thompson won the fight. Thompson said he was ready.",
                [("Tony Thompson", "PERSON"), ("Thompson", "ORG")],
            ),
            doc("b", "Thompson in the ring looked tired.", [("Thompson in", "ORG")]),
        ]
    )
    assert entity_with(entities, "Thompson in") is entity_with(entities, "Tony Thompson")


def test_a_common_word_is_short_for_no_organization() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "The Texas Department of Criminal Justice moved him on Friday.",
                [("Texas Department of Criminal Justice", "ORG")],
            ),
            doc(
                "b",
                "Justice was slow, his lawyer said, and justice was not done.",
                [("Justice", "ORG")],
            ),
        ]
    )
    department = entity_with(entities, "Texas Department of Criminal Justice")
    assert all(m.text != "Justice" for m in department.mentions)
