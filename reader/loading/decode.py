"""Bytes to clean text: encoding detection, line ends, control characters.

Article text is untrusted. Every control character except newline and tab
(C0, DEL and C1, ESC among them) is removed here, at load time, so no escape
sequence can travel on to the terminal, the cache or an export.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

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
#: The UTF-8 bytes ``_CONTROL`` matches: C0 but tab and newline, and DEL, one byte each;
#: C1 characters encode as C2 80..C2 9F.
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n") + b"\x7f"
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


class DecodeError(ValueError):
    """The bytes are not usable text; the message is the one-line reason."""


def clean_text(text: str) -> str:
    """Normalise line ends to ``\\n`` and drop control characters other than ``\\n`` and ``\\t``.

    Lone surrogates become U+FFFD: they are not text and nothing can write them as UTF-8.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _clean(text):  # nearly every article: nothing to remove, no regex pass
        return text
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def _clean(text: str) -> bool:
    """Whether ``text`` holds no control character ``clean_text`` removes and no lone
    surrogate, checked on its UTF-8 bytes: a byte-table scan is many times faster
    than the regular expression over the characters.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):
        return False
    return b"\xc2" not in data or _C1_UTF8.search(data) is None


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes to clean text (see ``decode_text``; a guess warning is dropped).

    Raises:
        DecodeError: the file is empty, binary, or in no encoding that can be detected.
    """
    return decode_text(data)[0]


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Decode a file's bytes to clean text, with a warning when the encoding was a guess.

    UTF-8 (with or without BOM) is tried first, then a BOM-marked UTF-16/32,
    then a legacy single-byte encoding: Windows-1252 (Western European) unless
    charset-normalizer reads the bytes clearly better in another one.

    Returns:
        The text, and a one-line warning when another encoding would have read
        the bytes as plausibly but differently (None otherwise).

    Raises:
        DecodeError: the file is empty, binary, or in no encoding that can be detected.
    """
    if not data.strip():
        raise DecodeError("empty file")
    text, warning = _decode(data)
    text = clean_text(text)
    if not text.strip():
        raise DecodeError("no text (only whitespace or control characters)")
    return text, warning


def _decode(data: bytes) -> tuple[str, str | None]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                # Binary files often start with FF FE by chance: not text, not an error of ours.
                raise DecodeError("binary file (not text)") from None
            if _looks_binary(text) or _implausible(text):
                raise DecodeError("binary file (not text)")
            return text, None
    if b"\x00" in data[:_SNIFF]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16, None
    utf8 = _utf8(data)
    if utf8 is not None:
        # A stray NUL in good text is dropped with the other controls; many mean binary.
        if _looks_binary(utf8):
            raise DecodeError("binary file (not text)")
        return utf8, None
    return _legacy(data)


#: Single-byte encodings for Western European text: the default guess.
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15", "iso8859_1"})
#: How much messier (charset-normalizer's chaos, 0..1) Western text may read than the
#: detector's pick and still be preferred: ties are common, as most letters agree.
_TOLERANCE = 0.01
_COMPARE = 65_536  # bytes compared when looking for an equally plausible reading


def _legacy(data: bytes) -> tuple[str, str | None]:
    # Imported here: most files are UTF-8 and never need the detector.
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    western = _western(data)
    matches = list(from_bytes(data))
    best = matches[0] if matches else None
    if _looks_binary(western) and best is None:
        raise DecodeError("binary file or unknown text encoding")
    western_mess = mess_ratio(western[:_COMPARE])
    if (
        best is not None
        and best.encoding not in _WESTERN
        and best.chaos + _TOLERANCE < western_mess
    ):
        chosen_text, chosen_name, chaos = str(best), best.encoding, best.chaos
    elif best is None and western_mess > 0.2:
        raise DecodeError("binary file or unknown text encoding")
    else:
        chosen_text, chosen_name, chaos = western, "cp1252", western_mess
    if _looks_binary(chosen_text):
        raise DecodeError("binary file (not text)")
    head = data[:_COMPARE]
    reading = _reads(head, chosen_name)
    rivals = [
        m.encoding
        for m in matches[:8]
        if m.encoding != chosen_name
        and m.chaos <= chaos + _TOLERANCE
        and _reads(head, m.encoding) != reading
    ]
    warning = None
    if rivals:
        warning = (
            f"encoding guessed as {_label(chosen_name)}, it could also be {_label(rivals[0])}; "
            "save the file as UTF-8 to be sure"
        )
    return chosen_text, warning


def _western(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return data.decode("latin-1")


def _reads(data: bytes, encoding: str) -> str:
    return data.decode(encoding, errors="replace")


def _label(encoding: str) -> str:
    names = {
        "cp1252": "Windows-1252 (Western European)",
        "cp1250": "Windows-1250 (Central European)",
        "cp1251": "Windows-1251 (Cyrillic)",
    }
    return names.get(encoding, encoding)


def _implausible(text: str) -> bool:
    """Binary bytes read as UTF-16/32: many unassigned or private-use characters,
    or a long stretch with no space or line break (text in any script has some)."""
    sample = text[:_SNIFF]
    odd = sum(1 for c in sample if unicodedata.category(c) in ("Cn", "Co", "Cs"))
    if odd > max(4, len(sample) // 20):
        return True
    return len(sample) >= 200 and not any(c.isspace() for c in sample)


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
    if _clean(sample):  # the usual case: no control character to count
        return False
    controls = len(_CONTROL.findall(sample))
    return controls > max(8, len(sample) // 20)
