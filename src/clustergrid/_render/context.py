"""The :class:`~clustergrid.panels.base.Context` each panel gets: drawn once
across a whole side (or in a corner), or once per slice of a split axis."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:  # pragma: no cover
    from .._order.split import Slices
    from .._plan.plan import OrderedMatrix
    from ..panels.base import Context

__all__ = ["PanelContexts"]


class PanelContexts:
    """Makes the contexts of one grid's panels during one render.

    It holds the grid's labels in drawn and in input order, computed once
    per axis rather than once per context (a million labels take ~0.1 s
    each time), and dropped with the render."""

    def __init__(self, compiled: OrderedMatrix) -> None:
        self.compiled = compiled
        self._labels: dict[str, dict[str, Any]] = {}  # "row"/"col" -> labels

    def whole(self, base: Context, side: str, length: float) -> Context:
        """The context of a panel drawn once across a whole side (or a corner)."""
        return dataclasses.replace(base, side=side, length=length)._with_engine(
            **self._axis_labels(side)
        )

    def of_slice(
        self,
        base: Context,
        side: str,
        slices: Slices,
        k: int,
        length: float,
        ax_h: Any = None,
    ) -> Context:
        """The context of slice ``k`` of a split axis: the matrix, orders and
        tree restricted to the slice, in local coordinates (its cell ``i`` is
        centred at ``i + 0.5``)."""
        a, b = slices.bounds[k]
        common: dict[str, Any] = dict(
            side=side,
            length=length,
            slice_index=k,
            n_slices=len(slices),
            slice_start=a,
            slice_title=slices.titles[k],
        )
        if ax_h is not None:
            common["ax_heatmap"] = ax_h
        base = base._with_engine(
            tree_height=slices.max_height,
            axis_slices=slices,
            **self._axis_labels(side),
        )
        if side in ("left", "right"):
            m = self.compiled.matrix.iloc[a:b]
            return dataclasses.replace(
                base,
                matrix=m,
                row_order=m.index,
                row_linkage=slices.linkages[k],
                row_index=slices.local_index[k],
                **common,
            )
        m = self.compiled.matrix.iloc[:, a:b]
        return dataclasses.replace(
            base,
            matrix=m,
            col_order=m.columns,
            col_linkage=slices.linkages[k],
            col_index=slices.local_index[k],
            **common,
        )

    def _axis_labels(self, side: str) -> dict[str, Any]:
        """The labels of ``side``'s axis in drawn order and in input order."""
        if side in ("left", "right"):
            axis = "row"
        elif side in ("top", "bottom"):
            axis = "col"
        else:
            return {}
        hit = self._labels.get(axis)
        if hit is not None:
            return hit
        c = self.compiled
        order, index = (
            (c.row_order, c.row_index) if axis == "row" else (c.col_order, c.col_index)
        )
        out = dict(whole_labels=order, input_labels=order[_inverse(np.asarray(index))])
        self._labels[axis] = out
        return out


def _inverse(index: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """``np.argsort(index)`` in O(n) when ``index`` is a permutation of
    ``range(len(index))`` (a drawn order always is)."""
    n = len(index)
    if n and index.min() == 0 and index.max() == n - 1:
        inverse = np.empty(n, dtype=np.intp)
        inverse[index] = np.arange(n)
        if np.array_equal(index[inverse], np.arange(n)):
            return inverse
    return np.argsort(index, kind="stable")
