"""``filter()`` and ``subset()``: the rows and columns they keep, and the
builder's per-axis spec narrowed to them (a precomputed linkage refused, an
explicit order kept for the kept labels).  :class:`Selection` adds the two
methods to the grid."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from .._input.filter import evaluate_filter, parse_filter
from .._input.matrix import Matrix, select_labels
from .._order.axis_order import AxisRequest
from .state import GridState

if TYPE_CHECKING:  # pragma: no cover
    from typing_extensions import Self  # typing.Self from Python 3.11

__all__ = ["Selection", "check_filter", "check_subset", "narrow_requests"]

Positions = tuple[np.ndarray | None, np.ndarray | None]


def check_filter(expr: str, data: Matrix) -> Positions:
    """The row and column positions ``filter(expr)`` keeps (None: all)."""
    f = parse_filter(expr)
    rows, cols = evaluate_filter(f, data.values)
    for keep, what in ((rows, "rows"), (cols, "columns")):
        if keep is not None and not keep.any():
            v = data.values
            lo, hi = (
                (np.nanmin(v), np.nanmax(v))
                if not np.isnan(v).all()
                else (np.nan, np.nan)
            )
            raise ValueError(
                f"filter {expr!r} keeps no {what} (the values range from "
                f"{lo:g} to {hi:g}); loosen the threshold"
            )
    # an axis kept whole is not copied
    return (
        None if rows is None or rows.all() else np.flatnonzero(rows),
        None if cols is None or cols.all() else np.flatnonzero(cols),
    )


def check_subset(
    rows: Sequence[Hashable] | None, cols: Sequence[Hashable] | None, data: Matrix
) -> Positions:
    """The row and column positions ``subset(rows, cols)`` keeps (None: all)."""
    r = None if rows is None else select_labels(rows, data.rows, "row")
    c = None if cols is None else select_labels(cols, data.cols, "column")
    return r, c


def narrow_requests(
    requests: dict[str, AxisRequest], keep: Positions, shape: tuple[int, int]
) -> dict[str, AxisRequest]:
    """The per-axis spec after keeping ``keep`` of a matrix of ``shape``: a
    precomputed linkage for an axis that changes is refused, an explicit
    order keeps the kept labels in their order."""
    for axis, pos in zip(("row", "col"), keep, strict=True):
        if pos is None:
            continue
        n_old = shape[0 if axis == "row" else 1]
        if isinstance(requests[axis].cluster, np.ndarray) and not np.array_equal(
            pos, np.arange(n_old)
        ):
            raise ValueError(
                f"a precomputed {axis} linkage was given for {n_old} {axis}s, "
                f"but filter()/subset() changes them ({len(pos)} kept); filter "
                f"first and then "
                f"pass a linkage for the kept {axis}s, or use "
                f".cluster({axis}s=True)"
            )
    out = dict(requests)
    for axis, pos in zip(
        ("row", "col"), keep, strict=True
    ):  # checked above, now change the spec
        old = requests[axis].explicit
        if pos is not None and old is not None:
            # keep the explicit order of the kept labels
            n_old = shape[0 if axis == "row" else 1]
            new_pos = np.full(n_old, -1)
            new_pos[pos] = np.arange(len(pos))
            e = new_pos[old]
            out[axis] = replace(requests[axis], explicit=e[e >= 0])
    return out


class Selection(GridState):
    """Adds :meth:`filter` and :meth:`subset` to the grid."""

    def filter(self, expr: str) -> Self:
        """Keep the rows and columns that pass a criterion (the AMiGA
        heatmap filter language).

        Parameters
        ----------
        expr : str
            Criteria ``row|col any|all >|>=|<|<=|= NUMBER`` joined with OR
            and AND (AND binds tighter), e.g. ``"row any >= 1.2 OR col all
            < 0.5"``.  Row criteria select rows, column criteria select
            columns; an axis without criteria is kept whole.  Missing values
            are skipped.

        Notes
        -----
        The criteria test the input values (before ``z_score`` or
        ``standard_scale``, which then see only the kept rows and columns).
        Calls chain: each filter or subset works on what the previous one
        kept.  A malformed expression raises ValueError quoting the bad
        token; a filter that keeps nothing raises ValueError.
        """
        return self._select(*check_filter(expr, self._data))

    def subset(
        self,
        rows: Sequence[Hashable] | None = None,
        cols: Sequence[Hashable] | None = None,
    ) -> Self:
        """Keep only the given rows and/or columns, by label.

        The labels are kept in the order given (until clustering or
        ``order()`` reorders them); every label must exist.  None keeps an
        axis whole.  The data passed to the grid is not changed; values
        given by label to panels (annotations, tracks) may still cover the
        labels left out.

        Parameters
        ----------
        rows, cols : sequence of labels, optional
            The row (column) labels to keep, in the order to keep them.

        Returns
        -------
        ClusterGrid
            The grid, for chaining.

        Raises
        ------
        ValueError
            When a label does not exist or is given twice (the message names
            it).

        Examples
        --------
        >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
        >>> g = cg.ClusterGrid(X).subset(cols=["alcohol", "ash", "hue"])
        >>> g.matrix.shape
        (9, 3)
        >>> g.col_order.tolist()
        ['alcohol', 'ash', 'hue']
        """
        return self._select(*check_subset(rows, cols, self._data))

    def _select(self, rows: np.ndarray | None, cols: np.ndarray | None) -> Self:
        """Narrow the matrix to these positions; keep the spec consistent."""
        self._axes = narrow_requests(self._axes, (rows, cols), self._data.shape)
        self._data = self._data.take(rows, cols)
        self._transformed = None
        return self._changed()
