"""Text shows at once, highlights arrive later; untrusted text stays plain; big articles."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import replace

import pytest
from textual.widgets import ProgressBar

from reader.model import Analysis, Article, Mention
from reader.ui.article_view import ArticleView
from tests.ui.conftest import StaticAnalyzer, listed, palette_prompts, reader, settle, status

pytestmark = pytest.mark.asyncio

HOSTILE = (
    "[bold]Not bold[/bold] and [red]not red[/] and [@click=app.quit]no action[/]\n"
    "\x1b[31mno colour\x1b[0m, \x1b]0;title\x07 no window title, Peskov said.\n"
)


def visible_lines(view: ArticleView) -> list[str]:
    return [view.render_line(y).text for y in range(view.size.height)]


def mentions_of(text: str, name: str, label: str) -> tuple[Mention, ...]:
    return tuple(Mention(m.start(), m.end(), name, label) for m in re.finditer(name, text))


async def test_markup_and_escapes_in_an_article_are_shown_as_plain_text(make_app):
    article = Article(
        "hostile", "hostile.txt", HOSTILE, title="[b]Title[/b] \x1b[2J", source="[i]x"
    )
    analysis = Analysis(mentions_of(HOSTILE, "Peskov", "PERSON"))
    app = make_app([article], StaticAnalyzer({"hostile": analysis}))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = reader(app)
        view = screen.column_widgets[0].view
        shown = "\n".join(visible_lines(view))
        assert "[bold]Not bold[/bold]" in shown and "[@click=app.quit]no action[/]" in shown
        assert "\x1b" not in shown and "␛[31mno colour␛[0m" in shown
        header = str(screen.query_one(".column-title").render())
        assert "[b]Title[/b] ␛[2J" in header
        assert "[i]x" in str(screen.query_one(".column-details").render())
        segments = [seg for y in range(view.size.height) for seg in view.render_line(y)]
        assert all("\x1b" not in seg.text and "\x07" not in seg.text for seg in segments)
        assert app.is_running


async def test_text_shows_at_once_and_highlights_arrive_from_the_worker(
    make_app, recorded_analyses
):
    analyses = recorded_analyses
    assert len(analyses) == 2
    gate = threading.Event()
    app = make_app(analyzer=StaticAnalyzer(analyses, cached=False, gate=gate))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        screen = reader(app)
        view = screen.column_widgets[0].view
        first_words = screen.articles[0].text.split()[0]
        assert visible_lines(view)[0].strip().startswith(first_words)
        assert screen.corpus.entities == [] and not screen.analysis_done
        # The worker starts on its own schedule (later on a busy machine); the gate
        # holds the analysis, so the loading state it shows stays until it is let go.
        for _ in range(100):
            if screen.query_one(ProgressBar).display and status(app).startswith("Analyzing"):
                break
            await pilot.pause(0.02)
        assert screen.query_one(ProgressBar).display
        assert status(app).startswith("Analyzing 2 article(s)")
        assert screen.corpus.entities == [] and not screen.analysis_done
        gate.set()
        await settle(pilot)
        assert screen.analysis_done and screen.corpus.entities
        assert not screen.query_one(ProgressBar).display
        assert len(view._marks.entities) > 0


async def test_a_missing_model_shows_its_message_and_the_text_stays(make_app, tmp_path):
    app = make_app(live=True, model="reader_no_such_model", cache_dir=tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert "reader_no_such_model" in status(app)
        view = screen.column_widgets[0].view
        assert visible_lines(view)[0].strip().startswith(screen.articles[0].text.split()[0])


async def test_a_megabyte_article_opens_and_scrolls(make_app, seed_articles):
    base = seed_articles.articles[0].text
    text = (base + "\n\n") * (1_000_000 // len(base) + 1)
    article = replace(seed_articles.articles[0], id="big", path="big.txt", text=text)
    analysis = Analysis(mentions_of(text, "Ukraine", "GPE"))
    app = make_app([article], StaticAnalyzer({"big": analysis}))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = reader(app).column_widgets[0].view
        assert len(text) > 1_000_000 and view.line_count > 10_000
        await pilot.press("end")
        await pilot.pause()
        assert view.scroll_offset.y == view.max_scroll_y > 0
        assert any(line.strip() for line in visible_lines(view))
        reader(app).select_entity(reader(app).corpus.entities[0].id)
        await pilot.press("p")  # wraps back to the last mention, at the very end
        last = analysis.mentions[-1]
        assert view.is_offset_visible(last.start)
        assert status(app).endswith(f"{len(analysis.mentions)}/{len(analysis.mentions)}")


async def test_an_entity_named_like_markup_stays_plain_in_sidebar_and_palette(make_app):
    text = "Officials at Acme [b]x[/b] Inc said so. Acme [b]x[/b] Inc denied it."
    name = "Acme [b]x[/b] Inc"
    article = Article("markup-name", "markup-name.txt", text, title="Acme")
    analysis = Analysis(
        tuple(Mention(m.start(), m.end(), name, "ORG") for m in re.finditer(re.escape(name), text))
    )
    app = make_app([article], StaticAnalyzer({"markup-name": analysis}))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert [e.name for e in screen.corpus.entities] == [name]
        rows = [text for _, text in listed(screen.sidebar.entity_list)]
        assert any(row.startswith(name) for row in rows)
        prompts = await palette_prompts(pilot, "Acme")
        assert any(name in p for p in prompts), prompts
        await pilot.press("enter")
        await pilot.pause()
        assert status(app) == f"{name}  1/2"


async def test_slow_linking_is_redone_less_often(make_app, seed_articles, monkeypatch):
    # Many results stream in while each link takes a while: the feed links again
    # far less often than results arrive, and the last link has them all.
    import reader.ui.corpus_feed as corpus_feed

    real = corpus_feed.build_corpus
    linked: list[int] = []

    def slow_build(articles, analyses, *args, **kwargs):
        linked.append(len(analyses))
        time.sleep(0.2)  # linking a large corpus
        return real(articles, analyses, *args, **kwargs)

    monkeypatch.setattr(corpus_feed, "build_corpus", slow_build)
    base = seed_articles.articles[0]
    analysis = Analysis(mentions_of(base.text, "Ukraine", "GPE"))
    articles = [replace(base, id=f"copy-{n}", path=f"copy-{n}.txt") for n in range(60)]
    app = make_app(articles, PacedAnalyzer({a.id: analysis for a in articles}, pause=0.02))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert linked[-1] == len(articles)  # the last link saw every analysis
        assert len(linked) <= len(articles) // 6, linked
        assert screen.corpus.entities  # the highlights still arrive


class PacedAnalyzer(StaticAnalyzer):
    """Serves analyses one by one with a pause in between, like a model at work."""

    def __init__(self, analyses, pause: float) -> None:
        super().__init__(analyses, cached=False)
        self.pause = pause

    def analyze(self, articles, on_progress=None, on_failure=None):
        for done, article in enumerate(articles, start=1):
            time.sleep(self.pause)
            if on_progress is not None:
                on_progress(done, len(articles), article.id, self.analyses[article.id])
        return {a.id: self.analyses[a.id] for a in articles}
