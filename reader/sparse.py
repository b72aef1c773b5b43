"""Sparse vectors over a shared vocabulary, with one row's dot products against many in C."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


class SparseRows:
    """Rows of sparse term-weight vectors, stored as index and value arrays."""

    def __init__(self, vectors: Sequence[Mapping[str, float]]) -> None:
        vocabulary: dict[str, int] = {}
        self._index: list[np.ndarray] = []
        self._value: list[np.ndarray] = []
        for vec in vectors:
            terms = [vocabulary.setdefault(t, len(vocabulary)) for t in vec]
            self._index.append(np.fromiter(terms, dtype=np.int64, count=len(terms)))
            self._value.append(np.fromiter(vec.values(), dtype=np.float64, count=len(vec)))
        # One dense scratch row: the anchor's weights are written in, read, then cleared.
        self._dense = np.zeros(max(1, len(vocabulary)), dtype=np.float64)

    def __len__(self) -> int:
        return len(self._index)

    def dots(self, anchor: int, others: Sequence[int]) -> np.ndarray:
        """Dot products of row ``anchor`` with each row of ``others``, in their order."""
        if not others:
            return np.zeros(0, dtype=np.float64)
        anchor_index = self._index[anchor]
        self._dense[anchor_index] = self._value[anchor]
        try:
            index = np.concatenate([self._index[o] for o in others])
            value = np.concatenate([self._value[o] for o in others])
            lengths = [len(self._index[o]) for o in others]
            owner = np.repeat(np.arange(len(others)), lengths)
            return np.bincount(owner, weights=self._dense[index] * value, minlength=len(others))
        finally:
            self._dense[anchor_index] = 0.0
