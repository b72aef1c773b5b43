"""Datelines, bylines and credits: the words around a story that name no one in it
(``reader.linking.furniture``), and what linking does with them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.linking import link_entities
from reader.linking.furniture import at_dateline, credit_spans, dateline_places, in_dateline
from tests.linking_helpers import doc, entity_with

# Story sentences from the seeds, none of them furniture.
STORY = [
    "Russia on Tuesday said that it was pulling back some of its troops from the Ukraine "
    "border, in what is being a sign of deescalation, Reuters reported.",
    "In a statement, the Russian defence ministry said that some of its troops were "
    "returning back to their bases after conducting exercises in military districts "
    "bordering Ukraine.",
    "Kremlin spokesperson Dmitry Peskov said that Russia had always maintained that the "
    "troops will return.",
    "“If we see a withdrawal, we will believe in deescalation,” Ukraine’s Foreign Minister "
    "Dmytro Kuleba said, according to Reuters.",
    "By the time the talks ended, the troops had begun loading onto rail transport.",
    "By Tuesday, officials in Washington said, nothing had changed.",
    "A Reuters/Ipsos poll found that most Americans backed sanctions.",
    "Smith contributed $5 million to the campaign.",
    "The report was written by Jane Doe of the Kyiv Independent.",
]


def credited(text: str) -> list[str]:
    return [text[start:end] for start, end in credit_spans(text)]


def places(text: str) -> list[str]:
    return [text[start:end] for start, end in dateline_places(text)]


def test_bylines_are_credits_and_sentences_opening_with_by_are_not() -> None:
    text = (
        "Ukraine says Russian strikes hit power grid\n"
        "By JANE DOE and JOHN ROE Associated Press\n"
        "The strikes came overnight.\n"
        "By the time crews arrived, the fire was out.\n"
        "By Tuesday, power was back.\n"
        "By The Numbers: the war in figures\n"
        "Posted By: Aalok Sensharma"
    )
    assert credited(text) == ["JANE DOE and JOHN ROE Associated Press", "Aalok Sensharma"]
    assert credited("By Jane Doe, CNN\nThe vote was close.") == ["Jane Doe, CNN"]
    assert credited("Written by Jane Doe in Kyiv\nText.") == ["Jane Doe in Kyiv"]
    # A sentence wrapped at a line's end is no byline.
    assert credited("The order was signed\nby Joe Biden and\nhis aides on Tuesday.") == []
    assert credited("The order was signed\nBy Joe Biden and\nKamala Harris on Tuesday.") == []
    assert credited("The talks ended.\nBy Tuesday Joe Biden\nhad signed the order.") == []


def test_credit_notes_run_to_their_bracket_or_their_line_end() -> None:
    note = (
        "(Additional reporting by Max Hunder in Kyiv; Writing by Tom Balmforth; "
        "Editing by Alex Richardson)"
    )
    text = f"Officials said repairs had begun.\n{note}\nTags: war"
    assert credited(text) == [note]
    assert credited("Text.\nReporting by Olena Harmash\nEditing by Andrew Heavens") == [
        "Reporting by Olena Harmash",
        "Editing by Andrew Heavens",
    ]
    # Reported by someone in a sentence of the story is no credit.
    assert credited("The attack was first reported by Jane Doe, a local journalist.") == []
    assert credited("Text.\nReporting by the Guardian showed the scheme.") == []


def test_a_contribution_line_is_a_credit_from_its_sentence_on() -> None:
    line = (
        "Associated Press writers Jane Doe in Kyiv and John Roe in London contributed to this "
        "report."
    )
    assert credited(f"The talks ended.\n{line}") == [line]
    assert credited("The talks ended. Jane Doe contributed reporting.") == [
        "Jane Doe contributed reporting."
    ]
    assert credited("Smith contributed $5 million to the campaign.") == []


def test_photo_credits_name_the_photographer_and_the_agency() -> None:
    caption = "Demonstrators carry placards during a rally in Kyiv. | Sergei Supinsky/AFP"
    assert credited(caption) == ["Sergei Supinsky/AFP"]
    assert credited("A rally in Kyiv. (AP Photo/Efrem Lukatsky)") == ["AP Photo/Efrem Lukatsky"]
    assert credited("A rally. REUTERS/Gleb Garanich/File Photo") == [
        "REUTERS/Gleb Garanich/File Photo"
    ]
    assert credited("A Reuters/Ipsos poll found most backed it.") == []


def test_datelines_name_places() -> None:
    assert places("Headline\nKYIV, Ukraine (AP) — Russian missiles struck.") == [
        "KYIV",
        "Ukraine",
    ]
    assert places("MOSCOW, Feb 15 (Reuters) - Russia said.") == ["MOSCOW"]
    assert places("JERUSALEM/GAZA, Oct 9 (Reuters) - Israel said.") == ["JERUSALEM", "GAZA"]
    assert places("Moscow/ Kyiv | Jagran News Desk: The Kremlin on Tuesday said") == [
        "Moscow",
        "Kyiv",
    ]
    assert places("New Delhi [India], February 15 (ANI): The ministry said") == [
        "New Delhi",
        "India",
    ]
    assert places("WASHINGTON — The Senate voted.") == ["WASHINGTON"]
    assert places("NEW YORK (CNN) -- A man was arrested.") == ["NEW YORK"]
    # A dateline on a line of its own (an ECB+ article's).
    assert places("Headline\nWASHINGTON, DC, April 28, 2009\nThe Interior...") == [
        "WASHINGTON",
        "DC",
    ]


def test_a_datelines_agency_or_desk_is_a_credit() -> None:
    assert credited("KYIV, Ukraine (AP) — Russian missiles struck.") == ["(AP)"]
    assert credited("Moscow/ Kyiv | Jagran News Desk: The Kremlin said") == ["Jagran News Desk"]
    assert credited("WASHINGTON — The Senate voted.") == []
    # In the story, the agency is named as ever.
    assert credited("Headline\nThe (AP) style guide was cited.") == []


def test_labels_dates_and_headlines_are_no_datelines() -> None:
    for text in (
        "UPDATE - Russia says troops are returning",
        "EXCLUSIVE-Ukraine asks for more air defences",
        "NCAA: Improper gifts, assistance",
        "REPORT: RED SOX MAKE HUGE OFFER TO TEIXEIRA",
        "MONDAY, MAY 23, 2005\nFIRED IN PHILLY!!",
        "PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM",
        "Moscow - the city woke up to snow.",  # capitalised, with no agency, date or desk
        "Lindsay Lohan Leaves Betty Ford, Checks Into Malibu Rehab\nFirst Published: June 13",
    ):
        assert places(text) == [], text
    # Only the story's first lines hold a dateline.
    late = "\n".join(["A line of the story."] * 6) + "\nKYIV, Ukraine (AP) — Text."
    assert places(late) == []


def test_a_name_is_at_the_dateline_only_when_it_is_the_place_whole() -> None:
    text = "OBAMA WINS - the count goes on"
    spans = dateline_places(text)
    assert spans == [(0, 10)]  # taken for a dateline, but ...
    assert not at_dateline(spans, 0, 5)  # "OBAMA" is not the place it names
    text = "ST. PAUL, Minn. (AP) — Text."
    assert in_dateline(text, 10, 14)  # "Minn" of "Minn."
    assert in_dateline(text, 0, 8)
    assert not in_dateline(text, 19, 23)


def test_credited_names_are_no_entities_and_the_dateline_is_a_place() -> None:
    wire = "Russian strikes damage energy sites\nKYIV, Ukraine (AP) — {}\n{}"
    entities = link_entities(
        [
            doc(
                "a",
                "Strikes hit grid, Kyiv says\nOfficials said repairs had begun.",
                [("Kyiv", "PERSON")],
            ),
            doc(
                "b",
                wire.format(
                    "Energy Minister German Galushchenko said repairs began.",
                    "(Reporting by Olena Harmash; Editing by Andrew Heavens)",
                ),
                [
                    ("German Galushchenko", "PERSON"),
                    ("Olena Harmash", "PERSON"),
                    ("Andrew Heavens", "PERSON"),
                    ("Ukraine", "GPE"),
                    ("AP", "ORG"),
                ],
            ),
            doc(
                "c",
                wire.format(
                    "Galushchenko said the grid held.",
                    "(Writing by Andrew Heavens; Editing by Olena Harmash)",
                ),
                [("Galushchenko", "PERSON"), ("Andrew Heavens", "PERSON"), ("Ukraine", "GPE")],
            ),
            # Named in a story, the same name is a person as ever, and the agency an
            # organization.
            doc(
                "d",
                "Andrew Heavens, a farmer, told AP the strikes woke him.",
                [("Andrew Heavens", "PERSON"), ("AP", "ORG")],
            ),
        ]
    )
    heavens = entity_with(entities, "Andrew Heavens")
    assert {m.article for m in heavens.mentions} == {"d"}
    assert not [e for e in entities if any(m.text == "Olena Harmash" for m in e.mentions)]
    assert {m.article for m in entity_with(entities, "AP").mentions} == {"d"}
    kyiv = entity_with(entities, "Kyiv")
    assert kyiv.type == "place"
    assert kyiv.name == "Kyiv"  # as the collection writes it, not "KYIV"
    assert {(m.article, m.text) for m in kyiv.mentions} == {
        ("a", "Kyiv"),
        ("b", "KYIV"),
        ("c", "KYIV"),
    }


def test_a_name_tagged_as_a_person_at_a_dateline_is_a_place() -> None:
    entities = link_entities(
        [
            doc("a", "WOODBURN, Ore. (AP) — A bomb exploded at a bank.", [("WOODBURN", "PERSON")]),
            doc("b", "Police in Woodburn said the bank was closed.", [("Woodburn", "ORG")]),
        ]
    )
    assert entity_with(entities, "WOODBURN").type == "place"


@settings(max_examples=60, deadline=None)
@given(
    story=st.lists(st.sampled_from(STORY), min_size=1, max_size=6),
    roles=st.lists(st.sampled_from(["Reporting", "Writing", "Editing"]), min_size=1, max_size=3),
    names=st.lists(
        st.sampled_from(["Olena Harmash", "Tom Balmforth", "Alex Richardson", "Max Hunder"]),
        min_size=3,
        max_size=3,
    ),
)
def test_only_the_credit_note_is_a_credit(story, roles, names) -> None:
    body = "\n".join(story)
    credits = (f"{role} by {name}" for role, name in zip(roles, names[: len(roles)], strict=True))
    note = "(" + "; ".join(credits) + ")"
    text = f"{body}\n{note}"
    assert credit_spans(body) == []
    assert credit_spans(text) == [(len(body) + 1, len(text))]


@settings(max_examples=60, deadline=None)
@given(
    place=st.sampled_from(["KYIV", "MOSCOW", "NEW YORK", "ST. PAUL", "RIO DE JANEIRO"]),
    region=st.sampled_from(["", "Ukraine", "Minn.", "N.Y."]),
    date=st.sampled_from(["", "Feb 15", "Nov. 22", "Tuesday"]),
    agency=st.sampled_from(["", "(AP)", "(Reuters)", "(AFP)"]),
    dash=st.sampled_from(["—", "-", "--", "–"]),
    story=st.sampled_from(STORY),
)
def test_a_dateline_gives_its_places(place, region, date, agency, dash, story) -> None:
    head = place + (f", {region}" if region else "") + (f", {date}" if date else "")
    text = f"Headline of the story\n{head} {agency} {dash} {story}".replace("  ", " ")
    found = places(text)
    assert found == [place, *([region] if region else [])]
    assert places(story) == []


def test_a_dateline_tagged_as_a_person_names_no_one_in_full() -> None:
    # Tagged as a person, "SAN JOSE" would be a full name, and "Jose" its surname.
    entities = link_entities(
        [
            doc(
                "a",
                "SAN JOSE, Calif. (AP) — A fire closed the plant, Jose Alvarez said.",
                [("SAN JOSE", "PERSON"), ("Jose Alvarez", "PERSON")],
            ),
            doc("b", "Jose said the plant would reopen.", [("Jose", "PERSON")]),
        ]
    )
    san_jose = entity_with(entities, "SAN JOSE")
    assert san_jose.type == "place"
    assert entity_with(entities, "Jose") is not san_jose


def test_a_datelines_place_tagged_nowhere_is_a_place() -> None:
    jagran = "Moscow/ Kyiv | Jagran News Desk: The Kremlin on Tuesday said troops will return."
    wire = "Troops return, Kremlin says\nMOSCOW, Feb 15 (Reuters) - The Kremlin said so."
    entities = link_entities(
        [
            doc("a", jagran, [("Kyiv", "GPE"), ("Kremlin", "ORG")]),
            doc("b", wire, [("Kremlin", "ORG")]),
            doc("c", "Talks in Moscow ended on Tuesday.", []),
        ]
    )
    moscow = entity_with(entities, "Moscow")
    assert moscow.type == "place"
    # Shown as the collection writes it, and found where no dateline names it ("c").
    assert moscow.name == "Moscow"
    assert {(m.article, m.start, m.text) for m in moscow.mentions} == {
        ("a", 0, "Moscow"),
        ("b", wire.index("MOSCOW"), "MOSCOW"),
        ("c", 9, "Moscow"),
    }
    # The place the model tagged is not named twice.
    assert [(m.article, m.start) for m in entity_with(entities, "Kyiv").mentions] == [("a", 8)]


def test_only_a_dateline_with_a_wire_a_date_or_a_desk_names_an_untagged_place() -> None:
    entities = link_entities(
        [
            doc("a", "OBAMA WINS - the count goes on in Ohio.", [("Ohio", "GPE")]),
            doc("b", "Headline\nWASHINGTON — The Senate voted on Tuesday.", []),
            # Its town, never its region ("Ore." is Oregon, left as the model has it).
            doc("c", "WOODBURN, Ore. (AP) — A bomb exploded at a bank.", []),
        ]
    )
    assert sorted((m.article, m.text) for e in entities for m in e.mentions) == [
        ("a", "Ohio"),
        ("c", "WOODBURN"),
    ]


def test_a_name_in_capitals_is_shown_as_the_collection_writes_it_but_an_organizations() -> None:
    entities = link_entities(
        [
            doc("a", "OBAMA WINS OHIO\nOBAMA won, and NATO met.", [("OBAMA", "PERSON")]),
            doc("b", "NATO said Obama won.", [("Obama", "PERSON"), ("NATO", "ORG")]),
            doc("c", "Nato said so.", [("Nato", "ORG")]),
        ]
    )
    assert entity_with(entities, "OBAMA").name == "Obama"  # two "OBAMA", one "Obama"
    nato = entity_with(entities, "Nato")
    assert nato.name == "NATO"  # the acronym as most write it, never changed to "Nato"
