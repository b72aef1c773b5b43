"""Rules for organizations, places and groups: acronyms, designators, spacing, plurals,
short forms.

"NATO" is the initials of "North Atlantic Treaty Organization"; "Acme Corp" is
"Acme Inc"; "Face Book" is "Facebook"; the "Somalis" are the "Somali" group;
"Red Sox" is "Boston Red Sox" when only one longer name fits, and an ambiguous
short name is whichever longer name its own article writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress
from operator import itemgetter

from reader.linking import acronyms, containment, variants
from reader.linking.collect import Name
from reader.linking.context import mid_sentence
from reader.linking.people import surname
from reader.linking.state import LinkState
from reader.linking.unlisted import only_a_title
from reader.model import Evidence
from reader.names import STOP_WORDS, has_digits, looks_like_acronym, tokens

#: Articles that must tag a common word alone ("Parliament") for it to count as a name
#: inside a longer one ("Parliament the Communist Party"): one tag may be a stray one.
COMMON_PART_ARTICLES = 2


class OrganizationRules(LinkState):
    """The organization and place rules of the linker (see ``link._Linker.run``)."""

    _with_the: set[str] | None = None
    _compound: dict[str, frozenset[str]] | None = None

    def _initials(self) -> None:
        with_the = self._written_with_the()
        by_initials: dict[str, list[Name]] = {}
        # An over-long span has no initials of its own ("an Academy Award" is no "AAA").
        spans = self.descriptors.keys() | self.headlines.keys()
        for key, name in self.names.items():
            if self._initialled(key, name) and key not in spans:
                found = acronyms.initials_of(key)
                if key in with_the:
                    found |= {"t" + value for value in found}
                for value in found:
                    by_initials.setdefault(value, []).append(name)
        for key, name in self.names.items():
            if name.type == "person" or not looks_like_acronym(name.form):
                continue
            candidates = by_initials.get(key.replace(" ", ""), [])
            roots = {self.clusters.find(c.first_node) for c in candidates}
            if len(roots) != 1 or self.clusters.find(name.first_node) in roots:
                continue
            self.merge(candidates[0], name, "acronym", f"{name.form} = initials")

    def _initialled(self, key: str, name: Name) -> bool:
        """Whether a name may go by its initials: an organization's or a place's of several
        words, or an institution's the model tagged as a person's ("Hollywood Reporter")."""
        return len(tokens(key)) > 1 and (
            name.type in ("organization", "place") or key in self.institutions
        )

    def _written_with_the(self) -> set[str]:
        """Keys of names written with a capital "The" mid-sentence ("and The Hollywood
        Reporter said"): the "The" is part of the name, so "THR" may be its initials
        although the folded key leaves "the" out."""
        if self._with_the is not None:
            return self._with_the  # names and mentions are fixed while the rules run
        # Only names the caller asks about: those that may go by their initials.
        wanted = {key for key, name in self.names.items() if self._initialled(key, name)}
        texts = {article.id: article.text for article, _ in self.documents}
        found = set()
        node_keys = self.node_keys
        # The mentions of those names, picked out by C loops over the nodes.
        picked = map(
            wanted.__contains__, map(node_keys.__getitem__, map(itemgetter(0), self.located))
        )
        for node, mention, _, _ in compress(self.located, picked):
            text = texts[mention.article]
            start = mention.start + 4 if mention.text[:4] == "The " else mention.start
            if text[start - 4 : start] == "The " and mid_sentence(text, start - 4):
                found.add(node_keys[node])
        self._with_the = found
        return found

    def _designators(self, designated: dict[str, list[str]]) -> None:
        """ "Acme Corp" = "Acme Inc" = "Acme"; "Betty Ford Center" = "Betty Ford Clinic"."""
        for core, keys in designated.items():
            members = [self.names[k] for k in keys]
            bare = self.names.get(core)
            # A bare name several longer names could expand waits for ``_shortened``.
            if (
                bare is not None
                and bare.type == "organization"
                and core not in self.full_people
                and core not in self.short_held
            ):
                members.insert(0, bare)
            detail = f"{core!r} with a legal-form or facility word"
            for other in members[1:]:
                self.merge(members[0], other, "designator", detail)

    def _written_variants(self) -> None:
        """One name written two ways: spaced (or hyphenated) differently ("Face Book" =
        "Facebook"), a road's word short or in full ("Snyder Ave" = "Snyder Avenue"), or a
        group's name and its plural ("Somali" = "Somalis")."""
        for group in variants.compact_groups(list(self.names)):
            first = self.names[group[0]]
            for key in group[1:]:
                self.merge(first, self.names[key], "spacing", "the same letters spaced differently")
        for key, name in self.names.items():
            full = variants.road_in_full(key)
            if full is not None and full in self.names:
                self.merge(self.names[full], name, "abbreviation", "a road's word written short")
            single = self.names.get(key[:-1]) if key.endswith("s") and " " not in key else None
            if single is None or single.type != "group" or name.type not in ("group", "person"):
                continue  # "Indians" tagged ORG is a team, not the group
            # A plural the model took for a person ("Greeks") joins while the group's
            # tags still outnumber the person's.
            kinds = single.types + name.types
            if kinds["group"] > kinds["person"]:
                self.merge(single, name, "plural", "a group's name and its plural")

    def _organization_like(self, name: Name) -> bool:
        # Countries and cities (GPE) prefix organizations ("Boston Red Sox"): never shortened.
        countries = name.labels["GPE"] + name.labels["NORP"]
        return name.type in ("organization", "place") and 2 * countries < name.total

    def _short_pairs(self) -> Iterator[tuple[Name, list[str], list[str]]]:
        """Shorter names with the longer organization names they may stand for, and of
        those the ones they may join: a long name made of two names ("EU & IMF") joins
        neither, or only the one that ends it ("U.N. Security Council"). The others still
        count: "Navy" may mean the British Royal Navy as much as the U.S. Navy."""
        in_people = {w for key in self.full_people for w in (tokens(key)[0], surname(key))}
        longs = [
            k for k, n in self.names.items() if len(tokens(k)) > 1 and self._organization_like(n)
        ]
        index = containment.affix_index(longs)
        # One word tagged as a person but part of no person's name may be an
        # organization written short ("Morningside" for "Morningside Recovery"),
        # when an article writes both.
        # A road's word alone ("Ave") is the end of every road's name, short for none, nor
        # is a common word ("Justice", tagged where a sentence starts) or a title alone
        # ("Sheriff's deputies" in one county, "Genesee County Sheriff" in another).
        shorts = [
            k
            for k, n in self.names.items()
            if k not in variants.ROAD
            and k not in self.common
            and not only_a_title(k)
            and (
                self._organization_like(n)
                or (n.type == "person" and len(tokens(k)) == 1 and k not in in_people)
            )
        ]
        refused = self._compounds(longs)
        for short, found in containment.shortened_pairs(shorts, index):
            name = self.names[short]
            # A number names one instance ("81st Academy Awards"): never what a plain name means.
            found = [k for k in found if has_digits(short) or not has_digits(k)]
            if not self._organization_like(name):
                found = [k for k in found if set(self.names[k].nodes) & set(name.nodes)]
            if found:
                yield name, found, [k for k in found if short not in refused.get(k, ())]

    def _a_persons(self, short: Name, long: Name) -> bool:
        """Whether ``short`` already joined a person named in full (as a surname), while
        ``long`` is no person's name: it is then not short for ``long``."""
        if long.types["person"] or long.key in self.full_people:
            return False
        # A span run on by a little word ("Thompson in") is still the person's.
        extra = set(tokens(long.key)) - set(tokens(short.key))
        if extra <= STOP_WORDS:
            return False
        return any(map(self.clusters.holds_person, short.nodes.values()))

    def _compounds(self, longs: list[str]) -> dict[str, frozenset[str]]:
        """``containment.compound_names`` of ``longs``, made of names of their own: several
        words, one word no article writes in lower case ("Qeshm"), or a common word that
        articles tag alone in running text often enough ("Parliament", not one stray
        "Island"); worked out once (names and mentions are fixed while the rules run)."""
        if self._compound is None:
            known = [
                key
                for key, name in self.names.items()
                if " " in key
                or key not in self.lower
                or (name.in_body and len(name.nodes) >= COMMON_PART_ARTICLES)
            ]
            forms = {key: self.names[key].forms for key in longs}
            people = [key for key in longs if self.names[key].types["person"]]
            self._compound = containment.compound_names(longs, known, forms, people)
        return self._compound

    def _ambiguous_shorts(self) -> set[str]:
        """Short organization names that several longer names could expand, resolved
        article by article ("Academy" is whichever academy the same article names)."""
        aliased = {key for group, _ in self.table.merges for key in group}
        return {
            name.key
            for name, found, _ in self._short_pairs()
            if len(found) > 1
            # A name of several words is a full name in its own right ("Oregon State
            # Police" beside the over-long "Oregon State Police Lt"): only one word
            # ("Acme", "Academy") is too short to stand alone.
            and len(tokens(name.key)) == 1
            and name.key not in aliased
            and not looks_like_acronym(name.form)
            and any(set(self.names[k].nodes) & set(name.nodes) for k in found)
        }

    def _shortened(self, final: bool = False) -> None:
        """ "Red Sox" -> "Boston Red Sox" when only one longer organization name fits;
        with ``final``, the held-back ambiguous short names are resolved too."""
        for name, found, allowed in self._short_pairs():
            held = name.key in self.short_held
            if held and not final:
                continue
            # Longer names already linked to this one ("Red Sox Make Huge Offer", a
            # headline) are this entity, not another candidate.
            own = {self.clusters.find(node) for node in name.nodes.values()}
            others = [k for k in found if self.clusters.find(self.names[k].first_node) not in own]
            roots = {self.clusters.find(self.names[k].first_node) for k in others}
            joins = [k for k in others if k in allowed] if len(roots) == 1 else []
            if joins and self._a_persons(name, self.names[joins[0]]):
                # "Ford" is Chris Ford's surname, not short for "Ford Fusion" (held back,
                # its mentions still make one entity: ``in_articles`` with no long name).
                joins, allowed = [], []
            if joins:
                long = self.names[joins[0]]
                detail = f"{name.form!r} is part of {long.form!r}"
                for node in name.nodes.values() if held else [name.first_node]:
                    evidence = Evidence("shortened", (long.form, name.form), detail)
                    self.clusters.merge(long.first_node, node, evidence)
            elif held:
                longs = [self.names[k] for k in allowed]
                self.in_articles(name, longs, "shortened", "the only longer name of it in")
