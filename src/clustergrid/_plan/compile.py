"""From the builder's spec to a :class:`~clustergrid._plan.plan.OrderedMatrix`: the
orders of both axes (the ordering stage), the matrix in drawn order, the cell
options resolved against it, the one colour scale, and the heatmap body's
layers aligned to the matrix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import matplotlib.colors as mcolors
import pandas as pd

from .._input.matrix import Matrix
from .._order.axis_order import AxisRequest, order_axes
from .colors import resolve_norm
from .plan import OrderedMatrix

if TYPE_CHECKING:  # pragma: no cover
    from .._body.cells import CellStyle
    from .._body.layers import Layer

__all__ = ["compile_grid"]


def compile_grid(
    d: Matrix,
    requests: dict[str, AxisRequest],
    *,
    universe: tuple[pd.Index, pd.Index],
    categorical: bool,
    cells: CellStyle,
    norm_opts: dict[str, Any],
    cmap: mcolors.Colormap,
    layers: Sequence[Layer | None],
    border: Layer | None,
) -> OrderedMatrix:
    """Order ``d`` (the matrix to cluster and colour) and resolve what is drawn.

    ``norm_opts`` are the options of
    :func:`~clustergrid._plan.colors.resolve_norm` (for a categorical matrix
    its ``norm`` is used as it is); ``layers`` (None entries skipped) are
    aligned to ``d``'s labels, the ``border`` drawn last."""
    axes = order_axes(d, requests, universe, categorical=categorical)
    row, col = axes["row"], axes["col"]
    matrix = d.frame(row.index, col.index)
    style = None if cells.empty else cells.resolved(matrix)
    # colour limits from the cells that are shown (seaborn): masked cells are left out
    if not categorical:
        norm = resolve_norm(
            matrix.to_numpy(),
            **norm_opts,
            mask=None if style is None else style.hidden(matrix),
        )
    else:
        norm = norm_opts["norm"]
    bound = tuple(x.bind(d.rows, d.cols, universe) for x in layers if x is not None)
    if border is not None:
        bound += (border,)
    return OrderedMatrix(
        matrix,
        row.index,
        col.index,
        row.linkage,
        col.linkage,
        norm,
        cmap,
        row.slices,
        col.slices,
        cells=style,
        row_universe=universe[0],
        col_universe=universe[1],
        layers=bound,
    )
