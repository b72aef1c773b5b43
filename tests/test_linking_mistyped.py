"""Names the model took for people (or places, companies) that the words around them
tell apart: platforms, places, quoted titles, ships (``reader.linking.mistyped``)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.linking import link_entities, mistyped
from reader.linking.build import display_name
from reader.linking.mistyped import named_in_plural, told_apart_from_organization
from reader.linking.occupations import OCCUPATIONS, after_an_occupation
from reader.model import EntityMention
from tests.linking_helpers import doc, entity_with, rules


def test_a_name_people_post_on_is_a_platform_not_a_person() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "DeGeneres made the announcement on Twitter on Friday.",
                [("DeGeneres", "PERSON"), ("Twitter", "PERSON")],
            ),
            doc(
                "b", "She said on her Twitter feed that she was thrilled.", [("Twitter", "PERSON")]
            ),
            doc("c", "Another Twitter user said the police lied.", [("Twitter", "PERSON")]),
            doc(
                "d",
                "Kerr scored twice. The pressure on Kerr grew, and the focus on Kerr, "
                "but Kerr said that Kerr was fine.",
                [("Kerr", "PERSON")],
            ),
            doc("e", "The spotlight fell on Alvarez.", [("Alvarez", "PERSON")]),
        ]
    )
    assert entity_with(entities, "Twitter").type == "organization"
    assert entity_with(entities, "Alvarez").type == "person"  # once is no habit
    assert entity_with(entities, "Kerr").type == "person"
    assert entity_with(entities, "DeGeneres").type == "person"


def test_a_name_written_where_places_stand_is_a_place_not_a_person() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Anthony LaSalle, 40, of Burnsville was charged on Monday.",
                [("Anthony LaSalle", "PERSON"), ("Burnsville", "PERSON")],
            ),
            doc(
                "b",
                "Police in Burnsville said the fire started at night. Burnsville is quiet.",
                [("Burnsville", "PERSON")],
            ),
            doc(
                "c",
                "Officers searched the car in Jones's garage and found a gun in Jones's "
                "shed. Jones said nothing.",
                [("Jones", "PERSON")],
            ),
            doc(
                "d",
                "Youths threw stones in the Exarchia district. Exarchia felt like an enclave, "
                "and the neighborhood of Exarchia stayed tense. Anarchists call Exarchia home.",
                [("Exarchia", "PERSON")],
            ),
            doc(
                "e",
                "The riot police waited in the leftist Exarchia neighborhood.",
                [("Exarchia", "PERSON")],
            ),
            doc(
                "f",
                "They marched to the district of Kallithea; the neighbourhood of Kallithea "
                "stayed calm. Kallithea slept.",
                [("Kallithea", "PERSON")],
            ),
        ]
    )
    assert entity_with(entities, "Burnsville").type == "place"
    # "the Exarchia district", "the neighborhood of Exarchia".
    assert entity_with(entities, "Exarchia").type == "place"
    assert entity_with(entities, "Kallithea").type == "place"
    # "in Jones's garage" speaks of the garage.
    assert entity_with(entities, "Jones").type == "person"


def test_a_place_of_several_words_is_told_apart_from_people_named_in_full() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "The quake struck near the port city of Bandar Abbas on Sunday. Hospitals "
                "in Bandar Abbas took in the injured.",
                [("Bandar Abbas", "PERSON")],
            ),
            doc(
                "b",
                "Bandar Abbas lies on the Strait of Hormuz.",
                [("Bandar Abbas", "PERSON"), ("Strait of Hormuz", "LOC")],
            ),
            doc(
                "c",
                "Boston showed interest in Mark Teixeira in December, and the Yankees "
                "showed interest in Mark Teixeira too. Teixeira chose New York.",
                [("Mark Teixeira", "PERSON"), ("Teixeira", "PERSON")],
            ),
            doc(
                "d",
                "Veterans who fought in World War II met in Paris. Memories of World "
                "War II, and of the men who died in World War II, were shared.",
                [("World War II", "PERSON"), ("Paris", "GPE")],
            ),
            doc(
                "e",
                "Sanctions on Kim Jong Un grew, and talks on Kim Jong Un stalled.",
                [("Kim Jong Un", "PERSON")],
            ),
        ]
    )
    assert entity_with(entities, "Bandar Abbas").type == "place"
    # Named by the surname alone too: a person, whatever the words before the full name.
    assert entity_with(entities, "Mark Teixeira").type == "person"
    # A name with a number is a war's, a mission's, a model's: no place.
    assert entity_with(entities, "World War II").type != "place"
    # Only a platform's name of one word is told by "on": people are written after it too.
    assert entity_with(entities, "Kim Jong Un").type == "person"


def test_a_quoted_title_is_no_entity() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                'Tara Reid starred in "Van Wilder" and had a role on "Scrubs," the sitcom.',
                [("Tara Reid", "PERSON"), ("Van Wilder", "PERSON"), ("Scrubs", "PERSON")],
            ),
            doc(
                "b",
                "Reid is known for American Pie and Van Wilder.",
                [("Reid", "PERSON"), ("Van Wilder", "PERSON")],
            ),
            doc(
                "c",
                'The star of "Van Wilder" said "Scrubs" was her favourite.',
                [("Van Wilder", "PERSON"), ("Scrubs", "PERSON")],
            ),
            doc(
                "d",
                '"Obama," the crowd chanted, "Obama," and Barack Obama waved.',
                [("Obama", "PERSON"), ("Barack Obama", "PERSON")],
            ),
            doc(
                "e",
                'Jackman starred in the epic "Australia," a box office dud.',
                [("Australia", "GPE")],
            ),
            doc("f", 'The film "Australia" opened in November.', [("Australia", "GPE")]),
        ]
    )
    named = {m.text for e in entities for m in e.mentions}
    assert "Van Wilder" not in named and "Scrubs" not in named
    # Whatever the tag: the film "Australia" is no place.
    assert "Australia" not in named
    assert entity_with(entities, "Tara Reid").type == "person"
    assert entity_with(entities, "Obama") is entity_with(entities, "Barack Obama")


def test_a_ships_name_tagged_apart_from_its_prefix_is_not_listed() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Personnel aboard the warship INS Sukanya spotted five boats near Aden.",
                [("Sukanya", "GPE"), ("Aden", "GPE")],
            ),
            doc(
                "b",
                "INS Sukanya, deployed on anti-piracy patrol, fired on the boats. Sukanya left.",
                [("Sukanya", "GPE")],
            ),
        ]
    )
    named = {m.text for e in entities for m in e.mentions}
    assert "Sukanya" not in named
    assert entity_with(entities, "Aden").type == "place"


def test_a_title_quoted_only_where_the_search_found_it_is_no_entity() -> None:
    # ECB+ topic 6: the model tags "Twilight" in running text; the quoted "Twilight" of
    # the other articles is found by the untagged-name search.
    entities = link_entities(
        [
            doc("a", "Fans of Twilight queued all night.", [("Twilight", "PERSON")]),
            doc("b", 'Hardwicke directed "Twilight," the first film.', []),
            doc("c", 'The sequel to "Twilight" opens in November.', []),
        ]
    )
    assert not [e for e in entities if any(m.text == "Twilight" for m in e.mentions)]


def test_a_ship_mark_counts_only_where_the_name_kept_its_mention() -> None:
    entities = link_entities(
        [
            doc("a", "The frigate INS Tabar sailed from Mumbai.", [("INS Tabar", "ORG")]),
            doc("b", "Sailors on INS Tabar waved as it left.", [("Tabar", "PERSON")]),
            doc("c", "Tabar, a village on the coast, was quiet.", [("Tabar", "GPE")]),
        ]
    )
    # In "b", "INS Tabar" (a ship: not listed) wins over the "Tabar" tagged after "INS";
    # that mark no longer makes a ship of the village "Tabar" named in "c".
    village = entity_with(entities, "Tabar")
    assert [m.article for m in village.mentions] == ["c"]


def test_a_name_written_in_the_plural_article_after_article_is_no_person() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "DeGeneres will host the Oscars. She was nominated for an Oscar once.",
                [("DeGeneres", "PERSON"), ("Oscar", "PERSON")],
            ),
            doc("b", "The Oscar host is Ellen. The Oscars air in March.", [("Oscar", "PERSON")]),
            doc(
                "c",
                "Ratings for the Oscars fell; the Oscar telecast ran long.",
                [("Oscar", "PERSON")],
            ),
            doc("d", "He won an Oscar in 2004.", [("Oscar", "PERSON")]),
            # A person's family now and then ("the Clintons"): not in half the articles.
            doc("e", "Clinton spoke. The Clintons left.", [("Clinton", "PERSON")]),
            doc("f", "Clinton said no.", [("Clinton", "PERSON")]),
            doc("g", "Clinton waved.", [("Clinton", "PERSON")]),
            # In the plural wherever named, but named in two articles only.
            doc("h", "Jagger sang. The Jaggers arrived.", [("Jagger", "PERSON")]),
            doc("i", "Jagger and the Jaggers.", [("Jagger", "PERSON")]),
            # A word that begins with the plural is no plural; nor is a possessive.
            doc("j", "Lindqvist met Lindqvistsson.", [("Lindqvist", "PERSON")]),
            doc("k", "Lindqvist's son met Lindqvistsson.", [("Lindqvist", "PERSON")]),
            doc("l", "Lindqvist spoke. Lindqvist's wife did not.", [("Lindqvist", "PERSON")]),
            doc("m", "Lindqvistsson won; Lindqvist lost.", [("Lindqvist", "PERSON")]),
        ]
    )
    named = {m.text for e in entities for m in e.mentions}
    assert "Oscar" not in named
    assert entity_with(entities, "DeGeneres").type == "person"
    assert entity_with(entities, "Clinton").type == "person"
    assert entity_with(entities, "Jagger").type == "person"
    assert entity_with(entities, "Lindqvist").type == "person"


def test_a_plural_counts_only_as_a_word_of_its_own() -> None:
    texts = {
        "a": "the Oscars",
        "b": "OSCARS night",
        "c": "Oscarsson and Oscar's and Oscars-style",
        "e": "(Oscars)",
        "f": "Oscars, at the end: the Oscars",
    }
    assert named_in_plural(["Oscar"], ["a", "e", "f"], texts)
    assert not named_in_plural(["Oscar"], ["a", "c", "c", "c"], texts)  # one in four
    assert not named_in_plural(["Oscar"], ["c", "c", "c"], texts)
    # Half the articles naming it, at least.
    assert named_in_plural(["Oscar"], ["a", "e", "f", "c", "c", "c"], texts)
    assert not named_in_plural(["Oscar"], ["a", "e", "f", "c", "c", "c", "c"], texts)
    assert named_in_plural(["OSCAR"], ["b", "b", "b"], texts)
    # Several words, or a name whose plural is not its own: never.
    assert not named_in_plural(["Oscar Award"], ["a", "e", "f"], texts)
    assert not named_in_plural(["Oscar", "Ross"], ["a", "e", "f"], texts)


def test_a_title_alone_is_short_for_no_office_and_an_office_is_no_place() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Sheriff's deputies fanned out. Sheriff's officials said the deputy lived.",
                [("Sheriff", "ORG")],
            ),
            doc("b", "Sheriff's detectives and prosecutors met.", [("Sheriff", "ORG")]),
            doc(
                "c",
                "The car was stopped, Genesee County Sheriff Robert Pickell said.",
                [("Genesee County Sheriff", "ORG"), ("Robert Pickell", "PERSON")],
            ),
            doc("d", "Lakewood Sheriff deputies came.", [("Lakewood Sheriff", "GPE")]),
            doc(
                "e",
                "He was taken to Mount Sinai Hospital on Snyder Ave.",
                [("Mount Sinai Hospital", "FAC"), ("Snyder Ave", "GPE")],
            ),
        ]
    )
    # "Sheriff" is whichever county's office the article speaks of: a title alone, unlisted.
    assert not [e for e in entities if any(m.text == "Sheriff" for m in e.mentions)]
    office = entity_with(entities, "Genesee County Sheriff")
    assert office.type == "organization"
    assert office.aliases == ["Genesee County Sheriff"]
    # Tagged as a place, an office is still no place.
    assert entity_with(entities, "Lakewood Sheriff").type == "organization"
    # So is an institution's name; a road's stays a place.
    assert entity_with(entities, "Mount Sinai Hospital").type == "organization"
    assert entity_with(entities, "Snyder Ave").type == "place"


def test_a_lists_bullet_and_a_trade_mark_are_no_part_of_a_name() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "• Interior Secretary Ken Salazar spoke. The Interior and Commerce departments.",
                [("• Interior", "ORG"), ("Interior", "ORG"), ("Ken Salazar", "PERSON")],
            ),
            doc("b", "• Interior rules.\n• Interior again.", [("• Interior", "ORG")]),
            doc("c", "The Academy Awards® air tonight.", [("Academy Awards®", "ORG")]),
        ]
    )
    interior = entity_with(entities, "• Interior")
    assert interior.name == "Interior" and interior.aliases == ["Interior"]
    awards = entity_with(entities, "Academy Awards®")
    assert awards.name == "Academy Awards" and awards.aliases == ["Academy Awards"]


def test_an_age_after_a_name_makes_a_person_whatever_the_tags() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "The gunman shot Paul Riva. Riva, 47, of Sterling Heights, is in hospital.",
                [("Paul Riva", "ORG"), ("Riva", "ORG")],
            ),
            doc("b", "Riva had yet to regain consciousness.", [("Riva", "ORG")]),
            doc("c", "Riva and Steinberg ran the firm.", [("Riva", "ORG")]),
            # Thousands are no age.
            doc(
                "d",
                "In Heraklion, 10, 000 people marched. Heraklion police waited.",
                [("Heraklion", "ORG")],
            ),
        ]
    )
    riva = entity_with(entities, "Riva")
    family = link_entities(
        [
            doc(
                "a",
                "She came to greet Singh. Singh's daughter-in-law opened the door. Singh wept.",
                [("Singh", "GPE")],
            ),
            doc(
                "b",
                "Apple sold more. Apple's family of phones grew. Apple's shares rose.",
                [("Apple", "ORG")],
            ),
        ]
    )
    assert entity_with(family, "Singh").type == "person"
    assert entity_with(family, "Apple").type == "organization"
    assert riva.type == "person" and riva.name == "Paul Riva"
    assert entity_with(entities, "Heraklion").type != "person"


def test_an_occupation_before_a_name_makes_a_person_whatever_the_tags() -> None:
    # ECB+: the model tags "Stephenie Meyer" ORG in every article, and "Meyer" too.
    meyer = [
        doc(
            "a",
            '"Twilight" author Stephenie Meyer confirmed the news on her official website.',
            [("Stephenie Meyer", "ORG")],
        ),
        doc(
            "b",
            "The film is based on the second book in author Stephenie Meyer's series. Meyer "
            "penned a letter.",
            [("Stephenie Meyer", "ORG"), ("Meyer", "ORG")],
        ),
        *(
            doc(name, "Meyer wrote to the fans again.", [("Meyer", "ORG")])
            for name in "cdefghijklmnop"
        ),
    ]
    assert entity_with(link_entities(meyer), "Stephenie Meyer").type == "person"
    # A tenth of the mentions at least: two of 17 are enough, two of 27 too few.
    many = meyer + [doc(f"x{n}", "Meyer wrote again.", [("Meyer", "ORG")]) for n in range(10)]
    assert entity_with(link_entities(many), "Stephenie Meyer").type == "organization"
    # Only a lower-case word right before the name: a headline's "Author", a "co-author",
    # a word a comma parts from the name, and "the" say nothing.
    for written in (
        "Twilight Author Stephenie Meyer Says Goodbye.",
        "The film's co-author Stephenie Meyer spoke.",
        "She met the author, Stephenie Meyer Inc, on Monday.",
        "The Stephenie Meyer company said so.",
    ):
        entities = link_entities([doc("a", written, [("Stephenie Meyer", "ORG")])])
        assert entity_with(entities, "Stephenie Meyer").type == "organization", written


def test_after_an_occupation_counts_lower_case_words_of_one_piece() -> None:
    text = "Boxer Lennox Lewis lost. The boxer Lennox Lewis won. Ex-boxer Lennox Lewis."
    starts = [match.start() for match in re.finditer("Lennox", text)]
    assert after_an_occupation([text] * 3, starts) == 1
    wrapped = "The Sixers fired their\ncoach\nP.J. Carlesimo"
    assert after_an_occupation([wrapped], [wrapped.index("P.J.")]) == 1
    assert after_an_occupation(["the " + "x" * 40 + "author Meyer"], [51]) == 0


@given(
    st.lists(
        st.sampled_from([*sorted(OCCUPATIONS), "the", "Author", "co-author", "x"]), max_size=4
    ),
    st.sampled_from([" ", "\n", ", ", "-", "  "]),
)
def test_after_an_occupation_is_the_word_right_before_the_name(words: list[str], gap: str) -> None:
    before = " ".join(words)
    text = f"{before}{gap}Stephenie Meyer" if before else "Stephenie Meyer"
    expected = bool(words) and words[-1] in OCCUPATIONS and gap in (" ", "\n")
    assert after_an_occupation([text], [text.index("Stephenie")]) == expected


def test_an_organization_written_where_places_stand_is_a_place() -> None:
    entities = link_entities(
        [
            doc(
                "a",
                "Rioting spread to the northern city of Thessaloniki. Protesters in "
                "Thessaloniki targeted banks. Thessaloniki police fired tear gas.",
                [("Thessaloniki", "ORG")],
            ),
            doc("b", "Violence broke out in Thessaloniki too.", [("Thessaloniki", "ORG")]),
            # Organizations stand after "in" too: in fewer than half their mentions.
            doc(
                "c",
                "He played in MLB for years. MLB said so, and MLB fined him.",
                [("MLB", "ORG")],
            ),
            doc(
                "d",
                "A vote in Congress, a row in Congress. Congress met, Congress sat, Congress ran.",
                [("Congress", "ORG")],
            ),
        ]
    )
    assert entity_with(entities, "Thessaloniki").type == "place"
    assert entity_with(entities, "Congress").type == "organization"
    assert entity_with(entities, "MLB").type == "organization"


def test_an_acronym_is_no_place_after_in() -> None:
    texts = {
        "a": "He played in MLB. Then in MLB again.",
        "b": "in Bern, in Bern",
        "c": "the town of Woodburn; residents of Woodburn.\nIn Woodburn police said",
    }

    def mentions(article: str, name: str) -> list[EntityMention]:
        found = re.finditer(re.escape(name), texts[article])
        return [EntityMention(article, m.start(), m.end(), name) for m in found]

    ms = mentions("a", "MLB")
    assert told_apart_from_organization("organization", ms, ["MLB"], texts) is None
    assert told_apart_from_organization("organization", ms, ["Mlb"], texts) == "place"
    bern = mentions("b", "Bern")
    assert told_apart_from_organization("organization", bern, ["Bern"], texts) == "place"
    town = mentions("c", "Woodburn")
    assert told_apart_from_organization("organization", town, ["Woodburn"], texts) == "place"
    assert told_apart_from_organization("organization", town[1:], ["Woodburn"], texts) == "place"
    # A place the tags voted for stays one: only an organization is told a place.
    assert told_apart_from_organization("place", bern, ["Bern"], texts) is None


_WORDS = ["in", "In", "IN", "near", "of", "town", "the", "Berlin", ",", "40", "said", "Bern"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_WORDS), max_size=4).map(" ".join), min_size=1, max_size=8),
    st.sampled_from([" ", "\n"]),
)
def test_the_quick_place_check_agrees_with_the_words_before_each_mention(
    befores: list[str], space: str
) -> None:
    # Each mention of "Woodburn" after a run of words: counted as the regular expression
    # alone would count it, whatever the C loops turn away first.
    text, found = "", []
    for before in befores:
        text += before + space if before else ""
        found.append(EntityMention("a", len(text), len(text) + 8, "Woodburn"))
        text += "Woodburn. "
    expected = sum(
        1
        for m in found
        if mistyped._IN_PLACE.search(text, max(0, m.start - mistyped._REACH), m.start)
    )
    told = told_apart_from_organization("organization", found, ["Woodburn"], {"a": text})
    needed = max(mistyped.PLACE_MENTIONS, mistyped.ORGANIZATION_PLACE_SHARE * len(found))
    assert (told == "place") == (expected >= needed)


def test_a_persons_name_is_shown_without_titles_and_never_in_lower_case() -> None:
    assert display_name(["Trooper William Hakim", "Hakim", "Hakim"], "person") == "William Hakim"
    assert display_name(["Clerk Janette Bower"], "person") == "Janette Bower"
    # A title alone stays what it is; an organization keeps its words.
    assert display_name(["Sheriff"], "person") == "Sheriff"
    assert display_name(["Director Mike Lee", "Mike Lee"], "person") == "Mike Lee"
    assert display_name(["Trooper Academy"], "organization") == "Trooper Academy"
    assert display_name(["van", "van", "Van"], "person") == "Van"
    assert display_name(["van", "van"], "person") == "van"


def test_an_acronym_or_a_name_joined_by_of_takes_no_age() -> None:
    texts = {"a": "ABC, 47, aired it. Bank of Greece, 12, fell. Riva, 47, wept."}

    def told(name: str) -> str | None:
        start = texts["a"].index(name)
        found = [EntityMention("a", start, start + len(name), name)]
        return told_apart_from_organization("organization", found, [name], texts)

    assert told("Riva") == "person"
    assert told("ABC") is None
    assert told("Bank of Greece") is None


def test_an_award_in_the_singular_joins_its_plurals_entity() -> None:
    texts = [
        "DeGeneres will host the Oscars. She was nominated for an Oscar once.",
        "The Oscar host is Ellen. The Oscars air in March.",
        "Ratings for the Oscars fell; the Oscar telecast ran long.",
    ]
    entities = link_entities(
        [
            doc(str(number), text, [("Oscar", "PERSON"), ("Oscars", "ORG")])
            for number, text in enumerate(texts)
        ]
    )
    awards = entity_with(entities, "Oscars")
    assert awards is entity_with(entities, "Oscar")
    assert awards.name == "Oscars" and awards.type == "organization"
    assert len(awards.mentions) == 6 and "plural" in rules(awards)
    places = [(m.article, m.start) for m in awards.mentions]
    assert places == sorted(places)
    # A plural the model took for a person too is no entity to join.
    money = link_entities(
        [
            doc(str(number), f"It cost 5 Euros. The Euro fell {number}.", [("Euro", "PERSON")])
            for number in range(3)
        ]
        + [doc("x", "Euros were paid, and Euros again.", [("Euros", "PERSON")])]
    )
    assert not [e for e in money if any(m.text == "Euro" for m in e.mentions)]


def test_a_familys_name_in_the_plural_is_no_award() -> None:
    # "Kennedy" alone could be either brother: it stays a person of its own, though every
    # article also writes "the Kennedys".
    texts = [
        "John Kennedy and Robert Kennedy spoke. Kennedy said the Kennedys would stay.",
        "The Kennedys met. Kennedy waved.",
        "Kennedy left early; the Kennedys stayed.",
    ]
    entities = link_entities(
        [
            doc(
                str(number),
                text,
                [("John Kennedy", "PERSON"), ("Robert Kennedy", "PERSON"), ("Kennedy", "PERSON")],
            )
            for number, text in enumerate(texts)
        ]
    )
    alone = [e for e in entities if any(m.text == "Kennedy" for m in e.mentions)]
    assert alone and all(e.type == "person" for e in alone)
