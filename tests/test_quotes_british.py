"""Quotes in the British style: ‘single marks’ around speech, “double” ones nested inside."""

from __future__ import annotations

import re

from reader.quotes.marks import find_quotes, single_marks_as_double

_SWAP = {"“": "‘", "”": "’", "‘": "“", "’": "”"}


def british(text: str) -> str:
    """The same article in the British style, offsets unchanged.

    The marks of every quotation the reader pairs become ‘ and ’; curly single
    marks that are not apostrophes (nested quotes) become “ and ”.
    """
    out = list(text)
    for index, ch in enumerate(text):
        if ch in "‘’" and _nested(text, index):
            out[index] = _SWAP[ch]
    for quote in find_quotes(text):
        if quote.close_mark is not None and text[quote.open_mark] in '"“':
            out[quote.open_mark] = "‘"
            out[quote.close_mark] = "’"
    return "".join(out)


def _nested(text: str, index: int) -> bool:
    # A curly single mark that is not an apostrophe (not between letters, not after s).
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not (before.isalnum() and (after.isalnum() or text[index] == "’"))


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_single_marks_are_the_quotes_when_they_are_the_style() -> None:
    text = (
        "Boris Johnson said: ‘We will get Brexit done by the end of January.’ He called the "
        "deal ‘oven-ready’.\n\n‘It is time,’ he said, ‘to move on with our “great” lives.’"
    )
    assert quoted(text) == [
        "We will get Brexit done by the end of January.",
        "oven-ready",
        "It is time,",
        "to move on with our “great” lives.",
    ]


def test_apostrophes_stay_apostrophes() -> None:
    text = (
        "‘We stay here for good,’ the Joneses’ lawyer said of the ’90s house.\n\n"
        "‘Never,’ he added, ‘not in the ‘90s and not now.’"
    )
    found = quoted(text)
    assert found[0] == "We stay here for good,"
    assert all("lawyer" not in q for q in found)
    assert found[-1] == "not in the ‘90s and not now."


def test_double_marked_articles_keep_double_marks() -> None:
    text = (
        '"It is quite understandable why Ukrainians today are skeptical about various '
        "'specific dates' of the so-called 'start of the invasion'\" Podolyak told Reuters. "
        "He doubted the ‘so-called experts’ and their ‘dates of attack’."
    )
    assert single_marks_as_double(text) is None
    assert len(quoted(text)) == 1


def test_an_unclosed_single_mark_stays_in_its_paragraph() -> None:
    text = "‘One two three,’ he said. ‘Four five six,’ she said.\n\n‘Seven eight\n\nNine ten."
    assert quoted(text) == ["One two three,", "Four five six,", "Seven eight"]


def test_the_seed_in_british_style_gives_the_same_quotes(seed_texts: list[str]) -> None:
    for text in seed_texts:
        assert quoted(british(text)) == quoted(text)


def test_british_converter_keeps_offsets(seed_texts: list[str]) -> None:
    for text in seed_texts:
        converted = british(text)
        assert len(converted) == len(text)
        assert re.sub("[‘’“”\"']", "", converted) == re.sub("[‘’“”\"']", "", text)


def test_british_seeds_get_the_same_speakers(nlp, seed_texts: list[str]) -> None:
    for text in seed_texts:
        plain = [q.to_finding() for q in nlp(text)._.reader_quotes]
        brit = [q.to_finding() for q in nlp(british(text))._.reader_quotes]
        assert [(q.start, q.end, q.partial) for q in brit] == [
            (q.start, q.end, q.partial) for q in plain
        ]
        assert [q.speaker_ref and q.speaker_ref.text for q in brit] == [
            q.speaker_ref and q.speaker_ref.text for q in plain
        ]
