"""Per-article digests, stable entity ids and the linking fingerprint (the index's API)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from reader.fingerprint import import_closure
from reader.linking import (
    ArticleDigest,
    digest_article,
    link_entities,
    linking_fingerprint,
)
from reader.linking.build import entity_ids
from reader.linking.digest import LINKING_ROOTS
from reader.linking.furniture import credit_spans
from reader.linking.name_spans import PackedSpans, name_spans, pack_spans
from reader.model import Entity
from reader.pipeline import Analyzer, load_articles
from tests.linking_helpers import doc

READER = Path(__file__).resolve().parents[1] / "reader"


@pytest.fixture(scope="module")
def seed_documents(settings, seeds_dir):
    articles = load_articles([seeds_dir], settings).articles
    analyses = Analyzer(settings).analyze(articles)
    return [(a, analyses[a.id]) for a in articles]


def snapshot(entities: list[Entity]) -> list[tuple]:
    return [
        (e.id, e.name, e.type, e.aliases, e.mentions, [repr(x) for x in e.evidence])
        for e in entities
    ]


def test_digest_survives_json(seed_documents) -> None:
    for article, analysis in seed_documents:
        digest = digest_article(article, analysis)
        assert digest.mentions and digest.spans and digest.lower
        stored = json.dumps(digest.to_dict())
        assert ArticleDigest.from_dict(json.loads(stored), article.id) == digest
        assert "article" not in json.loads(stored)  # one stored digest serves any name


def test_broken_digest_data_is_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="digest"):
        ArticleDigest.from_dict({"v": 1}, "a")
    with pytest.raises(ValueError, match="version"):
        ArticleDigest.from_dict({"v": 999}, "a")


def test_marked_mentions_survive_json_and_a_place_past_the_mentions_is_refused() -> None:
    article, analysis = doc(
        "a",
        'She starred in "Van Wilder," and aboard INS Sukanya the crew cheered Van Wilder.',
        [("Van Wilder", "PERSON"), ("Sukanya", "GPE")],
    )
    digest = digest_article(article, analysis)
    texts = [digest.columns.texts[place] for place in digest.quoted]
    assert texts == ["Van Wilder"]
    assert [digest.columns.texts[place] for place in digest.after_prefix] == ["Sukanya"]
    data = json.loads(json.dumps(digest.to_dict()))
    assert ArticleDigest.from_dict(data, "a") == digest
    data["quoted"] = [len(digest.columns.keys)]
    with pytest.raises(ValueError, match="place"):
        ArticleDigest.from_dict(data, "a")


def test_nicknames_between_names_are_recorded_and_survive_json() -> None:
    article, analysis = doc(
        "a",
        "A vigil for Kimani (Kiki) Gray was held. Bank of America (BofA) Corp gave money, and "
        'Deputy Luis Gerardo "Jerry" Ortiz was named. John Cornyn (R) Texas voted.',
        [
            ("Kimani", "PERSON"),
            ("Bank of America (BofA) Corp", "ORG"),
            ('Luis Gerardo "Jerry" Ortiz', "PERSON"),
            ("John Cornyn (R) Texas", "PERSON"),
        ],
    )
    digest = digest_article(article, analysis)
    assert digest.nicknames == (
        ("kimani gray", "kiki gray", "kiki"),
        ("luis gerardo ortiz", "jerry ortiz", "jerry"),
    )
    # "Kimani" stands for the name; a company's acronym or a party's letter in brackets is
    # no nickname.
    assert digest.columns.written[0] == "Kimani Gray"
    assert digest.columns.written[1] == "Bank of America (BofA) Corp"
    assert ArticleDigest.from_dict(json.loads(json.dumps(digest.to_dict())), "a") == digest


def test_stored_spans_that_do_not_fit_together_are_refused(seed_documents) -> None:
    article, analysis = seed_documents[0]
    data = digest_article(article, analysis).to_dict()
    starts, bounds, ends = data["spans"]
    # A name the article has: each short form below is refused for its own fault.
    key = data["keys"][0]
    assert starts and bounds[0] == 0 and bounds[-1] == len(ends)
    broken = [
        {"spans": [starts, bounds, [*ends, 7]]},  # an end no start owns
        {"spans": [[*starts, 7], bounds, ends]},  # a start without bounds
        {"spans": [starts, bounds, ends[:-1]]},  # cut short
        {"spans": [[1], [0, 0], []]},  # a start without an end
        {"spans": [[1, 2], [0, 2, 1], [4, 5]]},  # bounds going back
        {"spans": [[1], [1, 2], [4, 5]]},  # bounds not from 0
        {"spans": [starts, bounds]},
        {"spans": [starts, bounds, ["7"]]},
        {"texts": data["texts"][:-1]},
        {"starts": ["7", *data["starts"][1:]]},
        {"keys": [7, *data["keys"][1:]]},
        {"short": [["Reid", [[key, "nobody"]], [], [0]]]},  # not an entity type
        {"short": [["Reid", [[key, "person"]], [], [len(article.text)]]]},  # past the text
        {"short": [["Reid", [[key, "person"]], [7], []]]},
        {"short": [["Reid", [["nobody here", "person"]], [], []]]},  # a name it lacks
        {"short": [["Reid", [[key, "person"]], []]]},
        {"short": [[7, [[key, "person"]], [], []]]},  # a form that is no string
        {"short": [["Reid", [[key, "person"]], [], [-1]]]},  # before the text
        {"short": [["Reid", [[key, "person"], [key, "person", "x"]], [], []]]},
        {"short": [["Reid", [[key]], [], []]]},  # a name without its type
        {"short": "Reid"},
    ]
    for change in broken:
        with pytest.raises(ValueError, match="digest"):
            ArticleDigest.from_dict({**data, **change}, article.id)
    # Each refused short form differs in one fault from this one, which is kept.
    fine = [["Reid", [[key, "person"]], [key], [0]]]
    assert ArticleDigest.from_dict({**data, "short": fine}, article.id).short_forms
    again = ArticleDigest.from_dict(data, article.id)
    assert again.spans == digest_article(article, analysis).spans


def test_packed_spans_round_trip_as_bytes_and_damaged_bytes_are_refused(seed_documents) -> None:
    for article, analysis in seed_documents:
        packed = digest_article(article, analysis).packed_spans
        stored = packed.to_bytes()
        assert PackedSpans.from_bytes(stored) == packed
        # Where a name could stand, but for the credits ("Sergei Supinsky/AFP": ``furniture``).
        credits = credit_spans(article.text)
        assert credits  # a photo credit in one seed, "Posted By:" in the other
        assert PackedSpans.from_bytes(stored).pairs() == [
            (start, ends)
            for start, ends in name_spans(article.text)
            if not any(low <= start < high for low, high in credits)
        ]
        for damaged in (
            stored[:-4],  # an end cut off: the last bound no longer fits
            stored[:-1],  # not whole numbers
            stored[:6],
            (len(packed.starts) + 1).to_bytes(4, sys.byteorder) + stored[4:],  # a count off
            (-1).to_bytes(4, sys.byteorder, signed=True) + stored[4:],
        ):
            with pytest.raises(ValueError, match="packed spans"):
                PackedSpans.from_bytes(damaged)
    empty = pack_spans([])
    assert PackedSpans.from_bytes(empty.to_bytes()) == empty and empty.pairs() == []


def test_linking_with_stored_digests_gives_the_same_result(seed_documents) -> None:
    digests = {
        article.id: ArticleDigest.from_dict(
            json.loads(json.dumps(digest_article(article, analysis).to_dict())), article.id
        )
        for article, analysis in seed_documents
    }
    assert snapshot(link_entities(seed_documents, digests=digests)) == snapshot(
        link_entities(seed_documents)
    )


def test_a_digest_of_another_text_is_not_used(seed_documents) -> None:
    (first, first_analysis), (second, _) = seed_documents[:2]
    wrong = {second.id: digest_article(first, first_analysis)}
    assert snapshot(link_entities(seed_documents, digests=wrong)) == snapshot(
        link_entities(seed_documents)
    )


def test_ids_come_from_content_and_survive_unrelated_articles(seed_documents) -> None:
    before = link_entities(seed_documents)
    ids = [e.id for e in before]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"e[0-9a-f]{8}", i) for i in ids)
    assert [e.id for e in link_entities(seed_documents)] == ids
    unrelated = doc(
        "zz-late",
        "Angela Merkel met Emmanuel Macron in Strasbourg on Monday.",
        [("Angela Merkel", "PERSON"), ("Emmanuel Macron", "PERSON"), ("Strasbourg", "GPE")],
    )
    after = {e.id: e for e in link_entities([*seed_documents, unrelated])}
    for entity in before:
        assert entity.id in after
        assert after[entity.id].mentions == entity.mentions
    # The salience order is kept whatever the ids are.
    keys = [(-len(e.mentions), -len(e.article_ids)) for e in before]
    assert keys == sorted(keys)


def test_colliding_ids_are_made_distinct_the_same_way_every_time() -> None:
    firsts = [("a", 1, 5), ("a", 1, 5), ("a", 1, 5), ("b", 0, 3)]
    ids = entity_ids(firsts)
    assert len(set(ids)) == 4
    assert ids == entity_ids(firsts)
    assert ids[0] == entity_ids([("a", 1, 5)])[0] and len(ids[0]) == 9


def test_name_spans_end_only_where_a_name_can_end() -> None:
    text = "Moscow/ Kyiv | But the Kyiv Post disagreed, and Kyiv's mayor said Kyiv would wait."
    spans = dict(name_spans(text))
    post = text.index("Kyiv Post")
    # "Kyiv" alone never ends inside "Kyiv Post"; the possessive is left out.
    assert post + len("Kyiv Post") in spans[post] and post + 4 not in spans[post]
    possessive = text.index("Kyiv's")
    assert spans[possessive][0] == possessive + 4
    # No span runs over a comma.
    assert all("," not in text[s:e] for s, ends in spans.items() for e in ends)


def test_fingerprint_covers_the_linking_code_and_what_it_imports() -> None:
    closure = {p.relative_to(READER.parent).as_posix() for p in import_closure(LINKING_ROOTS)}
    linking = {f"reader/linking/{p.name}" for p in (READER / "linking").glob("*.py")}
    assert linking <= closure
    assert "reader/model.py" in closure and "reader/ui/app.py" not in closure
    fingerprint = linking_fingerprint()
    assert re.fullmatch(r"[0-9a-f]{16}", fingerprint)
    assert linking_fingerprint() == fingerprint
