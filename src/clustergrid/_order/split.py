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
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._input.matrix import _fmt_labels, align_to_labels
from .kmeans import lloyd

if TYPE_CHECKING:  # pragma: no cover
    from .cluster import ClusterSpec

Seed = int | np.integer | np.random.Generator | None
"""What seeds k-means: an int, a numpy Generator, or None (fresh entropy)."""

__all__ = [
    "Slices",
    "SplitSpec",
    "whole_axis",
    "split_axis",
    "cut_tree_k",
    "induced_linkage",
    "check_split_arg",
    "kmeans_labels",
    "slice_means",
    "check_split_options",
]

_KMEANS_MAX_ITER = 300
_SEP = " \N{MIDDLE DOT} "  # between the parts of a title of several split variables


@dataclass(frozen=True)
class SplitSpec:
    """What the user asked for on one axis: a grouping or a number of clusters."""

    by: object  # aligned values (Series/dict/list/DataFrame) or an int k
    cluster_within: bool = True
    kmeans: bool = False  # an int k means k-means clusters (not a cut of the tree)
    repeats: int = 1
    seed: Seed = None
    cluster_slices: bool = False


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
    bounds: tuple[tuple[int, int], ...]
    titles: tuple[str, ...]
    linkages: tuple[np.ndarray | None, ...]
    local_index: tuple[np.ndarray, ...]
    parent: np.ndarray | None = None
    """The tree over the slices (leaf ``k`` is slice ``k`` in drawn order), when
    the slices are ordered by similarity; else None."""
    gaps: tuple[float, ...] = ()
    """The space after each slice but the last, in inches."""

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
    lt, rt, hs = (
        Z[:, 0].astype(np.intp).tolist(),
        Z[:, 1].astype(np.intp).tolist(),
        Z[:, 2].tolist(),
    )
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
        roots[i : i + 1] = [int(Z[top - n, 0]), int(Z[top - n, 1])]
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


def check_split_arg(by: object, axis: str) -> None:
    """Reject what can never be a split, at the user's ``.split()`` line."""
    if isinstance(by, (bool, np.bool_)):
        raise TypeError(
            f"split {axis}= takes a grouping (Series aligned by label, dict or list) "
            f"or a number of clusters k, not {by!r}"
        )
    if isinstance(by, (int, np.integer)):
        if by < 1:
            raise ValueError(
                f"split {axis}={by}: the number of clusters must be at least 1"
            )
        return
    if isinstance(by, float):
        raise TypeError(
            f"split {axis}={by!r}: a number of clusters must be an int, e.g. "
            f"{axis}={max(int(by), 1)}"
        )


def check_split_options(
    kmeans: object, repeats: object, seed: object, cluster_slices: object
) -> None:
    """Check the k-means and slice-order options at the user's ``.split()`` line."""
    for name, v in (("kmeans", kmeans), ("cluster_slices", cluster_slices)):
        if not isinstance(v, (bool, np.bool_)):
            raise TypeError(f"split {name}= takes True or False, got {v!r}")
    if (
        isinstance(repeats, (bool, np.bool_))
        or not isinstance(repeats, (int, np.integer))
        or repeats < 1
    ):
        raise ValueError(
            f"split repeats={repeats!r}: the number of k-means runs must be an int "
            ">= 1, e.g. repeats=10"
        )
    if seed is not None and (
        isinstance(seed, (bool, np.bool_))
        or not isinstance(seed, (int, np.integer, np.random.Generator))
    ):
        raise TypeError(f"split seed= takes an int or a numpy Generator, got {seed!r}")


def kmeans_labels(
    X: np.ndarray, k: int, *, repeats: int = 1, seed: Seed = None, what: str = "row"
) -> np.ndarray:
    """k-means cluster labels of the rows of ``X``, the best of ``repeats`` runs.

    Each run starts from ``scipy.cluster.vq.kmeans2(X, k, iter=1,
    minit="++")`` (k-means++ seeding) drawn from one numpy Generator seeded
    with ``seed``, then takes Lloyd steps (:func:`clustergrid._order.kmeans.lloyd`)
    until no label changes (at most 300); an emptied cluster keeps its
    centre; the run with the smallest
    within-cluster sum of squares wins (runs that leave a cluster empty are
    dropped).  Labels are renumbered by each cluster's first member in input
    order, so the result depends on the seed only, never on label names.
    """
    import warnings

    from scipy.cluster.vq import kmeans2

    n = X.shape[0]
    axis = "rows" if what == "row" else "cols"
    if k > n:
        raise ValueError(
            f"split {axis}={k}, kmeans=True: cannot cut {n} {what}s into {k} "
            f"clusters; use at most {n}"
        )
    if not np.isfinite(X).all():
        raise ValueError(
            f"split {axis}={k}, kmeans=True needs complete {what}s, but some "
            "values are missing; fill them first (e.g. df.fillna(0)) or split by "
            "a grouping"
        )
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    best: tuple[float, np.ndarray] | None = None
    for _ in range(int(repeats)):
        with warnings.catch_warnings():
            warnings.simplefilter(
                "ignore"
            )  # an empty cluster: that run is dropped below
            cent, lab = kmeans2(X, k, iter=1, minit="++", rng=rng)
        lab, cent = lloyd(X, cent, max_iter=_KMEANS_MAX_ITER, labels=lab)
        if len(np.unique(lab)) < k:
            continue
        sse = float(((X - cent[lab]) ** 2).sum())
        if best is None or sse < best[0] - 1e-12 * max(abs(best[0]), 1.0):
            best = (sse, lab)
    if best is None:
        raise ValueError(
            f"split {axis}={k}, kmeans=True: every k-means run left a cluster "
            f"empty (the {what}s have fewer than {k} distinct values?); use a "
            "smaller k or more repeats"
        )
    lab = best[1]
    _, first = np.unique(lab, return_index=True)
    rank = np.empty(k, dtype=np.intp)
    rank[np.argsort(first)] = np.arange(k)
    return rank[lab]


