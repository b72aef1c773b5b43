"""Alias files: the shipped table, user merges and splits, and clear warnings for broken files."""

from __future__ import annotations

from pathlib import Path

from reader.linking.aliases import load_alias_file, load_aliases, parse_aliases, shipped_aliases
from reader.names import clean_name, fold_name


def key(name: str) -> str:
    return fold_name(clean_name(name))


def test_shipped_table_knows_the_well_known_variants() -> None:
    table = shipped_aliases()
    groups = [group for group, _ in table.merges]
    us = next(g for g in groups if key("United States") in g)
    assert {key(n) for n in ("US", "U.S.", "USA", "America", "United States of America")} <= us
    uk = next(g for g in groups if key("United Kingdom") in g)
    assert {key("Britain"), key("UK")} <= uk
    assert any({key("Sudan"), key("South Sudan")} <= split for split in table.splits)
    assert any({key("Russia"), key("Russian")} <= related for related in table.related)


def test_missing_user_files_are_skipped_silently(tmp_path: Path) -> None:
    table, warnings = load_aliases([tmp_path / "aliases.yaml", tmp_path / "nowhere" / "a.yaml"])
    assert warnings == []
    assert len(table.merges) == len(shipped_aliases().merges)


def test_user_file_adds_merges_and_splits(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text(
        "merge:\n  - [Volodymyr Zelenskiy, Volodymyr Zelensky, Zelenskyy]\n"
        "split:\n  - [John Smith, Smith]\n",
        encoding="utf-8",
    )
    table, warnings = load_aliases([path])
    assert warnings == []
    assert table.merges[-1] == (
        frozenset({"volodymyr zelenskiy", "volodymyr zelensky", "zelenskyy"}),
        str(path),
    )
    assert table.splits[-1] == frozenset({"john smith", "smith"})


def test_the_same_file_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text("merge:\n  - [Kyiv, Kiev city]\n", encoding="utf-8")
    table, _ = load_aliases([path, tmp_path / "." / "aliases.yaml"])
    assert sum(1 for _, source in table.merges if source == str(path)) == 1


def test_broken_yaml_gives_one_line_warning(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text("merge: [unclosed\n", encoding="utf-8")
    table, warnings = load_alias_file(path)
    assert table.merges == []
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert str(path) in warnings[0] and "YAML" in warnings[0]


def test_bad_entries_are_reported_and_the_rest_kept() -> None:
    data = {
        "merge": [["NATO", "North Atlantic Treaty Organization"], "just a string", ["Only one"]],
        "split": {"not": "a list"},
        "colours": [],
    }
    table, warnings = parse_aliases(data, "user.yaml")
    assert [group for group, _ in table.merges] == [
        frozenset({"nato", "north atlantic treaty organization"})
    ]
    assert table.splits == []
    assert len(warnings) == 4
    assert all(w.startswith("user.yaml: ") and "\n" not in w for w in warnings)


def test_a_file_that_is_not_a_mapping_is_reported() -> None:
    table, warnings = parse_aliases(["US", "USA"], "x.yaml")
    assert table.merges == [] and warnings == [
        "x.yaml: expected a mapping with 'merge' and/or 'split' lists"
    ]


def test_an_empty_file_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert load_alias_file(path) == (load_alias_file(tmp_path / "missing.yaml")[0], [])


def test_extending_a_loaded_table_leaves_the_shipped_one_alone(tmp_path: Path) -> None:
    before = len(shipped_aliases().merges)
    path = tmp_path / "aliases.yaml"
    path.write_text("merge:\n  - [LiLo, Lindsay Lohan]\n", encoding="utf-8")
    table, _ = load_aliases([path])
    assert len(table.merges) == before + 1
    assert len(shipped_aliases().merges) == before
