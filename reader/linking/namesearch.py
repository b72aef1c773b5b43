"""Finding known names in article text where the digest says a name could stand.

An article's digest lists every place an untagged name could stand
(``ArticleDigest.packed_spans``: each start, with every end that closes a plausible
name there). ``NameSearch`` walks those flat arrays directly, once per article,
and looks each span up in one dictionary of the known names as written and in
capitals; a set of every prefix of those names turns most starts away after a
single lookup (the shortest span from a start is a prefix of every longer one).
``local_occurrences`` finds a handful of an article's own short forms by plain
text search, checked against the same spans. ``searchable`` says which names are
looked for at all, ``capitals_forms`` how they read in capitals, and ``displaces``
which win over the tagged spans inside them where they are found ("Hollywood
Reporter" around the "Hollywood" tagged in it: ``displaced_places``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable, Mapping, Sequence
from itertools import accumulate, islice

from reader.linking.name_spans import PackedSpans

Span = tuple[int, int]


class NameSearch:
    """The known names of a collection, ready to be looked for in every article.

    Args:
        forms: exact written names to look for.
        caps: written in capitals -> the name (``capitals_forms(forms)``); a span
            in capitals counts as that name.
        displacing: the names that win over tagged spans lying wholly inside them
            ("Hollywood Reporter" over the "Hollywood" the model tagged in "The
            Hollywood Reporter"), as they are found or in capitals.
    """

    def __init__(
        self, forms: Iterable[str], caps: Mapping[str, str], displacing: Collection[str] = ()
    ) -> None:
        self.displacing = frozenset(displacing)
        # A name as written wins over a name in capitals, and capitals count only
        # where the span is upper case (``str.isupper``).
        known = {upper: form for upper, form in caps.items() if upper.isupper()}
        known.update((form, form) for form in forms)
        self.known = known
        # Every prefix of a known name -> "" (or the name it is): one lookup per span
        # tells both whether it is a name and whether any longer span can be one.
        table = {written[:size]: "" for written in known for size in range(1, len(written))}
        table.update(known)
        self._table = table

    def occurrences(
        self,
        text: str,
        starts: Sequence[int],
        bounds: Sequence[int],
        ends: Sequence[int],
        tagged: Iterable[Span],
        holding: list[int] | None = None,
    ) -> list[tuple[int, int, str]]:
        """Occurrences of the known names in one article that no tagged span covers.

        Args:
            text: the article text.
            starts, bounds, ends: the article's ``ArticleDigest.packed_spans`` (as
                lists: faster to index than arrays).
            tagged: the ``(start, end)`` of the article's existing mentions.
            holding: where the places (in the list returned) of the occurrences that
                hold tagged spans are told.

        Returns:
            ``(start, end, name)`` for each untagged occurrence, left to right
            (where names overlap, the longest one starting first wins, and a span
            that closes with a known name of several words, "GM Tony Reagins",
            counts as that name). An occurrence of a ``displacing`` name may hold
            tagged spans (``inside`` tells which), never one that crosses its ends.
        """
        known, get = self.known, self._table.get
        out = []
        covered: tuple[list[int], list[int]] | None = None  # sorted on the first name found
        after = 0  # the end of the last name found: later names start past it
        # Each start with its bounds (one more than the starts: the last is left over).
        for start, first, last in zip(starts, bounds, islice(bounds, 1, None), strict=False):
            if start < after:
                continue
            # Shortest first: a span that starts no known name ends the search from
            # this start, since every longer span begins with it.
            shortest = ends[first]
            head = text[start:shortest]
            form = get(head)
            found = None
            if form is not None:
                if form:
                    found = start, shortest, form
                place = first + 1
                while place < last:
                    end = ends[place]
                    form = get(text[start:end])
                    if form is None:
                        break
                    if form:
                        found = start, end, form
                    place += 1
            if found is None:
                if " " not in head:
                    continue
                # The shortest end closes the capitalised run the span starts.
                found = _ending_inside(text, start, shortest, known)
                if found is None:
                    continue
            after = found[1]
            if covered is None:
                ordered = sorted(tagged)
                covered = [s for s, _ in ordered], list(accumulate((e for _, e in ordered), max))
            # Inlined ``overlaps``: most names found are the tagged mentions themselves.
            covered_starts, reach = covered
            before = bisect_left(covered_starts, after)
            if not before or reach[before - 1] <= found[0]:
                out.append(found)
            # Most often the name found is the tagged span last started: no need to look.
            elif (
                found[2] in self.displacing
                and ordered[before - 1] != found[:2]
                and _holds(ordered, reach, before, found[0], found[1])
            ):
                if holding is not None:
                    holding.append(len(out))
                out.append(found)
        return out


def inside(
    ordered: Sequence[tuple[int, int, int]], starts: Sequence[int], start: int, end: int
) -> list[int]:
    """The places of the tagged spans that lie within ``[start, end)``: those a
    ``displacing`` name found there wins over.

    Args:
        ordered: the tagged spans as ``(start, end, place)``, sorted.
        starts: their starts, in that order.
    """
    out = []
    number = bisect_left(starts, start)
    while number < len(ordered) and ordered[number][0] < end:
        if ordered[number][1] <= end:
            out.append(ordered[number][2])
        number += 1
    return out


def _holds(
    ordered: Sequence[Span], reach: Sequence[int], before: int, start: int, end: int
) -> bool:
    """Whether every span of ``ordered[:before]`` (sorted; those starting before ``end``)
    that reaches past ``start`` lies within ``[start, end)`` and is not all of it.
    ``reach[i]`` is the furthest end of ``ordered[: i + 1]``: the walk back stops where
    no earlier span reaches ``start``."""
    place = before - 1
    while place >= 0 and reach[place] > start:
        s, e = ordered[place]
        if e > start and (s < start or e > end or (s, e) == (start, end)):
            return False
        place -= 1
    return True


def _ending_inside(
    text: str, start: int, end: int, known: Mapping[str, str]
) -> tuple[int, int, str] | None:
    """A known name of several words that closes the capitalised run ``text[start:end]``:
    "Tony Reagins" in "Los Angeles Angels GM Tony Reagins" (a title or team glued before
    it). One word is never taken this way ("Post" is no name of its own in "Kyiv Post").

    Returns:
        ``(start, end, name)`` of the longest such name, or None.
    """
    space = text.find(" ", start, end)
    while space != -1:
        inner = space + 1
        written = text[inner:end]
        if " " not in written:
            return None
        form = known.get(written)
        if form is not None:
            return inner, end, form
        space = text.find(" ", inner, end)
    return None


def local_occurrences(
    text: str,
    spans: PackedSpans,
    at: Mapping[int, int],
    forms: Collection[str],
    tagged: Iterable[Span],
) -> list[tuple[int, int, str]]:
    """Untagged whole-name occurrences of a few forms in one article, left to right.

    Like ``NameSearch.occurrences`` (a name stands where the digest lists a span
    for it; the longest name starting first wins), but for a handful of forms,
    found by plain text search instead of a lookup at every possible name start.

    Args:
        text: the article text.
        spans: the article's packed spans (``ArticleDigest.packed_spans``).
        at: ``spans.numbers()``.
        forms: the forms to look for.
        tagged: the ``(start, end)`` of the article's mentions.
    """
    hits = []
    for form in forms:
        index = text.find(form)
        while index != -1:
            # Only where a name can start: most hits sit inside the full name.
            if index in at:
                hits.append((index, -len(form), form))
            index = text.find(form, index + 1)
    return placed(hits, tagged, spans, at)


def placed(
    hits: list[tuple[int, int, str]],
    tagged: Iterable[Span],
    spans: PackedSpans | None = None,
    at: Mapping[int, int] | None = None,
) -> list[tuple[int, int, str]]:
    """``local_occurrences`` of ``hits``, each ``(start, minus its length, form)``: left to
    right, the longest one starting first wins, none overlapping ``tagged``; with
    ``spans`` and ``at``, only those ending where a possible name does (without,
    each is known to: ``shortforms.ShortForm.starts``).
    """
    if not hits:
        return []
    covered = _Covered(tagged)
    out = []
    after = 0
    for start, minus, form in sorted(hits):
        end = start - minus
        if start < after:
            continue
        if spans is not None and at is not None:
            place = at[start]
            if end not in spans.ends[spans.bounds[place] : spans.bounds[place + 1]]:
                continue
        after = end
        if not covered.overlaps(start, end):
            out.append((start, end, form))
    return out


class _Covered:
    """The spans an article's mentions cover, for overlap questions in logarithmic time
    (sorted on the first question: most articles ask none)."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self._spans = spans
        self._starts: list[int] | None = None
        self._reach: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        if self._starts is None:
            covered = sorted(self._spans)
            self._starts = [s for s, _ in covered]
            self._reach = list(accumulate((e for _, e in covered), max))
        return overlaps(self._starts, self._reach, start, end)


