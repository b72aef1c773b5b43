"""Find the speech cue of a quotation and the word that names its speaker.

The cue is found through the dependency parse: a verb of speaking in the
attribution text next to the quotation (or one the quotation hangs from), an
"according to" phrase, or a dash followed by a name. The speaker is then read
off the cue's grammatical relations (its subject; the object of "quoted X as
saying"; the object of "according to"), never from word order alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Span, Token

from reader.pronouns import SUBJECT_PRONOUNS
from reader.quotes.index import index_of
from reader.quotes.retype import may_name_speaker
from reader.quotes.titles import past_titles


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _data_words(name: str) -> frozenset[str]:
    """The words of a shipped list in ``reader/data``, '#' comments left out."""
    text = resources.files("reader.data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() for w in line.split("#", 1)[0].split())


#: Lemmas of verbs that report speech or writing (the shipped list, by verb class).
SPEECH_LEMMAS = _data_words("speech_verbs.txt")
#: Verbs that put a name or a judgement on someone or something: a quoted
#: phrase they frame ('accused them of being "duped"') is the speaker's words.
NAMING_LEMMAS = _words(
    """
    call describe brand dub term label accuse deem hail dismiss denounce condemn praise
    criticize criticise characterize characterise
    """
)
#: Participles that name a thing after a noun ("a box marked", "a film titled").
LABEL_LEMMAS = _words("know name title entitle mark sign headline caption")
#: Verbs of speaking that also report what things show ("the evidence suggested").
EVIDENCE_LEMMAS = _words("suggest predict estimate indicate show")
#: Verbs of speaking whose object is the listener, not the speaker ("told reporters").
LISTENER_LEMMAS = _words(
    """
    tell told ask inform notify warn advise remind brief instruct urge reassure assure order
    direct caution implore beg quote answer
    """
)
#: Lemmas that only count when the quotation is their complement (opinion verbs).
WEAK_LEMMAS = frozenset(["think", "believe", "feel", "hope", "fear", "expect", "predict", "know"])
SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))
#: Sentence-final tokens: an attribution never reaches past one.
SENTENCE_END = frozenset((".", "!", "?"))
#: News agencies relay quotes; "according to Reuters" does not make Reuters the speaker.
AGENCIES = _words(
    """
    reuters afp ap associated press agence france-presse france presse bloomberg xinhua tass
    interfax ria novosti dpa ani pti ians upi kyodo yonhap efe ansa irna isna fars mehr anadolu
    """
)


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech cue: the words of attribution and the token naming the speaker."""

    tokens: Span
    speaker: Token | None


def is_agency(span: Span | Token) -> bool:
    """Whether ``span`` names a news agency (its words are all agency words)."""
    words = [t.lower_ for t in (span if isinstance(span, Span) else [span]) if t.is_alpha]
    words = [w for w in words if w not in ("the", "news", "agency")]
    return bool(words) and all(w in AGENCIES for w in words)


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subjects:
        # A misparse can give several subjects ("In an e-mail, Henry said"):
        # the one nearest the verb is the real one.
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    # "X said ... and added", "X said, adding": the verb shares its head's subject.
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    return None


def _quoted_as_saying(verb: Token) -> Token | None:
    """The X of "quoted X as saying" / "X was quoted as saying", when ``verb`` is it."""
    if verb.lemma_ != "quote":
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    return None


def _speaker_of(verb: Token) -> Token | None:
    if verb.lower_ in ("saying", "says") and verb.head.lemma_ == "as":
        verb = verb.head.head
    elif verb.lower_ == "saying" and verb.head.lemma_ == "quote":
        verb = verb.head
    if (quoted := _quoted_as_saying(verb)) is not None:
        return quoted
    if verb.lower_ == "according":
        for prep in verb.children:
            if prep.lower_ == "to":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return obj
        return None
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "a spokesman stating": the participle's noun speaks
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return inverted
    subject = _subject(verb)
    if subject is not None and subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        return subject.head.head  # "an employee who had yelled": the relative's antecedent
    return subject


def _inverted_subject(verb: Token) -> Token | None:
    """The speaker after an inverted verb the parse took for its object.

    '… "erroneous findings" by agencies, argued the NRDC.': a verb of saying
    right after a comma or a closing mark, with no subject of its own, whose
    object ends the clause, has its subject after it. Verbs whose object is
    the listener ("told reporters") are left out.
    """
    if verb.lemma_ in LISTENER_LEMMAS or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is None or before.text not in {",", '"', "”", "’", "'"}:
        return None
    for child in verb.rights:
        if child.dep_ != "dobj":
            continue
        after = child.right_edge.i + 1
        if (
            after >= len(verb.doc)
            or verb.doc[after].text in {".", ",", "!", "?", ";"}
            or verb.doc[after].is_space
        ):
            return child
    return None


