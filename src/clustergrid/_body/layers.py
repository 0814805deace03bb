"""The heatmap body as a stack of layers.

The colour mesh is the first layer (drawn by ``_render._draw_heatmap``);
then come, in the order given, the layers of ``cells=`` (:class:`Dots`, which
replace the mesh), :meth:`ClusterGrid.layer` (:class:`Markers` and user
functions) and a border.  Every layer is drawn once per heatmap block (one
block per row slice x column slice) as ONE collection, so vector output
holds one object per layer and block, not one per cell.

Per-cell tables are held by label, as masks and cell text are: each block
looks its drawn rows and columns up by label, so layers follow clustering,
explicit orders, filters and splits without knowing about them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import matplotlib.colors as mcolors
import matplotlib.markers as mmarkers
import numpy as np
import pandas as pd
from matplotlib.collections import PathCollection
from matplotlib.patches import Rectangle
from matplotlib.path import Path
from matplotlib.transforms import IdentityTransform

from .._input.frame import as_frame, by_position
from .image import _scales_images

if TYPE_CHECKING:  # pragma: no cover
    import numpy.typing as npt
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure, SubFigure
    from matplotlib.typing import ColorType

    from .._plan.plan import Compiled

_T = TypeVar("_T")

__all__ = [
    "Cells",
    "Dots",
    "Markers",
    "FunctionLayer",
    "Border",
    "as_layer",
    "draw_layers",
    "cell_points",
    "dot_areas",
    "size_reference",
]


# -- the arrays a layer function receives ----------------------------------------
@dataclass(frozen=True)
class Cells:
    """The cells of one heatmap block, as flat arrays (row-major), in the
    block's data coordinates: cell ``(i, j)`` of the block spans
    ``[j, j + 1] x [i, i + 1]`` and is centred at ``(j + 0.5, i + 0.5)``
    (y grows downwards).

    Attributes
    ----------
    x, y : ndarray of float
        Cell centres.
    value : ndarray of float
        The drawn value of each cell (``g.matrix``; category codes for a
        categorical matrix).
    row, col : ndarray of object
        Each cell's row and column label.
    i, j : ndarray of int
        Each cell's row and column position in the whole drawn matrix.
    masked : ndarray of bool
        True where ``mask=`` hides the cell.
    slice : (int, int)
        The block's row slice and column slice (``(0, 0)`` when not split).
    shape : (int, int)
        Rows and columns of the block.
    """

    x: np.ndarray
    y: np.ndarray
    value: np.ndarray
    row: np.ndarray
    col: np.ndarray
    i: np.ndarray
    j: np.ndarray
    masked: np.ndarray
    slice: tuple[int, int]
    shape: tuple[int, int]

    def lookup(self, table: pd.DataFrame) -> np.ndarray:
        """Entries of a labelled ``table`` (a DataFrame with the matrix's
        labels) for these cells, as a flat array."""
        return table.to_numpy()[
            table.index.get_indexer(pd.Index(self.row)),
            table.columns.get_indexer(pd.Index(self.col)),
        ]


def _cells(
    matrix: pd.DataFrame,
    hidden: np.ndarray | None,
    where: tuple[int, int],
    start: tuple[int, int],
) -> Cells:
    n, m = matrix.shape
    ii, jj = np.divmod(np.arange(n * m), m)
    return Cells(
        x=jj + 0.5,
        y=ii + 0.5,
        value=matrix.to_numpy(dtype=float).ravel(),
        row=np.asarray(matrix.index, dtype=object)[ii],
        col=np.asarray(matrix.columns, dtype=object)[jj],
        i=ii + start[0],
        j=jj + start[1],
        masked=(hidden.ravel() if hidden is not None else np.zeros(n * m, bool)),
        slice=where,
        shape=(n, m),
    )


# -- per-cell tables ----------------------------------------------------------------
def _align_table(
    values: pd.DataFrame | npt.ArrayLike,
    rows: pd.Index,
    cols: pd.Index,
    name: str,
    universe: tuple[pd.Index, pd.Index] | None = None,
) -> pd.DataFrame:
    """A per-cell table labelled like the matrix: a DataFrame by label (every
    drawn row and column present; extra labels only if the matrix had them
    before filter()/subset()), an array by input position (so is a table from
    polars or Arrow, which has no row labels)."""
    values = as_frame(values)
    if by_position(values) and isinstance(values, pd.DataFrame):
        values = values.to_numpy()
    if isinstance(values, pd.DataFrame):
        for what, have, want, uni in (
            ("row", values.index, rows, universe and universe[0]),
            ("column", values.columns, cols, universe and universe[1]),
        ):
            if not have.is_unique:
                raise ValueError(
                    f"{name}: its {what} labels have duplicates; make them unique"
                )
            missing = want.difference(have, sort=False)
            extra = have.difference(want, sort=False)
            if uni is not None:
                extra = extra.difference(uni, sort=False)
            if len(missing) or len(extra):
                part = (
                    f"no entry for {what} label(s) {list(missing[:5])}"
                    if len(missing)
                    else f"label(s) {list(extra[:5])} are not {what}s of the matrix"
                )
                raise ValueError(
                    f"{name} does not line up with the matrix's {what}s: {part}. "
                    f"Give a DataFrame with the matrix's labels (e.g. "
                    f"table.reindex(index=df.index, columns=df.columns)), or an "
                    f"array of shape {(len(rows), len(cols))} in input order."
                )
        return values.loc[rows, cols]
    if isinstance(values, pd.Series) or np.ndim(values) != 2:
        raise ValueError(
            f"{name} needs one entry per cell: a DataFrame labelled like the "
            f"matrix or an array of shape {(len(rows), len(cols))}"
        )
    arr = np.asarray(values)
    if arr.shape != (len(rows), len(cols)):
        raise ValueError(
            f"{name} has shape {arr.shape} but the matrix has shape "
            f"{(len(rows), len(cols))}; pass one entry per cell in input order, "
            f"or a DataFrame labelled like the matrix"
        )
    return pd.DataFrame(arr, index=rows, columns=cols)


def _numeric(table: pd.DataFrame, name: str) -> pd.DataFrame:
    try:
        arr = table.to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must hold numbers (NaN for no value); convert it first, e.g. "
            f"table.apply(pd.to_numeric)"
        ) from None
    if np.isinf(arr).any():
        raise ValueError(
            f"{name} holds infinite values; replace them (e.g. with NaN for no "
            f"value) first"
        )
    return pd.DataFrame(arr, index=table.index, columns=table.columns)


def _check_color(c: ColorType, name: str) -> ColorType:
    try:
        mcolors.to_rgba(c)
    except (ValueError, TypeError):
        raise ValueError(
            f"{name}={c!r} is not a colour; use a name ('black'), a hex string "
            f"('#333333') or an RGB(A) tuple"
        ) from None
    return c


def _check_positive(v: object, name: str, allow_none: bool = True) -> float | None:
    if v is None and allow_none:
        return None
    if (
        isinstance(v, (bool, np.bool_))
        or not isinstance(v, (int, float, np.number))
        or not np.isfinite(v)
        or v <= 0
    ):
        raise ValueError(f"{name} must be a positive number, got {v!r}")
    return float(v)


# -- geometry ---------------------------------------------------------------------
def _figure_of(ax: Axes, root: bool) -> Figure | SubFigure:
    """The (root) figure ``ax`` is drawn in; a layer only draws on placed axes."""
    fig = ax.get_figure(root=root)
    if fig is None:
        raise RuntimeError("a heatmap layer was drawn on axes that are in no figure")
    return fig


def cell_points(ax: Axes) -> float:
    """The shorter side, in points, of a cell of the heatmap block ``ax``."""
    fig = _figure_of(ax, root=True)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    w = ax.bbox.width / max(abs(x1 - x0), 1e-12)
    h = ax.bbox.height / max(abs(y1 - y0), 1e-12)
    return min(w, h) * 72.0 / fig.dpi


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


# -- layers -----------------------------------------------------------------------
class Layer:
    """A layer of the heatmap body: ``draw(ax, cells, comp)`` draws one block."""

    replaces_mesh = False
    label: str | None = None

    def bind(
        self,
        rows: pd.Index,
        cols: pd.Index,
        universe: tuple[pd.Index, pd.Index] | None,
    ) -> Layer:
        """This layer with its tables aligned to the matrix (at the user's line)."""
        return self

    def draw(
        self, ax: Axes, cells: Cells, comp: Compiled
    ) -> object:  # pragma: no cover
        """Draw the layer on one heatmap block (called by the grid).

        Parameters
        ----------
        ax : matplotlib.axes.Axes
            The block's axes, in cell coordinates (cell ``(i, j)`` is
            centred at ``(j + 0.5, i + 0.5)``).
        cells : Cells
            The block's cells as flat arrays (positions, values, labels).
        comp : object
            The grid's compiled state (its ``norm`` and ``cmap``).

        Returns
        -------
        object
            The artist drawn (kept in the result), or None.
        """
        raise NotImplementedError

    def legend_items(self) -> list[tuple[str, object]]:
        """What the grid's layer legend shows for this layer."""
        return []


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
        new = _copy(self)
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

    def draw(self, ax: Axes, cells: Cells, comp: Compiled) -> PathCollection:
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
        new = _copy(self)
        new.where = (
            t  # labelled from now on: a later filter()/subset() re-aligns by label
        )
        new.table = pd.DataFrame(
            np.asarray(chosen, dtype=bool), index=t.index, columns=t.columns
        )
        return new

    def draw(self, ax: Axes, cells: Cells, comp: Compiled) -> PathCollection:
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


class FunctionLayer(Layer):
    """A user's function ``fn(ax, cells)``, called once per heatmap block
    with :class:`Cells` (flat arrays in the block's data coordinates)."""

    def __init__(self, fn: Callable[[Axes, Cells], object]) -> None:
        self.fn = fn

    def draw(self, ax: Axes, cells: Cells, comp: Compiled) -> object:
        xlim, ylim = ax.get_xlim(), ax.get_ylim()
        out = self.fn(ax, cells)
        ax.set_xlim(*xlim)  # the heatmap's cells stay where they are
        ax.set_ylim(*ylim)
        return out


class Border(Layer):
    """A frame around the heatmap (``around="heatmap"``: one around every
    block, gaps included) or around each slice (``around="slices"``)."""

    def __init__(
        self,
        around: str = "heatmap",
        color: ColorType = "black",
        linewidth: float = 0.8,
    ) -> None:
        self.around, self.color, self.linewidth = around, color, float(linewidth)

    @classmethod
    def parse(cls, border: object, border_kws: object) -> Border | None:
        if border is None or border is False:
            return None
        if border is True:
            border = "heatmap"
        if border not in ("heatmap", "slices"):
            raise ValueError(
                f"border={border!r}: use True or 'heatmap' (one frame around the "
                f"heatmap), 'slices' (a frame around each slice), or None"
            )
        if not isinstance(border_kws, (dict, type(None))):
            raise TypeError(
                f"border_kws must be a dict such as {{'color': 'k', 'linewidth': 1}},"
                f" got {type(border_kws).__name__}"
            )
        kws = dict(border_kws or {})
        bad = set(kws) - {"color", "linewidth"}
        if bad:
            raise ValueError(
                f"border_kws takes 'color' and 'linewidth', got {sorted(bad)}"
            )
        color = _check_color(kws.get("color", "black"), "border_kws color")
        lw = kws.get("linewidth", 0.8)
        if isinstance(lw, bool) or not isinstance(lw, (int, float)) or lw <= 0:
            raise ValueError(
                f"border_kws linewidth must be a positive number of points, got {lw!r}"
            )
        return cls(border, color, lw)

    def draw(self, ax: Axes, cells: Cells, comp: Compiled) -> Rectangle | None:
        if self.around == "slices":
            x0, y0, x1, y1 = 0.0, 0.0, 1.0, 1.0
        else:
            # the frame spans every block of this grid: draw it once, on the last
            rs, cs = comp.row_slices, comp.col_slices
            last = (
                len(rs) - 1 if rs is not None else 0,
                len(cs) - 1 if cs is not None else 0,
            )
            if cells.slice != last:
                return None
            spec = ax.get_subplotspec()
            if spec is None:
                raise RuntimeError("Border: the heatmap block has no SubplotSpec")
            gs = spec.get_gridspec()
            fig = _figure_of(ax, root=False)
            blocks = [
                a
                for a in fig.axes
                if a is ax
                or (
                    a.get_label() == "clustergrid:heatmap"
                    and (sp := a.get_subplotspec()) is not None
                    and sp.get_gridspec() is gs
                )
            ]
            boxes = [a.get_position() for a in blocks]
            inv = ax.transAxes.inverted()
            p0 = inv.transform(
                fig.transSubfigure.transform(
                    (min(b.x0 for b in boxes), min(b.y0 for b in boxes))
                )
            )
            p1 = inv.transform(
                fig.transSubfigure.transform(
                    (max(b.x1 for b in boxes), max(b.y1 for b in boxes))
                )
            )
            x0, y0, x1, y1 = p0[0], p0[1], p1[0], p1[1]
        r = Rectangle(
            (x0, y0),
            x1 - x0,
            y1 - y0,
            transform=ax.transAxes,
            fill=False,
            edgecolor=self.color,
            linewidth=self.linewidth,
            clip_on=False,
            zorder=4,
        )
        r.set_label("clustergrid:border")
        ax.add_patch(r)
        return r


def _copy(obj: _T) -> _T:
    new = obj.__class__.__new__(obj.__class__)
    new.__dict__.update(obj.__dict__)
    return new


def as_layer(obj: object) -> Layer:
    """A :class:`Layer` from what ``g.layer(...)`` was given."""
    if isinstance(obj, Dots):
        raise TypeError(
            "Dots replace the colour mesh: give them as ClusterGrid(..., "
            "cells=cg.Dots(size=...)), not with g.layer()"
        )
    if isinstance(obj, Layer):
        return obj
    if callable(obj):
        return FunctionLayer(obj)
    raise TypeError(
        f"layer() takes cg.Markers(...) or a function fn(ax, cells), got "
        f"{type(obj).__name__}"
    )


# -- drawing ---------------------------------------------------------------------
def draw_layers(
    ax: Axes, comp: Compiled, where: tuple[int, int], start: tuple[int, int]
) -> list[object]:
    """Draw every layer of ``comp`` (one heatmap block) into ``ax``."""
    layers = getattr(comp, "layers", ())
    if not layers:
        return []
    style = getattr(comp, "cells", None)
    hidden = None
    if style is not None and getattr(style, "mask", None) is not None:
        from .cells import _lookup

        hidden = _lookup(style.mask, comp.matrix).astype(bool)
    cells = _cells(comp.matrix, hidden, where, start)
    return [layer.draw(ax, cells, comp) for layer in layers]
