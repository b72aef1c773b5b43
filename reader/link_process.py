"""Reopening and linking a collection in a process of its own.

Looking a 10,000-article collection up in the index, or linking it, is seconds
of Python work that holds the interpreter lock: in a thread of the reader's UI
process it starves the UI (keys wait). :class:`LinkProcess` runs that work in
a child interpreter (``python -m reader.link_child``) that imports neither
Textual nor, on the warm path, spaCy, and streams the corpus back as the small
frames of :mod:`reader.corpus_wire`.

The child answers one request: look the articles up in the collection index;
on a miss, and only when asked to link, link them from the analysis cache if
every article is cached there, or all but a few (``link_child.FEW_NEW``), which
it then analyzes first (and store the result in the index). Otherwise it
answers ``miss`` and the caller analyzes in its own process as before. An
``interim`` request (the reader re-links while it analyzes) links what is
cached and leaves the rest without analyses, analyzing and storing nothing.

The child may also read the articles itself (``preload``, while the reader
reads them too); it then first tells their digest.

Frames from the child are ``C`` + a corpus frame, ``A`` + a pickled
:class:`~reader.article_stream.LoadChunk` (a preloading child's articles, as it
reads them), or ``M`` + an orjson message: ``["loaded", {"digest": ...}]``,
``["linking", {"articles": n}]``, then ``["step", {"step": what, "number": k, "of": n}]``
as each step of linking begins (``collection.STEPS``, after a step of reading cached
analyses when some must be, and one of analyzing the few new texts when there are
some), ``["count", {"done": d, "total": t}]`` now and then while a step reads,
analyzes or digests texts, ``["miss", {}]``,
``["error", {"message": ...}]``, ``["done", {"warnings": [...], "model": ...}]``.

A child asked for it (``provisional``) that links a changed collection first sends
the nearest collection the index holds: ``["provisional", {"numbers": [...],
"added": a, "removed": r}]`` (``collection_members.Nearest``), then that collection's
corpus frames, the added articles analyzed before linked into it (one ``attached``
frame: ``interim_link``), its end frame, then the rest as above.
"""

from __future__ import annotations

import hashlib
import pickle
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from reader.child_process import Child, module_command, spawn
from reader.config import Settings
from reader.linking import AliasTable
from reader.model import Article, LoadError

if TYPE_CHECKING:
    from reader.article_stream import LoadChunk

#: Articles per message to the child: each pickles in a few milliseconds.
ARTICLES_PER_MESSAGE = 300


class LinkProcessDied(Exception):
    """The linking process ended without answering (killed, crashed, or never started)."""


@dataclass(frozen=True, slots=True)
class Reply:
    """One answer from the child: a corpus ``frame`` or a message ``kind`` with its ``info``."""

    #: "corpus", "loaded", "linking", "step", "count", "miss", "error", "done"; or run's own.
    kind: str
    frame: bytes = b""
    info: dict[str, Any] = field(default_factory=dict)