def _is_label(verb: Token) -> bool:
    """A name given to a thing, with no one giving it: "a box labelled …", "what is called …".

    A naming participle after a noun, or a naming verb in the passive without
    an agent ("was called … by the mayor" is still someone's words).
    """
    if verb.lemma_ not in NAMING_LEMMAS | LABEL_LEMMAS:
        return False
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return True
    deps = {c.dep_ for c in verb.children}
    return "auxpass" in deps and "agent" not in deps


def _is_cue(token: Token, quote: Span, structural: bool = True) -> bool:
    if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
        return True
    if token.pos_ not in ("VERB", "AUX") or (token.pos_ == "AUX" and token.lemma_ != "say"):
        return False
    if _is_label(token):
        return False
    if token.lemma_ in SPEECH_LEMMAS:
        return True
    if not structural:
        return False
    # Structure alone: a verb with a subject whose complement is the quotation
    # ("…," she laughed), or one the quotation's own root attaches to.
    linked = quote.start <= token.head.i < quote.end or any(
        quote.start <= c.i < quote.end and c.dep_ in ("ccomp", "parataxis", "dobj")
        for c in token.children
    )
    return linked and _subject(token) is not None and token.lemma_ not in WEAK_LEMMAS


def find_cue(
    region: Sequence[Token], quote: Span, *, after: bool, structural: bool = True
) -> Cue | None:
    """The speech cue in ``region``, the attribution text on one side of ``quote``.

    Args:
        region: tokens outside the quotation, in text order.
        quote: the quotation's tokens.
        after: whether the region follows the quotation (then the nearest cue is
            the first one, otherwise the last one).
        structural: also accept a verb that is not a verb of speaking when the
            quotation is its complement (right for quoted sentences; a quoted
            phrase is the object of many verbs that report nothing).

    Returns:
        The cue nearest the quotation whose speaker is not a relaying news
        agency, or None.
    """
    if not region:
        return None
    ordered: Iterable[Token] = region if after else reversed(region)
    fallback: Cue | None = None
    for token in ordered:
        if not _is_cue(token, quote, structural):
            continue
        speaker = _speaker_of(token)
        if speaker is not None and not (quote.start <= speaker.i < quote.end):
            if is_agency(speaker) and token.lemma_ in ("report", "according", "say", "quote"):
                continue  # the agency relays the quote; keep looking for its source
            return Cue(_cue_span(token), past_titles(speaker))
        if speaker is None or quote.start <= speaker.i < quote.end:
            speaker = _nearest_named(region, token)
        if fallback is None:
            fallback = Cue(_cue_span(token), speaker)
    if after and fallback is None:
        return _dash_attribution(region)
    return fallback


def colon_cue(tokens: Sequence[Token]) -> Cue | None:
    """``X siad: "…"``, ``experts such as Dr Y: "…"``: text introducing a quotation with a colon.

    When no verb of speaking is recognised, the speaker is the subject of the
    introducing clause if it names someone, else the last name before the colon.
    """
    words = [t for t in tokens if not t.is_space]
    if not words or words[-1].text != ":":
        return None
    colon = words[-1]
    for token in reversed(words):
        if token.dep_ in SUBJECT_DEPS and (
            token.ent_type_ in ("PERSON", "ORG") or token.lower_ in SUBJECT_PRONOUNS
        ):
            return Cue(colon.doc[colon.i : colon.i + 1], token)
    for token in reversed(words):
        if token.ent_type_ in ("PERSON", "ORG") and not is_agency(token):
            while token.i + 1 < colon.i and token.doc[token.i + 1].ent_iob_ == "I":
                token = token.doc[token.i + 1]
            return Cue(colon.doc[colon.i : colon.i + 1], token)
    return None


def _cue_span(token: Token) -> Span:
    doc = token.doc
    if token.lower_ == "according":
        return doc[token.i : token.i + 2]
    return doc[token.i : token.i + 1]


def _nearest_named(region: Sequence[Token], verb: Token) -> Token | None:
    """A parse without a subject: the nearest name or pronoun beside the verb."""
    best: Token | None = None
    for token in region:
        if token.i == verb.i or not (may_name_speaker(token) or token.pos_ == "PRON"):
            continue
        if token.pos_ == "PRON" and token.lower_ not in SUBJECT_PRONOUNS:
            continue
        if is_agency(token) or token.dep_ in ("dobj", "dative", "pobj"):
            continue  # "told Reuters": the listener, not the speaker
        if best is None or abs(token.i - verb.i) < abs(best.i - verb.i):
            best = token
    if best is not None:
        best = past_titles(best)
    if best is not None and best.ent_iob_ in ("B", "I"):
        # Use the last word of the name, its syntactic head in English.
        while best.i + 1 < len(best.doc) and best.doc[best.i + 1].ent_iob_ == "I":
            best = best.doc[best.i + 1]
    return best


