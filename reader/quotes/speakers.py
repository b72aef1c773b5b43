"""Speaker mentions and their resolution to named entities.

No coreference model is available, so resolution is a few small rules: a name
resolves to itself; a pronoun to the nearest compatible entity before it
outside quotations (subjects first within a sentence); a description to the
organization named inside it ("a Kremlin spokesman"), or, for a definite
description with no name ("the statement", "the ministry"), to the
organization that last spoke before it.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from reader.pronouns import GROUP_PRONOUNS, PERSON_PRONOUNS
from reader.quotes.antecedents import antecedent, described_speaker_quoted
from reader.quotes.cues import SPEECH_LEMMAS, is_agency
from reader.quotes.index import index_of
from reader.quotes.nouns import (
    ORG_LABELS,
    ORG_NOUNS,
    PLACE_LABELS,
    SPEAKER_LABELS,
    SPOKES_NOUNS,
    STATEMENT_NOUNS,
)
from reader.quotes.retype import in_marks, speaker_label

#: Modifier dependencies kept in a speaker mention (titles, first names, adjectives).
_LEFT_DEPS = frozenset(("compound", "amod", "det", "nmod", "nummod", "flat", "poss", "case"))
_RIGHT_DEPS = frozenset(("compound", "flat", "prep", "pobj", "nummod"))


def speaker_span(token: Token) -> Span:
    """The mention naming the speaker, around its head word ``token``.

    Keeps titles and modifiers ("Foreign Minister Dmytro Kuleba", "a defence
    ministry spokesman", "a friend of the actress") and leaves out appositions,
    relative clauses and punctuation.
    """
    doc = token.doc
    if token.ent_iob_ != "O":
        ent = _entity_at(doc, token)
        if ent is not None:
            left = min(ent.start, _left_edge(token))
            return doc[left : max(ent.end, token.i + 1)]
    left = _left_edge(token)
    right = token.i
    for child in token.rights:
        if child.dep_ in ("prep",) and token.pos_ != "PRON" and token.ent_iob_ == "O":
            right = max(right, max(t.i for t in child.subtree))
        elif child.dep_ in ("compound", "flat"):
            right = max(right, child.i)
        else:
            break
    return doc[left : right + 1]


def _left_edge(token: Token) -> int:
    left = token.i
    for child in token.lefts:
        if child.dep_ in _LEFT_DEPS and not child.is_punct:
            left = min(left, child.left_edge.i)
    doc = token.doc
    while left < token.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return left


def _entity_at(doc: Doc, token: Token) -> Span | None:
    return index_of(doc).entity_at(token.i)


def resolve(
    doc: Doc,
    mention: Span,
    quotes: Sequence[Span],
    previous_speakers: Sequence[tuple[Span, Span | None]],
    *,
    promote_orgs: bool = True,
) -> Span | None:
    """The entity span in ``doc.ents`` that ``mention`` refers to, or None.

    Args:
        doc: the parsed document.
        mention: the speaker mention.
        quotes: every quotation span of the document (never antecedents).
        previous_speakers: earlier (speaker mention, entity) pairs, in text order.
        promote_orgs: add organizations NER missed ("the defence ministry") to
            ``doc.ents`` when a speaker resolves to one.
    """
    head = mention.root
    ent = _entity_at(doc, head)
    if ent is not None and ent.label_ in PLACE_LABELS:
        # "Phoenix said": NER took the actor Joaquin Phoenix for the city.
        person = _person_named(doc, ent)
        if person is not None:
            return person
    if ent is not None and ent.label_ in SPEAKER_LABELS:
        return ent
    label = speaker_label(ent, ORG_NOUNS) if ent is not None else None
    if ent is not None and label is not None:
        # "Osman-aga" as a law, "the White House" as a building: a speaker is
        # a person or a body, so the context corrects NER's label.
        fixed = Span(doc, ent.start, ent.end, label=label)
        if promote_orgs:
            index_of(doc).add_ent(fixed)  # replaces the mislabelled one, same tokens
        return fixed
    for child in head.children:
        # "her nephew, Ravi Singh": the apposition names the speaker.
        named = _entity_at(doc, child) if child.dep_ == "appos" else None
        if named is not None and named.label_ in SPEAKER_LABELS:
            return named
    named = _titled_name(doc, head)
    if named is not None:
        return named
    if head.pos_ == "PROPN" and promote_orgs:
        # A name NER missed, in the subject of a speech verb: a person or a body.
        name = _name_span(mention, head)
        if name is not None:
            return promote(doc, name)
    if head.pos_ == "PRON" or head.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
        named = antecedent(doc, head, quotes)
        if named is not None and described_speaker_quoted(named, head, previous_speakers):
            return None  # 'A spokesperson … "…" "…," she added': the spokesperson again
        return named
    index = index_of(doc)
    inside = index.ents_within(mention.start, mention.end)
    if (
        head.pos_ != "PROPN"
        and head.lemma_.lower() not in ORG_NOUNS | STATEMENT_NOUNS | SPOKES_NOUNS
    ):
        # A description of a person ("the Taradise star", "a publicist") speaks for
        # itself: a name inside it is not the speaker, only an apposition is.
        inside = []
    orgs = [e for e in inside if e.label_ == "ORG" and e.root.dep_ != "poss"]
    if orgs:
        return orgs[-1]
    people = [e for e in inside if e.label_ == "PERSON" and e.root.dep_ != "poss"]
    if people and head.pos_ == "PROPN":
        return people[-1]
    for token in mention:
        if token.i != head.i and (phrase := org_phrase(token, mention.start)) is not None:
            return promote(doc, phrase) if promote_orgs else phrase
    places = [e for e in inside if e.label_ in ("GPE", "NORP") and e.root.dep_ != "poss"]
    if places:
        return places[-1]
    if head.lemma_ in ORG_NOUNS and any(t.lower_ == "the" for t in head.lefts):
        # "the ministry": the last organization of that kind named before.
        same_kind = next(
            (
                e
                for e in index.ents_before(mention.start)
                if e.label_ == "ORG" and e.root.lemma_ == head.lemma_
            ),
            None,
        )
        return same_kind or _salient_org(doc, mention.start)
    if head.lower_ in STATEMENT_NOUNS:
        for _, ref in reversed(previous_speakers):
            if ref is not None and ref.label_ in ORG_LABELS and ref.end <= mention.start:
                return ref
        source = _statement_source(doc, mention.start, quotes)
        if source is not None:
            return promote(doc, source) if promote_orgs and source.label_ == "ORG" else source
        return None
    # "the actress", "a publicist": a description is a speaker in its own right;
    # without a coreference model, guessing who it describes goes wrong too often.
    return None


def _titled_name(doc: Doc, head: Token) -> Span | None:
    """The person a chain of bare titles names: "businessman and blogger Andrew Halcro".

    The parse can coordinate the first title with the name; with no
    determiner on the title ("the mayor and the governor" are two people), the
    chain is one person's titles and the name at its end is the speaker.
    """
    if head.pos_ != "NOUN" or any(c.dep_ in ("det", "poss") for c in head.children):
        return None
    for child in head.children:
        if child.dep_ != "conj":
            continue
        named = _entity_at(doc, child)
        if named is not None and named.label_ == "PERSON" and named.root.i == child.i:
            return named
    return None


def _person_named(doc: Doc, place: Span) -> Span | None:
    """A person the document names with the word ``place`` is ("Joaquin Phoenix")."""
    index = index_of(doc)
    # Built once per document (again only after the component adds entities).
    cached = index.derived.get("people_by_surname")
    if cached is None or cached[0] != len(index.ent_log):
        by_surname: dict[str, list[Span]] = {}
        for e in index.ents:
            if e.label_ == "PERSON" and len(e) > 1:
                by_surname.setdefault(e[-1].text.casefold(), []).append(e)
        cached = (len(index.ent_log), by_surname)
        index.derived["people_by_surname"] = cached
    people = cached[1].get(place.text.casefold(), [])
    before = [e for e in people if e.end <= place.start]
    if before:
        return before[-1]
    return people[0] if people else None


def _name_span(mention: Span, head: Token) -> Span | None:
    """The proper-noun words ending at ``head`` ("Tim Fanning"), labelled for ``doc.ents``."""
    left = head.i
    while left > mention.start and mention.doc[left - 1].pos_ == "PROPN":
        left -= 1
    words = mention.doc[left : head.i + 1]
    if not all(t.is_title or t.is_upper for t in words if t.is_alpha):
        return None
    if in_marks(words):
        return None  # 'argued a "White Paper"': a title in marks names a document, no one
    label = "ORG" if any(t.lemma_.lower() in ORG_NOUNS for t in words) else "PERSON"
    return Span(mention.doc, words.start, words.end, label=label)


def org_phrase(token: Token, start: int | None = None) -> Span | None:
    """An organization NER left unnamed, around its head noun: "Russian defence ministry".

    Only when a name modifies it, so that it can be told apart from others.
    ``start`` extends it leftwards, for a modifier the parse hung elsewhere
    ("a Russian defence ministry spokesman").
    """
    if token.lemma_.lower() not in ORG_NOUNS or token.pos_ not in ("NOUN", "PROPN"):
        return None
    left = token.i
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "npadvmod") and not child.is_punct:
            left = min(left, child.left_edge.i)
    if start is not None:
        left = min(left, start)
    doc = token.doc
    while left < token.i and doc[left].dep_ in ("det", "poss", "case", "punct"):
        left += 1
    phrase = doc[left : token.i + 1]
    index = index_of(doc)
    named = [e for e in index.ents_within(left, token.i) if e.label_ in ORG_LABELS]
    if len(phrase) < 2 or not named:
        return None
    at = index.entity_at(token.i)
    if at is not None and at.label_ == "ORG":
        return None  # NER already names it
    return Span(doc, phrase.start, phrase.end, label="ORG")


def promote(doc: Doc, phrase: Span) -> Span:
    """Add ``phrase`` to ``doc.ents`` (replacing entities inside it) and return it."""
    index = index_of(doc)
    for ent in index.ents_within(phrase.start, phrase.end):
        if ent.start == phrase.start and ent.end == phrase.end:
            return ent
    index.add_ent(phrase)  # not when it would cut through an entity: those stay as they are
    return phrase


def _statement_source(doc: Doc, before: int, quotes: Sequence[Span]) -> Span | None:
    """Who last spoke as an organization before token ``before`` ("the ministry said")."""
    quoted = index_of(doc).quoted_in(quotes)
    for token in index_of(doc).speech_verbs_before(before, SPEECH_LEMMAS):
        if token.i in quoted:
            continue
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            continue
        ent = _entity_at(doc, subject)
        if ent is not None and ent.label_ in ORG_LABELS:
            return ent
        phrase = org_phrase(subject)
        if phrase is not None:
            return phrase
    return None


def _salient_org(doc: Doc, before: int) -> Span | None:
    """The organization named most often before token ``before`` ("the company").

    Mentions inside quotations count too: salience, not speech, is measured.
    Ties go to the most recent; news agencies are left out.
    """
    counts: dict[str, int] = {}
    last: dict[str, Span] = {}
    for ent in reversed(list(index_of(doc).ents_before(before))):
        if ent.label_ != "ORG" or is_agency(ent):
            continue
        key = ent.text.casefold().removeprefix("the ")
        counts[key] = counts.get(key, 0) + 1
        last[key] = ent
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], last[k].start))
    return last[best]
