"""Cross-article entity linking: mentions from all loaded articles become entities."""

from reader.linking.aliases import AliasTable, load_aliases
from reader.linking.baseline import exact_name_entities, name_key
from reader.linking.link import link_entities
from reader.linking.related import related_entities

__all__ = [
    "AliasTable",
    "exact_name_entities",
    "link_entities",
    "load_aliases",
    "name_key",
    "related_entities",
]
