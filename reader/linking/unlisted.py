"""Names of nothing the reader lists, whatever the model tagged them.

The reader lists people, places, organizations and groups. spaCy's small
model also tags PERSON or ORG on a law ("Endangered Species Act"), a ship
("INS Mysore"), a title alone ("Sgt" in "Sgt. Hoyt Teasley", "Secretary"), a
time zone ("13:45 GMT"), a road's word alone ("Ave. H") and a common word
where it was capitalised ("Arson is likely"). Their own labels (LAW, PRODUCT,
TIME) are not kept at analysis, so neither are these: ``build.build_entities``
lists no cluster that ``unlisted`` says names one of them, nor one of the
``common_words`` alone.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from reader.linking import variants
from reader.linking.variants import ROAD
from reader.model import Article, EntityType
from reader.names import looks_like_acronym

if TYPE_CHECKING:  # collect imports build, which imports this module
    from reader.linking.collect import Name
    from reader.linking.digest import ArticleDigest

#: Last words of a law's name: "Endangered Species Act", "Fifth Amendment".
LAW_ENDINGS = frozenset({"act", "acts", "amendment"})
#: Prefixes of a ship's name: "USS Cole", "HMS Victory", "INS Mysore", "MV Stolt Valor".
VESSEL_PREFIXES = frozenset({"uss", "usns", "hms", "hmas", "hmcs", "hmnzs", "ins", "rms", "mv"})
#: Abbreviated titles, folded: a name made of these alone names no one. Title words that
#: are surnames too (King, Bishop, Major, Judge) are in neither list. The quote
#: finder's list (``reader.quotes.titles``) is not shared: it imports spaCy, which the
#: linker never does, and it is part of the analysis code (editing it re-analyzes texts).
TITLE_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "rev", "gov", "sen", "sens", "rep", "reps", "gen", "col"}
    | {"lt", "lieut", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "cdr", "det"}
    | {"insp", "supt", "atty", "dist", "asst", "dep", "sec", "pres", "amb", "hon", "fr", "brig"}
)
#: Titles written out that are no surname either: a person named by these alone
#: ("Secretary", "the President") is named by no name.
TITLES = TITLE_ABBREVIATIONS | frozenset(
    {"president", "secretary", "governor", "senator", "minister", "mayor", "chancellor"}
    | {"spokesman", "spokeswoman", "spokesperson", "sergeant", "lieutenant", "detective"}
    | {"officer", "commissioner", "superintendent", "prosecutor", "attorney", "sheriff"}
    | {"undersheriff", "trooper", "constable", "chairman", "chairwoman", "captain"}
    | {"congressman", "congresswoman", "ambassador", "adviser", "advisor", "director"}
    | {"clerk", "councilman", "councilwoman", "councilmember", "councillor", "councilor"}
    | {"assemblyman", "assemblywoman", "alderman", "alderwoman"}
)
#: Time zones as datelines write them after a time ("13:45 GMT", "8 p.m. EST").
TIME_ZONES = frozenset(
    {"gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "akst", "akdt"}
    | {"hst", "bst", "cet", "cest", "eet", "eest", "ist", "jst", "kst", "aest", "aedt", "msk"}
)


def law_or_vessel_named(key: str) -> bool:
    """Whether the folded name is a law's ("patriot act", "clean air act of 1970") or a
    ship's ("uss cole")."""
    words = key.split()
    if len(words) < 2:
        return False  # "Act" or "INS" alone may be anything
    if words[0] in VESSEL_PREFIXES or words[-1] in LAW_ENDINGS:
        return True
    # "Clean Air Act of 1970": the law's year after it.
    return len(words) > 3 and words[-3:-1] == ["act", "of"] and words[-1].isdigit()


#: Words that qualify a title before it: "District Attorney", "Deputy Sheriff".
TITLE_QUALIFIERS = frozenset(
    {"district", "county", "state", "deputy", "assistant", "vice", "chief", "special", "senior"}
)


