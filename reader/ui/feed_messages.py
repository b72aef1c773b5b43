"""What the corpus feed tells the screen about the analysis as it runs."""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget

from reader.model import LoadError


class FeedMessage(Message):
    """A message from ``feed`` (a :class:`~reader.ui.corpus_feed.CorpusFeed`)."""

    def __init__(self, feed: Widget) -> None:
        super().__init__()
        self.feed = feed

    @property
    def control(self) -> Widget:
        return self.feed


class Progress(FeedMessage):
    """``done`` of ``total`` pending articles are analyzed (or failed)."""

    def __init__(self, feed: Widget, done: int, total: int) -> None:
        super().__init__(feed)
        self.done = done
        self.total = total


class Failed(FeedMessage):
    """The analysis could not run; ``reason`` is shown to the reader."""

    def __init__(self, feed: Widget, reason: str) -> None:
        super().__init__(feed)
        self.reason = reason


class NotAnalyzed(FeedMessage):
    """The model failed on an article's text: ``problem`` (a load warning) says which and
    why; the article stays readable, without highlights, and the others go on."""

    def __init__(self, feed: Widget, problem: LoadError) -> None:
        super().__init__(feed)
        self.problem = problem
