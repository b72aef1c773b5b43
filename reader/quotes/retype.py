"""Entity types corrected from what a speaker does.

A speech verb's subject is a person or an organization, never a place, a law
or a work: when NER gave a speaker's name such a label ("Osman-aga" as a law,
"Phoenix" as a city), the context says it is a person or a body. Countries
and cities that speak (GPE: "Russia said") keep their label: spaCy's GPE
covers their governments.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

#: Labels of things that never speak: a speaker mention with one is mislabelled
#: (GPE and NORP can speak as governments and groups, so they are not here).
NON_SPEAKER_LABELS = frozenset(
    [
        "LOC",
        "FAC",
        "LAW",
        "PRODUCT",
        "WORK_OF_ART",
        "EVENT",
        "LANGUAGE",
        "DATE",
        "TIME",
        "MONEY",
        "PERCENT",
        "QUANTITY",
        "CARDINAL",
        "ORDINAL",
    ]
)
#: Labels NER cannot have meant for a name, so a proper noun with one may still name a speaker.
_MISLABELS = frozenset(("LAW", "PRODUCT", "WORK_OF_ART", "EVENT", "LANGUAGE", "FAC", "LOC"))


def may_name_speaker(token: Token) -> bool:
    """Whether ``token`` can be the name of someone who speaks.

    A person or an organization, or a proper noun NER missed or gave a label
    no speaker has (a law, a product); never a place, a date or a number.
    """
    if token.ent_type_ in ("PERSON", "ORG"):
        return True
    return token.pos_ == "PROPN" and (token.ent_type_ == "" or token.ent_type_ in _MISLABELS)


def speaker_label(ent: Span, org_nouns: frozenset[str]) -> str | None:
    """The label a speaker's entity ``ent`` should have, or None when its own is right.

    ORG for a definite name or one with an organization noun in it ("the White
    House", "the Times", "Valley Police Department"), else PERSON.
    """
    if ent.label_ not in NON_SPEAKER_LABELS or not any(t.pos_ == "PROPN" for t in ent):
        return None
    if in_marks(ent):
        return None  # 'argued a "White Paper"': a title in marks names a document, no one
    if any(t.pos_ == "CCONJ" for t in ent):
        return None  # "Mark and Condon": several speakers in one span, no one name
    words = [t for t in ent if t.is_alpha and t.pos_ != "DET"]
    if not words or not (words[0].is_title or words[0].is_upper):
        return None  # not written as a name ("last year")
    doc = ent.doc
    definite = ent[0].lower_ == "the" or (ent.start > 0 and doc[ent.start - 1].lower_ == "the")
    if definite or any(t.lemma_.lower() in org_nouns for t in ent):
        return "ORG"
    return "PERSON"


def in_marks(span: Span) -> bool:
    """Whether ``span`` stands between quote marks, as the title of a work does."""
    doc = span.doc
    if span.start == 0 or span.end >= len(doc):
        return False
    return doc[span.start - 1].is_quote and doc[span.end].is_quote
