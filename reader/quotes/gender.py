"""What a document itself says about the gender of the people it names.

A pronoun ("he", "she") may only resolve to a compatible person. No name list
is used: the evidence is in the text, and most people stay unknown, which is
compatible with either pronoun. Evidence is pooled by surname, so "Tara Reid
checked herself in" also tells about a later "Reid".
"""

from __future__ import annotations

from collections import Counter
from typing import cast

from spacy.tokens import Doc, Span, Token

from reader.pronouns import POSSESSIVE, PRONOUN_GENDER, REFLEXIVE, Gender
from reader.quotes.index import index_of

_HONORIFICS: dict[str, Gender] = {
    "mr": "male",
    "mr.": "male",
    "sir": "male",
    "mrs": "female",
    "mrs.": "female",
    "ms": "female",
    "ms.": "female",
    "miss": "female",
    "madam": "female",
    "dame": "female",
    "lady": "female",
}
#: Nouns that say a person's gender when they describe that person ("the actress
#: Tara Reid", "her husband, John Smith", "Smith, a businessman").
_NOUNS: dict[str, Gender] = {}
for _gender, _words in (
    (
        "female",
        """actress waitress hostess heiress duchess princess queen empress countess mother
        wife daughter sister aunt niece grandmother granddaughter girlfriend bride widow woman
        girl lady spokeswoman chairwoman congresswoman businesswoman policewoman sportswoman
        stepmother stepdaughter mum mom""",
    ),
    (
        "male",
        """actor waiter heir duke prince king emperor father husband son brother uncle nephew
        grandfather grandson boyfriend groom widower man boy gentleman spokesman congressman
        businessman policeman sportsman stepfather stepson dad""",
    ),
):
    _NOUNS.update(dict.fromkeys(_words.split(), cast(Gender, _gender)))


def person_gender(doc: Doc, person: Span) -> Gender | None:
    """The gender the document gives the person ``person`` names, or None if it says none."""
    genders = _genders(doc)
    return genders.get(_surname(person))


def noun_gender(noun: Token) -> Gender | None:
    """The gender a person noun says ("actress", "spokesman"), or None ("publicist")."""
    return _NOUNS.get(noun.lower_)


def compatible(doc: Doc, person: Span, pronoun: Token) -> bool:
    """Whether ``pronoun`` can refer to ``person`` (unknown genders fit either)."""
    wanted = PRONOUN_GENDER.get(pronoun.lower_)
    known = person_gender(doc, person)
    return wanted is None or known is None or wanted == known


class _Votes:
    """Gender evidence pooled by surname, kept in step with the document's entities."""

    def __init__(self, ents: list[Span]) -> None:
        self.votes: dict[str, Counter[Gender]] = {}
        self.genders: dict[str, Gender] = {}
        self.applied = 0  # entries of the index's ent_log already counted
        self._count(ents, 1)

    def _count(self, ents: list[Span], sign: int) -> None:
        for ent in ents:
            if ent.label_ != "PERSON":
                continue
            key = _surname(ent)
            count = self.votes.setdefault(key, Counter())
            for gender in _evidence(ent):
                count[gender] += sign
            count += Counter()  # drop the genders whose votes fell to zero
            self.votes[key] = count
            self.genders.pop(key, None)
            if len(count) == 1 or (
                count and count.most_common(2)[0][1] > count.most_common(2)[1][1]
            ):
                self.genders[key] = count.most_common(1)[0][0]

    def catch_up(self, log: list[tuple[list[Span], Span]]) -> None:
        for removed, added in log[self.applied :]:
            self._count(removed, -1)
            self._count([added], 1)
        self.applied = len(log)


def _genders(doc: Doc) -> dict[str, Gender]:
    # Built once per document and then only updated for the entities the
    # component adds: this is asked for every candidate of every pronoun.
    index = index_of(doc)
    votes = index.derived.get("gender")
    if not isinstance(votes, _Votes):
        votes = _Votes(index.ents)
        index.derived["gender"] = votes
    votes.catch_up(index.ent_log)
    return votes.genders


def _surname(person: Span) -> str:
    words = [t for t in person if t.is_alpha]
    return (words[-1] if words else person[-1]).lower_


def _evidence(person: Span) -> list[Gender]:
    doc = person.doc
    found: list[Gender] = []
    # An honorific or a gendered noun right before the name: "Mrs. May", "actress Tara Reid".
    for i in range(max(0, person.start - 3), person.start):
        word = doc[i].lower_
        gender = _HONORIFICS.get(word) or _NOUNS.get(word)
        if gender and all(t.is_alpha or t.text in ".'" for t in doc[i + 1 : person.start]):
            found.append(gender)
    root = person.root
    # An apposition or the phrase the name stands in apposition to: "Smith, a businessman".
    related = [t for t in root.children if t.dep_ == "appos"]
    if root.dep_ == "appos":
        related.append(root.head)
    for other in related:
        if other.i not in range(person.start, person.end):
            gender = _NOUNS.get(other.lower_)
            if gender:
                found.append(gender)
    # The person as subject, and a reflexive or possessive in that clause:
    # "Tara Reid checked herself", "Peskov repeated his denial".
    if root.dep_ in ("nsubj", "nsubjpass"):
        verb = root.head
        for token in verb.children:
            if token.i in range(person.start, person.end):
                continue
            if token.lower_ in REFLEXIVE and token.dep_ in ("dobj", "pobj", "npadvmod"):
                found.append(REFLEXIVE[token.lower_])
            for child in token.children:
                if child.dep_ == "poss" and child.lower_ in POSSESSIVE:
                    found.append(POSSESSIVE[child.lower_])
    return found
