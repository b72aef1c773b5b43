"""Coverage comparison on the seeds: who only one outlet names or quotes, and what both share."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.coverage import compare_coverage
from reader.model import Article, Corpus, Entity, EntityMention, Quote, Speaker
from reader.pipeline import open_corpus


@pytest.fixture(scope="module")
def corpus(settings, seeds_dir: Path) -> Corpus:
    return open_corpus([seeds_dir], settings)


def _names(entries, kind=None) -> set[str]:
    return {e.name for e in entries if kind is None or e.kind == kind}


def test_each_outlet_alone_names_and_quotes_its_people(corpus: Corpus) -> None:
    ids = [a.id for a in corpus.articles]
    coverage = compare_coverage(corpus, ids)
    reuters = next(
        c for c in coverage.articles if "Reuters reported" in corpus.article(c.article).text
    )
    jagran = next(c for c in coverage.articles if "Jagran" in corpus.article(c.article).text)
    assert {"Dmitry Peskov", "Jake Sullivan"} <= _names(reuters.only, "person")
    assert {"Dmitry Peskov", "Jake Sullivan"} <= _names(reuters.only, "speaker")
    assert {"Volodymyr Zelenskiy", "Mykhailo Podolyak"} <= _names(jagran.only, "person")
    assert {"Volodymyr Zelenskiy", "Mykhailo Podolyak"} <= _names(jagran.only, "speaker")
    assert not _names(reuters.only) & _names(jagran.only, "person")
    peskov = next(e for e in reuters.only if e.name == "Dmitry Peskov" and e.kind == "person")
    assert peskov.count == 2  # "Dmitry Peskov" and "Peskov"
    zelenskiy = next(
        e for e in jagran.only if e.kind == "speaker" and e.name == "Volodymyr Zelenskiy"
    )
    quote = next(q for q in corpus.quotes if q.id == zelenskiy.quote)
    assert quote.article == jagran.article and "February 16" in quote.text
    # Both report on Ukraine and Russia; nothing shared is listed as only one's.
    assert {"Ukraine", "Russia"} <= _names(coverage.shared)
    assert not _names(coverage.shared) & (_names(reuters.only) | _names(jagran.only)) - {
        e.name for e in reuters.only + jagran.only if e.kind == "speaker"
    }


def test_one_article_has_everything_to_itself_and_unknown_ids_are_ignored(corpus: Corpus) -> None:
    first = corpus.articles[0].id
    coverage = compare_coverage(corpus, [first, "no-such-article"])
    assert [c.article for c in coverage.articles] == [first]
    assert coverage.shared == ()
    counts = [e.count for e in coverage.articles[0].only if e.kind != "speaker"]
    assert counts == sorted(counts, reverse=True)


def test_a_speaker_quoted_in_both_is_nobody_s_alone() -> None:
    texts = {
        "a": '"We will believe it," Kuleba said. "We are ready," Peskov said.',
        "b": '"We will believe it when we see it," Kuleba said.',
    }
    articles = [Article(i, i, t) for i, t in texts.items()]

    def mentions(name: str) -> list[EntityMention]:
        return [
            EntityMention(i, t.index(name), t.index(name) + len(name), name)
            for i, t in texts.items()
            if name in t
        ]

    entities = [
        Entity("kuleba", "Kuleba", "person", ["Kuleba"], mentions("Kuleba")),
        Entity("peskov", "Peskov", "person", ["Peskov"], mentions("Peskov")),
    ]
    quotes = []
    for n, (article, text) in enumerate(
        [("a", "We will believe it"), ("a", "We are ready"), ("b", "We will believe it when")]
    ):
        start = texts[article].index(text)
        speaker = "Kuleba" if "believe" in text else "Peskov"
        at = texts[article].index(speaker, start)
        quotes.append(
            Quote(
                f"q{n}",
                article,
                start,
                start + len(text),
                text,
                False,
                Speaker(at, at + len(speaker), speaker, speaker.lower()),
                None,
            )
        )
    corpus = Corpus(articles, entities, quotes, [], "test")
    coverage = compare_coverage(corpus, ["a", "b"])
    only_a = {(e.kind, e.name, e.count, e.quote) for e in coverage.articles[0].only}
    assert only_a == {("person", "Peskov", 1, None), ("speaker", "Peskov", 1, "q1")}
    assert coverage.articles[1].only == ()
    assert [(e.name, e.count) for e in coverage.shared] == [("Kuleba", 2)]
