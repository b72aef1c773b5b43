"""The linking process's side: answer one request from the reader, then end.

Started by :class:`reader.link_process.LinkProcess` as ``python -m
reader.link_child REQUEST_FD REPLY_FD``. It reads the request (settings,
alias table, and either the articles or the paths to read them from), looks
the collection up in the index, links it from the analysis cache when asked
and (nearly) everything is cached, and answers in the frames and messages
described in :mod:`reader.link_process`. It imports neither Textual nor, on the
warm path, spaCy: only a few texts never analyzed (``FEW_NEW``) load the model.
"""

from __future__ import annotations

import gc
import pickle
import queue
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from reader import aside
from reader.child_process import child_pipes, exit_when_orphaned, lower_priority
from reader.config import Settings
from reader.corpus_wire import END, staged_frames, stored_frames
from reader.link_process import articles_digest
from reader.model import Article, LoadError
from reader.progress import Throttle

if TYPE_CHECKING:
    from reader.collection import CollectionLinker
    from reader.pipeline import Analyzer

#: How much the child lowers its priority while it links a collection (``os.nice``).
LINK_NICENESS = 5
#: How long a thread of the child may hold the interpreter lock while another waits
#: for it (seconds; ``sys.setswitchinterval``).
SWITCH_INTERVAL = 0.0005
#: How often, at most, the child says how many texts it has read or digested (seconds).
COUNT_INTERVAL = 0.1
#: The step said before linking's own when some texts' analyses must be read first.
READING_ANALYSES = "reading the cached analyses"
#: The step said before linking's own when a few texts were never analyzed.
ANALYZING = "analyzing the new texts"
#: The largest share of a collection's texts never analyzed that the child analyzes
#: itself (with the model, in its own process) before linking. Past it, the reader
#: analyzes them and shows each as it comes, as for a collection never opened.
FEW_NEW = 1 / 20


def serve(requests: Connection, replies: Connection) -> None:
    """Answer one request from ``requests`` on ``replies`` (the child's whole job)."""
    head = pickle.loads(requests.recv_bytes())
    articles: list[Article] = []
    while len(articles) < head.get("count", 0):
        articles.extend(pickle.loads(requests.recv_bytes()))
    requests.close()
    # Every reply goes out through a thread of its own: the reading goes on while the
    # reader takes in a chunk of articles, and making the next stage of a linked
    # collection (the stories) goes on while it decodes the frames, between keys.
    outbox = _Outbox(replies)
    try:
        _answer(head, articles, outbox)
    finally:
        outbox.close()


def _answer(head: dict[str, Any], articles: list[Article], outbox: _Outbox) -> None:
    try:
        ahead = None
        if "paths" in head:
            articles, ahead = _preloaded(head, outbox)
        frames, warnings, model = _linked(articles, head, outbox, ahead)
    except Exception as error:  # reported to the parent, which links itself instead
        _message(outbox, "error", {"message": f"{type(error).__name__}: {error}"})
        return
    if frames is None:
        _message(outbox, "miss", {})
        return
    try:
        for frame in frames:
            outbox.put(b"C" + frame)
    except Exception as error:
        _message(outbox, "error", {"message": f"{type(error).__name__}: {error}"})
    else:
        # Asked once every frame is made: storing the collection, after its last
        # stage, may have met a damaged index.
        _message(outbox, "done", {"warnings": warnings(), "model": model})


class _Outbox:
    """Replies written in order by a thread of their own while the caller goes on.

    A reply that cannot be written (the reader went away) ends the writing; the
    rest are dropped.
    """

    def __init__(self, replies: Connection) -> None:
        self._replies = replies
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._write, daemon=True)
        # It takes no lock linking's forked work needs: the idle core can search half
        # the untagged names (``reader.aside``) while replies go out.
        aside.fork_safe(self._thread)
        self._thread.start()

    def put(self, reply: bytes) -> None:
        self._queue.put(reply)

    def close(self) -> None:
        """Wait until every reply is written (or the writing ended)."""
        self._queue.put(None)
        self._thread.join()

    def _write(self) -> None:
        while (reply := self._queue.get()) is not None:
            try:
                self._replies.send_bytes(reply)
            except OSError:
                return  # the reader is gone: nobody to answer