class LinkProcess:
    """The parent's handle on one child: start it, read its replies, stop it.

    Not thread-safe: one thread starts, reads and stops it (``stop`` may come
    from any thread).
    """

    def __init__(self, command: Sequence[str] | None = None) -> None:
        """``command`` runs the child (default: this module); the two pipes' file
        descriptors are appended to it."""
        self.command = list(command or module_command("reader.link_child"))
        self._child: Child | None = None

    @property
    def child(self) -> subprocess.Popen[bytes] | None:
        """The running child, if any."""
        return self._child.process if self._child else None

    def preload(self, paths: Sequence[Path], settings: Settings, link: bool) -> None:
        """Start the child on local ``paths``: it reads the articles itself, meanwhile.

        The reader reads them too, at the same time; ``run`` checks with
        ``expect`` that both read the same articles before any frame is used.

        Raises:
            LinkProcessDied: the child could not be started or stopped reading.
        """
        self._spawn()
        head = {"settings": settings, "link": link, "paths": [str(p) for p in paths]}
        head["provisional"] = link  # only the reader preloads, and it shows one
        self._send(pickle.dumps(head))

    def start(
        self,
        articles: Sequence[Article],
        errors: Sequence[LoadError],
        settings: Settings,
        aliases: AliasTable | None,
        link: bool,
        provisional: bool = False,
        interim: bool = False,
    ) -> None:
        """Start the child and send it the request and the articles.

        Args:
            link: on an index miss, link the collection if every analysis is cached.
            provisional: when it links, first send the nearest stored collection.
            interim: link whatever is cached now, however much is not (the reader is
                analyzing the rest): those texts are linked without analyses, none is
                analyzed, and the collection is not stored (it is incomplete).

        Raises:
            LinkProcessDied: the child could not be started or stopped reading.
        """
        self._spawn()
        head: dict[str, Any] = {"settings": settings, "aliases": aliases, "link": link}
        head["provisional"] = provisional
        head["interim"] = interim
        head |= {"errors": list(errors), "count": len(articles)}
        self._send(pickle.dumps(head))
        for start in range(0, len(articles), ARTICLES_PER_MESSAGE):
            self._send(pickle.dumps(list(articles[start : start + ARTICLES_PER_MESSAGE])))

    def _send(self, data: bytes) -> None:
        if self._child is None:
            raise LinkProcessDied("the linking process is not running")
        try:
            self._child.requests.send_bytes(data)
        except OSError as error:
            raise LinkProcessDied(self._death()) from error

    def _spawn(self) -> None:
        try:
            child = spawn(self.command)
        except OSError as error:
            raise LinkProcessDied(f"the linking process could not start: {error}") from error
        self._child = child

    def receive(self, timeout: float) -> Reply | None:
        """The child's next reply, or None when none came within ``timeout`` seconds.

        Raises:
            LinkProcessDied: the child ended without its final reply.
        """
        channel = self._child.replies if self._child else None
        if channel is None:
            raise LinkProcessDied("the linking process is not running")
        try:
            if not channel.poll(timeout):
                return None
            data = channel.recv_bytes()
        except (EOFError, OSError) as error:
            raise LinkProcessDied(self._death()) from error
        if data[:1] == b"C":
            return Reply("corpus", frame=data[1:])
        if data[:1] == b"A":
            return Reply("articles", frame=data[1:])
        kind, info = orjson.loads(data[1:])
        return Reply(str(kind), info=dict(info))

    def has_reply(self) -> bool:
        """Whether a reply is waiting to be received (``receive`` would not wait)."""
        channel = self._child.replies if self._child else None
        try:
            return channel is not None and channel.poll(0)
        except (EOFError, OSError):
            return True  # ``receive`` says what became of the child

    def run(
        self,
        on_frame: Callable[[bytes], object],
        on_linking: Callable[[int], object],
        cancelled: Callable[[], bool],
        poll: float = 0.05,
        expect: str | None = None,
        on_step: Callable[[str, int, int], object] | None = None,
        on_count: Callable[[int, int], object] | None = None,
        on_provisional: Callable[[dict[str, Any]], object] | None = None,
    ) -> Reply:
        """Hand each corpus frame to ``on_frame`` until the final reply, which is returned.

        ``on_provisional(info)`` is told of a provisional collection: the frames up to
        the next end frame are its own (see the module's notes).

        ``on_linking(articles)`` is called when the child starts linking (a miss
        in the index, every analysis cached), then ``on_step(what, number, of)``
        as each step of the linking begins, and ``on_count(done, total)`` as the
        texts are read or digested when they must be (that step's count, now and
        then, and at the last). The final reply is ``done``,
        ``miss`` or ``error``, or ``Reply("cancelled")`` when ``cancelled()``
        turned true first (looked at every ``poll`` seconds), or
        ``Reply("mismatch")`` when a preloading child read other articles than
        those of digest ``expect`` (``articles_digest``). The child is stopped
        in every case.

        Raises:
            LinkProcessDied: the child ended without its final reply.
        """
        try:
            while not cancelled():
                reply = self.receive(poll)
                if reply is None:
                    continue
                if reply.kind == "corpus":
                    on_frame(reply.frame)
                elif reply.kind == "linking":
                    on_linking(int(reply.info.get("articles", 0)))
                elif reply.kind == "step":
                    if on_step is not None:
                        info = reply.info
                        on_step(str(info.get("step", "")), info.get("number", 0), info.get("of", 0))
                elif reply.kind == "count":
                    if on_count is not None:
                        on_count(int(reply.info.get("done", 0)), int(reply.info.get("total", 0)))
                elif reply.kind == "provisional":
                    if on_provisional is not None:
                        on_provisional(reply.info)
                elif reply.kind == "articles":
                    continue  # read by ``read_articles``, or by nobody (the caller read them)
                elif reply.kind == "loaded":
                    if expect is not None and reply.info.get("digest") != expect:
                        return Reply("mismatch")
                else:
                    return reply
            return Reply("cancelled")
        finally:
            self.stop()

    def read_articles(
        self,
        on_chunk: Callable[[LoadChunk], object],
        cancelled: Callable[[], bool],
        poll: float = 0.05,
    ) -> Reply:
        """Hand each chunk of articles a preloading child read to ``on_chunk``, until it
        has read them all; the child then goes on (``run`` reads the rest).

        Returns:
            ``loaded`` (with the digest), ``error``, or ``Reply("cancelled")``
            when ``cancelled()`` turned true first; the child is stopped then.

        Raises:
            LinkProcessDied: the child ended before it had read everything.
        """
        while not cancelled():
            reply = self.receive(poll)
            if reply is None:
                continue
            if reply.kind == "articles":
                on_chunk(pickle.loads(reply.frame))
            elif reply.kind in ("loaded", "error"):
                return reply
        self.stop()
        return Reply("cancelled")

    def stop(self) -> None:
        """End the child now (it may be mid-link) and close the pipes; safe to repeat."""
        child, self._child = self._child, None
        if child is not None:
            child.stop()

    def _death(self) -> str:
        child = self._child
        return child.death("the linking process") if child else "the linking process is gone"


