"""The analysis process's side: load the model once, then analyze every batch it is sent.

Started by :class:`reader.analysis_process.AnalysisProcess` as ``python -m
reader.analysis_child MODEL REQUEST_FD REPLY_FD``. Every message either way is
a pickled tuple (the pipes join this reader to its own child, nobody else):

- first, once: ``("ready", fingerprint)``, the analysis code's
  ``analysis_fingerprint`` (the parent refuses a child running other code, whose
  analyses would be cached under the wrong key), or ``("failed", reason)`` when
  the model could not be loaded, and the child ends;
- for each request (a list of texts): ``("analysis", index, Analysis)`` or
  ``("error", index, reason)`` for each text as soon as it is done, in order,
  then ``("done",)``.

The child ends when its request pipe closes, or when the reader is gone.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from multiprocessing.connection import Connection

from reader.batch import failure_reason, iter_outcomes, limit_threads
from reader.child_process import child_pipes, exit_when_orphaned


def serve(model: str, requests: Connection, replies: Connection) -> None:
    """Load ``model``, then answer requests until the request pipe closes."""
    from reader.nlp import analysis_fingerprint, load_pipeline

    try:
        nlp = load_pipeline(model)
    except Exception as error:  # said to the parent, which tells the reader in one line
        lines = str(error).strip().splitlines()
        replies.send(("failed", lines[0] if lines else failure_reason(error)))
        return
    replies.send(("ready", analysis_fingerprint()))
    while True:
        try:
            texts = requests.recv()
        except EOFError:
            return  # the parent closed the pipe: no more work
        for index, outcome in iter_outcomes(nlp, texts):
            if isinstance(outcome, str):
                replies.send(("error", index, outcome))
            else:
                replies.send(("analysis", index, outcome))
        replies.send(("done",))


def main(argv: Sequence[str]) -> int:
    """Entry point of ``python -m reader.analysis_child MODEL REQUEST_FD REPLY_FD``."""
    # Numeric libraries get one thread: the other core is the reader's.
    limit_threads()
    exit_when_orphaned()
    requests, replies = child_pipes(argv)
    try:
        serve(argv[0], requests, replies)
    except (EOFError, BrokenPipeError):
        return 1  # the parent went away: nobody to answer
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
