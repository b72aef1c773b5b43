"""The words of the status line: counts as a reader reads them."""

from __future__ import annotations

from reader.ui.wording import collection_summary, counted


def test_counts_are_singular_for_one_and_grouped_by_thousands():
    assert counted(1, "quote") == "1 quote"
    assert counted(0, "quote") == "0 quotes"
    assert counted(2, "entity", "entities") == "2 entities"
    assert counted(10_000, "article") == "10,000 articles"
    assert counted(1_234_567, "entity", "entities") == "1,234,567 entities"


def test_the_summary_says_when_the_stories_are_still_to_come():
    grouping = collection_summary(10_000, 1_931, 25_408, grouping=True)
    assert grouping.startswith("10,000 articles · 1,931 entities · 25,408 quotes · grouping")
    done = collection_summary(2, 1, 1, grouping=False)
    assert done.startswith("2 articles · 1 entity · 1 quote — ")
    assert "grouping" not in done
