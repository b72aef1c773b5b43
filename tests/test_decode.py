"""Decoding untrusted bytes into clean article text."""

from __future__ import annotations

import codecs
import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.loading.decode import (
    DecodeError,
    _looks_binary,
    clean_text,
    decode_bytes,
    decode_text,
)

CONTROL = {chr(c) for c in [*range(0, 9), *range(11, 32), *range(0x7F, 0xA0)]}


def test_utf8_text_is_kept_exactly(seed_texts: list[str]) -> None:
    for text in seed_texts:
        assert decode_bytes(text.encode("utf-8")) == text


def test_utf8_bom_is_dropped(seed_texts: list[str]) -> None:
    text = seed_texts[0]
    assert decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8")) == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_bom_marked_unicode(seed_texts: list[str], encoding: str) -> None:
    assert decode_bytes(seed_texts[1].encode(encoding)) == seed_texts[1]


def test_legacy_encoding_is_detected(seed_texts: list[str]) -> None:
    # The Jagran seed with its quotes made Windows-1252 curly quotes and an accent.
    text = seed_texts[1].replace('"', "\u201c", 1) + "\n\nCafé owners in Kyiv said: “We stay.”"
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded == text


def test_windows_line_ends_become_newlines(seed_texts: list[str]) -> None:
    text = seed_texts[0]
    assert decode_bytes(text.replace("\n", "\r\n").encode()) == text
    assert decode_bytes(b"old\rmac\rlines") == "old\nmac\nlines"


def test_escape_sequences_are_removed() -> None:
    raw = "Peskov said \x1b[31mred\x1b[0m and \x9b2J and \x07bell\x7f.\tTab\nkept."
    assert decode_bytes(raw.encode()) == "Peskov said [31mred[0m and 2J and bell.\tTab\nkept."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x1b\x1b\x1b\x07", "no text"),
    ],
)
def test_unusable_bytes_give_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


@given(st.text())
def test_clean_text_leaves_no_control_characters(text: str) -> None:
    cleaned = clean_text(text)
    assert not set(cleaned) & CONTROL
    assert "\r" not in cleaned


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cs"]), min_size=1))
def test_clean_utf8_round_trips(text: str) -> None:
    if not text.strip():
        return
    assert decode_bytes(text.encode("utf-8")) == text


def test_latin1_french_is_read_as_western_with_a_warning() -> None:
    text = "Le ministre est arrivé à Madrid très tôt, où il a rencontré ses homologues."
    decoded, warning = decode_text(text.encode("latin-1"))
    assert decoded == text
    assert warning is not None and "Windows-1252" in warning


def test_western_text_that_reads_the_same_everywhere_has_no_warning() -> None:
    text = "Die Regierung hat in Berlin beschlossen, dass die Maßnahmen für Bürger größer sind."
    assert decode_text(text.encode("cp1252")) == (text, None)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (
            "Министр иностранных дел России Сергей Лавров заявил, что переговоры продолжатся.",
            "cp1251",
        ),
        ("Ο υπουργός Εξωτερικών δήλωσε την Τρίτη ότι οι συνομιλίες θα συνεχιστούν.", "cp1253"),
    ],
)
def test_confident_non_western_guess_wins(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding))[0] == text


def _binary_without_surrogates(size: int) -> bytes:
    # Pseudo-random bytes, no UTF-16 surrogate units: they decode, as garbage.
    data = bytearray(random.Random(7).randbytes(size))
    data[1::2] = bytes(b & 0x7F for b in data[1::2])
    return bytes(data)


@pytest.mark.parametrize(
    "tail",
    [
        bytes(range(256)) * 8,
        bytes(4000),
        _binary_without_surrogates(4000),
        bytes(range(33, 127)) * 40,  # single-byte data after a BOM: no spaces as UTF-16
    ],
)
def test_binary_starting_with_a_utf16_bom_is_not_text(tail: bytes) -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(codecs.BOM_UTF16_LE + tail)


# The definitions the fast paths must agree with: one regular-expression pass each.
_REFERENCE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_REFERENCE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _reference_clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _REFERENCE_SURROGATE.sub("\ufffd", _REFERENCE_CONTROL.sub("", text))


def _reference_binary(text: str) -> bool:
    sample = text[:8192]
    return len(_REFERENCE_CONTROL.findall(sample)) > max(8, len(sample) // 20)


# Characters a fast byte-level check could get wrong: every control, their neighbours
# (tab, newline, space, U+00A0..U+00BF share the C2 lead byte with C1), CR, surrogates.
_TRICKY = st.sampled_from(
    [*CONTROL, "\t", "\n", "\r", " ", "\xa0", "\xa9", "\xbf", "\xc2", "\u0100", "\ud800", "\udfff"]
)


@given(st.data())
def test_clean_text_matches_the_regular_expressions_on_real_text(
    seed_texts: list[str], data: st.DataObject
) -> None:
    text = data.draw(st.sampled_from(seed_texts))
    for _ in range(data.draw(st.integers(0, 12))):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.text(_TRICKY, min_size=1, max_size=3)) + text[at:]
    assert clean_text(text) == _reference_clean(text)
    assert _looks_binary(text) == _reference_binary(text)


@given(st.text(st.one_of(_TRICKY, st.characters())))
def test_clean_text_matches_the_regular_expressions(text: str) -> None:
    assert clean_text(text) == _reference_clean(text)
    assert _looks_binary(text) == _reference_binary(text)
