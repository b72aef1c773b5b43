"""Who wrote a story and for whom, read from its byline and its dateline
(``reader.newsroom.story_credits``), and the articles loaded with them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.loading import load_articles
from reader.newsroom import StoryCredits, story_credits

LIMIT = 5_000_000

# Story sentences from the seeds: no byline, no dateline.
STORY = (
    "Russia on Tuesday said that it was pulling back some of its troops from the Ukraine "
    "border, in what is being a sign of deescalation, Reuters reported.\n\n"
    "Kremlin spokesperson Dmitry Peskov said that Russia had always maintained that the "
    "troops will return.\n"
)
AP_WRITERS = "Hanna Arhirova and Samya Kullab"
AP = (
    "Ukraine says Russian strikes hit power grid ahead of winter\n\n"
    "KYIV, Ukraine (AP) — Russian missiles and drones struck energy facilities across "
    "Ukraine overnight, officials said Saturday.\n\n"
    "By HANNA ARHIROVA and SAMYA KULLAB Associated Press\n\n" + STORY
)
REUTERS = (
    "Russian strikes damage Ukraine energy sites, Kyiv says\n\n"
    "KYIV, Nov 22 (Reuters) - Russia launched a large missile and drone attack on "
    "Ukraine's energy infrastructure overnight.\n\n"
    + STORY
    + "\n(Reporting by Olena Harmash in Kyiv and Dmitry Antonov in Moscow; Writing by "
    "Tom Balmforth; Editing by Andrew Heavens)\n"
)


@pytest.mark.parametrize(
    ("head", "author", "source"),
    [
        ("By Jane Doe and John Roe, Reuters", "Jane Doe and John Roe", "Reuters"),
        ("By JANE DOE, Associated Press Writer", "Jane Doe", "Associated Press"),
        ("By HANNA ARHIROVA and SAMYA KULLAB Associated Press", AP_WRITERS, "Associated Press"),
        ("By Jane Doe, Staff Writer", "Jane Doe", None),
        ("By Jane Doe | The Guardian", "Jane Doe", "The Guardian"),
        ("By Jane Doe of the Kyiv Independent", "Jane Doe", "Kyiv Independent"),
        ("By Jane Doe for CNN", "Jane Doe", "CNN"),
        ("By Jane Doe in Kyiv and John Roe in Moscow", "Jane Doe and John Roe", None),
        ("By Jane Doe with John Roe at the Capitol", "Jane Doe and John Roe", None),
        ("By Jane Doe, John Roe and Max Moe", "Jane Doe, John Roe and Max Moe", None),
        ("By MARY O'NEIL-SMITH and J. R. DOE III", "Mary O'Neil-Smith and J. R. Doe III", None),
        ("By The Associated Press", None, "The Associated Press"),
        ("By REUTERS STAFF", None, "Reuters"),
        ("Posted By: Aalok Sensharma", "Aalok Sensharma", None),
        ("Written by Jane Doe", "Jane Doe", None),
    ],
)
def test_a_byline_gives_the_writers_and_the_outlet(head, author, source) -> None:
    assert story_credits(f"{head}\n\n{STORY}") == StoryCredits(author, source)
    # A byline closing the story is read as well (Indian sites post it last).
    assert story_credits(f"{STORY}\n{head}\n") == StoryCredits(author, source)


@pytest.mark.parametrize(
    ("dateline", "source"),
    [
        ("WASHINGTON (CNN) -- ", "CNN"),
        ("SEOUL, Nov. 22 (YONHAP) -- ", "Yonhap"),
        ("New Delhi [India], February 15 (ANI): ", "ANI"),
        ("Moscow/ Kyiv | Jagran News Desk: ", "Jagran News"),
    ],
)
def test_a_datelines_wire_or_desk_is_the_source(dateline, source) -> None:
    assert story_credits(dateline + STORY) == StoryCredits(None, source)


def test_wire_copy_names_its_wire_and_its_reporters() -> None:
    # The dateline's wire is the source before the byline's longer name for it.
    assert story_credits(AP) == StoryCredits("Hanna Arhirova and Samya Kullab", "AP")
    # No byline: the credit note's reporters and writer, never its editor.
    assert story_credits(REUTERS) == StoryCredits(
        "Olena Harmash, Dmitry Antonov and Tom Balmforth", "Reuters"
    )


@pytest.mark.parametrize(
    "text",
    [
        STORY,
        "By the time the talks ended, the troops had begun loading onto rail transport.\n",
        "By Tuesday, officials in Washington said, nothing had changed.\n",
        "The order was signed\nBy Joe Biden and\nhis aides on Monday.\n",
        "Additional reporting by Jane Doe\n" + STORY,
        "Reporting by the Guardian showed that troops were moving.\n",
        "Reporting by Jane Doe and\nhis colleagues found that the troops had left.\n",
        # A bracket in the story is no wire: "the United States (US) -" is no dateline.
        "Tensions between the United States (US) - and Russia rose.\n" + STORY,
        "UPDATE - Russia says troops are returning\n" + STORY,
        "WASHINGTON (UPDATED) - Russia says troops are returning\n" + STORY,
    ],
)
def test_a_story_without_byline_or_dateline_credits_no_one(text) -> None:
    assert story_credits(text) == StoryCredits(None, None)


_FIRST = st.sampled_from(["Jane", "Olena", "Samya", "Dmitry", "Aalok", "Mary", "Tom"])
_LAST = st.sampled_from(["Doe", "Harmash", "Kullab", "Antonov", "Sensharma", "Balmforth"])
_OUTLETS = st.sampled_from(["Reuters", "Associated Press", "The Guardian", "CNN", None])


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(st.tuples(_FIRST, _LAST).map(" ".join), min_size=1, max_size=3, unique=True),
    capitals=st.booleans(),
    outlet=_OUTLETS,
)
def test_any_byline_gives_back_its_names_and_outlet(names, capitals, outlet) -> None:
    written = [name.upper() for name in names] if capitals else names
    joined = written[0] if len(written) == 1 else ", ".join(written[:-1]) + " and " + written[-1]
    head = f"By {joined}" + (f", {outlet}" if outlet else "")
    credits = story_credits(f"{head}\n\n{STORY}")
    expected = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    assert credits == StoryCredits(expected, outlet)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_plain_text_articles_take_author_and_source_from_their_text(tmp_path, seeds_dir) -> None:
    ap = _write(tmp_path / "ap.txt", AP)
    result = load_articles([ap, *sorted(seeds_dir.glob("*.txt"))], LIMIT)
    by_id = {article.id: article for article in result.articles}
    assert (by_id["ap.txt"].source, by_id["ap.txt"].author) == (
        "AP",
        "Hanna Arhirova and Samya Kullab",
    )
    jagran = by_id["003_3f35dfa55a5d8b29.txt"]
    assert (jagran.source, jagran.author) == ("Jagran News", "Aalok Sensharma")
    plain = by_id["000_6634b6c0be25b985.txt"]  # "…, Reuters reported." names no outlet
    assert (plain.source, plain.author) == (None, None)


def test_what_a_file_says_wins_and_an_empty_field_stays_empty(tmp_path) -> None:
    given_fields = _write(tmp_path / "a.md", "---\nsource: Kyiv Post\nauthor: Ann Lee\n---\n" + AP)
    empty = _write(tmp_path / "b.md", "---\nsource: null\n---\n" + AP)
    listed = _write(tmp_path / "c.json", json.dumps([{"text": AP, "author": "Ann Lee"}]))
    result = load_articles([given_fields, empty, listed], LIMIT)
    by_path = {Path(article.path).name: article for article in result.articles}
    assert (by_path["a.md"].source, by_path["a.md"].author) == ("Kyiv Post", "Ann Lee")
    # Said to be unknown, the source stays so; the author the file leaves out is read.
    assert (by_path["b.md"].source, by_path["b.md"].author) == (
        None,
        "Hanna Arhirova and Samya Kullab",
    )
    assert (by_path["c.json"].source, by_path["c.json"].author) == ("AP", "Ann Lee")


def test_a_title_from_the_text_passes_a_byline_and_leaves_a_dateline_out(tmp_path) -> None:
    files = {
        "byline.txt": "By Jane Doe, Reuters\n\nKremlin says troops return\n\n" + STORY,
        "dateline.txt": "KYIV, Ukraine (AP) — Russian missiles struck overnight.\n" + STORY,
        "label.txt": "UPDATE - Russia says troops return\n" + STORY,
        "sentence.txt": "By Tuesday, officials said, nothing had changed.\n" + STORY,
    }
    paths = [_write(tmp_path / name, text) for name, text in files.items()]
    titles = {article.id: article.title for article in load_articles(paths, LIMIT).articles}
    assert titles == {
        "byline.txt": "Kremlin says troops return",
        "dateline.txt": "Russian missiles struck overnight.",
        "label.txt": "UPDATE - Russia says troops return",
        "sentence.txt": "By Tuesday, officials said, nothing had changed.",
    }


def test_an_html_page_without_an_author_takes_the_bylines(tmp_path) -> None:
    body = "".join(f"<p>{line}</p>" for line in AP.split("\n") if line.strip())
    page = _write(
        tmp_path / "page.html",
        f"<html><head><title>Strikes</title></head><body><article>{body}</article></body></html>",
    )
    [article] = load_articles([page], LIMIT).articles
    assert article.author == "Hanna Arhirova and Samya Kullab"
    assert article.source == "AP"
