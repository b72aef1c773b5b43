"""One column: an article's title and byline (source, author, date) above its text."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from reader.model import Article
from reader.ui.article_view import ArticleView
from reader.ui.highlights import ArticleMarks
from reader.ui.layout import sanitize


def header_text(article: Article | None, number: int) -> tuple[Text, Text]:
    """The column heading's two lines: number and title, then the byline.

    The byline is the outlet, the author and the date ("Reuters · Jane Doe ·
    2023-02-14"), each when known, else the article's id.

    Both are plain text: article metadata is never parsed as markup.
    """
    if article is None:
        return Text(f"{number}  (no article)", style="dim"), Text("press o to choose one")
    title = sanitize(article.title or article.id).replace("\n", " ")
    details = [
        sanitize(part).replace("\n", " ")
        for part in (article.source, article.author, article.date)
        if part
    ]
    heading = Text()
    heading.append(f"{number} ", style="reverse")
    heading.append(f" {title}", style="bold")
    return heading, Text(" · ".join(details) or sanitize(article.id), style="italic")


class ArticleColumn(Vertical):
    """A column showing one article; ``number`` is its 1-based position."""

    def __init__(self, number: int, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="article-column")
        self.number = number
        self.article: Article | None = None

    def compose(self) -> ComposeResult:
        title, details = header_text(None, self.number)
        yield Static(title, classes="column-title")
        yield Static(details, classes="column-details")
        yield ArticleView(classes="article-view")

    @property
    def view(self) -> ArticleView:
        """The text view of this column."""
        return self.query_one(ArticleView)

    def show(self, article: Article | None, marks: ArticleMarks | None) -> None:
        """Show ``article`` (with ``marks``) in this column."""
        self.article = article
        title, details = header_text(article, self.number)
        self.query_one(".column-title", Static).update(title)
        self.query_one(".column-details", Static).update(details)
        self.view.show(article, marks)
