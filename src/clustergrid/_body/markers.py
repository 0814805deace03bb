"""Markers: a symbol in the cells a table marks (significance stars, calls),
drawn as one collection per heatmap block."""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib.markers as mmarkers
import numpy as np
import pandas as pd
from matplotlib.collections import PathCollection

from .layers import (
    Cells,
    Layer,
    _align_table,
    _check_color,
    _check_positive,
    _numeric,
    cell_points,
    shallow_copy,
)

if TYPE_CHECKING:  # pragma: no cover
    import numpy.typing as npt
    from matplotlib.axes import Axes
    from matplotlib.typing import ColorType

    from .._plan.plan import OrderedMatrix

__all__ = ["Markers"]


class Markers(Layer):
    """A marker on chosen cells: stars on significant cells, dots, crosses.

    Parameters
    ----------
    where : bool DataFrame or array, or numeric DataFrame or array
        The cells to mark (True marks), aligned by label (a DataFrame) or by
        input position (an array).  Numeric values with ``threshold``: the
        cells below it are marked (p-values), or above it with
        ``below=False``.
    threshold : float, optional
        Needed with numeric ``where``.
    below : bool, default True
        Mark values ``< threshold`` (True) or ``> threshold`` (False).
    marker : str, default "*"
        Any matplotlib marker.
    color : colour, default "black"
    size : float, optional
        Marker size in points (as ``Line2D``'s markersize); default 60% of
        the shorter cell side.
    label : str, optional
        With a label, the marker gets an entry in the legend right of the
        heatmap.

    Examples
    --------
    >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
    >>> z = (X - X.mean()) / X.std()
    >>> g = cg.ClusterGrid(z, cmap="RdBu_r", center=0).layer(
    ...     cg.Markers(where=z.abs() > 1.5, marker="*", label="|z| > 1.5"))
    >>> fig = g.draw()
    """

    def __init__(
        self,
        where: pd.DataFrame | npt.ArrayLike,
        *,
        threshold: float | None = None,
        below: bool = True,
        marker: str = "*",
        color: ColorType = "black",
        size: float | None = None,
        label: str | None = None,
    ) -> None:
        if where is None or isinstance(where, (str, bytes, bool, int, float)):
            raise TypeError(
                f"Markers(where=...) takes a DataFrame or 2-D array (booleans, or "
                f"numbers with threshold=), got {where!r}"
            )
        self.where = where
        if threshold is not None:
            if (
                isinstance(threshold, bool)
                or not isinstance(threshold, (int, float, np.number))
                or not np.isfinite(threshold)
            ):
                raise ValueError(
                    f"Markers threshold must be a finite number, got {threshold!r}"
                )
            threshold = float(threshold)
        self.threshold = threshold
        self.below = bool(below)
        try:
            mmarkers.MarkerStyle(marker)
        except (ValueError, TypeError):
            raise ValueError(
                f"Markers marker={marker!r} is not a matplotlib marker; use e.g. "
                f"'*', 'o', 'x', '+', 's' or '$\\ast$'"
            ) from None
        self.marker = marker
        self.color = _check_color(color, "Markers color")
        self.size = _check_positive(size, "Markers size")
        if label is not None and not isinstance(label, str):
            raise TypeError(
                f"Markers label must be a string, got {type(label).__name__}"
            )
        self.label = label
        self.table: pd.DataFrame | None = None

    def bind(
        self,
        rows: pd.Index,
        cols: pd.Index,
        universe: tuple[pd.Index, pd.Index] | None,
    ) -> Markers:
        t = _align_table(self.where, rows, cols, "Markers(where=...)", universe)
        arr = t.to_numpy()
        if arr.dtype == bool:
            if self.threshold is not None:
                raise ValueError(
                    "Markers: threshold= applies to numeric where=, but where holds "
                    "booleans; drop threshold (True marks the cell)"
                )
            chosen = arr
        else:
            num = _numeric(t, "Markers(where=...)").to_numpy()
            if self.threshold is None:
                if (
                    not np.isin(num[np.isfinite(num)], (0.0, 1.0)).all()
                    or np.isnan(num).any()
                ):
                    raise ValueError(
                        "Markers(where=...) holds numbers: give threshold= (e.g. "
                        "threshold=0.05 marks p < 0.05), or pass booleans "
                        "(pvals < 0.05)"
                    )
                chosen = num.astype(bool)
            else:
                with np.errstate(invalid="ignore"):
                    chosen = (
                        num < self.threshold if self.below else num > self.threshold
                    )
        new = shallow_copy(self)
        new.where = (
            t  # labelled from now on: a later filter()/subset() re-aligns by label
        )
        new.table = pd.DataFrame(
            np.asarray(chosen, dtype=bool), index=t.index, columns=t.columns
        )
        return new

    def draw(self, ax: Axes, cells: Cells, comp: OrderedMatrix) -> PathCollection:
        if self.table is None:
            raise RuntimeError("Markers.draw() before bind(): where= is not aligned")
        on = cells.lookup(self.table).astype(bool) & ~cells.masked
        ms = self.size if self.size is not None else 0.6 * cell_points(ax)
        sc = ax.scatter(
            cells.x[on],
            cells.y[on],
            s=ms**2,
            marker=self.marker,
            c=[self.color],
            linewidths=0 if mmarkers.MarkerStyle(self.marker).is_filled() else 1.0,
            zorder=2.5,
            clip_on=False,
        )
        sc.set_label("clustergrid:markers")
        sc.set_gid(f"clustergrid-markers-{cells.slice[0]}-{cells.slice[1]}")
        ax.set_xlim(0, cells.shape[1])
        ax.set_ylim(cells.shape[0], 0)
        return sc

    def legend_items(self) -> list[tuple[str, object]]:
        return [("marker", self)] if self.label else []