def _dash_attribution(region: Sequence[Token]) -> Cue | None:
    """``"…" — X``: a dash right after the quotation, then a name."""
    tokens = [t for t in region if not t.is_space]
    if len(tokens) < 2 or tokens[0].text not in ("—", "–", "-", "--", "―"):
        return None
    for token in tokens[1:6]:
        if token.ent_type_ in ("PERSON", "ORG") or token.pos_ == "PROPN":
            head = token
            modifiers = ("compound", "flat", "amod")
            while head.head.i != head.i and head.head in tokens and head.dep_ in modifiers:
                head = head.head
            return Cue(tokens[0].doc[tokens[0].i : tokens[0].i + 1], head)
        if token.pos_ in ("VERB", "AUX"):
            return None
    return None


def governing_cue(quote: Span, bounds: tuple[int, int] | None = None) -> Cue | None:
    """The speech verb a quotation (usually a partial one) hangs from in the parse.

    Walks up from the quotation's words through their heads to the first verb
    of speaking outside the quotation, never leaving ``bounds`` (character
    offsets of the quotation's paragraph: a parse can run on across a line).
    """
    low, high = bounds if bounds is not None else (0, len(quote.doc.text))
    seen: set[int] = set()
    fallback: Cue | None = None
    for token in quote:
        if token.is_punct:
            continue  # the parser hangs punctuation anywhere: words carry the structure
        node = token
        while node.head.i != node.i and node.i not in seen:
            seen.add(node.i)
            node = node.head
            if quote.start <= node.i < quote.end:
                continue
            if not low <= node.idx < high:
                break
            if _is_label(node):
                break  # the quoted words are the label's ("known as 'take'"), no one's speech
            if node.pos_ in ("VERB", "AUX") and (
                node.lemma_ in SPEECH_LEMMAS
                or node.lemma_ in NAMING_LEMMAS
                or node.lemma_ == "quote"
            ):
                speaker = _speaker_of(node)
                if speaker is not None and is_agency(speaker):
                    continue
                if node.lemma_ in EVIDENCE_LEMMAS and not _someone(speaker):
                    continue  # "the evidence suggested …": no one speaks; a verb above may
                if speaker is None:
                    # "announced by saying …": the verb above may name who spoke.
                    fallback = fallback or Cue(_cue_span(node), None)
                    continue
                return Cue(_cue_span(node), speaker)
    return fallback


def labelled(quote: Span) -> bool:
    """Whether the quoted words are a name something is given ("what is called '…'").

    True when, walking up the parse from the quotation, a labelling verb comes
    before any verb of speaking: then no attribution elsewhere in the sentence
    makes the name someone's words.
    """
    for token in quote:
        if token.is_punct:
            continue
        node = token
        while node.head.i != node.i:
            node = node.head
            if quote.start <= node.i < quote.end:
                continue
            if _is_label(node):
                return True
            if node.pos_ in ("VERB", "AUX") and node.lemma_ in SPEECH_LEMMAS:
                return False
    return False


def _someone(token: Token | None) -> bool:
    """A name, a pronoun or a noun with a determiner ("the agency"); not a bare "evidence"."""
    if token is None:
        return False
    if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or token.pos_ in ("PRON", "PROPN"):
        return True
    return any(c.dep_ in ("det", "poss") for c in token.children)


def sentence_cue(sent: Span, exclude: Sequence[Span] = ()) -> Cue | None:
    """The last speech cue with a subject in ``sent``, outside the ``exclude`` spans.

    A verb of speaking wins over "according to": in '"…," she said, according
    to the statement' the statement relays what she said.
    """
    skip = index_of(sent.doc).quoted_in(exclude)
    best: Cue | None = None
    relayed: Cue | None = None
    for token in sent:
        if token.i in skip or token.pos_ not in ("VERB", "AUX"):
            continue
        if token.lemma_ not in SPEECH_LEMMAS and token.lower_ != "according":
            continue
        deps = {c.dep_ for c in token.children}
        if "xcomp" in deps and "ccomp" not in deps:
            continue  # "vowed to increase": a commitment, not words reported
        speaker = _speaker_of(token)
        if speaker is None or speaker.i in skip or is_agency(speaker):
            continue
        if token.lower_ == "according":
            relayed = Cue(_cue_span(token), speaker)
        else:
            best = Cue(_cue_span(token), speaker)
    return best or relayed
