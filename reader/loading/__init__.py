"""Turning files and folders into articles: discovery, decoding and formats."""

from reader.loading.load import LoadResult, load_articles

__all__ = ["LoadResult", "load_articles"]
