"""Clustering the rows of a 2-D dask array (the ``dask`` extra).

``ClusterGrid(x)`` with ``x`` a ``dask.array.Array`` of shape (M, m) (rows are
observations, chunked by rows) never brings the array to the driver.  In the
constructor, on the array's scheduler (a ``distributed.Client`` when one is
active, else dask's default):

1. **micro-clusters**: k = ``min(2000, round(4 sqrt(M)))`` centres start at
   k seeded rows and take up to ``_LLOYD_ITER`` Lloyd iterations over all
   rows, each a map over the chunks returning per-chunk counts and sums
   (k x (m + 1) numbers, tree-reduced; only the centres travel);
2. **one statistics pass** with the final centres: per micro-cluster the
   count, the sum of rows, the summed squared distance to its centre and the
   largest such distance; the (shifted) m x m Gram matrix and column sums for
   the column tree; and, per micro-cluster, the ``per_cluster`` rows with the
   smallest seeded hash of their position (chosen chunk-locally, merged in
   the reduction): the **drawn sample**;
3. the sample's rows are fetched (``x[positions].compute()``).

On the driver, :meth:`DaskRows.linkages` (called by ``cluster()``) builds the
row tree of the sample: the exact size-aware upper tree over the k
micro-clusters from the statistics of *all* rows
(``_linkage._dissimilarities_from_stats`` and ``_agglomerate``), with the
exact trees of each micro-cluster's sampled rows grafted under it
(``_leaf_trees``, ``_assemble``), and the column tree, exact over all M rows,
from the Gram matrix.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._input.frame import as_frame, by_position
from .._support.warn import warn
from .kmeans import assign, group_sum, update

if TYPE_CHECKING:
    import dask.array as da

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

__all__ = ["DaskRows", "DaskSample", "dask_rows", "is_dask_collection"]

#: Rows drawn in all (about; at least one per micro-cluster).
_DRAWN_ROWS = 2000
#: At most this many micro-clusters (as ``linkage_large``).
_MAX_MICRO = 2000
#: Lloyd iterations over all rows from k seeded rows (fewer once the
#: within-cluster sum of squares improves by less than ``_LLOYD_TOL``).
_LLOYD_ITER = 10
_LLOYD_TOL = 1e-3
_SEED = 0
_ROW_METHODS = ("average", "weighted", "complete", "ward")
_ROW_METRICS = ("euclidean", "sqeuclidean")
_COL_METRICS = ("euclidean", "sqeuclidean", "correlation", "cosine")
_EXTRA = "pip install 'clustergrid[dask]'"


def is_dask_collection(obj: object) -> bool:
    """Whether ``obj`` is a dask collection (array, dataframe, ...), without
    importing dask."""
    return hasattr(type(obj), "__dask_graph__")


@dataclass(frozen=True)
class DaskSample:
    """The rows of a dask array that a grid draws.

    Attributes
    ----------
    positions : ndarray of int64
        Positions (row numbers in the dask array) of the drawn rows, sorted;
        they are also the drawn rows' labels.
    micro_cluster : ndarray of intp
        The micro-cluster of each drawn row (``0 .. n_micro - 1``).
    sizes : ndarray of int64
        Rows of the whole array in each micro-cluster.
    n_rows : int
        Rows of the whole array.
    per_cluster : int
        Rows drawn per micro-cluster (all of them when it has fewer).
    seed : int
        Seed of the row hash and of the k-means start.
    """

    positions: npt.NDArray[np.int64]
    micro_cluster: IntArray
    sizes: npt.NDArray[np.int64]
    n_rows: int
    per_cluster: int
    seed: int

    @property
    def n_micro(self) -> int:
        """Number of micro-clusters."""
        return int(self.sizes.size)


def _hash(pos: npt.NDArray[np.int64], seed: int) -> npt.NDArray[np.uint64]:
    """splitmix64 of the positions (seeded): a reproducible uniform order."""
    with np.errstate(over="ignore"):
        z = pos.astype(np.uint64) + np.uint64((seed * 0x9E3779B97F4A7C15) % 2**64)
        z = z + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def _first_per_label(
    lab: IntArray, h: npt.NDArray[np.uint64], pos: npt.NDArray[np.int64], s: int
) -> tuple[IntArray, npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
    """Per label the ``s`` entries with the smallest hash (ties: position)."""
    order = np.lexsort((pos, h, lab))
    lab, h, pos = lab[order], h[order], pos[order]
    start = np.r_[0, np.flatnonzero(np.diff(lab)) + 1]
    rank = np.arange(lab.size) - np.repeat(start, np.diff(np.r_[start, lab.size]))
    keep = rank < s
    return lab[keep], h[keep], pos[keep]


def _block_lloyd(block: np.ndarray, C: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Per-centre counts and sums (k x (m + 1)) of one chunk, and its
    [within-cluster sum of squares, non-finite cells]."""
    X = np.asarray(block, dtype=np.float64)
    bad = float(np.count_nonzero(~np.isfinite(X)))
    if bad:
        X = np.nan_to_num(X, nan=0.0, posinf=0.0, neginf=0.0)
    fsq = np.einsum("ij,ij->i", X, X)
    lab, dmin = assign(X, C, fsq)
    assert dmin is not None
    k = C.shape[0]
    out = np.empty((k, X.shape[1] + 1))
    out[:, :-1] = group_sum(lab, X, k)
    out[:, -1] = np.bincount(lab, minlength=k)
    return out, np.array([float(np.maximum(dmin, 0.0).sum()), bad])


