"""A changed collection is shown as it was linked before while it is linked again: the
nearest stored collection is found, and its corpus is put together for the articles opened."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from reader import collection_index
from reader.collection import CollectionLinker
from reader.collection_members import MIN_SHARED
from reader.config import Settings
from reader.corpus_wire import (
    DAMAGED_FRAME,
    END,
    CorpusAssembler,
    ProvisionalAssembler,
    corpus_frames,
)
from reader.interim_link import attached_frame, known_entities
from reader.linking import AliasTable, digest_article
from reader.model import Analysis, Article, Corpus, QuoteGroup, Story
from reader.pipeline import build_corpus
from tests.test_corpus_wire import SETS, _recorded

#: The seeds and three ECB+ articles quoting one statement: two stories, a quote group.
BOTH = SETS["both"]


@pytest.fixture
def own(settings: Settings, tmp_path: Path) -> Settings:
    """Settings with a cache (and so a collection index) of this test's own."""
    return replace(settings, cache_dir=tmp_path / "cache")


@pytest.fixture
def collection(own: Settings):
    """The five articles, their recorded analyses, and a linker of ``own`` settings."""
    loaded, analyses = _recorded(own, BOTH)
    assert len(loaded.articles) == 5
    return loaded.articles, analyses, CollectionLinker(own, loaded.aliases)


def _new(article: Article, name: str) -> Article:
    """Another article: another id and text (its analysis key differs too)."""
    return replace(article, id=name, path=name, text=article.text + "\nA closing line.\n")


def test_the_nearest_stored_collection_is_the_one_sharing_the_most_articles(collection):
    articles, analyses, linker = collection
    assert linker.nearest(articles) is None  # nothing stored yet
    linker.link(articles, analyses, [])  # complete: stored, with its members
    found = linker.nearest(articles[:4])
    assert found is not None
    nearest, frames = found
    assert frames == linker.lookup_frames(articles)
    assert (nearest.numbers, nearest.added, nearest.removed) == ([0, 1, 2, 3, -1], 0, 1)
    # Numbers follow the articles opened, in their order.
    backwards = list(reversed(articles[1:]))
    assert linker.nearest(backwards)[0].numbers == [-1, 3, 2, 1, 0]
    # One added: everything stored is there.
    added = linker.nearest([*articles, _new(articles[0], "new.txt")])[0]
    assert (added.numbers, added.added, added.removed) == ([0, 1, 2, 3, 4], 1, 0)
    # A retitled (or edited) article is another member: its old offsets are never used.
    retitled = [replace(articles[0], title="Another title"), *articles[1:]]
    edited = linker.nearest(retitled)[0]
    assert (edited.numbers[0], edited.added, edited.removed) == (-1, 1, 1)
    # Sharing less than half of the articles opened: not near enough.
    others = [_new(articles[0], f"other-{n}.txt") for n in range(3)]
    assert len(articles[:2]) < MIN_SHARED * len([*articles[:2], *others])
    assert linker.nearest([*articles[:2], *others]) is None
    assert linker.nearest([*articles[:3], *others[:2]]) is not None


def test_of_collections_sharing_as_many_the_one_with_the_fewest_others_is_nearest(collection):
    articles, analyses, linker = collection
    linker.link(articles[:4], analyses, [])
    linker.link(articles, analyses, [])  # the most recently used
    nearest = linker.nearest([*articles[:4], _new(articles[0], "new.txt")])[0]
    assert (nearest.added, nearest.removed) == (1, 0)
    assert nearest.key != linker.nearest(articles[1:])[0].key


def test_another_linking_setup_is_never_near(collection, own: Settings):
    articles, analyses, linker = collection
    linker.link(articles, analyses, [])
    other_aliases = AliasTable(merges=[(frozenset({"kremlin", "dmitry peskov"}), "test")])
    assert CollectionLinker(own, other_aliases).nearest(articles[:4]) is None
    assert CollectionLinker(replace(own, use_cache=False)).nearest(articles[:4]) is None


def test_damaged_member_rows_and_index_files_find_nothing_and_say_so(collection, own):
    articles, analyses, linker = collection
    linker.link(articles, analyses, [])
    path = own.cache_dir / "collections.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("UPDATE members SET data = ?", (b"cut short",))
    assert linker.nearest(articles[:4]) is None
    assert linker.stored_guess()(articles[:1]) is False  # nor does any look stored
    assert not linker.warnings  # a damaged row is passed over, not a damaged file
    path.write_bytes(b"not a database" * 100)
    assert linker.stored_guess()(articles[:1]) is False
    assert linker.nearest(articles[:4]) is None
    assert any("collection index" in warning for warning in linker.warnings)


