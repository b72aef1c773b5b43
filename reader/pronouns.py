"""The pronouns the reader knows, defined once.

The quote rules (speakers, cues, gender evidence) and the UI's speaker notes
all read these sets; a pronoun added here is seen by every one of them. Plain
data: importing it never loads spaCy.
"""

from __future__ import annotations

from typing import Literal

Gender = Literal["female", "male"]

#: Third-person singular pronouns and the gender each one gives its referent.
PRONOUN_GENDER: dict[str, Gender] = {
    "he": "male",
    "him": "male",
    "his": "male",
    "himself": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}
#: Pronouns that stand for one person as a speaker ("he said", "told him").
PERSON_PRONOUNS = frozenset(["he", "him", "she", "her"])
#: Pronouns that stand for a body or a group as a speaker ("it said", "they said").
GROUP_PRONOUNS = frozenset(["it", "they", "them", "we"])
#: Subject pronouns that can be the speaker of a quotation.
SUBJECT_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
#: Reflexives and possessives that tell a subject's gender ("checked herself in").
REFLEXIVE: dict[str, Gender] = {w: g for w, g in PRONOUN_GENDER.items() if w.endswith("self")}
POSSESSIVE: dict[str, Gender] = {"her": "female", "his": "male"}
