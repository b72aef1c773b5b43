"""Lower-case words that say a person is named next: "author Stephenie Meyer", "governor
Heydar Alishbandi", "boxer Lennox Lewis".

News introduces people by what they do, written in lower case right before the name; a
company or a place seldom stands right after such a word ("the Sixers coach" comes before
the person, "the coach of the Sixers" puts words between).
``mistyped.told_apart_from_organization`` counts these beside an age or a family after the
name, to list as a person a name the model tagged as an organization or a place every time.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.linking.unlisted import TITLES

#: What a person is, as news writes it right before the name: titles of office
#: (``unlisted.TITLES``), then trades, arts and sports.
OCCUPATIONS = TITLES | frozenset(
    {"author", "writer", "novelist", "poet", "playwright", "screenwriter", "columnist"}
    | {"journalist", "reporter", "photographer", "filmmaker", "producer", "actor", "actress"}
    | {"singer", "songwriter", "rapper", "musician", "guitarist", "comedian", "dancer"}
    | {"designer", "lawyer", "publicist", "coach", "boxer", "pitcher", "quarterback"}
    | {"outfielder", "infielder", "golfer", "sprinter", "swimmer", "cyclist"}
)
#: The longest word looked for, with the space after it.
_REACH = max(map(len, OCCUPATIONS)) + 1


def after_an_occupation(texts: Sequence[str], starts: Sequence[int]) -> int:
    """How many mentions, each given by its article's text and its start, follow a word of
    ``OCCUPATIONS`` written in lower case and one space or line break: "author Stephenie
    Meyer" (not "Author", a headline's or a sentence's first word; nor "co-author")."""
    found = 0
    for text, start in zip(texts, starts, strict=True):
        # Most mentions follow "the" or a capital: turned away by two looks at a character.
        if start < 3 or text[start - 1] not in " \n" or not text[start - 2].islower():
            continue
        begin = max(0, start - 1 - _REACH)
        word_start = max(text.rfind(" ", begin, start - 1), text.rfind("\n", begin, start - 1))
        # A word longer than the reach is cut to it: longer than any occupation still.
        found += text[max(word_start + 1, begin) : start - 1] in OCCUPATIONS
    return found
