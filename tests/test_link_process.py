"""The linking process: a stored collection, a link from the cache, a miss, a death, a cancel."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import threading
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path

import orjson
import pytest

from reader import link_child
from reader.article_stream import LoadChunk
from reader.cache import AnalysisCache
from reader.collection import STEPS
from reader.config import Settings
from reader.corpus_wire import CorpusAssembler, ProvisionalAssembler, corpus_frames
from reader.link_child import READING_ANALYSES
from reader.link_process import LinkProcess, LinkProcessDied, Reply, articles_digest
from reader.linking import digest_article
from reader.model import Analysis, Article, Corpus
from reader.nlp import model_identity
from reader.pipeline import Analyzer, build_corpus, load_articles

RECORDED = Path(__file__).parent / "ui" / "data" / "seed_analyses.json"


@pytest.fixture
def seeds(settings: Settings, seeds_dir: Path, tmp_path: Path):
    """The seeds, their recorded analyses, and settings with an empty cache of their own."""
    own = replace(settings, cache_dir=tmp_path / "cache")
    loaded = load_articles([seeds_dir], own)
    data = json.loads(RECORDED.read_text(encoding="utf-8"))
    analyses = {key: Analysis.from_dict(value) for key, value in data.items()}
    return loaded.articles, analyses, own


def ask(
    articles: list[Article], settings: Settings, link: bool, process: LinkProcess | None = None
) -> tuple[Reply, CorpusAssembler, list[int]]:
    """Run one request to the end: the final reply, the assembled corpus, linking notices."""
    process = process or LinkProcess()
    assembler = CorpusAssembler(articles, [], settings.model)
    linking: list[int] = []
    process.start(articles, [], settings, None, link)
    reply = process.run(assembler.add, linking.append, cancelled=lambda: False)
    return reply, assembler, linking


def same_entities(rebuilt: Corpus, corpus: Corpus) -> None:
    assert [(e.id, e.name, e.mentions) for e in rebuilt.entities] == [
        (e.id, e.name, e.mentions) for e in corpus.entities
    ]
    assert rebuilt.quotes == corpus.quotes


def test_the_child_imports_neither_textual_nor_spacy():
    # What the child imports on the warm path (the lookup and a link from the cache).
    code = (
        "import sys, reader.link_child, reader.collection, reader.pipeline;"
        "print(sorted(m for m in ('textual', 'spacy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_stored_collection_comes_back_from_the_child(seeds):
    articles, analyses, settings = seeds
    corpus = build_corpus(articles, analyses, [], settings)  # linked and stored in the index
    reply, assembler, linking = ask(articles, settings, link=False)
    assert reply.kind == "done" and assembler.complete and linking == []
    assert reply.info["model"] == corpus.model
    same_entities(assembler.corpus(), corpus)


def test_an_unknown_collection_is_a_miss(seeds):
    articles, _, settings = seeds
    reply, assembler, _ = ask(articles, settings, link=True)  # nothing cached either
    assert reply.kind == "miss"
    assert not assembler.entities


def test_the_child_links_a_cached_collection_when_asked(seeds):
    articles, analyses, settings = seeds
    cache = AnalysisCache(settings.cache_dir / "analysis", model_identity(settings.model))
    for article in articles:
        cache.put(article.text, analyses[article.id])
    assert ask(articles, settings, link=False)[0].kind == "miss"  # not linked yet
    reply, assembler, linking = ask(articles, settings, link=True)
    assert reply.kind == "done" and linking == [len(articles)]
    # Stored by the time it says done (aside, in a child of its own, or by itself).
    again, stored, linking = ask(articles, settings, link=False)
    assert again.kind == "done" and linking == [] and stored.complete
    same_entities(stored.corpus(), assembler.corpus())
    same_entities(assembler.corpus(), build_corpus(articles, analyses, [], settings))


def test_a_text_not_cached_or_damaged_leaves_the_analysis_to_the_parent(seeds):
    articles, analyses, settings = seeds
    cache = AnalysisCache(settings.cache_dir / "analysis", model_identity(settings.model))
    cache.put(articles[0].text, analyses[articles[0].id])
    # One text not cached at all: looked for before reading any, nothing is said.
    reply, assembler, linking = ask(articles, settings, link=True)
    assert reply.kind == "miss" and linking == [] and not assembler.entities
    # Cached, but damaged: found only by reading it, after the linking was said.
    cache.put(articles[1].text, analyses[articles[1].id])
    cache.path(cache.key(articles[1].text)).write_text("{damaged", encoding="utf-8")
    reply, assembler, linking = ask(articles, settings, link=True)
    assert reply.kind == "miss" and linking == [len(articles)] and not assembler.entities


def test_an_interim_link_leaves_out_what_is_not_analyzed_and_stores_nothing(seeds):
    # The reader re-links while it analyzes: the cached texts are linked, the others
    # (not cached yet, or damaged) are shown without highlights; none is analyzed.
    articles, analyses, settings = seeds
    cache = AnalysisCache(settings.cache_dir / "analysis", model_identity(settings.model))
    first, other = articles
    cache.put(first.text, analyses[first.id])
    for damaged in (False, True):
        if damaged:
            cache.put(other.text, analyses[other.id])
            cache.path(cache.key(other.text)).write_text("{damaged", encoding="utf-8")
        process = LinkProcess()
        process.start(articles, [], settings, None, True, interim=True)
        assembler = CorpusAssembler(articles, [], settings.model)
        reply = process.run(assembler.add, lambda count: None, cancelled=lambda: False)
        assert reply.kind == "done" and assembler.complete
        uncached = replace(settings, use_cache=False)
        expected = build_corpus(articles, {first.id: analyses[first.id]}, [], uncached)
        assert expected.entities
        same_entities(assembler.corpus(), expected)
        assert {m.article for e in assembler.entities for m in e.mentions} == {first.id}
        if not damaged:  # nothing was analyzed
            assert not cache.path(cache.key(other.text)).exists()
        # An incomplete collection is never stored: a lookup still misses.
        assert ask(articles, settings, link=False)[0].kind == "miss"


def test_the_child_tells_each_step_of_linking_before_the_entities_go_out(seeds):
    articles, analyses, settings = seeds
    # Analyses cached without their digests (as before the store kept them): the
    # first step digests each text, and says how far it is at its start and end.
    cache = AnalysisCache(settings.cache_dir / "analysis", model_identity(settings.model))
    for article in articles:
        cache.put(article.text, analyses[article.id])
    events: list[object] = []
    process = LinkProcess()
    process.start(articles, [], settings, None, True)
    reply = process.run(
        lambda frame: events.append("frame"),
        lambda count: events.append(("linking", count)),
        cancelled=lambda: False,
        on_step=lambda *step: events.append(step),
        on_count=lambda done, total: events.append(("count", done, total)),
    )
    assert reply.kind == "done"
    # Their rows hold nothing either: the cached analyses are read first, a step of its
    # own with its count, then the steps of linking follow, numbered after it.
    every = (READING_ANALYSES, *STEPS)
    steps = [(step, number, len(every)) for number, step in enumerate(every, 1)]
    counts = [("count", 0, len(articles)), ("count", len(articles), len(articles))]
    told = [("linking", len(articles)), steps[0], *counts, steps[1], *counts, *steps[2:]]
    assert events[: len(told)] == told
    assert set(events[len(told) :]) == {"frame"}


def test_the_child_links_from_the_digest_store_without_reading_analyses(seeds, monkeypatch):
    articles, analyses, settings = seeds
    analyzer = Analyzer(settings)
    for article in articles:
        analyzer.store(article.text, analyses[article.id])  # as analysis does: rows kept
    analyzer.flush()
    # Every cached analysis unreadable: the rows must hold what linking reads.
    for entry in (settings.cache_dir / "analysis").rglob("*.json"):
        entry.write_text("{damaged", encoding="utf-8")
    reply, assembler, linking = ask(articles, settings, link=True)
    assert reply.kind == "done" and linking == [len(articles)]
    same_entities(
        assembler.corpus(),
        build_corpus(
            articles, analyses, [], replace(settings, cache_dir=settings.cache_dir / "other")
        ),
    )


def test_a_child_that_dies_is_reported_in_one_line(seeds):
    articles, _, settings = seeds
    dying = LinkProcess([sys.executable, "-c", "import sys; sys.exit(3)"])
    with pytest.raises(LinkProcessDied) as caught:
        ask(articles, settings, link=False, process=dying)
    assert "exit status 3" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert dying.child is None  # stopped


def test_cancelling_kills_the_child_at_once(seeds):
    articles, _, settings = seeds
    process = LinkProcess([sys.executable, "-c", "import time; time.sleep(600)"])
    process.start(articles, [], settings, None, link=False)
    child = process.child
    assert child is not None and child.poll() is None
    reply = process.run(lambda frame: None, lambda n: None, cancelled=lambda: True)
    assert reply.kind == "cancelled"
    assert child.wait(timeout=30) != 0  # killed, not finished


def test_a_preloading_child_reads_the_articles_itself(seeds, seeds_dir: Path):
    articles, analyses, settings = seeds
    # Stored in the index, linked with the alias files the child reads as well.
    aliases = load_articles([seeds_dir], settings).aliases
    corpus = build_corpus(articles, analyses, [], settings, aliases)
    process = LinkProcess()
    process.preload([seeds_dir], settings, link=False)
    assembler = CorpusAssembler(articles, [], settings.model)
    reply = process.run(assembler.add, print, lambda: False, expect=articles_digest(articles))
    assert reply.kind == "done"
    same_entities(assembler.corpus(), corpus)


def test_a_preloading_child_that_read_other_articles_is_refused(seeds, seeds_dir: Path):
    articles, _, settings = seeds
    edited = [replace(articles[0], text=articles[0].text + " Edited."), *articles[1:]]
    process = LinkProcess()
    process.preload([seeds_dir], settings, link=False)
    frames: list[bytes] = []
    reply = process.run(frames.append, print, lambda: False, expect=articles_digest(edited))
    assert reply.kind == "mismatch" and frames == []
    assert process.child is None


def test_a_preloading_child_sends_the_articles_it_reads_then_links_on(seeds, seeds_dir: Path):
    articles, analyses, settings = seeds
    loaded = load_articles([seeds_dir], settings)
    corpus = build_corpus(articles, analyses, [], settings, loaded.aliases)
    process = LinkProcess()
    process.preload([seeds_dir], settings, link=False)
    chunks = []
    reply = process.read_articles(chunks.append, lambda: False)
    assert reply.kind == "loaded" and reply.info["digest"] == articles_digest(articles)
    assert [a for c in chunks for a in c.articles] == articles
    assert chunks[-1].last and chunks[-1].aliases == loaded.aliases
    # The same child goes on to the corpus of what it sent.
    assembler = CorpusAssembler(articles, [], settings.model)
    assert process.run(assembler.add, print, lambda: False).kind == "done"
    same_entities(assembler.corpus(), corpus)


def test_reading_from_a_preloading_child_can_be_cancelled(seeds, seeds_dir: Path):
    _, _, settings = seeds
    process = LinkProcess()
    process.preload([seeds_dir], settings, link=False)
    chunks: list[object] = []
    assert process.read_articles(chunks.append, lambda: True).kind == "cancelled"
    assert chunks == [] and process.child is None


def test_a_preloading_child_reads_on_while_the_reader_has_not_taken_its_chunks(
    settings: Settings, tmp_path: Path, monkeypatch
):
    # The reader starts up while the child reads: a chunk it has not taken yet must not
    # hold the reading (and the lookup after it) up.
    folder = tmp_path / "many"
    folder.mkdir()
    paragraph = "Officials in Kyiv said the talks would resume on Monday. " * 40
    for number in range(250):  # three chunks of articles, far more than a pipe holds
        (folder / f"{number:03}.txt").write_text(f"Report {number}\n\n{paragraph}", "utf-8")
    looked_up = threading.Event()

    def linked(articles, head, outbox, ahead=None):
        looked_up.set()
        return None, list, "model"

    monkeypatch.setattr(link_child, "_linked", linked)
    request_read, request_write = os.pipe()
    reply_read, reply_write = os.pipe()
    requests = Connection(request_read, writable=False)
    replies = Connection(reply_write, readable=False)
    to_child = Connection(request_write, readable=False)
    from_child = Connection(reply_read, writable=False)
    to_child.send_bytes(pickle.dumps({"settings": settings, "paths": [str(folder)]}))
    child = threading.Thread(target=link_child.serve, args=(requests, replies), daemon=True)
    child.start()
    try:
        # Nothing read from the child yet, and it has read every article all the same.
        assert looked_up.wait(30)
    finally:
        replies_read = []
        while child.is_alive() or from_child.poll(0):
            if from_child.poll(0.1):
                replies_read.append(from_child.recv_bytes())
        for end in (to_child, from_child, replies):
            end.close()
    kinds = [r[:1].decode() if r[:1] != b"M" else orjson.loads(r[1:])[0] for r in replies_read]
    assert kinds == ["A", "A", "A", "loaded", "miss"]


def test_the_reply_writer_leaves_linking_the_idle_core(monkeypatch) -> None:
    # The writer only moves replies from its queue to the pipe: with it running, the
    # untagged-name search still takes its half to the other core (``reader.aside``).
    from multiprocessing import Pipe

    from reader import aside

    monkeypatch.setattr(aside, "idle_core", lambda: True)
    receiving, sending = Pipe(duplex=False)
    outbox = link_child._Outbox(sending)
    # Whatever other threads the test runner keeps, only the writer is looked at.
    threads = [threading.current_thread(), outbox._thread]
    monkeypatch.setattr(threading, "enumerate", lambda: threads)
    try:
        outbox.put(b"M" + orjson.dumps(["linking", {"articles": 1}]))
        assert receiving.recv_bytes().startswith(b"M")
        running = aside.start(lambda receive: os.getpid(), int, int)
        running.send(None)
        assert running.result() != os.getpid()
    finally:
        outbox.close()
        receiving.close()


def test_a_changed_collection_comes_first_as_linked_before_when_asked(seeds):
    articles, analyses, settings = seeds
    # The first article alone was linked (and stored) before; now both are opened.
    before = build_corpus(articles[:1], analyses, [], settings)
    cache = AnalysisCache(settings.cache_dir / "analysis", model_identity(settings.model))
    for article in articles:
        cache.put(article.text, analyses[article.id])

    def run(provisional: bool) -> list[object]:
        events: list[object] = []
        process = LinkProcess()
        process.start(articles, [], settings, None, True, provisional)
        reply = process.run(
            events.append,
            lambda count: events.append(("linking", count)),
            cancelled=lambda: False,
            on_provisional=lambda info: events.append(("provisional", info)),
        )
        assert reply.kind == "done"
        return events

    events = run(provisional=True)
    assert events[0] == ("provisional", {"numbers": [0], "added": 1, "removed": 0})
    linking = events.index(("linking", len(articles)))
    # The stored collection as the index holds it, up to its end, then the new link.
    # The stored collection as the index holds it, then the added article linked into
    # it (its analysis is cached), then the end; then the new link.
    stored = [e for e in events[1:linking] if isinstance(e, bytes)]
    *kept, attached, end = stored
    assert [*kept, end] == [*corpus_frames(before)]
    assert attached.startswith(b'["attached"')
    early = ProvisionalAssembler(articles, [], settings.model, [0])
    for frame in stored:
        early.add(frame)
    assert early.complete
    provisional = early.corpus()
    # Every entity linked before is there first, as it was; the added article's names
    # joined them (the two seeds share Russia, Ukraine, the Kremlin...), or are new.
    assert [e.id for e in provisional.entities[: len(before.entities)]] == [
        e.id for e in before.entities
    ]
    added = articles[1].id
    joined = {e.name for e in provisional.entities[: len(before.entities)] if e.count_in(added)}
    assert {"Russia", "Ukraine", "Kremlin"} <= joined
    assert all(e.count_in(added) for e in provisional.entities[len(before.entities) :])
    assert any(q.article == added for q in provisional.quotes)
    assembler = CorpusAssembler(articles, [], settings.model)
    for frame in events[linking + 1 :]:
        assert isinstance(frame, bytes)
        assembler.add(frame)
    uncached = replace(settings, use_cache=False)
    full = build_corpus(articles, analyses, [], uncached)
    same_entities(assembler.corpus(), full)
    # Each of the added article's named mentions is attached, once.
    digest = digest_article(articles[1], analyses[added])
    spans = [
        (m.start, m.end) for e in provisional.entities for m in e.mentions if m.article == added
    ]
    assert sorted(spans) == sorted(zip(digest.columns.starts, digest.columns.ends, strict=True))
    # Not asked (the command line's and the tests' requests): nothing provisional. The
    # link just made is stored, so the collection is a hit now in any case.
    (settings.cache_dir / "collections.sqlite3").unlink()
    build_corpus(articles[:1], analyses, [], settings)
    assert not any(isinstance(e, tuple) and e[0] == "provisional" for e in run(False))
    assert not any(isinstance(e, tuple) and e[0] == "provisional" for e in run(True))


def editions(
    seeds_dir: Path, folder: Path, count: int, analyses: dict[str, Analysis], settings: Settings
) -> tuple[list[Article], dict[str, Analysis]]:
    """``count`` editions of each seed in ``folder``: the seed's text and a closing line
    that names no one, read back as articles, and each edition's seed's recorded
    analysis (which fits the edition's text too), by article id."""
    folder.mkdir()
    seed_of = {}
    for seed in sorted(seeds_dir.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for number in range(count):
            path = folder / f"{seed.stem}-{number:02}.txt"
            path.write_text(f"{text.rstrip()}\n\nThis is edition {number} of the story.\n")
            seed_of[path.name] = seed.name
    articles = load_articles([folder], settings).articles
    assert len(articles) == len(seed_of)
    return articles, {a.id: analyses[seed_of[Path(a.id).name]] for a in articles}


def test_the_child_analyzes_a_few_new_texts_itself_then_links(seeds, seeds_dir, tmp_path):
    _, analyses, settings = seeds
    articles, recorded = editions(seeds_dir, tmp_path / "wire", 11, analyses, settings)
    new = articles[-1]
    analyzer = Analyzer(settings)
    for article in articles:
        if article is not new:
            analyzer.store(article.text, recorded[article.id])
    analyzer.flush()
    assert len(articles) == 22 and len(articles) * link_child.FEW_NEW >= 1
    events: list[object] = []
    process = LinkProcess()
    process.start(articles, [], settings, None, True)
    assembler = CorpusAssembler(articles, [], settings.model)
    reply = process.run(
        assembler.add,
        lambda count: events.append(("linking", count)),
        cancelled=lambda: False,
        on_step=lambda *step: events.append(step),
        on_count=lambda done, total: events.append(("count", done, total)),
    )
    assert reply.kind == "done"
    every = (link_child.ANALYZING, *STEPS)
    analyzing = (link_child.ANALYZING, 1, len(every))
    assert events[:3] == [("linking", len(articles)), analyzing, ("count", 1, 1)]
    # The new text was analyzed by the model (and cached, as the reader would have).
    fresh = AnalysisCache(settings.cache_dir / "analysis", model_identity(settings.model))
    analysis = fresh.get(new.text)
    assert analysis is not None and any(m.label == "PERSON" for m in analysis.mentions)
    recorded[new.id] = analysis
    uncached = replace(settings, use_cache=False)
    same_entities(assembler.corpus(), build_corpus(articles, recorded, [], uncached))


def test_a_preloading_child_links_what_it_read_from_the_digest_rows(seeds, seeds_dir, tmp_path):
    # Many articles, read by the child in several chunks: what it links from the texts'
    # digest rows is what linking the articles here gives.
    _, analyses, settings = seeds
    folder = tmp_path / "wire"
    articles, recorded = editions(seeds_dir, folder, 110, analyses, settings)
    analyzer = Analyzer(settings)
    for article in articles:
        analyzer.store(article.text, recorded[article.id])
    analyzer.flush()
    process = LinkProcess()
    process.preload([folder], settings, link=True)
    chunks: list[LoadChunk] = []
    assert process.read_articles(chunks.append, lambda: False).kind == "loaded"
    assert [a for c in chunks for a in c.articles] == articles and len(chunks) > 1
    assembler = CorpusAssembler(articles, [], settings.model)
    assert process.run(assembler.add, print, lambda: False).kind == "done"
    uncached = replace(settings, use_cache=False)
    same_entities(assembler.corpus(), build_corpus(articles, recorded, [], uncached))


#: The linking process, with the model failing on any text that has ``MARK`` in it.
CHOKING_CHILD = """
import sys
from reader import link_child, nlp
real = nlp.doc_analysis
def choking(doc):
    if "MARK" in doc.text:
        raise ValueError("the parser choked")
    return real(doc)
nlp.doc_analysis = choking
sys.exit(link_child.main(sys.argv[1:]))
"""


def test_a_new_text_the_model_fails_on_is_left_to_the_parent(seeds, seeds_dir, tmp_path):
    # The parent analyzes it again, and says why it failed (the reader keeps it unanalyzed).
    _, analyses, settings = seeds
    articles, recorded = editions(seeds_dir, tmp_path / "wire", 11, analyses, settings)
    new = replace(articles[-1], text=articles[-1].text + "\nMARK\n")
    articles[-1] = new
    analyzer = Analyzer(settings)
    for article in articles[:-1]:
        analyzer.store(article.text, recorded[article.id])
    analyzer.flush()
    process = LinkProcess([sys.executable, "-c", CHOKING_CHILD])
    reply, assembler, linking = ask(articles, settings, link=True, process=process)
    assert reply.kind == "miss" and linking == [len(articles)] and not assembler.entities
    assert Analyzer(settings).uncached(articles) == [new]  # nothing cached for it


def test_more_new_texts_than_a_few_are_left_to_the_parent(seeds, seeds_dir, tmp_path):
    _, analyses, settings = seeds
    articles, recorded = editions(seeds_dir, tmp_path / "wire", 11, analyses, settings)
    analyzer = Analyzer(settings)
    for article in articles[:-2]:  # two of 22 not analyzed: more than one in twenty
        analyzer.store(article.text, recorded[article.id])
    analyzer.flush()
    reply, assembler, linking = ask(articles, settings, link=True)
    assert reply.kind == "miss" and linking == [] and not assembler.entities


class _Sent:
    """A stand-in for the child's outbox: what it was given, by kind."""

    def __init__(self, events: list[tuple[str, object]]) -> None:
        self.events = events

    def put(self, reply: bytes) -> None:
        self.events.append(("sent", reply[:1]))


def test_a_preloading_child_reads_the_digest_rows_while_the_files_are_read_aside(
    seeds, seeds_dir, tmp_path, monkeypatch
):
    # A child of the child reads the files (slowly here); meanwhile the texts' digest
    # rows are read, unless the collection looks stored: a reopened one needs none.
    from reader import aside, stream_aside
    from reader.collection import CollectionLinker
    from tests.test_stream_aside import slowed

    _, analyses, settings = seeds
    folder = tmp_path / "wire"
    articles, recorded = editions(seeds_dir, folder, 110, analyses, settings)  # 3 chunks
    analyzer = Analyzer(settings)
    for article in articles:
        analyzer.store(article.text, recorded[article.id])
    analyzer.flush()
    events: list[tuple[str, object]] = []
    stored = CollectionLinker.stored

    def recorded_stored(self, asked):
        events.append(("rows", len(asked)))
        return stored(self, asked)

    monkeypatch.setattr(CollectionLinker, "stored", recorded_stored)
    monkeypatch.setattr(aside, "can_fork", lambda busy=False: True)
    monkeypatch.setattr(stream_aside, "ASIDE_FROM_FILES", 2)
    monkeypatch.setattr(stream_aside, "stream_articles", slowed(0.05))
    monkeypatch.setattr(link_child, "LINK_NICENESS", 0)  # this process is the test's

    def opened() -> Corpus:
        head = {"settings": settings, "link": True, "paths": [str(folder)]}
        read, ahead = link_child._preloaded(head, _Sent(events))
        assert read == articles and ahead is not None
        frames, _, _ = link_child._linked(read, head, _Sent(events), ahead)
        assert frames is not None
        assembler = CorpusAssembler(articles, [], settings.model)
        for frame in frames:
            assembler.add(frame)
        return assembler.corpus()

    first = opened()
    chunks = [n for n, event in enumerate(events) if event == ("sent", b"A")]
    rows = [n for n, event in enumerate(events) if event[0] == "rows"]
    assert len(chunks) == 3
    assert rows and rows[0] < chunks[-1]  # read before the last file was
    uncached = replace(settings, use_cache=False)
    same_entities(first, build_corpus(articles, recorded, [], uncached))
    events.clear()
    again = opened()
    assert [event for event in events if event[0] == "rows"] == []
    same_entities(again, first)
