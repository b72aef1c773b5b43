"""Everything linking needs from one article, computed once and storable.

Linking has a per-article part (cleaning and folding each mention's name, the
headline-line checks, acronym definitions written in the text, the words the
article writes in lower case, where an untagged name could start) and a global
part (joining names across articles). ``digest_article`` does the first part;
its ``ArticleDigest`` round-trips through ``to_dict``/``from_dict`` (JSON-safe),
so the digest store (``reader.digest_store``) keeps it from the text's analysis
on and linking any collection only joins names. ``linking_fingerprint`` changes
whenever the linking code or the shipped alias file does, so stored digests and
results can be keyed by it.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any, NamedTuple, get_args

from reader.fingerprint import source_fingerprint
from reader.linking import acronyms, mistyped, shortforms
from reader.linking.context import (
    in_title_case_line,
    lower_and_capitalised,
)
from reader.linking.furniture import Furniture
from reader.linking.name_spans import PackedSpans, name_spans, pack_spans
from reader.linking.shortforms import ShortForm
from reader.model import LABEL_TYPES, Analysis, Article, EntityType
from reader.names import clean_name, clean_spacing, fold_name

#: The modules whose code a digest or a linked result depends on (with their imports).
LINKING_ROOTS = ("reader.linking",)

#: Bumped when the stored layout of a digest changes.
DIGEST_VERSION = 8


class NameMention(NamedTuple):
    """One analysis mention with its linking keys (``ArticleDigest.mentions``).

    Attributes:
        start: offset of the mention in the article text.
        end: end offset.
        text: the mention as the analysis wrote it.
        label: the NER label.
        written: the cleaned, displayable name ("" when nothing is left).
        key: the folded comparison key (never empty).
        in_body: False when the mention sits in a title-case headline line.
    """

    start: int
    end: int
    text: str
    label: str
    written: str
    key: str
    in_body: bool


class MentionColumns(NamedTuple):
    """An article's ``NameMention`` fields, column by column (``ArticleDigest.columns``).

    A collection holds hundreds of thousands of mentions: stored, decoded and
    read by linking as columns, each is made and walked by C loops, and the
    offsets take four bytes each.
    """

    starts: array[int]
    ends: array[int]
    texts: tuple[str, ...]
    labels: tuple[str, ...]
    written: tuple[str, ...]
    keys: tuple[str, ...]
    in_body: tuple[bool, ...]

    @classmethod
    def of(cls, mentions: Iterable[NameMention]) -> MentionColumns:
        """The columns of ``mentions``."""
        rows = list(mentions)
        if not rows:
            return _NO_MENTIONS
        starts, ends, texts, labels, written, keys, in_body = zip(*rows, strict=True)
        return cls(array("i", starts), array("i", ends), texts, labels, written, keys, in_body)


@dataclass(frozen=True, slots=True)
class ArticleDigest:
    """The per-article part of linking for one article (see ``digest_article``).

    Attributes:
        article: the article id.
        size: the length of the article text (a cheap check that it still fits).
        count: how many analysis mentions it was made from.
        columns: the mentions that have a name, in analysis order, as columns
            (``mentions`` gives them one by one).
        definitions: acronym definitions written in the text, as
            ``(long key, acronym key, defining text)``.
        lower: the words the article writes in lower case, sorted, distinct and
            joined by spaces: one string per article (a collection decodes
            thousands of articles' words and looks up few of them; ``words``
            splits it where it is read).
        capitalised: the words it capitalises mid-sentence, the same way.
        packed_spans: ``spans`` packed into flat arrays (``PackedSpans``).
        short_forms: the short names the article may use for what it names in full,
            with where they stand (``shortforms.digest_forms``).
        quoted: the places (in ``columns``) of the mentions that are the whole of a
            quotation, as a title is ('starred in "Van Wilder"': ``mistyped``).
        after_prefix: the places of the mentions right after a ship's prefix ("INS
            Sukanya" tagged as "Sukanya").
        nicknames: the people written with a nickname between their names ('Luis
            Gerardo "Jerry" Ortiz', "Kimani (Kiki) Gray"), as ``(key of the name without
            it, key of the nickname with the surname, key of the nickname)``.
        filed: how many of the mentions are a dateline's places the model tagged
            nowhere (``Furniture.untagged_places``): no analysis mention is behind them.
    """

    article: str
    size: int
    count: int
    columns: MentionColumns
    definitions: tuple[tuple[str, str, str], ...]
    lower: str
    capitalised: str
    packed_spans: PackedSpans
    short_forms: tuple[ShortForm, ...] = ()
    quoted: tuple[int, ...] = ()
    after_prefix: tuple[int, ...] = ()
    nicknames: tuple[tuple[str, str, str], ...] = ()
    filed: int = 0

    @property
    def mentions(self) -> tuple[NameMention, ...]:
        """The mentions that have a name, in analysis order."""
        return tuple(map(_new_mention, zip(*self.columns, strict=True)))

    @property
    def named(self) -> int:
        """How many mentions have a name."""
        return len(self.columns.keys)

    @property
    def spans(self) -> list[tuple[int, tuple[int, ...]]]:
        """Where a name not tagged by NER could stand: ``(start, ends)`` with every
        end that closes a plausible name starting there, shortest first."""
        return self.packed_spans.pairs()

    def fits(self, article: Article, analysis: Analysis) -> bool:
        """Whether this digest was plausibly made from ``article`` and ``analysis``."""
        return (
            self.article == article.id
            and self.size == len(article.text)
            and self.count == len(analysis.mentions)
        )

    def to_dict(self, spans: bool = True) -> dict[str, Any]:
        """A compact JSON-safe form (lists, strings and numbers only).

        The article id is left out: a digest depends on the text and its analysis
        alone, so one stored digest serves every collection (and every path) the
        same text is opened under. ``from_dict`` is told the id.

        Args:
            spans: include the packed spans (as three lists); without them,
                ``from_dict`` is given them (the digest store keeps them as raw
                bytes beside the JSON: ``PackedSpans.to_bytes``).
        """
        columns = self.columns
        data = {
            "v": DIGEST_VERSION,
            "size": self.size,
            "count": self.count,
            # Column by column: decoding then builds each column in one call.
            "starts": columns.starts.tolist(),
            "ends": columns.ends.tolist(),
            "texts": list(columns.texts),
            "labels": list(columns.labels),
            "written": list(columns.written),
            "keys": list(columns.keys),
            "in_body": list(map(int, columns.in_body)),
            "definitions": [list(d) for d in self.definitions],
            "lower": self.lower,
            "capitalised": self.capitalised,
            "short": [
                [
                    short.form,
                    [list(name) for name in short.names],
                    list(short.tagged),
                    list(short.starts),
                ]
                for short in self.short_forms
            ],
            "quoted": list(self.quoted),
            "after_prefix": list(self.after_prefix),
            "nicknames": [list(n) for n in self.nicknames],
            "filed": self.filed,
        }
        if spans:
            packed = self.packed_spans
            data["spans"] = [packed.starts.tolist(), packed.bounds.tolist(), packed.ends.tolist()]
        return data

    @classmethod
    def from_dict(
        cls, data: dict[str, Any], article: str, spans: PackedSpans | None = None
    ) -> ArticleDigest:
        """Rebuild a digest from ``to_dict`` output, as the digest of article ``article``
        (with ``spans`` when that output was made without them).

        Raises:
            ValueError: the data is not a digest of this version.
        """
        if not isinstance(data, dict) or data.get("v") != DIGEST_VERSION:
            raise ValueError("not an article digest of this version")
        intern = sys.intern  # names recur across articles: a collection holds each once
        try:
            starts, ends = array("i", data["starts"]), array("i", data["ends"])
            texts, labels, written, keys = (
                tuple(map(intern, data[name])) for name in ("texts", "labels", "written", "keys")
            )
            in_body = tuple(map(bool, data["in_body"]))
            columns = MentionColumns(starts, ends, texts, labels, written, keys, in_body)
            if len(set(map(len, columns))) > 1:
                raise ValueError("mention columns of different lengths")  # a broken digest
            definitions = tuple((str(a), str(b), str(c)) for a, b, c in data["definitions"])
            if spans is None:
                span_starts, bounds, span_ends = data["spans"]
                spans = PackedSpans.checked(span_starts, bounds, span_ends)
            return cls(
                article,
                int(data["size"]),
                int(data["count"]),
                columns if keys else _NO_MENTIONS,
                definitions,
                # Stored sorted and distinct (``to_dict``): kept as stored.
                _word_string(data["lower"]),
                _word_string(data["capitalised"]),
                spans,
                _short_forms(data["short"], int(data["size"]), keys),
                _places(data["quoted"], len(keys)),
                _places(data["after_prefix"], len(keys)),
                tuple((str(a), str(b), str(c)) for a, b, c in data["nicknames"]),
                int(data["filed"]),
            )
        except (KeyError, TypeError, ValueError, OverflowError) as error:
            raise ValueError(f"broken article digest: {error}") from error


#: A named mention from its seven fields, made in C (``NameMention._make`` is a Python
#: call per mention).
_new_mention = partial(tuple.__new__, NameMention)
_NO_MENTIONS = MentionColumns(array("i"), array("i"), (), (), (), (), ())


def _short_forms(rows: Any, size: int, keys: Iterable[str]) -> tuple[ShortForm, ...]:
    """``to_dict``'s short forms back, checked: strings, types, starts inside the text,
    and names among the article's (``keys``: its mentions' folded names).

    Raises:
        ValueError, TypeError: they are not.
    """
    out = []
    known = set(keys)
    new = _new_short_form
    for form, names, tagged, starts in rows:
        pairs = tuple(map(tuple, names))
        # Unpacked in two only when every name is a name and a type (``strict``: all alike).
        folded, kinds = zip(*pairs, strict=True) if pairs else ((), ())
        tagged = tuple(tagged)
        # The folded names are strings: only a string is found among the keys.
        if not isinstance(form, str) or not _KINDS.issuperset(kinds):
            raise TypeError("not a short form")
        if not known.issuperset(folded) or not known.issuperset(tagged):
            raise ValueError("a short form of a name the article does not have")
        places = array("i", starts)
        if places and (min(places) < 0 or max(places) + len(form) > size):
            raise ValueError("a short form past the text")
        out.append(new((form, pairs, tagged, tuple(places))))
    return tuple(out)


def _places(values: Any, size: int) -> tuple[int, ...]:
    """Places of mentions stored by ``to_dict``, checked to be among the ``size`` mentions.

    Raises:
        ValueError, TypeError: they are not.
    """
    places = array("i", values)
    if places and (min(places) < 0 or max(places) >= size):
        raise ValueError("a mention's place past the mentions")
    return tuple(places)


#: A short form from its four fields, made in C.
_new_short_form = partial(tuple.__new__, ShortForm)


_KINDS = frozenset(get_args(EntityType))


def _word_string(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("word list must be a string")
    return value


def joined(words: Iterable[str]) -> str:
    """Words sorted, distinct and joined by spaces (``ArticleDigest.lower``)."""
    return " ".join(sorted(set(words)))


def words(value: str) -> list[str]:
    """The sorted words of ``ArticleDigest.lower`` or ``capitalised``, as a list."""
    return value.split()


def _name_mention(
    start: int, end: int, text: str, label: str, written: str, key: str, in_body: bool
) -> NameMention:
    # Names recur across articles: interned, a collection holds each spelling once.
    intern = sys.intern
    return NameMention(
        start, end, intern(text), intern(label), intern(written), intern(key), in_body
    )


#: A name with a nickname between its names: 'Luis Gerardo "Jerry" Ortiz', "Kimani
#: (Kiki) Gray", 'Earvin “Magic” Johnson'.
_NICKNAMED = re.compile(
    r"^(?P<given>[A-Z][^\"“”‘’'()]*?)\s+[(\"“‘'](?P<nick>[A-Z][\w.-]*)[)\"”’']\s+"
    r"(?P<rest>[A-Z][^\"“”‘’'()]*)$"
)
#: The nickname and surname after a first name tagged alone: "Kimani" in "Kimani (Kiki)
#: Gray", "Earvin" in 'Earvin "Magic" Johnson'.
_NICKNAME_AFTER = re.compile(
    r"[ \t]+[(\"“‘'](?P<nick>[A-Z][a-z][\w.-]*)[)\"”’'][ \t]+(?P<rest>[A-Z][\w’'-]*\w)(?![\w’'-])"
)


def _nicknamed(
    text: str, start: int, end: int, written: str, person: bool
) -> tuple[str, tuple[str, str, str]] | None:
    """A mention of a person written with a nickname, as ``(its written name, its
    ``ArticleDigest.nicknames`` entry)``; None for any other mention.

    The whole name may be tagged (a person's, or with a nickname of letters another
    type's: "Kimani (Kiki) Gray" tagged as an organization), or a person's first names
    alone, the nickname and surname following them untagged: its written name is then
    the whole name without the nickname ("Kimani" before "(Kiki) Gray" is Kimani Gray).
    """
    if (whole := _NICKNAMED.match(written)) is not None:
        given, nick, rest = whole["given"], whole["nick"], whole["rest"]
        if len(nick) < 2 or (not person and not (nick.isalpha() and nick[1:].islower())):
            return None  # a party's letter ("(R)"), or a company's acronym ("(BofA)")
        name, shown = f"{given} {rest}", written
    elif person and (after := _NICKNAME_AFTER.match(text, end)) is not None:
        if in_title_case_line(text, start, after.end()):
            return None  # 'Obama "Hope" Poster' in a headline
        nick, rest = after["nick"], after["rest"]
        name = shown = f"{written} {rest}"
    else:
        return None
    return shown, (fold_name(name), fold_name(f"{nick} {rest}"), fold_name(nick))


def digest_article(article: Article, analysis: Analysis) -> ArticleDigest:
    """Do all of linking's per-article work for one article.

    Args:
        article: the article.
        analysis: its analysis (the mentions are what gets linked).

    Returns:
        The digest; ``link_entities(..., digests=...)`` uses it instead of
        redoing this work, with exactly the same result.
    """
    text = article.text
    mentions = []
    nicknames: list[tuple[str, str, str]] = []
    # Names in a byline or a credit are the newsroom's, not the story's (``furniture``);
    # a name standing as a dateline's place is a place, whatever it was tagged.
    around = Furniture(text)
    for mention in analysis.mentions:
        if around.credited(mention.start, mention.end):
            continue
        label = "GPE" if around.dated(mention.start, mention.end) else mention.label
        person = LABEL_TYPES[label] == "person"
        written = clean_name(mention.text, person=person)
        key = fold_name(written) or fold_name(clean_spacing(mention.text))
        if written and (nicknamed := _nicknamed(text, mention.start, mention.end, written, person)):
            # Linked by the name without the nickname ("Kimani Gray"), and to the
            # nickname's ("Jerry Ortiz") where the collection writes it (``link``).
            written, nickname = nicknamed
            nicknames.append(nickname)
            key = nickname[0]
        if not key:
            continue
        in_body = not in_title_case_line(text, mention.start, mention.end)
        mentions.append(
            _name_mention(mention.start, mention.end, mention.text, label, written, key, in_body)
        )
    # A dateline's place the model tagged nowhere is a place all the same ("Moscow/ Kyiv |
    # Jagran News Desk:" with "Moscow" untagged).
    filed = 0
    for start, end in around.untagged_places(analysis.mentions):
        written = clean_name(text[start:end], person=False)
        key = fold_name(written)
        if key:
            filed += 1
            in_body = not in_title_case_line(text, start, end)
            place = _name_mention(start, end, text[start:end], "GPE", written, key, in_body)
            mentions.append(place)
    if filed:
        mentions.sort(key=lambda m: m.start)
    marks = mistyped.marks(text, [(m.start, m.end) for m in mentions])
    lower, capitalised = lower_and_capitalised(text)
    spans = pack_spans(s for s in name_spans(text) if not around.credited(s[0], s[0] + 1))
    rows = ((m.key, m.label, m.written, m.text) for m in mentions)
    return ArticleDigest(
        article=article.id,
        size=len(text),
        count=len(analysis.mentions),
        columns=MentionColumns.of(mentions),
        definitions=tuple(acronyms.definitions(text, analysis.mentions)),
        lower=joined(lower),
        capitalised=joined(capitalised),
        packed_spans=spans,
        short_forms=shortforms.digest_forms(text, rows, sorted(lower), spans),
        quoted=marks.quoted,
        after_prefix=marks.after_prefix,
        nicknames=tuple(dict.fromkeys(nicknames)),
        filed=filed,
    )


def linking_fingerprint() -> str:
    """A short hash of the linking code (with every reader module it imports) and the
    package's data files (the shipped alias file among them): stored digests and
    linked results are valid while it holds.
    """
    return source_fingerprint(LINKING_ROOTS)
