"""``cluster()`` and ``order()``: their arguments checked and normalised to what
the builder holds per axis (a :class:`~clustergrid._order.cluster.ClusterSpec`,
a precomputed linkage, an explicit order, reorder weights)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._input.matrix import Matrix, check_permutation
from .._order.axis_order import AxisRequest
from .._order.cluster import ClusterSpec, check_cluster_options, validate_linkage
from .._order.reorder import resolve_weights

if TYPE_CHECKING:  # pragma: no cover
    from .._order.dask import DaskRows

__all__ = ["check_cluster", "check_order", "check_reorder"]

_CODE_METRICS = ("hamming",)  # compares codes for equality only: right for categories


def check_reorder(reorder: object) -> dict[str, object]:
    """``cluster(reorder=...)`` per axis: None (off), True (means) or weights."""
    if reorder is None or reorder is False:
        return {"row": None, "col": None}
    if reorder is True:
        return {"row": True, "col": True}
    if isinstance(reorder, dict):
        bad = set(reorder) - {"rows", "cols"}
        if bad:
            raise ValueError(
                f"reorder= dict keys must be 'rows' and/or 'cols', got "
                f"{sorted(map(str, bad))}"
            )
        out: dict[str, object] = {}
        for key, axis in (("rows", "row"), ("cols", "col")):
            v = reorder.get(key)
            out[axis] = None if v is None or v is False else v
        return out
    raise TypeError(
        f"reorder= takes True/False or a dict {{'rows': w, 'cols': w}} (w: True "
        f"for the means, or weights by label); got {type(reorder).__name__}"
    )


def check_cluster(
    rows: Any,
    cols: Any,
    *,
    method: str,
    metric: str | Callable[..., float],
    optimal_ordering: bool,
    two_stage: bool | None,
    missing: str | None,
    reorder: object,
    progress: bool | None,
    requests: dict[str, AxisRequest],
    data: Matrix,
    universe: tuple[pd.Index, pd.Index],
    categorical: bool,
    dask: DaskRows | None,
) -> dict[str, AxisRequest]:
    """``cluster(...)`` checked and applied to the per-axis ``requests``
    ("row", "col"): each axis's spec, precomputed linkage or None (not
    clustered; an explicit order is kept), and its reorder weights."""
    check_cluster_options(method, metric, missing, two_stage)
    if (
        categorical
        and (rows is True or cols is True)
        and not (callable(metric) or metric in _CODE_METRICS)
    ):
        raise ValueError(
            f"cluster(metric={metric!r}) would treat the category codes of this "
            f"categorical matrix as numbers; use a metric for categories, "
            f"metric='hamming' (the share of differing cells), or pass a "
            f"precomputed linkage"
        )
    if two_stage not in (None, True, False):
        raise ValueError(f"two_stage must be None, True or False, got {two_stage!r}")
    if progress is not None and not isinstance(progress, (bool, np.bool_)):
        raise TypeError(
            f"progress must be None (a bar when stderr is a terminal), True or "
            f"False, got {progress!r}"
        )
    if dask is not None:  # a dask array: trees from its statistics
        rows, cols = dask.linkages(
            rows,
            cols,
            labels=(data.rows, data.cols),
            method=method,
            metric=metric,
            optimal_ordering=bool(optimal_ordering),
            two_stage=two_stage,
            missing=missing,
        )
    spec = ClusterSpec(
        method,
        metric,
        bool(optimal_ordering),
        two_stage,
        missing,
        None if progress is None else bool(progress),
    )
    weights = check_reorder(reorder)
    for axis, w in weights.items():
        if (
            w is not None and w is not True
        ):  # weights line up with the labels: check now
            labels = data.rows if axis == "row" else data.cols
            resolve_weights(
                w,
                np.empty((len(labels), 0)),
                labels,
                "row" if axis == "row" else "column",
                universe[0 if axis == "row" else 1],
            )
    out = dict(requests)
    for axis, arg in (("row", rows), ("col", cols)):
        c: ClusterSpec | np.ndarray | None
        if isinstance(arg, (bool, np.bool_)):
            c = spec if arg else None
        elif arg is None:
            c = None
        else:
            c = validate_linkage(arg, data.shape[0 if axis == "row" else 1], axis)
        explicit = requests[axis].explicit if c is None else None
        out[axis] = replace(
            requests[axis], cluster=c, explicit=explicit, reorder=weights[axis]
        )
    return out


def check_order(
    rows: Sequence[Hashable] | None,
    cols: Sequence[Hashable] | None,
    requests: dict[str, AxisRequest],
    data: Matrix,
) -> dict[str, AxisRequest]:
    """``order(...)`` checked and applied to the per-axis ``requests``: each
    axis given is drawn in that order (input positions), not clustered."""
    out = dict(requests)
    for axis, arg, labels in (("row", rows, data.rows), ("col", cols, data.cols)):
        if arg is not None:
            e = check_permutation(arg, labels, axis if axis == "row" else "column")
            out[axis] = replace(requests[axis], explicit=e, cluster=None)
    return out
