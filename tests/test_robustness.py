"""Hostile but realistic input: odd encodings, malformed JSON and YAML, odd output targets."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.cache import clear_cache
from reader.export import dumps
from reader.loading import load_articles
from reader.loading.decode import decode_bytes
from reader.loading.formats import parse
from reader.pipeline import open_corpus
from tests.test_cli import run

LIMIT = 5_000_000


@pytest.fixture(scope="module")
def seed(seed_texts: list[str]) -> str:
    return seed_texts[0]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text_not_binary(seed: str, encoding: str) -> None:
    assert decode_bytes(seed.encode(encoding)) == seed


def test_a_stray_nul_in_good_text_is_dropped_not_binary(seed: str) -> None:
    data = seed.encode()
    middle = len(data) // 3
    assert decode_bytes(data[:middle] + b"\x00" + data[middle:]) == seed


def test_lone_surrogates_become_replacement_characters(seed: str, tmp_path: Path) -> None:
    path = tmp_path / "surrogate.json"
    body = json.dumps(seed)[1:-1]
    path.write_text(f'{{"title": "Bad \\udc80 title", "text": "\\ud800 {body}"}}')
    [article] = load_articles([path], LIMIT).articles
    assert article.text == "\ufffd " + seed
    assert article.title == "Bad \ufffd title"
    article.text.encode("utf-8")  # a surrogate would make this (and spaCy) fail


def test_surrogate_json_article_exports(seed: str, tmp_path: Path, settings) -> None:
    path = tmp_path / "surrogate.json"
    path.write_text(json.dumps({"text": seed[:400] + "\ud800"}, ensure_ascii=True))
    corpus = open_corpus([path], settings)
    assert len(corpus.articles) == 1
    dumps(corpus).encode("utf-8")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"text": "Peskov spoke.", "views": 1' + "0" * 5000 + "}", "digits"),
    ],
    ids=["deep", "huge-number"],
)
def test_unusable_json_is_skipped_with_a_reason(tmp_path: Path, content: str, reason: str) -> None:
    good = tmp_path / "b.json"
    good.write_text('{"text": "Dmitry Peskov spoke in Moscow."}')
    (tmp_path / "a.json").write_text(content)
    (tmp_path / "c.jsonl").write_text(content.replace("\n", " ") + '\n{"text": "Kyiv."}\n')
    result = load_articles([tmp_path], LIMIT)
    assert [a.id for a in result.articles] == ["b.json", "c.jsonl#2"]
    assert all(reason in e.message for e in result.errors)


def test_deeply_nested_metadata_is_bounded(tmp_path: Path) -> None:
    deep = "[" * 900 + "]" * 900
    path = tmp_path / "deep.json"
    path.write_text(f'{{"text": "Peskov spoke.", "title": {deep}, "tags": {deep}}}')
    [article] = load_articles([path], LIMIT).articles
    assert article.title == "Peskov spoke."


def test_deep_or_exploding_front_matter_is_not_fatal() -> None:
    deep = "---\ntags: " + "[" * 20_000 + "]" * 20_000 + "\n---\nBody in Kyiv.\n"
    [draft], warnings = parse(".md", deep)
    assert draft.text == "Body in Kyiv." and "nested too deeply" in warnings[0]
    # YAML aliases that would expand to 9**9 strings.
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(9):
        name, prev = chr(98 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    bomb = "---\n" + "\n".join(lines) + "\ntitle: *a\n---\nBody in Kyiv.\n"
    [draft], warnings = parse(".md", bomb)
    assert draft.fields["title"] == ", ".join(["x"] * 9) and not warnings
    assert len(json.dumps(draft.metadata)) < 1_000_000


def test_structured_authors_and_titles_read_as_names() -> None:
    [draft], _ = parse(
        ".json",
        '{"text": "Body.", "author": [{"name": "Ann Lee"}, {"name": "Bo Chen", "url": "x"}],'
        ' "source": {"name": "Reuters"}, "title": ["Main", ["nested"]]}',
    )
    assert draft.fields == {"author": "Ann Lee, Bo Chen", "source": "Reuters", "title": "Main"}


def test_four_dashes_are_a_rule_not_front_matter() -> None:
    [draft], warnings = parse(".md", "----\n\nBody in Kyiv.\n")
    # A rule is markup: the reading text is the body alone.
    assert draft.text == "Body in Kyiv." and warnings == []


def test_html_fragment_without_body(seed: str) -> None:
    paragraph = seed.split("\n\n")[1] if "\n\n" in seed else seed[:400]
    [draft], _ = parse(".html", f"<p>{paragraph}</p>")
    assert draft.text.startswith(paragraph.strip()[:40])


def test_export_refuses_a_hard_link_to_an_article(tmp_path: Path, seeds_dir: Path) -> None:
    article = tmp_path / "a.txt"
    original = next(iter(sorted(seeds_dir.glob("*.txt")))).read_text(encoding="utf-8")
    article.write_text(original, encoding="utf-8")
    os.link(article, tmp_path / "out.json")
    out = run("export", str(article), "--output", "out.json", cwd=tmp_path)
    assert out.returncode != 0 and "refusing" in out.stderr
    assert article.read_text(encoding="utf-8") == original


def test_cache_clear_when_the_cache_is_a_file(tmp_path: Path) -> None:
    root = tmp_path / "cache" / "reader" / "analysis"
    root.parent.mkdir(parents=True)
    root.write_text("not a folder")
    with pytest.raises(NotADirectoryError):
        clear_cache(root)
    out = run("cache", "clear", cwd=tmp_path, env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert out.returncode != 0 and "cannot clear" in out.stderr
    assert "Traceback" not in out.stderr
    assert root.read_text() == "not a folder"


def test_a_text_the_model_fails_on_is_kept_without_findings_and_said(
    settings, seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In this process (the command line's analysis): the pass over every text fails at
    # that one, the others are analyzed one by one, and the export goes on.
    from dataclasses import replace

    from reader import nlp
    from reader.collection import CollectionLinker
    from reader.model import LoadError
    from reader.pipeline import load_articles as load_collection

    real = nlp.doc_analysis

    def choking(doc):
        if "Peskov" in doc.text:
            raise ValueError("the parser choked\non a second line")
        return real(doc)

    monkeypatch.setattr(nlp, "doc_analysis", choking)
    own = replace(settings, cache_dir=tmp_path / "cache")
    corpus = open_corpus([seeds_dir], own)
    bad = next(a for a in corpus.articles if "Peskov" in a.text)
    assert len(corpus.articles) == 2 and corpus.entities
    assert all(m.article != bad.id for e in corpus.entities for m in e.mentions)
    assert all(q.article != bad.id for q in corpus.quotes)
    said = "not analyzed (ValueError: the parser choked): no names or quotes from it"
    assert [e for e in corpus.errors if "analyzed" in e.message] == [
        LoadError(bad.path, said, fatal=False)
    ]
    # Incomplete, so not stored: the next run analyzes the text again (and says so again).
    aliases = load_collection([seeds_dir], own).aliases
    assert not CollectionLinker(own, aliases).holds(corpus.articles)
    again = open_corpus([seeds_dir], own)
    assert [e.message for e in again.errors if "analyzed" in e.message] == [said]
