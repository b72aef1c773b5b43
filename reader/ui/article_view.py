"""The text of one article, wrapped and highlighted, rendered line by line.

A Line API widget: only the visible rows are rendered, from a cache of styled
lines, so a megabyte of text opens and scrolls as fast as a short article.
Article text becomes plain ``Segment``s: it is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.model import Article, EntityMention
from reader.ui.highlights import ArticleMarks, Layer, Marked
from reader.ui.layout import DisplayLine, line_of, offset_at, sanitize, wrap

_KINDS = ("person", "place", "organization", "group")


class ArticleView(ScrollView, can_focus=True):
    """Shows one article; posts :class:`ArticleView.MentionClicked` when a mention is clicked."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"article-view--{kind}" for kind in _KINDS),
        "article-view--quote",
        "article-view--speaker",
        "article-view--note",
        "article-view--selected",
        "article-view--current",
        "article-view--dimmed",
        "article-view--altered",
        "article-view--found",
        "article-view--current-quote",
    }

    class MentionClicked(Message):
        """A highlighted entity mention was clicked."""

        def __init__(self, view: ArticleView, article_id: str, entity_id: str, offset: int):
            super().__init__()
            self.view = view
            self.article_id = article_id
            self.entity_id = entity_id
            self.offset = offset

        @property
        def control(self) -> ArticleView:
            return self.view

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self._text = ""
        self._marks = ArticleMarks()
        self._selected: str | None = None
        self._current: EntityMention | None = None
        self._lines: list[DisplayLine] = []
        self._starts: list[int] = []
        self._wrap_width = -1
        self._cache: LRUCache[int, Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}
        #: Words another outlet's version of a quote changed (see :meth:`mark_altered`).
        self._altered = Layer(())
        self._found = Layer(())
        #: The quote the reader came to from the quotes view (see :meth:`mark_quote`).
        self._quote = Layer(())

    # -- state set by the screen ---------------------------------------------------

    def show(self, article: Article | None, marks: ArticleMarks | None) -> None:
        """Show ``article`` with ``marks`` (None for no article)."""
        changed = article is not self.article
        self.article = article
        self._text = sanitize(article.text) if article else ""
        self._marks = marks or ArticleMarks()
        self._rewrap(force=True)
        if changed:
            self._altered = Layer(())
            self._quote = Layer(())
            self.scroll_to(0, 0, animate=False, immediate=True)

    def set_marks(self, marks: ArticleMarks | None) -> None:
        """Replace the highlights (the text stays); the same highlights again change nothing
        (a corpus whose stories arrive after its entities marks most articles the same)."""
        marks = marks or ArticleMarks()
        if marks == self._marks:
            return
        self._marks = marks
        self._rewrap(force=True)

    def set_selection(self, entity_id: str | None, current: EntityMention | None) -> None:
        """Mark ``entity_id``'s mentions strongly and ``current`` most strongly."""
        if self.article is None or current is None or current.article != self.article.id:
            current = None
        if (entity_id, current) != (self._selected, self._current):
            self._selected, self._current = entity_id, current
            self._cache.clear()
            self.refresh()

    def mark_altered(self, ranges: Sequence[tuple[int, int]]) -> None:
        """Mark the text ``ranges`` as words another version of a quote changed (``[]`` clears)."""
        self._altered = Layer(Marked(start, end, "", "altered") for start, end in ranges)
        self._cache.clear()
        self.refresh()

    def mark_quote(self, span: tuple[int, int] | None) -> None:
        """Mark the text ``span`` as the quote the reader came to (None clears the mark)."""
        marked = () if span is None else (Marked(span[0], span[1], "", "current-quote"),)
        self._quote = Layer(marked)
        self._cache.clear()
        self.refresh()

    @property
    def marked_quote(self) -> tuple[int, int] | None:
        """The span marked by :meth:`mark_quote`, if any."""
        spans = self._quote.spans
        return (spans[0].start, spans[0].end) if spans else None

    @property
    def altered(self) -> list[tuple[int, int]]:
        """The text ranges marked by :meth:`mark_altered`."""
        return [(span.start, span.end) for span in self._altered.spans]

    @property
    def laid_out(self) -> bool:
        """Whether the lines are wrapped at the view's current width (false before layout)."""
        width = self.scrollable_content_region.width
        return width > 0 and width == self._wrap_width and self.size.height > 0

    def set_found(self, found: Layer | None) -> None:
        """Mark the find matches ``found`` (None when no find is active), above everything."""
        found = found if found is not None else Layer(())
        if found.spans or self._found.spans:
            self._found = found
            self._cache.clear()
            self.refresh()

    @property
    def found(self) -> Layer:
        """The find matches shown (empty when no find is active)."""
        return self._found

    def top_offset(self) -> int:
        """The text offset of the first character on the top line shown (0 when empty)."""
        top = round(self.scroll_offset.y)
        return self._lines[top].start if 0 <= top < len(self._lines) else 0

    def scroll_to_top(self, offset: int) -> None:
        """Scroll so the line showing text ``offset`` is the top line."""
        self.scroll_to(y=self.line_for_offset(offset), animate=False, immediate=True)

    @property
    def line_count(self) -> int:
        """The number of display lines at the current width."""
        return len(self._lines)

    def line_for_offset(self, offset: int) -> int:
        """The display line that shows text ``offset``."""
        return line_of(self._lines, self._starts, offset) if self._lines else 0

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so text ``offset`` is visible, a third down from the top."""
        line = self.line_for_offset(offset)
        self.scroll_to(y=max(0, line - self.size.height // 3), animate=False, immediate=True)

    def is_offset_visible(self, offset: int) -> bool:
        """Whether the line showing ``offset`` is on screen."""
        line = self.line_for_offset(offset)
        top = round(self.scroll_offset.y)
        return top <= line < top + self.size.height

    # -- layout ----------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._rewrap()

    def _rewrap(self, *, force: bool = False) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or (not force and width == self._wrap_width):
            return
        # Keep the reader's place: the text at the top stays at the top after rewrapping.
        top = round(self.scroll_offset.y)
        anchor = self._lines[top].start if 0 < top < len(self._lines) else None
        self._wrap_width = width
        self._lines = wrap(self._text, width, self._marks.notes)
        self._starts = [line.start for line in self._lines]
        self._cache.clear()
        self.virtual_size = Size(width, len(self._lines))
        if anchor is not None:
            self.scroll_to(y=self.line_for_offset(anchor), animate=False, immediate=True)
        self.refresh()

    def notify_style_update(self) -> None:
        # A theme switch changes the component styles: styled lines are stale.
        super().notify_style_update()
        self._cache.clear()
        self._styles.clear()

    # -- rendering ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = y + round(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None:
            strip = Strip(self._segments(self._lines[index], base))
            self._cache[index] = strip
        return strip.crop_extend(0, width, base)

    def _segments(self, line: DisplayLine, base: Style) -> list[Segment]:
        if line.note is not None:
            return [Segment(line.note, base + self._style("note"))]
        start, end = line.start, line.end
        text = self._text
        layers = [
            self._marks.quotes.overlapping(start, end),
            self._quote.overlapping(start, end),
            self._marks.speakers.overlapping(start, end),
            self._marks.entities.overlapping(start, end),
            self._altered.overlapping(start, end),
            self._found.overlapping(start, end),
        ]
        cuts = {start, end}
        for spans in layers:
            for span in spans:
                cuts.update(c for c in (span.start, span.end) if start < c < end)
        points = sorted(cuts)
        segments = []
        for left, right in pairwise(points):
            style = base
            for spans in layers:
                hit = next((s for s in spans if s.start <= left < s.end), None)
                if hit is not None:
                    style += self._span_style(hit, left)
            segments.append(Segment(text[left:right], style))
        return segments

    def _span_style(self, span: Marked, offset: int) -> Style:
        if span.kind == "found":
            # The match the reader is on looks like the current mention.
            return self._style("current" if span.key == "current" else "found")
        if span.kind in ("quote", "altered", "current-quote"):
            return self._style(span.kind)
        if span.kind == "speaker":
            if self._selected and span.key != self._selected:
                return Style()
            return self._style("speaker")
        if self._selected is None:
            return self._style(span.kind)
        if span.key != self._selected:
            return self._style("dimmed")
        current = self._current
        if current is not None and current.start <= offset < current.end:
            return self._style("current")
        return self._style("selected")

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            styles = self.get_component_styles(f"article-view--{name}")
            style = styles.partial_rich_style
            if styles.has_rule("color") and styles.color.a < 1:
                # A Rich style has no alpha: blend a translucent colour (dimmed text)
                # over the view's background, or it would show at full strength.
                blended = self.background_colors[1] + styles.color
                style += Style(color=blended.rich_color)
            self._styles[name] = style
        return style

    # -- mouse -----------------------------------------------------------------------

    def offset_at_cell(self, x: int, y: int) -> int | None:
        """The text offset shown at content cell ``(x, y)`` (inside the padding), if any."""
        index = y + round(self.scroll_offset.y)
        if not 0 <= index < len(self._lines):
            return None
        return offset_at(self._text, self._lines[index], x + round(self.scroll_offset.x))

    def on_click(self, event: events.Click) -> None:
        if self.article is None:
            return
        cell = event.get_content_offset(self)
        offset = self.offset_at_cell(cell.x, cell.y) if cell is not None else None
        if offset is None:
            return
        span = self._marks.entities.at(offset)
        if span is not None:
            event.stop()
            self.post_message(self.MentionClicked(self, self.article.id, span.key, offset))

    def cell_of(self, offset: int) -> tuple[int, int] | None:
        """The content cell ``(x, y)`` showing text ``offset``, or None when scrolled away."""
        index = self.line_for_offset(offset)
        y = index - round(self.scroll_offset.y)
        if not 0 <= y < self.size.height:
            return None
        line = self._lines[index]
        return cell_len(self._text[line.start : offset]), y
