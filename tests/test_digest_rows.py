"""The digest store's rows: what linking reads of an analysis, kept beside its digest.

A collection never linked before is linked from these rows without reading
the cached analyses; a damaged or old row sends its text through its cached
analysis, never to an error, and the export is the same either way.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader import collection_digests
from reader.cache import AnalysisCache
from reader.collection import CollectionLinker
from reader.digest_store import ROW_VERSION, DigestStore, UnreadMentions, encode, read_row
from reader.export import dumps
from reader.linking import digest_article
from reader.model import Analysis, Article, Mention, QuoteFinding, Span
from reader.pipeline import Analyzer, load_articles, open_corpus

DATA = Path(__file__).parent / "data"
ECB = DATA / "linking_ecbplus" / "topic-03"


@pytest.fixture(scope="module")
def analyzed(settings) -> list[tuple[Article, Analysis]]:
    """Real articles (the seeds and an ECB+ topic) with their real analyses."""
    loaded = load_articles([DATA / "seeds", ECB], settings)
    analyses = Analyzer(settings).analyze(loaded.articles)
    return [(a, analyses[a.id]) for a in loaded.articles]


@pytest.fixture
def news(settings, tmp_path: Path, analyzed) -> tuple[Path, object]:
    """A folder of real articles and settings with this test's own digest store and index
    (the analysis cache is shared), as analyzing the texts leaves them."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "analysis").symlink_to(settings.cache_dir / "analysis", target_is_directory=True)
    private = replace(settings, cache_dir=home)
    folder = tmp_path / "news"
    folder.mkdir()
    for article, _ in analyzed:
        (folder / Path(article.path).name).write_text(article.text, encoding="utf-8")
    analyzer = Analyzer(private)
    for article, analysis in analyzed:
        analyzer.store(article.text, analysis)
    analyzer.flush()
    return folder, private


def test_a_row_round_trips_on_real_analyses(analyzed) -> None:
    assert sum(len(analysis.quotes) for _, analysis in analyzed) >= 10
    for article, analysis in analyzed:
        digest = digest_article(article, analysis)
        row = read_row(encode(digest, analysis), replace(article, id="elsewhere"))
        assert row is not None and row.analysis is not None
        assert row.digest == replace(digest, article="elsewhere")
        assert row.analysis.quotes == analysis.quotes
        assert len(row.analysis.mentions) == len(analysis.mentions)
        assert row.digest.fits(replace(article, id="elsewhere"), row.analysis)


def _spans(text: str) -> st.SearchStrategy[tuple[int, int]]:
    return st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(
        lambda pair: (min(pair), max(pair))
    )


