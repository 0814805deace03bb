"""ClusterGrid: the fluent builder.  It holds a spec and draws nothing until
:meth:`ClusterGrid.draw`, :meth:`~ClusterGrid.save`, :meth:`~ClusterGrid.show`
or notebook display.

Each method checks its arguments with its function in ``_spec`` and records
them; :meth:`ClusterGrid._compile` hands the spec to the ordering stage and the
plan builder (``_plan.compile``, ``_plan.build``)."""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import matplotlib.colors as mcolors
import pandas as pd
from matplotlib.figure import Figure

from ._body.dots import Dots
from ._body.layers import as_layer
from ._input.constructors import TableConstructors
from ._input.matrix import Matrix
from ._input.transform import apply_transform
from ._output.drawable import Drawable
from ._plan.build import build_plan
from ._plan.compile import compile_grid
from ._plan.plan import OrderedMatrix, Plan, Slot
from ._plan.views import CompiledViews
from ._spec.add import check_add
from ._spec.auto_panels import auto_slots
from ._spec.grid_options import check_grid_options
from ._spec.ordering import check_cluster, check_order
from ._spec.selection import Selection
from ._spec.split import check_split
from ._spec.state import VERSIONS as _VERSIONS
from ._spec.state import GridState
from ._support.buffers import in_small_pages
from .panels.base import Panel
from .sizes import SizeLike

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
    from .result import DrawTarget, Result

    Length = float | str
    """A length: inches, or a string with a unit ("12mm", "10pt", "0.5in")."""
    Grouping = pd.Series | pd.DataFrame | dict[Hashable, Hashable] | Sequence[Hashable]
    """A split grouping: aligned by label (Series, dict, DataFrame of several
    grouping columns) or by input position (a list)."""

__all__ = ["ClusterGrid", "OrderedMatrix"]


class ClusterGrid(TableConstructors, CompiledViews, Selection, GridState, Drawable):
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
        float64 copy fits :data:`~clustergrid.DENSE_LIMIT_BYTES` (2 GiB), else refused
        before allocating.  A MultiIndex (and level names) is
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
    rc : dict, optional
        matplotlib rcParams for this grid (e.g. ``{"font.size": 7}``),
        applied over those in force when the grid is made.
    style : str, dict, path or list, optional
        A matplotlib style (as :func:`matplotlib.style.use` takes), applied
        before ``rc``.

    Notes
    -----
    The grid is drawn with the rcParams in force when it is made (then
    ``style``, then ``rc``), whenever it is drawn or saved: ``with
    plt.rc_context({"font.size": 7}): g = cg.ClusterGrid(X)`` draws at 7 pt
    even when ``g.save()`` is called outside the ``with``.  The
    ``savefig.*`` keys and the file formats' (``pdf.*``, ``svg.*``, ...)
    are read when saving, as matplotlib does.  A concatenation is drawn
    with its main grid's.

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
        rc: dict[str, Any] | None = None,
        style: str | dict[str, Any] | os.PathLike[str] | list[Any] | None = None,
    ) -> None:
        # the options above, by name, to their checks (_spec.grid_options)
        options = {k: v for k, v in locals().items() if k not in ("self", "data")}
        o = check_grid_options(data, **options)
        GridState.__init__(self, o)
        self.dask_sample: DaskSample | None = None if o.dask is None else o.dask.sample
        """For a dask array: the drawn rows (``positions``, micro-clusters); see
        the scaling page.  None for other data."""
        self._target: DrawTarget | None = None
        self._result: Result | None = None
        self.obs: pd.DataFrame | None = None
        """Per-row metadata of a grid made by :meth:`from_anndata` (else None)."""
        self.var: pd.DataFrame | None = None
        """Per-column metadata of a grid made by :meth:`from_anndata` (else None)."""

    # -- builder -------------------------------------------------------------
    def layer(self, layer: Layer | Callable[[Axes, Cells], object]) -> Self:
        """Draw a layer on the heatmap's cells, above the colour mesh (or dots).

        Parameters
        ----------
        layer : cg.Markers or callable
            ``cg.Markers(where=..., marker="*")`` marks chosen cells (aligned
            by label).  A function ``fn(ax, cells)`` is called once per
            heatmap block (once per slice when split) with the block's axes
            and a :class:`~clustergrid.Cells` of flat arrays in the
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
            an exact tree over them, and exact trees within each (see the
            scaling page).  None (default) uses it
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
        self._axes = check_cluster(
            rows,
            cols,
            method=method,
            metric=metric,
            optimal_ordering=optimal_ordering,
            two_stage=two_stage,
            missing=missing,
            reorder=reorder,
            progress=progress,
            requests=self._axes,
            data=self._data,
            universe=self._universe,
            categorical=self._categories is not None,
            dask=self._dask,
        )
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
        self._axes = check_order(rows, cols, self._axes, self._data)
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
        s = check_split(
            rows,
            cols,
            gap=gap,
            titles=titles,
            cluster_within=cluster_within,
            kmeans=kmeans,
            repeats=repeats,
            seed=seed,
            cluster_slices=cluster_slices,
            requests=self._axes,
            data=self._data,
        )
        self._axes, self._split_gap, self._split_titles = s.requests, s.gap, s.titles
        return self._changed()

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
        self._slots.append(check_add(panel, side, size, pad, self._slots))
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
    def _compile(self) -> OrderedMatrix:
        """The spec compiled (kept until it changes): the ordering stage, then
        the matrix in drawn order, cell options, colour scale and layers."""
        if self._compiled is None:
            self._compiled = compile_grid(
                self._prepared(),
                self._axes,
                universe=self._universe,
                categorical=self._categories is not None,
                cells=self._cells,
                norm_opts=self._norm_opts,
                cmap=self._cmap,
                layers=[self._cells_layer, *self._layers],
                border=self._border,
            )
        return self._compiled

    @property
    def panels(self) -> list[Panel]:
        """The panels in the order they were added."""
        return [s.panel for s in self._slots]

    # -- output ----------------------------------------------------------------
    def _plan(self, name: str = "") -> Plan:
        """The spec resolved for the render stage (orders, colours, panels)."""
        comp = self._compile()
        return build_plan(
            comp,
            self._slots + self._auto_slots(comp),
            figsize=self._figsize,
            cell=self._cell,
            square=self._square,
            dpi=self._dpi,
            gap=self._split_gap,
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
        return super().draw(target)

    def _plans(self) -> list[Plan]:
        """The draw protocol (``_output/drawable.py``): this grid's plan."""
        return [self._plan()]

    def _spec_version(self) -> int:
        """The draw protocol: changes with every change of the spec."""
        return self._version

    def _draw_rc(self) -> dict[str, Any]:
        """The draw protocol: the rcParams at build (with rc=, style=)."""
        return self._rc

    # -- the last drawn result ---------------------------------------------------
    @property
    def result(self) -> Result | None:
        """What the last draw produced (a :class:`clustergrid.result.Result`:
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

    def _auto_slots(self, comp: OrderedMatrix) -> list[Slot]:
        """Panels the grid adds itself: the layers' legend (right), a Legends
        panel outermost on the right when a panel offers a legend and none
        was added, and the slice titles (outermost)."""
        return auto_slots(
            comp,
            self._slots,
            categories=self._categories,
            category_colors=self._category_colors,
            legend_title=self._legend_title,
            legends=self._legends,
            split={axis: r.split for axis, r in self._axes.items()},
            titles=self._split_titles,
        )

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
