"""A replaced corpus is freed by a thread of its own, not by the UI thread that replaced it."""

from __future__ import annotations

import threading

from reader.model import Corpus
from reader.ui import corpus_memo
from reader.ui import let_go as let_go_module
from reader.ui.corpus_memo import per_corpus
from reader.ui.lazy_marks import LazyMarks
from reader.ui.let_go import let_go


def test_a_replaced_corpus_and_its_highlights_are_freed_by_the_let_go_thread(monkeypatch):
    monkeypatch.setattr(let_go_module, "DELAY", 0)
    monkeypatch.setattr(let_go_module, "CHUNK", 10)  # many chunks, each with its pause
    freed: list[str] = []

    class Piece:
        made = 0

        def __init__(self) -> None:
            Piece.made += 1
            self.id = f"piece-{Piece.made}"

        def __del__(self) -> None:
            freed.append(threading.current_thread().name)

    entities = [Piece() for _ in range(300)]
    quotes = [Piece() for _ in range(20)]
    corpus = Corpus(articles=[], entities=entities, quotes=quotes, errors=[], model="m")  # type: ignore[arg-type]
    marks = LazyMarks(corpus, {"a": [Piece()]}, {"a": [Piece()]}, {})  # type: ignore[list-item]
    box = [(corpus, marks)]
    del entities, quotes, corpus, marks
    thread = let_go(box)
    assert box == []  # the caller holds nothing now
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert len(freed) == 300 + 20 + 2
    assert set(freed) == {"let-go"}


def test_a_corpus_a_dialog_summary_drops_is_freed_by_the_let_go_thread(monkeypatch):
    # The dialogs' memo keeps the last two corpora: the one it drops may be the last
    # reference to a replaced collection, and the UI thread must not free it.
    monkeypatch.setattr(let_go_module, "DELAY", 0)
    freed: list[str] = []
    threads: list[threading.Thread] = []
    monkeypatch.setattr(
        corpus_memo, "let_go", lambda box: threads.append(let_go(box)) or threads[-1]
    )

    class Piece:
        def __init__(self, number: int) -> None:
            self.id = f"piece-{number}"

        def __del__(self) -> None:
            freed.append(threading.current_thread().name)

    @per_corpus
    def grouped(corpus: Corpus) -> dict[str, list[object]]:
        return {"all": list(corpus.entities)}

    def made() -> Corpus:
        entities = [Piece(n) for n in range(50)]
        return Corpus(articles=[], entities=entities, quotes=[], errors=[], model="m")  # type: ignore[arg-type]

    for _ in range(3):
        grouped(made())  # each corpus held by the memo alone
    assert len(threads) == 1  # the first corpus was dropped
    threads[0].join(timeout=30)
    assert len(freed) == 50 and set(freed) == {"let-go"}
