"""Building the corpus: quote speakers point at entities only through resolved references."""

from __future__ import annotations

import re

import pytest

from reader import corpus as corpus_module
from reader.corpus import LINK_STEPS, link_corpus
from reader.model import Analysis, Article, Mention, QuoteFinding, Span

TEXT = (
    '"Tara Reid has checked herself into Promises Treatment Center," Reid\'s rep told Us.\n'
    '"We appreciate your respect," the actress\'s rep Jack Ketsoyan told the magazine.'
)


def span(text: str, start_at: int = 0) -> Span:
    start = TEXT.index(text, start_at)
    return Span(start, start + len(text), text)


def mention(text: str, label: str, start_at: int = 0) -> Mention:
    s = span(text, start_at)
    return Mention(s.start, s.end, s.text, label)


def test_speakers_map_to_entities_only_through_their_reference() -> None:
    second_line = TEXT.index("\n")
    analysis = Analysis(
        mentions=(
            mention("Tara Reid", "PERSON"),
            mention("Reid", "PERSON", TEXT.index("Reid's")),
            mention("Jack Ketsoyan", "PERSON"),
        ),
        quotes=(
            QuoteFinding(
                1,
                TEXT.index(',"'),
                TEXT[1 : TEXT.index(',"')],
                speaker=span("Reid's rep"),
                speaker_ref=None,  # the rep is not named: nobody to point at
                cue=span("told"),
            ),
            QuoteFinding(
                second_line + 2,
                second_line + 28,
                TEXT[second_line + 2 : second_line + 28],
                speaker=span("the actress's rep Jack Ketsoyan"),
                speaker_ref=span("Jack Ketsoyan"),
                cue=span("told", second_line),
            ),
        ),
    )
    article = Article("a.txt", "a.txt", TEXT)
    corpus = link_corpus([article], {"a.txt": analysis}, [], "test-model")
    names = {e.id: e.name for e in corpus.entities}
    first, second = corpus.quotes
    assert first.speaker is not None and first.speaker.text == "Reid's rep"
    assert first.speaker.entity is None  # not Tara Reid, whose name the span contains
    assert second.speaker is not None and names[second.speaker.entity] == "Jack Ketsoyan"
    # Stable ids: from each quote's place in its article, not from its rank.
    assert all(re.fullmatch(r"q[0-9a-f]{8}", q.id) for q in corpus.quotes)
    assert len({q.id for q in corpus.quotes}) == 2
    alone = link_corpus([article], {"a.txt": Analysis(quotes=analysis.quotes[1:])}, [], "m")
    assert alone.quotes[0].id == corpus.quotes[1].id
    for quote in corpus.quotes:
        assert TEXT[quote.start : quote.end] == quote.text


def test_articles_without_analysis_are_kept_without_entities() -> None:
    article = Article("a.txt", "a.txt", TEXT)
    corpus = link_corpus([article], {}, [], "test-model")
    assert corpus.articles == [article] and corpus.entities == [] and corpus.quotes == []


def test_each_step_of_linking_is_told_as_it_begins(monkeypatch: pytest.MonkeyPatch) -> None:
    analysis = Analysis(
        mentions=(mention("Tara Reid", "PERSON"), mention("Jack Ketsoyan", "PERSON"))
    )
    article = Article("a.txt", "a.txt", TEXT)
    events: list[str] = []
    real = corpus_module.placed_quotes

    def placed(*args):
        events.append("quotes placed")
        return real(*args)

    monkeypatch.setattr(corpus_module, "placed_quotes", placed)
    corpus = link_corpus([article], {"a.txt": analysis}, [], "m", on_step=events.append)
    # Every step, in order, each told before its work: the quotes are placed after the last.
    assert events == [*LINK_STEPS, "quotes placed"]
    quiet = link_corpus([article], {"a.txt": analysis}, [], "m")
    assert [e.name for e in quiet.entities] == [e.name for e in corpus.entities]
