"""Citations to copy: a quote with its attribution, or a passage with its article.

``“We are ready to talk.” — Dmitry Peskov, via Reuters, 2022-02-15``: the
speaker, the outlet and the date as far as they are known, never "via None".
The result is one line of plain text: whitespace runs become one space and
control characters (untrusted article text) are dropped.
"""

from __future__ import annotations

import unicodedata

from reader.model import Article, Corpus, Quote

#: A title used in a citation (when there is no source) is cut to this many characters.
TITLE_LIMIT = 80
_OPENERS = "\"“„«‘'"
_CLOSERS = "\"”“»’'"


def cite_quote(corpus: Corpus, quote: Quote) -> str:
    """The quote in quotation marks, then who said it, where and when.

    Args:
        corpus: the corpus the quote belongs to (for the speaker's entity and the article).
        quote: the quote to cite.
    """
    article = corpus.article(quote.article)
    parts = [_speaker(corpus, quote)]
    if article.source:
        parts.append(f"via {_line(article.source)}")
    elif article.title:
        parts.append(f"in {_quoted(_cut(_line(article.title)))}")
    parts.append(_line(article.date or ""))
    return _join(_quoted(_line(quote.text)), parts)


def cite_passage(article: Article, start: int, end: int) -> str:
    """``article.text[start:end]`` in quotation marks, then its article's title, source, date.

    Raises:
        ValueError: when the span is empty or outside the text.
    """
    if not 0 <= start < end <= len(article.text):
        raise ValueError(f"no passage at {start}..{end} in {article.id}")
    title = _quoted(_cut(_line(article.title))) if article.title else ""
    parts = [title, _line(article.source or ""), _line(article.date or "")]
    return _join(_quoted(_line(article.text[start:end])), parts)


def _speaker(corpus: Corpus, quote: Quote) -> str:
    speaker = quote.speaker
    if speaker is None:
        return ""
    if speaker.entity is not None:
        try:
            return _line(corpus.entity(speaker.entity).name)
        except KeyError:
            pass  # an entity id from another linking run: the words in the text still name it
    return _line(speaker.text)


def _join(body: str, parts: list[str]) -> str:
    # A field of punctuation alone (a date of ",") says nothing and would garble the line,
    # as would the separators a field starts or ends with (a date of ", 2022").
    fields = [part.strip(" ,;") for part in parts]
    attribution = ", ".join(field for field in fields if any(ch.isalnum() for ch in field))
    return f"{body} — {attribution}" if attribution else body


def _line(text: str | None) -> str:
    """``text`` as one line: control characters dropped, whitespace runs made one space."""
    kept = "".join(
        " " if char.isspace() else char
        for char in text or ""
        if char.isspace() or unicodedata.category(char) != "Cc"
    )
    return " ".join(kept.split())


def _quoted(text: str) -> str:
    if len(text) >= 2 and text[0] in _OPENERS and text[-1] in _CLOSERS:
        return text
    return f"“{text}”"


def _cut(text: str) -> str:
    return text if len(text) <= TITLE_LIMIT else text[: TITLE_LIMIT - 1].rstrip() + "…"