def slice_means(values: np.ndarray, pieces: list[np.ndarray]) -> np.ndarray:
    """Each slice's mean observation (NaN skipped): one row per slice."""
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return np.vstack(
                [np.nanmean(values[np.asarray(p)], axis=0) for p in pieces]
            )


def _combine(
    by: pd.DataFrame, labels: pd.Index, what: str, universe: pd.Index | None
) -> pd.Series:
    """Several split variables (the columns of ``by``) as one categorical of
    their combinations, titled "a · x", in the order of the first
    variable, then the second, ..."""
    if by.shape[1] == 0:
        raise ValueError(
            f"the {what} split DataFrame has no columns; give one column per split "
            "variable"
        )
    cols = []
    for c in by.columns:
        s = align_to_labels(
            by[c], labels, what, f"the {what} split column {c!r}", universe
        )
        if s.isna().any():
            bad = list(labels[s.isna().to_numpy()])
            raise ValueError(
                f"the {what} split column {c!r} has no group for {what}(s) "
                f"{_fmt_labels(bad)}; give every {what} a group (e.g. .fillna('other'))"
            )
        cats = _categories(s)
        cols.append(
            (pd.Index(cats).get_indexer(pd.Index(np.asarray(s, dtype=object))), cats)
        )
    codes = np.column_stack([c for c, _ in cols])
    combos = sorted({tuple(r) for r in codes.tolist()})
    titles = [_SEP.join(str(cols[i][1][v]) for i, v in enumerate(t)) for t in combos]
    key = {t: j for j, t in enumerate(combos)}
    return pd.Series(
        pd.Categorical.from_codes(
            [key[tuple(r)] for r in codes.tolist()], categories=pd.Index(titles)
        ),
        index=labels,
    )


def _categories(s: pd.Series) -> list[object]:
    if isinstance(s.dtype, pd.CategoricalDtype):
        present = set(s.unique())
        return [c for c in s.cat.categories if c in present]
    uniq = list(pd.unique(s))
    try:
        return sorted(uniq)
    except TypeError:
        return uniq


