"""The ordering stage: the drawn order of each axis of the matrix.

For each axis, from what the builder asked for (:class:`AxisRequest`): its tree
(computed, precomputed or none), rotated by reorder weights, or an explicit
order, then cut into slices.  Returns, per axis, an :class:`OrderedAxis`: the
leaf index, the linkage and the :class:`~clustergrid._order.split.Slices`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._input.matrix import Matrix
from .cluster import ClusterSpec, compute_linkage
from .reorder import reorder_linkage, resolve_weights
from .split import Slices, SplitSpec, split_axis
from .tree import leaves_list

__all__ = ["AxisRequest", "OrderedAxis", "order_axes", "order_axis", "slice_gaps"]


@dataclass(frozen=True)
class AxisRequest:
    """What the builder holds for one axis."""

    cluster: ClusterSpec | np.ndarray | None = None
    """Cluster with this spec, use this precomputed linkage, or neither."""
    explicit: np.ndarray | None = None
    """An explicit drawn order (input positions), from ``order()``."""
    split: SplitSpec | None = None
    reorder: object = None
    """None (off), True (the means) or weights by label / position."""
    gaps: float | list[float] = 0.0
    """The gap between slices: one length, or one per boundary."""


@dataclass(frozen=True)
class OrderedAxis:
    """The drawn order of one axis."""

    index: np.ndarray
    """Input positions in drawn order."""
    linkage: np.ndarray | None
    """The axis's tree (scipy format), or None."""
    slices: Slices | None
    """The slices when the axis is split, else None."""


def slice_gaps(
    given: float | list[float], axis: str, n_slices: int
) -> tuple[float, ...]:
    """The gap after each slice but the last, in inches."""
    if not isinstance(given, list):
        return (float(given),) * (n_slices - 1)
    if len(given) != n_slices - 1:
        key = "rows" if axis == "row" else "cols"
        raise ValueError(
            f"split gap= gives {len(given)} gaps for the {key}, but the {key} "
            f"are split into {n_slices} slices: give {n_slices - 1} (one per "
            "boundary), or one length for all"
        )
    return tuple(given)


def order_axis(
    values: np.ndarray,
    labels: pd.Index,
    request: AxisRequest,
    axis: str,
    universe: pd.Index | None,
) -> OrderedAxis:
    """Order one axis (``axis`` "row" or "col"); ``values`` holds its
    observations as rows (the matrix, or its transpose)."""
    what = "row" if axis == "row" else "column"
    n = len(labels)
    spec, sp = request.cluster, request.split
    tree_cut = isinstance(sp.by, (int, np.integer)) and not sp.kmeans if sp else False
    within = sp is not None and sp.cluster_within and not tree_cut
    Z: np.ndarray | None
    if isinstance(spec, ClusterSpec) and n == 1:
        Z = None  # an axis of one is ordered as it is (as ComplexHeatmap does)
    elif isinstance(spec, ClusterSpec) and within:
        Z = None  # each slice is clustered on its own by split_axis
    elif isinstance(spec, ClusterSpec):
        Z = compute_linkage(np.ascontiguousarray(values), spec, labels, axis)
    else:
        Z = spec
    weights = None
    if request.reorder is not None and spec is not None:
        weights = resolve_weights(request.reorder, values, labels, what, universe)
        Z = None if Z is None else reorder_linkage(Z, weights)
    if Z is not None:
        index = leaves_list(Z)
    elif request.explicit is not None:
        index = request.explicit
    else:
        index = np.arange(n)
    if sp is None:
        return OrderedAxis(index, Z, None)
    sl = split_axis(
        sp,
        labels=labels,
        values=values,
        index=index,
        linkage=Z,
        cluster=spec if isinstance(spec, ClusterSpec) else None,
        what=what,
        universe=universe,
        weights=weights,
    )
    sl = dataclasses.replace(sl, gaps=slice_gaps(request.gaps, axis, len(sl)))
    return OrderedAxis(sl.index, Z, sl)


def order_axes(
    d: Matrix,
    requests: dict[str, AxisRequest],
    universe: tuple[pd.Index, pd.Index],
    *,
    categorical: bool = False,
) -> dict[str, OrderedAxis]:
    """Order the rows, then the columns of ``d`` (keys "row" and "col").  A
    categorical matrix's missing calls cluster as one more category."""
    values = d.values
    if categorical and np.isnan(values).any():
        # a missing call is one more category for clustering: it differs from every call
        values = np.where(np.isnan(values), -1.0, values)
    return {
        "row": order_axis(values, d.rows, requests["row"], "row", universe[0]),
        "col": order_axis(values.T, d.cols, requests["col"], "col", universe[1]),
    }
