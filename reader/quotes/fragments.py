"""Which quoted phrases inside a sentence are speech, and which are titles or scare quotes.

A partial quotation is a few words in marks inside the writer's own sentence.
It is speech when a verb of speaking frames it ('called the plan "reckless"',
'said the deal was only "partial"'); it is a title when its words are
capitalised like one ('on "Face the Nation"', 'the documentary "13th"'), and
a scare quote when nobody in particular says it.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from reader.quotes.cues import NAMING_LEMMAS, SPEECH_LEMMAS, Cue


def is_speech_fragment(span: Span) -> bool:
    """A partial quote that can be speech: not a lone word, not a capitalised title."""
    words = [t for t in span if t.is_alpha]
    if len(words) < 2:
        return False
    return not _titled(span, words)


def is_sentence(span: Span) -> bool:
    """Quoted words that could be said on their own: a clause with a verb, not a title."""
    return is_speech_fragment(span) and any(t.pos_ in ("VERB", "AUX") for t in span)


def is_quoted_word(span: Span, cue: Cue | None) -> bool:
    """A lone quoted word the speech verb ``cue`` frames: 'called it "reckless"'.

    Only a lower-case word (a capitalised one is a name or a title: "Parasite"),
    and only with a verb that names or judges, or a verb of saying whose
    speaker is someone in particular (a name, a pronoun, one person described):
    'officials said the remarks were just "skeptical"' is the writer's scare
    quote of a word, not one person's.
    """
    words = [t for t in span if t.is_alpha]
    if len(words) != 1 or len(span) > 2 or cue is None or cue.speaker is None:
        return False
    word = words[0]
    if not word.is_lower or word.pos_ == "PROPN":
        return False
    verb = cue.tokens.root
    if verb.lemma_ in NAMING_LEMMAS:
        return True
    return _particular(cue.speaker)


def _particular(speaker: Token) -> bool:
    if speaker.ent_type_ in ("PERSON", "ORG") or speaker.pos_ == "PRON":
        return True
    return speaker.pos_ in ("NOUN", "PROPN") and speaker.tag_ not in ("NNS", "NNPS")


def is_title(span: Span) -> bool:
    """Words capitalised like a title ("The Big Show: High Times and Dirty Dealings")."""
    words = [t for t in span if t.is_alpha]
    return len(words) >= 2 and _titled(span, words)


def _titled(span: Span, words: list[Token]) -> bool:
    return all(t.is_title or t.is_stop or not t.is_alpha for t in span) and any(
        t.is_title for t in words[1:]
    )


def in_participle_clause(span: Span) -> bool:
    """Whether the quoted phrase belongs to a participle clause that reports no words.

    '… "idiot," pointing to a photo of the suspect and the "devil horns" tattooed
    on his bald head': the first verb above the phrase is a participle of
    description ("pointing") or a verb describing a noun ("tattooed" on
    "photo"), so a verb of speaking higher up ("called") does not make the
    phrase anyone's words; it is the writer's.
    """
    node = span.root
    while node.head.i != node.i:
        node = node.head
        if span.start <= node.i < span.end:
            continue
        if node.pos_ in ("VERB", "AUX"):
            if node.lemma_ in SPEECH_LEMMAS | NAMING_LEMMAS:
                return False
            participle = node.dep_ in ("advcl", "acl") and node.tag_ in ("VBG", "VBN")
            # A verb hanging from a noun describes that noun ("a photo … tattooed"),
            # unless it is the content of the noun ("his belief that it is …").
            describes = (
                node.pos_ == "VERB"
                and node.head.pos_ in ("NOUN", "PROPN")
                and not any(c.dep_ == "mark" for c in node.children)
            )
            return participle or describes
    return False
