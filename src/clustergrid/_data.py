"""Input coercion and validation: whatever the user passes becomes one
read-only float matrix with unique row and column labels.

The user's object is never modified: we copy (once) into a float64 array and
mark it read-only so no later step can write into it by accident.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pandas as pd

__all__ = ["Matrix", "coerce_matrix", "align_to_labels", "check_permutation"]


class Matrix:
    """A validated matrix: values (read-only float64) plus row/column labels."""

    __slots__ = ("values", "rows", "cols")

    def __init__(self, values: np.ndarray, rows: pd.Index, cols: pd.Index):
        self.values = values
        self.rows = rows
        self.cols = cols

    @property
    def shape(self) -> tuple[int, int]:
        return self.values.shape  # type: ignore[return-value]

    def frame(self, row_idx: np.ndarray | None = None, col_idx: np.ndarray | None = None) -> pd.DataFrame:
        """A DataFrame view in the given positional order."""
        v = self.values
        rows, cols = self.rows, self.cols
        if row_idx is not None:
            v = v[row_idx]
            rows = rows[row_idx]
        if col_idx is not None:
            v = v[:, col_idx]
            cols = cols[col_idx]
        return pd.DataFrame(v, index=rows, columns=cols, copy=False)


def _fmt_labels(labels: Sequence[Any], limit: int = 5) -> str:
    labels = list(labels)
    shown = ", ".join(repr(x) for x in labels[:limit])
    if len(labels) > limit:
        shown += f", ... ({len(labels)} in all)"
    return shown


def _check_unique(index: pd.Index, what: str) -> None:
    if not index.is_unique:
        dups = index[index.duplicated()].unique()
        raise ValueError(
            f"duplicate {what} labels: {_fmt_labels(dups)}. Labels must be unique so that "
            f"annotations, orders and labels line up with the right {what}; make them unique "
            f"(for example add a suffix to df.{'index' if what == 'row' else 'columns'}) or "
            f"aggregate the duplicates first (df.groupby(level=0).mean()).")


def coerce_matrix(data: Any) -> Matrix:
    """Validate ``data`` and return a :class:`Matrix`.

    Raises
    ------
    TypeError
        For non-numeric columns (named) or unsupported input types.
    ValueError
        For empty, non-2-D input, infinite values or duplicate labels.
    """
    if isinstance(data, pd.DataFrame):
        bad = [c for c in data.columns
               if not (pd.api.types.is_numeric_dtype(data[c]) and not pd.api.types.is_bool_dtype(data[c]))
               ] if data.shape[1] else []
        if bad:
            raise TypeError(
                f"column(s) {_fmt_labels(bad)} are not numeric "
                f"(dtype {data[bad[0]].dtype}). A heatmap needs numbers: drop them "
                f"(df.drop(columns=[...])), move labels into the index (df.set_index(...)), "
                f"or use them as an AnnotationBar.")
        rows, cols = data.index, data.columns
        values = data.to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
    elif isinstance(data, pd.Series):
        raise ValueError("a heatmap needs a 2-D table, got a Series: use series.to_frame() "
                         "or series.unstack()")
    else:
        try:
            arr = np.asarray(data)
        except Exception as exc:  # pragma: no cover - exotic inputs
            raise TypeError(f"cannot read {type(data).__name__} as a 2-D matrix: {exc}") from None
        if arr.dtype == object or arr.dtype.kind in "USb":
            raise TypeError(
                f"the matrix has non-numeric values (dtype {arr.dtype}); pass numbers, "
                "or a DataFrame whose label column is set as the index")
        if arr.dtype.kind == "c":
            raise TypeError("complex values cannot be drawn; pass np.abs(x) or x.real")
        if arr.ndim != 2:
            raise ValueError(f"the matrix must be 2-D, got an array of shape {arr.shape}; "
                             "reshape it (for one row: x.reshape(1, -1))")
        values = np.array(arr, dtype=np.float64, copy=True)
        rows = pd.RangeIndex(values.shape[0])
        cols = pd.RangeIndex(values.shape[1])
    if values.ndim != 2 or values.shape[0] == 0 or values.shape[1] == 0:
        raise ValueError(f"the matrix is empty (shape {values.shape}); there is nothing to draw")
    if np.isinf(values).any():
        r, c = np.argwhere(np.isinf(values))[0]
        raise ValueError(
            f"the matrix holds infinite values (first at row {rows[r]!r}, column {cols[c]!r}). "
            "Replace them first, e.g. df.replace([np.inf, -np.inf], np.nan) to draw them as "
            "missing, or clip them to a finite range.")
    _check_unique(pd.Index(rows), "row")
    _check_unique(pd.Index(cols), "column")
    values.flags.writeable = False
    return Matrix(values, pd.Index(rows), pd.Index(cols))


def check_permutation(order: Sequence[Any], labels: pd.Index, what: str) -> np.ndarray:
    """Positions of ``order`` in ``labels``; ``order`` must name every label once."""
    order = pd.Index(list(order))
    if not order.is_unique:
        raise ValueError(f"the {what} order names some labels twice: "
                         f"{_fmt_labels(order[order.duplicated()].unique())}")
    missing = labels.difference(order, sort=False)
    extra = order.difference(labels, sort=False)
    if len(extra):
        raise ValueError(f"the {what} order names labels that are not in the matrix: {_fmt_labels(extra)}")
    if len(missing):
        raise ValueError(f"the {what} order leaves out {what} labels: {_fmt_labels(missing)}; "
                         f"list every {what} once")
    return labels.get_indexer(order)


def align_to_labels(values: Any, labels: pd.Index, what: str, name: str) -> pd.Series:
    """Align per-row or per-column values to ``labels``.

    A Series or dict is aligned by label (missing or extra labels raise); a
    list or array is taken by position and must have the right length.
    """
    if isinstance(values, dict):
        values = pd.Series(values)
    if isinstance(values, pd.DataFrame):
        if values.shape[1] != 1:
            raise ValueError(f"{name}: pass one column (a Series), got a DataFrame with "
                             f"{values.shape[1]} columns; add one bar per column")
        values = values.iloc[:, 0]
    if isinstance(values, pd.Series):
        if not values.index.is_unique:
            raise ValueError(f"{name}: its index has duplicate labels "
                             f"{_fmt_labels(values.index[values.index.duplicated()].unique())}")
        missing = labels.difference(values.index, sort=False)
        extra = values.index.difference(labels, sort=False)
        if len(missing) or len(extra):
            parts = []
            if len(missing):
                parts.append(f"no value for {what} label(s) {_fmt_labels(missing)}")
            if len(extra):
                parts.append(f"label(s) {_fmt_labels(extra)} are not {what}s of the matrix")
            raise ValueError(f"{name} does not line up with the {what}s: " + "; ".join(parts)
                             + f". Pass a Series indexed by exactly the matrix's {what} labels "
                             f"(e.g. values.reindex(...)), or a list in the matrix's {what} order.")
        return values.reindex(labels)
    arr = np.asarray(values)
    if arr.ndim != 1:
        raise ValueError(f"{name}: expected one value per {what}, got shape {arr.shape}")
    if len(arr) != len(labels):
        raise ValueError(f"{name} has {len(arr)} values but the matrix has {len(labels)} {what}s")
    return pd.Series(arr, index=labels)
