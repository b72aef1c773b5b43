"""The reader application: themes, the main screen, the command palette, help."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.markup import escape
from textual.screen import Screen

from reader.config import MAX_COLUMNS, Settings
from reader.linking import AliasTable
from reader.model import Article, LoadError
from reader.pipeline import Analyzer
from reader.resources import bundled_themes_dir
from reader.themes import DEFAULT_THEME, ThemeCatalog, load_themes
from reader.ui import feed_process
from reader.ui.article_arrivals import NOTHING_READ, Loader, files_loader
from reader.ui.at_rest import LOOK_EVERY, AtRest
from reader.ui.commands import EntityCommands
from reader.ui.compare_actions import short_title
from reader.ui.corpus_feed import LinkCorpus
from reader.ui.help_screen import HelpScreen, key_rows
from reader.ui.idle_collector import IdleCollector
from reader.ui.keys import (
    APP_KEYS,
    SCREEN_KEYS,
    WIDGET_KEYS,
    bindings,
    check_keymap,
    remapped,
    unknown_ids,
)
from reader.ui.reader_screen import ReaderScreen
from reader.ui.theme_bridge import default_variables, to_textual_theme

#: The name the help screen is installed under.
HELP_SCREEN = "help"


def theme_folders(settings: Settings) -> list[Path]:
    """Where themes come from: the bundled ones, then the user's (which win)."""
    return [bundled_themes_dir(), settings.config_dir / "themes"]


