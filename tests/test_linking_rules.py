"""Each linking rule on real news sentences, with hand-placed mentions (no model needed)."""

from __future__ import annotations

import re

from reader.linking import link_entities, related_entities
from reader.linking.aliases import parse_aliases, shipped_aliases
from tests.linking_helpers import doc, entity_with, rules

SEED_A = (
    "On February 12, United States President Joe Biden had told Russian President Vladimir "
    "Putin that Washington and its allies would respond decisively. He also accused the United "
    "States of America of fueling the tensions. Ukraine's Foreign Minister Dmytro Kuleba said so."
)
SEED_B = (
    "On Monday, Ukraine President Volodymyr Zelenskiy also urged the country's residents to fly "
    "flags. It wants legal binding guarantees from the United States (US) and North Atlantic "
    "Treaty Organization (NATO). Zelenskiy said in a video address that Ukraine will stand."
)


def test_every_written_form_of_the_united_states_is_one_entity() -> None:
    third = "Officials in the U.S. and America's allies said the USA would act."
    entities = link_entities(
        [
            doc("a", SEED_A, [("United States", "GPE"), ("United States of America", "GPE")]),
            doc("b", SEED_B, [("United States", "GPE"), ("US", "GPE")]),
            doc("c", third, [("U.S.", "GPE"), ("America", "GPE"), ("USA", "GPE")]),
        ]
    )
    us = entity_with(entities, "U.S.")
    assert set(us.aliases) == {
        "United States",
        "United States of America",
        "US",
        "U.S.",
        "America",
        "USA",
    }
    assert us.name == "United States"
    assert "alias-file" in rules(us)
    evidence = next(e for e in us.evidence if e.rule == "alias-file")
    assert evidence.detail.endswith("aliases.yaml")


def test_acronym_defined_in_the_text() -> None:
    first = (
        "The Iranian Students News Agency (ISNA) said the quake struck near the island of Qeshm."
    )
    second = "At least three people were killed, ISNA reported on Sunday."
    entities = link_entities(
        [
            doc("a", first, [("Iranian Students News Agency", "ORG"), ("Qeshm", "GPE")]),
            doc("b", second, [("ISNA", "ORG")]),
        ]
    )
    isna = entity_with(entities, "ISNA")
    assert {m.text for m in isna.mentions} == {"ISNA", "Iranian Students News Agency"}
    definition = next(e for e in isna.evidence if e.rule == "definition")
    assert definition.detail == "Iranian Students News Agency (ISNA)"


def test_acronym_by_initials_without_a_definition() -> None:
    first = "The International Criminal Court issued a warrant on Friday."
    second = "The ICC said the warrant stands."
    entities = link_entities(
        [
            doc("a", first, [("International Criminal Court", "ORG")]),
            doc("b", second, [("ICC", "ORG")]),
        ]
    )
    assert rules(entity_with(entities, "ICC")) == {"acronym"}
    assert entity_with(entities, "ICC") is entity_with(entities, "International Criminal Court")


def test_initials_shared_by_two_names_link_neither() -> None:
    first = "The International Criminal Court and the International Cricket Council met."
    second = "The ICC said the meeting went well."
    entities = link_entities(
        [
            doc(
                "a",
                first,
                [("International Criminal Court", "ORG"), ("International Cricket Council", "ORG")],
            ),
            doc("b", second, [("ICC", "ORG")]),
        ]
    )
    assert entity_with(entities, "ICC").mentions == [entity_with(entities, "ICC").mentions[0]]


def test_a_word_glued_before_a_name_gives_it_no_initials() -> None:
    entities = link_entities(
        [
            doc("a", "Southern Iran was struck by a quake on Sunday.", [("Southern Iran", "GPE")]),
            doc("b", "It hit the southern coast of Iran at dawn.", [("Iran", "GPE")]),
            doc("c", "SI reported the contract on its website.", [("SI", "ORG")]),
        ]
    )
    iran = entity_with(entities, "Iran")
    assert entity_with(entities, "Southern Iran") is iran
    assert entity_with(entities, "SI") is not iran


def test_sudan_and_south_sudan_stay_apart() -> None:
    text = "Sudan and South Sudan signed a deal; South Sudan will export oil through Sudan."
    entities = link_entities([doc("a", text, [("South Sudan", "GPE"), ("Sudan", "GPE")])])
    assert entity_with(entities, "Sudan") is not entity_with(entities, "South Sudan")


def test_demonyms_stay_groups() -> None:
    text = "Russia said Russian troops were returning; the Russians denied it."
    entities = link_entities(
        [doc("a", text, [("Russia", "GPE"), ("Russian", "NORP"), ("Russians", "NORP")])]
    )
    russia = entity_with(entities, "Russia")
    assert russia.type == "place"
    assert entity_with(entities, "Russian") is not russia
    assert entity_with(entities, "Russian").type == "group"


