"""Bytes to clean text: encoding detection, line ends, control characters.

Article text is untrusted. Every control character except newline and tab
(C0, DEL and C1, ESC among them) is removed here, at load time, so no escape
sequence can travel on to the terminal, the cache or an export.
"""

from __future__ import annotations

import codecs
import re

# C0 controls except \t and \n, DEL, and the C1 range.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Lone surrogates (from JSON "\\ud800" escapes) cannot be encoded as UTF-8.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF = 8192


class DecodeError(ValueError):
    """The bytes are not usable text; the message is the one-line reason."""


def clean_text(text: str) -> str:
    """Normalise line ends to ``\\n`` and drop control characters other than ``\\n`` and ``\\t``.

    Lone surrogates become U+FFFD: they are not text and nothing can write them as UTF-8.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes to clean text.

    UTF-8 (with or without BOM) is tried first, then a BOM-marked UTF-16/32,
    then charset-normalizer's best guess.

    Raises:
        DecodeError: the file is empty, binary, or in no encoding that can be detected.
    """
    if not data.strip():
        raise DecodeError("empty file")
    text = _decode(data)
    text = clean_text(text)
    if not text.strip():
        raise DecodeError("no text (only whitespace or control characters)")
    return text


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} text ({exc.reason})") from None
    if b"\x00" in data[:_SNIFF]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
    utf8 = _utf8(data)
    if utf8 is not None:
        # A stray NUL in good text is dropped with the other controls; many mean binary.
        if _looks_binary(utf8):
            raise DecodeError("binary file (not text)")
        return utf8
    # Imported here: most files are UTF-8 and never need the detector.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("binary file or unknown text encoding")
    text = str(best)
    if _looks_binary(text):
        raise DecodeError("binary file (not text)")
    return text


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: mostly-ASCII text has a NUL in every other byte."""
    sample = data[: _SNIFF - _SNIFF % 2]
    if len(data) % 2 or len(sample) < 2:
        return None
    half = len(sample) // 2
    for encoding, zeros, other in (("utf-16-le", 1, 0), ("utf-16-be", 0, 1)):
        if sample[zeros::2].count(0) >= half * 0.3 and sample[other::2].count(0) == 0:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not _looks_binary(text):
                return text
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:_SNIFF]
    controls = len(_CONTROL.findall(sample))
    return controls > max(8, len(sample) // 20)
