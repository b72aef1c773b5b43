"""The distinct names of a collection: each folded name with its forms, tags and nodes.

A node is one folded name in one article; linking joins nodes into entities.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import repeat

from reader.linking.build import vote
from reader.linking.digest import ArticleDigest
from reader.model import LABEL_TYPES, Article, EntityMention, EntityType
from reader.names import clean_spacing

#: A kept mention: (node, located mention, its type, its cleaned name).
Located = tuple[int, EntityMention, EntityType, str]


@dataclass(slots=True)
class Name:
    """One distinct folded name over all articles."""

    key: str
    forms: Counter[str] = field(default_factory=Counter)
    types: Counter[EntityType] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    nodes: dict[str, int] = field(default_factory=dict)  # article id -> node
    in_body: int = 0  # mentions outside title-case headline lines

    @property
    def type(self) -> EntityType:
        return vote(self.types)

    @property
    def form(self) -> str:
        return self.forms.most_common(1)[0][0]

    @property
    def first_node(self) -> int:
        return next(iter(self.nodes.values()))

    @property
    def total(self) -> int:
        return sum(self.types.values())


def collect_names(
    documents: Sequence[tuple[Article, ArticleDigest]],
) -> tuple[dict[str, Name], list[str], list[Located]]:
    """Gather every digested mention under its folded name.

    Args:
        documents: the articles with their digests, in reading order.

    Returns:
        ``(names, node_keys, located)``: folded name -> its ``Name``; the folded
        name of every node (node ids are list indices); every mention located.
    """
    names: dict[str, Name] = {}
    node_keys: list[str] = []
    located: list[Located] = []
    # How often each name is written each way: counted per distinct combination and
    # added to the names at the end (a collection has hundreds of thousands of mentions).
    tally: Counter[tuple[str, str, str, str, bool]] = Counter()
    label_types = LABEL_TYPES
    # Column by column, so the work per mention is done by C loops; only the
    # distinct names of each article are handled one by one.
    for article, digest in documents:
        article_id = article.id
        starts, ends, texts, labels, writtens, keys, bodies = digest.columns
        if not keys:
            continue
        here: dict[str, int] = {}  # folded name -> its node in this article
        for key in dict.fromkeys(keys):
            node = here[key] = len(node_keys)
            node_keys.append(key)
            name = names.get(key)
            if name is None:
                name = names[key] = Name(key)
            name.nodes[article_id] = node
        tally.update(zip(keys, writtens, texts, labels, bodies, strict=True))
        spots = map(EntityMention, repeat(article_id), starts, ends, texts)
        kinds = map(label_types.__getitem__, labels)
        located.extend(zip(map(here.__getitem__, keys), spots, kinds, writtens, strict=True))
    # In order of first appearance, as counting mention by mention would leave them
    # (a name's most common form is the first written of the most frequent).
    for (key, written, text, label, in_body), count in tally.items():
        name = names[key]
        name.forms[written or clean_spacing(text)] += count
        name.types[label_types[label]] += count
        name.labels[label] += count
        if in_body:
            name.in_body += count
    return names, node_keys, located