def _add(
    a: tuple[FloatArray, ...], b: tuple[FloatArray, ...]
) -> tuple[FloatArray, ...]:
    return tuple(x + y for x, y in zip(a, b, strict=True))


@dataclass
class _Stats:
    """The statistics pass's reduction (see the module docstring)."""

    counts: FloatArray  # (k,)
    sums: FloatArray  # (k, m)
    dev: FloatArray  # (k,) summed squared distance to the centre used
    rad: FloatArray  # (k,) largest distance to that centre
    gram: FloatArray  # (m, m) of (x - shift)
    colsum: FloatArray  # (m,) of (x - shift)
    lab: IntArray  # candidates of the sample: micro-cluster, hash, position
    h: npt.NDArray[np.uint64]
    pos: npt.NDArray[np.int64]


def _block_stats(
    block: np.ndarray,
    offset: int,
    C: FloatArray,
    shift: FloatArray,
    seed: int,
    s: int,
) -> _Stats:
    X = np.asarray(block, dtype=np.float64)
    k = C.shape[0]
    fsq = np.einsum("ij,ij->i", X, X)
    lab, dmin = assign(X, C, fsq)
    assert dmin is not None
    np.maximum(dmin, 0.0, out=dmin)
    rad = np.zeros(k)
    np.maximum.at(rad, lab, np.sqrt(dmin))
    Y = X - shift
    pos = offset + np.arange(X.shape[0], dtype=np.int64)
    cl, ch, cp = _first_per_label(lab, _hash(pos, seed), pos, s)
    return _Stats(
        counts=np.bincount(lab, minlength=k).astype(np.float64),
        sums=group_sum(lab, X, k),
        dev=np.asarray(np.bincount(lab, weights=dmin, minlength=k), dtype=np.float64),
        rad=rad,
        gram=Y.T @ Y,
        colsum=Y.sum(axis=0),
        lab=cl,
        h=ch,
        pos=cp,
    )


def _merge_stats(a: _Stats, b: _Stats, s: int) -> _Stats:
    lab, h, pos = _first_per_label(
        np.concatenate([a.lab, b.lab]),
        np.concatenate([a.h, b.h]),
        np.concatenate([a.pos, b.pos]),
        s,
    )
    return _Stats(
        counts=a.counts + b.counts,
        sums=a.sums + b.sums,
        dev=a.dev + b.dev,
        rad=np.maximum(a.rad, b.rad),
        gram=a.gram + b.gram,
        colsum=a.colsum + b.colsum,
        lab=lab,
        h=h,
        pos=pos,
    )


def _tree_reduce(parts: list[Any], combine: Callable[[Any, Any], Any]) -> Any:
    """Pairwise (log-depth) reduction of dask.delayed parts."""
    import dask

    comb = dask.delayed(combine, pure=True)
    while len(parts) > 1:
        nxt = [comb(parts[i], parts[i + 1]) for i in range(0, len(parts) - 1, 2)]
        if len(parts) % 2:
            nxt.append(parts[-1])
        parts = nxt
    return parts[0]


def _import_dask_array() -> Any:
    try:
        import dask
        import dask.array
    except ImportError:
        raise ImportError(
            f"ClusterGrid(data) got a dask collection but dask.array cannot be "
            f"imported; install the optional extra: {_EXTRA}"
        ) from None
    return dask.array