def test_shortened_organization_name_but_not_the_city() -> None:
    first = "Dan Patrick reported that the Boston Red Sox have made Mark Teixeira an offer."
    second = "The Red Sox offer was expected in Boston to be large."
    entities = link_entities(
        [
            doc("a", first, [("Boston Red Sox", "ORG"), ("Mark Teixeira", "PERSON")]),
            doc("b", second, [("Red Sox", "ORG"), ("Boston", "GPE")]),
        ]
    )
    sox = entity_with(entities, "Red Sox")
    assert entity_with(entities, "Boston Red Sox") is sox and "shortened" in rules(sox)
    assert entity_with(entities, "Boston") is not sox


def test_user_split_wins_over_the_shipped_merge() -> None:
    table = shipped_aliases()
    user, warnings = parse_aliases({"split": [["America", "United States"]]}, "user.yaml")
    assert warnings == []
    table.extend(user)
    entities = link_entities(
        [
            doc(
                "a",
                "America and the United States.",
                [("America", "GPE"), ("United States", "GPE")],
            )
        ],
        table,
    )
    assert entity_with(entities, "America") is not entity_with(entities, "United States")


def test_user_merge_links_a_nickname() -> None:
    table = shipped_aliases()
    user, _ = parse_aliases({"merge": [["LiLo", "Lindsay Lohan"]]}, "user.yaml")
    table.extend(user)
    entities = link_entities(
        [
            doc("a", "LiLo is back in rehab.", [("LiLo", "PERSON")]),
            doc("b", "Lindsay Lohan is back.", [("Lindsay Lohan", "PERSON")]),
        ],
        table,
    )
    lohan = entity_with(entities, "LiLo")
    assert len(lohan.mentions) == 2
    assert [e.detail for e in lohan.evidence if e.rule == "alias-file"] == ["user.yaml"]


def test_offsets_ids_order_and_titles() -> None:
    documents = [
        doc(
            "a",
            SEED_A,
            [
                ("United States President Joe Biden", "PERSON"),
                ("Vladimir Putin", "PERSON"),
                ("Washington", "GPE"),
                ("United States of America", "GPE"),
                ("Ukraine", "GPE"),
                ("Foreign Minister Dmytro Kuleba", "PERSON"),
            ],
        ),
        doc(
            "b",
            SEED_B,
            [
                ("Ukraine", "GPE"),
                ("Volodymyr Zelenskiy", "PERSON"),
                ("Zelenskiy", "PERSON"),
                ("United States", "GPE"),
                ("US", "GPE"),
            ],
        ),
    ]
    entities = link_entities(documents)
    texts = {article.id: article.text for article, _ in documents}
    located = sorted((m.article, m.start, m.end) for e in entities for m in e.mentions)
    source = sorted((a.id, m.start, m.end) for a, an in documents for m in an.mentions)
    assert located == source
    for entity in entities:
        for m in entity.mentions:
            assert texts[m.article][m.start : m.end] == m.text
    ids = [e.id for e in entities]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"e[0-9a-f]{8,}", i) for i in ids)
    keys = [(-len(e.mentions), -len(e.article_ids)) for e in entities]
    assert keys == sorted(keys)
    assert entity_with(entities, "United States President Joe Biden").name == "Joe Biden"
    assert entity_with(entities, "Foreign Minister Dmytro Kuleba").name == "Dmytro Kuleba"


def test_untagged_occurrences_of_a_linked_name_are_found() -> None:
    first = "Demonstrators carry placards during a rally in Kyiv on February 12."
    second = (
        "Moscow/ Kyiv | Jagran News Desk: The Kremlin said troops are returning. "
        "The Kyiv Post disagreed, and Kyiv's mayor said Kyiv would wait."
    )
    entities = link_entities(
        [doc("a", first, [("Kyiv", "GPE")]), doc("b", second, [("Kremlin", "ORG")])]
    )
    kyiv = entity_with(entities, "Kyiv")
    found = [(m.article, second[m.start : m.end]) for m in kyiv.mentions if m.article == "b"]
    # The dateline, the possessive and the plain one; not the newspaper "Kyiv Post".
    starts = sorted(m.start for m in kyiv.mentions if m.article == "b")
    assert found == [("b", "Kyiv")] * 3
    assert second.index("Kyiv Post") not in starts
    assert [e.rule for e in kyiv.evidence] == ["text-match"]
    strict = link_entities(
        [doc("a", first, [("Kyiv", "GPE")]), doc("b", second, [("Kremlin", "ORG")])],
        find_untagged=False,
    )
    # Without the search, only the dateline's place is a mention in "b" (``furniture``).
    kept = [(m.article, m.start) for m in entity_with(strict, "Kyiv").mentions]
    assert kept == [("a", first.index("Kyiv")), ("b", second.index("Kyiv"))]


