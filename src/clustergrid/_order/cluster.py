"""Hierarchical clustering, leaf orders and dendrogram geometry.

One place owns "which row is drawn where": :class:`AxisOrder` holds, for one
axis, either a linkage (clustered), an explicit permutation, or nothing
(input order).  Every panel asks it; nobody passes orders around ad hoc.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from .._input.matrix import _fmt_labels
from .._support.warn import warn as _warn

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

__all__ = [
    "METHODS",
    "ClusterSpec",
    "AxisOrder",
    "compute_linkage",
    "validate_linkage",
]

METHODS = ("single", "complete", "average", "weighted", "centroid", "median", "ward")
_EUCLIDEAN_ONLY = ("centroid", "median", "ward")
_METRICS_FALLBACK = (
    "braycurtis",
    "canberra",
    "chebyshev",
    "cityblock",
    "correlation",
    "cosine",
    "euclidean",
    "jensenshannon",
    "minkowski",
    "seuclidean",
    "sqeuclidean",
)


def _is_metric_name(metric: str) -> bool:
    """Whether pdist knows ``metric``; the common names without importing scipy."""
    return metric in _METRICS_FALLBACK or metric in _metric_names()


def _metric_names() -> tuple[str, ...]:
    """scipy's pdist metric names (scipy is imported on first use, not with clustergrid)."""
    from scipy.spatial import distance as ssd

    names = getattr(ssd, "_METRICS_NAMES", None)
    return tuple(sorted(names)) if names else _METRICS_FALLBACK


@dataclass(frozen=True)
class ClusterSpec:
    """How to cluster one axis."""

    method: str = "average"
    metric: str | Callable[..., float] = "euclidean"
    optimal_ordering: bool = False
    two_stage: bool | None = None
    """None: exact unless the distance matrix would not fit in memory."""
    missing: str | None = None
    """None: missing values are an error; "pairwise": distances over common coordinates."""
    progress: bool | None = None
    """Progress bar on stderr: None only when stderr is a terminal."""


MISSING = (None, "pairwise")


def check_cluster_options(
    method: str, metric: Any, missing: Any = None, two_stage: Any = None
) -> None:
    """Validate ``method``/``metric``/``missing`` early, at the user's ``.cluster()`` call."""
    if missing not in MISSING:
        raise ValueError(
            f"unknown missing={missing!r}; use missing=None (missing values are an "
            "error) or missing='pairwise' (each distance over the coordinates both "
            "have, as R's dist())"
        )
    if missing == "pairwise":
        from .pairwise import PAIRWISE_METRICS

        if callable(metric) or metric not in PAIRWISE_METRICS:
            raise ValueError(
                f"missing='pairwise' works with metric {', '.join(PAIRWISE_METRICS)}; "
                f"got metric={getattr(metric, '__name__', metric)!r}. Choose one of "
                "those, or fill the missing values first"
            )
        if two_stage is True:
            raise ValueError(
                "missing='pairwise' computes the exact tree; it cannot be combined "
                "with two_stage=True (pass two_stage=None or False)"
            )
    if method not in METHODS:
        raise ValueError(
            f"unknown linkage method {method!r}; choose one of {', '.join(METHODS)}"
        )
    if not callable(metric):
        if not isinstance(metric, str) or not _is_metric_name(metric):
            raise ValueError(
                f"unknown distance metric {metric!r}; choose one of "
                f"{', '.join(_metric_names())} or pass a callable"
            )
        if method in _EUCLIDEAN_ONLY and metric != "euclidean":
            raise ValueError(
                f"method {method!r} needs metric='euclidean' (got {metric!r}); "
                "use method='average' or 'complete' for other metrics"
            )


