"""What the linker works on: the names, their clusters, and the two ways of joining them.

``LinkState`` is the shared ground of the rule sets (``link._Linker`` for
people and the whole run, ``organizations.OrganizationRules`` for companies,
bodies and places).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from reader.linking.aliases import AliasTable
from reader.linking.clusters import Clusters
from reader.linking.collect import Located, Name
from reader.linking.digest import ArticleDigest
from reader.model import Article, Evidence


class LinkState:
    """The names of a collection and the clusters being built from them.

    Attributes:
        documents: the articles with their digests, in reading order.
        texts: article id -> its text.
        names: folded name -> the name over all articles.
        node_keys: the folded name of every node (node ids are list indices).
        located: every kept mention, in reading order.
        table: the alias files' merges and splits.
        full_people: folded multi-word names judged to be people's.
        institutions: folded names tagged as people's that name an institution, a road
            or an office (``unlisted.no_persons_name``: "Hollywood Reporter").
        lower: the words some article writes in lower case.
        common: of those, the words no article capitalises mid-sentence (no names).
        descriptors: names that are a common word or a demonym glued before a known
            name -> (that name, the word).
        headlines: names only ever tagged in title-case headlines -> the body name inside.
        short_held: short organization names resolved article by article.
        retyped: nodes tagged as a person that turned out to name an organization.
        clusters: the nodes joined so far.
    """

    documents: Sequence[tuple[Article, ArticleDigest]]
    texts: Mapping[str, str]
    names: dict[str, Name]
    node_keys: list[str]
    located: list[Located]
    table: AliasTable
    full_people: set[str]
    institutions: set[str]
    lower: set[str]
    common: set[str]
    descriptors: dict[str, tuple[str, str]]
    headlines: dict[str, str]
    short_held: set[str]
    retyped: set[int]
    clusters: Clusters

    def merge(
        self, a: Name, b: Name, rule: str, detail: str = "", score: float | None = None
    ) -> bool:
        evidence = Evidence(rule, (a.form, b.form), detail, score)
        return self.clusters.merge(a.first_node, b.first_node, evidence)

    def in_articles(
        self,
        name: Name,
        fulls: list[Name],
        rule: str,
        detail: str,
        fallback: Name | None = None,
        allowed: Callable[[str], bool] | None = None,
    ) -> list[int]:
        """Resolve a short name inside each article: to the one entity among ``fulls``
        that the same article writes. Where the article writes none of them, or
        several with ``fallback`` among them ("LaCalamita" beside "Anthony LaCalamita
        III" and his wife "Michele LaCalamita"), the short name goes to ``fallback``
        if given; the rest stay one entity of their own. ``allowed`` (article id -> bool),
        if given, says in which articles the name may be resolved at all.

        Returns:
            The nodes of ``name`` that joined one of ``fulls``.
        """
        unresolved: list[int] = []
        joined: list[int] = []
        # One piece of evidence per long name, however many articles it decided.
        decided: dict[int, tuple[Name, list[str]]] = {}
        for article, node in name.nodes.items():
            here = [f for f in fulls if article in f.nodes]
            roots = {self.clusters.find(f.nodes[article]) for f in here}
            if (
                len(roots) == 1
                and (allowed is None or allowed(article))
                and self.clusters.merge(here[0].nodes[article], node, None)
            ):
                joined.append(node)
                decided.setdefault(here[0].nodes[article], (here[0], []))[1].append(article)
            else:
                unresolved.append(node)
        for target, (full, articles) in decided.items():
            where = articles[0] if len(articles) == 1 else f"{len(articles)} articles"
            self.clusters.add_evidence(
                target, Evidence(rule, (full.form, name.form), f"{detail} {where}")
            )
        if fallback is not None:
            target = self.clusters.find(fallback.first_node)
            lone, beside = [], []
            for article, node in name.nodes.items():
                if node not in unresolved:
                    continue
                named = {self.clusters.find(f.nodes[article]) for f in fulls if article in f.nodes}
                if not named:
                    lone.append(node)
                elif target in named:
                    beside.append(node)  # several named in full: the one far ahead
            for nodes, where in ((lone, "used alone in"), (beside, "beside others in")):
                merged = [n for n in nodes if self.clusters.merge(fallback.first_node, n, None)]
                if merged:
                    detail = f"named in full in far more articles; {where} {len(merged)} more"
                    self.clusters.add_evidence(
                        fallback.first_node, Evidence(rule, (fallback.form, name.form), detail)
                    )
                unresolved = [node for node in unresolved if node not in merged]
        for node in unresolved[1:]:
            self.clusters.merge(unresolved[0], node, None)
        return joined
