"""Hierarchical clustering with lower time and peak memory than scipy.

Public functions
----------------
:func:`linkage`
    Exact; same tree and leaf order as :func:`scipy.cluster.hierarchy.linkage`
    called on the raw observations.  Distances come from
    :func:`clustergrid._distance.condensed_distances` (chunked BLAS), the
    agglomeration from ``fastcluster`` when it is importable (in place, no
    copy of the condensed matrix) and from scipy otherwise.
:func:`linkage_large`
    Approximate two-stage clustering for data sets where the ``n*(n-1)/2``
    condensed matrix does not fit in memory (e.g. 100,000 rows).
:func:`needs_two_stage`
    Memory-based rule telling the caller when to use :func:`linkage_large`.

Memory (measured, see ``benchmarks/bench_linkage.py``)
------------------------------------------------------
With ``C`` the condensed-matrix size (``8 * n*(n-1)/2`` bytes):

* ``scipy.cluster.hierarchy.linkage(X)``: ``pdist`` allocates ``C``, the
  finiteness check allocates a temporary bool array (``C/8``) and the
  Cython routines ``nn_chain`` / ``fast_linkage`` start with
  ``D = dists.copy()``, so the peak is about ``2 C + data``
  (``mst_single_linkage`` for method='single' does not copy).
  ``optimal_ordering=True`` additionally converts the condensed matrix to a
  square matrix (``squareform``, ``2 C``) and reorders it (another ``2 C``).
* our scipy path: the same ``~2 C`` (the copy is inside scipy's Cython code
  and cannot be avoided through the public API) but distances are faster.
* our fastcluster path: ``~1 C + data``.  Note that ``fastcluster.linkage``
  1.3.0 with ``preserve_input=False`` still copies its input under NumPy 2
  (its first line is ``X = array(X, subok=True)``, which copies), so we call
  its C routine ``fastcluster.linkage_wrap`` directly on our freshly
  computed condensed vector (falling back to the public function if that
  attribute ever disappears).

Measured at 10,000 x 100 (C = 381 MB, data = 7.6 MB; peak RSS above the
interpreter baseline, fresh process each): scipy.linkage 771 MB (1.98 x
(C + data)), our scipy path 784 MB (2.01 x), our fastcluster path 434 MB
(1.12 x); calling the public ``fastcluster.linkage(y,
preserve_input=False)`` instead measured ~2 x as well.
"""

from __future__ import annotations

import math
import os

import numpy as np

from ._distance import condensed_distances
from ._progress import resolve_progress

__all__ = ["linkage", "linkage_large", "needs_two_stage"]

_METHODS = ("single", "complete", "average", "weighted", "centroid", "median", "ward")
_EUCLIDEAN_METHODS = ("centroid", "median", "ward")
_TWO_STAGE_METHODS = ("average", "weighted", "complete", "ward")
_TWO_STAGE_METRICS = ("euclidean", "sqeuclidean", "cosine", "correlation")

#: Above this many rows k-means fits its centres on a sample first.
_SAMPLE_ABOVE = 50_000
#: Full-data Lloyd iterations after the sample fit.
_FULL_ITER = 5
#: Lloyd iterations inside each top cluster (two-level k-means).
_SUB_ITER = 8


def _import_fastcluster():
    try:
        import fastcluster  # noqa: PLC0415
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    return fastcluster


# --------------------------------------------------------------------------
# exact linkage
# --------------------------------------------------------------------------


