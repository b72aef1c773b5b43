"""Citations: a quote with speaker, outlet and date; a passage with its article."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.citation import cite_passage, cite_quote
from reader.corpus import link_corpus
from reader.model import Article, Corpus, Entity, EntityMention, Quote, Speaker

SEED = sorted((Path(__file__).parent / "data" / "seeds").glob("*.txt"))[0]


def quote_corpus(
    article: Article, speaker_entity: str | None = "p1", speaker_text: str = "he"
) -> tuple[Corpus, Quote]:
    text = article.text
    start = text.index("“As combat")
    end = text.index("garrisons,”") + len("garrisons,”")
    entity = Entity(
        "p1", "Dmitry Peskov", "person", ["Peskov"], [EntityMention(article.id, 0, 6, "Russia")]
    )
    quote = Quote(
        "q1",
        article.id,
        start,
        end,
        text[start:end],
        False,
        Speaker(end + 1, end + 4, speaker_text, speaker_entity),
        None,
    )
    corpus = replace(link_corpus([article], {}, [], "test"), entities=[entity], quotes=[quote])
    return corpus, quote


@pytest.fixture
def article() -> Article:
    return Article(
        SEED.name,
        str(SEED),
        SEED.read_text(encoding="utf-8"),
        title="Russia pulls back some troops",
        source="Reuters",
        date="2022-02-15",
    )


def test_a_quote_with_speaker_source_and_date(article) -> None:
    corpus, quote = quote_corpus(article)
    cited = cite_quote(corpus, quote)
    assert cited.startswith("“As combat training measures")
    assert cited.endswith("garrisons,” — Dmitry Peskov, via Reuters, 2022-02-15")
    assert "\n" not in cited


def test_a_quote_without_source_names_the_article_and_never_none(article) -> None:
    corpus, quote = quote_corpus(replace(article, source=None, date=None))
    cited = cite_quote(corpus, quote)
    assert cited.endswith("— Dmitry Peskov, in “Russia pulls back some troops”")
    assert "None" not in cited


def test_an_unlinked_speaker_is_cited_by_the_words_of_the_text(article) -> None:
    corpus, quote = quote_corpus(article, speaker_entity=None, speaker_text="the statement")
    assert cite_quote(corpus, quote).endswith("— the statement, via Reuters, 2022-02-15")
    unattributed = replace(quote, speaker=None)
    assert cite_quote(corpus, unattributed).endswith("” — via Reuters, 2022-02-15")


def test_a_passage_is_quoted_with_title_source_and_date(article) -> None:
    start = article.text.index("Reuters reported")
    cited = cite_passage(article, start, start + len("Reuters reported"))
    assert cited == "“Reuters reported” — “Russia pulls back some troops”, Reuters, 2022-02-15"


def test_a_passage_of_an_article_without_metadata_is_just_the_passage() -> None:
    article = Article("a", "a.txt", "Line one\n\n  line\ttwo \x1b[2J.")
    assert cite_passage(article, 0, len(article.text)) == "“Line one line two [2J.”"
    with pytest.raises(ValueError):
        cite_passage(article, 3, 3)


@settings(max_examples=100, deadline=None)
@given(
    text=st.text(min_size=1, max_size=80),
    source=st.none() | st.text(max_size=20),
    date=st.none() | st.text(max_size=12),
)
# A field that starts with a separator (a date of ",0") left ", ," in the line.
@example(text="0", source="0", date=",0")
def test_a_citation_is_one_clean_line(text: str, source: str | None, date: str | None) -> None:
    article = Article("a", "a.txt", text, title=None, source=source, date=date)
    cited = cite_passage(article, 0, len(text))
    assert "None" not in cited.replace(text, "").replace(source or "", "").replace(date or "", "")
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in cited)
    assert cited.strip() == cited
    assert not cited.endswith(", ") and ", ," not in cited
