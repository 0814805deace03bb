"""ClusterGrid: the fluent builder.  It holds a spec and draws nothing until
:meth:`ClusterGrid.draw`, :meth:`~ClusterGrid.save`, :meth:`~ClusterGrid.show`
or notebook display."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal, cast

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ._body.cells import check_cell_options
from ._body.layers import Border, Dots, as_layer
from ._input.filter import evaluate_filter, parse_filter
from ._input.frame import as_frame
from ._input.matrix import (
    Matrix,
    categorical_codes,
    check_permutation,
    coerce_matrix,
    pivot_long,
    select_labels,
)
from ._input.transform import apply_transform, check_transform_options
from ._order.cluster import (
    ClusterSpec,
    check_cluster_options,
    compute_linkage,
    validate_linkage,
)
from ._order.dask import dask_rows
from ._order.split import (
    Slices,
    SplitSpec,
    check_split_arg,
    check_split_options,
    split_axis,
    whole_axis,
)
from ._output.drawable import Drawable
from ._plan.colors import (
    categorical_colors,
    check_norm_options,
    resolve_cmap,
    resolve_norm,
)
from ._plan.plan import Compiled, Plan, Slot
from ._support.buffers import in_small_pages
from ._support.checks import check_canvas, check_real
from .panels.base import CORNERS, SIDES, Panel
from .sizes import SizeLike, as_pair, as_size, to_inches

if TYPE_CHECKING:  # pragma: no cover
    import numpy.typing as npt
    import scipy.sparse
    from matplotlib.axes import Axes
    from matplotlib.typing import ColorType
    from typing_extensions import Self  # typing.Self from Python 3.11

    from ._body.layers import Cells, Layer
    from ._layout.model import LayoutModel
    from ._order.dask import DaskSample
    from ._order.split import Seed
    from .concat import ConcatGrid
    from .panels.layerlegend import LayerItem
    from .result import DrawTarget, Result

    Length = float | str
    """A length: inches, or a string with a unit ("12mm", "10pt", "0.5in")."""
    Grouping = pd.Series | pd.DataFrame | dict[Hashable, Hashable] | Sequence[Hashable]
    """A split grouping: aligned by label (Series, dict, DataFrame of several
    grouping columns) or by input position (a list)."""

__all__ = ["ClusterGrid", "Compiled"]

_CODE_METRICS = ("hamming",)  # compares codes for equality only: right for categories
_VERSIONS = itertools.count()  # spec versions: a changed spec draws again
_DEFAULT_CELL = 0.2  # inches, when the matrix is small
_DEFAULT_EXTENT = (2.0, 7.0)  # the heatmap's default extent is kept within these inches


def _parse_gap(gap: object) -> tuple[float, dict[str, float | list[float] | None]]:
    """``split(gap=...)``: one length, a list per boundary, or a dict per axis.
    Returns the uniform gap and each axis's gap (a length or a list)."""

    def one(v: object, what: str) -> float | list[float]:
        if isinstance(v, (list, tuple, np.ndarray)):
            if not len(v):
                raise ValueError(
                    f"gap={v!r}: give one length for every boundary between "
                    "slices, or a list with one length per boundary"
                )
            try:
                return [to_inches(x, "gap") for x in v]
            except (TypeError, ValueError) as exc:
                raise type(exc)(
                    f"{exc} (in split {what}: every gap must be a length, inches "
                    "or '2mm')"
                ) from None
        return to_inches(v, "gap")

    if isinstance(gap, dict):
        bad = set(gap) - {"rows", "cols"}
        if bad:
            raise ValueError(
                f"split gap= dict keys must be 'rows' and/or 'cols', got "
                f"{sorted(map(str, bad))}"
            )
        per: dict[str, float | list[float] | None] = {
            "row": one(gap.get("rows", "2mm"), "gap['rows']"),
            "col": one(gap.get("cols", "2mm"), "gap['cols']"),
        }
    else:
        v = one(gap, "gap=")
        per = {"row": v, "col": v}
    uniform = next((v for v in per.values() if isinstance(v, float)), to_inches("2mm"))
    return uniform, per


def _n_slices(by: object, labels: pd.Index) -> int | None:
    """How many slices a split grouping makes of the current ``labels``
    (None when that cannot be told before drawing)."""
    if isinstance(by, (bool, np.bool_)):
        return None
    if isinstance(by, (int, np.integer)):
        return int(by)
    try:
        if isinstance(by, (pd.DataFrame, pd.Series, dict)):
            frame = pd.DataFrame(by) if isinstance(by, dict) else by
            if isinstance(frame, pd.Series):
                frame = frame.to_frame()
            if not labels.isin(frame.index).all():
                return None
            return int(len(frame.loc[labels].dropna().drop_duplicates()))
        if not isinstance(by, Iterable):
            return None
        values = pd.Series(list(by))
        return int(values.dropna().nunique()) if len(values) == len(labels) else None
    except (TypeError, ValueError, KeyError):
        return None


def _check_reorder(reorder: object) -> dict[str, object]:
    """``cluster(reorder=...)`` per axis: None (off), True (means) or weights."""
    if reorder is None or reorder is False:
        return {"row": None, "col": None}
    if reorder is True:
        return {"row": True, "col": True}
    if isinstance(reorder, dict):
        bad = set(reorder) - {"rows", "cols"}
        if bad:
            raise ValueError(
                f"reorder= dict keys must be 'rows' and/or 'cols', got "
                f"{sorted(map(str, bad))}"
            )
        out: dict[str, object] = {}
        for key, axis in (("rows", "row"), ("cols", "col")):
            v = reorder.get(key)
            out[axis] = None if v is None or v is False else v
        return out
    raise TypeError(
        f"reorder= takes True/False or a dict {{'rows': w, 'cols': w}} (w: True "
        f"for the means, or weights by label); got {type(reorder).__name__}"
    )


