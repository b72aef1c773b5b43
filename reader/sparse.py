"""Sparse term-weight rows in numpy: TF-IDF, blocked candidate pairs, pair dot products.

Everything works on whole arrays in chunks of rows, so 10,000 articles cost a
few dozen numpy calls per step rather than a Python loop per pair, and no
step holds more than a bounded number of pairs at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

#: Entries one chunk may expand to (postings or partner rows): bounds the memory.
CHUNK_ENTRIES = 1 << 18
#: Cells of one chunk's dense block of anchor rows.
DENSE_ENTRIES = 1 << 19


@dataclass(frozen=True)
class SparseRows:
    """Rows of a sparse matrix in compressed sparse row form.

    Row ``r``'s columns are ``indices[indptr[r]:indptr[r + 1]]`` and its
    values the same slice of ``data``; ``width`` is the number of columns.
    """

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    width: int

    def __len__(self) -> int:
        return len(self.indptr) - 1

    @property
    def rows(self) -> np.ndarray:
        """The row of every stored entry."""
        return np.repeat(np.arange(len(self), dtype=np.int64), np.diff(self.indptr))

    @classmethod
    def tfidf(cls, term_counts: Sequence[Mapping[str, float]]) -> SparseRows:
        """L2-normalized TF-IDF rows (sublinear tf, smoothed idf) of term counts."""
        # dict.fromkeys and map run in C: no Python loop per term occurrence.
        vocabulary = {t: i for i, t in enumerate(dict.fromkeys(chain.from_iterable(term_counts)))}
        total = sum(len(c) for c in term_counts)
        indices = np.fromiter(
            map(vocabulary.__getitem__, chain.from_iterable(term_counts)), np.int64, total
        )
        counts = np.fromiter(chain.from_iterable(c.values() for c in term_counts), float, total)
        indptr = np.zeros(len(term_counts) + 1, dtype=np.int64)
        np.cumsum([len(c) for c in term_counts], out=indptr[1:])
        n = len(term_counts)
        df = np.bincount(indices, minlength=len(vocabulary))
        idf = np.log((1 + n) / (1 + df)) + 1.0
        tf = np.where(counts >= 1, 1.0 + np.log(np.maximum(counts, 1.0)), counts)
        data = tf * idf[indices]
        out = cls(indptr, indices, data, len(vocabulary))
        return out.normalized()

    def normalized(self) -> SparseRows:
        """The rows scaled to unit length (empty rows stay empty)."""
        norms = np.sqrt(np.bincount(self.rows, self.data * self.data, minlength=len(self)))
        norms[norms == 0] = 1.0
        return SparseRows(self.indptr, self.indices, self.data / norms[self.rows], self.width)

    def joined(self, other: SparseRows, weight: float, other_weight: float) -> SparseRows:
        """Rows whose dot products are ``weight`` times ours plus ``other_weight`` times theirs.

        The columns of ``other`` follow ours; each side is scaled by the square
        root of its weight.
        """
        assert len(self) == len(other)
        rows = np.concatenate([self.rows, other.rows])
        order = np.argsort(rows, kind="stable")
        indices = np.concatenate([self.indices, other.indices + self.width])[order]
        data = np.concatenate([self.data * weight**0.5, other.data * other_weight**0.5])[order]
        return SparseRows(self.indptr + other.indptr, indices, data, self.width + other.width)

    def strongest(self, k: int) -> SparseRows:
        """Each row's ``k`` largest entries (ties: the earlier stored entry)."""
        rows = self.rows
        order = np.lexsort((-self.data, rows))
        rank = np.arange(len(order)) - self.indptr[rows[order]]
        keep = np.sort(order[rank < k])
        lengths = np.bincount(rows[keep], minlength=len(self))
        indptr = np.zeros(len(self) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        return SparseRows(indptr, self.indices[keep], self.data[keep], self.width)

    def pair_dots(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Dot products of rows ``a[i]`` and ``b[i]`` for every ``i``.

        Pairs are taken in chunks of anchors ``a``: the chunk's anchor rows are
        written into a small dense block over their own columns, and each
        partner's entries are looked up in it. A chunk is cut when its partner
        entries or its dense block would pass their budgets.
        """
        out = np.zeros(len(a), dtype=np.float64)
        if not len(a):
            return out
        order = np.argsort(a, kind="stable")
        a, b = a[order], b[order]
        sizes = np.diff(self.indptr)
        anchors, first = np.unique(a, return_index=True)
        bounds = np.append(first, len(a))
        pair_cost = np.add.reduceat(sizes[b], first) + 1
        anchor_cost = sizes[anchors] + 1
        # Column -> its place in the current chunk's dense block (-1: the spare zero column).
        local = np.full(self.width, -1, dtype=np.int64)
        i = 0
        while i < len(anchors):
            cost = np.cumsum(pair_cost[i:])
            block = np.arange(1, len(cost) + 1) * np.cumsum(anchor_cost[i:])
            fits = (cost <= CHUNK_ENTRIES) & (block <= DENSE_ENTRIES)
            j = i + max(1, len(fits) if fits.all() else int(np.argmin(fits)))
            lo, hi = bounds[i], bounds[j]
            out[order[lo:hi]] = self._chunk_dots(a[lo:hi], b[lo:hi], local)
            i = j
        return out

    def _chunk_dots(self, a: np.ndarray, b: np.ndarray, local: np.ndarray) -> np.ndarray:
        anchors, slot = np.unique(a, return_inverse=True)
        pos, owner = _expand(self.indptr, anchors)
        columns = np.unique(self.indices[pos])
        local[columns] = np.arange(len(columns))
        try:
            # One spare column of zeros: where partner columns no anchor has land.
            dense = np.zeros((len(anchors), len(columns) + 1), dtype=np.float64)
            dense[owner, local[self.indices[pos]]] = self.data[pos]
            pos, pair = _expand(self.indptr, b)
            values = dense[slot[pair], local[self.indices[pos]]] * self.data[pos]
            return np.bincount(pair, values, minlength=len(a))
        finally:
            local[columns] = -1


def candidate_pairs(block: SparseRows, cap: int, per_row: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of rows ``a < b`` sharing a column that at most ``cap`` rows have.

    Columns in more rows are too common to tell rows apart and would make the
    pairs grow with the square of the rows. Each row keeps the ``per_row``
    later rows with the largest dot product over the shared columns.

    Returns:
        The arrays ``a`` and ``b`` of the pairs, sorted by ``a`` then by ``b``.
    """
    n = len(block)
    rows = block.rows
    df = np.bincount(block.indices, minlength=block.width)
    usable = (df >= 2) & (df <= cap)
    keep = usable[block.indices]
    rows, cols, weights = rows[keep], block.indices[keep], block.data[keep]
    # Postings: the rows of each column, in row order.
    order = np.lexsort((rows, cols))
    post_rows, post_weights = rows[order], weights[order]
    post_ptr = np.zeros(block.width + 1, dtype=np.int64)
    np.cumsum(np.bincount(cols, minlength=block.width), out=post_ptr[1:])
    # Per row, how many posting entries its columns expand to: chunk by that.
    expand = np.cumsum(np.diff(post_ptr)[cols])
    found_a: list[np.ndarray] = []
    found_b: list[np.ndarray] = []
    start = 0
    while start < len(rows):
        stop = int(np.searchsorted(expand, expand[start] + CHUNK_ENTRIES, side="right"))
        stop = max(stop, start + 1)
        stop = int(np.searchsorted(rows, rows[stop - 1], side="right"))
        a, b = _chunk_candidates(
            rows[start:stop],
            cols[start:stop],
            weights[start:stop],
            post_ptr,
            post_rows,
            post_weights,
            n,
            per_row,
        )
        found_a.append(a)
        found_b.append(b)
        start = stop
    if not found_a:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(found_a), np.concatenate(found_b)


def _chunk_candidates(
    rows: np.ndarray,
    cols: np.ndarray,
    weights: np.ndarray,
    post_ptr: np.ndarray,
    post_rows: np.ndarray,
    post_weights: np.ndarray,
    n: int,
    per_row: int,
) -> tuple[np.ndarray, np.ndarray]:
    pos, entry = _expand(post_ptr, cols)
    anchor, partner = rows[entry], post_rows[pos]
    later = partner > anchor
    key = anchor[later] * n + partner[later]
    score = (weights[entry] * post_weights[pos])[later]
    keys, inverse = np.unique(key, return_inverse=True)
    total = np.bincount(inverse, score, minlength=len(keys))
    anchor, partner = keys // n, keys % n
    # The strongest per anchor; np.unique sorted the keys by anchor already.
    order = np.lexsort((-total, anchor))
    first = np.searchsorted(anchor[order], anchor[order])
    chosen = np.sort(order[np.arange(len(order)) - first < per_row])
    return anchor[chosen], partner[chosen]


def nearest(a: np.ndarray, b: np.ndarray, s: np.ndarray, n: int, k: int) -> np.ndarray:
    """Which pairs are among the ``k`` most similar of either of their two rows.

    Returns:
        A boolean mask over the pairs.
    """
    count = len(a)
    item = np.concatenate([a, b])
    order = np.lexsort((-np.concatenate([s, s]), item))
    first = np.searchsorted(item[order], item[order])
    mask = np.zeros(count, dtype=bool)
    mask[order[np.arange(2 * count) - first < k] % max(count, 1)] = True
    return mask


def _expand(indptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the entries of ``rows`` (repeats allowed), and which of ``rows`` owns each."""
    starts = indptr[rows]
    lengths = indptr[rows + 1] - starts
    owner = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
    offsets = np.cumsum(lengths) - lengths
    pos = np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(starts - offsets, lengths)
    return pos, owner
