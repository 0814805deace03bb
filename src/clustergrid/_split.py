"""Splits: one object per axis that reduces grouping and clustering to one
permutation plus chunk bounds.

Every part of the engine asks :class:`Slices` where things go: the heatmap
is drawn as one block per (row slice, column slice), and every side panel
draws once per slice with a context restricted to that slice.  An axis that
is not split is one slice spanning everything, so the unsplit case runs the
very same code.

Within a slice, positions are *local*: the slice's members sorted by their
input position get ids ``0..m-1``; each slice's linkage (if any) uses those
ids, and ``local_index[k]`` is the slice's drawn order in them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._data import _fmt_labels, align_to_labels

__all__ = ["Slices", "SplitSpec", "whole_axis", "split_axis", "cut_tree_k", "induced_linkage",
           "check_split_arg"]


@dataclass(frozen=True)
class SplitSpec:
    """What the user asked for on one axis: a grouping or a number of clusters."""

    by: Any                # aligned values (Series/dict/list) or an int k
    cluster_within: bool = True


@dataclass(frozen=True)
class Slices:
    """The drawn order of one axis cut into contiguous chunks.

    Attributes
    ----------
    index : ndarray
        Input positions in drawn order (the full permutation).
    bounds : tuple of (start, stop)
        Each slice's span in drawn order.
    titles : tuple of str
        Each slice's name (category, or cluster number).
    linkages : tuple of ndarray or None
        Each slice's tree in local ids (None when the axis has no tree).
    local_index : tuple of ndarray
        Each slice's drawn order in local ids.
    """

    index: np.ndarray
    bounds: tuple
    titles: tuple
    linkages: tuple
    local_index: tuple

    def __len__(self) -> int:
        return len(self.bounds)

    @property
    def counts(self) -> list[int]:
        """Number of cells in each slice."""
        return [b - a for a, b in self.bounds]

    @property
    def split(self) -> bool:
        return len(self.bounds) > 1

    @property
    def max_height(self) -> float:
        """The highest merge over all slices' trees (0 if none)."""
        hs = [float(Z[:, 2].max()) for Z in self.linkages if Z is not None and len(Z)]
        return max(hs, default=0.0)


def _local(index_chunk: np.ndarray) -> np.ndarray:
    """Drawn order of a chunk in local ids (members ranked by input position)."""
    members = np.sort(index_chunk)
    return np.searchsorted(members, index_chunk)


def whole_axis(index: np.ndarray, linkage: np.ndarray | None) -> Slices:
    """One slice spanning the whole axis (the unsplit case)."""
    index = np.asarray(index)
    return Slices(index, ((0, len(index)),), ("",), (linkage,), (_local(index),))


def induced_linkage(Z: np.ndarray, members: np.ndarray) -> np.ndarray:
    """The tree ``Z`` restricted to the leaves ``members`` (input positions).

    Each merge of ``Z`` whose two sides both hold members becomes a merge of
    the restricted tree at the same height; merges with members on one side
    only pass that side through.  Leaf ids of the result are the ranks of the
    members in sorted order.  For a cluster that is a whole subtree this is
    exactly that subtree.  Leaf order (left before right) is kept, so
    ``leaves_list`` of the result is the global leaf order restricted to
    ``members``.
    """
    n = Z.shape[0] + 1
    members = np.sort(np.asarray(members))
    m = len(members)
    rep = [-1] * (2 * n - 1)
    size = [0] * (2 * n - 1)
    for r, leaf in enumerate(members.tolist()):
        rep[leaf] = r
        size[leaf] = 1
    rows = []
    lt, rt, hs = Z[:, 0].astype(np.intp).tolist(), Z[:, 1].astype(np.intp).tolist(), Z[:, 2].tolist()
    for k in range(n - 1):
        a, b = rep[lt[k]], rep[rt[k]]
        node = n + k
        if a >= 0 and b >= 0:
            s = size[lt[k]] + size[rt[k]]
            rows.append((a, b, hs[k], s))
            rep[node] = m + len(rows) - 1
            size[node] = s
        elif a >= 0 or b >= 0:
            src = lt[k] if a >= 0 else rt[k]
            rep[node], size[node] = rep[src], size[src]
    return np.array(rows, dtype=np.float64).reshape(-1, 4)


def cut_tree_k(Z: np.ndarray, k: int) -> list[int]:
    """Cut the tree into ``k`` subtrees by splitting the highest merges first.

    Returns the node ids (scipy numbering: leaves ``0..n-1``, merge ``i`` is
    ``n + i``) of the ``k`` subtree roots, in leaf order.  Each subtree is a
    contiguous run of the leaf order, so cutting never reorders the leaves.
    Ties in height are broken by the later merge first, as in
    ``fcluster(Z, k, "maxclust")`` for a tree without ties.
    """
    n = Z.shape[0] + 1
    roots = [2 * n - 2]
    while len(roots) < k:
        inner = [r for r in roots if r >= n]
        top = max(inner, key=lambda r: (Z[r - n, 2], r))
        i = roots.index(top)
        roots[i:i + 1] = [int(Z[top - n, 0]), int(Z[top - n, 1])]
    return roots


