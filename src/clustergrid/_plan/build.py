"""The :class:`~clustergrid._plan.plan.Plan` of one grid: its compiled matrix,
its panels and its sizes, with the default cell size when none was given."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .plan import OrderedMatrix, Plan, Slot

__all__ = ["DEFAULT_CELL", "DEFAULT_EXTENT", "build_plan", "default_cell"]

DEFAULT_CELL = 0.2  # inches, when the matrix is small
DEFAULT_EXTENT = (2.0, 7.0)  # the heatmap's default extent is kept within these inches


def default_cell(shape: tuple[int, int], square: bool) -> tuple[float, float]:
    """The cell size (w, h) in inches when neither figsize nor cell_size is
    given: 0.2 in, or what keeps the heatmap within 2 to 7 inches a side."""
    nrows, ncols = shape
    lo, hi = DEFAULT_EXTENT

    def fit(n: int) -> float:
        return float(np.clip(n * DEFAULT_CELL, lo, hi)) / n

    cw, ch = fit(ncols), fit(nrows)
    if square:
        cw = ch = min(cw, ch)
    return cw, ch


def build_plan(
    comp: OrderedMatrix,
    slots: Sequence[Slot],
    *,
    figsize: tuple[float, float] | None,
    cell: tuple[float, float] | None,
    square: bool,
    dpi: float,
    gap: float,
    name: str = "",
) -> Plan:
    """One grid's plan; ``cell`` None takes :func:`default_cell`, ``gap`` is
    the uniform gap between slices on both axes."""
    shape = comp.matrix.shape
    return Plan(
        comp,
        tuple(slots),
        figsize,
        cell or default_cell((int(shape[0]), int(shape[1])), square),
        square,
        dpi,
        gap=(gap, gap),
        name=name,
    )
