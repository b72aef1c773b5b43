"""Batch analysis on an existing Dask cluster (the optional ``reader[cluster]`` extra).

Batches go to the workers with ``Client.map``; results come back to this
process, which writes the cache, so workers need neither the article files
nor a shared file system, only the same reader installed. A worker keeps its
loaded model between batches (``reader.batch.worker_pipeline``). When a worker
dies, Dask's scheduler gives its batches to another worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reader.batch import BatchResult, analyze_batch, checked_results

INSTALL_HINT = "pip install 'reader[cluster]'"
#: Seconds to wait for the scheduler before giving up with a message.
CONNECT_TIMEOUT = 10.0


class ClusterUnavailable(RuntimeError):
    """The cluster cannot be used; the message is one line saying why."""


def address_problem(address: str) -> str | None:
    """Why ``address`` is not a scheduler address Dask can use, or None if it looks fine."""
    from distributed.comm import parse_address
    from distributed.comm.addressing import parse_host_port

    try:
        scheme, location = parse_address(address)
        if scheme in ("tcp", "tls", "ws", "wss"):
            parse_host_port(location)
    except ValueError as exc:
        return str(exc).split("\n")[0][:200]
    return None


class DaskRunner:
    """Analyzes batches on the Dask cluster whose scheduler is at ``address``.

    Raises:
        ClusterUnavailable: Dask is not installed, or the scheduler cannot be reached.
    """

    def __init__(self, model: str, address: str, timeout: float = CONNECT_TIMEOUT) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise ClusterUnavailable(
                f"--scheduler needs Dask's distributed package: {INSTALL_HINT}"
            ) from exc
        self.model = model
        self.address = address
        # A malformed address is caught before a Client exists: a Client that
        # failed half-way stalls the interpreter's exit while it closes.
        problem = address_problem(address)
        if problem:
            raise ClusterUnavailable(f"bad Dask scheduler address {address!r}: {problem}")
        try:
            self.client: Any = Client(address, timeout=timeout, set_as_default=False)
        except Exception as exc:  # bad address, refused, timeout: one line each
            reason = str(exc).strip().split("\n")[0][:200] or type(exc).__name__
            raise ClusterUnavailable(
                f"cannot reach the Dask scheduler at {address}: {reason}"
            ) from exc
        self._futures: list[Any] = []

    def run(self, batches: list[list[str]]) -> Iterator[BatchResult]:
        from distributed import as_completed

        # pure=False: a batch is work to do, not a value Dask may share or cache.
        self._futures = self.client.map(
            analyze_batch, [self.model] * len(batches), batches, pure=False
        )
        numbers = {future.key: number for number, future in enumerate(self._futures)}
        # This client is not the process default, so as_completed is told its loop.
        finished = as_completed(self._futures, with_results=True, loop=self.client.loop)
        for future, (fingerprint, outcomes) in finished:
            yield from checked_results(numbers[future.key], fingerprint, outcomes)

    def close(self) -> None:
        """Cancel what is left and disconnect; the cluster itself keeps running."""
        futures, self._futures = self._futures, []
        try:
            if futures:
                self.client.cancel(futures)
        finally:
            self.client.close()