class ClusterGrid(Drawable):
    """A clustered heatmap with panels around it, built fluently.

    Parameters
    ----------
    data : DataFrame or 2-D array-like
        The matrix.  Arrays get labels ``0..n-1``.  It is copied once and
        never modified.  Missing values (NaN) are drawn as empty cells.
        Infinite values raise ValueError (they are never clipped): replace
        them first, e.g. ``df.replace([np.inf, -np.inf], np.nan)``.  For a
        long (tidy) table use :meth:`from_long`, for an AnnData
        :meth:`from_anndata`.  A scipy sparse matrix is densified if its
        float64 copy fits ``clustergrid._input.matrix.DENSE_LIMIT_BYTES`` (2 GiB),
        else refused before allocating.  A MultiIndex (and level names) is
        kept in :attr:`matrix`.  A 2-D ``dask.array.Array`` (the ``dask``
        extra; rows chunked) is never loaded whole: its rows are clustered
        in two stages on its scheduler and a sample of each micro-cluster is
        drawn, labelled by row position (:attr:`dask_sample`; see the
        scaling page).
        A polars or pyarrow table (anything speaking the Arrow PyCapsule
        interface or the dataframe interchange protocol) keeps its column
        names; it has no row index, so its rows get labels ``0..n-1``.
    cmap : str, Colormap or list of colours, optional
        Default "viridis", or "RdBu_r" when ``center`` is given.
    norm : matplotlib.colors.Normalize, optional
        Your own norm (then leave vmin/vmax/center/robust unset).  It
        colours the heatmap and every panel exactly as given (a copy is
        used): reversed or equal limits are refused rather than flipped or
        widened; limits it leaves unset come from the shown cells.  Cells
        it cannot show (a ``LogNorm`` and values <= 0) are drawn as
        missing, with a warning that counts them.
    vmin, vmax : float, optional
        Colour limits.
    center : float, optional
        Diverging scale: ``norm(center) == 0.5``.  Without vmin/vmax the
        scale is symmetric around it (``center -+ max |value - center|``);
        a vmin or vmax that is given is kept (as in seaborn), the other
        limit comes from the data (or mirrors the given one when the data
        do not pass the centre), and a ``TwoSlopeNorm`` puts the centre in
        the middle of the colormap.
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
        Colour of missing values.  Default: the colormap's own "bad"
        colour, which is transparent (the background shows) for
        matplotlib's registered colormaps and is kept for your own
        (``cmap=cm.with_extremes(bad="red")``).
    dpi : float, default 100
        Resolution of the figure for display and PNG output.
    z_score : {0, 1}, optional
        Standardise each row (0) or each column (1) before clustering and
        colouring: ``(x - mean) / std`` with ``ddof=1`` (seaborn's
        semantics; NaN skipped).  Constant rows/columns become 0 with a
        warning.
    standard_scale : {0, 1}, optional
        Scale each row (0) or column (1) to ``(x - min) / (max - min)``.
        Not together with ``z_score``.
    mask : bool DataFrame or array, or str, optional
        Cells to hide (True hides; the background shows through).  A
        DataFrame is aligned by label, an array by input position; either
        follows the reordering.  Or a triangle of the *drawn* matrix:
        "upper" / "lower" hide the cells above / below the diagonal,
        "upper+diag" / "lower+diag" hide the diagonal too.  As in
        seaborn, the automatic colour limits (and ``robust``) use only the
        cells that are shown.
    annot : bool, DataFrame or array, optional
        Write text in each cell: True writes the drawn values (after any
        transform); a DataFrame (by label) or array (by input position)
        of numbers or strings writes those.  Missing entries and masked
        cells get no text.  Black or white, whichever contrasts more with
        the cell; the size is shrunk (from the rc font size) to fit the
        cells.
    fmt : str, optional
        Format spec for the cell text, as in ``format(value, fmt)``;
        default ".2g" for numbers.
    annot_kws : dict, optional
        Text properties for the cell text (``fontsize`` turns off the
        fitting, ``color`` the contrast choice).  Checked in the
        constructor; a ``fontsize`` too large for the cells is shrunk to
        fit, with a warning, so cell text never leaves its cell.
    linewidths : float, default 0
        Width in points of the lines between cells (0: none).  Lines never
        cover more than half a cell: wider ones are narrowed, and cells too
        small for any line get none, each with a warning.
    linecolor : colour, default "white"
        Colour of those lines.
    legends : bool, default True
        When any panel offers a legend (an AnnotationBar, ``Labels(color_by=
        ...)``) and no :class:`~clustergrid.Legends` panel was added, add one
        on the right, outermost: every bar's key and the heatmap's scale
        (unless a ScaleBar shows it).  False: no automatic legends.
    cells : cg.Dots, optional
        Draw the cells as something other than the colour mesh:
        ``cells=cg.Dots(size=size_frame)`` draws a dot plot (a circle per
        cell, coloured by the matrix, its area from ``size_frame``) with a
        size legend right of the heatmap.
    border : bool or {"heatmap", "slices"}, optional
        A frame around the heatmap (True or "heatmap"; around all slices
        and the gaps between them) or around each slice ("slices").
    border_kws : dict, optional
        ``color`` (default "black") and ``linewidth`` (points, default 0.8)
        of the border.
    palette : dict, list or str, optional
        For a categorical matrix (strings or pandas categoricals): the
        colour of each category, as for an AnnotationBar (a dict category
        -> colour, a list of colours, or a qualitative colormap name;
        default tab10/tab20).  The categories get a labelled legend right
        of the heatmap.  Clustering such a matrix needs a metric on its
        codes (``.cluster(metric="hamming")``).
    legend_title : str, optional
        Title of a categorical matrix's legend.

    Examples
    --------
    >>> wine = cg.load_dataset("wine")
    >>> X = wine.drop(columns="cultivar").iloc[::20]  # 9 wines x 13 measurements
    >>> g = (cg.ClusterGrid(X, z_score=1, cmap="RdBu_r", center=0)
    ...      .cluster()
    ...      .add(cg.Dendrogram(), "left")
    ...      .add(cg.Labels(), "right")
    ...      .add(cg.ScaleBar(label="z-score"), "right"))
    >>> g.save("wine.pdf")
    >>> g.row_order[:3].tolist()  # the rows as drawn, top to bottom
    ['wine_141', 'wine_161', 'wine_001']
    """

    @in_small_pages
    def __init__(
        self,
        data: pd.DataFrame
        | npt.ArrayLike
        | scipy.sparse.sparray
        | scipy.sparse.spmatrix,
        *,
        cmap: str | mcolors.Colormap | Sequence[ColorType] | None = None,
        norm: mcolors.Normalize | None = None,
        vmin: float | None = None,
        vmax: float | None = None,
        center: float | None = None,
        robust: bool = False,
        figsize: tuple[Length, Length] | None = None,
        cell_size: Length | tuple[Length, Length] | None = None,
        square: bool = False,
        nan_color: ColorType | None = None,
        dpi: float = 100,
        z_score: int | None = None,
        standard_scale: int | None = None,
        mask: pd.DataFrame | npt.ArrayLike | str | None = None,
        annot: bool | pd.DataFrame | npt.ArrayLike | None = None,
        fmt: str | None = None,
        annot_kws: dict[str, Any] | None = None,
        linewidths: float = 0.0,
        linecolor: ColorType = "white",
        cells: Dots | None = None,
        border: bool | Literal["heatmap", "slices"] | None = None,
        border_kws: dict[str, Any] | None = None,
        palette: dict[Hashable, ColorType] | Sequence[ColorType] | str | None = None,
        legend_title: str | None = None,
        legends: bool = True,
    ) -> None:
        if not isinstance(legends, (bool, np.bool_)):
            raise TypeError(
                f"legends must be True (add the legends of the bars by themselves) "
                f"or False, got {legends!r}"
            )
        self._legends = bool(legends)
        # a dask array: stage 1 on its scheduler, then its drawn sample is the data
        self._dask, data = dask_rows(
            data, z_score=z_score, standard_scale=standard_scale, mask=mask, annot=annot
        )
        data = as_frame(data)  # polars/Arrow: a DataFrame with their column names
        cat = categorical_codes(data)
        self._categories: list[Hashable] | None = None
        if cat is not None:
            data, self._categories = cat
            for name, v in (
                ("cmap", cmap),
                ("norm", norm),
                ("vmin", vmin),
                ("vmax", vmax),
                ("center", center),
                ("z_score", z_score),
                ("standard_scale", standard_scale),
            ):
                if v is not None:
                    raise ValueError(
                        f"{name}={v!r} does not apply to a categorical matrix "
                        f"(strings or categories): its colours come from palette="
                    )
            if robust:
                raise ValueError("robust=True does not apply to a categorical matrix")
            colors = categorical_colors(self._categories, palette)
            cmap = mcolors.ListedColormap([colors[c] for c in self._categories])
            k = len(self._categories)
            norm = mcolors.BoundaryNorm(np.arange(k + 1) - 0.5, max(k, 1))
            self._category_colors = colors
        elif palette is not None:
            raise ValueError(
                "palette= colours a categorical matrix (strings or categories); "
                "this matrix is numeric: use cmap= instead"
            )
        if legend_title is not None and not isinstance(legend_title, str):
            raise TypeError(
                f"legend_title must be a string, got {type(legend_title).__name__}"
            )
        self._legend_title = legend_title
        self._data: Matrix = coerce_matrix(data)
        # the labels as given, before filter()/subset(): per-label metadata may cover them all
        self._universe = (self._data.rows, self._data.cols)
        self.dask_sample: DaskSample | None = None
        """For a dask array: the drawn rows (``positions``, micro-clusters); see
        ``clustergrid._order.dask``.  None for other data."""
        if self._dask is not None:  # per-row inputs may cover every row of the array
            self.dask_sample = self._dask.sample
            self._universe = (pd.RangeIndex(self._dask.n_rows), self._data.cols)
        if figsize is not None and cell_size is not None:
            raise ValueError(
                "give figsize (the heatmap fills what is left) or cell_size (the "
                "figure grows to fit), not both"
            )
        self._figsize = None if figsize is None else as_pair(figsize, "figsize")
        self._cell = None if cell_size is None else as_pair(cell_size, "cell_size")
        if self._figsize is not None and min(self._figsize) <= 0:
            raise ValueError(f"figsize must be positive, got {figsize!r}")
        if self._cell is not None:
            if min(self._cell) <= 0:
                raise ValueError(f"cell_size must be positive, got {cell_size!r}")
            if square and abs(self._cell[0] - self._cell[1]) > 1e-12:
                raise ValueError(
                    f"square=True needs equal cell width and height, got {cell_size!r}"
                )
        self._dpi = check_real(dpi, "dpi", low=0, low_open=True, fix="e.g. 100 or 300")
        self._square = bool(square)
        self._check_canvas()
        # colour options are checked now, at the user's line
        self._cmap = resolve_cmap(cmap, center, nan_color)
        # the options resolve_norm takes (norm, vmin, vmax, center, robust)
        self._norm_opts: dict[str, Any] = dict(
            norm=norm, vmin=vmin, vmax=vmax, center=center, robust=robust
        )
        check_norm_options(**self._norm_opts)
        self._z_score, self._standard_scale = check_transform_options(
            z_score, standard_scale
        )
        self._transformed: Matrix | None = None
        self._cells = check_cell_options(
            self._data,
            mask=mask,
            annot=annot,
            fmt=fmt,
            annot_kws=annot_kws,
            linewidths=linewidths,
            linecolor=linecolor,
        )
        if cells is not None and not isinstance(cells, Dots):
            raise TypeError(
                f"cells= takes cg.Dots(size=...) (a dot plot), got "
                f"{type(cells).__name__}; draw markers or shapes on cells with "
                f"g.layer(cg.Markers(...)) or g.layer(fn)"
            )
        self._cells_layer = None if cells is None else self._bind(cells)
        self._layers: list[Layer] = []
        self._border = Border.parse(border, border_kws)
        self._cluster: dict[str, ClusterSpec | np.ndarray | None] = {
            "row": None,
            "col": None,
        }
        self._explicit: dict[str, np.ndarray | None] = {"row": None, "col": None}
        self._slots: list[Slot] = []
        self._split: dict[str, SplitSpec | None] = {"row": None, "col": None}
        self._split_gap = to_inches("2mm")
        self._split_gaps: dict[str, float | list[float] | None] = {
            "row": None,
            "col": None,
        }  # length or list per axis
        self._reorder: dict[str, object] = {"row": None, "col": None}
        self._split_titles: bool | dict[str, Sequence[object]] | None = None
        self._compiled: Compiled | None = None
        self._target: DrawTarget | None = None
        self._version = next(_VERSIONS)
        self._result: Result | None = None
        self.obs: pd.DataFrame | None = None
        """Per-row metadata of a grid made by :meth:`from_anndata` (else None)."""
        self.var: pd.DataFrame | None = None
        """Per-column metadata of a grid made by :meth:`from_anndata` (else None)."""

    def _check_canvas(self) -> None:
        """Refuse a figure too large to allocate, before anything is drawn."""
        if self._figsize is not None:
            check_canvas(
                self._figsize[0],
                self._figsize[1],
                self._dpi,
                f"figsize={self._figsize} at dpi={self._dpi:g}",
            )
            return
        nrows, ncols = self._data.shape
        cw, ch = self._cell or self._default_cell()
        check_canvas(
            ncols * cw,
            nrows * ch,
            self._dpi,
            f"the heatmap of {nrows} x {ncols} cells of {cw:.4g} x {ch:.4g} in",
        )

    # -- builder -------------------------------------------------------------
    def _changed(self) -> Self:
        self._compiled = None
        self._version = next(_VERSIONS)  # the last drawn figure is out of date
        return self

    def _bind(self, layer: Layer) -> Layer:
        """``layer`` with its tables aligned to the current matrix (raises here)."""
        return layer.bind(self._data.rows, self._data.cols, self._universe)

    def layer(self, layer: Layer | Callable[[Axes, Cells], object]) -> Self:
        """Draw a layer on the heatmap's cells, above the colour mesh (or dots).

        Parameters
        ----------
        layer : cg.Markers or callable
            ``cg.Markers(where=..., marker="*")`` marks chosen cells (aligned
            by label).  A function ``fn(ax, cells)`` is called once per
            heatmap block (once per slice when split) with the block's axes
            and a ``clustergrid._body.layers.Cells`` of flat arrays in the
            block's data coordinates: ``x``, ``y`` (cell centres), ``value``
            (the drawn values), ``row``/``col`` (labels), ``i``/``j``
            (positions in the drawn matrix), ``masked`` and ``slice``.
            Draw with one collection per call (``ax.scatter``,
            ``PatchCollection``) to keep vector output small.

        Returns
        -------
        ClusterGrid
            The grid, for chaining.

        Examples
        --------
        >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
        >>> g = cg.ClusterGrid(X, z_score=1, cmap="RdBu_r", center=0)
        >>> big = (X - X.mean()).abs() > 2 * X.std()  # a mask aligned by label
        >>> g = g.layer(cg.Markers(where=big, marker="*", label="|z| > 2"))
        >>> g = g.layer(lambda ax, c: ax.scatter(c.x[c.masked], c.y[c.masked], marker="x"))
        >>> fig = g.draw()
        """
        self._layers.append(self._bind(as_layer(layer)))
        return self._changed()

    def cluster(
        self,
        rows: bool | npt.ArrayLike | None = True,
        cols: bool | npt.ArrayLike | None = True,
        *,
        method: str = "average",
        metric: str | Callable[..., float] = "euclidean",
        optimal_ordering: bool = False,
        two_stage: bool | None = None,
        missing: str | None = None,
        reorder: bool | dict[str, object] = False,
        progress: bool | None = None,
    ) -> Self:
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
        two_stage : bool or None
            Cluster very large axes approximately: k-means micro-clusters,
            an exact tree over them, and exact trees within each (see
            ``clustergrid._order.linkage.linkage_large``).  None (default) uses it
            only when the exact distance matrix would take more than a
            quarter of the machine's memory, with a warning; False always
            computes the exact tree.
        missing : {None, "pairwise"}
            What to do with missing values (NaN) in the axis being
            clustered.  None (default): they are an error naming the rows
            (or columns).  "pairwise": each distance uses the coordinates
            both rows have, scaled to the full length, as R's ``dist()``
            (and ComplexHeatmap): euclidean, sqeuclidean and cityblock sums
            are multiplied by ``p / c`` for ``c`` common of ``p``
            coordinates; correlation and cosine are those of the common
            coordinates.  Only these five metrics, the exact tree (not
            ``two_stage``); two rows with no coordinate in common are an
            error naming them.  An axis without missing values is
            clustered as usual.
        reorder : bool or dict, default False
            Rotate the trees by weights (ComplexHeatmap's ``row_dend_reorder``):
            at every merge the branch with the larger mean weight is drawn
            first (top / left).  The tree itself (which leaves merge, and at
            what height) is unchanged.  True weighs each row (column) by its
            mean value; a dict ``{"rows": w, "cols": w}`` gives per axis True or
            the weights (a Series/dict by label, or a list in input order).
            Also applies to each slice's own tree of a split axis.
        progress : bool or None
            A progress bar on stderr for the clustering stages (distances,
            tree; k-means iterations, upper tree and leaf trees in the
            two-stage mode), drawn once a stage has run for a second.
            None (default): only when stderr is a terminal; True: always
            (one line every few seconds when stderr is not a terminal);
            False: never.

        Notes
        -----
        A matrix with a single row (or column) clusters the other axis and
        keeps its one row as it is; a Dendrogram on that side draws
        nothing, with a warning.

        Distances are computed exactly (chunked BLAS with a precision guard,
        equal to ``scipy.spatial.distance.pdist`` to ~1e-14) and the tree by
        ``fastcluster`` when installed (the ``fast`` extra; in place, about
        half the peak memory) or scipy otherwise.

        The drawn order is scipy's ``leaves_list`` order, as in
        seaborn.clustermap.

        Returns
        -------
        ClusterGrid
            The grid, for chaining.

        Examples
        --------
        >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
        >>> g = cg.ClusterGrid(X, z_score=1).cluster(cols=False, method="ward")
        >>> g.col_order.equals(X.columns)  # the columns keep their order
        True
        >>> g.row_linkage.shape  # scipy's linkage matrix: one merge per line
        (8, 4)
        """
        check_cluster_options(method, metric, missing, two_stage)
        if (
            self._categories is not None
            and (rows is True or cols is True)
            and not (callable(metric) or metric in _CODE_METRICS)
        ):
            raise ValueError(
                f"cluster(metric={metric!r}) would treat the category codes of this "
                f"categorical matrix as numbers; use a metric for categories, "
                f"metric='hamming' (the share of differing cells), or pass a "
                f"precomputed linkage"
            )
        if two_stage not in (None, True, False):
            raise ValueError(
                f"two_stage must be None, True or False, got {two_stage!r}"
            )
        if progress is not None and not isinstance(progress, (bool, np.bool_)):
            raise TypeError(
                f"progress must be None (a bar when stderr is a terminal), True or "
                f"False, got {progress!r}"
            )
        if self._dask is not None:  # a dask array: trees from its statistics
            rows, cols = self._dask.linkages(
                rows,
                cols,
                labels=(self._data.rows, self._data.cols),
                method=method,
                metric=metric,
                optimal_ordering=bool(optimal_ordering),
                two_stage=two_stage,
                missing=missing,
            )
        spec = ClusterSpec(
            method,
            metric,
            bool(optimal_ordering),
            two_stage,
            missing,
            None if progress is None else bool(progress),
        )
        self._reorder = _check_reorder(reorder)
        for axis, w in self._reorder.items():
            if (
                w is not None and w is not True
            ):  # weights line up with the labels: check now
                from ._order.reorder import resolve_weights

                labels = self._data.rows if axis == "row" else self._data.cols
                resolve_weights(
                    w,
                    np.empty((len(labels), 0)),
                    labels,
                    "row" if axis == "row" else "column",
                    self._universe[0 if axis == "row" else 1],
                )
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

    def order(
        self,
        rows: Sequence[Hashable] | None = None,
        cols: Sequence[Hashable] | None = None,
    ) -> Self:
        """Draw rows and/or columns in an explicit order, given by label.

        Every label must appear exactly once.  This replaces clustering on
        that axis (so a Dendrogram there raises).

        Parameters
        ----------
        rows, cols : sequence of labels, optional
            The row (column) labels in the order to draw them, top to bottom
            (left to right); each label of the axis exactly once.  None
            leaves that axis as it is.

        Returns
        -------
        ClusterGrid
            The grid, for chaining.

        Raises
        ------
        ValueError
            When a label is missing, repeated or unknown (the message names
            it).

        Examples
        --------
        >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
        >>> g = cg.ClusterGrid(X).order(rows=X.index[::-1])
        >>> g.row_order[:3].tolist()
        ['wine_161', 'wine_141', 'wine_121']
        """
        for axis, arg, labels in (
            ("row", rows, self._data.rows),
            ("col", cols, self._data.cols),
        ):
            if arg is not None:
                self._explicit[axis] = check_permutation(
                    arg, labels, axis if axis == "row" else "column"
                )
                self._cluster[axis] = None
        return self._changed()

    def split(
        self,
        rows: Grouping | int | Literal[False] | None = None,
        cols: Grouping | int | Literal[False] | None = None,
        *,
        gap: Length | Sequence[Length] | dict[str, Length | Sequence[Length]] = "2mm",
        titles: bool | dict[str, Sequence[object]] | None = None,
        cluster_within: bool = True,
        kmeans: bool = False,
        repeats: int = 1,
        seed: Seed = None,
        cluster_slices: bool = False,
    ) -> Self:
        """Cut the rows and/or columns into slices drawn apart.

        Parameters
        ----------
        rows, cols : Series, dict, list, DataFrame, int, None or False
            A grouping (a Series or dict aligned by label, or a list in the
            matrix's input order): one slice per group, in category order
            (the categories' order for a categorical, else sorted).  A
            DataFrame of several grouping columns (indexed by label) splits
            by their combinations, ordered by the first column, then the
            next; titles read "A · x".  Or an int ``k``: cut the axis's tree
            into ``k`` clusters (needs ``.cluster()``); the slices keep the
            tree's leaf order.  None keeps the split an earlier call set on
            that axis (so ``.split(rows=...).split(cols=3)`` splits both);
            False removes it.
        gap : length, list of lengths, or dict, default "2mm"
            Space between slices (inches or a string such as "1.5mm").  A
            list gives one gap per boundary between slices (in drawn order);
            a dict ``{"rows": ..., "cols": ...}`` gives each axis its own.
        titles : bool, dict or None
            Draw each slice's title (its group, or its cluster number)
            above the column slices and left of the row slices.  Default:
            titles for groupings, none for ``k`` clusters.  A dict
            ``{"rows": [...], "cols": [...]}`` gives the titles.
        cluster_within : bool, default True
            With a grouping on a clustered axis, cluster each slice on its
            own (each slice's dendrogram is its own tree).  False keeps the
            order of the whole tree within each slice (dendrograms show the
            whole tree restricted to the slice).  A precomputed linkage is
            always used whole.
        kmeans : bool, default False
            An int ``k`` makes ``k`` k-means clusters of the rows (columns)
            instead of cutting the tree (ComplexHeatmap's ``row_km``); needs
            no ``.cluster()``.  Slices are numbered by their first member in
            input order, and each is clustered within itself when the axis
            is clustered.
        repeats : int, default 1
            k-means runs (``scipy.cluster.vq.kmeans2``, k-means++ starts);
            the run with the smallest within-cluster sum of squares is kept.
        seed : int or numpy Generator, optional
            Seeds the k-means runs: the same seed gives the same slices.
        cluster_slices : bool, default False
            Order the slices by similarity (ComplexHeatmap's
            ``cluster_row_slices``): the slices follow the leaf order of
            ``scipy.cluster.hierarchy.linkage`` of the slices' mean rows
            (columns), with the axis's ``.cluster()`` method and metric
            (average/euclidean if not clustered).  A Dendrogram on that axis
            then draws this tree over the slices' trees.

        Notes
        -----
        ``row_order``/``col_order`` stay the full drawn order.

        Returns
        -------
        ClusterGrid
            The grid, for chaining.

        Examples
        --------
        >>> wine = cg.load_dataset("wine").iloc[::20]
        >>> g = (cg.ClusterGrid(wine.drop(columns="cultivar"), z_score=1)
        ...      .cluster()
        ...      .split(rows=wine["cultivar"]))  # one slice per cultivar
        >>> len(g.row_slices)
        3
        """
        for axis, arg in (("rows", rows), ("cols", cols)):
            if arg is not None and arg is not False:
                check_split_arg(arg, axis)
        check_split_options(kmeans, repeats, seed, cluster_slices)
        if titles is not None and not isinstance(titles, (bool, dict)):
            raise TypeError(
                "titles= takes True/False or a dict {'rows': [...], 'cols': [...]}, "
                f"got {type(titles).__name__}"
            )
        if isinstance(titles, dict) and set(titles) - {"rows", "cols"}:
            raise ValueError(
                f"titles= dict keys must be 'rows' and/or 'cols', got {sorted(titles)}"
            )
        # None keeps what an earlier call set for that axis; False removes it
        for key, arg in (("row", rows), ("col", cols)):
            if arg is False:
                self._split[key] = None
            elif arg is not None:
                self._split[key] = SplitSpec(
                    as_frame(arg),
                    bool(cluster_within),
                    bool(kmeans),
                    int(repeats),
                    seed,
                    bool(cluster_slices),
                )
        self._split_gap, self._split_gaps = _parse_gap(gap)
        for axis in (
            "row",
            "col",
        ):  # a gap per boundary: check the count here, at the call
            given, sp = self._split_gaps[axis], self._split[axis]
            if isinstance(given, list) and sp is not None:
                n = _n_slices(
                    sp.by, self._data.rows if axis == "row" else self._data.cols
                )
                if n is not None:
                    self._gaps_for(axis, n)
        self._split_titles = titles
        return self._changed()

    def _gaps_for(self, axis: str, n_slices: int) -> tuple[float, ...]:
        """The gap after each slice but the last, in inches."""
        given = self._split_gaps[axis]
        if given is None:
            given = self._split_gap
        if not isinstance(given, list):
            return (float(given),) * (n_slices - 1)
        if len(given) != n_slices - 1:
            key = "rows" if axis == "row" else "cols"
            raise ValueError(
                f"split gap= gives {len(given)} gaps for the {key}, but the {key} "
                f"are split into {n_slices} slices: give {n_slices - 1} (one per "
                "boundary), or one length for all"
            )
        return tuple(given)

    def _slice_titles(self, axis: str, sl: Slices) -> list[str] | None:
        """The titles to draw for one axis's slices, or None."""
        spec = self._split[axis]
        if spec is None:
            return None
        t = self._split_titles
        key = "rows" if axis == "row" else "cols"
        if isinstance(t, dict):
            if key not in t:
                return None
            given = [str(x) for x in t[key]]
            if len(given) != len(sl):
                raise ValueError(
                    f"titles['{key}'] has {len(given)} titles but the {key} are split "
                    f"into {len(sl)} slices; give one title per slice"
                )
            return given
        is_k = isinstance(spec.by, (int, np.integer))
        show = (not is_k) if t is None else bool(t)
        return list(sl.titles) if show else None

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

    def add(
        self,
        panel: Panel,
        side: str | None = None,
        *,
        size: SizeLike | None = None,
        pad: float | str | None = None,
    ) -> Self:
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

        Returns
        -------
        ClusterGrid
            The grid, for chaining.

        Examples
        --------
        >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
        >>> g = (cg.ClusterGrid(X, z_score=1).cluster()
        ...      .add(cg.Dendrogram(), "left", size="15mm")
        ...      .add(cg.Labels(), "right")
        ...      .add(cg.ScaleBar(), "top-right"))
        >>> [type(p).__name__ for p in g.panels]
        ['Dendrogram', 'Labels', 'ScaleBar']
        """
        if side is None and isinstance(panel, Panel):
            side = panel.default_side
            if side is None:
                raise TypeError(
                    f"add() needs a side for {type(panel).__name__}: e.g. "
                    f"add({type(panel).__name__}(...), 'right')"
                )
        if isinstance(panel, type) and issubclass(panel, Panel):
            raise TypeError(
                f"add() needs a panel instance: write {panel.__name__}() "
                f"instead of {panel.__name__}"
            )
        if not isinstance(panel, Panel):
            raise TypeError(
                f"add() needs a clustergrid Panel (Dendrogram(), Labels(), ...), "
                f"got {type(panel).__name__}"
            )
        if not isinstance(side, str) or side not in SIDES + CORNERS:
            raise ValueError(
                f"unknown side {side!r}; use one of {', '.join(SIDES)}, or a corner: "
                f"{', '.join(CORNERS)}"
            )
        if any(s.panel is panel for s in self._slots):
            raise ValueError(
                f"this {type(panel).__name__} is already added; create a new one "
                "for each place"
            )
        if side in CORNERS:
            if size is not None:
                raise ValueError(
                    "a corner panel fills its corner box; size= does not apply there"
                )
            if any(s.side == side for s in self._slots):
                raise ValueError(f"the {side} corner already holds a panel")
        sz = as_size(size if size is not None else panel.default_size)
        pd_ = panel.default_pad if pad is None else to_inches(pad, "pad")
        self._slots.append(Slot(panel, side, sz, pd_))
        return self._changed()

    @classmethod
    def from_long(
        cls,
        df: pd.DataFrame,
        index: Hashable,
        columns: Hashable,
        values: Hashable,
        agg: str | Callable[[pd.Series], float] | None = "mean",
        **grid_kwargs: Any,
    ) -> Self:
        """A grid from a long (tidy) table, pivoted.

        Parameters
        ----------
        df : DataFrame
            One row per observation; not modified.
        index, columns, values : column names
            The heatmap's rows come from ``df[index]``, its columns from
            ``df[columns]``, the cells from ``df[values]``.
        agg : str, callable or None, default "mean"
            How several rows for one (index, column) pair are combined:
            "mean", "median", "max", "min", "sum", "count", or a function
            of a Series returning a number.  None requires each pair to
            occur once (a duplicated pair raises ValueError naming it).
        **grid_kwargs
            Passed to :class:`ClusterGrid` (cmap, center, z_score, ...).

        Notes
        -----
        Pairs that never occur are missing (NaN) and drawn as empty cells:
        ``nan_color`` if given, else the background.  Rows and columns are
        sorted (categoricals in category order).

        Examples
        --------
        >>> tidy = cg.load_dataset("pbmc_long")  # cell_type, gene, expression
        >>> g = cg.ClusterGrid.from_long(tidy, index="gene", columns="cell_type",
        ...                              values="expression", agg="mean")
        >>> g.matrix.shape  # genes x cell types
        (28, 10)
        """
        return cls(pivot_long(df, index, columns, values, agg), **grid_kwargs)

    @classmethod
    def from_anndata(
        cls,
        adata: Any,  # an anndata.AnnData (an optional dependency without types)
        var_names: Sequence[Hashable] | None = None,
        *,
        groupby: str | Sequence[str] | None = None,
        layer: str | None = None,
        use_raw: bool = False,
        agg: str = "mean",
        max_bytes: int | None = None,
        **grid_kwargs: Any,
    ) -> Self:
        """A grid from an AnnData (single-cell data): cells x genes, or
        groups x genes.

        Parameters
        ----------
        adata : anndata.AnnData
            Not modified.  ``X`` (or the layer) may be dense or scipy sparse.
        var_names : list of str, optional
            The genes (columns), in this order; default all.  A gene not in
            ``adata.var_names`` (or ``adata.raw.var_names``) raises
            ValueError naming it.
        groupby : str or list of str, optional
            obs column(s): one row per group (categories in their order,
            groups without cells left out; several columns give combined
            labels ``"a_b"``), each cell of the heatmap ``agg`` over the
            group's cells, as scanpy's ``matrixplot``.  Without it, one row
            per cell.
        layer : str, optional
            Read ``adata.layers[layer]`` instead of ``adata.X``.
        use_raw : bool, default False
            Read ``adata.raw.X`` (and ``adata.raw.var_names``).
        agg : {"mean", "median", "max", "min", "sum", "count"}
            How a group's cells are combined (missing values skipped;
            "count" counts the non-missing values, zeros included).  Only
            with ``groupby``.
        max_bytes : int, optional
            The largest dense float64 matrix a sparse one may be expanded
            to; default ``clustergrid._input.matrix.DENSE_LIMIT_BYTES`` (2 GiB).
            A larger one is refused before anything is allocated (mean, sum
            and count of groups never densify).
        **grid_kwargs
            Passed to :class:`ClusterGrid` (cmap, center, z_score, ...).

        Notes
        -----
        The returned grid keeps the row and column tables as :attr:`obs`
        (cells: ``adata.obs``; groups: ``n_cells`` and every obs column
        constant within each group) and :attr:`var`, so obs columns are
        annotation values by name: ``cg.AnnotationBar(g.obs["louvain"])``
        (a Series named after its column, aligned by label).  Needs the
        ``anndata`` extra only to build the AnnData.

        Examples
        --------
        >>> import anndata
        >>> adata = anndata.AnnData(cg.load_dataset("pbmc"), obs=cg.load_dataset("pbmc_obs"))
        >>> markers = ["CD3E", "LYZ", "NKG7", "CST3"]
        >>> g = (cg.ClusterGrid.from_anndata(adata, markers, groupby="bulk_labels",
        ...                                  standard_scale=1)
        ...      .cluster().add(cg.Labels(), "left"))
        >>> g.matrix.shape  # cell types x genes
        (10, 4)
        >>> int(g.obs["n_cells"].sum())
        700
        """
        from ._input.anndata import anndata_matrix

        frame, obs, var = anndata_matrix(
            adata,
            var_names,
            groupby=groupby,
            layer=layer,
            use_raw=use_raw,
            agg=agg,
            max_bytes=max_bytes,
        )
        g = cls(frame, **grid_kwargs)
        g.obs, g.var = obs, var
        return g

    def filter(self, expr: str) -> Self:
        """Keep the rows and columns that pass a criterion (the AMiGA
        heatmap filter language).

        Parameters
        ----------
        expr : str
            Criteria ``row|col any|all >|>=|<|<=|= NUMBER`` joined with OR
            and AND (AND binds tighter), e.g. ``"row any >= 1.2 OR col all
            < 0.5"``.  Row criteria select rows, column criteria select
            columns; an axis without criteria is kept whole.  Missing values
            are skipped.

        Notes
        -----
        The criteria test the input values (before ``z_score`` or
        ``standard_scale``, which then see only the kept rows and columns).
        Calls chain: each filter or subset works on what the previous one
        kept.  A malformed expression raises ValueError quoting the bad
        token; a filter that keeps nothing raises ValueError.
        """
        f = parse_filter(expr)
        rows, cols = evaluate_filter(f, self._data.values)
        for keep, what in ((rows, "rows"), (cols, "columns")):
            if keep is not None and not keep.any():
                v = self._data.values
                lo, hi = (
                    (np.nanmin(v), np.nanmax(v))
                    if not np.isnan(v).all()
                    else (np.nan, np.nan)
                )
                raise ValueError(
                    f"filter {expr!r} keeps no {what} (the values range from "
                    f"{lo:g} to {hi:g}); loosen the threshold"
                )
        # an axis kept whole is not copied
        return self._select(
            None if rows is None or rows.all() else np.flatnonzero(rows),
            None if cols is None or cols.all() else np.flatnonzero(cols),
        )

    def subset(
        self,
        rows: Sequence[Hashable] | None = None,
        cols: Sequence[Hashable] | None = None,
    ) -> Self:
        """Keep only the given rows and/or columns, by label.

        The labels are kept in the order given (until clustering or
        ``order()`` reorders them); every label must exist.  None keeps an
        axis whole.  The data passed to the grid is not changed; values
        given by label to panels (annotations, tracks) may still cover the
        labels left out.

        Parameters
        ----------
        rows, cols : sequence of labels, optional
            The row (column) labels to keep, in the order to keep them.

        Returns
        -------
        ClusterGrid
            The grid, for chaining.

        Raises
        ------
        ValueError
            When a label does not exist or is given twice (the message names
            it).

        Examples
        --------
        >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
        >>> g = cg.ClusterGrid(X).subset(cols=["alcohol", "ash", "hue"])
        >>> g.matrix.shape
        (9, 3)
        >>> g.col_order.tolist()
        ['alcohol', 'ash', 'hue']
        """
        r = None if rows is None else select_labels(rows, self._data.rows, "row")
        c = None if cols is None else select_labels(cols, self._data.cols, "column")
        return self._select(r, c)

    def _select(self, rows: np.ndarray | None, cols: np.ndarray | None) -> Self:
        """Narrow the matrix to these positions; keep the spec consistent."""
        old = self._data
        for axis, pos in (("row", rows), ("col", cols)):
            if pos is None:
                continue
            n_old = old.shape[0 if axis == "row" else 1]
            if isinstance(self._cluster[axis], np.ndarray) and not np.array_equal(
                pos, np.arange(n_old)
            ):
                raise ValueError(
                    f"a precomputed {axis} linkage was given for {n_old} {axis}s, "
                    f"but filter()/subset() changes them ({len(pos)} kept); filter "
                    f"first and then "
                    f"pass a linkage for the kept {axis}s, or use "
                    f".cluster({axis}s=True)"
                )
        for axis, pos in (
            ("row", rows),
            ("col", cols),
        ):  # checked above, now change the spec
            if pos is not None and self._explicit[axis] is not None:
                # keep the explicit order of the kept labels
                n_old = old.shape[0 if axis == "row" else 1]
                new_pos = np.full(n_old, -1)
                new_pos[pos] = np.arange(len(pos))
                e = new_pos[self._explicit[axis]]
                self._explicit[axis] = e[e >= 0]
        self._data = old.take(rows, cols)
        self._transformed = None
        return self._changed()

    def _prepared(self) -> Matrix:
        """The matrix to cluster and colour: the selection, transformed."""
        if self._transformed is None:
            self._transformed = apply_transform(
                self._data, self._z_score, self._standard_scale
            )
        return self._transformed

    def on(self, target: DrawTarget) -> Self:
        """Draw into an existing Figure, SubFigure or SubplotSpec (its size is
        kept; the heatmap takes the room the panels leave).

        Parameters
        ----------
        target : Figure, SubFigure or SubplotSpec
            Where :meth:`draw`, :meth:`save` and :meth:`show` draw.  A
            Figure or SubFigure must hold no axes of its own (the grid fills
            it); use a SubplotSpec or a SubFigure for a free region of a
            figure that has other axes.

        Returns
        -------
        ClusterGrid
            The grid, for chaining.

        Examples
        --------
        >>> from matplotlib.figure import Figure
        >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
        >>> fig = Figure(figsize=(8, 4))
        >>> left, right = fig.subfigures(1, 2)
        >>> _ = cg.ClusterGrid(X, z_score=1).cluster().on(left).draw()
        >>> _ = cg.ClusterGrid(X, standard_scale=1).on(right).draw()
        >>> fig.get_size_inches().tolist()  # the figure keeps its size
        [8.0, 4.0]
        """
        self._target = target
        self._version = next(_VERSIONS)
        return self

    # -- what the grid exposes ---------------------------------------------------
    @in_small_pages
    def _compile(self) -> Compiled:
        if self._compiled is not None:
            return self._compiled
        d = self._prepared()
        values = d.values
        if self._categories is not None and np.isnan(values).any():
            # a missing call is one more category for clustering: it differs from every call
            values = np.where(np.isnan(values), -1.0, values)
        idx: dict[str, np.ndarray] = {}
        links: dict[str, np.ndarray | None] = {}
        slices: dict[str, Slices | None] = {"row": None, "col": None}
        for axis in ("row", "col"):
            n = d.shape[0 if axis == "row" else 1]
            spec = self._cluster[axis]
            labels = d.rows if axis == "row" else d.cols
            sp = self._split[axis]
            tree_cut = (
                isinstance(sp.by, (int, np.integer)) and not sp.kmeans if sp else False
            )
            within = sp is not None and sp.cluster_within and not tree_cut
            if isinstance(spec, ClusterSpec) and n == 1:
                Z = None  # an axis of one is ordered as it is (as ComplexHeatmap does)
            elif isinstance(spec, ClusterSpec) and within:
                Z = None  # each slice is clustered on its own by split_axis
            elif isinstance(spec, ClusterSpec):
                obs = values if axis == "row" else values.T
                Z = compute_linkage(np.ascontiguousarray(obs), spec, labels, axis)
            elif spec is not None:
                Z = spec
            else:
                Z = None
            weights = None
            if self._reorder[axis] is not None and spec is not None:
                from ._order.reorder import reorder_linkage, resolve_weights

                weights = resolve_weights(
                    self._reorder[axis],
                    values if axis == "row" else values.T,
                    labels,
                    "row" if axis == "row" else "column",
                    self._universe[0 if axis == "row" else 1],
                )
                Z = None if Z is None else reorder_linkage(Z, weights)
            links[axis] = Z
            if Z is not None:
                from ._order.cluster import leaves_list

                idx[axis] = leaves_list(Z)
            elif (explicit := self._explicit[axis]) is not None:
                idx[axis] = explicit
            else:
                idx[axis] = np.arange(n)
            if sp is not None:
                sl = split_axis(
                    sp,
                    labels=labels,
                    values=values if axis == "row" else values.T,
                    index=idx[axis],
                    linkage=links[axis],
                    cluster=spec if isinstance(spec, ClusterSpec) else None,
                    what="row" if axis == "row" else "column",
                    universe=self._universe[0 if axis == "row" else 1],
                    weights=weights,
                )
                slices[axis] = dataclasses.replace(
                    sl, gaps=self._gaps_for(axis, len(sl))
                )
                idx[axis] = sl.index
        matrix = d.frame(idx["row"], idx["col"])
        cells = None if self._cells.empty else self._cells.resolved(matrix)
        # colour limits from the cells that are shown (seaborn): masked cells are left out
        if self._categories is None:
            norm = resolve_norm(
                matrix.to_numpy(),
                **self._norm_opts,
                mask=None if cells is None else cells.hidden(matrix),
            )
        else:
            norm = self._norm_opts["norm"]
        layers = tuple(
            self._bind(x) for x in [self._cells_layer] + self._layers if x is not None
        )
        if self._border is not None:
            layers += (self._border,)
        self._compiled = Compiled(
            matrix,
            idx["row"],
            idx["col"],
            links["row"],
            links["col"],
            norm,
            self._cmap,
            slices["row"],
            slices["col"],
            cells=cells,
            row_universe=self._universe[0],
            col_universe=self._universe[1],
            layers=layers,
        )
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
    def _plan(self, name: str = "") -> Plan:
        """The spec resolved for the render stage (orders, colours, panels)."""
        comp = self._compile()
        return Plan(
            comp,
            tuple(self._slots + self._auto_slots(comp)),
            self._figsize,
            self._cell or self._default_cell(),
            self._square,
            self._dpi,
            gap=(self._split_gap, self._split_gap),
            name=name,
        )

    def draw(self, target: DrawTarget | None = None) -> Figure:
        """Lay out and draw; return the Figure.

        Parameters
        ----------
        target : Figure, SubFigure or SubplotSpec, optional
            Draw into it (keeping its size) instead of a new Figure.  A
            Figure or SubFigure must hold no other axes.

        Returns
        -------
        Figure
            The new figure, or the target's root figure.

        Each call draws afresh: a new figure (or the target is cleared of
        this grid's previous axes), so axes are never duplicated.
        :meth:`save`, :meth:`show` and notebook display reuse the last drawn
        figure while the spec is unchanged, so matplotlib edits made after
        ``draw()`` are kept.
        """
        from ._render.render import render

        plan = self._plan()
        target = target if target is not None else self._target
        last = self._result
        if target is not None and last is not None and last.target is target:
            last.remove()
        result = render([plan], target=target)
        result.version = (self._version, id(target) if target is not None else None)
        self._result = result
        return result.figure

    def _current_figure(self) -> Figure:
        """The last drawn figure if the spec is unchanged since, else a new draw."""
        r = self._result
        key = (self._version, id(self._target) if self._target is not None else None)
        if r is not None and r.version == key:
            return r.figure
        return self.draw()

    # -- the last drawn result ---------------------------------------------------
    @property
    def result(self) -> Result | None:
        """What the last draw produced (a ``clustergrid.result.Result``:
        figure, heatmap axes, solved layout and each panel's drawing), or
        None before the first draw."""
        return self._result

    @property
    def figure(self) -> Figure | None:
        """The last drawn figure (None before drawing)."""
        return None if self._result is None else self._result.figure

    @property
    def ax_heatmap(self) -> Axes | None:
        """The heatmap axes of the last draw (the first block's when split)."""
        return None if self._result is None else self._result.grids[0].ax_heatmap

    @property
    def heatmap_axes(self) -> list[list[Axes]]:
        """After drawing: the heatmap axes, one per (row slice, column slice)."""
        return [] if self._result is None else self._result.grids[0].heatmap_axes

    @property
    def layout(self) -> LayoutModel | None:
        """The solved layout of the last draw (``layout.dump()`` prints it)."""
        return None if self._result is None else self._result.grids[0].layout

    @property
    def _drawn_slots(self) -> list[Slot]:
        return (
            []
            if self._result is None
            else [d.slot for d in self._result.grids[0].panels]
        )

    def _auto_slots(self, comp: Compiled) -> list[Slot]:
        """Panels the grid adds itself: the layers' legend (right), a Legends
        panel outermost on the right when a panel offers a legend and none
        was added, and the slice titles (outermost)."""
        from .panels.layerlegend import LayerLegend
        from .panels.legends import Legends
        from .panels.title import SliceTitles

        out: list[Slot] = []
        items = [it for x in comp.layers for it in x.legend_items()]
        if self._categories is not None:
            used = np.unique(
                comp.matrix.to_numpy()[np.isfinite(comp.matrix.to_numpy())]
            )
            cats = [self._categories[int(k)] for k in used]
            items.append(
                (
                    "categories",
                    (self._legend_title, [(c, self._category_colors[c]) for c in cats]),
                )
            )
        if items:
            # each layer offers its own kind of item (a Dots, a Markers, ...)
            layer_legend = LayerLegend(cast("list[tuple[str, LayerItem]]", items))
            out.append(
                Slot(
                    layer_legend,
                    "right",
                    as_size(layer_legend.default_size),
                    layer_legend.default_pad,
                    auto=True,
                )
            )
        for axis, side in (("col", "top"), ("row", "left")):
            sl = comp.col_slices if axis == "col" else comp.row_slices
            if sl is None:
                continue
            sides = ("top", "bottom") if axis == "col" else ("left", "right")
            if any(
                getattr(s.panel, "titles_slices", False) and s.side in sides
                for s in self._slots
            ):
                continue  # a SliceTitles (or Blocks) added by hand replaces the automatic one
            titles = self._slice_titles(axis, sl)
            if titles:
                p = SliceTitles(titles)
                out.append(
                    Slot(p, side, as_size(p.default_size), p.default_pad, auto=True)
                )
        panels = [s.panel for s in self._slots]
        if (
            self._legends
            and not any(isinstance(p, Legends) for p in panels)
            and any(p.offers_legend() for p in panels)
        ):
            leg = Legends()
            out.append(
                Slot(
                    leg, "right", as_size(leg.default_size), leg.default_pad, auto=True
                )
            )
        return out

    def __add__(self, other: object) -> ConcatGrid:
        """``g1 + g2``: the grids side by side, sharing ``g1``'s row order
        (see :func:`clustergrid.concat`)."""
        return self._concat(other, 1, "+")

    def __truediv__(self, other: object) -> ConcatGrid:
        """``g1 / g2``: ``g1`` above ``g2``, sharing ``g1``'s column order
        (see :func:`clustergrid.concat` with ``axis=0``)."""
        return self._concat(other, 0, "/")

    def _concat(self, other: object, axis: int, op: str) -> ConcatGrid:
        from .concat import ConcatGrid, nesting_error

        if isinstance(other, ConcatGrid) and other.axis == axis:
            return ConcatGrid([self] + other.grids, axis=axis)
        if isinstance(other, ConcatGrid):
            raise nesting_error()
        if isinstance(other, ClusterGrid):
            return ConcatGrid([self, other], axis=axis)
        if isinstance(other, Panel):
            raise TypeError(
                f"cannot add a {type(other).__name__} to a grid with '{op}': "
                f"use .add({type(other).__name__}(...), side)"
            )
        return NotImplemented

    def __repr__(self) -> str:
        nrows, ncols = self._data.shape
        panels = (
            ", ".join(f"{type(s.panel).__name__}@{s.side}" for s in self._slots)
            or "no panels"
        )
        return f"<ClusterGrid {nrows}x{ncols}: {panels}>"
