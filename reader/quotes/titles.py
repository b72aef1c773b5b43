"""Abbreviated titles before a name, as news writes them ("Dist. Atty. Steve Cooley").

The full stop of such a title ends no sentence, and a parse that takes the
title for the speaker is corrected to the name after it.
"""

from __future__ import annotations

from spacy.tokens import Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Abbreviated titles before a name (news style: "Dist. Atty. Steve Cooley",
#: "Lt. Gov. Sean Parnell"): the full stop after one ends no sentence.
TITLE_ABBREVIATIONS = _words(
    """
    mr mrs ms dr prof rev fr gov lt sen rep gen col maj capt sgt cpl pvt adm cmdr cdr brig
    det insp supt dist atty asst dep sec pres amb hon sr jr
    """
)


def _abbreviated_title(token: Token) -> bool:
    """A title abbreviation with its full stop in the token ("Rep.", "Gov.")."""
    return token.text.endswith(".") and token.lower_.rstrip(".") in TITLE_ABBREVIATIONS


def is_title_stop(token: Token) -> bool:
    """A full stop that ends an abbreviated title before a name ("Atty. Steve")."""
    doc = token.doc
    if token.text != "." or token.i == 0 or token.i + 1 >= len(doc):
        return False
    before, after = doc[token.i - 1], doc[token.i + 1]
    return (
        before.lower_ in TITLE_ABBREVIATIONS
        and before.idx + len(before) == token.idx  # "Atty." with no space before the stop
        and after.is_title
    )


def past_titles(token: Token) -> Token:
    """The name after an abbreviated title ``token`` ("Dist." -> "Cooley"), else ``token``.

    A parse can take the title for the subject and end the sentence at its
    full stop; the speaker is the last word of the name that follows.
    """
    doc = token.doc
    node = token
    while node.i + 1 < len(doc) and (
        is_title_stop(doc[node.i + 1]) or (_abbreviated_title(node) and doc[node.i + 1].is_title)
    ):
        node = doc[node.i + 2] if is_title_stop(doc[node.i + 1]) else doc[node.i + 1]
        while (
            node.i + 1 < len(doc)
            and doc[node.i + 1].pos_ == "PROPN"
            and (doc[node.i + 1].is_title or doc[node.i + 1].is_upper)
        ):
            node = doc[node.i + 1]
    return node