def _preloaded(head: dict[str, Any], outbox: _Outbox) -> tuple[list[Article], _RowsAhead | None]:
    """The articles read from the request's paths, each chunk sent on as it is read (the
    reader shows them meanwhile), then what was read said; with them, when the
    collection is to be linked, the digest rows of its texts, read meanwhile."""
    # Imported here, as for ``_linked``.
    from reader.collection import CollectionLinker
    from reader.stream_aside import read_aside_pickled

    settings: Settings = head["settings"]
    # When the collection is to be linked, a forked child reads the files while this
    # process reads the texts' digest rows (``RowsAhead``), which linking needs unless
    # the index holds the collection: read only while waiting for the files anyway.
    ahead = _RowsAhead(CollectionLinker(settings)) if head.get("link") else None
    idle = ahead.step if ahead is not None else None
    articles: list[Article] = []
    errors: list[LoadError] = []
    paths = [Path(p) for p in head["paths"]]
    for chunk, sent in read_aside_pickled(paths, settings, idle, when_busy=True):
        articles += chunk.articles
        errors += chunk.errors
        if chunk.last:
            head["aliases"] = chunk.aliases
        if sent is None:
            sent = pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)
        outbox.put(b"A" + sent)  # as the child sent it: never pickled again
        if ahead is not None:
            ahead.add(chunk.articles)
    head["errors"] = errors
    _message(outbox, "loaded", {"digest": articles_digest(articles)})
    return articles, ahead


class _RowsAhead:
    """The digest rows of a collection's texts, read while its files are (``RowsAhead``),
    unless the collection looks stored: then its texts' rows are likely not needed,
    and they are read only once an article comes that no stored collection holds.

    Args:
        linker: the collection's linker, kept for linking it.
    """

    def __init__(self, linker: CollectionLinker) -> None:
        from reader.collection_digests import RowsAhead

        self.linker = linker
        self.rows = RowsAhead(linker.stored)
        # Made when the first articles come: the reading starts without waiting for it.
        self._stored: Callable[[Sequence[Article]], bool] | None = None
        self._reopened = True  # until an article comes that no stored collection holds

    def add(self, articles: Sequence[Article]) -> None:
        if self._reopened and articles:
            if self._stored is None:
                self._stored = self.linker.stored_guess()
            self._reopened = self._stored(articles)
            if not self._reopened:
                # Three processes share two cores with the reader's screen: keys go first.
                lower_priority(LINK_NICENESS)
        self.rows.add(articles)

    def step(self) -> bool:
        """Read the rows of a few more texts, unless the collection looks stored."""
        return not self._reopened and self.rows.step()