def test_members_go_with_the_collections_the_index_drops(collection, own, monkeypatch):
    articles, analyses, linker = collection
    monkeypatch.setattr(collection_index, "MAX_COLLECTIONS", 1)
    linker.link(articles[:4], analyses, [])
    linker.link(articles, analyses, [])
    with sqlite3.connect(own.cache_dir / "collections.sqlite3") as db:
        kept = db.execute("SELECT key FROM collections").fetchall()
        members = db.execute("SELECT key FROM members").fetchall()
    assert kept == members and len(kept) == 1


def test_a_collection_read_chunk_by_chunk_looks_stored_while_one_holds_all_read(collection):
    # The guess that spares a reopened collection's digest rows (``stored_guess``).
    articles, analyses, linker = collection
    assert linker.stored_guess()(articles[:2]) is False  # nothing stored yet
    linker.link(articles[:4], analyses, [])
    guess = linker.stored_guess()
    assert guess(articles[:2]) and guess(articles[2:4])
    assert guess(articles[4:]) is False  # not in the stored collection
    assert guess(articles[:1]) is False  # and no collection holds all read so far now
    # Whatever the alias files: they are not known until the last file is read.
    other = CollectionLinker(linker.settings, AliasTable(merges=[(frozenset({"a", "b"}), "test")]))
    assert other.stored_guess()(articles[:4])
    # A collection stored beside it that does hold the article read: that one counts.
    linker.link(articles, analyses, [])
    guess = linker.stored_guess()
    assert guess(articles[:4]) and guess(articles[4:])
    assert not CollectionLinker(replace(linker.settings, use_cache=False)).stored_guess()(
        articles[:1]
    )


def restricted(corpus: Corpus, opened: list[Article]) -> Corpus:
    """What of ``corpus`` stands for the articles ``opened``: written out plainly, the
    specification ``ProvisionalAssembler`` meets."""
    here = {a.id for a in opened}
    entities = []
    for entity in corpus.entities:
        mentions = [m for m in entity.mentions if m.article in here]
        if mentions:
            entities.append(replace(entity, mentions=mentions))
    kept = {e.id for e in entities}
    quotes = []
    for quote in corpus.quotes:
        if quote.article not in here:
            continue
        if quote.speaker is not None and quote.speaker.entity not in kept:
            quote = replace(quote, speaker=replace(quote.speaker, entity=None))
        quotes.append(quote)
    article_of = {q.id: q.article for q in quotes}
    groups = [
        QuoteGroup(g.id, tuple(q for q in g.quotes if q in article_of)) for g in corpus.quote_groups
    ]
    stories = [
        Story(s.id, s.title, tuple(a for a in s.articles if a in here)) for s in corpus.stories
    ]
    return Corpus(
        articles=list(opened),
        entities=entities,
        quotes=quotes,
        errors=[],
        model=corpus.model,
        stories=[s for s in stories if s.articles],
        quote_groups=[g for g in groups if len({article_of[q] for q in g.quotes}) > 1],
    )


@pytest.fixture(scope="module")
def linked(settings: Settings) -> Corpus:
    loaded, analyses = _recorded(settings, BOTH)
    uncached = replace(settings, use_cache=False)
    corpus = build_corpus(loaded.articles, analyses, loaded.errors, uncached, loaded.aliases)
    assert corpus.stories and corpus.quote_groups
    assert any(q.speaker and q.speaker.entity for q in corpus.quotes)
    return corpus


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_provisional_corpus_is_the_stored_one_for_the_articles_opened(linked, data):
    stored = linked.articles
    kept = data.draw(st.lists(st.sampled_from(stored), unique_by=lambda a: a.id))
    extra = data.draw(st.booleans())
    opened = data.draw(st.permutations([*kept, *([_new(stored[0], "new.txt")] if extra else [])]))
    place = {a.id: n for n, a in enumerate(opened)}
    numbers = [place.get(a.id, -1) for a in stored]
    assembler = ProvisionalAssembler(opened, [], linked.model, numbers)
    for frame in corpus_frames(linked, items=data.draw(st.integers(1, 400))):
        assembler.add(frame)
    assert assembler.complete
    got, expected = assembler.corpus(), restricted(linked, opened)
    assert got.entities == expected.entities
    assert got.quotes == expected.quotes
    assert got.stories == expected.stories
    assert got.quote_groups == expected.quote_groups
    # What the screen reads besides: each article's spans and quotes, each entity's articles.
    assert set(assembler.mention_spans) == {
        m.article for e in expected.entities for m in e.mentions
    }
    assert assembler.spread == {
        e.id: frozenset(m.article for m in e.mentions) for e in expected.entities
    }
    assert sum(map(len, assembler.quotes_by_article.values())) == len(expected.quotes)


