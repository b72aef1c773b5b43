"""Names that contain other names: over-long spans, descriptors, shortened org names.

Each function proposes ``(name, contained name)`` pairs from indexes of folded
keys; ``link.py`` decides, merging only when the contained name points at one
entity.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from itertools import compress, count
from operator import itemgetter

from reader.linking.collect import Located
from reader.model import EntityMention
from reader.names import clean_name, fold_name, tokens

# Words as folding counts them: hyphens and slashes split words ("Sox-Teixeira").
_WORD_RUN = re.compile(r"[^\s/‐‑–—-]+")
# Marks a name never ends with: what is left of the headline around it.
_AROUND = "\"'’“”‘()[],;:!?.-"


def descriptor_pairs(
    keys: Collection[str], common: Collection[str], groups: Collection[str]
) -> Iterator[tuple[str, str, str]]:
    """Person spans with a descriptor glued in front: "Comedian Ellen DeGeneres".

    The first word must be a common word (written in lower case somewhere in
    the articles, or an "-ing" form never capitalised mid-sentence: "Joining
    Cooley") or a group name ("American"), and the rest a known name.

    Args:
        keys: folded names that may be people.
        common: common (lower-case) words seen in the articles.
        groups: folded group names (demonyms, "american").

    Yields:
        ``(key, rest, descriptor)``.
    """
    known = set(keys)
    for key in keys:
        words = tokens(key)
        if len(words) < 2:
            continue
        rest = " ".join(words[1:])
        if rest in known and (words[0] in common or words[0] in groups):
            yield key, rest, words[0]


def verb_form(word: str) -> bool:
    """A sentence-opening participle NER glued to a name: "Joining Cooley", "Following Smith"."""
    return len(word) >= 6 and word.endswith("ing")


def headline_pairs(
    headline_only: Collection[str], body: Collection[str]
) -> Iterator[tuple[str, str]]:
    """Names only ever found in title-case headlines, linked to the longest body name inside.

    "lindsay lohan checks into rehab" -> "lindsay lohan" when "lindsay lohan"
    is written in the articles' running text; leftmost wins a tie.

    Yields:
        ``(headline key, body key)``.
    """
    known = set(body)
    for key in headline_only:
        words = tokens(key)
        for size in range(len(words) - 1, 0, -1):
            found = next(
                (
                    part
                    for i in range(len(words) - size + 1)
                    if (part := " ".join(words[i : i + size])) in known
                ),
                None,
            )
            if found is not None:
                yield key, found
                break


def inner_span(text: str, key: str) -> tuple[int, int] | None:
    """Where the name folded to ``key`` is written inside the over-long span ``text``.

    "Obama Reverses Bush" holds "obama" at (0, 5); the rest of the headline is
    then free for the other names in it ("Bush"). Leftmost first, then longest.

    Returns:
        ``(start, end)`` offsets into ``text``, or None when no run of its words folds to ``key``.
    """
    words = [(m.start(), m.end()) for m in _WORD_RUN.finditer(text)]
    size = len(tokens(key))
    for first in range(len(words)):
        # A folded key of n words comes from n written words, or a few more
        # when marks stand alone ("Bush ' s"): try two extra.
        for last in range(first + max(size - 1, 0), min(first + size + 2, len(words))):
            start, end = words[first][0], words[last][1]
            written = text[start:end]
            if fold_name(clean_name(written)) != key:
                continue
            while start < end and text[start] in _AROUND:
                start += 1
            while end > start and text[end - 1] in _AROUND:
                end -= 1
            if text[end - 2 : end].casefold() in ("'s", "’s"):
                end -= 2
            return (start, end) if end > start else None
    return None


def affix_index(long_keys: Collection[str]) -> dict[str, list[str]]:
    """Every leading and trailing run of words of each multi-word key -> those keys.

    "boston red sox" is indexed under "boston", "boston red", "red sox" and "sox".
    """
    index: dict[str, list[str]] = {}
    for key in long_keys:
        words = tokens(key)
        for size in range(1, len(words)):
            index.setdefault(" ".join(words[:size]), []).append(key)
            index.setdefault(" ".join(words[-size:]), []).append(key)
    return index


#: Marks that join two names in a written span, which folding drops ("Ortiz, Orozco").
_JOINING_MARKS = frozenset(",/;+")
#: Words that join two names as two things ("EU & IMF" folds to "eu and imf").
_JOINING_WORDS = frozenset({"and", "or"})
#: What stands between a name and the place it belongs to ("Democratic Party of Turkmenistan").
_BELONGS = (("of",), ("of", "the"))


def compound_names(
    long_keys: Collection[str],
    known: Collection[str],
    forms: Mapping[str, Collection[str]],
    people: Collection[str] = (),
) -> dict[str, frozenset[str]]:
    """Long names made of two other names, with the short names that may not join them.

    "EU & IMF" holds "EU" and "IMF", "U.N. Security Council" holds "UN" and "Security
    Council": joined to both, such a span would make one entity of two. A long name
    is a compound when it starts with one known name and ends with another, the two
    not overlapping (the longest such end is taken). What it names is its head:

    - written side by side, the end ("U.N. Security Council" is a Security Council):
      no run of the words before it joins it;
    - after "of", the start ("Democratic Party of Turkmenistan");
    - joined by "and", "&" or a comma, or with other words between ("Persian Gulf
      Island of Qeshm"), neither part.

    A long name that begins with such a compound refuses what the compound refuses
    ("Woodburn Police Department Capt"). A person's name is made of names too ("Lennox
    Lewis"): of those, only two joined by "and" or a comma are a compound.

    Args:
        long_keys: folded names of several words.
        known: the folded names that count as parts.
        forms: each long key's written forms (folding drops the comma of "Ortiz, Orozco").
        people: long keys ever tagged as a person's name.

    Returns:
        Compound long key -> the folded runs of its words that may not join it.
    """
    names, people = set(known), set(people)
    found: dict[str, frozenset[str]] = {}
    # Shorter first: a long name takes over what the compounds it starts or ends with refuse.
    for key in sorted(long_keys, key=lambda k: (len(tokens(k)), k)):
        words = tokens(key)
        size = len(words)
        # The runs of its first and of its last words, shortest first: n words at n - 1.
        leading = [" ".join(words[:n]) for n in range(1, size)]
        trailing = [" ".join(words[-n:]) for n in range(1, size)]
        refused = {r for part in leading for r in found.get(part, ()) if r in leading}
        refused.update(r for part in trailing for r in found.get(part, ()) if r in trailing)
        parts = next(
            (
                (lead, trail)
                for trail in range(size - 1, 0, -1)
                if trailing[trail - 1] in names
                for lead in range(size - trail, 0, -1)
                if leading[lead - 1] in names
            ),
            None,
        )
        if parts is not None and words[: parts[0]] != words[-parts[1] :]:
            # One name twice ("Johnson & Johnson") is no two things to bridge.
            lead, trail = parts
            between = tuple(words[lead : size - trail])
            joined = not _JOINING_WORDS.isdisjoint(between) or any(
                mark in form for form in forms.get(key, ()) for mark in _JOINING_MARKS
            )
            if key not in people or joined:
                # The runs inside the start, and those inside the end.
                start, end = leading[: size - trail], trailing[: size - lead]
                if between in _BELONGS and not joined:
                    refused.update(end)
                else:
                    refused.update(start)
                    if between or joined:
                        refused.update(end)
        if refused:
            found[key] = frozenset(refused)
    return found


def shortened_pairs(
    short_keys: Collection[str], index: Mapping[str, list[str]]
) -> Iterator[tuple[str, list[str]]]:
    """Organization names written short: "Red Sox" for "Boston Red Sox", "Promises" for
    "Promises Treatment Center".

    Longer short names come first, so "Promises Treatment Center" joins "Malibu
    Promises Treatment Center" before "Promises" looks for its entity.

    Yields:
        ``(short key, longer keys starting or ending with it)``.
    """
    for key in sorted(short_keys, key=lambda k: (-len(tokens(k)), k)):
        if candidates := index.get(key):
            yield key, sorted(set(candidates))


def trim_headlines(
    located: Sequence[Located], node_keys: Sequence[str], headlines: Mapping[str, str]
) -> list[Located]:
    """Headline spans cut down to the name they were linked by.

    NER runs names on in title-case headlines ("Obama Reverses Bush"); the
    ``headline`` rule links such a span to the body name inside it ("Obama").
    Its mention then covers that name alone, which leaves the rest of the
    headline to the untagged-name search ("Bush").

    Args:
        located: the linked mentions as ``(node, mention, type, cleaned name)``.
        node_keys: the folded name of every node.
        headlines: headline-only key -> the body key found inside it.

    Returns:
        ``located`` with every headline span that holds its body name trimmed to it.
    """
    out = list(located)
    # Only mentions of headline names can change: found by C loops over the nodes.
    nodes = map(itemgetter(0), out)
    for number in compress(count(), map(headlines.__contains__, map(node_keys.__getitem__, nodes))):
        node, mention, kind, _ = out[number]
        found = headlines[node_keys[node]]
        span = inner_span(mention.text, found) if found else None
        if span is not None:
            start, end = span
            text = mention.text[start:end]
            mention = EntityMention(
                mention.article, mention.start + start, mention.start + end, text
            )
            out[number] = (node, mention, kind, clean_name(text, person=kind == "person"))
    return out
