"""Turning files, folders and URLs into articles: discovery, decoding, formats, fetching."""

from reader.loading.load import LoadResult, load_articles
from reader.loading.remote import WebOptions
from reader.web.fetch import FetchLimits

__all__ = ["FetchLimits", "LoadResult", "WebOptions", "load_articles"]
