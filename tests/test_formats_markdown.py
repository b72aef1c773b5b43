"""Markdown becomes reading text: markup, link targets and code blocks never reach analysis."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.loading.formats import parse
from reader.loading.markdown import markdown_to_text

ARTICLE = """\
# Kremlin says **some** troops return

Kremlin spokesman *Dmitry Peskov* said [in a briefing](https://example.com/Berlin/news) that
the drills were over.

- Russia's defence ministry published a video
- NATO said it saw no sign of it
  1. first nested point

```python
print("Paris")
```

<div class="ad">Subscribe in London</div>

| City | Official |
|------|----------|
| Kyiv | Dmytro Kuleba |

Details at <https://example.org/Rome>. ![Photo of Olaf Scholz in Moscow](scholz.jpg)
"""


def test_markup_and_link_targets_are_dropped_link_text_kept() -> None:
    reading = markdown_to_text(ARTICLE)
    assert reading.heading == "Kremlin says some troops return"
    assert reading.text.startswith("Kremlin says some troops return\n\nKremlin spokesman Dmitry")
    assert "said in a briefing that\nthe drills were over." in reading.text
    for markup in ("#", "**", "*Dmitry", "](", "https://", "Berlin", "Rome", "```", "<div"):
        assert markup not in reading.text


def test_lists_keep_bullets_and_numbers_on_their_own_lines() -> None:
    text = markdown_to_text(ARTICLE).text
    assert (
        "• Russia's defence ministry published a video\n"
        "• NATO said it saw no sign of it\n"
        "  1. first nested point"
    ) in text


def test_code_and_html_blocks_are_dropped_tables_and_alt_text_kept() -> None:
    text = markdown_to_text(ARTICLE).text
    assert "Paris" not in text and "London" not in text
    assert "Kyiv  Dmytro Kuleba" in text
    assert text.endswith("Details at . Photo of Olaf Scholz in Moscow")


def test_paragraphs_stay_separated_by_one_blank_line() -> None:
    text = markdown_to_text("First.\n\n\n\nSecond.\n\n> Quoted third.\n").text
    assert text == "First.\n\nSecond.\n\nQuoted third."


def test_markdown_file_gets_reading_text_and_heading_title() -> None:
    [draft], warnings = parse(".md", "---\nsource: Jagran\n---\n" + ARTICLE)
    assert warnings == []
    assert draft.fields == {"source": "Jagran", "title": "Kremlin says some troops return"}
    assert "**" not in draft.text


@given(st.text(alphabet="ab *_#[]()`<>-\n|!1.", max_size=200))
def test_any_markdown_gives_text_without_link_targets(source: str) -> None:
    reading = markdown_to_text(source + "\n\n[x](http://target.example/zzz)")
    assert "zzz" not in reading.text
    assert "\n\n\n" not in reading.text


@given(st.lists(st.integers(min_value=0, max_value=0x10FFFF), min_size=1, max_size=20))
def test_character_references_never_bring_back_control_characters(codes: list[int]) -> None:
    source = "# Title &#27;[31m\n\n" + " ".join(f"&#{c};&#x{c:x};" for c in codes)
    [draft], _ = parse(".md", source)
    for text in (draft.text, draft.fields["title"] or ""):
        assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in text)
        assert not any(0x7F <= ord(ch) <= 0x9F for ch in text)


def test_indented_paragraphs_are_kept_fenced_code_is_not() -> None:
    text = markdown_to_text("    Indented paragraph about Kyiv.\n\n~~~\nrm -rf Paris\n~~~\n").text
    assert text == "Indented paragraph about Kyiv."