def only_a_title(key: str) -> bool:
    """Whether the folded name is titles alone: "sgt", "lt col", "secretary", "sheriffs
    capt" (folded from "Sheriff's Capt"), "district attorney" (a qualifier before a title),
    "s sgt" (a span that began inside "sheriff’s Sgt.")."""
    words = key.split()
    if words[:1] == ["s"]:
        del words[0]  # what is left of a possessive before the span

    def title(word: str) -> bool:
        return word in TITLES or (word[:-1] in TITLES and word[-1] == "s")

    return (
        bool(words)
        and title(words[-1])
        and all(title(w) or w in TITLE_QUALIFIERS for w in words[:-1])
    )


#: Titles that end an office's name ("Genesee County Sheriff", "Bloomington Police Sgt"):
#: none that is a surname too ("John Chancellor", "Chris Hon").
OFFICE_ENDINGS = TITLES - {"chancellor", "mayor", "captain", "hon"}


def office_named(key: str) -> bool:
    """Whether the folded name ends in a title after other words: an office, no person's
    name ("genesee county sheriff", "la county sheriff")."""
    words = key.split()
    return len(words) > 1 and words[-1] in OFFICE_ENDINGS and not only_a_title(key)


def no_persons_name(key: str) -> bool:
    """Whether the folded name is an institution's, a road's or an office's, never a
    person's, whatever the model tagged ("surrey police", "snyder ave", "county sheriff")."""
    return variants.institution_named(key) or variants.road_named(key) or office_named(key)


def unlisted(kind: EntityType, keys: Collection[str]) -> bool:
    """Whether a cluster of type ``kind`` whose names fold to ``keys`` is left unlisted.

    It is when its names of several words all name a law or a ship (with the short
    name that joined them: "INS Mysore" and "Mysore"), when it is named only by titles
    (a person, or an office tagged as an organization: "Sheriff's Capt"), or when every
    name is a time zone or a road's word alone.
    """
    if not keys:
        return False
    longer = [key for key in keys if " " in key]
    if longer and all(map(law_or_vessel_named, longer)):
        return True
    if all(map(only_a_title, keys)):
        return True
    # A road's word alone ("Ave" in "Ave. H", or after "97th") is no name.
    return TIME_ZONES.issuperset(keys) or ROAD.issuperset(keys)


def common_words(
    names: Mapping[str, Name],
    documents: Sequence[tuple[Article, ArticleDigest]],
    lower: set[str],
    common: Collection[str],
    named: Collection[str],
) -> set[str]:
    """The folded names that are common words, tagged where they were capitalised.

    A name whose every word the articles write in lower case is one when the model
    tagged it only in title-case headlines ("Driver Charged In Fatal Hit-And-Run"). A
    word alone is one too when no article capitalises it mid-sentence ("said Page") and
    every article that tags it also writes it in lower case ("Arson is likely ...
    investigators suspect arson"); or, tagged as no person's (a surname starts sentences:
    "Page said") and not written as an acronym ("USGS", which a web address writes in lower
    case), wherever the lower case is ("Authorities said", "Groups gathered"). Neither is
    in ``named``: the words of people's full names ("Page" beside "Bettie Page"), and
    over-long spans.

    Args:
        names: folded name -> the name over all articles.
        documents: the articles with their digests.
        lower: the words some article writes in lower case.
        common: the words written in lower case that no article capitalises mid-sentence.
        named: the names and words that may be names, as above.
    """
    digests = {article.id: digest for article, digest in documents}
    found = set()
    for key, name in names.items():
        if key in named or not lower.issuperset(key.split()):
            continue
        # Capitalised in headlines alone; or one word, never mid-sentence, that each
        # article tagging it writes in lower case (or any article, for no person's).
        lowered = (f" {key} " in f" {digests[a].lower} " for a in name.nodes)
        if not name.in_body or (
            key in common
            and ((name.type != "person" and not looks_like_acronym(name.form)) or all(lowered))
        ):
            found.add(key)
    return found
