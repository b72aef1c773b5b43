"""The ``reader_quotes`` spaCy component: quotations with their speakers.

``nlp.add_pipe("reader_quotes")`` (after ``ner``) sets ``doc._.reader_quotes``,
a list of :class:`DocQuote` in text order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from reader.model import QuoteFinding
from reader.model import Span as TextSpan
from reader.quotes.cues import (
    SENTENCE_END,
    Cue,
    colon_cue,
    find_cue,
    governing_cue,
    labelled,
    sentence_cue,
)
from reader.quotes.fragments import (
    in_participle_clause,
    is_quoted_word,
    is_sentence,
    is_speech_fragment,
    is_title,
)
from reader.quotes.index import DocIndex, indexed
from reader.quotes.marks import RawQuote, find_quotes, paragraph_bounds
from reader.quotes.speakers import resolve, speaker_span
from reader.quotes.titles import is_title_stop

EXTENSION = "reader_quotes"


@dataclass(slots=True)
class DocQuote:
    """One quotation found in a Doc.

    Attributes:
        span: the quoted words, quote marks excluded.
        partial: a quoted phrase inside the writer's own sentence.
        speaker: the mention naming the speaker where the cue is, if any.
        speaker_ref: the entity in ``doc.ents`` the speaker resolves to, if any.
        cue: the words of attribution ("said", "according to"), if any.
    """

    span: Span
    partial: bool = False
    speaker: Span | None = None
    speaker_ref: Span | None = None
    cue: Span | None = None
    raw: RawQuote | None = field(default=None, repr=False)

    def to_finding(self) -> QuoteFinding:
        """The quotation as a plain record with character offsets into ``doc.text``."""
        # Span.text, not doc.text: spaCy rebuilds doc.text from every token.
        start, end = self.span.start_char, self.span.end_char
        text = self.span.text
        if self.raw is not None:
            text = text[self.raw.start - start : self.raw.end - start]
            start, end = self.raw.start, self.raw.end
        return QuoteFinding(
            start=start,
            end=end,
            text=text,
            partial=self.partial,
            speaker=_text_span(self.speaker),
            speaker_ref=_text_span(self.speaker_ref),
            cue=_text_span(self.cue),
        )


def _text_span(span: Span | None) -> TextSpan | None:
    if span is None:
        return None
    return TextSpan(span.start_char, span.end_char, span.text)


class QuoteFinder:
    """Finds quotations in a parsed Doc and attributes them to speakers."""

    def __init__(self, name: str = EXTENSION, *, promote_entities: bool = True) -> None:
        self.name = name
        self.promote_entities = promote_entities
        if not Doc.has_extension(EXTENSION):
            Doc.set_extension(EXTENSION, default=None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(EXTENSION, find_doc_quotes(doc, promote_entities=self.promote_entities))
        return doc


@Language.factory(
    "reader_quotes",
    default_config={"promote_entities": True},
    requires=["token.dep", "token.pos", "token.lemma", "doc.ents", "doc.sents"],
    assigns=[f"doc._.{EXTENSION}", "doc.ents"],
)
def make_quote_finder(nlp: Language, name: str, promote_entities: bool) -> QuoteFinder:
    """Build the component (``nlp.add_pipe("reader_quotes")``).

    ``promote_entities`` (default true) lets it add speakers NER missed to ``doc.ents``.
    """
    return QuoteFinder(name, promote_entities=promote_entities)


def find_doc_quotes(doc: Doc, *, promote_entities: bool = True) -> list[DocQuote]:
    """Every quotation of ``doc``, attributed where a speaker can be found.

    Args:
        doc: a Doc parsed with a tagger, a dependency parser and NER.
        promote_entities: when a speaker resolves to a name or an organization
            NER missed ("Tim Fanning", "the Russian defence ministry"), add it to
            ``doc.ents`` so that ``speaker_ref`` is always one of them.
    """
    text = doc.text
    raws = find_quotes(text)
    spans = [doc.char_span(r.start, r.end, alignment_mode="expand") for r in raws]
    pairs = [(r, s) for r, s in zip(raws, spans, strict=True) if s is not None and len(s)]
    with indexed(doc, [s for _, s in pairs], text) as index:
        return _find(index, pairs, promote_entities)


def _find(
    index: DocIndex, pairs: list[tuple[RawQuote, Span]], promote_entities: bool
) -> list[DocQuote]:
    doc, text = index.doc, index.text
    quote_spans = index.quotes
    found: list[DocQuote] = []
    speakers: list[tuple[Span, Span | None]] = []
    for n, (raw, span) in enumerate(pairs):
        partial = _is_partial(text, raw)
        before = _region_before(index, raw, pairs[n - 1][0] if n else None)
        after = _region_after(index, raw, pairs[n + 1][0] if n + 1 < len(pairs) else None)
        cue = _attribution(text, span, before, after, partial)
        if cue is None and not partial:
            cue = _neighbour_cue(index, raw, span, found, quote_spans)
        if partial and not (
            cue is not None
            and (is_speech_fragment(span) or is_quoted_word(span, _framing_cue(text, span)))
        ):
            continue  # a scare quote or a title, not speech
        if partial and labelled(span):
            continue  # 'a box labelled "medical problem"': a name, not speech
        if partial and in_participle_clause(span):
            continue  # 'pointing to the "devil horns" tattooed on his head': the writer's words
        if _so_called(text, raw):
            continue  # 'the so-called "medical conscience" rule': the writer's distance, no speech
        if not partial and is_title(span) and _after_word(text, raw):
            continue  # 'the 2005 book "The Big Show: High Times …"': a title, not speech
        if not partial and cue is None and not is_sentence(span):
            continue  # a lone word, a term or a title with no one saying it
        quote = DocQuote(span=span, partial=partial, cue=cue.tokens if cue else None, raw=raw)
        if cue is not None and cue.speaker is not None:
            quote.speaker = speaker_span(cue.speaker)
            quote.speaker_ref = resolve(
                doc, quote.speaker, quote_spans, speakers, promote_orgs=promote_entities
            )
            speakers.append((quote.speaker, quote.speaker_ref))
        found.append(quote)
    return found


def _so_called(text: str, raw: RawQuote) -> bool:
    before = text[max(0, raw.open_mark - 12) : raw.open_mark].rstrip(" \t\x00").casefold()
    return before.endswith(("so-called", "so called"))


def _after_word(text: str, raw: RawQuote) -> bool:
    """Whether the opening mark follows a word of the writer's sentence."""
    before = text[: raw.open_mark].rstrip(" \t\x00")
    return bool(before) and (before[-1].isalnum() or before[-1] in "'’")


