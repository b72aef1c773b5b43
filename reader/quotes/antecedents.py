"""The antecedent of a pronoun speaker ("he said"), by small rules.

No coreference model is available: a pronoun resolves to the nearest
compatible entity before it outside quotations, a grammatical subject first
within a sentence; a person described but unnamed who spoke in between ("her
publicist said") takes the pronoun instead, and then it stays unresolved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token

from reader.pronouns import GROUP_PRONOUNS, PERSON_PRONOUNS, PRONOUN_GENDER
from reader.quotes.cues import SPEECH_LEMMAS
from reader.quotes.gender import compatible, noun_gender
from reader.quotes.index import index_of
from reader.quotes.nouns import ORG_NOUNS, STATEMENT_NOUNS

_SUBJECTS = ("nsubj", "nsubjpass")


def antecedent(doc: Doc, pronoun: Token, quotes: Sequence[Span]) -> Span | None:
    """The entity the pronoun speaker ``pronoun`` stands for, or None.

    Args:
        doc: the parsed document.
        pronoun: a pronoun naming a speaker ("he", "they").
        quotes: every quotation span of the document (never antecedents).
    """
    word = pronoun.lower_
    if word in PERSON_PRONOUNS:
        # "he" never resolves to someone the text calls "she", and the other way round.
        named = _nearest(
            doc,
            pronoun.i,
            ("PERSON",),
            quotes,
            fits=lambda e: compatible(doc, e, pronoun),
            same_as=pronoun,
        )
        if named is not None and _described_speaker_between(doc, named.end, pronoun, quotes):
            return None  # "her publicist said … he said": he is the publicist, not her
        return named
    if word in GROUP_PRONOUNS:
        return _nearest(doc, pronoun.i, ("ORG", "GPE", "NORP"), quotes)
    return None


def _introduced(noun: Token) -> bool:
    """A person introduced as someone new: "a spokesperson", "her publicist"."""
    return any(c.dep_ == "poss" or c.lower_ in ("a", "an") for c in noun.children)


def described_speaker_quoted(
    named: Span, pronoun: Token, previous_speakers: Sequence[tuple[Span, Span | None]]
) -> bool:
    """Whether a quotation after ``named`` was given to a person described, not named."""
    wanted = PRONOUN_GENDER.get(pronoun.lower_)
    if wanted is None:
        return False
    for mention, ref in previous_speakers:
        root = mention.root
        if mention.start < named.end or mention.start > pronoun.i or ref is not None:
            continue
        if root.pos_ != "NOUN" or root.lemma_.lower() in ORG_NOUNS | STATEMENT_NOUNS:
            continue
        if not _introduced(root):
            continue  # "the star said": likely someone already named
        said = noun_gender(root)
        if said is None or said == wanted:
            return True
    return False


def _described_speaker_between(
    doc: Doc, start: int, pronoun: Token, quotes: Sequence[Span]
) -> bool:
    """Whether a person described but unnamed speaks between token ``start`` and ``pronoun``.

    Such a speaker, introduced as someone new ("her publicist said", "a
    spokesman told"), is nearer than the named one, so the pronoun more likely
    stands for them.
    """
    index = index_of(doc)
    quoted = index.quoted_in(quotes)
    wanted = PRONOUN_GENDER.get(pronoun.lower_)
    for verb in index.speech_verbs_before(pronoun.i, SPEECH_LEMMAS):
        if verb.i < start:
            return False
        if verb.i in quoted:
            continue
        for subject in verb.children:
            if subject.dep_ != "nsubj" or subject.i in quoted:  # the one speaking
                continue
            if subject.pos_ != "NOUN" or subject.tag_ != "NN" or subject.ent_type_:
                continue
            if subject.lemma_.lower() in ORG_NOUNS | STATEMENT_NOUNS:
                continue
            if not _introduced(subject):
                continue  # "the star said": likely someone already named, not someone new
            if any(c.dep_ == "appos" for c in subject.children):
                continue  # "the lead maintainer, Priya Raman, said": named after all
            said = noun_gender(subject)
            if said is None or wanted is None or said == wanted:
                return True
    return False


def _nearest(
    doc: Doc,
    before: int,
    labels: Sequence[str],
    quotes: Sequence[Span],
    fits: Callable[[Span], bool] | None = None,
    same_as: Token | None = None,
) -> Span | None:
    """The nearest entity with one of ``labels`` before token ``before``, outside quotes.

    Sentence by sentence backwards; within a sentence a grammatical subject wins.
    ``fits`` rules candidates out (a person of the wrong gender for a pronoun).
    ``same_as`` is the pronoun being resolved: a sentence whose subject is the
    same pronoun ("He declined to guess what Mat Maid lost") keeps talking
    about its antecedent, so the other names in it are passed over.
    """
    quoted = index_of(doc).quoted_in(quotes)
    same: list[Span] = []  # the candidates in the sentence of the nearest one, nearest first
    last_sent: Span | None = None
    for e in index_of(doc).ents_before(before):
        if last_sent is not None and e.start < last_sent.start:
            break  # entities are in order: none further back shares that sentence
        if e.label_ not in labels or e.root.i in quoted or (fits is not None and not fits(e)):
            continue
        if (
            last_sent is None
            and same_as is not None
            and e.root.dep_ not in _SUBJECTS
            and _continued(e.sent, same_as, quoted)
        ):
            continue
        if last_sent is None:
            last_sent = e.sent
        if e.sent == last_sent:
            same.append(e)
    subjects = [e for e in same if e.root.dep_ in _SUBJECTS]
    return (subjects or same)[0] if same else None


def _continued(sent: Span, pronoun: Token, quoted: frozenset[int]) -> bool:
    """Whether ``sent`` has, as a subject outside quotes, a pronoun of ``pronoun``'s gender."""
    wanted = PRONOUN_GENDER.get(pronoun.lower_)
    return wanted is not None and any(
        t.dep_ in _SUBJECTS
        and t.i != pronoun.i
        and t.i not in quoted
        and PRONOUN_GENDER.get(t.lower_) == wanted
        for t in sent
    )
