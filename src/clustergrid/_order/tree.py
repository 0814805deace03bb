"""Reading a linkage: its leaf order, flat clusters, and the dendrogram's drawn
geometry (every merge, or subtrees collapsed below the drawing's resolution),
computed one tree level at a time, without importing scipy."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

__all__ = [
    "leaves_list",
    "flat_clusters",
    "dendrogram_segments",
    "collapsed_dendrogram",
    "CollapsedTree",
]


def flat_clusters(
    Z: np.ndarray, *, threshold: float | None = None, k: int | None = None
) -> np.ndarray:
    """Flat cluster id (1..K) for each observation, by height threshold or count."""
    from scipy.cluster import hierarchy as sch

    if k is not None:
        return sch.fcluster(Z, k, criterion="maxclust")
    if threshold is None:
        raise ValueError("flat_clusters needs threshold= or k=")
    return sch.fcluster(Z, threshold, criterion="distance")


def _merge_schedule(
    left: IntArray, right: IntArray, n: int, min_batch: int = 32
) -> tuple[list[IntArray], IntArray]:
    """Batches of merges that can be computed together, children first.

    ``levels[0]`` holds the merges of two leaves, ``levels[t]`` the merges
    whose children are all in earlier batches (the tree's levels from the
    leaves), so a bottom-up quantity is computed with one vectorised step per
    level.  Once a level holds fewer than ``min_batch`` merges (the top of a
    deep, chain-like tree) the remaining merges are returned in ``rest``, in
    increasing index order (scipy numbers a merge after its children), for a
    plain sequential loop: the cost is never above that loop's.  The levels,
    read in reverse, are a top-down order.
    """
    m = n - 1
    parent = np.full(2 * n - 1, -1, dtype=np.intp)
    merges = np.arange(m, dtype=np.intp)
    parent[left] = merges
    parent[right] = merges
    pending = (left >= n).astype(np.intp) + (right >= n)
    frontier = np.flatnonzero(pending == 0)
    levels: list[IntArray] = []
    done = np.zeros(m, dtype=bool)
    while frontier.size >= min_batch:
        levels.append(frontier)
        done[frontier] = True
        up = parent[n + frontier]
        up, cnt = np.unique(up[up >= 0], return_counts=True)
        pending[up] -= cnt
        frontier = up[pending[up] == 0]
    return levels, np.flatnonzero(~done)


def leaves_list(Z: FloatArray) -> IntArray:
    """The leaf order of linkage ``Z``, as :func:`scipy.cluster.hierarchy.leaves_list`.

    Top down: a merge's left child starts where the merge starts, its right
    child ``count(left)`` later; vectorised per level of the tree (see
    :func:`_merge_schedule`), so scipy is not imported for it.
    """
    Z = np.asarray(Z, dtype=np.float64)
    n = Z.shape[0] + 1
    if n == 1:
        return np.zeros(1, dtype=np.intp)
    left = Z[:, 0].astype(np.intp)
    right = Z[:, 1].astype(np.intp)
    count = np.ones(2 * n - 1, dtype=np.intp)
    count[n:] = Z[:, 3].astype(np.intp)
    start = np.zeros(2 * n - 1, dtype=np.intp)
    levels, rest = _merge_schedule(left, right, n)
    if rest.size:  # the top of the tree (the root is in it unless all levels are wide)
        st = start.tolist()
        cl = count.tolist()
        lt, rt = left.tolist(), right.tolist()
        for k in rest[::-1].tolist():
            s0 = st[n + k]
            st[lt[k]] = s0
            st[rt[k]] = s0 + cl[lt[k]]
        start = np.asarray(st, dtype=np.intp)
    for lv in reversed(levels):
        s0 = start[n + lv]
        start[left[lv]] = s0
        start[right[lv]] = s0 + count[left[lv]]
    order = np.empty(n, dtype=np.intp)
    order[start[:n]] = np.arange(n)
    return order


def dendrogram_segments(
    Z: FloatArray, leaf_order: npt.ArrayLike, cluster_ids: npt.ArrayLike | None = None
) -> tuple[FloatArray, IntArray]:
    """Line segments of a dendrogram, in (position, height) coordinates.

    Leaves sit at ``position = rank + 0.5`` where ``rank`` is their place in
    ``leaf_order`` (so on cell centres) and at height 0.  Each merge gives
    three segments: two legs and the crossbar.  A merge sits at the
    midpoint of its children; that recursion is computed one tree level at
    a time with numpy (:func:`_merge_schedule`), not one merge at a time.

    Returns
    -------
    segments : ndarray, shape (3 * (n - 1), 2, 2)
    group : ndarray of int, shape (3 * (n - 1),)
        Per segment, the flat cluster id it lies in, or 0 for links that join
        different clusters (only when ``cluster_ids`` is given; zeros otherwise).
    """
    n = Z.shape[0] + 1
    pos = np.empty(2 * n - 1)
    pos[np.asarray(leaf_order)] = np.arange(n) + 0.5
    height = np.zeros(2 * n - 1)
    height[n:] = Z[:, 2]
    left = Z[:, 0].astype(np.intp)
    right = Z[:, 1].astype(np.intp)
    levels, rest = _merge_schedule(left, right, n)
    for lv in levels:
        pos[n + lv] = 0.5 * (pos[left[lv]] + pos[right[lv]])
    if rest.size:
        p = pos.tolist()
        lt, rt = left.tolist(), right.tolist()
        for k in rest.tolist():
            p[n + k] = 0.5 * (p[lt[k]] + p[rt[k]])
        pos = np.asarray(p)
    seg = _merge_segments(pos, height, left, right, Z[:, 2])
    group = np.zeros((n - 1, 3), dtype=np.intp)
    if cluster_ids is not None:
        node = np.zeros(2 * n - 1, dtype=np.intp)
        node[:n] = np.asarray(cluster_ids)
        for lv in levels:
            a, b = node[left[lv]], node[right[lv]]
            node[n + lv] = np.where(a == b, a, 0)
        if rest.size:
            nl = node.tolist()
            lt, rt = left.tolist(), right.tolist()
            for k in rest.tolist():
                a_, b_ = nl[lt[k]], nl[rt[k]]
                nl[n + k] = a_ if a_ == b_ else 0
            node = np.asarray(nl, dtype=np.intp)
        group[:] = node[n:, None]
    return seg.reshape(-1, 2, 2), group.reshape(-1)


def _merge_segments(
    pos: FloatArray, height: FloatArray, a: IntArray, b: IntArray, h: FloatArray
) -> FloatArray:
    """The legs and crossbar of merges joining nodes ``a`` and ``b`` at
    heights ``h``: shape (len(h), 3, 2, 2), in (position, height)."""
    xa, xb, ha, hb = pos[a], pos[b], height[a], height[b]
    seg = np.empty((h.size, 3, 2, 2))
    seg[:, 0, 0, 0], seg[:, 0, 0, 1], seg[:, 0, 1, 0], seg[:, 0, 1, 1] = xa, ha, xa, h
    seg[:, 1, 0, 0], seg[:, 1, 0, 1], seg[:, 1, 1, 0], seg[:, 1, 1, 1] = xa, h, xb, h
    seg[:, 2, 0, 0], seg[:, 2, 0, 1], seg[:, 2, 1, 0], seg[:, 2, 1, 1] = xb, hb, xb, h
    return seg


class CollapsedTree(NamedTuple):
    """A dendrogram drawn at a resolution: see :func:`collapsed_dendrogram`."""

    segments: FloatArray
    """(3 * k, 2, 2): the legs and crossbar of each drawn merge, in
    ``merges`` order, with the vertices :func:`dendrogram_segments` gives it."""
    group: IntArray
    """(3 * k,): per segment, its flat cluster id (0 across clusters)."""
    merges: IntArray
    """(k,): the drawn merges (rows of the linkage), increasing."""
    roots: IntArray
    """Node ids (``< n``: a leaf, ``n + i``: merge ``i``) of the collapsed
    subtrees, in leaf order: together they hold every leaf exactly once."""
    stems: FloatArray
    """(len(roots), 2, 2): each collapsed subtree's stem, from
    ``(position, 0)`` to ``(position, height)`` of its root (a leaf's stem
    has height 0)."""
    stem_group: IntArray
    """(len(roots),): each stem's flat cluster id (0 when its subtree spans
    several clusters)."""


def collapsed_dendrogram(
    Z: FloatArray,
    leaf_order: npt.ArrayLike,
    min_extent: float,
    cluster_ids: npt.ArrayLike | None = None,
) -> CollapsedTree:
    """The dendrogram with every subtree narrower than ``min_extent`` drawn
    as one stem.

    A subtree's extent is the distance along the axis between its first and
    last leaf, in cells (leaves at ``rank + 0.5``, as in
    :func:`dendrogram_segments`).  Merges whose extent is at least
    ``min_extent`` are drawn as :func:`dendrogram_segments` draws them; the
    largest subtrees below it are each drawn as one stem from their root's
    height down to 0, at the root's position in the full drawing.  A merge's
    extent is at least its children's, so the drawn merges are the top of
    the tree.  With ``min_extent <= 1`` nothing collapses (two leaves are a
    cell apart).  Vectorised per tree level (:func:`_merge_schedule`).

    Parameters
    ----------
    Z : ndarray, shape (n - 1, 4)
        A scipy linkage matrix.
    leaf_order : array-like of int, shape (n,)
        The leaves in drawn order.
    min_extent : float
        The narrowest subtree drawn in full, in cells.
    cluster_ids : array-like of int, shape (n,), optional
        A flat cluster id per leaf, for the segments' and stems' groups.

    Returns
    -------
    CollapsedTree
    """
    Z = np.asarray(Z, dtype=np.float64)
    n = Z.shape[0] + 1
    pos = np.empty(2 * n - 1)
    pos[np.asarray(leaf_order)] = np.arange(n) + 0.5
    height = np.zeros(2 * n - 1)
    height[n:] = Z[:, 2]
    node = np.zeros(2 * n - 1, dtype=np.intp)
    if cluster_ids is not None:
        node[:n] = np.asarray(cluster_ids)
    lo, hi = pos.copy(), pos.copy()
    left = Z[:, 0].astype(np.intp)
    right = Z[:, 1].astype(np.intp)
    levels, rest = _merge_schedule(left, right, n)
    for lv in levels:  # the same arithmetic as dendrogram_segments: same vertices
        a, b = left[lv], right[lv]
        pos[n + lv] = 0.5 * (pos[a] + pos[b])
        lo[n + lv] = np.minimum(lo[a], lo[b])
        hi[n + lv] = np.maximum(hi[a], hi[b])
        ga, gb = node[a], node[b]
        node[n + lv] = np.where(ga == gb, ga, 0)
    if rest.size:  # the chain-like top of the tree, one merge at a time
        ra, rb = left[rest], right[rest]
        ids = np.unique(np.concatenate([n + rest, ra, rb]))  # only the nodes it touches
        slot = {v: i for i, v in enumerate(ids.tolist())}
        p, lo_, hi_ = pos[ids].tolist(), lo[ids].tolist(), hi[ids].tolist()
        g = node[ids].tolist()
        for k, a_, b_ in zip(rest.tolist(), ra.tolist(), rb.tolist(), strict=True):
            i, ia, ib = slot[n + k], slot[a_], slot[b_]
            p[i] = 0.5 * (p[ia] + p[ib])
            lo_[i] = min(lo_[ia], lo_[ib])
            hi_[i] = max(hi_[ia], hi_[ib])
            g[i] = g[ia] if g[ia] == g[ib] else 0
        pos[ids], lo[ids], hi[ids], node[ids] = p, lo_, hi_, g
    drawn = (hi[n:] - lo[n:]) >= min_extent
    merges = np.flatnonzero(drawn)
    a, b = left[merges], right[merges]
    k = merges.size
    seg = _merge_segments(pos, height, a, b, Z[merges, 2])
    group = np.repeat(node[n + merges], 3)
    if k:  # the children of drawn merges that are not drawn themselves
        kids = np.concatenate([a, b])
        roots = kids[(kids < n) | ~drawn[np.maximum(kids - n, 0)]]
    else:  # the whole tree is one stem
        roots = np.array([2 * n - 2], dtype=np.intp)
    roots = roots[np.argsort(lo[roots], kind="stable")]
    stems = np.empty((roots.size, 2, 2))
    stems[:, 0, 0] = stems[:, 1, 0] = pos[roots]
    stems[:, 0, 1] = 0.0
    stems[:, 1, 1] = height[roots]
    return CollapsedTree(
        seg.reshape(-1, 2, 2),
        group,
        merges,
        roots.astype(np.intp),
        stems,
        node[roots],
    )