class ReaderApp(App[None]):
    """Read several articles side by side, with linked entities and quotes."""

    TITLE = "reader"
    CSS_PATH = "app.tcss"
    # Below 120 cells the sidebar narrows (see app.tcss), leaving room for two columns.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012 - App's own type
    COMMANDS = App.COMMANDS | {EntityCommands}
    BINDINGS: ClassVar[list[BindingType]] = bindings(APP_KEYS)

    def __init__(
        self,
        articles: Sequence[Article],
        errors: Sequence[LoadError],
        settings: Settings,
        analyzer: Analyzer | None = None,
        aliases: AliasTable | None = None,
        link: LinkCorpus | None = None,
        loader: Loader | None = None,
    ) -> None:
        """Set the app up; nothing is read, analyzed or linked before the first frame.

        Args:
            articles: the loaded articles.
            errors: the files that could not be loaded (shown as a warning).
            settings: the run's settings.
            analyzer: analyses the articles (default: spaCy with the cache).
            aliases: the alias table for linking.
            link: the seam to the model that links analyses into a corpus
                (default: ``reader.pipeline.build_corpus``); always called in a worker.
            loader: reads the articles after the first frame (``articles`` and
                ``errors`` are then what was known before, usually nothing).
        """
        super().__init__()
        self.link = link
        self.settings = settings
        self.articles = list(articles)
        self.errors = list(errors)
        self.aliases = aliases
        # spaCy runs in a process of its own: here it would hold the keys back.
        self.analyzer = analyzer or Analyzer(settings, elsewhere=True)
        self.loader = loader
        #: The reader screen, once made (it holds the articles and load problems).
        self.reader_screen: ReaderScreen | None = None
        #: Whether closing gives what the collection froze back to the cycle collector:
        #: not when the process ends with the app (``run_app``), where one more full
        #: pass over it only delayed the exit (a third of a second on 10,000 articles).
        self.thaw_when_closed = True
        #: What is done while the keys and the mouse rest: the dialogs' summaries made
        #: (the reader screen's job), then the cycle collector's full passes.
        self.at_rest = AtRest()
        self.idle_collector = IdleCollector()
        self.at_rest.add(self.idle_collector.collect, order=1)
        self.catalog: ThemeCatalog = load_themes(theme_folders(settings))
        for reader_theme in self.catalog.themes.values():
            self.register_theme(to_textual_theme(reader_theme))
        self._theme_message = self._choose_theme(settings.theme)
        self.keymap, self._keymap_problems = check_keymap(dict(settings.keys))
        self.set_keymap(self.keymap)

    def _choose_theme(self, requested: str) -> str | None:
        if requested in self.available_themes and requested not in self.catalog.themes:
            self.theme = requested  # a Textual built-in theme
            return None
        name, message = self.catalog.resolve(requested)
        self.theme = name or "textual-dark"  # no reader theme at all: Textual's own
        return message

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return default_variables()

    def get_default_screen(self) -> Screen:
        self.reader_screen = ReaderScreen(
            self.articles,
            self.errors,
            self.settings,
            self.analyzer,
            aliases=self.aliases,
            link=self.link,
            loader=self.loader,
        )
        self.at_rest.add(self.reader_screen.dialogs.warm)
        return self.reader_screen

    def on_mount(self) -> None:
        self.idle_collector.start()
        self.set_interval(LOOK_EVERY, self.at_rest.look)
        for warning in self.settings.warnings:
            self.notify(warning, title="Settings", severity="warning", timeout=8, markup=False)
        for problem in self.catalog.problems:
            self.notify(f"Theme skipped: {problem}", severity="warning", timeout=8, markup=False)
        if self._theme_message:
            self.notify(self._theme_message, severity="warning", timeout=8, markup=False)
        for problem in self._keymap_problems:
            self.notify(problem, title="Settings", severity="warning", timeout=8, markup=False)
        if unknown := unknown_ids(self.keymap):
            self.notify(
                f"Unknown key binding ids in the config: {', '.join(unknown)}",
                severity="warning",
                timeout=8,
                markup=False,
            )

    def on_unmount(self) -> None:
        self.idle_collector.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.InputEvent, events.Paste)):
            self.at_rest.touched()  # in use: nothing is done at rest now
        await super().on_event(event)

    @property
    def reader_theme_names(self) -> list[str]:
        """The reader themes, the default first."""
        return sorted(self.catalog.themes, key=lambda n: (n != DEFAULT_THEME, n))

    def action_next_theme(self) -> None:
        """Switch to the next reader theme."""
        names = self.reader_theme_names
        if not names:
            self.notify("No reader themes are available", severity="warning", markup=False)
            return
        position = names.index(self.theme) + 1 if self.theme in names else 0
        self.theme = names[position % len(names)]
        self.notify(f"Theme: {self.theme}", timeout=2, markup=False)

    def action_help(self) -> None:
        """Show every key.

        The help screen is made once and kept (installed): opening it again
        composes and lays out nothing, and its text is drawn from its cache.
        """
        if not self.is_screen_installed(HELP_SCREEN):
            rows = [
                *key_rows(remapped(APP_KEYS, self.keymap)),
                *key_rows(remapped(SCREEN_KEYS, self.keymap)),
                *WIDGET_KEYS,
            ]
            self.install_screen(HelpScreen(rows), HELP_SCREEN)
        self.push_screen(HELP_SCREEN)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Only the reader's own commands: Textual's (its theme picker, screenshots,
        # maximize) listed its own themes beside the reader's and did nothing useful here.
        yield SystemCommand("Quit", "Remember the session and quit", self.action_quit)
        for name in self.reader_theme_names:
            yield SystemCommand(
                f"Theme: {name}",
                "Switch to this reader theme",
                partial(setattr, self, "theme", name),
            )
        reader = next((s for s in self.screen_stack if isinstance(s, ReaderScreen)), None)
        if reader is None:
            return
        for count in range(1, MAX_COLUMNS + 1):
            yield SystemCommand(
                f"Columns: {count}",
                f"Show {count} article(s) side by side",
                partial(reader.request_columns, count),
                discover=False,
            )
        yield SystemCommand(
            "Quotes by speaker", "Every quote, grouped by speaker", reader.action_quotes
        )
        yield SystemCommand(
            "Choose article",
            "Pick the article for the focused column",
            reader.action_choose_article,
        )
        yield SystemCommand(
            "Entity details", "Aliases, articles and linking evidence", reader.action_details
        )
        yield SystemCommand(
            "Compare coverage", "Who and what only one article has", reader.action_coverage
        )
        yield SystemCommand(
            "Same quote in another article",
            "Show the quote at hand in the next article that has it",
            reader.action_same_quote,
        )
        for story in reader.corpus.stories:
            if len(story.articles) >= 2:
                # The palette parses a command's title as markup: escape the article text.
                yield SystemCommand(
                    f"Open story: {escape(short_title(story.title))}",
                    f"Show its articles in the columns ({len(story.articles)} articles)",
                    partial(reader.compare.open_story, story.id),
                    discover=False,
                )
        yield SystemCommand(
            "Find text", "A word, a phrase or a regex in every article", reader.action_find
        )
        yield SystemCommand("Back", "Return to before the last jump", reader.action_back)
        yield SystemCommand("Forward", "Go forward again after Back", reader.action_forward)
        yield SystemCommand("Notes", "Your marked passages and quotes", reader.action_notes)
        yield SystemCommand("Mark passage", "Mark the quote or sentence here", reader.action_mark)
        yield SystemCommand("Copy quote", "The quote here, with its speaker", reader.action_copy)
        yield SystemCommand(
            "Load report", "Every file skipped or loaded with warnings", reader.action_load_report
        )
        yield SystemCommand(
            "Open article URL", "The focused article's page in the browser", reader.action_open_url
        )
        yield SystemCommand("Help: keys", "Show every key", self.action_help)

    async def action_quit(self) -> None:
        """Remember the session (columns, scroll positions, selection), then quit."""
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.sessions.save()
        await super().action_quit()


def run_app(paths: list[Path], settings: Settings) -> int:
    """Open the reader on ``paths`` (the bundled articles when empty).

    Returns:
        The exit status: 0 after a normal quit, 1 when no article could be loaded.
    """
    # The files are read after the first frame (the app shows them as they come); a
    # large collection by the linking process the command line started (``preload``).
    try:
        app = ReaderApp([], [], settings, loader=files_loader(paths, settings))
        # What the start made (the modules, their classes, the app) lives as long as the
        # reader: frozen, the cycle collector's full passes skip it (one walked it all
        # a second in, 50 ms at the key that came then on a slow machine).
        gc.freeze()
        app.thaw_when_closed = False
        app.run()
        if app.return_code == NOTHING_READ and app.reader_screen is not None:
            for error in app.reader_screen.errors:
                print(f"reader: {error.path}: {error.message}", file=sys.stderr)
            print("reader: no articles to show", file=sys.stderr)
        return app.return_code or 0
    finally:
        feed_process.discard_preloaded()