def test_a_speaker_whose_entity_is_left_out_is_kept_without_it(linked):
    spoken = next(q for q in linked.quotes if q.speaker and q.speaker.entity)
    entity = linked.entity(spoken.speaker.entity)
    # Open only the quote's article, with the speaker's entity's mentions there gone.
    only = [a for a in linked.articles if a.id == spoken.article]
    numbers = [0 if a.id == spoken.article else -1 for a in linked.articles]
    assembler = ProvisionalAssembler(only, [], linked.model, numbers)
    trimmed = replace(linked, entities=[e for e in linked.entities if e.id != entity.id])
    for frame in corpus_frames(trimmed):
        assembler.add(frame)
    quote = next(q for q in assembler.corpus().quotes if q.id == spoken.id)
    assert quote.speaker is not None and quote.speaker.entity is None
    assert quote.speaker.text == spoken.speaker.text


def test_numbers_that_do_not_fit_the_articles_are_refused(linked):
    with pytest.raises(ValueError):
        ProvisionalAssembler(linked.articles[:1], [], linked.model, [0, 1])
    assembler = ProvisionalAssembler(linked.articles[:1], [], linked.model, [0])
    frames = list(corpus_frames(linked))
    with pytest.raises(IndexError):  # the frames name articles the numbers do not
        for frame in frames:
            assembler.add(frame)


def _attached(
    linked: Corpus, analyses: dict[str, Analysis], number: int
) -> tuple[list[bytes], list[int], bytes]:
    """The frames of ``linked`` without article ``number``, the numbers of its articles
    among all of them, and the frame that attaches that article (``interim_link``)."""
    article = linked.articles[number]
    before = restricted(linked, [a for a in linked.articles if a.id != article.id])
    before.articles = [a for a in linked.articles if a.id != article.id]
    frames = list(corpus_frames(before))[:-1]
    place = {a.id: n for n, a in enumerate(linked.articles)}
    numbers = [place[a.id] for a in before.articles]
    analysis = analyses[article.id]
    frame = attached_frame(
        frames,
        linked.articles,
        numbers,
        {article.id: analysis},
        {article.id: digest_article(article, analysis)},
    )
    assert frame is not None
    return frames, numbers, frame


@pytest.fixture(scope="module")
def analyses(settings: Settings) -> dict[str, Analysis]:
    return _recorded(settings, BOTH)[1]


def test_an_added_article_is_attached_to_the_entities_linked_before(linked, analyses):
    added = linked.articles[1]
    frames, numbers, frame = _attached(linked, analyses, 1)
    assembler = ProvisionalAssembler(linked.articles, [], linked.model, numbers)
    for each in [*frames, frame, END]:
        assembler.add(each)
    assert assembler.complete
    corpus = assembler.corpus()
    before = {e.id for e in restricted(linked, [a for a in linked.articles if a != added]).entities}
    grown = [e for e in corpus.entities if e.id in before and e.count_in(added.id)]
    new = [e for e in corpus.entities if e.id not in before]
    assert grown and new and all(e.count_in(added.id) == len(e.mentions) for e in new)
    # Shown as the others are: its spans, its entities' articles, its quotes.
    assert {s[2] for s in assembler.mention_spans[added.id]} == {
        e.id for e in corpus.entities if e.count_in(added.id)
    }
    assert all(added.id in assembler.spread[e.id] for e in grown)
    quotes = assembler.quotes_by_article[added.id]
    assert quotes and {q.id for q in quotes} <= {q.id for q in corpus.quotes}
    assert any(q.speaker and q.speaker.entity for q in quotes)


def test_a_damaged_attached_frame_is_refused(linked, analyses):
    frames, numbers, frame = _attached(linked, analyses, 1)
    kind, payload = orjson.loads(frame)
    eid, name, _, aliases, rows = payload["entities"][0]
    for entity in (
        [eid, name, "planet", aliases, rows],  # no such type
        [eid, name, "person", aliases, [[len(linked.articles), 0, 1]]],  # no such article
        [eid, name, "person", aliases, [[1, 0, 10**9]]],  # past the text
    ):
        damaged = orjson.dumps([kind, {"entities": [entity], "quotes": []}])
        assembler = ProvisionalAssembler(linked.articles, [], linked.model, numbers)
        for each in frames:
            assembler.add(each)
        with pytest.raises(DAMAGED_FRAME):
            assembler.add(damaged)
    # Only a provisional collection is ever attached to.
    with pytest.raises(ValueError):
        CorpusAssembler(linked.articles, [], linked.model).add(frame)
    # Damaged stored frames: nothing is attached (the link from scratch follows).
    assert known_entities(frames)
    broken = [f.replace(b'"person"', b'"planet"') for f in frames]
    analysis = analyses[linked.articles[1].id]
    digest = digest_article(linked.articles[1], analysis)
    ids = linked.articles[1].id
    assert attached_frame(broken, linked.articles, numbers, {ids: analysis}, {ids: digest}) is None
