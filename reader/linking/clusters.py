"""Union-find over name nodes that refuses merges which would join distinct things.

A node is one folded name in one article. A cluster remembers which split groups
(from alias files) its names belong to and which full person names it holds, so
a merge that would put "Sudan" with "South Sudan", or "Bill Clinton" with
"Hillary Clinton", is refused whatever rule proposes it.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.model import Evidence


class Clusters:
    """Disjoint sets of nodes with merge constraints and the evidence of each merge.

    Args:
        node_keys: the folded name of every node (node ids are list indices).
        split_groups: folded name -> ids of the split groups it belongs to.
        full_person: folded name -> True for multi-word person names.
        compatible: whether two full person names may be one person.
    """

    def __init__(
        self,
        node_keys: list[str],
        split_groups: dict[str, list[int]],
        full_person: Callable[[str], bool],
        compatible: Callable[[str, str], bool],
    ) -> None:
        self._parent = list(range(len(node_keys)))
        # 1 while a node has never been part of a merge (``merge_name``'s fast path).
        self._single = bytearray(b"\x01") * len(node_keys)
        self._compatible = compatible
        # Per root: split group id -> the name holding it; the full person names.
        self._splits: dict[int, dict[int, str]] = {}
        self._people: dict[int, set[str]] = {}
        self.evidence: dict[int, list[Evidence]] = {}
        for node, key in enumerate(node_keys):
            if key in split_groups:
                self._splits[node] = dict.fromkeys(split_groups[key], key)
            if full_person(key):
                self._people[node] = {key}

    def find(self, node: int) -> int:
        """The root of ``node``'s cluster."""
        parent = self._parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def roots(self) -> list[int]:
        """The root of every node, by node id (one pass, for walks over many mentions)."""
        find = self.find
        return [find(node) for node in range(len(self._parent))]

    def can_merge(self, a: int, b: int) -> bool:
        """Whether the clusters of ``a`` and ``b`` may become one."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        sa, sb = self._splits.get(ra, {}), self._splits.get(rb, {})
        for group, key in sa.items():
            if group in sb and sb[group] != key:
                return False
        pa, pb = self._people.get(ra, set()), self._people.get(rb, set())
        return all(self._compatible(x, y) for x in pa for y in pb)

    def merge(self, a: int, b: int, evidence: Evidence | None) -> bool:
        """Join the clusters of ``a`` and ``b`` unless a constraint forbids it.

        Returns:
            True when the nodes are in one cluster afterwards.
        """
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not self.can_merge(ra, rb):
            return False
        # Attach the smaller history to the larger to keep merging cheap.
        if len(self.evidence.get(ra, ())) < len(self.evidence.get(rb, ())):
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._single[ra] = self._single[rb] = 0
        if rb in self._splits:
            self._splits.setdefault(ra, {}).update(self._splits.pop(rb))
        if rb in self._people:
            self._people.setdefault(ra, set()).update(self._people.pop(rb))
        if rb in self.evidence:
            self.evidence.setdefault(ra, []).extend(self.evidence.pop(rb))
        if evidence is not None:
            self.evidence.setdefault(ra, []).append(evidence)
        return True

    def merge_name(self, nodes: list[int], key: str) -> None:
        """Join ``nodes``, every one a node of the folded name ``key``, as
        ``merge(nodes[0], node, None)`` for each other node would.

        Nodes never merged before join in one step: they hold the same name, so
        no split group can part them, and one full-name check answers for all.
        """
        single = self._single
        if not all(single[node] for node in nodes):
            for node in nodes[1:]:
                self.merge(nodes[0], node, None)
            return
        first, rest = nodes[0], nodes[1:]
        if not rest or (first in self._people and not self._compatible(key, key)):
            return
        parent, splits, people = self._parent, self._splits, self._people
        for node in rest:
            parent[node] = first
            single[node] = 0
            # The others hold what the first holds: theirs go, as a merge would drop them.
            splits.pop(node, None)
            people.pop(node, None)
        single[first] = 0

    def holds_person(self, node: int) -> bool:
        """Whether ``node``'s cluster holds a person's full name."""
        return bool(self._people.get(self.find(node)))

    def add_evidence(self, node: int, evidence: Evidence) -> None:
        """Record evidence on ``node``'s cluster without merging anything."""
        self.evidence.setdefault(self.find(node), []).append(evidence)
