"""A person's surname or first name the model tagged as a place, told by its article.

The small English model often tags a surname alone as a place ("Bratton asked for the
public's help", "Hardwicke reportedly clashed with the studio", "the Red Sox re-signed
Lowell") or a first name ("Chela said"). Where the same article names one person of
that name in full and writes the name nowhere a place's stands (after "in", "near",
a residence's ", of": ``mistyped.in_place``), it is that person there. Elsewhere it
stays the place it was tagged: "Jordan" the country in other articles, "Troy" in
"Troy, Michigan".
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import partial

from reader.linking.collect import Name
from reader.linking.context import written_whole
from reader.linking.mistyped import in_place
from reader.linking.state import LinkState
from reader.linking.unlisted import law_or_vessel_named
from reader.names import tokens


def candidates(
    names: Mapping[str, Name],
    full_people: Collection[str],
    lower: Collection[str],
    taken: Collection[str],
) -> dict[str, list[Name]]:
    """One-word names tagged mostly as places -> the people named in full by them
    (as surname or first name) in an article that writes both.

    Args:
        names: the collection's names.
        full_people: the folded full names judged people's.
        lower: the words some article writes in lower case: a full "person" with one
            of them for its other name is none ("Somerset Fire"; a title's, "Brooklyn
            Councilman", is an office's: ``unlisted.office_named``).
        taken: names other rules resolve already.
    """
    by_word: dict[str, list[Name]] = {}
    for key in sorted(full_people):
        words = tokens(key)
        if law_or_vessel_named(key):
            continue  # "INS Tabar": a ship's
        if words[0] not in lower:
            by_word.setdefault(words[-1], []).append(names[key])
        if words[-1] not in lower and words[0] != words[-1]:
            by_word.setdefault(words[0], []).append(names[key])
    found = {}
    for key, name in names.items():
        fulls = by_word.get(key)
        if not fulls or name.type != "place" or " " in key or key in taken:
            continue
        if any(full.nodes.keys() & name.nodes.keys() for full in fulls):
            found[key] = fulls
    return found


def resolve(state: LinkState, found: Mapping[str, list[Name]]) -> None:
    """Join each name of ``found`` (``candidates``, held back from the same-name rule)
    to the one person of it its article names in full, where the article writes the
    name nowhere a place's stands; its other nodes stay one place."""
    detail = "tagged as a place, beside the person named in full in"
    for key, fulls in found.items():
        name = state.names[key]
        forms = [form for form in name.forms if form]
        unplaced = partial(_nowhere_placed, state.texts, forms)
        state.in_articles(name, fulls, "place-tagged", detail, allowed=unplaced)


def _nowhere_placed(texts: Mapping[str, str], forms: Collection[str], article: str) -> bool:
    """Whether the article writes none of ``forms`` where a place's name stands."""
    text = texts[article]
    return not any(in_place(text, *span) for span in written_whole(text, forms))