#: The linking process started on the paths the reader was given, until someone takes it.
_waiting: LinkProcess | None = None


def preload(paths: Sequence[Path | str], settings: Settings) -> None:
    """Start a linking process reading ``paths`` now (see ``LinkProcess.preload``).

    Called as early as possible (before the UI's imports): reading and looking
    up a large collection is the longest part of opening it. Only for local
    files and folders (a web page is fetched once, by the reader) and with a
    cache (without one nothing can be looked up). ``take_preloaded`` hands the
    process over; ``discard_preloaded`` ends it if nobody wants it.
    """
    global _waiting
    discard_preloaded()
    if not paths or not settings.use_cache or not all(isinstance(p, Path) for p in paths):
        return
    process = LinkProcess()
    try:
        process.preload([Path(p) for p in paths], settings, link=True)
    except LinkProcessDied:
        process.stop()  # whoever wanted it starts one of its own later, and says so if that fails
        return
    _waiting = process


def preloaded() -> LinkProcess | None:
    """The preloaded linking process, if one runs and nobody took it."""
    return _waiting


def take_preloaded() -> LinkProcess | None:
    """Hand the preloaded linking process over (None if there is none)."""
    global _waiting
    process, _waiting = _waiting, None
    return process


def discard_preloaded() -> None:
    """End the preloaded linking process if nobody took it."""
    global _waiting
    if _waiting is not None:
        _waiting.stop()
        _waiting = None


def articles_digest(articles: Sequence[Article]) -> str:
    """A digest of the articles' ids, texts, titles and dates, in order.

    What a preloading child and the reader compare: the corpus's offsets are
    only valid against the very texts the child linked.
    """
    digest = hashlib.sha256()
    for article in articles:
        for part in (article.id, article.text, article.title or "", article.date or ""):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()