def validate_linkage(Z: Any, n: int, what: str) -> np.ndarray:
    """Check a user-supplied linkage matrix for ``n`` observations."""
    try:
        Z = np.asarray(Z, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            f"the {what} linkage must be a numeric (n-1, 4) array"
        ) from None
    if Z.shape != (n - 1, 4):
        raise ValueError(
            f"the {what} linkage has shape {Z.shape} but the matrix has {n} {what}s, "
            f"so it must have shape ({n - 1}, 4)"
        )
    # checked here, before scipy's C code sees the array (NaN ids crash it)
    opt = f"cluster({what}s=...)"
    if not np.isfinite(Z).all():
        r = int(np.argwhere(~np.isfinite(Z))[0][0])
        raise ValueError(
            f"{opt}: the {what} linkage holds NaN or infinite entries (first in "
            f"merge {r}: {Z[r].tolist()}); pass scipy.cluster.hierarchy.linkage(...) "
            "output"
        )
    ids = Z[:, :2]
    frac = ids != np.round(ids)
    if frac.any():
        r = int(np.argwhere(frac)[0][0])
        raise ValueError(
            f"{opt}: the {what} linkage's cluster ids (its first two columns) must be "
            f"whole numbers, but merge {r} joins {ids[r].tolist()}; pass "
            "scipy.cluster.hierarchy.linkage(...) output"
        )
    if (ids < 0).any() or (ids > 2 * n - 3).any():
        r = int(np.argwhere((ids < 0) | (ids > 2 * n - 3))[0][0])
        raise ValueError(
            f"{opt}: merge {r} of the {what} linkage joins cluster ids "
            f"{ids[r].tolist()}, outside 0..{2 * n - 3} for {n} {what}s; pass "
            "scipy.cluster.hierarchy.linkage(...) output"
        )
    if (Z[:, 2] < 0).any():
        r = int(np.argmax(Z[:, 2] < 0))
        raise ValueError(
            f"{opt}: the {what} linkage has a negative merge height ({Z[r, 2]:g} in "
            f"merge {r}); heights (the third column) are distances and must be "
            ">= 0"
        )
    counts = Z[:, 3]
    if (counts != np.round(counts)).any() or (counts < 2).any():
        r = int(np.argmax((counts != np.round(counts)) | (counts < 2)))
        raise ValueError(
            f"{opt}: merge {r} of the {what} linkage has a cluster size of "
            f"{counts[r]:g}; sizes (the fourth column) must be whole numbers >= 2"
        )
    from scipy.cluster import hierarchy as sch

    try:
        sch.is_valid_linkage(Z, throw=True)
    except (ValueError, TypeError) as exc:
        raise ValueError(
            f"the {what} linkage is not a valid scipy linkage matrix: {exc}"
        ) from None
    return Z


def _check_flat_rows(values: FloatArray, metric: Any, labels: Any, what: str) -> None:
    """Rows whose correlation / cosine distance is undefined: a ValueError naming them."""
    if metric not in ("correlation", "cosine"):
        return
    if metric == "correlation":
        flat = np.ptp(values, axis=1) == 0
        why = "are constant (zero variance), so their correlation is undefined"
    else:
        flat = ~np.any(values != 0, axis=1)
        why = "are all zeros, so their cosine distance is undefined"
    if flat.any():
        bad = [labels[i] for i in np.flatnonzero(flat)]
        raise ValueError(
            f"cannot cluster the {what}s with metric={metric!r}: {what}(s) {_fmt_labels(bad)} "
            f"{why}. Drop them, or use metric='euclidean'."
        )


#: How a metric's distances scale with the data: d(c X) = |c| ** k d(X).
_DEGREE = {
    "euclidean": 1,
    "cityblock": 1,
    "chebyshev": 1,
    "sqeuclidean": 2,
    "cosine": 0,
    "correlation": 0,
}

#: Data whose largest |value| lies beyond 2 ** +-_SAFE_EXPONENT are scaled
#: by a power of two first: their squares would overflow float64 or fall
#: below its smallest normal number.
_SAFE_EXPONENT = 400