def _subtree_leaves(Z: np.ndarray, node: int) -> np.ndarray:
    n = Z.shape[0] + 1
    if node < n:
        return np.array([node])
    out, stack = [], [node]
    while stack:
        v = stack.pop()
        if v < n:
            out.append(v)
        else:
            stack += [int(Z[v - n, 0]), int(Z[v - n, 1])]
    return np.array(out)


def check_split_arg(by: Any, axis: str) -> None:
    """Reject what can never be a split, at the user's ``.split()`` line."""
    if isinstance(by, (bool, np.bool_)):
        raise TypeError(f"split {axis}= takes a grouping (Series aligned by label, dict or list) "
                        f"or a number of clusters k, not {by!r}")
    if isinstance(by, (int, np.integer)):
        if by < 1:
            raise ValueError(f"split {axis}={by}: the number of clusters must be at least 1")
        return
    if isinstance(by, float):
        raise TypeError(f"split {axis}={by!r}: a number of clusters must be an int, e.g. "
                        f"{axis}={max(int(by), 1)}")


def split_axis(spec: SplitSpec, *, labels: pd.Index, values: np.ndarray, index: np.ndarray,
               linkage: np.ndarray | None, cluster: Any, what: str,
               universe: pd.Index | None = None) -> Slices:
    """Turn a :class:`SplitSpec` into :class:`Slices` for one axis.

    Parameters
    ----------
    labels : Index
        The axis labels in input order.
    values : ndarray
        Observations along this axis (rows of the matrix, or its transpose),
        used to cluster within slices.
    index, linkage :
        The unsplit drawn order and tree of the axis.
    cluster : ClusterSpec or None
        How the axis is clustered (None when not clustered, or when a
        precomputed linkage was given).
    what : {"row", "column"}
    """
    from ._order import compute_linkage

    n = len(labels)
    by = spec.by
    if isinstance(by, (int, np.integer)) and not isinstance(by, (bool, np.bool_)):
        k = int(by)
        axis = "rows" if what == "row" else "cols"
        if linkage is None:
            raise ValueError(f"split {axis}={k} cuts the {what} tree into {k} clusters, but the "
                             f"{what}s are not clustered: call .cluster({axis}=True) (or pass a "
                             f"linkage), or split by a grouping instead")
        if k > n:
            raise ValueError(f"split {axis}={k}: cannot cut {n} {what}s into {k} clusters; "
                             f"use at most {n}")
        roots = cut_tree_k(linkage, k)
        bounds, links, locs = [], [], []
        start = 0
        pos = np.empty(n, dtype=np.intp)
        pos[index] = np.arange(n)
        for r in roots:
            leaves = _subtree_leaves(linkage, r)
            stop = start + len(leaves)
            assert set(pos[leaves]) == set(range(start, stop))  # a subtree is contiguous
            bounds.append((start, stop))
            links.append(induced_linkage(linkage, leaves))
            locs.append(_local(index[start:stop]))
            start = stop
        return Slices(np.asarray(index), tuple(bounds), tuple(str(i + 1) for i in range(k)),
                      tuple(links), tuple(locs))

    name = f"the {what} split"
    s = align_to_labels(by, labels, what, name, universe)
    if s.isna().any():
        bad = list(labels[s.isna().to_numpy()])
        raise ValueError(f"{name} has no group for {what}(s) {_fmt_labels(bad)}; give every "
                         f"{what} a group (e.g. .fillna('other'))")
    if isinstance(s.dtype, pd.CategoricalDtype):
        present = set(s.unique())
        cats = [c for c in s.cat.categories if c in present]
    else:
        uniq = list(pd.unique(s))
        try:
            cats = sorted(uniq)
        except TypeError:
            cats = uniq
    codes = pd.Index(cats).get_indexer(np.asarray(s, dtype=object))
    within = spec.cluster_within and cluster is not None
    pieces, bounds, links, locs = [], [], [], []
    start = 0
    pos = np.empty(n, dtype=np.intp)
    pos[np.asarray(index)] = np.arange(n)
    for c in range(len(cats)):
        members = np.flatnonzero(codes == c)          # input positions, sorted
        if within:
            if len(members) >= 2:
                Z = compute_linkage(np.ascontiguousarray(values[members]), cluster,
                                    labels[members], what)
                from scipy.cluster import hierarchy as sch  # noqa: PLC0415

                loc = sch.leaves_list(Z)
            else:
                Z, loc = np.empty((0, 4)), np.arange(len(members))
            chunk = members[loc]
        else:
            chunk = members[np.argsort(pos[members], kind="stable")]  # the unsplit order
            Z = None if linkage is None else induced_linkage(linkage, members)
            loc = _local(chunk)
        stop = start + len(members)
        pieces.append(chunk)
        bounds.append((start, stop))
        links.append(Z)
        locs.append(loc)
        start = stop
    return Slices(np.concatenate(pieces), tuple(bounds), tuple(str(c) for c in cats),
                  tuple(links), tuple(locs))
