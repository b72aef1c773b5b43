"""The day a story was published, read from its date line (``reader.date_lines``), and
the articles loaded with it. The lines are ECB+ articles' own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.date_lines import story_date
from reader.loading import load_articles

LIMIT = 5_000_000
HEADLINE = "Lindsay Lohan Checks Into Rehab at Betty Ford Center"
STORY = (
    "Early Friday morning, around 1:30 a. m., the 26-year-old actress checked into the "
    "Betty Ford Center, her lawyer said on May 2, 2013.\n"
)


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("May 03, 2013", "2013-05-03"),
        ("PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM", "2013-05-02"),
        ("May 2, 2013 | 5:03pm", "2013-05-02"),
        ("12:52 p. m. EDT May 2, 2013", "2013-05-02"),
        ("Fri., May. 3, 2013 11:45 AM PDT", "2013-05-03"),
        ("First Published: June 13, 2013 4:59 PM EDT", "2013-06-13"),
        ("14 June 2013", "2013-06-14"),
        ("21 July 2013 Last updated at 11:11 GMT", "2013-07-21"),
        ("9:53 AM, MON 22 JUL 2013", "2013-07-22"),
        ("PUBLISHED: 02:31 GMT, 12 March 2013 | UPDATED: 22:19 GMT, 12 March 2013", "2013-03-12"),
        ("published: 2012-04-04 11:47:35", "2012-04-04"),
        ("2 October 2013, 15:39 (GMT+05:00)", "2013-10-02"),
        ("TNN Nov 12, 2011, 05. 51AM IST MUMBAI:", "2011-11-12"),
        ("on Jul 7 2012, 5:55p", "2012-07-07"),
        ("Article posted on 08.07.2012", "2012-07-08"),
        ("Published: 2012.08.08 09:01 AM", "2012-08-08"),
        ("11 / 30 / 09 05:40 PM ET", "2009-11-30"),
        ("27 / 09 / 2013", "2013-09-27"),
        ("04 / 04 / 2012", "2012-04-04"),
        # Read both ways, a date in numbers is read as the line's time zone writes dates.
        ("8:13 AM PDT 8 / 2 / 2013", "2013-08-02"),
        ("Updated 5 / 8 / 2010 1:41 PM BST", "2010-08-05"),
        ("WASHINGTON, DC, April 28, 2009", "2009-04-28"),
        # In small letters, as some pages write their date lines.
        ("posted on: may 2, 2013 at 5:03 pm", "2013-05-02"),
        ("updated sept. 3 2013 | 10:04 a.m. et", "2013-09-03"),
        ("last updated: tue, jan. 8, 2013", "2013-01-08"),
    ],
)
def test_a_date_line_gives_the_day(line, day) -> None:
    assert story_date(f"{HEADLINE}\n{line}\n{STORY}") == day
    assert story_date(f"{line}\n\n{HEADLINE}\n\n{STORY}") == day


@pytest.mark.parametrize(
    "line",
    [
        "Page was born on April 22, 1923, in Nashville, Tenn.",
        "Reid checked herself in on Tuesday, December 9, 2008.",
        "Posted 1 year, 160 days ago [downloaded on 2 October 2013]",
        "End of Watch: Friday, June 24, 2005",
        "27 / 09 / 2013-Turkmenistan to hold first-ever parliamentary elections",
        "05 / 02 / 2013",  # May 2 or 5 February: no zone says which
        "February 30, 2013",
        "Updated: January 5, 3013",
        "Novemer 27, 2005",
        "Feb 15",
    ],
)
def test_a_line_that_is_no_date_line_gives_no_day(line) -> None:
    # The story's own "May 2, 2013" stands in a sentence: no date line either.
    assert story_date(f"{HEADLINE}\n{line}\n{STORY}") is None


def test_the_datelines_date_counts_when_it_has_a_year() -> None:
    filed = "MOSCOW, Feb 15, 2022 (Reuters) - Russia said some troops were returning to base.\n"
    assert story_date(filed + STORY) == "2022-02-15"
    assert story_date(filed.replace(", 2022", "") + STORY) is None


def test_a_date_line_past_the_first_lines_is_not_read() -> None:
    lines = "\n".join(f"Paragraph {n} of the story, with no date." for n in range(1, 7))
    assert story_date(f"{HEADLINE}\n{lines}\nMay 3, 2013\n") is None
    assert story_date(f"{HEADLINE}\nMay 3, 2013\n{lines}\n") == "2013-05-03"


_FORMATS = [
    lambda d: f"{d:%B} {d.day}, {d.year}",
    lambda d: f"{d:%b}. {d.day}, {d.year}",
    lambda d: f"{d:%A}, {d:%B} {d.day}, {d.year}".upper(),
    lambda d: f"{d.day} {d:%B} {d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
]
_LABELS = st.sampled_from(["", "Published: ", "Updated ", "Posted on ", "Last updated: "])
_TIMES = st.sampled_from(["", " 1:32 PM", ", 10:04 PM ET", " | 5:03pm", " at 11:11 GMT"])


@settings(max_examples=80, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)),
    form=st.sampled_from(range(len(_FORMATS))),
    label=_LABELS,
    time=_TIMES,
)
def test_any_written_date_line_gives_back_its_day(day, form, label, time) -> None:
    line = label + _FORMATS[form](day) + time
    assert story_date(f"{HEADLINE}\n{line}\n{STORY}") == day.isoformat()


def test_articles_take_their_date_from_the_text_when_their_file_gives_none(tmp_path) -> None:
    text = f"{HEADLINE}\nMay 3, 2013 at 7:31 AM ET\n{STORY}"
    (tmp_path / "plain.txt").write_text(text, encoding="utf-8")
    (tmp_path / "dated.md").write_text("---\ndate: 2013-05-04\n---\n" + text, encoding="utf-8")
    (tmp_path / "empty.md").write_text("---\ndate: null\n---\n" + text, encoding="utf-8")
    result = load_articles([tmp_path], LIMIT)
    dates = {Path(article.path).name: article.date for article in result.articles}
    assert dates == {"plain.txt": "2013-05-03", "dated.md": "2013-05-04", "empty.md": None}
