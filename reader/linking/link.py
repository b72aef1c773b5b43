"""Link the mentions of all loaded articles into entities, recording why each merge happened.

Mentions are first reduced to distinct folded names per article (nodes); every
rule then works on distinct names found through small indexes (by name, surname,
initials, word affixes, fuzzy blocks), never on all pairs of mentions. The rules,
strongest first: same name, alias files, acronym definitions in the text,
acronym initials, full-name variants, descriptors and headline spans, surname
alone, shortened organization names, spelling variants. ``Clusters`` refuses any
merge that would join names an alias file splits or two different people.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from reader.linking import (
    containment,
    fuzzy,
    mistyped,
    place_tagged,
    propagate,
    surnames,
    unlisted,
    variants,
)
from reader.linking.aliases import AliasTable, shipped_aliases
from reader.linking.baseline import name_key
from reader.linking.build import build_entities
from reader.linking.clusters import Clusters
from reader.linking.collect import Name, collect_names
from reader.linking.digest import ArticleDigest, digest_article, words
from reader.linking.nicknames import Nicknames
from reader.linking.organizations import OrganizationRules
from reader.linking.people import (
    KNOWN_FIRST_NAMES,
    full_name_groups,
    surname,
)
from reader.model import Analysis, Article, Entity, Evidence
from reader.names import has_digits, tokens

__all__ = ["STEPS", "link_entities", "name_key"]

#: What ``link_entities`` does, in order: each is told to its ``on_step`` as it begins.
STEPS = ("collecting names", "joining names", "finding untagged names", "building entities")

#: Share of person tags (over a name and its surname alone) that makes a multi-word name a
#: person's when most of its own tags say otherwise ("Bettie Page" tagged ORG).
PERSON_SHARE = 0.3


def link_entities(
    documents: Sequence[tuple[Article, Analysis]],
    aliases: AliasTable | None = None,
    digests: Mapping[str, ArticleDigest] | None = None,
    find_untagged: bool = True,
    on_step: Callable[[str], object] | None = None,
) -> list[Entity]:
    """Link the mentions of all ``documents`` into entities.

    Args:
        documents: every loaded article with its analysis, in reading order.
        aliases: merges and splits from alias files (``load_aliases``); the
            shipped table alone when None.
        digests: article id -> ``digest_article`` of that article, made by the
            same linking code (``linking_fingerprint``); an article without a
            fitting digest is digested here. The result is the same either way.
        find_untagged: also add the untagged occurrences of each entity's
            unambiguous written names (``propagate``); these mentions have no
            analysis mention behind them but exact offsets all the same.
        on_step: told each of ``STEPS`` as it begins (a progress display).

    Returns:
        Entities sorted by salience (mention count, then number of articles,
        then name), with ids made from each entity's earliest mention
        (``build.entity_id``); every entity mention keeps the offsets of the
        analysis mention it came from (a span run on in a headline, "Lindsay
        Lohan Checks Into Rehab", keeps those of the name inside it), and
        mentions of each article are in text order.
    """
    step = on_step or _quiet
    step(STEPS[0])
    table = aliases if aliases is not None else shipped_aliases()
    given = digests or {}
    digested = []
    for article, analysis in documents:
        digest = given.get(article.id)
        if digest is None or not digest.fits(article, analysis):
            digest = digest_article(article, analysis)
        digested.append((article, digest))
    linker = _Linker(digested, table)
    step(STEPS[1])
    linker.run()
    linker.located = containment.trim_headlines(linker.located, linker.node_keys, linker.headlines)
    # Quoted titles and ships' names (``mistyped``): as the digests mark them, then as
    # the untagged-name search finds them.
    names = linker.names
    marked = mistyped.marked_nodes(
        (
            (article.id, digest.columns.keys, mistyped.Marks(digest.quoted, digest.after_prefix))
            for article, digest in digested
            if digest.quoted or digest.after_prefix
        ),
        lambda key, article: names[key].nodes[article],
    )
    # Over-long spans (a descriptor or a headline glued on): never a name shown, nor one
    # that wins over the tagged spans inside it.
    demoted = {*linker.descriptors, *linker.headlines}
    if find_untagged:
        step(STEPS[2])
        headline_only = {
            node
            for name in linker.names.values()
            if not name.in_body
            for node in name.nodes.values()
        }
        # Mentions no longer as their digests have them: cut to a headline's name, retyped.
        changed = {node for key in linker.headlines for node in linker.names[key].nodes.values()}
        linker.located = propagate.add_untagged(
            digested,
            linker.located,
            linker.clusters,
            linker.lower,
            headline_only,
            linker.node_keys,
            changed | linker.retyped,
            marked,
            demoted,
        )
    step(STEPS[3])
    # Words the model tagged where they were capitalised ("Arson is likely"): no names.
    named = demoted.union(*(key.split() for key in linker.full_people))
    common = unlisted.common_words(linker.names, digested, linker.lower, linker.common, named)
    order = {article.id: number for number, (article, _) in enumerate(documents)}

    return build_entities(
        linker.located,
        linker.clusters,
        linker.full_people,
        demoted,
        order,
        linker.retyped,
        common,
        linker.texts,
        marked,
    )


def _quiet(step: str) -> None:
    """No progress display."""


class _Linker(OrganizationRules):
    """One linking run over digested articles: builds the names, then applies every rule."""

    def __init__(
        self, documents: Sequence[tuple[Article, ArticleDigest]], table: AliasTable
    ) -> None:
        self.documents = documents
        self.texts = {article.id: article.text for article, _ in documents}
        self.table = table
        # Words some article writes in lower case, and capitalised mid-sentence.
        self.lower: set[str] = set()
        self.capitalised: set[str] = set()
        # Nodes of a name tagged as a person that turned out to name a facility or company.
        self.retyped: set[int] = set()
        for _, digest in documents:
            self.lower.update(words(digest.lower))
            self.capitalised.update(words(digest.capitalised))
        # Common words, not names: written in lower case and never capitalised mid-sentence.
        self.common = self.lower - self.capitalised
        self.names, self.node_keys, self.located = collect_names(documents)
        self.descriptors = self._descriptors()
        # A headline span is cut down to a name, never to a common word ("In" tagged in a body).
        self.headlines = dict(
            containment.headline_pairs(
                [k for k, n in self.names.items() if not n.in_body and len(tokens(k)) > 1],
                [k for k, n in self.names.items() if n.in_body and k not in self.common],
            )
        )
        tagged = {
            key: parts
            for key, name in self.names.items()
            if len(parts := tokens(key)) > 1
            and (name.type == "person" or self._person_share(key) >= PERSON_SHARE)
            and not has_digits(key)
            and key not in self.descriptors
            and key not in self.headlines
        }
        tagged_people = {
            key
            for key, parts in tagged.items()
            if self.names[key].types["person"] > 0 or parts[0] in KNOWN_FIRST_NAMES
        }
        # A middle name written into a person's first and last names is that person's,
        # whatever its tags ("Bettie Mae Page", tagged ORG, beside "Bettie Page").
        first_last = {(p[0], p[-1]) for key in tagged_people if len(p := tagged[key]) == 2}
        tagged_people.update(
            key
            for key, parts in tagged.items()
            if len(parts) > 2 and (parts[0], parts[-1]) in first_last
        )
        # An institution's or a road's name tagged as a person's is none ("Surrey Police"),
        # though its first word stays no one person's first name (``_first_name_candidates``).
        self.institutions = set(filter(unlisted.no_persons_name, tagged_people))
        self.full_people = tagged_people - self.institutions
        self.nicknames = Nicknames(n for _, digest in documents for n in digest.nicknames)
        self.clusters = Clusters(
            self.node_keys,
            table.split_index(),
            self.full_people.__contains__,
            self.nicknames.compatible,
        )

    def _descriptors(self) -> dict[str, tuple[str, str]]:
        """Names that are a common word or a demonym glued before a known name."""
        firsts = {tokens(k)[0] for k in self.names if len(tokens(k)) > 1}
        groups = {k for k, n in self.names.items() if n.type == "group" and len(tokens(k)) == 1}
        verbs = {w for w in firsts if containment.verb_form(w)} - self.capitalised
        # A title glued before a name says what the person is ("Trooper William Hakim").
        common = (firsts & (self.common | unlisted.TITLES)) | verbs
        pairs = containment.descriptor_pairs(list(self.names), common, groups)
        return {key: (rest, word) for key, rest, word in pairs}

    def _person_share(self, key: str) -> float:
        """Share of person tags over a name and its surname written alone."""
        name = self.names[key]
        people, total = name.types["person"], name.total
        alone = self.names.get(surname(key))
        if alone is not None and alone is not name:
            people, total = people + alone.types["person"], total + alone.total
        return people / total if total else 0.0

    def run(self) -> None:
        groups = full_name_groups(sorted(self.full_people))
        group_of = {key: number for number, group in enumerate(groups) for key in group}
        candidates = surnames.candidates(self.names, self.full_people)
        people_of = {k: {group_of.get(f, f) for f in fulls} for k, fulls in candidates.items()}
        firsts = self._first_name_candidates()
        designated = variants.designator_groups(
            k for k, n in self.names.items() if n.type != "person" and k not in self.full_people
        )
        # A core tagged as a person ("Betty Ford" beside "Betty Ford Center") is
        # the facility only in articles that write the facility's name.
        person_cores = {
            core: [self.names[k] for k in found]
            for core, found in designated.items()
            if (name := self.names.get(core)) is not None
            and (name.type == "person" or core in self.full_people)
        }
        held_back = {key for key, found in people_of.items() if len(found) > 1}
        self.short_held = self._ambiguous_shorts()
        place_tagged_people = place_tagged.candidates(
            self.names,
            self.full_people,
            self.lower,
            {*candidates, *firsts, *person_cores, *self.short_held},
        )
        self._same_name(
            held_back | set(firsts) | set(person_cores) | self.short_held | set(place_tagged_people)
        )
        self._alias_file()
        self._definitions()
        for plain, nicknamed in self.nicknames.pairs():
            if plain in self.names and nicknamed in self.names:
                detail = "a nickname written between the names"
                self.merge(self.names[plain], self.names[nicknamed], "nickname", detail)
        self._initials()
        self._designators(designated)
        self._written_variants()
        for group in groups:
            first = self.names[group[0]]
            for key in group[1:]:
                self.merge(first, self.names[key], "full-name", "first and last names agree")
        for key, (rest, word) in self.descriptors.items():
            self.merge(self.names[rest], self.names[key], "descriptor", f"{word!r} describes")
        for key, found in self.headlines.items():
            self.merge(self.names[found], self.names[key], "headline", "span runs on in a headline")
        for core, members in person_cores.items():
            name = self.names[core]
            detail = "the facility or company named in"
            self.retyped.update(self.in_articles(name, members, "designator", detail))
        surnames.join(self, candidates, people_of)
        nicknames = {nick for nick, _ in self.nicknames.alone()}
        for key, fulls in firsts.items():
            # Only a first name that one person goes by is resolved at all ("Surrey"
            # before "Surrey Police" and "Surrey Fire" is nobody's first name), or a
            # nickname an article writes between a person's names ("Kiki" in "Kimani
            # (Kiki) Gray", beside a "Kiki Smith"); never to an institution's name
            # ("Crowley" before "Crowley Petroleum").
            alone = self.institutions.isdisjoint(full.key for full in fulls)
            one = len({self.clusters.find(full.first_node) for full in fulls}) == 1
            rule = "nickname" if key in nicknames else "first-name"
            if alone and (one or key in nicknames):
                detail = f"the only person of that {rule.replace('-', ' ')} in"
                self.in_articles(self.names[key], fulls, rule, detail)
            else:
                self.in_articles(self.names[key], [], rule, "")
        place_tagged.resolve(self, place_tagged_people)
        self._shortened()
        self._fuzzy()
        # Spelling variants joined by now may have made a short name or an acronym
        # unique ("CEC" once "Central Election(s) Commission" are one).
        self._shortened(final=True)
        self._initials()
        if self.retyped:
            retyped, located = self.retyped, self.located
            # Replaced in place: only the few retyped nodes' mentions change.
            for number, (node, mention, _, written) in enumerate(located):
                if node in retyped:
                    located[number] = (node, mention, "organization", written)

    def _same_name(self, held_back: set[str]) -> None:
        """Join every node of one name, except surnames that could be several people."""
        for key, name in self.names.items():
            if key in held_back:
                continue
            nodes = list(name.nodes.values())
            self.clusters.merge_name(nodes, key)
            if len(name.forms) > 1:
                forms = tuple(sorted(name.forms))
                self.clusters.add_evidence(nodes[0], Evidence("same-name", forms))

    def _alias_file(self) -> None:
        for group, source in self.table.merges:
            present = [self.names[key] for key in sorted(group) if key in self.names]
            for other in present[1:]:
                self.merge(present[0], other, "alias-file", source)

    def _definitions(self) -> None:
        found: dict[str, dict[str, str]] = {}
        for _, digest in self.documents:
            for long_key, short, written in digest.definitions:
                found.setdefault(short, {}).setdefault(long_key, written)
        for short, longs in found.items():
            # An acronym defined as two different things is left alone.
            if len(longs) != 1 or short not in self.names:
                continue
            long_key, written = next(iter(longs.items()))
            if long_key in self.names:
                self.merge(self.names[long_key], self.names[short], "definition", written)

    def _first_name_candidates(self) -> dict[str, list[Name]]:
        """ "Lindsay" -> the full names starting with it, when an article writes both.

        A first name alone is a person's only where the article itself names
        that person in full ("Oscar" elsewhere may be the award): the linker
        resolves it article by article (``_in_articles``).
        """
        by_first: dict[str, list[Name]] = {}
        named = self.full_people | self.institutions
        surnames = {surname(key) for key in named}
        for key in sorted(named):
            by_first.setdefault(tokens(key)[0], []).append(self.names[key])
        # A nickname alone is the person written with it ("Kiki" by "Kimani (Kiki) Gray").
        for nick, key in self.nicknames.alone():
            if key in named and self.names[key] not in by_first.get(nick, ()):
                by_first.setdefault(nick, []).append(self.names[key])
        found = {}
        for key, name in self.names.items():
            fulls = by_first.get(key)
            # A person's or an organization's ("Bettie" tagged ORG beside "Bettie Page").
            if not fulls or name.type in ("place", "group") or key in surnames or " " in key:
                continue
            if any(set(full.nodes) & set(name.nodes) for full in fulls):
                found[key] = fulls
        return found

    def _fuzzy(self) -> None:
        people = [k for k, n in self.names.items() if n.type == "person" or k in self.full_people]
        pairs = list(fuzzy.person_variants(people))
        for kind in ("organization", "place"):
            keys = [k for k, n in self.names.items() if n.type == kind]
            pairs.extend(fuzzy.name_variants(keys))
        for a, b, score in sorted(pairs, key=lambda p: (-p[2], p[0], p[1])):
            first, second = self.names[a], self.names[b]
            # Two spellings in one article are two names the writer tells apart.
            if set(first.nodes) & set(second.nodes):
                continue
            self.merge(first, second, "fuzzy", "spelling variant", score / 100)
