"""What the grid exposes of its compiled plan: the drawn order, trees and
slices of each axis, the matrix as drawn and the one colour scale."""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd

from .._order.split import Slices, whole_axis

if TYPE_CHECKING:  # pragma: no cover
    from .plan import OrderedMatrix

__all__ = ["CompiledViews"]


class CompiledViews:
    """Adds the read-only views of the compiled plan to a class with
    ``_compile() -> OrderedMatrix`` and a colormap ``_cmap`` (the grid)."""

    if TYPE_CHECKING:
        _cmap: mcolors.Colormap

        def _compile(self) -> OrderedMatrix: ...

    @property
    def row_order(self) -> pd.Index:
        """Row labels in drawn order, top to bottom."""
        return self._compile().row_order

    @property
    def col_order(self) -> pd.Index:
        """Column labels in drawn order, left to right."""
        return self._compile().col_order

    @property
    def row_linkage(self) -> np.ndarray | None:
        """The row linkage matrix (scipy format), or None."""
        return self._compile().row_linkage

    @property
    def col_linkage(self) -> np.ndarray | None:
        """The column linkage matrix (scipy format), or None."""
        return self._compile().col_linkage

    @property
    def matrix(self) -> pd.DataFrame:
        """The matrix as drawn: index ``row_order``, columns ``col_order``."""
        return self._compile().matrix.copy()

    @property
    def norm(self) -> mcolors.Normalize:
        """The one Normalize shared by the heatmap and every panel."""
        return self._compile().norm

    @property
    def cmap(self) -> mcolors.Colormap:
        """The one colormap shared by the heatmap and every panel."""
        return self._cmap

    @property
    def row_slices(self) -> Slices:
        """The row slices: bounds in drawn order, titles and per-slice trees."""
        c = self._compile()
        return c.row_slices or whole_axis(c.row_index, c.row_linkage)

    @property
    def col_slices(self) -> Slices:
        """The column slices: bounds in drawn order, titles and per-slice trees."""
        c = self._compile()
        return c.col_slices or whole_axis(c.col_index, c.col_linkage)
