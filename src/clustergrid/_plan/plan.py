"""The plan stage: what a grid's spec resolves to before anything is laid out.

A :class:`Plan` is one grid, ready to draw: the :class:`OrderedMatrix` matrix (its
orders, slices and colours, decided by the order stage), the panels placed on
sides and corners (:class:`Slot`), and how the figure is sized.  The builder
(:class:`~clustergrid.ClusterGrid`) makes plans; the render stage
(``_render/``) turns a list of plans into one drawn
:class:`~clustergrid.result.Result`.  Plans hold no drawing state, so drawing twice, or drawing
one panel object in two grids, cannot corrupt anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd

from .._order.split import Slices
from ..sizes import Size, _AutoType

if TYPE_CHECKING:  # pragma: no cover
    from .._body.cells import CellStyle
    from .._body.layers import Layer
    from ..panels.base import Panel

__all__ = ["OrderedMatrix", "Slot", "Plan"]


@dataclass(frozen=True)
class OrderedMatrix:
    """Everything decided before layout: orders, the drawn matrix, colours."""

    matrix: pd.DataFrame
    row_index: np.ndarray
    col_index: np.ndarray
    row_linkage: np.ndarray | None
    col_linkage: np.ndarray | None
    norm: mcolors.Normalize
    cmap: mcolors.Colormap
    row_slices: Slices | None = None
    col_slices: Slices | None = None
    cells: CellStyle | None = None
    """Mask, cell text and borders (per-cell tables held by label)."""
    row_universe: pd.Index | None = None
    col_universe: pd.Index | None = None
    """The labels as given, before filter()/subset() narrowed them."""
    layers: tuple[Layer, ...] = ()
    """The heatmap body's layers after the colour mesh (``_layers.py``)."""

    @property
    def row_order(self) -> pd.Index:
        return self.matrix.index

    @property
    def col_order(self) -> pd.Index:
        return self.matrix.columns


@dataclass(frozen=True)
class Slot:
    """A panel placed on a side or in a corner, with its size and pad."""

    panel: Panel
    side: str
    size: Size | _AutoType
    pad: float
    auto: bool = False
    """Added by the grid itself (slice titles, automatic legends)."""


@dataclass(frozen=True)
class Plan:
    """One grid, ready for the render stage.

    ``figsize``/``cell`` follow :class:`~clustergrid.ClusterGrid`: with a
    figsize the heatmap takes what the panels leave; otherwise the cells
    have the size ``cell`` and the figure grows to fit.  ``gap`` is the
    space between slices per axis (x: between column slices, y: between
    row slices), one length or one per boundary."""

    ordered: OrderedMatrix
    slots: tuple[Slot, ...]
    figsize: tuple[float, float] | None
    cell: tuple[float, float]
    square: bool
    dpi: float
    gap: tuple[float | Sequence[float], float | Sequence[float]] = (0.0, 0.0)
    name: str = ""
    """How errors name this grid ("" for a single grid, "grid 2 of concat()")."""
