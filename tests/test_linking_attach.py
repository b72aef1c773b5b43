"""The interim link: a few added articles' names attached to a collection linked before."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from bench.interim_link import b_cubed
from reader.config import Settings
from reader.linking import digest_article
from reader.linking.attach import KnownEntity, attach
from reader.model import Analysis, Article, Corpus, Mention
from reader.pipeline import build_corpus
from tests.test_corpus_wire import SETS, _recorded

#: A name in full, its surname alone, names the collection has.
TEXT = (
    "VANCOUVER - Police said Eric Allen Kirkpatrick was arrested on Monday.\n"
    "Kirkpatrick appeared in court in Vancouver. A friend, Linda Smith, said Smith\n"
    "and Jones had known him for years. John A. Banky spoke for the family.\n"
)


def mention(text: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return Mention(start, start + len(text), text, label)


def added_article(*mentions: Mention) -> tuple[int, str, object]:
    article = Article("new.txt", "new.txt", TEXT)
    return 7, article.id, digest_article(article, Analysis(mentions=mentions))


KNOWN = [
    KnownEntity("e1", "Vancouver", "place", ("Vancouver", "VANCOUVER"), 40),
    KnownEntity("e2", "Jones", "organization", ("Jones",), 3),
    KnownEntity("e3", "Tom Jones", "person", ("Tom Jones", "Jones"), 5),
    KnownEntity("e4", "Adam Jones", "person", ("Adam Jones",), 9),
    KnownEntity("e5", "John Banky", "person", ("John Banky", "Banky"), 6),
]


def attached_to(result, text: str, nth: int = 0) -> str:
    span = mention(text, "PERSON", nth)
    return next(a.id for a in result for _, s, e in a.rows if (s, e) == (span.start, span.end))


def test_a_name_joins_the_entity_that_has_it_one_of_its_own_type_first():
    names = [mention("Vancouver", "GPE"), mention("Jones", "PERSON")]
    result = attach(KNOWN, [added_article(*names)])
    assert attached_to(result, "Vancouver") == "e1"
    # "Jones" is an organization's name and a person's: a person's first.
    assert attached_to(result, "Jones") == "e3"
    # Of another type only when no entity of its own type fits.
    result = attach(KNOWN[:2], [added_article(mention("Jones", "PERSON"))])
    assert attached_to(result, "Jones") == "e2"


def test_a_surname_alone_is_the_person_its_article_names_in_full_else_the_most_mentioned():
    full, alone = mention("Linda Smith", "PERSON"), mention("Smith", "PERSON", 1)
    result = attach(KNOWN, [added_article(full, alone)])
    assert attached_to(result, "Smith", 1) == attached_to(result, "Linda Smith")
    (new,) = [a for a in result if a.new]
    assert new.name == "Linda Smith" and new.type == "person" and len(new.rows) == 2
    # No full name in the article: of the known people named Jones, the most mentioned
    # one that has it as a name (Tom Jones); else the most mentioned of that surname.
    known = [k for k in KNOWN if k.id != "e3"]
    assert attached_to(attach(known, [added_article(mention("Jones", "PERSON"))]), "Jones") == "e4"


def test_a_full_name_joins_the_person_it_fits():
    result = attach(KNOWN, [added_article(mention("John A. Banky", "PERSON"))])
    assert attached_to(result, "John A. Banky") == "e5"
    (item,) = result
    assert item.aliases == ["John A. Banky"] and not item.new


def test_new_entities_get_ids_from_their_first_mention_never_a_known_ones():
    names = [mention("Eric Allen Kirkpatrick", "PERSON"), mention("Kirkpatrick", "PERSON", 0)]
    first = attach(KNOWN, [added_article(*names)])
    (new,) = first
    assert new.new and new.name == "Eric Allen Kirkpatrick" and new.id.startswith("e")
    taken = replace(KNOWN[0], id=new.id)
    again = attach([taken, *KNOWN[1:]], [added_article(*names)])
    assert again[0].id != new.id and again[0].id.startswith(new.id)


def spans(corpus: Corpus) -> dict[tuple[str, int, int], str]:
    return {(m.article, m.start, m.end): e.id for e in corpus.entities for m in e.mentions}


@pytest.fixture(scope="module")
def held_out(settings: Settings):
    """The seeds and three ECB+ articles; for each, the others linked without it."""
    uncached = replace(settings, use_cache=False)
    loaded, analyses = _recorded(settings, SETS["both"])
    articles = loaded.articles

    def link(chosen: list[Article]) -> Corpus:
        return build_corpus(chosen, analyses, [], uncached, loaded.aliases)

    whole = link(articles)
    return articles, analyses, whole, [link(articles[:n] + articles[n + 1 :]) for n in range(5)]


@pytest.mark.parametrize("number", range(5))
def test_an_added_article_is_linked_as_the_link_from_scratch_links_it(held_out, number):
    articles, analyses, whole, before = held_out[0], held_out[1], held_out[2], held_out[3][number]
    article = articles[number]
    known = [
        KnownEntity(e.id, e.name, e.type, tuple(e.aliases), len(e.mentions))
        for e in before.entities
    ]
    digest = digest_article(article, analyses[article.id])
    result = attach(known, [(number, article.id, digest)])
    # Every named mention of the article is attached, once; known entities keep their ids.
    rows = sorted((s, e) for a in result for _, s, e in a.rows)
    assert rows == sorted(zip(digest.columns.starts, digest.columns.ends, strict=True))
    assert {a.id for a in result if not a.new} <= {k.id for k in known}
    assert not {a.id for a in result if a.new} & {k.id for k in known}
    # Against the link of all five from scratch, over the article's mentions both have:
    # what it joins is joined there too, and most of what is joined there is found.
    clusters = spans(before)
    clusters.update({(article.id, s, e): a.id for a in result for _, s, e in a.rows})
    truth = spans(whole)
    shared = {k: truth[k] for k in clusters if k in truth}
    items = [k for k in shared if k[0] == article.id]
    precision, recall = b_cubed({k: clusters[k] for k in shared}, shared, items)
    alone = {k: (clusters[k] if k[0] != article.id else repr(k)) for k in shared}
    assert precision >= 0.95 and recall >= 0.85
    assert recall > b_cubed(alone, shared, items)[1] + 0.3  # far from each name on its own


@hypothesis_settings(max_examples=30, deadline=None)
@given(order=st.permutations(range(len(KNOWN))), keep=st.sets(st.integers(0, len(KNOWN) - 1)))
def test_the_known_entities_order_changes_nothing(order, keep):
    known = [KNOWN[n] for n in order if n in keep]
    names = [
        mention("Vancouver", "GPE"),
        mention("Jones", "PERSON"),
        mention("Smith", "PERSON", 1),
        mention("John A. Banky", "PERSON"),
    ]
    result = attach(known, [added_article(*names)])
    again = attach(sorted(known, key=lambda k: k.id), [added_article(*names)])
    assert {a.id: sorted(a.rows) for a in result} == {a.id: sorted(a.rows) for a in again}
    assert sum(len(a.rows) for a in result) == len(names)