def check_dask_options(
    *,
    z_score: object,
    standard_scale: object,
    mask: object,
    annot: object,
) -> None:
    """Constructor options that need every row of the matrix at once."""
    for name, v in (("z_score", z_score), ("standard_scale", standard_scale)):
        if v is not None:
            raise ValueError(
                f"{name}={v!r} is not available for a dask array (the grid draws a "
                f"sample of its rows; micro-clusters are fitted on the values as "
                f"given): transform the dask array first, e.g. "
                f"x = (x - x.mean(axis=0)) / x.std(axis=0)"
            )
    for name, v in (("mask", mask), ("annot", annot)):
        v = as_frame(v)
        if by_position(v) or (
            v is not None and not isinstance(v, (bool, np.bool_, str, pd.DataFrame))
        ):
            raise ValueError(
                f"{name}= as an array (by input position) is not available for a "
                f"dask array: only a sample of its rows is drawn; pass a DataFrame "
                f"indexed by row position (aligned by label, only the drawn rows "
                f"are used) or {name}=True"
            )


def dask_rows(
    data: object,
    *,
    z_score: object,
    standard_scale: object,
    mask: object,
    annot: object,
) -> tuple[DaskRows | None, Any]:
    """``(DaskRows(data), its drawn sample)`` for a dask collection (checked
    with the constructor options that need all rows), else ``(None, data)``."""
    if not is_dask_collection(data):
        return None, data
    check_dask_options(
        z_score=z_score, standard_scale=standard_scale, mask=mask, annot=annot
    )
    rows = DaskRows(data)
    return rows, rows.frame