def linkage(
    X: np.ndarray,
    method: str = "average",
    metric: str = "euclidean",
    optimal_ordering: bool = False,
    *,
    backend: str = "auto",
    progress=False,
) -> np.ndarray:
    """Exact hierarchical clustering of the rows of ``X``.

    Returns the same linkage matrix as
    ``scipy.cluster.hierarchy.linkage(X, method, metric,
    optimal_ordering=optimal_ordering)`` (same tree, same
    ``leaves_list``; heights equal up to ~1e-14 relative, the difference
    of the distance computations) with lower time and, when fastcluster is
    available, about half the peak memory.

    Parameters
    ----------
    X : ndarray, shape (n, m)
        Finite float64 observations (validated by the caller).
    method : {"single", "complete", "average", "weighted", "centroid",
              "median", "ward"}
    metric : str or callable
        Any pdist metric; centroid/median/ward require "euclidean".
    optimal_ordering : bool
        Apply :func:`scipy.cluster.hierarchy.optimal_leaf_ordering`.
    backend : {"auto", "fastcluster", "scipy"}
        "auto" uses fastcluster if it is importable, otherwise scipy.
    progress : bool, None or Progress
        A bar on stderr for the distance and tree stages (see
        :mod:`clustergrid._progress`); default off.

    Notes
    -----
    fastcluster and scipy implement the same algorithms with the same
    conventions (scipy adopted fastcluster's), and in our checks the trees
    and leaf orders are identical for all seven methods on random data, the
    PBMC data (cells and genes), the wine data and data with duplicated
    rows.  With many *exactly tied* distances (e.g. small-integer data)
    they can break ties differently: on 300 x 4 integers in {0, 1, 2}
    fastcluster's leaf order differed from scipy's for average, median and
    ward (both trees are valid).  Pass ``backend="scipy"`` when
    bit-for-bit agreement with scipy matters more than memory; the scipy
    backend reproduced scipy in all cases, ties included.
    """
    if method not in _METHODS:
        raise ValueError(f"Invalid method: {method}")
    if method in _EUCLIDEAN_METHODS and metric != "euclidean":
        raise ValueError(
            f"`method={method}` requires the distance metric to be Euclidean"
        )
    if backend not in ("auto", "fastcluster", "scipy"):
        raise ValueError(f"Invalid backend: {backend}")
    X = np.ascontiguousarray(X, dtype=np.float64)
    n = X.shape[0]
    if n < 2:
        raise ValueError("at least two observations are needed")

    fc = None
    if backend != "scipy":
        fc = _import_fastcluster()
        if fc is None and backend == "fastcluster":
            raise ImportError("fastcluster is not installed")

    rep = resolve_progress(progress)
    with rep.stage("distances"):
        y = condensed_distances(X, metric)
    with rep.stage("tree"):
        if fc is None:
            from scipy.cluster import hierarchy as _sch  # noqa: PLC0415

            Z = _sch.linkage(y, method)  # copies y internally (see module doc)
        else:
            Z = _fastcluster_inplace(fc, y, n, method, preserve=optimal_ordering)
    if optimal_ordering:
        from scipy.cluster import hierarchy as _sch  # noqa: PLC0415

        with rep.stage("optimal order"):
            Z = _sch.optimal_leaf_ordering(Z, y)
    return Z


def _fastcluster_inplace(fc, y, n, method, preserve):
    """Run fastcluster on condensed ``y`` without copying it (unless asked).

    ``y`` is overwritten (garbage afterwards) unless ``preserve``.
    """
    if preserve:
        y = y.copy()
    wrap = getattr(fc, "linkage_wrap", None)
    mthidx = getattr(fc, "mthidx", None)
    if wrap is None or mthidx is None or method not in mthidx:
        return fc.linkage(y, method=method, preserve_input=False)
    Z = np.empty((n - 1, 4))
    wrap(n, y, Z, mthidx[method])
    return Z


# --------------------------------------------------------------------------
# memory rule
# --------------------------------------------------------------------------


def _total_ram_bytes() -> int:
    try:
        return int(os.sysconf("SC_PAGE_SIZE")) * int(os.sysconf("SC_PHYS_PAGES"))
    except (AttributeError, ValueError, OSError):  # pragma: no cover
        return 8 * 2**30  # conservative default (e.g. Windows)


