"""Cross-article entity linking: mentions from all loaded articles become entities."""

from reader.linking.aliases import AliasTable, load_aliases
from reader.linking.attach import Attachment, KnownEntity, attach
from reader.linking.baseline import exact_name_entities, name_key
from reader.linking.digest import ArticleDigest, digest_article, linking_fingerprint
from reader.linking.link import STEPS, link_entities
from reader.linking.related import related_entities

__all__ = [
    "STEPS",
    "AliasTable",
    "ArticleDigest",
    "Attachment",
    "KnownEntity",
    "attach",
    "digest_article",
    "exact_name_entities",
    "link_entities",
    "linking_fingerprint",
    "load_aliases",
    "name_key",
    "related_entities",
]