@st.composite
def quoted(draw: st.DrawFn, texts: list[tuple[Article, Analysis]]) -> tuple[Article, Analysis]:
    """A real article and analysis with quotes at any places of its text."""
    article, analysis = draw(st.sampled_from(texts))
    text = article.text
    quotes = []
    for _ in range(draw(st.integers(0, 6))):
        start, end = draw(_spans(text))
        parts = [
            Span(s, e, text[s:e]) if draw(st.booleans()) else None
            for s, e in (draw(_spans(text)) for _ in range(3))
        ]
        quotes.append(QuoteFinding(start, end, text[start:end], draw(st.booleans()), *parts))
    return article, Analysis(analysis.mentions, tuple(quotes))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_quotes_of_a_real_text_round_trip(analyzed, data) -> None:
    article, analysis = data.draw(quoted(analyzed))
    row = read_row(encode(digest_article(article, analysis), analysis), article)
    assert row is not None and row.analysis is not None
    assert row.analysis.quotes == analysis.quotes


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_damaged_row_is_never_an_error(analyzed, data) -> None:
    article, analysis = data.draw(st.sampled_from(analyzed))
    stored = bytearray(encode(digest_article(article, analysis), analysis))
    for _ in range(data.draw(st.integers(1, 4))):
        stored[data.draw(st.integers(0, len(stored) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(stored)))
    row = read_row(bytes(stored[:cut]), article)
    if row is not None and row.analysis is not None:
        # Whatever survived fits the text: every quote's texts are slices of it.
        for quote in row.analysis.quotes:
            spans = [quote, quote.speaker, quote.speaker_ref, quote.cue]
            for span in filter(None, spans):
                assert article.text[span.start : span.end] == span.text


def test_a_quotes_part_that_does_not_fit_leaves_the_digest(analyzed) -> None:
    article, analysis = next((a, an) for a, an in analyzed if an.quotes)
    stored, spans = encode(digest_article(article, analysis), analysis).split(b"\n", 1)
    data = orjson.loads(stored)

    def row(changed: dict) -> bytes:
        return orjson.dumps(changed) + b"\n" + spans

    for broken in (
        [[0, len(article.text) + 1, 0, -1, -1, -1, -1, -1, -1]],  # past the text
        [[5, 2, 0, -1, -1, -1, -1, -1, -1]],  # ends before it starts
        [[0, 2, 0, -1, 4, -1, -1, -1, -1]],  # half a span
        [[0, 2, 2, -1, -1, -1, -1, -1, -1]],  # partial neither 0 nor 1
        [[0, 2.5, 0, -1, -1, -1, -1, -1, -1]],  # not an int
        [[0, 2, 0, -1, -1, -1, -1, -1]],  # too short
        "quotes",
    ):
        found = read_row(row({**data, "quotes": broken}), article)
        assert found is not None and found.analysis is None
        assert found.digest == digest_article(article, analysis)
    assert read_row(orjson.dumps({**data, "quotes": []}), article) is None  # no spans
    older = read_row(row({**data, "row": ROW_VERSION - 1}), article)
    assert older is not None and older.analysis is None
    assert read_row(encode(digest_article(article, analysis)), article).analysis is None
    longer = replace(article, text=article.text + " More.")
    assert read_row(row(data), longer) is None  # made from another text
    for count in (-1, len(data["starts"]) - 1, len(article.text) + 1, 10**12):
        assert read_row(row({**data, "count": count}), article) is None


def test_unread_mentions_are_counted_and_never_read() -> None:
    unread = UnreadMentions(3)
    assert len(unread) == 3 and repr(unread) == "UnreadMentions(3)"
    with pytest.raises(LookupError):
        list(unread)
    with pytest.raises(LookupError):
        unread[0]


def _no_cache_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    real = AnalysisCache.get

    def counting(self, text):
        read.append(text)
        return real(self, text)

    monkeypatch.setattr(AnalysisCache, "get", counting)
    monkeypatch.setattr(collection_digests, "_memo", {})
    return read


def test_a_new_collection_is_linked_without_reading_its_analyses(
    news, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, private = news
    read = _no_cache_reads(monkeypatch)
    from_rows = open_corpus([folder], private)
    assert read == []
    assert from_rows.entities and from_rows.quotes
    # The same collection linked from the whole cached analyses, with no stores at all.
    uncached = replace(private, use_cache=False)
    loaded = load_articles([folder], private)
    analyses = Analyzer(private).analyze(loaded.articles)
    plain = CollectionLinker(uncached, loaded.aliases).link(loaded.articles, analyses, [])
    assert dumps(from_rows) == dumps(replace(plain, errors=from_rows.errors))


@pytest.mark.parametrize("damage", ["quotes", "row", "garbage"])
def test_damaged_or_old_rows_are_read_through_the_analysis_and_kept_whole(
    news, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    folder, private = news
    expected = dumps(open_corpus([folder], private))
    store = DigestStore(private.cache_dir)
    with sqlite3.connect(store.path) as db:
        key, data = db.execute("SELECT key, data FROM digests ORDER BY key LIMIT 1").fetchone()
        head, spans = data.split(b"\n", 1)  # the JSON, then the spans' bytes
        row = orjson.loads(head)
        if damage == "quotes":
            row["quotes"] = [[1, 0]]
        elif damage == "row":  # a row as an older reader wrote it: the digest alone
            del row["row"], row["quotes"]
        changed = b"\x00garbage" if damage == "garbage" else orjson.dumps(row) + b"\n" + spans
        db.execute("UPDATE digests SET data = ? WHERE key = ?", (changed, key))
    db.close()
    (private.cache_dir / "collections.sqlite3").unlink()
    read = _no_cache_reads(monkeypatch)
    again = open_corpus([folder], private)
    assert len(read) == 1  # that one text's cached analysis, no other
    assert dumps(again) == expected
    # The row is whole again: the next new collection reads no analysis.
    assert orjson.loads(store.get([key])[key].split(b"\n", 1)[0])["row"] == ROW_VERSION
    (private.cache_dir / "collections.sqlite3").unlink()
    read.clear()
    collection_digests._memo.clear()
    assert dumps(open_corpus([folder], private)) == expected
    assert read == []


def test_a_row_with_a_datelines_untagged_place_holds_one_mention_more_than_its_analysis() -> None:
    text = "Moscow/ Kyiv | Jagran News Desk: The Kremlin said the troops would return."
    article = Article("jagran", "jagran.txt", text)
    analysis = Analysis(
        (Mention(text.index("Kremlin"), text.index("Kremlin") + 7, "Kremlin", "ORG"),)
    )
    digest = digest_article(article, analysis)
    assert (digest.named, digest.count, digest.filed) == (3, 1, 2)  # Moscow, Kyiv, Kremlin
    assert read_row(encode(digest, analysis), article).digest == digest
    stored, spans = encode(digest, analysis).split(b"\n", 1)
    data = orjson.loads(stored)
    for filed in (0, 1, -1, 99):  # too few for its mentions, or no count at all
        assert read_row(orjson.dumps({**data, "filed": filed}) + b"\n" + spans, article) is None
