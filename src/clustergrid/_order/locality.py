"""A storage order for the rows that keeps similar rows side by side.

The agglomeration (fastcluster's or scipy's nearest-neighbour chain, or a
minimum spanning tree) reads the condensed distance matrix along rows and
along columns.  A read along a column touches one cache line per row, and
the chain moves from a cluster to its nearest neighbour.  When similar rows
are stored far apart, each of those reads misses the caches; when they are
stored side by side, consecutive reads share cache lines and pages.

:func:`locality_order` sorts the rows by their projection on the leading
principal direction (a few power iterations on at most ``_SAMPLE_ROWS``
evenly spaced rows).  :func:`clustergrid._order.linkage.linkage` computes the
distances and the tree of the rows in that order and maps the tree back
with :func:`unpermute`.  Measured with ``benchmarks/bench_locality.py``
(average linkage, medians of 5 rounds in one process):

=================  ===========  ==========  ======
data               tree of      as given    sorted
=================  ===========  ==========  ======
10,000 x 100       fastcluster  0.81 s      0.33 s
(planted centres)  scipy        2.22 s      0.79 s
8,000 x 765 PBMC   fastcluster  0.35 s      0.24 s
10,000 x 50 noise  fastcluster  0.84 s      0.79 s
=================  ===========  ==========  ======

Finding the order takes 6 ms at 10,000 x 100.

The tree is the same: merges and heights do not depend on how the rows
are numbered, and the linkage matrix is rebuilt in the caller's numbers
with the smaller child first, as scipy and fastcluster write it.  Only
exact ties could tell the two numberings apart (which of two equally near
neighbours merges first, the order of two merges of equal height), so the
order is not used where ties are likely: values on a coarse grid
(integers, halves, quarters, ... down to 1/256) and duplicated rows; and a
tree with two merges of exactly equal height is recomputed in the caller's
order (:func:`tied_heights`).  Small matrices (below ``MIN_ROWS`` rows)
keep the caller's order too.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from .distance import _GRAM_METRICS, _duplicate_representatives, metric_rows, on_grid

__all__ = ["locality_order", "sorted_tree", "tied_heights", "unpermute"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

#: Below this many rows the rows keep the caller's order: the tree takes
#: milliseconds there (19.6 ms at 2,000 rows, 13.5 ms sorted), and small
#: data are where exact ties are most common.
MIN_ROWS = 2000

#: The principal direction is estimated on at most this many rows.
_SAMPLE_ROWS = 1000

#: Power iterations for the direction (any direction with spread helps;
#: ten give the leading one closely on the data measured).
_POWER_ITERATIONS = 10

#: Values that are all multiples of ``1 / _GRID`` (integers, halves,
#: quarters, ...) make exactly tied distances likely.
_GRID = 256.0

#: The reordered copy of the data may take at most this fraction of the
#: condensed distance matrix's memory.
_MAX_COPY_FRACTION = 0.25


def locality_order(
    X: FloatArray, metric: str | Callable[..., float]
) -> IntArray | None:
    """Rows of ``X`` sorted by their projection on the leading principal
    direction, or None where the order would not pay or ties are likely.

    ``X`` is finite float64 (validated by the caller).  For ``"cosine"``
    and ``"correlation"`` the rows are first normalised (and centred) as
    the metric does, so the projection follows the metric's geometry.
    """
    n, m = X.shape
    if n < MIN_ROWS or m == 0:
        return None
    if n * m > _MAX_COPY_FRACTION * (n * (n - 1) / 2):
        return None  # the reordered copy of the data would cost too much memory
    if on_grid(X, _GRID):
        return None  # on a coarse grid (integers, halves, ...): exact ties are likely
    if np.any(_duplicate_representatives(X) != np.arange(n)):
        return None  # duplicated rows: ties at distance 0
    step = max(1, -(-n // _SAMPLE_ROWS))
    name = _GRAM_METRICS.get(metric.lower(), "") if isinstance(metric, str) else ""
    S = metric_rows(X[::step], name)
    mu = S.mean(axis=0)
    S = S - mu
    with np.errstate(all="ignore"):  # values near float64's limits: None below
        v = S[int(np.argmax(np.einsum("ij,ij->i", S, S)))].copy()
        for _ in range(_POWER_ITERATIONS):
            w = S.T @ (S @ v)
            norm = float(np.linalg.norm(w))
            if not np.isfinite(norm) or norm == 0.0:
                return None  # no spread to sort by (or none float64 can measure)
            v = w / norm
        proj = metric_rows(X, name) @ v - float(mu @ v)  # no centred copy of X
    if not np.all(np.isfinite(proj)):
        return None
    order: IntArray = np.argsort(proj, kind="stable").astype(np.intp, copy=False)
    return order


def sorted_tree(
    order: IntArray | None, tree: Callable[[IntArray], FloatArray]
) -> FloatArray | None:
    """``tree(order)``, the linkage of the rows stored in ``order`` (from
    :func:`locality_order`), in the caller's row numbers; or None when the
    rows keep their order: ``order`` is None, or the tree has two merges of
    exactly equal height.  The caller then builds the tree of the rows as
    given."""
    if order is None:
        return None
    Z = tree(order)
    if tied_heights(Z):
        # merges of equal height are numbered in the order they were found,
        # which depends on the storage order
        return None
    return unpermute(Z, order)


def unpermute(Z: FloatArray, order: IntArray) -> FloatArray:
    """The linkage matrix ``Z`` of the rows ``X[order]``, in the numbers of
    the rows of ``X``: leaves renamed, and each merge's smaller child first
    (scipy's and fastcluster's convention).  Clusters keep their numbers
    (``n + k`` for the merge in row k), which follow the merges' order."""
    n = order.size
    out = Z.copy()
    kids = out[:, :2]
    leaf = kids < n
    kids[leaf] = order[kids[leaf].astype(np.intp)]
    kids.sort(axis=1)
    return out


def tied_heights(Z: FloatArray) -> bool:
    """Whether two merges of ``Z`` have exactly the same height (their
    order, and so the clusters' numbers, came from the storage order)."""
    h = np.sort(Z[:, 2])
    return bool(np.any(h[1:] == h[:-1]))
