"""Notes: kept in the state directory, found again after a move or an edit; `reader notes`."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.model import Article, Quote
from reader.notes import NotesStore, locate, new_note, passage_at
from reader.notes_report import notes_json, notes_markdown

SEEDS = sorted((Path(__file__).parent / "data" / "seeds").glob("*.txt"))


@pytest.fixture
def articles() -> list[Article]:
    return [
        Article(path.name, str(path), path.read_text(encoding="utf-8"), title=f"Title {n}")
        for n, path in enumerate(SEEDS)
    ]


@pytest.fixture
def state_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "reader"


def passage_note(article: Article, words: str, note: str = ""):
    start = article.text.index(words)
    return new_note(article, start, start + len(words), note)


def test_a_note_keeps_the_passage_its_context_and_where_it_was(articles) -> None:
    article = articles[0]
    note = passage_note(article, "Reuters reported", "  who said it first  ")
    assert note.passage == "Reuters reported"
    assert article.text.endswith(note.passage + note.after) or note.after
    assert article.text[note.start - len(note.before) : note.start] == note.before
    assert note.note == "who said it first"
    assert Path(note.path).is_absolute() and note.title == "Title 0"
    with pytest.raises(ValueError):
        new_note(article, 5, 5)


def test_the_store_adds_lists_and_removes(state_home, articles) -> None:
    store = NotesStore()
    assert store.path == state_home / "notes.json"
    first = passage_note(articles[0], "Reuters reported")
    second = passage_note(articles[1], "Kremlin")
    assert store.add(first) is None and store.add(second) is None
    assert NotesStore().list_notes() == ([first, second], None)
    assert store.remove(first.id) is None
    assert store.list_notes() == ([second], None)
    assert store.remove("no-such-note") is None
    assert store.list_notes()[0] == [second]


def test_found_by_text_hash_after_the_file_moved(articles) -> None:
    note = passage_note(articles[1], "Kremlin")
    moved = replace(articles[1], id="elsewhere.txt", path="/somewhere/else.txt")
    assert locate(note, [articles[0], moved]) == locate(note, [moved])
    found = locate(note, [moved])
    assert found is not None and found.found == "hash" and found.article == "elsewhere.txt"
    assert (found.start, found.end) == (note.start, note.end)


def test_found_by_path_after_the_file_was_edited(articles) -> None:
    note = passage_note(articles[0], "Reuters reported")
    edited = replace(articles[0], text="An update added at the top.\n\n" + articles[0].text)
    found = locate(note, [articles[1], edited])
    assert found is not None and found.found == "path"
    assert edited.text[found.start : found.end] == note.passage


def test_found_by_searching_with_context_after_move_and_edit(articles) -> None:
    # "Reuters" occurs several times: the saved context picks the right one.
    text = articles[0].text
    occurrences = [i for i in range(len(text)) if text.startswith("Reuters", i)]
    assert len(occurrences) > 1
    target = occurrences[-1]
    note = new_note(articles[0], target, target + len("Reuters"))
    # A long insertion puts the first occurrence nearest the old offset: only the context helps.
    intro = "An intro. " * 600
    moved = replace(articles[0], id="new", path="/new/place.txt", text=intro + text)
    found = locate(note, [articles[1], moved])
    assert found is not None and found.found == "search" and found.article == "new"
    assert found.start == target + len(intro)


def test_a_passage_that_is_gone_is_reported_as_such(articles) -> None:
    note = passage_note(articles[0], "Reuters reported")
    rewritten = replace(articles[0], text=articles[0].text.replace("Reuters", "AFP"))
    assert locate(note, [rewritten, articles[1]]) is None


def test_a_damaged_notes_file_is_kept_aside_not_overwritten(state_home, articles) -> None:
    state_home.mkdir(parents=True)
    (state_home / "notes.json").write_text("[[[", encoding="utf-8")
    store = NotesStore()
    notes, notice = store.list_notes()
    assert notes == [] and notice is not None and "damaged" in notice
    note = passage_note(articles[0], "Reuters reported")
    notice = store.add(note)
    assert notice is not None and "kept as" in notice
    assert (state_home / "notes.json.damaged").read_text(encoding="utf-8") == "[[["
    assert store.list_notes() == ([note], None)


def test_one_damaged_note_does_not_hide_the_others(state_home, articles) -> None:
    good = passage_note(articles[0], "Reuters reported")
    state_home.mkdir(parents=True)
    document = {"version": 1, "notes": [good.to_dict(), {"id": 3}, {**good.to_dict(), "end": 0}]}
    (state_home / "notes.json").write_text(json.dumps(document), encoding="utf-8")
    notes, notice = NotesStore().list_notes()
    assert notes == [good]
    assert notice is not None and notice.startswith("2 damaged note(s)")


def test_reader_notes_lists_markdown_by_default(state_home, articles, capsys) -> None:
    store = NotesStore()
    store.add(passage_note(articles[0], "Reuters reported", "check the wire"))
    store.add(passage_note(articles[1], "Kremlin"))
    assert main(["notes"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Notes (2)")
    assert "## 1. Title 0" in out and "## 2. Title 1" in out
    assert "> Reuters reported" in out and "check the wire" in out
    assert str(SEEDS[0].resolve()) in out


def test_reader_notes_as_json(state_home, articles, capsys) -> None:
    note = passage_note(articles[1], "Kremlin", "who exactly?")
    NotesStore().add(note)
    assert main(["notes", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)["notes"]
    assert listed == [note.to_dict()]
    assert {"title", "path", "passage", "note", "added"} <= set(listed[0])


def test_reader_notes_with_none_saved(state_home, capsys) -> None:
    assert main(["notes"]) == 0
    assert "No notes yet" in capsys.readouterr().out
    assert main(["notes", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"notes": []}


def test_reader_notes_with_a_damaged_file_says_so_and_goes_on(state_home, capsys) -> None:
    state_home.mkdir(parents=True)
    (state_home / "notes.json").write_text('{"version": 1, "notes": 5}', encoding="utf-8")
    assert main(["notes"]) == 0
    captured = capsys.readouterr()
    assert "No notes yet" in captured.out
    assert captured.err.startswith("reader: the saved notes in") and captured.err.count("\n") == 1


def test_escape_sequences_in_passages_never_reach_the_terminal() -> None:
    article = Article("x", "x.txt", "Before \x1b[31mred\x1b]0;title\x07 and \x9b2J after.")
    note = new_note(article, 0, len(article.text), "a \x1b[2J note")
    for text in (notes_markdown([note]), notes_json([note])):
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
    assert json.loads(notes_json([note]))["notes"][0]["passage"] == article.text


@settings(max_examples=60, deadline=None)
@given(
    prefix=st.text(st.characters(codec="utf-8"), max_size=40),
    cut=st.integers(0, 500),
    length=st.integers(1, 60),
)
def test_a_note_survives_text_added_before_it(prefix: str, cut: int, length: int) -> None:
    text = SEEDS[1].read_text(encoding="utf-8")
    article = Article("a", "/old/a.txt", text)
    start = min(cut, len(text) - length)
    note = new_note(article, start, start + length)
    moved = Article("b", "/new/b.txt", prefix + text)
    found = locate(note, [moved])
    assert found is not None
    assert moved.text[found.start : found.end] == note.passage
    if prefix:
        assert found.start == start + len(prefix)


def test_the_passage_at_the_cursor_is_the_quote_there(articles) -> None:
    article = articles[0]
    start = article.text.index("“As combat")
    end = article.text.index("garrisons,”") + len("garrisons,”")
    quote = Quote("q1", article.id, start, end, article.text[start:end], False, None, None)
    elsewhere = replace(quote, id="q2", article="other")
    assert passage_at(article, start + 10, [elsewhere, quote]) == (start, end, "quote")
    assert passage_at(article, start + 10, [elsewhere]) != (start, end, "quote")


def test_the_passage_at_the_cursor_is_otherwise_its_sentence(articles) -> None:
    article = articles[0]
    offset = article.text.index("some of its troops were returning")
    found = passage_at(article, offset)
    assert found is not None
    start, end, kind = found
    assert kind == "passage"
    assert article.text[start:end] == (
        "In a statement, the Russian defence ministry said that some of its troops were "
        "returning back to their bases after conducting exercises in military districts "
        "bordering Ukraine."
    )


def test_abbreviations_do_not_end_a_sentence() -> None:
    article = Article("a", "a.txt", "Mr. Putin met U.S. officials. Then he left.")
    start, end, _ = passage_at(article, 20) or (0, 0, "")
    assert article.text[start:end] == "Mr. Putin met U.S. officials."


def test_no_passage_outside_the_text_or_between_paragraphs() -> None:
    article = Article("a", "a.txt", "One.\n\nTwo.")
    assert passage_at(article, 4) is None
    assert passage_at(article, 5) is None
    assert passage_at(article, 99) is None and passage_at(article, -1) is None
    assert passage_at(article, 6) == (6, 10, "passage")


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(st.sampled_from("ab .!?\n”"), min_size=1, max_size=60),
    offset=st.integers(0, 59),
)
def test_a_passage_is_a_trimmed_stretch_of_one_paragraph_near_the_cursor(
    text: str, offset: int
) -> None:
    found = passage_at(Article("a", "a.txt", text), offset)
    if found is None:
        return
    start, end, kind = found
    passage = text[start:end]
    assert kind == "passage" and passage == passage.strip() and passage
    assert "\n\n" not in passage.replace(" ", "")
    # The cursor is inside it, or on the blank or closing marks just around it.
    assert text[min(start, offset) : start].strip() == ""
    assert text[end : max(end, offset + 1)].strip(" .!?”\n") == ""


def test_a_line_break_ends_a_passage_unless_the_text_is_hard_wrapped() -> None:
    text = "Storm hits the coast\nThe storm was\nlate. Roads closed.\nOfficials said more"
    article = Article("a", "a.txt", text)

    def passage(words: str) -> str:
        start, end, _ = passage_at(article, text.index(words)) or (0, 0, "")
        return text[start:end]

    assert passage("Storm hits") == "Storm hits the coast"
    assert passage("storm was") == "The storm was\nlate."
    assert passage("Roads") == "Roads closed."
    assert passage("said more") == "Officials said more"