def test_a_name_found_around_a_tagged_part_of_it_wins_over_the_part() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "The defendant lives in Hawaiian Gardens, the police said. According to The "
                "Hollywood Reporter, the deal is close. Thompson in a statement said little. "
                "Undersheriff James Gage spoke.",
                [
                    ("Hawaiian Gardens", "GPE"),
                    ("Hollywood Reporter", "PERSON"),
                    ("Thompson in", "ORG"),
                    ("James Gage", "PERSON"),
                ],
            ),
            doc(
                "b",
                "Hawaiian Gardens officials met the Hawaiian delegation. The Hollywood Reporter "
                "says THR sources were wrong. Thompson in Chicago and Thompson in Miami agreed. "
                "Undersheriff James Gage said James Gage was there. She checked into Promises "
                "Treatment Center, and a friend said she went to Promises on Tuesday.",
                [
                    ("Hawaiian", "NORP"),
                    ("Hollywood", "GPE"),
                    ("THR", "ORG"),
                    ("Thompson", "PERSON"),
                    ("Undersheriff James Gage", "PERSON"),
                    ("James Gage", "PERSON"),
                    ("Promises Treatment Center", "ORG"),
                ],
            ),
        ]
    )
    # A short form found beside them ("Promises") is kept too.
    promises = entity_with(entities, "Promises Treatment Center")
    assert [m.text for m in promises.mentions] == ["Promises Treatment Center", "Promises"]
    gardens = entity_with(entities, "Hawaiian Gardens")
    assert [m.article for m in gardens.mentions] == ["a", "b"]
    # "Hawaiian" beside it stays the group it is.
    assert [m.text for m in entity_with(entities, "Hawaiian").mentions] == ["Hawaiian"]
    # "The Hollywood Reporter" wins over the "Hollywood" tagged in it, and "The" makes
    # its initials THR.
    reporter = entity_with(entities, "THR")
    assert reporter.type == "organization"
    assert sorted(m.text for m in reporter.mentions) == ["Hollywood Reporter"] * 2 + ["THR"]
    assert not any(m.text == "Hollywood" for e in entities for m in e.mentions)
    found = [e.detail for e in reporter.evidence if e.rule == "text-match"]
    assert found == [
        "1 untagged occurrence(s) of the name found in the text, 1 around a part of it the "
        "model had tagged"
    ]
    # A span run on by a little word, or a title glued before a name, wins over nothing.
    assert [m.text for m in entity_with(entities, "Thompson").mentions] == ["Thompson"] * 2
    assert [m.text for m in entity_with(entities, "James Gage").mentions if m.article == "a"] == [
        "James Gage"
    ]


def test_common_words_and_ambiguous_names_are_not_searched() -> None:
    entities = link_entities(
        [
            doc("a", "Page said the deal was done.", [("Page", "PERSON")]),
            doc("b", "See the next page. Page will speak.", []),
        ]
    )
    assert [m.article for m in entity_with(entities, "Page").mentions] == ["a"]


def test_person_tag_on_a_shortened_place_name() -> None:
    first = "Lohan's lawyer said she was in Morningside Recovery in Newport Beach."
    second = "She checked into Morningside Recovery on Thursday; Morningside declined to comment."
    entities = link_entities(
        [
            doc("a", first, [("Morningside Recovery", "ORG"), ("Newport Beach", "GPE")]),
            doc("b", second, [("Morningside Recovery", "ORG"), ("Morningside", "PERSON")]),
        ]
    )
    place = entity_with(entities, "Morningside")
    assert len(place.mentions) == 3 and "shortened" in rules(place)
    assert place.type == "organization" and place.name == "Morningside Recovery"


def test_demonym_groups_are_listed_as_related_to_their_place() -> None:
    text = "Russia said Russian troops were returning; Ukraine and Ukrainians waited."
    entities = link_entities(
        [
            doc(
                "a",
                text,
                [
                    ("Russia", "GPE"),
                    ("Russian", "NORP"),
                    ("Ukraine", "GPE"),
                    ("Ukrainians", "NORP"),
                ],
            )
        ]
    )
    related = related_entities(entities, shipped_aliases())
    russia, russian = entity_with(entities, "Russia"), entity_with(entities, "Russian")
    ukraine, ukrainians = entity_with(entities, "Ukraine"), entity_with(entities, "Ukrainians")
    assert related[russia.id] == [russian.id] and related[russian.id] == [russia.id]
    assert related[ukraine.id] == [ukrainians.id]
    assert russian.id not in related[ukraine.id]


def test_a_span_run_on_by_a_little_word_is_named_without_it() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "He was moved to the Florence Federal Correctional Complex at Florence. The "
                "County Headquarters of the party met, and the County Headquarters agreed.",
                [
                    ("Florence Federal Correctional Complex at", "ORG"),
                    ("County Headquarters of", "ORG"),
                    ("County Headquarters", "ORG"),
                ],
            ),
            doc(
                "b",
                "Officials saw bald eagles near the lake, and the eagles flew off.",
                [("bald eagles", "PERSON")],
            ),
            doc(
                "c",
                "Almost all of the 288 candidates running for 125 seats in the parliament "
                "support the president.",
                [("288", "GPE")],
            ),
        ]
    )
    # The other form where there is one, else the span without its little words.
    assert entity_with(entities, "County Headquarters").name == "County Headquarters"
    complex_ = entity_with(entities, "Florence Federal Correctional Complex at")
    assert complex_.name == "Florence Federal Correctional Complex"
    assert complex_.aliases == ["Florence Federal Correctional Complex at"]  # as written
    # A name with no capital is none, nor is a number the model tagged as a place.
    assert not [e for e in entities if {"bald eagles", "288"} & set(e.aliases)]
