"""Wrapping keeps offsets exact; sanitizing keeps lengths; highlight lookups are exact."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.ui.highlights import Layer, Marked
from reader.ui.layout import line_of, offset_at, sanitize, wrap
from tests.conftest import SEEDS

SEED_TEXT = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")

texts = st.one_of(
    st.text(alphabet=st.sampled_from([*"ab cd\n\t-—“”’日本語é\x1b\x07", " "]), max_size=300),
    st.integers(0, len(SEED_TEXT)).map(lambda n: SEED_TEXT[n : n + 400]),
)


@given(st.text(max_size=200))
def test_sanitize_keeps_length_and_removes_every_control_character(text):
    safe = sanitize(text)
    assert len(safe) == len(text)
    assert not any(0 <= ord(ch) < 32 and ch != "\n" for ch in safe)
    assert not any(0x7F <= ord(ch) < 0xA0 for ch in safe)


@given(texts, st.integers(1, 60))
def test_wrapped_lines_cover_the_text_in_order_and_fit(text, width):
    text = sanitize(text)
    lines = wrap(text, width)
    assert "".join(text[line.start : line.end] for line in lines) == text.replace("\n", "")
    for line in lines:
        shown = text[line.start : line.end].rstrip()
        # Only a single character wider than the line may overflow it.
        assert cell_len(shown) <= width or len(shown) == 1
    starts = [line.start for line in lines]
    assert starts == sorted(starts)


@given(texts, st.integers(1, 60), st.data())
def test_an_offset_maps_to_its_line_and_back_from_its_cell(text, width, data):
    text = sanitize(text)
    if not text.replace("\n", ""):
        return
    lines = wrap(text, width)
    starts = [line.start for line in lines]
    offset = data.draw(st.sampled_from([i for i, ch in enumerate(text) if ch != "\n"]))
    line = lines[line_of(lines, starts, offset)]
    assert line.start <= offset < line.end
    x = cell_len(text[line.start : offset])
    assert offset_at(text, line, x) == offset


def test_notes_follow_the_source_line_of_their_offset():
    text = "First line.\nSecond line here.\nThird."
    lines = wrap(text, 8, {text.index("here"): ["  ↳ note"]})
    rows = [(text[ln.start : ln.end], ln.note) for ln in lines]
    assert rows.index(("", "  ↳ note")) == rows.index(("here.", None)) + 1
    assert rows[-1] == ("Third.", None)


spans = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 20)), max_size=40)


@given(spans, st.integers(0, 220), st.integers(0, 40))
def test_layer_overlapping_finds_exactly_the_kept_spans_in_a_range(raw, start, length):
    layer = Layer(Marked(s, s + n, f"k{i}", "person") for i, (s, n) in enumerate(raw))
    kept = layer.spans
    assert all(a.end <= b.start for a, b in pairwise(kept))
    end = start + length
    expected = [s for s in kept if s.start < end and s.end > start]
    assert layer.overlapping(start, end) == expected
