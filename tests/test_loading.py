"""Loading articles from files and folders: every format and every bad input."""

from __future__ import annotations

import builtins
import json
import os
from pathlib import Path
from typing import Any

import pytest

from reader.loading import load_articles
from reader.loading.discover import discover, is_project_file

LIMIT = 5_000_000


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_plain_text_is_the_file_exactly(seeds_dir: Path) -> None:
    path = next(iter(sorted(seeds_dir.glob("*.txt"))))
    result = load_articles([path], LIMIT)
    [article] = result.articles
    assert article.text == path.read_text(encoding="utf-8")
    assert article.title == article.text.split("\n")[0]
    assert article.id == path.name
    assert article.path == str(path)
    assert result.errors == []


def test_plain_text_title_skips_blank_lines(tmp_path: Path, seed_texts: list[str]) -> None:
    path = write(tmp_path / "a.txt", "\n\n  " + seed_texts[1])
    [article] = load_articles([path], LIMIT).articles
    assert article.text == "\n\n  " + seed_texts[1]
    # Its dateline ("Moscow/ Kyiv | Jagran News Desk:") is no part of the title.
    assert article.title is not None and article.title.startswith("The Kremlin on Tuesday said")


def test_markdown_front_matter(tmp_path: Path, seed_texts: list[str]) -> None:
    front = (
        "---\ntitle: Kremlin says troops return\nsource: Jagran English\n"
        "author: Aalok Sensharma\ndate: 2022-02-15\nurl: null\ntags: [russia, ukraine]\n---\n\n"
    )
    path = write(tmp_path / "jagran.md", front + seed_texts[1])
    result = load_articles([path], LIMIT)
    [article] = result.articles
    assert article.text == seed_texts[1]
    assert (article.title, article.source, article.author, article.date, article.url) == (
        "Kremlin says troops return",
        "Jagran English",
        "Aalok Sensharma",
        "2022-02-15",
        None,
    )
    assert article.metadata == {"tags": ["russia", "ukraine"]}
    assert result.errors == []


def test_markdown_without_front_matter_takes_heading_as_title(tmp_path: Path) -> None:
    path = write(tmp_path / "a.markdown", "# Kremlin: troops return\n\nPeskov said so.\n")
    [article] = load_articles([path], LIMIT).articles
    assert article.title == "Kremlin: troops return"
    assert article.text == "Kremlin: troops return\n\nPeskov said so."


def test_broken_front_matter_loads_the_body_with_a_warning(
    tmp_path: Path, seed_texts: list[str]
) -> None:
    path = write(tmp_path / "bad.md", "---\ntitle: [unclosed\nsource: x: y\n---\n" + seed_texts[0])
    result = load_articles([path], LIMIT)
    [article] = result.articles
    assert article.text == seed_texts[0]
    [warning] = result.errors
    assert not warning.fatal
    assert "front matter" in warning.message


def test_front_matter_never_runs_yaml_tags(tmp_path: Path) -> None:
    path = write(
        tmp_path / "evil.md",
        "---\ntitle: !!python/object/apply:os.system ['echo hacked']\n---\nRussia said no.\n",
    )
    result = load_articles([path], LIMIT)
    assert result.articles[0].text == "Russia said no."
    assert "front matter" in result.errors[0].message


def test_unclosed_front_matter_is_read_as_text(tmp_path: Path) -> None:
    path = write(tmp_path / "open.md", "---\ntitle: no end\n\nRussia said no.")
    result = load_articles([path], LIMIT)
    # The opening "---" is a Markdown rule, so it is not part of the reading text.
    assert result.articles[0].text == "title: no end\n\nRussia said no."
    assert "closing" in result.errors[0].message


def test_html_main_text_and_metadata(tmp_path: Path, seed_texts: list[str]) -> None:
    paragraphs = [p for p in seed_texts[0].split("\n") if p.strip()]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        "<html><head><title>Russia pulls back troops | Example News</title>"
        '<meta name="author" content="Staff Writer">'
        '<meta property="og:site_name" content="Example News">'
        '<meta property="article:published_time" content="2022-02-15T10:00:00Z">'
        "</head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>Russia pulls back troops</h1>{body}</article>"
        "<footer>Copyright Example News. All rights reserved. Subscribe now.</footer>"
        "</body></html>"
    )
    path = write(tmp_path / "page.html", html)
    [article] = load_articles([path], LIMIT).articles
    assert paragraphs[0] in article.text
    assert paragraphs[-1] in article.text
    assert "Subscribe now" not in article.text
    assert "Home" not in article.text
    assert article.source == "Example News"
    assert article.author == "Staff Writer"
    assert article.date == "2022-02-15"
    assert "\n\n" in article.text  # paragraphs stay apart


