"""Who said what, and where: lookups on the seeds' recorded analyses, linked for real."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reader.attribution import outlet, quotes_about, quotes_said_by, speaker_name
from reader.model import Analysis, Article
from reader.pipeline import build_corpus, load_articles

RECORDED = Path(__file__).parent / "ui" / "data" / "seed_analyses.json"


@pytest.fixture(scope="module")
def corpus(seeds_dir, settings, tmp_path_factory):
    own = replace(settings, cache_dir=tmp_path_factory.mktemp("cache"))
    loaded = load_articles([seeds_dir], own)
    data = json.loads(RECORDED.read_text(encoding="utf-8"))
    analyses = {key: Analysis.from_dict(value) for key, value in data.items()}
    return build_corpus(loaded.articles, analyses, [], own, loaded.aliases)


def test_outlet_prefers_the_source_then_a_short_title_then_the_id():
    article = Article("a1", "a.txt", "text", title="A title\nthat goes on and on and on and on")
    assert outlet(replace(article, source="Reuters")) == "Reuters"
    label = outlet(article)
    assert label.startswith("A title that goes") and label.endswith("…") and len(label) == 30
    assert outlet(replace(article, title=None)) == "a1"


def test_quotes_said_by_an_entity_are_the_ones_it_speaks(corpus):
    peskov = next(e for e in corpus.entities if e.name.endswith("Peskov"))
    said = quotes_said_by(corpus, peskov.id)
    assert said, "the seeds quote Peskov"
    assert all(speaker_name(corpus, q) == peskov.name for q in said)
    others = [q for q in corpus.quotes if q not in said]
    assert all(q.speaker is None or q.speaker.entity != peskov.id for q in others)


def _named_in(quote, entity) -> bool:
    return any(
        m.article == quote.article and quote.start <= m.start < quote.end for m in entity.mentions
    )


def test_quotes_about_an_entity_add_the_quotes_that_name_it(corpus):
    named = 0
    for entity in corpus.entities:
        about = quotes_about(corpus, entity.id)
        expected = [
            q
            for q in corpus.quotes
            if (q.speaker is not None and q.speaker.entity == entity.id) or _named_in(q, entity)
        ]
        assert about == expected
        named += sum(_named_in(q, entity) for q in about)
    assert named, "the seeds' quotes name entities"


def test_speaker_name_falls_back_to_the_words_then_none(corpus):
    quote = corpus.quotes[0]
    assert speaker_name(corpus, replace(quote, speaker=None)) is None
    if quote.speaker is not None:
        unknown = replace(quote.speaker, entity="no-such-entity")
        assert speaker_name(corpus, replace(quote, speaker=unknown)) == quote.speaker.text