def _power_of_two_scale(values: np.ndarray, metric: Any) -> int:
    """The exponent ``e`` such that clustering ``values * 2**-e`` keeps the
    distances within float64's range (0: no scaling is needed, or it would
    not be exact).  Multiplying by a power of two is exact, and the tree of
    a metric in ``_DEGREE`` does not change with it; only its heights
    scale, by ``2 ** (e * degree)``."""
    if not isinstance(metric, str) or metric not in _DEGREE:
        return 0
    if values.size == 0:
        return 0
    amax = max(float(values.max()), -float(values.min()))  # NaN if any is missing
    if np.isnan(amax):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # an all-missing matrix
            amax = max(float(np.nanmax(values)), -float(np.nanmin(values)))
    if amax == 0.0 or not np.isfinite(amax):
        return 0
    e = int(np.frexp(amax)[1])
    if abs(e) <= _SAFE_EXPONENT:
        return 0
    finite = values[np.isfinite(values)]
    nonzero = np.abs(finite[finite != 0])
    if np.ldexp(float(nonzero.min()), -e) < np.finfo(np.float64).tiny:
        return 0  # the smallest values would be lost: float64 cannot span the range
    return e


def compute_linkage(
    values: np.ndarray, spec: ClusterSpec, labels: Any, what: str
) -> np.ndarray:
    """Cluster the rows of ``values`` (observations) with ``spec``.

    Validates what scipy would otherwise reject with an obscure message.
    Values too large or too small for float64's squares are scaled by a
    power of two first (exactly) and the heights scaled back.
    """
    e = _power_of_two_scale(values, spec.metric)
    if e == 0:
        return _compute_linkage(values, spec, labels, what)
    Z = _compute_linkage(np.ldexp(values, -e), spec, labels, what).copy()
    with np.errstate(over="ignore"):
        Z[:, 2] = np.ldexp(Z[:, 2], e * _DEGREE[str(spec.metric)])
    if not np.isfinite(Z[:, 2]).all():
        raise _unrepresentable(
            what, spec.metric, values, "are larger than float64 can hold", "divide"
        )
    return Z


def _unrepresentable(
    what: str, metric: Any, values: np.ndarray, why: str, rescale: str
) -> ValueError:
    """The error for distances float64 cannot hold (``why``), and its fix."""
    big = float(np.nanmax(np.abs(values)))
    return ValueError(
        f"cannot cluster the {what}s: their {metric!r} distances {why} (the largest |value| "
        f"is {big:.3g}). Rescale the data first (e.g. z-score it, or {rescale} it by a power "
        f"of ten), or leave this axis unclustered (.cluster({what}s=False))."
    )


def _compute_linkage(
    values: np.ndarray, spec: ClusterSpec, labels: Any, what: str
) -> np.ndarray:
    n = values.shape[0]
    if n < 2:
        raise ValueError(
            f"cannot cluster the {what}s: the matrix has only {n} {what}; "
            f"use .cluster({what}s=False) for it"
        )
    nan_rows = np.isnan(values).any(axis=1)
    if nan_rows.any() and spec.missing == "pairwise":
        return _pairwise_linkage(values, spec, labels, what)
    if nan_rows.any():
        bad = [labels[i] for i in np.flatnonzero(nan_rows)]
        other = "columns" if what == "row" else "rows"
        raise ValueError(
            f"cannot cluster the {what}s: {len(bad)} {what}(s) hold missing values "
            f"({_fmt_labels(bad)}). Pass .cluster(..., missing='pairwise') to compute each "
            f"distance over the {other} both have (as R's dist()), fill them (df.fillna(...)), "
            f"drop them (df.dropna()), or leave this axis unclustered (.cluster({what}s=False))."
        )
    metric = spec.metric
    _check_flat_rows(values, metric, labels, what)
    if values.shape[1] == 0:  # pragma: no cover - coerce_matrix forbids it
        raise ValueError("cannot cluster an empty matrix")
    from .linkage import (
        _TWO_STAGE_METHODS,
        _TWO_STAGE_METRICS,
        linkage,
        linkage_large,
        needs_two_stage,
    )

    two_stage = spec.two_stage
    if two_stage is None:
        two_stage = needs_two_stage(n, values.shape[1])
        if two_stage:
            gib = n * (n - 1) / 2 * 8 / 2**30
            _warn(
                f"clustering {n} {what}s exactly needs a {gib:.0f} GiB distance matrix, more than "
                "a quarter of this machine's memory: using the approximate two-stage mode "
                "(k-means micro-clusters, an exact tree over them, exact trees within). "
                "Pass .cluster(two_stage=False) to force the exact tree."
            )
    if two_stage:
        if (
            spec.method not in _TWO_STAGE_METHODS
            or not isinstance(metric, str)
            or metric not in _TWO_STAGE_METRICS
        ):
            raise ValueError(
                f"the two-stage mode supports methods {', '.join(_TWO_STAGE_METHODS)} and metrics "
                f"{', '.join(_TWO_STAGE_METRICS)}; got method={spec.method!r}, metric={metric!r}. "
                "Choose one of those, or subsample the data."
            )
        if spec.optimal_ordering:
            raise ValueError(
                "optimal_ordering is not available in the two-stage mode; "
                "pass optimal_ordering=False or two_stage=False"
            )

        def build() -> np.ndarray:
            return linkage_large(
                values, method=spec.method, metric=metric, progress=spec.progress
            )
    else:

        def build() -> np.ndarray:
            return linkage(
                values,
                method=spec.method,
                metric=metric,
                optimal_ordering=spec.optimal_ordering,
                progress=spec.progress,
            )

    return _finite_tree(build, what, metric, values)