def test_html_without_article_text_is_skipped(tmp_path: Path) -> None:
    path = write(
        tmp_path / "empty.htm",
        "<html><head><title>Live</title><script>var feed = [];</script></head>"
        "<body><img src='a.png'></body></html>",
    )
    result = load_articles([path], LIMIT)
    assert result.articles == []
    assert "no article text" in result.errors[0].message


def test_json_object_and_list(tmp_path: Path, seed_texts: list[str]) -> None:
    one = write(tmp_path / "one.json", json.dumps({"text": seed_texts[0], "source": "Reuters"}))
    many = write(
        tmp_path / "many.json",
        json.dumps([{"text": seed_texts[0], "title": "A"}, {"title": "no text"}, {"text": "B."}]),
    )
    result = load_articles([one, many], LIMIT)
    ids = [a.id for a in result.articles]
    assert ids == ["one.json", "many.json#1", "many.json#3"]
    assert result.articles[0].source == "Reuters"
    assert result.articles[0].text == seed_texts[0]
    assert [e.message for e in result.errors] == [
        "item 2 skipped: no 'text' field with article text"
    ]


def test_jsonl_skips_bad_lines(tmp_path: Path, seed_texts: list[str]) -> None:
    lines = [
        json.dumps({"text": seed_texts[0]}),
        "{broken",
        "",
        json.dumps({"text": seed_texts[1]}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines))
    result = load_articles([path], LIMIT)
    assert [a.id for a in result.articles] == ["feed.jsonl#1", "feed.jsonl#4"]
    assert result.articles[1].text == seed_texts[1]
    assert "line 2" in result.errors[0].message and not result.errors[0].fatal


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"\n \n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "binary"),
        ("bad.json", b'{"text": "unterminated', "invalid JSON"),
        ("list.json", b'[1, 2, {"title": "x"}]', "no usable article"),
        ("scalar.json", b"42", "article object"),
        ("only-front.md", b"---\ntitle: x\n---\n\n", "no article text"),
    ],
)
def test_bad_files_are_skipped_with_a_reason(
    tmp_path: Path, seed_texts: list[str], name: str, content: bytes, reason: str
) -> None:
    good = write(tmp_path / "good.txt", seed_texts[0])
    bad = write(tmp_path / name, content)
    result = load_articles([bad, good], LIMIT)
    assert [a.id for a in result.articles] == ["good.txt"]
    [error] = result.errors
    assert error.path == str(bad) and error.fatal
    assert reason in error.message


def test_too_large_file_is_skipped(tmp_path: Path, seed_texts: list[str]) -> None:
    path = write(tmp_path / "huge.txt", seed_texts[0] * 10)
    result = load_articles([path], max_bytes=1000)
    assert result.articles == []
    assert "too large" in result.errors[0].message


def test_missing_path_is_reported(tmp_path: Path) -> None:
    result = load_articles([tmp_path / "nope.txt"], LIMIT)
    assert result.errors[0].message == "no such file or folder"


