"""The corpus in small frames: whatever the frame size, the receiver rebuilds it exactly."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from reader.collection import CollectionLinker
from reader.collection_index import encode, unpacked
from reader.config import Settings
from reader.corpus_wire import (
    LINKED,
    CorpusAssembler,
    corpus_frames,
    staged_frames,
    stored_frames,
)
from reader.export import dumps
from reader.model import Analysis, Corpus
from reader.pipeline import build_corpus, load_articles

UI_DATA = Path(__file__).parent / "ui" / "data"
SEEDS = Path(__file__).parent / "data" / "seeds"
ECB = UI_DATA / "ecb_quotes"
RECORDED = [UI_DATA / "seed_analyses.json", UI_DATA / "ecb_quote_analyses.json"]
#: Real articles with recorded analyses: the seeds, three ECB+ articles quoting one
#: statement (quote groups, speakers), and both together (two stories).
SETS = {"seeds": [SEEDS], "ecb": [ECB], "both": [SEEDS, ECB]}


def _recorded(settings: Settings, folders: list[Path]):
    loaded = load_articles(folders, settings)
    analyses = {}
    for recorded in RECORDED:
        data = json.loads(recorded.read_text(encoding="utf-8"))
        analyses.update({key: Analysis.from_dict(value) for key, value in data.items()})
    assert {a.id for a in loaded.articles} <= set(analyses), "re-record the analyses"
    return loaded, analyses


def _corpus(settings: Settings, folders: list[Path]) -> Corpus:
    loaded, analyses = _recorded(settings, folders)
    # No cache: nothing is stored, the corpus is linked here.
    return build_corpus(
        loaded.articles, analyses, loaded.errors, replace(settings, use_cache=False)
    )


@pytest.fixture(scope="module", params=list(SETS))
def corpus(request, settings: Settings) -> Corpus:
    return _corpus(settings, SETS[request.param])


def assemble(corpus: Corpus, items: int) -> CorpusAssembler:
    assembler = CorpusAssembler(corpus.articles, corpus.errors, corpus.model)
    for frame in corpus_frames(corpus, items):
        assert not assembler.complete
        assembler.add(frame)
    return assembler


@hypothesis_settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(items=st.integers(min_value=1, max_value=60))
def test_any_frame_size_rebuilds_the_same_corpus(corpus: Corpus, items: int):
    assembler = assemble(corpus, items)
    assert assembler.complete
    rebuilt = assembler.corpus()
    assert rebuilt.entities == corpus.entities
    assert rebuilt.quotes == corpus.quotes
    assert rebuilt.stories == corpus.stories
    assert rebuilt.quote_groups == corpus.quote_groups
    assert [a.id for a in rebuilt.articles] == [a.id for a in corpus.articles]


def test_the_smallest_frames_rebuild_the_same_corpus(corpus: Corpus):
    # One item a frame: every list spans several frames (when it has several items).
    rebuilt = assemble(corpus, 1).corpus()
    assert (rebuilt.entities, rebuilt.quotes) == (corpus.entities, corpus.quotes)
    assert (rebuilt.stories, rebuilt.quote_groups) == (corpus.stories, corpus.quote_groups)


def test_frames_stay_small(corpus: Corpus):
    # Each frame holds about `items` mentions or quotes (an entity is never split).
    items = 5
    biggest = max(len(e.mentions) for e in corpus.entities)
    for frame in corpus_frames(corpus, items):
        kind, payload = orjson.loads(frame)
        if kind == "entities":
            weight = sum(1 + len(entity[4]) // 3 for entity in payload)
            assert weight < items + 1 + biggest
        elif kind == "quotes":
            assert 1 <= len(payload) <= items
        elif kind in ("stories", "quote_groups"):
            # Weighed by their members: a big group travels alone.
            members = [len(row[-1]) for row in payload]
            assert len(payload) == 1 or sum(1 + m for m in members) < items + 1 + max(members)


def test_the_assembler_indexes_what_the_screen_needs(corpus: Corpus):
    assembler = assemble(corpus, 7)
    for entity in corpus.entities:
        assert assembler.spread[entity.id] == {m.article for m in entity.mentions}
    spans = sorted(s for spans in assembler.mention_spans.values() for s in spans)
    expected = sorted((m.start, m.end, e.id, e.type) for e in corpus.entities for m in e.mentions)
    assert spans == expected
    for article in corpus.articles:
        mine = [q for q in corpus.quotes if q.article == article.id]
        assert assembler.quotes_by_article.get(article.id, []) == mine


def test_the_sets_hold_what_the_tests_above_need(settings: Settings):
    # Quote groups (some quote repeated elsewhere) and several stories, or they prove less.
    corpus = _corpus(settings, SETS["both"])
    assert len(corpus.stories) >= 2
    assert corpus.quote_groups
    assembler = assemble(corpus, 3)
    assert assembler.elsewhere and max(assembler.elsewhere.values()) >= 1


def test_a_frame_of_another_kind_is_refused(corpus: Corpus):
    assembler = CorpusAssembler(corpus.articles, corpus.errors, corpus.model)
    with pytest.raises(ValueError):
        assembler.add(orjson.dumps(["gossip", []]))


@hypothesis_settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(items=st.integers(min_value=1, max_value=60))
def test_stored_rows_go_out_as_the_same_frames(corpus: Corpus, items: int):
    # What the linking process sends for a reopened collection: the index's rows as
    # they were stored, never built into a corpus on the way.
    frames = list(stored_frames(unpacked(encode(corpus.articles, corpus, items))))
    assert frames == list(corpus_frames(corpus, items))
    assembler = CorpusAssembler(corpus.articles, corpus.errors, corpus.model)
    for frame in frames:
        assembler.add(frame)
    assert assembler.complete
    assert assembler.corpus().entities == corpus.entities
    assert assembler.corpus().quotes == corpus.quotes


def test_staged_frames_send_the_entities_before_the_stories_are_grouped(corpus: Corpus):
    # What the linking process sends for a collection it links: the frames of the whole
    # corpus; the entities out before the quotes are asked for, and the entities and
    # quotes out (and said to be all in) before the stories are.
    asked: list[str] = []
    sent: list[str] = []

    def stages():
        yield replace(corpus, quotes=[], stories=[], quote_groups=[])
        asked.append("quoted")
        yield replace(corpus, stories=[], quote_groups=[])
        asked.append("compared")
        yield corpus

    frames = []
    assembler = CorpusAssembler(corpus.articles, corpus.errors, corpus.model)
    for frame in staged_frames(stages(), 5):
        kind = orjson.loads(frame)[0]
        if kind == "entities":
            assert not asked  # made while the quotes were placed
        elif kind == "quotes":
            assert asked == ["quoted"]
        sent.append(kind)
        assembler.add(frame)
        if frame == LINKED:
            assert asked == ["quoted"] and assembler.linked and not assembler.complete
            shown = assembler.corpus()
            assert shown.entities == corpus.entities and shown.quotes == corpus.quotes
            assert not shown.stories and not shown.quote_groups
        frames.append(frame)
    assert asked == ["quoted", "compared"]
    assert "entities" in sent and "quotes" in sent
    assert frames.count(LINKED) == 1
    whole = list(corpus_frames(corpus, 5))
    kinds = [orjson.loads(frame)[0] for frame in whole]
    # Right after the last frame of quotes (or of entities, with no quotes).
    last_linked = max(n for n, kind in enumerate(kinds) if kind in ("entities", "quotes"))
    assert frames == [*whole[: last_linked + 1], LINKED, *whole[last_linked + 1 :]]
    # The corpus shown at the marker kept its own lists: the stories came after.
    assert not shown.stories and assembler.corpus().stories == corpus.stories


def test_linking_in_stages_gives_the_linked_corpus_then_the_whole_one(settings: Settings):
    loaded, analyses = _recorded(settings, SETS["both"])
    uncached = replace(settings, use_cache=False)
    stages = CollectionLinker(uncached, loaded.aliases).link_in_stages(
        loaded.articles, analyses, loaded.errors
    )
    entities = next(stages)
    assert entities.entities and not entities.quotes
    linked = next(stages)
    assert linked.entities == entities.entities and linked.quotes
    assert not linked.stories and not linked.quote_groups
    whole = next(stages)
    assert whole.stories and whole.quote_groups
    assert dumps(whole) == dumps(_corpus(settings, SETS["both"]))