class DaskRows:
    """Stage 1 over a dask array, run once in the constructor.

    Parameters
    ----------
    x : dask.array.Array
        2-D, numeric, finite, rows chunked (columns may be chunked too: they
        are joined per row chunk).
    """

    def __init__(self, x: object, *, seed: int = _SEED) -> None:
        dsa = _import_dask_array()
        if not isinstance(x, dsa.Array):
            raise TypeError(
                f"ClusterGrid(data) got a {type(x).__module__}.{type(x).__name__}: of "
                f"the dask collections only a 2-D dask.array.Array is supported; "
                f"convert a dask DataFrame with df.to_dask_array(lengths=True)"
            )
        # a separate name: without dask installed da.Array is Any, which would
        # not narrow the parameter x (typed object)
        arr: da.Array = cast("da.Array", x)
        self._x = arr
        if arr.ndim != 2:
            raise ValueError(
                f"ClusterGrid(data) needs a 2-D dask array (rows x columns), got "
                f"{arr.ndim}-D with shape {arr.shape}; reshape it, e.g. x.reshape(-1, 1)"
            )
        if arr.dtype.kind not in "iuf":
            raise TypeError(
                f"ClusterGrid(data) needs a numeric dask array, got dtype {arr.dtype}; "
                f"convert it first, e.g. x.astype('float64')"
            )
        if any(math.isnan(c) for c in arr.chunks[0]):
            raise ValueError(
                "ClusterGrid(data): the dask array's row chunk sizes are unknown; "
                "call x.compute_chunk_sizes() first"
            )
        M, m = (int(v) for v in arr.shape)
        if M < 2 or m < 1:
            raise ValueError(
                f"ClusterGrid(data) needs at least 2 rows and 1 column, got shape "
                f"{arr.shape}"
            )
        if len(arr.chunks[1]) > 1:
            self._x = arr.rechunk({1: -1})  # per row chunk: a chunk-local join
        self.n_rows, self.n_cols = M, m
        self.seed = int(seed)
        k = int(min(_MAX_MICRO, max(2, round(4.0 * math.sqrt(M))), M))
        per = max(1, math.ceil(_DRAWN_ROWS / k))
        C, shift = self._fit_centres(k)
        st = self._statistics(C, shift, per)
        self._finish(C, shift, st, per)
        nd = self.sample.positions.size
        if nd < M:
            warn(
                f"drawing {nd:,} of {M:,} rows (a sample of each micro-cluster); "
                f"the drawn rows' positions are in grid.dask_sample.positions"
            )

    # -- stage 1 on the array's scheduler ------------------------------------
    def _fit_centres(self, k: int) -> tuple[FloatArray, FloatArray]:
        import dask

        rng = np.random.default_rng(self.seed)
        pick = np.sort(rng.choice(self.n_rows, size=k, replace=False))
        C = np.asarray(self._x[pick].compute(), dtype=np.float64)  # k seeded rows
        if not np.isfinite(C).all():
            raise self._nonfinite()
        shift = C.mean(axis=0)
        blocks = self._x.to_delayed().ravel().tolist()
        prev = math.inf
        self.lloyd_iterations = 0
        for _ in range(_LLOYD_ITER):
            self.lloyd_iterations += 1
            Cd = dask.delayed(C, pure=True)
            parts = [dask.delayed(_block_lloyd, pure=True)(b, Cd) for b in blocks]
            (acc, (ss, bad)) = dask.compute(_tree_reduce(parts, _add))[0]
            if bad:
                raise self._nonfinite()
            C = update(acc[:, :-1], acc[:, -1], C)  # an empty centre keeps its place
            if math.isfinite(prev) and prev - ss <= _LLOYD_TOL * prev:
                break
            prev = ss
        return C, shift

    def _nonfinite(self) -> ValueError:
        return ValueError(
            "ClusterGrid(data): the dask array holds NaN or infinite values; "
            "clustering a dask array needs finite values: replace them first, e.g. "
            "x = da.nan_to_num(x), or drop those rows"
        )

    def _statistics(self, C: FloatArray, shift: FloatArray, per: int) -> _Stats:
        import dask

        blocks = self._x.to_delayed().ravel().tolist()
        offsets = np.r_[0, np.cumsum(self._x.chunks[0])[:-1]].astype(int).tolist()
        Cd = dask.delayed(C, pure=True)
        sd = dask.delayed(shift, pure=True)
        parts = [
            dask.delayed(_block_stats, pure=True)(b, o, Cd, sd, self.seed, per)
            for b, o in zip(blocks, offsets, strict=True)
        ]
        merge = _MergeStats(per)
        out: _Stats = dask.compute(_tree_reduce(parts, merge))[0]
        return out

    def _finish(self, C: FloatArray, shift: FloatArray, st: _Stats, per: int) -> None:
        live = np.flatnonzero(st.counts > 0)
        remap = np.full(C.shape[0], -1, dtype=np.intp)
        remap[live] = np.arange(live.size)
        n = st.counts[live]
        mu = st.sums[live] / n[:, None]
        off = np.sqrt(np.einsum("ij,ij->i", mu - C[live], mu - C[live]))
        # exact: mean |x - mu|^2 = mean |x - c|^2 - |mu - c|^2; the radius
        # around mu is bounded by the one around c plus |mu - c|
        self._mu = mu
        self._msq = np.maximum(st.dev[live] / n - off * off, 0.0)
        self._rad = st.rad[live] + off
        self._n = n
        self._gram, self._colsum, self._shift = st.gram, st.colsum, shift
        order = np.argsort(st.pos, kind="stable")
        pos = st.pos[order]
        lab = remap[st.lab[order]]
        self.sample = DaskSample(
            positions=pos,
            micro_cluster=lab,
            sizes=n.astype(np.int64),
            n_rows=self.n_rows,
            per_cluster=per,
            seed=self.seed,
        )
        rows = np.asarray(self._x[pos].compute(), dtype=np.float64)
        self.frame = pd.DataFrame(rows, index=pd.Index(pos), columns=None)

    # -- trees on the driver ---------------------------------------------------
    def linkages(
        self,
        rows: bool | npt.ArrayLike | None,
        cols: bool | npt.ArrayLike | None,
        *,
        labels: tuple[pd.Index, pd.Index],
        method: str,
        metric: object,
        optimal_ordering: bool,
        two_stage: bool | None,
        missing: str | None,
    ) -> tuple[bool | npt.ArrayLike | None, bool | npt.ArrayLike | None]:
        """``cluster(rows, cols, ...)``'s arguments with True replaced by the
        linkage matrices of the drawn sample's rows and of the columns."""
        opts = [
            (
                "two_stage",
                two_stage,
                False,
                "leave it None: a dask array's rows are always clustered in two stages",
            ),
            (
                "missing",
                missing,
                "pairwise",
                "replace missing values in the dask array first (da.nan_to_num)",
            ),
            ("optimal_ordering", optimal_ordering, True, "leave it False"),
        ]
        if not (
            labels[0].equals(self.frame.index) and labels[1].equals(self.frame.columns)
        ):
            raise ValueError(
                "cluster() after filter()/subset() is not available for a dask "
                "array (the trees come from the statistics of all its rows): subset "
                "the dask array itself instead, e.g. ClusterGrid(x[:500_000])"
            )
        for name, v, bad, fix in opts:
            if v is not None and v == bad:
                raise ValueError(
                    f"cluster({name}={v!r}) is not available for a dask array: {fix}"
                )
        if rows is True or isinstance(rows, np.bool_) and rows:
            rows = self.row_linkage(method, metric)
        elif rows is not None and rows is not False:
            Z = np.asarray(rows)
            if (
                Z.ndim == 2
                and Z.shape[0] == self.n_rows - 1 != self.sample.positions.size - 1
            ):
                raise ValueError(
                    f"cluster(rows=<a linkage of all {self.n_rows:,} rows>) cannot be "
                    f"drawn for a dask array: the grid draws "
                    f"{self.sample.positions.size:,} sampled rows; pass rows=True "
                    f"or a linkage of the sampled rows (grid.dask_sample.positions)"
                )
        if cols is True or isinstance(cols, np.bool_) and cols:
            cols = self.col_linkage(method, metric)
        return rows, cols

    def row_linkage(self, method: str, metric: object) -> FloatArray:
        """The drawn sample's tree: the upper tree from all rows' statistics,
        the exact trees of each micro-cluster's sampled rows under it."""
        from .._support.progress import resolve_progress
        from .linkage import (
            _agglomerate,
            _assemble,
            _dissimilarities_from_stats,
            _leaf_trees,
            linkage,
            members_of,
        )

        if method not in _ROW_METHODS:
            raise ValueError(
                f"cluster(method={method!r}) is not available for the rows of a "
                f"dask array (two-stage clustering); use one of {_ROW_METHODS}"
            )
        if metric not in _ROW_METRICS or (method == "ward" and metric != "euclidean"):
            raise ValueError(
                f"cluster(metric={metric!r}) is not available for the rows of a dask "
                f"array (its micro-clusters are euclidean); use one of {_ROW_METRICS} "
                f"(ward: euclidean); for correlation, standardise each row of the "
                f"array first and use 'sqeuclidean' (= 2 m (1 - r))"
            )
        mstr = str(metric)
        Xs = self.frame.to_numpy()
        lab = self.sample.micro_cluster
        k = self._n.size
        if k < 2:
            return linkage(Xs, method, mstr)
        members = members_of(lab, k)
        D0 = _dissimilarities_from_stats(
            self._mu, self._msq, self._rad, self._n, method, mstr
        )
        Zu = _agglomerate(D0, self._n.copy(), method)
        # the upper tree's counts: drawn rows (its Lance-Williams weights above
        # used the sizes of all rows)
        cnt = np.concatenate([[m.size for m in members], np.zeros(k - 1)])
        for r in range(k - 1):
            cnt[k + r] = cnt[int(Zu[r, 0])] + cnt[int(Zu[r, 1])]
        Zu[:, 3] = cnt[k:]
        with resolve_progress(False).stage("leaf trees", total=k) as stage:
            subtrees = _leaf_trees(
                Xs, members, method, mstr, 2000, self.seed, 25, stage
            )
        return _assemble(Xs.shape[0], members, subtrees, Zu)

    def col_linkage(self, method: str, metric: object) -> FloatArray | bool:
        """The columns' exact tree over all rows, from the Gram matrix."""
        from .linkage import _import_fastcluster, condensed_tree

        m = self.n_cols
        if m < 2:
            return True  # one column: the grid keeps it as it is
        if metric not in _COL_METRICS:
            raise ValueError(
                f"cluster(metric={metric!r}) is not available for the columns of a "
                f"dask array (their distances come from its Gram matrix); use one "
                f"of {_COL_METRICS}"
            )
        if str(method) in ("centroid", "median", "ward") and metric != "euclidean":
            raise ValueError(
                f"cluster(method={method!r}) requires metric='euclidean', got "
                f"{metric!r}"
            )
        G, s, c, n = self._gram, self._colsum, self._shift, float(self.n_rows)
        d = np.diag(G)
        if metric in ("euclidean", "sqeuclidean"):
            dc = c[:, None] - c[None, :]
            ds = s[:, None] - s[None, :]
            D = d[:, None] + d[None, :] - 2.0 * G + 2.0 * dc * ds + n * dc * dc
            np.maximum(D, 0.0, out=D)
            if metric == "euclidean":
                np.sqrt(D, out=D)
        else:
            if metric == "correlation":
                P = G - np.outer(s, s) / n  # centred cross-products
            else:
                P = G + np.outer(c, s) + np.outer(s, c) + n * np.outer(c, c)
            nrm = np.sqrt(np.maximum(np.diag(P), 0.0))
            nrm[nrm == 0] = 1.0
            D = 1.0 - P / np.outer(nrm, nrm)
            np.clip(D, 0.0, 2.0, out=D)
        iu = np.triu_indices(m, 1)
        y = np.ascontiguousarray(D[iu])
        return condensed_tree(y, m, str(method), _import_fastcluster(), preserve=False)


class _MergeStats:
    """A picklable reducer keeping ``s`` sample candidates per micro-cluster."""

    def __init__(self, s: int) -> None:
        self.s = s

    def __call__(self, a: _Stats, b: _Stats) -> _Stats:
        return _merge_stats(a, b, self.s)
