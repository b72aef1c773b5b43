"""The two seed articles through the reader's own pipeline: one entity per real-world thing."""

from __future__ import annotations

import pytest

from reader.linking import exact_name_entities, link_entities
from reader.linking.furniture import credit_spans
from reader.model import Entity
from reader.pipeline import Analyzer, load_articles


@pytest.fixture(scope="module")
def seed_documents(settings, seeds_dir):
    articles = load_articles([seeds_dir], settings).articles
    analyses = Analyzer(settings).analyze(articles)
    return [(a, analyses[a.id]) for a in articles]


@pytest.fixture(scope="module")
def entities(seed_documents) -> list[Entity]:
    return link_entities(seed_documents)


def named(entities: list[Entity], *forms: str) -> list[Entity]:
    wanted = {f.casefold() for f in forms}
    return [e for e in entities if wanted & {a.casefold() for a in e.aliases}]


@pytest.mark.parametrize(
    "forms",
    [
        ("Russia",),
        ("Ukraine",),
        ("United States", "United States of America", "US"),
        ("Russian defence ministry",),
        ("Reuters",),
        ("AFP",),
        ("Kyiv",),
        ("Kremlin",),
    ],
)
def test_each_appears_once_with_mentions_in_every_article_naming_it(
    entities, seed_documents, forms: tuple[str, ...]
) -> None:
    found = named(entities, *forms)
    assert len(found) == 1, [(e.name, e.aliases) for e in found]
    # A photo credit ("Sergei Supinsky/AFP") names no one in the story (``furniture``).
    naming = {
        article.id
        for article, _ in seed_documents
        if any(form in _uncredited(article.text) for form in forms)
    }
    # Every article that writes the name (and has it tagged anywhere) is linked.
    tagged = {m.article for m in found[0].mentions}
    # The Jagran dateline "Moscow/ Kyiv", which the model does not tag, is found as well.
    assert tagged == naming


def _uncredited(text: str) -> str:
    for start, end in credit_spans(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def test_united_states_forms_and_evidence(entities) -> None:
    (us,) = named(entities, "United States")
    assert {"United States", "United States of America", "US"} <= set(us.aliases)
    assert us.name == "United States"
    assert us.type == "place"
    assert any(e.rule == "alias-file" for e in us.evidence)


def test_zelenskiy_is_one_person_named_in_full(entities) -> None:
    (zelenskiy,) = named(entities, "Zelenskiy")
    assert zelenskiy.type == "person"
    assert zelenskiy.name == "Volodymyr Zelenskiy"


def test_demonym_is_not_the_country(entities) -> None:
    (russia,) = named(entities, "Russia")
    assert all(m.text != "Russian" for m in russia.mentions)


def test_linker_beats_the_exact_name_baseline_on_the_united_states(seed_documents) -> None:
    baseline = exact_name_entities(seed_documents)
    assert len(named(baseline, "United States", "United States of America", "US")) > 1