def overlaps(starts: list[int], reach: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps a covered span.

    ``starts`` are the covered spans' sorted starts and ``reach[i]`` the
    furthest end among the first ``i + 1`` of them: a span overlaps when one
    starting before ``end`` reaches past ``start``. Logarithmic, so a long
    article with thousands of mentions stays fast.
    """
    before = bisect_left(starts, end)
    return before > 0 and reach[before - 1] > start


def searchable(form: str) -> bool:
    """Whether a written name is worth looking for: capitalised, one line, no odd marks."""
    return (
        len(form) >= 3
        and form[0].isupper()
        and "\n" not in form
        and all(ch.isalnum() or ch in " &'’-" for ch in form)
    )


def capitals_forms(forms: Collection[str]) -> dict[str, str]:
    """Each known name written in capitals -> the name ("WLADIMIR KLITSCHKO" -> ...).

    Only names whose capitals keep their length (so offsets hold) and stand for
    one name; names already in capitals ("NATO") are looked up as written.
    """
    found: dict[str, str] = {}
    clashes: set[str] = set()
    for form in forms:
        upper = form.upper()
        if len(upper) != len(form) or upper == form:
            continue
        if upper in found:
            clashes.add(upper)
        found[upper] = form
    return {upper: form for upper, form in found.items() if upper not in clashes}


#: Little words a name of several capitalised words may hold between them: "Gulf of Aden".
_JOINING = frozenset({"of", "the", "de", "du", "da", "del", "la", "le", "van", "von", "der", "&"})


def displaces(form: str) -> bool:
    """Whether a written name wins over the tagged spans lying inside it where it is found:
    a name of several words, each capitalised but for little joining words between them
    ("Hollywood Reporter", "Gulf of Aden"; not "Thompson in", "Nationals and Orioles").
    """
    words = form.split()
    return len(words) > 1 and all(
        word[0].isupper() or (0 < place < len(words) - 1 and word in _JOINING)
        for place, word in enumerate(words)
    )


def displaced_places(
    occurrences: Sequence[tuple[int, int, str]],
    holding: Sequence[int],
    added: Sequence[tuple[int, int, int, str, str]],
    tagged: Sequence[tuple[int, int]],
) -> list[tuple[int, int]]:
    """The mentions that names found around them win over, as ``(place, row)``: the place
    in ``tagged`` (an article's linked mentions' spans) of each mention inside one of the
    ``holding`` occurrences (``NameSearch.occurrences``) kept in ``added`` (the article's
    found mentions as ``(root, start, end, type, name)``), and that occurrence's row there."""
    kept = {(row[1], row[2]): number for number, row in enumerate(added)}
    ordered = sorted((start, end, place) for place, (start, end) in enumerate(tagged))
    starts = [span[0] for span in ordered]
    out: list[tuple[int, int]] = []
    for place in holding:
        start, end, _ = occurrences[place]
        row = kept.get((start, end))
        if row is not None:
            out.extend((inner, row) for inner in inside(ordered, starts, start, end))
    return out