def _finite_tree(
    build: Callable[[], np.ndarray], what: str, metric: Any, values: np.ndarray
) -> np.ndarray:
    """``build()``'s tree, or the clear error when its distances overflowed
    float64 (scipy refuses them, fastcluster raises on NaN or accepts inf)."""
    try:
        with np.errstate(over="ignore", invalid="ignore"):  # refused below
            Z: np.ndarray | None = build()
    except ValueError as exc:  # scipy: "... must contain only finite values"
        if "finite" not in str(exc):
            raise
        Z = None
    except FloatingPointError:  # fastcluster: "NaN dissimilarity value" (inf - inf)
        Z = None
    if Z is None or not np.isfinite(Z[:, 2]).all():
        raise _unrepresentable(
            what,
            metric,
            values,
            "are not finite numbers in float64 arithmetic",
            "multiply",
        ) from None
    return Z


def _pairwise_linkage(
    values: np.ndarray, spec: ClusterSpec, labels: Any, what: str
) -> np.ndarray:
    """The exact tree of distances over common coordinates (scipy's linkage
    on :func:`~clustergrid._order.pairwise.pairwise_distances`)."""
    from scipy.cluster import hierarchy as sch

    from .linkage import needs_two_stage
    from .locality import locality_order, sorted_tree
    from .pairwise import pairwise_distances

    n, m = values.shape
    if needs_two_stage(n, m):
        gib = n * (n - 1) / 2 * 8 / 2**30
        raise ValueError(
            f"cannot cluster {n} {what}s with missing='pairwise': the exact distance matrix needs "
            f"{gib:.0f} GiB, more than a quarter of this machine's memory, and the two-stage mode "
            f"does not handle missing values. Subsample the {what}s, or fill the missing values."
        )
    metric = spec.metric
    assert isinstance(metric, str)  # check_cluster_options: a PAIRWISE_METRICS name

    def sorted_rows(order: np.ndarray) -> np.ndarray:
        try:
            ys = pairwise_distances(
                values[order], metric, [labels[i] for i in order], what
            )
        except ValueError:
            # name the first offending pair of the caller's order, as without sorting
            pairwise_distances(values, metric, labels, what)
            raise
        return sch.linkage(ys, cast(Any, spec.method))

    # the rows side by side by similarity (_locality), found on the data with
    # each missing value filled by its column's mean
    order = None
    if not spec.optimal_ordering:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # an all-missing column
            fill = np.nan_to_num(np.nanmean(values, axis=0))
        order = locality_order(np.where(np.isnan(values), fill, values), metric)
    Z = sorted_tree(order, sorted_rows)
    if Z is not None:
        return Z
    y = pairwise_distances(values, metric, labels, what)
    Z = sch.linkage(y, cast(Any, spec.method))  # a METHODS name, checked
    if spec.optimal_ordering:
        Z = sch.optimal_leaf_ordering(Z, y)
    return Z


class AxisOrder:
    """The drawn order of one axis and, when clustered, its linkage."""

    def __init__(self, index: np.ndarray, linkage: np.ndarray | None):
        self.index = index  # positions into the input labels, in drawn order
        self.linkage = linkage  # scipy linkage or None

    @property
    def clustered(self) -> bool:
        return self.linkage is not None
