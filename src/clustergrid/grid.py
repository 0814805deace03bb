"""ClusterGrid: the fluent builder.  It holds a spec and draws nothing until
:meth:`ClusterGrid.draw`, :meth:`~ClusterGrid.save`, :meth:`~ClusterGrid.show`
or notebook display."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, Sequence

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ._colors import check_norm_options, resolve_cmap, resolve_norm
from ._data import Matrix, check_permutation, coerce_matrix
from ._order import ClusterSpec, check_cluster_options, compute_linkage, validate_linkage
from ._sizes import SizeLike, as_size, to_inches
from .panels.base import CORNERS, SIDES, Panel

__all__ = ["ClusterGrid", "Compiled"]

_DEFAULT_CELL = 0.2        # inches, when the matrix is small
_DEFAULT_EXTENT = (2.0, 7.0)  # the heatmap's default extent is kept within these inches


@dataclass(frozen=True)
class Compiled:
    """Everything decided before layout: orders, the drawn matrix, colours."""

    matrix: pd.DataFrame
    row_index: np.ndarray
    col_index: np.ndarray
    row_linkage: np.ndarray | None
    col_linkage: np.ndarray | None
    norm: mcolors.Normalize
    cmap: mcolors.Colormap

    @property
    def row_order(self) -> pd.Index:
        return self.matrix.index

    @property
    def col_order(self) -> pd.Index:
        return self.matrix.columns


def _pair(value: Any, what: str) -> tuple[float, float]:
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return to_inches(value[0]), to_inches(value[1])
    if what == "cell_size" and not isinstance(value, (tuple, list)):
        v = to_inches(value)
        return v, v
    raise ValueError(f"{what} must be a pair (width, height) of lengths, e.g. (6, 4) inches or "
                     f"('180mm', '120mm'); got {value!r}")


class ClusterGrid:
    """A clustered heatmap with panels around it, built fluently.

    Parameters
    ----------
    data : DataFrame or 2-D array-like
        The matrix.  Arrays get labels ``0..n-1``.  It is copied once and
        never modified.
    cmap : str, Colormap or list of colours, optional
        Default "viridis", or "RdBu_r" when ``center`` is given.
    norm : matplotlib.colors.Normalize, optional
        Your own norm (then leave vmin/vmax/center/robust unset).
    vmin, vmax : float, optional
        Colour limits.
    center : float, optional
        Diverging scale: ``norm(center) == 0.5``.
    robust : bool
        Use the 2nd and 98th percentiles for the limits not given.
    figsize : (w, h), optional
        The whole figure's size (inches or strings like "180mm"); the
        heatmap takes the room the panels leave.
    cell_size : length or (w, h), optional
        Size of one cell; the figure grows to fit.  Give figsize or
        cell_size, not both.  With neither, the cells are sized so the
        heatmap is between 2 and 7 inches on each side (0.2 in cells for
        small matrices).
    square : bool
        Keep the cells square.
    nan_color : colour, optional
        Colour of missing values; default transparent (the background).
    dpi : float, default 100
        Resolution of the figure for display and PNG output.

    Examples
    --------
    >>> g = (cg.ClusterGrid(df, cmap="RdBu_r", center=0)
    ...      .cluster()
    ...      .add(cg.Dendrogram(), "left")
    ...      .add(cg.Labels(), "right")
    ...      .add(cg.ScaleBar(label="z-score"), "right"))
    >>> g.save("figure.pdf")
    """

    def __init__(self, data: Any, *, cmap: Any = None, norm: mcolors.Normalize | None = None,
                 vmin: float | None = None, vmax: float | None = None,
                 center: float | None = None, robust: bool = False,
                 figsize: Any = None, cell_size: Any = None, square: bool = False,
                 nan_color: Any = None, dpi: float = 100) -> None:
        self._data: Matrix = coerce_matrix(data)
        if figsize is not None and cell_size is not None:
            raise ValueError("give figsize (the heatmap fills what is left) or cell_size (the "
                             "figure grows to fit), not both")
        self._figsize = None if figsize is None else _pair(figsize, "figsize")
        self._cell = None if cell_size is None else _pair(cell_size, "cell_size")
        if self._figsize is not None and min(self._figsize) <= 0:
            raise ValueError(f"figsize must be positive, got {figsize!r}")
        if self._cell is not None:
            if min(self._cell) <= 0:
                raise ValueError(f"cell_size must be positive, got {cell_size!r}")
            if square and abs(self._cell[0] - self._cell[1]) > 1e-12:
                raise ValueError(f"square=True needs equal cell width and height, got {cell_size!r}")
        if not isinstance(dpi, (int, float)) or dpi <= 0:
            raise ValueError(f"dpi must be a positive number, got {dpi!r}")
        self._square = bool(square)
        self._dpi = float(dpi)
        # colour options are checked now, at the user's line
        self._cmap = resolve_cmap(cmap, center, nan_color)
        self._norm_opts = dict(norm=norm, vmin=vmin, vmax=vmax, center=center, robust=robust)
        check_norm_options(**self._norm_opts)
        self._cluster: dict[str, ClusterSpec | np.ndarray | None] = {"row": None, "col": None}
        self._explicit: dict[str, np.ndarray | None] = {"row": None, "col": None}
        self._slots: list = []
        self._compiled: Compiled | None = None
        self._target: Any = None
        self.figure: Figure | None = None
        self.ax_heatmap = None
        self.layout = None

    # -- builder -------------------------------------------------------------
    def _changed(self) -> "ClusterGrid":
        self._compiled = None
        return self

    def cluster(self, rows: Any = True, cols: Any = True, *, method: str = "average",
                metric: Any = "euclidean", optimal_ordering: bool = False) -> "ClusterGrid":
        """Cluster rows and/or columns hierarchically (scipy).

        Parameters
        ----------
        rows, cols : bool or array
            True to cluster, False to keep the order, or a precomputed
            scipy linkage matrix for that axis.
        method : str
            Linkage method: single, complete, average, weighted, centroid,
            median or ward.
        metric : str or callable
            Any ``scipy.spatial.distance.pdist`` metric.
        optimal_ordering : bool
            Reorder leaves so neighbours are most similar (slower).

        The drawn order is scipy's ``leaves_list`` order, as in
        seaborn.clustermap.
        """
        check_cluster_options(method, metric)
        spec = ClusterSpec(method, metric, bool(optimal_ordering))
        for axis, arg in (("row", rows), ("col", cols)):
            n = self._data.shape[0 if axis == "row" else 1]
            if isinstance(arg, (bool, np.bool_)):
                if arg:
                    self._cluster[axis] = spec
                    self._explicit[axis] = None
                else:
                    self._cluster[axis] = None
            elif arg is None:
                self._cluster[axis] = None
            else:
                self._cluster[axis] = validate_linkage(arg, n, axis)
                self._explicit[axis] = None
        return self._changed()

    def order(self, rows: Sequence[Any] | None = None, cols: Sequence[Any] | None = None) -> "ClusterGrid":
        """Draw rows and/or columns in an explicit order, given by label.

        Every label must appear exactly once.  This replaces clustering on
        that axis (so a Dendrogram there raises)."""
        for axis, arg, labels in (("row", rows, self._data.rows), ("col", cols, self._data.cols)):
            if arg is not None:
                self._explicit[axis] = check_permutation(arg, labels, axis if axis == "row" else "column")
                self._cluster[axis] = None
        return self._changed()

    def add(self, panel: Panel, side: str, *, size: SizeLike | None = None,
            pad: "float | str | None" = None) -> "ClusterGrid":
        """Attach a panel to a side or a corner.

        Parameters
        ----------
        panel : Panel
            A Dendrogram, AnnotationBar, ScaleBar, Labels or your own
            Panel subclass.
        side : {"left", "right", "top", "bottom", "top-left", "top-right", "bottom-left", "bottom-right"}
            Panels on one side stack outward in the order they are added.
            A corner panel fills the box where the stacks of its two sides
            meet.
        size : optional
            Inches, a length string ("12mm", "10pt"), a share of the heatmap
            ("15%" or ``cg.Relative(0.15)``) or "auto" (measured).
            Default: the panel's own default.
        pad : float or str, optional
            Space between this panel and the one inside it (or the heatmap).
        """
        from ._engine import Slot

        if isinstance(panel, type) and issubclass(panel, Panel):
            raise TypeError(f"add() needs a panel instance: write {panel.__name__}() "
                            f"instead of {panel.__name__}")
        if not isinstance(panel, Panel):
            raise TypeError(f"add() needs a clustergrid Panel (Dendrogram(), Labels(), ...), "
                            f"got {type(panel).__name__}")
        if not isinstance(side, str) or side not in SIDES + CORNERS:
            raise ValueError(f"unknown side {side!r}; use one of {', '.join(SIDES)}, or a corner: "
                             f"{', '.join(CORNERS)}")
        if any(s.panel is panel for s in self._slots):
            raise ValueError(f"this {type(panel).__name__} is already added; create a new one "
                             "for each place")
        if side in CORNERS:
            if size is not None:
                raise ValueError("a corner panel fills its corner box; size= does not apply there")
            if any(s.side == side for s in self._slots):
                raise ValueError(f"the {side} corner already holds a panel")
        sz = as_size(size if size is not None else panel.default_size)
        pd_ = panel.default_pad if pad is None else to_inches(pad)
        self._slots.append(Slot(panel, side, sz, pd_))
        return self._changed()

    def on(self, target: Any) -> "ClusterGrid":
        """Draw into an existing Figure, SubFigure or SubplotSpec (its size is
        kept; the heatmap takes the room the panels leave)."""
        self._target = target
        return self

    # -- what the grid exposes ---------------------------------------------------
    def _compile(self) -> Compiled:
        if self._compiled is not None:
            return self._compiled
        d = self._data
        values = d.values
        idx: dict[str, np.ndarray] = {}
        links: dict[str, np.ndarray | None] = {}
        for axis in ("row", "col"):
            n = d.shape[0 if axis == "row" else 1]
            spec = self._cluster[axis]
            labels = d.rows if axis == "row" else d.cols
            if isinstance(spec, ClusterSpec):
                obs = values if axis == "row" else values.T
                Z = compute_linkage(np.ascontiguousarray(obs), spec, labels, axis)
            elif spec is not None:
                Z = spec
            else:
                Z = None
            links[axis] = Z
            if Z is not None:
                from scipy.cluster.hierarchy import leaves_list

                idx[axis] = leaves_list(Z)
            elif self._explicit[axis] is not None:
                idx[axis] = self._explicit[axis]
            else:
                idx[axis] = np.arange(n)
        matrix = d.frame(idx["row"], idx["col"])
        norm = resolve_norm(matrix.to_numpy(), **self._norm_opts)
        self._compiled = Compiled(matrix, idx["row"], idx["col"], links["row"], links["col"],
                                  norm, self._cmap)
        return self._compiled

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
    def panels(self) -> list[Panel]:
        """The panels in the order they were added."""
        return [s.panel for s in self._slots]

    def _default_cell(self) -> tuple[float, float]:
        nrows, ncols = self._data.shape
        lo, hi = _DEFAULT_EXTENT

        def fit(n: int) -> float:
            return float(np.clip(n * _DEFAULT_CELL, lo, hi)) / n

        cw, ch = fit(ncols), fit(nrows)
        if self._square:
            cw = ch = min(cw, ch)
        return cw, ch

    # -- output ----------------------------------------------------------------
    def draw(self, target: Any = None) -> Figure:
        """Lay out and draw; return the Figure.

        Parameters
        ----------
        target : Figure, SubFigure or SubplotSpec, optional
            Draw into it (keeping its size) instead of a new Figure.

        Drawing again starts from scratch: a new figure (or the target is
        cleared of this grid's previous axes), so axes are never duplicated.
        """
        from ._engine import render

        comp = self._compile()
        target = target if target is not None else self._target
        if target is not None and self.figure is not None and self.ax_heatmap is not None:
            self._remove_axes()
        cell = self._cell or self._default_cell()
        fig, ax, model = render(comp, self._slots, target=target, figsize=self._figsize,
                                cell=cell, square=self._square, dpi=self._dpi)
        self.figure, self.ax_heatmap, self.layout = fig, ax, model
        return fig

    def _remove_axes(self) -> None:
        for ax in [self.ax_heatmap] + [s.panel.ax for s in self._slots]:
            if ax is not None and ax.figure is not None:
                ax.remove()
        for s in self._slots:
            s.panel.ax = None

    def save(self, path: Any, **savefig_kwargs: Any) -> None:
        """Draw and save to ``path`` (png, pdf or svg, from the extension or
        ``format=``) or a binary file object.

        The write is atomic: a temporary file in the same folder is renamed
        over the target only when complete, so a failed save leaves any
        existing file untouched.  Output is deterministic: the same script
        writes the same bytes.  Text stays editable (TrueType fonts in PDF,
        text elements in SVG).
        """
        from ._save import save_figure

        fig = self.draw()
        save_figure(fig, path, **savefig_kwargs)

    def show(self) -> None:
        """Draw and show with pyplot's current backend."""
        import matplotlib.pyplot as plt

        fig = self.draw()
        shown = plt.figure(figsize=fig.get_size_inches(), dpi=fig.dpi)
        self.draw(shown)
        plt.show()

    def _repr_png_(self) -> bytes:
        buf = io.BytesIO()
        from ._save import save_figure

        save_figure(self.draw(), buf, format="png")
        return buf.getvalue()

    def __repr__(self) -> str:
        nrows, ncols = self._data.shape
        panels = ", ".join(f"{type(s.panel).__name__}@{s.side}" for s in self._slots) or "no panels"
        return f"<ClusterGrid {nrows}x{ncols}: {panels}>"
