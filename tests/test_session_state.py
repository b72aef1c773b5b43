"""The remembered session: keyed by the articles, restored by text anchors and entity refs."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reader.corpus import link_corpus
from reader.history import Place
from reader.model import Article, Corpus, Entity, EntityMention
from reader.session_state import (
    EntityRef,
    Session,
    SessionStore,
    session_key,
    session_of,
)
from reader.state_files import state_dir

SEEDS = sorted((Path(__file__).parent / "data" / "seeds").glob("*.txt"))


@pytest.fixture
def articles() -> list[Article]:
    return [
        Article(path.name, str(path), path.read_text(encoding="utf-8"), title=path.stem)
        for path in SEEDS
    ]


def corpus_with(articles: list[Article], entities: list[Entity]) -> Corpus:
    return replace(link_corpus(articles, {}, [], "test"), entities=entities)


def kremlin(articles: list[Article], entity_id: str = "org:kremlin") -> Entity:
    text = articles[1].text
    start = text.index("Kremlin")
    mention = EntityMention(articles[1].id, start, start + 7, "Kremlin")
    return Entity(entity_id, "Kremlin", "organization", ["Kremlin"], [mention])


def test_the_state_directory_follows_xdg_state_home(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert state_dir() == tmp_path / "reader"
    assert SessionStore().path == tmp_path / "reader" / "sessions.json"


def test_the_key_is_the_set_of_articles_and_their_texts(articles) -> None:
    assert session_key(articles) == session_key(list(reversed(articles)))
    edited = [articles[0], replace(articles[1], text=articles[1].text + " More.")]
    assert session_key(edited) != session_key(articles)
    assert session_key(articles[:1]) != session_key(articles)


def test_a_session_round_trips_and_restores(tmp_path, articles) -> None:
    corpus = corpus_with(articles, [kremlin(articles)])
    store = SessionStore(tmp_path / "sessions.json")
    anchor = articles[1].text.index("Kremlin")
    place = Place((articles[1].id, articles[0].id), (anchor, 120), 1, "org:kremlin")
    assert store.save(articles, session_of(place, corpus)) is None
    loaded, notice = SessionStore(tmp_path / "sessions.json").load(list(reversed(articles)))
    assert notice is None and loaded is not None
    assert loaded.restore(corpus) == place
    # Only the same set of articles finds it.
    assert store.load(articles[:1]) == (None, None)


def test_the_entity_is_found_again_after_its_id_changed(articles) -> None:
    ref = EntityRef.of(kremlin(articles, "org:old-id"))
    assert ref.resolve(corpus_with(articles, [kremlin(articles, "org:new-id")])) == "org:new-id"
    renamed = replace(kremlin(articles, "org:other"), name="The Kremlin")
    # Same first mention, other name and id: still the same entity.
    assert ref.resolve(corpus_with(articles, [renamed])) == "org:other"
    assert ref.resolve(corpus_with(articles, [])) is None


def test_a_session_whose_articles_are_gone_restores_nothing(articles) -> None:
    session = Session(Place(("gone.txt",), (10,)), None, 1.0)
    assert session.restore(corpus_with(articles, [])) is None


def test_a_damaged_file_is_ignored_with_a_notice(tmp_path, articles) -> None:
    path = tmp_path / "sessions.json"
    path.write_text("{not json", encoding="utf-8")
    store = SessionStore(path)
    session, notice = store.load(articles)
    assert session is None
    assert notice is not None and "damaged" in notice and "\n" not in notice
    # Saving over it works and leaves a readable file.
    assert store.save(articles, Session(Place((articles[0].id,)), None, 1.0)) is None
    assert store.load(articles)[0] is not None


def test_a_damaged_entry_is_ignored_with_a_notice(tmp_path, articles) -> None:
    path = tmp_path / "sessions.json"
    entry = {"columns": ["a"], "anchors": "nonsense", "focused": 0, "saved_at": 1}
    path.write_text(
        json.dumps({"version": 1, "sessions": {session_key(articles): entry}}), encoding="utf-8"
    )
    session, notice = SessionStore(path).load(articles)
    assert session is None and notice is not None


def test_sessions_are_bounded_to_the_most_recent(tmp_path, articles) -> None:
    store = SessionStore(tmp_path / "sessions.json", limit=2)
    sets = [[a] for a in articles] + [articles]
    for saved_at, chosen in enumerate(sets):
        store.save(chosen, Session(Place((chosen[0].id,)), None, float(saved_at)))
    kept = json.loads(store.path.read_text(encoding="utf-8"))["sessions"]
    assert len(kept) == 2
    assert store.load(sets[0])[0] is None
    assert store.load(sets[2])[0] is not None


def test_saving_writes_no_temporary_files_and_never_beside_the_articles(tmp_path, articles) -> None:
    store = SessionStore(tmp_path / "state" / "sessions.json")
    store.save(articles, Session(Place((articles[0].id,)), None, 1.0))
    assert [p.name for p in (tmp_path / "state").iterdir()] == ["sessions.json"]
    assert sorted(p.name for p in SEEDS[0].parent.iterdir()) == sorted(p.name for p in SEEDS)


def test_an_unwritable_state_directory_is_a_notice(tmp_path, articles) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    store = SessionStore(blocker / "sessions.json")
    notice = store.save(articles, Session(Place((articles[0].id,)), None, 1.0))
    assert notice is not None and notice.startswith("cannot save the sessions")
