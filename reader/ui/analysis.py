"""Messages that carry analysis results from the worker thread to the screen."""

from __future__ import annotations

from textual.message import Message

from reader.model import Analysis


class AnalysisProgress(Message):
    """One more article was analyzed (or found in the cache)."""

    def __init__(self, done: int, total: int, article_id: str, analysis: Analysis) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.article_id = article_id
        self.analysis = analysis


class AnalysisFailed(Message):
    """The analysis could not run; ``reason`` is shown to the reader."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class AnalysisFinished(Message):
    """Every pending article has been analyzed."""
