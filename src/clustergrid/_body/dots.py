"""Dots: a dot per cell sized (and coloured) by values, in place of the colour mesh
(a dot plot), with the size arithmetic its legend shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
from matplotlib.collections import PathCollection
from matplotlib.path import Path
from matplotlib.transforms import IdentityTransform

from .image import _scales_images
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
    from matplotlib.backend_bases import RendererBase
    from matplotlib.typing import ColorType

    from .._plan.plan import OrderedMatrix

__all__ = ["Dots", "DotCollection", "dot_areas", "size_reference"]


def dot_areas(
    values: np.ndarray,
    norm: mcolors.Normalize,
    size_range: tuple[float, float],
    max_diameter: float,
) -> np.ndarray:
    """Marker areas in points^2 (matplotlib's ``scatter(s=...)``): the area is
    ``lo + (hi - lo) * size_norm(value)`` times the largest dot's area, so
    with the default ``size_range=(0, 1)`` and ``size_norm`` from 0 it is
    proportional to the value."""
    lo, hi = size_range
    f = np.clip(np.ma.filled(norm(np.asarray(values, dtype=float)), np.nan), 0.0, 1.0)
    return (lo + (hi - lo) * f) * max_diameter**2


def size_reference(norm: mcolors.Normalize, n: int = 4) -> np.ndarray:
    """3-5 round reference values within the size norm's range (> 0)."""
    import matplotlib.ticker as mticker

    if norm.vmin is None or norm.vmax is None:
        raise ValueError("size_reference() needs a size norm with both limits set")
    lo, hi = float(norm.vmin), float(norm.vmax)
    locator = mticker.MaxNLocator(nbins=n, steps=[1, 2, 2.5, 5, 10])
    ticks = np.asarray(locator.tick_values(lo, hi), dtype=np.float64)
    ticks = ticks[(ticks >= lo - 1e-12) & (ticks <= hi + 1e-12) & (ticks > 0)]
    if len(ticks) > 5:
        ticks = ticks[len(ticks) % 2 :: 2] if len(ticks) > 5 else ticks
    if len(ticks) < 3:
        ticks = np.linspace(lo if lo > 0 else hi / 3, hi, 3)
    return ticks


class DotCollection(PathCollection):
    """A scatter of circles that vector output writes compactly.

    On raster renderers it draws as the PathCollection it is.  On vector
    renderers (PDF, PS, SVG) each dot of diameter ``d`` is written as a
    zero-length line ``d`` wide with round caps, which every viewer paints
    as exactly that disc: a few bytes per dot instead of a circle of four
    Bezier curves in its own object (2,000 x 50 dots: about 2 MB of PDF
    instead of 16 MB).  Dots with outlines draw as a PathCollection."""

    def draw(self, renderer: RendererBase) -> None:
        # get_linewidth/get_facecolor: the singular names of the same methods
        # (matplotlib's stubs do not declare the plural aliases)
        lw = np.asarray(self.get_linewidth(), dtype=np.float64)
        if not self.get_visible() or not _scales_images(renderer) or (lw > 0).any():
            super().draw(renderer)
            return
        offsets = np.asarray(self.get_offsets(), dtype=float)
        if not len(offsets):
            return
        renderer.open_group("dots", self.get_gid())
        xy = self.get_offset_transform().transform(offsets)
        diam = np.sqrt(np.broadcast_to(np.asarray(self.get_sizes(), float), len(xy)))
        colors = np.asarray(self.get_facecolor(), dtype=np.float64)
        colors = np.broadcast_to(colors, (len(xy), 4)) if len(colors) == 1 else colors
        gc = renderer.new_gc()
        self._set_gc_clip(gc)  # type: ignore[attr-defined]  # Artist's private helper, not in the stubs
        gc.set_capstyle("round")
        alpha = self.get_alpha()
        gc.set_alpha(alpha if alpha is not None else 1.0)
        ident = IdentityTransform()
        codes = [Path.MOVETO, Path.LINETO]
        order = np.lexsort(
            (diam, colors[:, 2], colors[:, 1], colors[:, 0])
        )  # fewer state changes
        for k in order:
            if diam[k] <= 0:
                continue
            x, y = xy[k]
            gc.set_linewidth(float(diam[k]))
            gc.set_foreground(tuple(colors[k]), isRGBA=True)
            renderer.draw_path(gc, Path([[x, y], [x, y]], codes), ident)
        gc.restore()
        renderer.close_group("dots")
        self.stale = False


class Dots(Layer):
    """A dot plot: a circle on each cell centre, its area proportional to a
    second table (``size``), its colour ``cmap(norm(value))`` of the matrix.

    Give it as ``ClusterGrid(color_values, cells=cg.Dots(size=size_frame))``;
    the dots replace the colour mesh.

    Parameters
    ----------
    size : DataFrame or 2-D array
        The size of each cell's dot.  A DataFrame is aligned by label (it
        may list more rows/columns than drawn), an array by input position.
        NaN draws no dot.  Values must be >= 0 unless ``size_norm`` is given.
    size_norm : Normalize or (vmin, vmax), optional
        Maps sizes to [0, 1] (clipped).  Default ``Normalize(0, max(size))``,
        so areas are proportional to the sizes.
    size_range : (float, float), default (0, 1)
        The dot area at ``size_norm`` 0 and 1, as fractions of the largest
        dot's area.
    max_size : float, optional
        Diameter in points of the largest dot; default: the shorter side of
        a cell, so the largest dot fits its cell.
    color : colour, optional
        One colour for every dot (the matrix then only orders the rows).
        Default: ``cmap(norm(value))``; cells with a missing value get no dot.
    edgecolor : colour, optional
        Outline colour (default none).
    linewidth : float, default 0
        Outline width in points.
    size_label : str, optional
        Title of the size legend.
    legend : bool, default True
        Draw the size legend (3-5 reference dots) right of the heatmap.

    Examples
    --------
    >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
    >>> z = (X - X.mean()) / X.std()
    >>> g = cg.ClusterGrid(z, cmap="RdBu_r", center=0,
    ...                    cells=cg.Dots(size=z.abs(), size_label="|z|"))
    >>> fig = g.draw()
    >>> len(g.ax_heatmap.collections)  # all dots in one collection
    1
    """

    replaces_mesh = True
    _auto_norm = False  # True once bind() chose the size norm from the sizes

    def __init__(
        self,
        size: pd.DataFrame | npt.ArrayLike,
        *,
        size_norm: mcolors.Normalize | tuple[float, float] | None = None,
        size_range: tuple[float, float] = (0.0, 1.0),
        max_size: float | None = None,
        color: ColorType | None = None,
        edgecolor: ColorType | None = None,
        linewidth: float = 0.0,
        size_label: str | None = None,
        legend: bool = True,
    ) -> None:
        if size is None or isinstance(size, (str, bytes, int, float)):
            raise TypeError(
                f"Dots(size=...) takes a DataFrame or 2-D array with one size per "
                f"cell, got {size!r}"
            )
        self.size: pd.DataFrame | npt.ArrayLike = size
        norm: mcolors.Normalize | None
        if size_norm is None or isinstance(size_norm, mcolors.Normalize):
            norm = size_norm
        else:
            try:
                a, b = size_norm
                norm = mcolors.Normalize(float(a), float(b))
            except (TypeError, ValueError):
                raise TypeError(
                    f"size_norm must be a matplotlib Normalize or (vmin, vmax), got "
                    f"{size_norm!r}"
                ) from None
        if (
            norm is not None
            and norm.vmin is not None
            and norm.vmax is not None
            and not norm.vmax > norm.vmin
        ):
            raise ValueError(
                f"size_norm needs vmax > vmin, got ({norm.vmin}, {norm.vmax})"
            )
        self.size_norm = norm
        try:
            lo, hi = (float(v) for v in size_range)
        except (TypeError, ValueError):
            raise TypeError(
                f"size_range must be (lo, hi) fractions of the largest dot's area, "
                f"got {size_range!r}"
            ) from None
        if not (0 <= lo <= hi) or hi <= 0:
            raise ValueError(
                f"size_range must satisfy 0 <= lo <= hi and hi > 0 (fractions of "
                f"the largest dot's area), got {size_range!r}"
            )
        self.size_range = (lo, hi)
        self.max_size = _check_positive(max_size, "Dots max_size")
        self.color = None if color is None else _check_color(color, "Dots color")
        self.edgecolor = (
            None if edgecolor is None else _check_color(edgecolor, "Dots edgecolor")
        )
        if (
            isinstance(linewidth, bool)
            or not isinstance(linewidth, (int, float))
            or linewidth < 0
        ):
            raise ValueError(
                f"Dots linewidth must be a number of points >= 0, got {linewidth!r}"
            )
        self.linewidth = float(linewidth)
        if size_label is not None and not isinstance(size_label, str):
            raise TypeError(
                f"size_label must be a string, got {type(size_label).__name__}"
            )
        self.size_label = size_label
        self.show_legend = bool(legend)
        self.table: pd.DataFrame | None = None

    def bind(
        self,
        rows: pd.Index,
        cols: pd.Index,
        universe: tuple[pd.Index, pd.Index] | None,
    ) -> Dots:
        table = _numeric(
            _align_table(self.size, rows, cols, "Dots(size=...)", universe),
            "Dots(size=...)",
        )
        new = shallow_copy(self)
        new.table = table
        new.size = (
            table  # labelled from now on: a later filter()/subset() re-aligns by label
        )
        vals = table.to_numpy()
        if new.size_norm is None or getattr(self, "_auto_norm", False):
            new._auto_norm = True
            if np.nanmin(vals, initial=0.0) < 0:
                raise ValueError(
                    "Dots(size=...) holds negative values; a dot's area cannot be "
                    "negative. Give size_norm=(vmin, vmax) to map them to areas, or "
                    "shift the values"
                )
            top = float(np.nanmax(vals)) if np.isfinite(vals).any() else 1.0
            new.size_norm = mcolors.Normalize(0.0, top if top > 0 else 1.0, clip=True)
        else:
            n = (
                mcolors.Normalize(new.size_norm.vmin, new.size_norm.vmax, clip=True)
                if type(new.size_norm) is mcolors.Normalize
                else new.size_norm
            )
            if n.vmin is None or n.vmax is None:
                n.autoscale_None(
                    vals[np.isfinite(vals)] if np.isfinite(vals).any() else [0, 1]
                )
            new.size_norm = n
        return new

    def diameter(self, ax: Axes) -> float:
        """The largest dot's diameter in points: ``max_size``, or the
        shorter side of one cell of ``ax``."""
        return self.max_size if self.max_size is not None else cell_points(ax)

    def draw(self, ax: Axes, cells: Cells, comp: OrderedMatrix) -> PathCollection:
        if self.table is None or self.size_norm is None:
            raise RuntimeError("Dots.draw() before bind(): the sizes are not aligned")
        size = cells.lookup(self.table)
        ok = np.isfinite(size) & ~cells.masked
        if self.color is None:
            ok &= np.isfinite(cells.value)
            colors = comp.cmap(comp.norm(cells.value[ok]))
        else:
            colors = [self.color]
        areas = dot_areas(size[ok], self.size_norm, self.size_range, self.diameter(ax))
        sc = ax.scatter(
            cells.x[ok],
            cells.y[ok],
            s=areas,
            c=colors,
            marker="o",
            edgecolors=self.edgecolor if self.edgecolor is not None else "face",
            linewidths=self.linewidth,
            zorder=1.5,
            clip_on=False,
        )
        sc.__class__ = DotCollection  # same artist, compact in vector output
        sc.set_label("clustergrid:dots")
        sc.set_gid(f"clustergrid-dots-{cells.slice[0]}-{cells.slice[1]}")
        ax.set_xlim(0, cells.shape[1])
        ax.set_ylim(cells.shape[0], 0)
        return sc

    def legend_items(self) -> list[tuple[str, object]]:
        if not self.show_legend or self.table is None:
            return []
        return [("size", self)]
