"""The heatmap body as a stack of layers.

The colour mesh is the first layer (drawn by ``_render/heatmap.py``);
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
import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle

from .._input.frame import as_frame, by_position

if TYPE_CHECKING:  # pragma: no cover
    import numpy.typing as npt
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure
    from matplotlib.typing import ColorType

    from .._plan.plan import OrderedMatrix

_T = TypeVar("_T")

__all__ = [
    "Cells",
    "FunctionLayer",
    "Border",
    "as_layer",
    "draw_layers",
    "cell_points",
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
        self, ax: Axes, cells: Cells, comp: OrderedMatrix
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


class FunctionLayer(Layer):
    """A user's function ``fn(ax, cells)``, called once per heatmap block
    with :class:`Cells` (flat arrays in the block's data coordinates)."""

    def __init__(self, fn: Callable[[Axes, Cells], object]) -> None:
        self.fn = fn

    def draw(self, ax: Axes, cells: Cells, comp: OrderedMatrix) -> object:
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

    def draw(self, ax: Axes, cells: Cells, comp: OrderedMatrix) -> Rectangle | None:
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


def shallow_copy(obj: _T) -> _T:
    new = obj.__class__.__new__(obj.__class__)
    new.__dict__.update(obj.__dict__)
    return new


def as_layer(obj: object) -> Layer:
    """A :class:`Layer` from what ``g.layer(...)`` was given."""
    if isinstance(obj, Layer) and obj.replaces_mesh:
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
    ax: Axes, comp: OrderedMatrix, where: tuple[int, int], start: tuple[int, int]
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