def needs_two_stage(n: int, m: int, *, max_fraction: float = 0.25) -> bool:
    """Whether exact clustering of an ``n x m`` matrix is too memory hungry.

    True when the condensed distance matrix (``8 * n*(n-1)/2`` bytes) plus
    the data (``8 * n * m``) exceeds ``max_fraction`` of the physical RAM
    (read with ``os.sysconf``).  The exact path peaks at about 1x (with
    fastcluster) or 2x (scipy) the condensed size, so the default 0.25
    keeps the exact path below ~50 % of RAM.  With 24 GiB of RAM the
    switch happens at about n = 40,000 rows (condensed matrix 6 GiB).
    """
    condensed = 8.0 * n * (n - 1) / 2.0
    data = 8.0 * n * m
    return condensed + data > max_fraction * _total_ram_bytes()


# --------------------------------------------------------------------------
# two-stage approximation
# --------------------------------------------------------------------------


def linkage_large(
    X: np.ndarray,
    method: str = "average",
    metric: str = "euclidean",
    n_micro: int | None = None,
    *,
    max_leaf_size: int = 2000,
    seed: int = 0,
    n_iter: int = 25,
    progress=False,
) -> np.ndarray:
    """Approximate hierarchical clustering for very many rows (n >~ 30,000).

    **This is an approximation** of ``linkage(X, method, metric)``; it needs
    O(n m + n_micro^2) memory instead of O(n^2) and is deterministic (fixed
    ``seed``; same output on every run).  It returns a valid scipy linkage
    matrix over all ``n`` leaves (``is_valid_linkage`` holds, heights are
    non-decreasing from leaves to root, rows sorted by height) that can be
    passed to ``dendrogram``/``leaves_list``/``fcluster``.

    Algorithm
    ---------
    1. **Micro-clusters**: k-means (Lloyd, BLAS-based assignment, ``n_iter``
       iterations, initial centres drawn with ``seed``) with
       ``k = n_micro`` (default ``~4 sqrt(n)``, at most 2000) on the rows -
       after row-centring/normalising for ``correlation``/``cosine`` so that
       squared euclidean distance is proportional to the metric.  Above
       ``_SAMPLE_ABOVE`` rows the k micro-clusters come from two levels of
       k-means (``sqrt(k)`` top clusters fitted on a sample and refined on
       all rows, then each split by its own k-means into a share of the k
       micro-clusters proportional to its size), which costs about
       ``2 sqrt(k)`` instead of ``k`` centres per pass; those Lloyd loops
       stop early once fewer than 0.1 % of their rows change cluster.
    2. **Upper tree**: an exact agglomeration (Lance-Williams updates that
       take the micro-cluster *sizes* into account) over the ``k``
       micro-clusters, started from inter-cluster dissimilarities computed
       from per-cluster statistics:

       * average / weighted: mean pairwise distance between the two
         micro-clusters - exact for ``sqeuclidean``, ``cosine`` and
         ``correlation`` (it only depends on the means), and the RMS
         pairwise distance ``sqrt(|mu_P - mu_Q|^2 + s_P^2 + s_Q^2)`` (an
         upper bound of the mean) for ``euclidean``;
       * ward: the exact Ward dissimilarity
         ``sqrt(2 n_P n_Q / (n_P + n_Q)) |mu_P - mu_Q|`` (so the upper tree
         is exactly Ward's algorithm started from the k-means partition);
       * complete: the upper bound ``|mu_P - mu_Q| + r_P + r_Q`` (radii).
    3. **Leaves**: the rows of each micro-cluster are clustered exactly with
       :func:`linkage` (same method and metric) - recursively with this
       function if a micro-cluster has more than ``max_leaf_size`` rows - and
       each micro-cluster leaf of the upper tree is replaced by its subtree.
    4. Heights: subtree heights are exact; an upper-tree merge height is
       ``max(its dissimilarity, heights of its children)`` so that heights
       are monotone (needed to draw a dendrogram).

    The approximation is that two rows in different micro-clusters can never
    be merged before their micro-clusters are (the k-means partition is
    forced onto the tree), and the upper-tree dissimilarities are computed
    from cluster statistics as above.  ``method`` must be one of average,
    weighted, complete, ward; ``metric`` one of euclidean, sqeuclidean,
    cosine, correlation (ward: euclidean only).

    ``progress`` (bool, None or a :class:`clustergrid._progress.Progress`)
    shows a bar on stderr for the k-means iterations, the upper tree and the
    leaf trees; default off.
    """
    if method not in _TWO_STAGE_METHODS:
        raise ValueError(
            f"linkage_large supports methods {_TWO_STAGE_METHODS}, not {method!r}"
        )
    if metric not in _TWO_STAGE_METRICS:
        raise ValueError(
            f"linkage_large supports metrics {_TWO_STAGE_METRICS}, not {metric!r}"
        )
    if method == "ward" and metric != "euclidean":
        raise ValueError("`method=ward` requires the euclidean metric")
    X = np.ascontiguousarray(X, dtype=np.float64)
    n = X.shape[0]
    if n < 2:
        raise ValueError("at least two observations are needed")
    if n <= max_leaf_size:
        return linkage(X, method, metric, progress=progress)
    rep = resolve_progress(progress)

    if n_micro is None:
        n_micro = int(round(4.0 * math.sqrt(n)))
        n_micro = max(n_micro, int(math.ceil(4.0 * n / max_leaf_size)))
        n_micro = min(n_micro, 2000)
    k = int(min(max(2, n_micro), n))

    F = _kmeans_features(X, metric)
    sampled = n > _SAMPLE_ABOVE
    with rep.stage("k-means", total=n_iter + (_FULL_ITER if sampled else 0)) as st:
        # (above _SAMPLE_ABOVE rows: two levels, see _kmeans_two_level)
        labels = _kmeans(F, k, seed=seed, n_iter=n_iter, stage=st)
    labels, k = _compact_labels(labels)
    if k < 2:
        # k-means could not split (e.g. all rows identical): split by index
        labels = (np.arange(n) * min(n_micro, n) // n).astype(np.intp)
        labels, k = _compact_labels(labels)

    order = np.argsort(labels, kind="stable")
    sizes = np.bincount(labels, minlength=k)
    members = np.split(order, np.cumsum(sizes)[:-1])

    with rep.stage("upper tree", total=k - 1) as st:
        D0 = _upper_dissimilarities(F, X, labels, sizes, method, metric)
        del F
        Zu = _agglomerate(D0, sizes.astype(np.float64), method, stage=st)
        del D0

    # exact subtrees
    subtrees = []
    with rep.stage("leaf trees", total=k) as st:
        for idx in members:
            if idx.size == 1:
                subtrees.append(None)
            elif idx.size <= max_leaf_size:
                subtrees.append(linkage(X[idx], method, metric))
            else:
                subtrees.append(
                    linkage_large(
                        X[idx],
                        method,
                        metric,
                        max_leaf_size=max_leaf_size,
                        seed=seed,
                        n_iter=n_iter,
                    )
                )
            st.advance()
    with rep.stage("assemble"):
        return _assemble(n, members, subtrees, Zu)


def _kmeans_features(X, metric):
    if metric in ("euclidean", "sqeuclidean"):
        return X
    Y = X - X.mean(axis=1, keepdims=True) if metric == "correlation" else X
    norms = np.sqrt(np.einsum("ij,ij->i", Y, Y))
    norms[norms == 0] = 1.0
    return Y / norms[:, None]


def _compact_labels(labels):
    uniq, inv = np.unique(labels, return_inverse=True)
    return inv.astype(np.intp), int(uniq.size)


def _assign(F, fsq, C, chunk_elems=4 * 2**20):
    """Nearest centre (squared euclidean) for every row of F."""
    n = F.shape[0]
    k = C.shape[0]
    csq = np.einsum("ij,ij->i", C, C)
    labels = np.empty(n, dtype=np.intp)
    dmin = np.empty(n)
    step = max(1, chunk_elems // k)
    for s in range(0, n, step):
        G = F[s : s + step] @ C.T
        G *= -2.0
        G += csq
        lab = G.argmin(axis=1)
        labels[s : s + step] = lab
        dmin[s : s + step] = G[np.arange(lab.size), lab] + fsq[s : s + step]
    return labels, dmin


def _kmeans(F, k, *, seed, n_iter, stage=None):
    """Deterministic Lloyd k-means; returns labels (n,).

    Above ``_SAMPLE_ABOVE`` rows: centres fitted on a sample first, then
    at most ``_FULL_ITER`` full iterations with a 0.1 % early stop.
    """
    n = F.shape[0]
    rng = np.random.default_rng(seed)
    if n > _SAMPLE_ABOVE:
        return _kmeans_two_level(F, k, rng, n_iter, stage)
    init = np.sort(rng.choice(n, size=k, replace=False))
    labels, _ = _lloyd(F, F[init].copy(), n_iter, 0.0, stage)
    return labels


def _kmeans_two_level(F, k, rng, n_iter, stage):
    """k micro-clusters for very many rows at a cost of ~2 sqrt(k) centres.

    A Lloyd pass costs ``n k m``: with k = 2,000 and a million rows that is
    minutes.  Instead the rows are split into ``k1 = ceil(sqrt(k))`` top
    clusters (centres fitted on a sample of ``max(50 k1, 100,000)`` rows,
    then refined on all rows), and each top cluster of ``n_c`` rows into
    ``round(k n_c / n)`` micro-clusters by its own k-means (at most
    ``_SUB_ITER`` iterations, stopping once fewer than 1 % of its rows
    change cluster: those micro-clusters only need to be compact, the exact
    leaf trees order the rows inside them).  The top level stops once fewer
    than 0.1 % of the rows change.
    """
    n = F.shape[0]
    k1 = int(min(n, math.ceil(math.sqrt(k))))
    s = min(n, max(50 * k1, 100_000))
    sample = np.sort(rng.choice(n, size=s, replace=False))
    Fs = F[sample]
    init = np.sort(rng.choice(s, size=k1, replace=False))
    _, C = _lloyd(Fs, Fs[init].copy(), n_iter, 1e-3, None)
    del Fs
    top, _ = _lloyd(F, C, _FULL_ITER, 1e-3, None)
    if stage is not None:
        stage.advance(_FULL_ITER)
    labels = np.empty(n, dtype=np.intp)
    order = np.argsort(top, kind="stable")
    sizes = np.bincount(top, minlength=k1)
    offset = 0
    for idx in np.split(order, np.cumsum(sizes)[:-1]):
        kc = int(min(idx.size, max(1, round(k * idx.size / n))))
        if kc <= 1:
            labels[idx] = offset
            offset += 1
            continue
        Fc = F[idx]
        init = np.sort(rng.choice(idx.size, size=kc, replace=False))
        lab, _ = _lloyd(Fc, Fc[init].copy(), min(n_iter, _SUB_ITER), 1e-2, None)
        labels[idx] = offset + lab
        offset += kc
    if stage is not None:
        stage.advance(n_iter)
    return labels


def _lloyd(F, C, n_iter, tol, stage):
    """Lloyd iterations from centres C; stops when <= tol * n rows move."""
    n, m = F.shape
    k = C.shape[0]
    fsq = np.einsum("ij,ij->i", F, F)
    labels = None
    for _ in range(n_iter):
        if stage is not None:
            stage.advance()
        new, dmin = _assign(F, fsq, C)
        counts = np.bincount(new, minlength=k)
        empty = np.flatnonzero(counts == 0)
        if empty.size:
            # re-seed empty clusters with the rows farthest from their centre
            far = np.argsort(-dmin, kind="stable")[: empty.size]
            new[far] = empty
            counts = np.bincount(new, minlength=k)
        if labels is not None and (np.count_nonzero(new != labels) <= tol * n):
            if tol == 0.0 or np.array_equal(new, labels):
                break
            labels = new
            break
        labels = new
        sums = np.zeros((k, m))
        _group_sum(sums, labels, F)
        C = sums / np.maximum(counts, 1)[:, None]
    return labels, C


def _group_sum(out, labels, F):
    """out[labels[i]] += F[i] (fast, via sorting)."""
    order = np.argsort(labels, kind="stable")
    counts = np.bincount(labels, minlength=out.shape[0])
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    nz = counts > 0
    out[nz] = np.add.reduceat(F[order], starts[nz], axis=0)


def _upper_dissimilarities(F, X, labels, sizes, method, metric):
    """k x k initial dissimilarities between micro-clusters (see docstring)."""
    k = sizes.size
    nP = sizes.astype(np.float64)
    # means and spreads in the space where squared euclidean is the metric
    V = X if metric in ("euclidean", "sqeuclidean") else F
    mu = np.zeros((k, V.shape[1]))
    _group_sum(mu, labels, V)
    mu /= nP[:, None]
    resid = V - mu[labels]
    r2 = np.einsum("ij,ij->i", resid, resid)
    del resid
    msq = np.bincount(labels, weights=r2, minlength=k) / nP  # s_P^2
    musq = np.einsum("ij,ij->i", mu, mu)
    cd2 = musq[:, None] + musq[None, :] - 2.0 * (mu @ mu.T)  # |mu_P-mu_Q|^2
    np.maximum(cd2, 0.0, out=cd2)

    if method in ("average", "weighted"):
        if metric in ("euclidean", "sqeuclidean"):
            D = cd2 + msq[:, None] + msq[None, :]  # mean squared distance
            if metric == "euclidean":
                np.sqrt(D, out=D)
        else:
            # mean over pairs of 1 - <a, b> for unit vectors = 1 - <mu_P, mu_Q>
            D = 1.0 - mu @ mu.T
            np.clip(D, 0.0, 2.0, out=D)
    elif method == "ward":
        D = np.sqrt(2.0 * np.outer(nP, nP) / np.add.outer(nP, nP) * cd2)
    else:  # complete: upper bound of the max distance
        rad = np.zeros(k)
        np.maximum.at(rad, labels, np.sqrt(r2))
        E = np.sqrt(cd2) + rad[:, None] + rad[None, :]
        if metric == "euclidean":
            D = E
        elif metric == "sqeuclidean":
            D = E * E
        else:
            D = np.minimum(E * E / 2.0, 2.0)
    np.fill_diagonal(D, np.inf)
    return D


def _agglomerate(D, sizes, method, stage=None):
    """Size-aware agglomeration of k items; returns scipy-format (k-1, 4).

    Global closest pair at each step (row minima cached); the methods used
    here are reducible, so only rows whose cached neighbour was merged need
    a rescan.  Ties are broken by the lowest index (deterministic).
    """
    D = D.copy()
    k = D.shape[0]
    size = sizes.copy()
    node = np.arange(k)  # current node id of each active slot
    active = np.ones(k, dtype=bool)
    rowarg = D.argmin(axis=1)
    rowmin = D[np.arange(k), rowarg]
    Z = np.empty((k - 1, 4))
    leaves = size.copy()  # number of original rows under each slot
    for step in range(k - 1):
        if stage is not None:
            stage.advance()
        i = int(np.argmin(rowmin))
        j = int(rowarg[i])
        if j < i:
            i, j = j, i
        dij = D[i, j]
        ni, nj = size[i], size[j]
        di, dj = D[i], D[j]
        nk = size
        if method == "average":
            new = (ni * di + nj * dj) / (ni + nj)
        elif method == "weighted":
            new = 0.5 * (di + dj)
        elif method == "complete":
            new = np.maximum(di, dj)
        else:  # ward
            with np.errstate(invalid="ignore"):
                new = np.sqrt(
                    np.maximum(
                        ((ni + nk) * di * di + (nj + nk) * dj * dj - nk * dij * dij)
                        / (ni + nj + nk),
                        0.0,
                    )
                )
        new[~active] = np.inf
        new[i] = np.inf
        new[j] = np.inf
        a, b = node[i], node[j]
        Z[step] = (min(a, b), max(a, b), dij, leaves[i] + leaves[j])
        # slot i becomes the merged cluster, slot j is removed
        D[i, :] = new
        D[:, i] = new
        D[j, :] = np.inf
        D[:, j] = np.inf
        active[j] = False
        size[i] = ni + nj
        leaves[i] = leaves[i] + leaves[j]
        node[i] = k + step
        rowmin[j] = np.inf
        # rows whose nearest neighbour was i or j need a rescan
        stale = np.flatnonzero(active & ((rowarg == i) | (rowarg == j)))
        stale = np.union1d(stale, [i])
        for r in stale:
            a_r = int(np.argmin(D[r]))
            rowarg[r] = a_r
            rowmin[r] = D[r, a_r]
        # the merged cluster may be closer than a cached minimum (not for
        # reducible methods, but keep it robust against rounding)
        better = active & (new < rowmin)
        if better.any():
            rowarg[better] = i
            rowmin[better] = new[better]
    return Z


def _assemble(n, members, subtrees, Zu):
    """Graft the exact subtrees onto the upper tree; returns sorted Z."""
    rows_a, rows_b, heights, counts = [], [], [], []
    root_id = np.empty(len(members), dtype=np.int64)
    root_h = np.zeros(len(members))
    next_id = n
    for p, (idx, Zs) in enumerate(zip(members, subtrees)):
        if Zs is None:
            root_id[p] = idx[0]
            continue
        s = idx.size
        # local id -> global id: leaves map to idx, internal to next_id + r
        mapping = np.concatenate([idx, next_id + np.arange(s - 1)])
        rows_a.append(mapping[Zs[:, 0].astype(np.int64)])
        rows_b.append(mapping[Zs[:, 1].astype(np.int64)])
        heights.append(Zs[:, 2])
        counts.append(Zs[:, 3])
        next_id += s - 1
        root_id[p] = next_id - 1
        root_h[p] = Zs[:, 2].max()
    k = len(members)
    # upper tree: ids < k are micro-clusters, >= k are upper internal nodes
    uid = np.concatenate([root_id, next_id + np.arange(k - 1)])
    uh = np.concatenate([root_h, np.zeros(k - 1)])
    ua = np.empty(k - 1, dtype=np.int64)
    ub = np.empty(k - 1, dtype=np.int64)
    uhgt = np.empty(k - 1)
    for r in range(k - 1):
        a, b = int(Zu[r, 0]), int(Zu[r, 1])
        h = max(Zu[r, 2], uh[a], uh[b])
        uh[k + r] = h
        ua[r], ub[r], uhgt[r] = uid[a], uid[b], h
    rows_a.append(ua)
    rows_b.append(ub)
    heights.append(uhgt)
    counts.append(Zu[:, 3])

    A = np.concatenate(rows_a)
    B = np.concatenate(rows_b)
    H = np.concatenate(heights)
    Cn = np.concatenate(counts)
    # rows are in topological order and heights are monotone (child <= parent)
    # so a stable sort by height keeps children before parents
    perm = np.argsort(H, kind="stable")
    newpos = np.empty(n - 1, dtype=np.int64)
    newpos[perm] = np.arange(n - 1)
    relabel = np.concatenate([np.arange(n), n + newpos])
    Z = np.empty((n - 1, 4))
    Z[:, 0] = relabel[A[perm]]
    Z[:, 1] = relabel[B[perm]]
    Z[:, 2] = H[perm]
    Z[:, 3] = Cn[perm]
    return Z
