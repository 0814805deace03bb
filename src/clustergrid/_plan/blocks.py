"""Cutting a :class:`~clustergrid._plan.plan.OrderedMatrix` into blocks.

A block is a part of the drawn matrix: one heatmap block of a split grid
(rows and columns given as slices), or the whole matrix in another order
(a concatenated grid following the main grid's order: positions given as an
array).  Every field shaped like the matrix (values, masks, annotations)
is cut the same way, and the row and column indexes with it, so the code
that draws cells needs no knowledge of splits or of concat().
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from .plan import OrderedMatrix

__all__ = ["cut_block"]


def cut_block(
    compiled: OrderedMatrix, rows: slice | np.ndarray, cols: slice | np.ndarray
) -> OrderedMatrix:
    """``compiled`` restricted to (or reordered by) the drawn positions
    ``rows`` and ``cols``.

    Every field shaped like the matrix is cut, and ``row_index`` and
    ``col_index`` with it; an axis taken whole by a slice keeps its index
    as it is, and the whole matrix taken by slices returns ``compiled``
    itself.  Trees, slices and colours are left to the caller."""
    shape = compiled.matrix.shape
    whole_rows, whole_cols = _whole(rows, shape[0]), _whole(cols, shape[1])
    if whole_rows and whole_cols:
        return compiled
    cells: Any = (rows, cols)  # numpy pairs two position arrays: take their product
    if not isinstance(rows, slice) and not isinstance(cols, slice):
        cells = np.ix_(rows, cols)
    changes: dict[str, Any] = {}  # keyword arguments of dataclasses.replace
    for f in dataclasses.fields(compiled):
        v = getattr(compiled, f.name)
        if isinstance(v, pd.DataFrame) and v.shape == shape:
            changes[f.name] = v.iloc[rows, cols]
        elif isinstance(v, np.ndarray) and v.ndim >= 2 and v.shape[:2] == shape:
            changes[f.name] = v[cells]
    if not whole_rows:
        changes["row_index"] = np.asarray(compiled.row_index)[rows]
    if not whole_cols:
        changes["col_index"] = np.asarray(compiled.col_index)[cols]
    return dataclasses.replace(compiled, **changes)


def _whole(positions: slice | np.ndarray, n: int) -> bool:
    """Do ``positions`` take all ``n`` places in order (a slice that does)?"""
    return isinstance(positions, slice) and range(n)[positions] == range(n)