def _linked(
    articles: list[Article],
    head: dict[str, Any],
    outbox: _Outbox,
    ahead: _RowsAhead | None = None,
) -> tuple[Iterator[bytes] | None, Callable[[], list[str]], str]:
    """The corpus's frames (None: the parent must analyze), the warnings met making them
    (asked for once they are sent), the model's label; ``ahead``: the linker and the
    digest rows read while the articles were (``_preloaded``)."""
    # Imported here: the pipeline's imports are the bulk of the child's start-up, and
    # a test can run ``serve`` with a stand-in without them.
    from reader.collection import CollectionLinker
    from reader.pipeline import Analyzer, ModelNotFound

    settings: Settings = head["settings"]
    errors: list[LoadError] = head["errors"]
    if ahead is not None:
        linker = ahead.linker
        linker.aliases = head["aliases"]
    else:
        linker = CollectionLinker(settings, head["aliases"])

    def warnings() -> list[str]:
        return linker.warnings

    # Stored: sent on as stored, never built into a corpus here.
    stored_collection = linker.lookup_frames(articles)
    if stored_collection is not None:
        return stored_frames(stored_collection), warnings, linker.model
    if not head["link"]:
        return None, warnings, linker.model
    # An interim link (texts still being analyzed by the reader): the cached ones
    # linked, the others shown without highlights, nothing analyzed or stored here.
    interim = bool(head.get("interim"))
    analyzer = Analyzer(settings)
    if head.get("provisional") and not interim:
        _send_nearest(linker, analyzer, articles, outbox)
    # What linking reads of each analysis, from the digest store's compact rows where
    # they hold it (as the command line does); only the other texts' cached analyses
    # are read.
    stored = ahead.rows.result(articles) if ahead is not None else linker.stored(articles)
    rest = stored.missing(articles)
    try:
        # Looked for before anything is said: a text not analyzed needs the model.
        new = analyzer.uncached(rest)
    except ModelNotFound:
        return None, list, linker.model  # the parent says so: it knows how to word it
    # Never read from the cache: analyzed here, or (interim) left out, as are those
    # whose cached entry turns out damaged then.
    fresh = {a.id for a in new}
    if interim:
        new = []
    elif len(new) > len(articles) * FEW_NEW:
        # Many texts to analyze: the parent analyzes them and shows each as it comes.
        return None, list, linker.model
    _message(outbox, "linking", {"articles": len(articles)})
    # Linking a large collection takes a minute: when the cores are busy, the
    # reader's keys go first (the quick lookup above keeps its priority, unless the
    # rows were read ahead).
    lower_priority(LINK_NICENESS)
    # The entities go out as soon as they are linked; the stories are grouped (and the
    # collection stored) while the reader takes them in.
    from reader.collection import STEPS

    # Texts whose rows do not hold what linking reads (after an update of the linking
    # code) are read from the analysis cache first: a second for 10,000, counted too;
    # the few never analyzed are analyzed here.
    read = [a for a in rest if a.id not in fresh]
    steps = (
        *((READING_ANALYSES,) if read else ()),
        *((ANALYZING,) if new else ()),
        *STEPS,
    )

    counts = Throttle(COUNT_INTERVAL)

    def on_step(step: str) -> None:
        # Said as each begins: the reader shows which, and how far along the steps it is.
        info = {"step": step, "number": steps.index(step) + 1, "of": len(steps)}
        _message(outbox, "step", info)
        counts.restart()  # each step's count from its start

    def on_count(done: int, total: int) -> None:
        # Analyses read, or texts digested anew: seconds, so the count goes out too,
        # now and then, and at the last.
        if counts.due(done, total):
            _message(outbox, "count", {"done": done, "total": total})

    cached = {}
    if read:
        on_step(READING_ANALYSES)
        cached = analyzer.cached(read, on_count)
        if len(cached) < len(read) and not interim:
            return None, list, linker.model  # an entry damaged: the parent analyzes it
    if new:
        on_step(ANALYZING)
        # Stored in the cache (with their digests) as the parent would have.
        failed: list[Article] = []
        cached |= analyzer.analyze(
            new, lambda done, total, *_: on_count(done, total), lambda a, _: failed.append(a)
        )
        if failed:
            return None, list, linker.model  # the parent analyzes it too, and says why
    cached.update(stored.analyses)
    stages = linker.link_in_stages(articles, cached, errors, stored.digests, on_step, on_count)
    return staged_frames(stages), warnings, linker.model


def _send_nearest(
    linker: CollectionLinker, analyzer: Analyzer, articles: list[Article], outbox: _Outbox
) -> None:
    """Send the stored collection nearest to ``articles`` (a changed collection: some
    articles added, removed or edited), for the reader to show while this one is linked,
    with the added articles that were analyzed before linked into it."""
    from reader.interim_link import added_texts, attached_frame  # only when needed

    found = linker.nearest(articles)
    if found is None:
        return
    nearest, frames = found
    info = {"numbers": nearest.numbers, "added": nearest.added, "removed": nearest.removed}
    _message(outbox, "provisional", info)
    for frame in frames:
        outbox.put(b"C" + frame)
    # The added articles linked into it at once, from their digest rows (milliseconds):
    # they are highlighted while the whole collection is linked again.
    there = set(nearest.numbers)
    added = [a for n, a in enumerate(articles) if n not in there]
    analyses, digests = added_texts(added, linker.stored, analyzer.cached)
    attached = attached_frame(frames, articles, nearest.numbers, analyses, digests)
    if attached is not None:
        outbox.put(b"C" + attached)
    outbox.put(b"C" + END)


def _message(outbox: _Outbox, kind: str, info: dict[str, Any]) -> None:
    outbox.put(b"M" + orjson.dumps([kind, info]))


def main(argv: Sequence[str]) -> int:
    """Entry point of ``python -m reader.link_process REQUEST_FD REPLY_FD``."""
    # Short-lived and acyclic work: the cycle collector would only rescan the
    # hundreds of thousands of objects a lookup makes, again and again.
    gc.disable()
    # The thread sending frames waits for the interpreter lock after each one, while
    # this one makes the stories: at the default 5 ms a turn, frames would trickle out.
    sys.setswitchinterval(SWITCH_INTERVAL)
    requests, replies = child_pipes(argv)
    aside.fork_safe(exit_when_orphaned())
    try:
        serve(requests, replies)
    except (EOFError, BrokenPipeError):
        return 1  # the parent went away: nobody to answer
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