def _is_partial(text: str, raw: RawQuote) -> bool:
    """A quoted phrase inside the writer's sentence, rather than quoted sentences."""
    pos = raw.open_mark - 1
    while pos >= 0 and text[pos] in " \t\x00":
        pos -= 1
    if pos < 0 or text[pos] in "\n:,;([—–-.!?…":
        return False
    content = text[raw.start : raw.end]
    # "told Reuters "We will win."": a whole sentence quoted after a word.
    whole = content[:1].isupper() and content.rstrip("'’\"”").endswith((".", "!", "?", ","))
    return not (whole and len(content.split()) >= 4)


def _framing_cue(text: str, span: Span) -> Cue | None:
    """The speech verb the quoted words hang from in the parse, within their paragraph."""
    return governing_cue(span, _paragraphs(text, span))


def _paragraphs(text: str, span: Span) -> tuple[int, int]:
    return paragraph_bounds(text, span.start_char)[0], paragraph_bounds(text, span.end_char)[1]


def _region_before(index: DocIndex, raw: RawQuote, previous: RawQuote | None) -> list[Token]:
    """Tokens between the last sentence end (or quotation) and the opening mark."""
    start_char = paragraph_bounds(index.text, raw.open_mark)[0]
    if previous is not None and previous.close_mark is not None:
        start_char = max(start_char, previous.close_mark + 1)
    tokens = [
        t for t in index.tokens_from(start_char, raw.open_mark) if t.idx + len(t) <= raw.open_mark
    ]
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i].text in SENTENCE_END:
            tokens = tokens[i + 1 :]
            break
    return [t for t in tokens if not t.is_space]


def _region_after(index: DocIndex, raw: RawQuote, following: RawQuote | None) -> list[Token]:
    """Tokens between the closing mark and the next sentence end (or quotation)."""
    if raw.close_mark is None:
        return []
    end_char = paragraph_bounds(index.text, raw.close_mark)[1]
    if following is not None:
        end_char = min(end_char, following.open_mark)
    tokens: list[Token] = []
    for token in index.tokens_from(raw.close_mark + 1, end_char):
        if token.text in SENTENCE_END and not is_title_stop(token):
            break
        tokens.append(token)
    return [t for t in tokens if not t.is_space]


def _attribution(
    text: str, span: Span, before: list[Token], after: list[Token], partial: bool
) -> Cue | None:
    bounds = _paragraphs(text, span)
    if partial:
        # '… tensions "seemed to be easing," according to X': the attribution may follow.
        return (
            governing_cue(span, bounds)
            or find_cue(before, span, after=False, structural=False)
            or find_cue(after, span, after=True, structural=False)
        )
    found_before = find_cue(before, span, after=False)
    # A cue right before the opening mark ('had yelled, "…"', 'X said: "…"')
    # introduces this quotation, even when a reporting cue follows it.
    if (
        found_before is not None
        and found_before.speaker is not None
        and found_before.tokens.start >= before[-1].i - 3
    ):
        return found_before
    found_after = find_cue(after, span, after=True)
    if found_after is not None and found_after.speaker is not None:
        return found_after
    if found_before is not None and found_before.speaker is not None:
        return found_before
    return colon_cue(before) or found_after or found_before or governing_cue(span, bounds)


def _neighbour_cue(
    index: DocIndex, raw: RawQuote, span: Span, found: list[DocQuote], quotes: Sequence[Span]
) -> Cue | None:
    """Attribution from the neighbourhood: the sentence before, or the quote run."""
    doc = index.doc
    first = doc.char_span(raw.open_mark, raw.open_mark + 1, alignment_mode="expand")
    previous: Cue | None = None
    if first is not None and first.start > 0:
        sent = doc[first.start - 1].sent
        if index.text[sent.end_char : raw.open_mark].count("\n\n") <= 1:
            # The parse may run the sentence on into the quotation itself.
            leading = [t for t in sent if t.idx < raw.open_mark]
            previous = sentence_cue(sent, quotes) or colon_cue(leading)
    last = found[-1] if found else None
    # A new speaker introduced after the last quotation takes over.
    if (
        previous is not None
        and previous.speaker is not None
        and (last is None or previous.speaker.idx >= last.span.end_char)
    ):
        return previous
    if last is not None and last.speaker is not None:
        gap = index.text[last.span.end_char : raw.open_mark]
        # Only the previous quotation's own attribution lies between them.
        if len(gap) < 120 and gap.count("\n\n") == 0 and _only_attribution(gap, last):
            return Cue(last.cue or last.speaker, last.speaker.root)
    return previous


def _only_attribution(gap: str, last: DocQuote) -> bool:
    stripped = gap.strip(" \n\t\"'“”‘’.,:;—–-")
    if not stripped:
        return True
    if last.cue is None:
        return False
    return len(stripped.split()) <= 12
