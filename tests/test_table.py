"""`reader entities`: the table's columns, fitting, evidence lines."""

from __future__ import annotations

from reader.model import Article, Corpus, Entity, EntityMention, Evidence
from reader.table import MAX_COUNT_COLUMNS, entities_table


def corpus_of(article_count: int) -> Corpus:
    articles = [
        Article(f"a{i}.txt", f"/news/a{i}.txt", "Peskov said Dmitry Peskov.", title=f"Story {i}")
        for i in range(1, article_count + 1)
    ]
    peskov = Entity(
        "e1",
        "Dmitry Peskov",
        "person",
        ["Dmitry Peskov", "Peskov"],
        [EntityMention(a.id, 0, 6, "Peskov") for a in articles[::2]]
        + [EntityMention(articles[0].id, 12, 25, "Dmitry Peskov")],
        [Evidence("surname", ("Dmitry Peskov", "Peskov"), "the only person of that surname")],
    )
    return Corpus(articles, [peskov], [], [], "test-model")


def test_few_articles_get_a_column_each() -> None:
    table = entities_table(corpus_of(3), width=100)
    lines = table.splitlines()
    assert lines[0].split() == ["Name", "Type", "Total", "A1", "A2", "A3", "Linked", "by"]
    assert lines[2].split() == ["Dmitry", "Peskov", "person", "3", "2", "·", "1", "surname"]
    assert "A2  Story 2  (a2.txt)" in table
    assert lines[-1] == "1 entities (1 person) in 3 articles; 0 quotes"


def test_many_articles_list_counts_per_article() -> None:
    count = MAX_COUNT_COLUMNS + 4
    table = entities_table(corpus_of(count), width=200)
    row = table.splitlines()[2]
    assert row.endswith("A1:2 A3:1 A5:1 A7:1 A9:1 A11:1")
    assert "A12" not in row


def test_evidence_lines_and_narrow_terminals() -> None:
    table = entities_table(corpus_of(2), width=100, evidence=True)
    assert "    Dmitry Peskov = Peskov  (surname: the only person of that surname)" in table
    for line in entities_table(corpus_of(20), width=60, evidence=True).splitlines():
        if not line.startswith(("A", "1 entities")):  # the legend and summary may run on
            assert len(line) <= 60, line
