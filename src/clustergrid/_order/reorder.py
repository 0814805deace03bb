"""Dendrogram reordering by weights (ComplexHeatmap's ``row_dend_reorder``).

A tree fixes which leaves merge and at what height, but not which child of
each merge is drawn first.  :func:`reorder_linkage` swaps the two children
of every merge so that the child with the larger mean weight comes first
(left / top).  Only the order changes: every merge keeps its height and its
members, so the cophenetic distances are exactly those of the input tree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["reorder_linkage", "resolve_weights"]


def reorder_linkage(Z: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The tree ``Z`` with each merge's heavier child (by mean weight) first.

    Parameters
    ----------
    Z : ndarray, shape (n - 1, 4)
        A scipy linkage matrix.
    weights : ndarray, shape (n,)
        One finite number per leaf (input position).

    Returns
    -------
    ndarray
        A copy of ``Z`` whose columns 0 and 1 are swapped where the right
        child's mean weight is larger.  Ties keep scipy's order.
    """
    Z = np.array(Z, dtype=np.float64, copy=True)
    n = Z.shape[0] + 1
    w = np.asarray(weights, dtype=np.float64)
    if w.shape != (n,):
        raise ValueError(
            f"reorder needs one weight per leaf ({n}), got shape {w.shape}"
        )
    total = np.zeros(2 * n - 1)
    count = np.zeros(2 * n - 1)
    total[:n], count[:n] = w, 1.0
    for k in range(n - 1):
        a, b = int(Z[k, 0]), int(Z[k, 1])
        total[n + k] = total[a] + total[b]
        count[n + k] = count[a] + count[b]
        if total[b] / count[b] > total[a] / count[a]:
            Z[k, 0], Z[k, 1] = b, a
    return Z


def resolve_weights(
    arg: object,
    values: np.ndarray,
    labels: pd.Index,
    what: str,
    universe: pd.Index | None = None,
) -> np.ndarray:
    """The weights for one axis: ``True`` means each row's (column's) mean of
    ``values`` (observations along the axis, NaN skipped); otherwise values
    aligned by label (Series/dict) or by position (list/array); weights for
    labels of ``universe`` that filter()/subset() dropped are ignored."""
    from .._input.matrix import align_to_labels

    if arg is True:
        with np.errstate(all="ignore"):
            w = np.nanmean(values, axis=1) if values.shape[1] else np.zeros(len(values))
        return np.where(np.isfinite(w), w, -np.inf)  # an all-missing row is lightest
    s = align_to_labels(arg, labels, what, f"reorder weights for the {what}s", universe)
    if not (pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)):
        raise TypeError(
            f"reorder weights for the {what}s must be numbers, got dtype {s.dtype}"
        )
    w = s.to_numpy(dtype=float)
    if not np.isfinite(w).all():
        bad = list(labels[~np.isfinite(w)][:5])
        raise ValueError(
            f"reorder weights for the {what}s must be finite; {what}(s) {bad} have "
            "none (fill them, e.g. .fillna(0))"
        )
    return w