def test_unreadable_file_is_reported_and_the_others_load(
    tmp_path: Path, seed_texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # chmod 000 does not stop root (CI runs as root): make the read itself fail instead.
    secret = write(tmp_path / "secret.txt", "Russia said no.")
    other = write(tmp_path / "other.txt", seed_texts[0])
    real_open = builtins.open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == str(secret):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    result = load_articles([secret, other], LIMIT)
    [error] = result.errors
    assert (error.path, error.message, error.fatal) == (
        str(secret),
        "cannot read (Permission denied)",
        True,
    )
    assert [a.path for a in result.articles] == [str(other)]


def test_folder_named_like_a_file_is_walked_not_read(tmp_path: Path) -> None:
    path = tmp_path / "dir.txt"
    path.mkdir()
    found, errors = discover([path])
    assert found == [] and errors == []


def test_folders_are_walked_in_natural_name_order(tmp_path: Path) -> None:
    for name in ("part10.txt", "part2.txt", "Part3.txt", "part1.txt", "intro.txt"):
        write(tmp_path / name, f"Text of {name}.")
    found, _ = discover([tmp_path])
    assert [f.id for f in found] == [
        "intro.txt",
        "part1.txt",
        "part2.txt",
        "Part3.txt",
        "part10.txt",
    ]


def test_folders_recursive_sorted_hidden_skipped(tmp_path: Path, seed_texts: list[str]) -> None:
    write(tmp_path / "b.txt", seed_texts[0])
    write(tmp_path / "a" / "z.md", seed_texts[1])
    write(tmp_path / "a" / "c.txt", seed_texts[0] + " again")
    write(tmp_path / ".hidden.txt", "secret")
    write(tmp_path / ".git" / "x.txt", "secret")
    write(tmp_path / "notes.yaml", "aliases: []")
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff")
    result = load_articles([tmp_path], LIMIT)
    assert [a.id for a in result.articles] == ["a/c.txt", "a/z.md", "b.txt"]
    assert result.errors == []


def test_a_projects_own_files_are_passed_over_in_a_folder(
    tmp_path: Path, seed_texts: list[str]
) -> None:
    # Datasets ship a readme and a licence beside their articles (ECB+ has COPYING-CC.TXT).
    for name in ("README.md", "LICENSE.txt", "COPYING-CC.TXT", "CHANGELOG.md", "readme.ja.txt"):
        write(tmp_path / name, "CREATIVE COMMONS CORPORATION IS NOT A LAW FIRM.")
    write(tmp_path / "topic" / "Licence_MIT.txt", "Permission is hereby granted.")
    write(tmp_path / "license-plate-thefts.txt", seed_texts[0])
    write(tmp_path / "readme-to-editors-on-the-budget.md", seed_texts[1])
    result = load_articles([tmp_path], LIMIT)
    assert [a.id for a in result.articles] == [
        "license-plate-thefts.txt",
        "readme-to-editors-on-the-budget.md",
    ]
    assert result.errors == []
    # Named on its own, such a file is read like any other.
    named = load_articles([tmp_path / "COPYING-CC.TXT"], LIMIT)
    assert [a.id for a in named.articles] == ["COPYING-CC.TXT"]


@pytest.mark.parametrize(
    ("name", "project"),
    [
        ("README", True),
        ("LICENSE", True),
        ("LICENCE.md", True),
        ("copying.txt", True),
        ("Copyright.txt", True),
        ("AUTHORS.md", True),
        ("CONTRIBUTING.md", True),
        ("CODE_OF_CONDUCT.md", True),
        ("LICENSE-APACHE.txt", True),
        ("README_2024.txt", True),
        ("readme-first-then-the-rest.txt", False),
        ("licensed-to-kill.txt", False),
        ("the-readme.txt", False),
        ("story.txt", False),
    ],
)
def test_is_project_file(name: str, project: bool) -> None:
    assert is_project_file(name) is project


def test_symlink_loop_and_duplicates(tmp_path: Path, seed_texts: list[str]) -> None:
    root = tmp_path / "news"
    write(root / "one.txt", seed_texts[0])
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "same.txt").symlink_to(root / "one.txt")
    result = load_articles([root, root / "one.txt"], LIMIT)
    assert [a.id for a in result.articles] == ["one.txt"]
    assert any("symlink loop" in e.message and not e.fatal for e in result.errors)


def test_ids_stay_unique_across_arguments(tmp_path: Path, seed_texts: list[str]) -> None:
    write(tmp_path / "x" / "story.txt", seed_texts[0])
    write(tmp_path / "y" / "story.txt", seed_texts[1])
    result = load_articles([tmp_path / "x", tmp_path / "y"], LIMIT)
    assert [a.id for a in result.articles] == ["story.txt", "y/story.txt"]


def test_markup_and_escapes_in_metadata_are_plain(tmp_path: Path) -> None:
    path = write(
        tmp_path / "m.md",
        '---\ntitle: "[bold]Big[/bold] \\e[31mnews"\nsource: "[link=x]Outlet"\n---\n'
        "Text with [red]markup[/red] and \x1b]0;title\x07 escapes.\n",
    )
    [article] = load_articles([path], LIMIT).articles
    assert article.title == "[bold]Big[/bold] [31mnews"
    assert article.source == "[link=x]Outlet"
    assert article.text == "Text with [red]markup[/red] and ]0;title escapes."


def test_loading_never_writes_article_files(tmp_path: Path, seed_texts: list[str]) -> None:
    paths = [
        write(tmp_path / "a.txt", seed_texts[0].replace("\n", "\r\n")),
        write(tmp_path / "b.md", "---\ntitle: [broken\n---\n" + seed_texts[1]),
    ]
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}
    load_articles([tmp_path], LIMIT)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths} == before


def test_latin1_file_loads_with_a_non_fatal_encoding_warning(tmp_path: Path) -> None:
    text = "Le ministre est arrivé à Madrid très tôt, a déclaré le porte-parole."
    path = write(tmp_path / "fr.txt", text.encode("latin-1"))
    result = load_articles([path], LIMIT)
    assert [a.text for a in result.articles] == [text]
    [warning] = result.errors
    assert not warning.fatal and warning.message.startswith("encoding guessed as Windows-1252")