def split_axis(
    spec: SplitSpec,
    *,
    labels: pd.Index,
    values: np.ndarray,
    index: np.ndarray,
    linkage: np.ndarray | None,
    cluster: ClusterSpec | None,
    what: str,
    universe: pd.Index | None = None,
    weights: np.ndarray | None = None,
) -> Slices:
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
    weights : ndarray, optional
        Per input position: reorder each slice's own tree by these weights
        (heavier branch first), as ``cluster(reorder=...)`` does.

    With ``spec.cluster_slices`` the slices are then put in the leaf order of
    a tree over the slices' mean observations (see :func:`order_slices`).
    """
    sl = _split_axis(
        spec,
        labels=labels,
        values=values,
        index=index,
        linkage=linkage,
        cluster=cluster,
        what=what,
        universe=universe,
        weights=weights,
    )
    if spec.cluster_slices and len(sl) > 1:
        sl = order_slices(sl, values, cluster, what)
    return sl


def order_slices(
    sl: Slices, values: np.ndarray, cluster: ClusterSpec | None, what: str
) -> Slices:
    """Reorder the slices by similarity: the leaf order of
    ``scipy.cluster.hierarchy.linkage(means, method, metric)`` where ``means``
    holds each slice's mean observation (NaN skipped) and method/metric are
    the axis's ``.cluster()`` options (average/euclidean when the axis is not
    clustered).  The tree is kept as :attr:`Slices.parent`, its leaf ``k``
    relabelled to the ``k``-th slice in the new drawn order."""
    from .cluster import ClusterSpec

    spec = cluster if isinstance(cluster, ClusterSpec) else ClusterSpec()
    pieces = [sl.index[a:b] for a, b in sl.bounds]
    means = slice_means(values, pieces)
    axis = "rows" if what == "row" else "cols"
    if not np.isfinite(means).all():
        raise ValueError(
            f"split {axis}=..., cluster_slices=True: a slice has a column of only "
            "missing values, so its mean is undefined; fill the missing values or "
            "use cluster_slices=False"
        )
    S = len(pieces)
    from scipy.cluster import hierarchy as sch

    # ClusterSpec holds names .cluster() validated; the stubs take only Literals
    Zp = sch.linkage(means, method=spec.method, metric=spec.metric)  # type: ignore[arg-type]
    order = sch.leaves_list(Zp)
    rank = np.empty(S, dtype=np.intp)
    rank[order] = np.arange(S)
    parent = Zp.copy()
    for col in (0, 1):
        leaf = parent[:, col] < S
        parent[leaf, col] = rank[parent[leaf, col].astype(np.intp)]
    new_bounds, start = [], 0
    for k in order:
        a, b = sl.bounds[k]
        new_bounds.append((start, start + b - a))
        start += b - a
    return Slices(
        np.concatenate([pieces[k] for k in order]),
        tuple(new_bounds),
        tuple(sl.titles[k] for k in order),
        tuple(sl.linkages[k] for k in order),
        tuple(sl.local_index[k] for k in order),
        parent=parent,
        gaps=sl.gaps,
    )


def _split_axis(
    spec: SplitSpec,
    *,
    labels: pd.Index,
    values: np.ndarray,
    index: np.ndarray,
    linkage: np.ndarray | None,
    cluster: ClusterSpec | None,
    what: str,
    universe: pd.Index | None = None,
    weights: np.ndarray | None = None,
) -> Slices:
    from .cluster import compute_linkage
    from .reorder import reorder_linkage

    n = len(labels)
    by = spec.by
    k_given = (
        int(by)
        if isinstance(by, (int, np.integer)) and not isinstance(by, (bool, np.bool_))
        else None
    )
    if k_given is not None and spec.kmeans:
        lab = kmeans_labels(
            np.asarray(values, dtype=float),
            k_given,
            repeats=spec.repeats,
            seed=spec.seed,
            what=what,
        )
        by = pd.Series(
            pd.Categorical.from_codes(
                lab, pd.Index([str(i + 1) for i in range(k_given)])
            ),
            index=labels,
        )
        k_given = None
    elif isinstance(by, pd.DataFrame):
        by = _combine(by, labels, what, universe)
    if k_given is not None:
        k = k_given
        axis = "rows" if what == "row" else "cols"
        if linkage is None:
            raise ValueError(
                f"split {axis}={k} cuts the {what} tree into {k} clusters, but the "
                f"{what}s are not clustered: call .cluster({axis}=True) (or pass a "
                f"linkage), or split by a grouping instead"
            )
        if k > n:
            raise ValueError(
                f"split {axis}={k}: cannot cut {n} {what}s into {k} clusters; "
                f"use at most {n}"
            )
        roots = cut_tree_k(linkage, k)
        bounds: list[tuple[int, int]] = []
        links: list[np.ndarray | None] = []
        locs: list[np.ndarray] = []
        start = 0
        pos = np.empty(n, dtype=np.intp)
        pos[index] = np.arange(n)
        for r in roots:
            leaves = _subtree_leaves(linkage, r)
            stop = start + len(leaves)
            assert set(pos[leaves]) == set(
                range(start, stop)
            )  # a subtree is contiguous
            bounds.append((start, stop))
            links.append(induced_linkage(linkage, leaves))
            locs.append(_local(index[start:stop]))
            start = stop
        return Slices(
            np.asarray(index),
            tuple(bounds),
            tuple(str(i + 1) for i in range(k)),
            tuple(links),
            tuple(locs),
        )

    name = f"the {what} split"
    s = align_to_labels(by, labels, what, name, universe)
    if s.isna().any():
        bad = list(labels[s.isna().to_numpy()])
        raise ValueError(
            f"{name} has no group for {what}(s) {_fmt_labels(bad)}; give every "
            f"{what} a group (e.g. .fillna('other'))"
        )
    cats = _categories(s)
    codes = pd.Index(cats).get_indexer(pd.Index(np.asarray(s, dtype=object)))
    within = spec.cluster_within and cluster is not None
    pieces: list[np.ndarray] = []
    bounds, links, locs = [], [], []
    Z: np.ndarray | None
    loc: np.ndarray
    start = 0
    pos = np.empty(n, dtype=np.intp)
    pos[np.asarray(index)] = np.arange(n)
    for c in range(len(cats)):
        members = np.flatnonzero(codes == c)  # input positions, sorted
        if within and cluster is not None:
            if len(members) >= 2:
                Z = compute_linkage(
                    np.ascontiguousarray(values[members]),
                    cluster,
                    labels[members],
                    what,
                )
                if weights is not None:
                    Z = reorder_linkage(Z, weights[members])
                from scipy.cluster import hierarchy as sch

                loc = sch.leaves_list(Z)
            else:
                Z, loc = np.empty((0, 4)), np.arange(len(members))
            chunk = members[loc]
        else:
            chunk = members[
                np.argsort(pos[members], kind="stable")
            ]  # the unsplit order
            Z = None if linkage is None else induced_linkage(linkage, members)
            loc = _local(chunk)
        stop = start + len(members)
        pieces.append(chunk)
        bounds.append((start, stop))
        links.append(Z)
        locs.append(loc)
        start = stop
    return Slices(
        np.concatenate(pieces),
        tuple(bounds),
        tuple(str(c) for c in cats),
        tuple(links),
        tuple(locs),
    )
