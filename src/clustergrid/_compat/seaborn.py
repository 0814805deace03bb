"""``cg.clustermap`` and ``cg.heatmap``: seaborn's two matrix functions, with
seaborn's arguments and result attributes, on clustergrid's layout.

The argument names are mapped by :mod:`clustergrid._compat.seaborn_args` (the one
mapping, shared with the command line's ``--kwargs``); this module turns the
mapped options into a :class:`SeabornGrid` with the default panels seaborn
draws, and gives it seaborn's attributes (``ax_heatmap``,
``dendrogram_row.reordered_ind``, ``data2d``, ``savefig``, ...).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
import matplotlib.colors as mcolors
import numpy as np
import numpy.typing as npt
import pandas as pd
from matplotlib.figure import Figure

from .._input.frame import as_frame, by_position
from ..grid import ClusterGrid
from ..panels.annotation import AnnotationBar, is_missing
from ..panels.dendrogram import Dendrogram
from ..panels.labels import Labels
from ..panels.scalebar import ScaleBar
from ..sizes import Relative
from . import seaborn_args as _seaborn

if TYPE_CHECKING:  # pragma: no cover
    import os
    from typing import BinaryIO

    from matplotlib.axes import Axes
    from matplotlib.typing import ColorType

    # scipy-stubs' TypedDict of what scipy.cluster.hierarchy.dendrogram returns
    from scipy.cluster.hierarchy import _DendrogramResult

    from ..result import GridResult

__all__ = ["clustermap", "heatmap", "SeabornGrid", "DendrogramResult"]

_WHITE = (1.0, 1.0, 1.0)


class DendrogramResult:
    """seaborn's ``dendrogram_row`` / ``dendrogram_col``: one axis's tree.

    Attributes
    ----------
    linkage : ndarray
        The scipy linkage matrix.
    reordered_ind : list of int
        The drawn order as positions in the input (scipy's ``leaves_list``).
    dendrogram : dict
        ``scipy.cluster.hierarchy.dendrogram(linkage, no_plot=True)``
        (``icoord``, ``dcoord``, ``leaves``, ...), computed when first read.
    independent_coord, dependent_coord : list
        The dendrogram's ``icoord`` / ``dcoord`` (seaborn's names).
    """

    def __init__(self, linkage: np.ndarray, reordered: np.ndarray) -> None:
        self.linkage = linkage
        self.reordered_ind = [int(i) for i in reordered]
        self._dendrogram: _DendrogramResult | None = None

    @property
    def dendrogram(self) -> _DendrogramResult:
        if self._dendrogram is None:
            from scipy.cluster.hierarchy import dendrogram

            self._dendrogram = dendrogram(
                self.linkage, no_plot=True, color_threshold=-np.inf
            )
        return self._dendrogram

    @property
    def independent_coord(self) -> Sequence[Sequence[float]]:
        return self.dendrogram["icoord"]

    @property
    def dependent_coord(self) -> Sequence[Sequence[float]]:
        return self.dendrogram["dcoord"]

    def __repr__(self) -> str:
        return f"<DendrogramResult of {len(self.reordered_ind)} leaves>"


class SeabornGrid(ClusterGrid):
    """The :class:`~clustergrid.ClusterGrid` that :func:`clustermap` and
    :func:`heatmap` return, with seaborn's result attributes.

    It is an ordinary grid: more panels can be added, and it is drawn by
    :meth:`draw`, :meth:`save` (alias :meth:`savefig`) or display.  The axes
    attributes (``ax_heatmap``, ``ax_row_dendrogram``, ``ax_col_dendrogram``,
    ``ax_row_colors``, ``ax_col_colors``, ``ax_cbar``) and ``figure``/``fig``
    draw the grid when it has not been drawn since its last change, so
    ``g.ax_heatmap.set_xlabel(...)`` followed by ``g.savefig(...)`` keeps the
    edit.  An axes seaborn would leave empty (the dendrogram of an axis that
    is not clustered, the colour bars when none were given, the scale with
    ``cbar_pos=None``) is None.
    """

    _sns: dict[str, Any]

    def _grid_result(self) -> GridResult:
        self._current_figure()
        assert self._result is not None  # _current_figure() drew it
        grids: list[GridResult] = self._result.grids
        return grids[0]

    def _panel_ax(self, key: str) -> Axes | None:
        panel = self._sns.get(key)
        if panel is None:
            return None
        d = self._grid_result().drawn(panel)
        return None if d is None else d.ax

    @property
    def figure(self) -> Figure:
        """The drawn figure (drawn now if the grid changed since)."""
        return self._current_figure()

    @property
    def fig(self) -> Figure:
        """seaborn's name for :attr:`figure`."""
        return self._current_figure()

    @property
    def ax_heatmap(self) -> Axes:
        """The heatmap axes (drawn now if needed)."""
        return self._grid_result().ax_heatmap

    @property
    def ax_row_dendrogram(self) -> Axes | None:
        """The row dendrogram's axes, or None when the rows are not clustered."""
        return self._panel_ax("row_dendrogram")

    @property
    def ax_col_dendrogram(self) -> Axes | None:
        """The column dendrogram's axes, or None when the columns are not clustered."""
        return self._panel_ax("col_dendrogram")

    @property
    def ax_row_colors(self) -> Axes | None:
        """The axes of the row colour bars (all bars in one axes), or None."""
        return self._panel_ax("row_colors")

    @property
    def ax_col_colors(self) -> Axes | None:
        """The axes of the column colour bars (all bars in one axes), or None."""
        return self._panel_ax("col_colors")

    @property
    def ax_cbar(self) -> Axes | None:
        """The colour scale's axes, or None (``cbar=False``, ``cbar_pos=None``)."""
        return self._panel_ax("cbar")

    @property
    def cax(self) -> Axes | None:
        """seaborn's alias of :attr:`ax_cbar`."""
        return self.ax_cbar

    @property
    def data(self) -> pd.DataFrame:
        """The input matrix (after ``pivot_kws``), before any transform."""
        return self._data.frame(
            np.arange(self._data.shape[0]), np.arange(self._data.shape[1])
        )

    @property
    def data2d(self) -> pd.DataFrame:
        """The matrix as drawn: after ``z_score``/``standard_scale``, in drawn
        order (seaborn's ``data2d`` after plotting)."""
        return self.matrix

    @property
    def mask(self) -> pd.DataFrame:
        """The hidden cells in drawn order (the mask given, and missing values)."""
        comp = self._compile()
        m = comp.matrix
        hide = m.isna().to_numpy()
        cells = comp.cells
        if cells is not None and isinstance(cells.mask, pd.DataFrame):
            hide = hide | cells.mask.reindex(index=m.index, columns=m.columns).to_numpy(
                bool
            )
        return pd.DataFrame(hide, index=m.index, columns=m.columns)

    @property
    def dendrogram_row(self) -> DendrogramResult | None:
        """The rows' tree (``.reordered_ind``, ``.linkage``, ``.dendrogram``),
        or None when the rows are not clustered."""
        return self._tree("row")

    @property
    def dendrogram_col(self) -> DendrogramResult | None:
        """The columns' tree, or None when the columns are not clustered."""
        return self._tree("col")

    def _tree(self, axis: str) -> DendrogramResult | None:
        comp = self._compile()
        Z = comp.row_linkage if axis == "row" else comp.col_linkage
        if Z is None:
            return None
        return DendrogramResult(Z, comp.row_index if axis == "row" else comp.col_index)

    @property
    def row_colors(self) -> Any:
        """The row colours as seaborn keeps them (input order): RGB tuples
        of one bar, or one list per bar (None without ``row_colors``)."""
        return self._sns.get("row_colors_values")

    @property
    def col_colors(self) -> Any:
        """The column colours as seaborn keeps them (see :attr:`row_colors`)."""
        return self._sns.get("col_colors_values")

    @property
    def row_color_labels(self) -> list[str] | None:
        """The names of the row colour bars (seaborn's ``row_color_labels``)."""
        return self._sns.get("row_color_labels")

    @property
    def col_color_labels(self) -> list[str] | None:
        """The names of the column colour bars."""
        return self._sns.get("col_color_labels")

    def savefig(
        self, path: str | os.PathLike[str] | BinaryIO, **savefig_kwargs: Any
    ) -> None:
        """seaborn's name for :meth:`save` (atomic; no ``bbox_inches="tight"``
        needed: nothing is outside the figure)."""
        self.save(path, **savefig_kwargs)


# seaborn's own colormaps (seaborn.cm registers them with matplotlib when imported)
_SEABORN_CMAPS = ("rocket", "mako", "icefire", "vlag", "flare", "crest")


def _seaborn_cmap(kwargs: dict) -> None:
    """``cmap="vlag"`` (or another seaborn colormap): register seaborn's
    colormaps when seaborn is installed, else say how to get one."""
    name = kwargs.get("cmap")
    if not isinstance(name, str) or name in mpl.colormaps:
        return
    if name.removesuffix("_r") not in _SEABORN_CMAPS:
        return
    try:
        import seaborn.cm  # noqa: F401  (registers rocket, mako, vlag, ... with matplotlib)
    except ImportError:
        raise ValueError(
            f"cmap={name!r} is one of seaborn's colormaps: install seaborn "
            "(pip install 'clustergrid[seaborn]'; only its colormaps are used), "
            "or use a matplotlib colormap such as 'RdBu_r' (diverging) or "
            "'magma' (sequential)"
        ) from None


# -- argument checks ------------------------------------------------------------------


def _check_keys(kwargs: dict, function: str) -> None:
    """Unknown or unsupported arguments are a TypeError naming the argument
    and the clustergrid way."""
    keys = _seaborn.python_keys(function)
    for key in kwargs:
        if key in keys:
            continue
        if key in _seaborn.UNSUPPORTED:
            raise TypeError(
                f"cg.{function}() does not support {key!r}: {_seaborn.UNSUPPORTED[key]}"
            )
        guess = _seaborn.nearest(key, keys)
        hint = (
            f"did you mean {guess!r}?"
            if guess
            else f"the arguments are seaborn's (see help(cg.{function}))"
        )
        raise TypeError(
            f"cg.{function}() got an unexpected keyword argument {key!r}; {hint}"
        )


_CBAR_KWS_PY = ("label", "orientation", "shrink", "ticks")


def _split_cbar_kws(kwargs: dict[str, Any]) -> npt.ArrayLike | None:
    """``cbar_kws``: the keys the mapping reads, and ``ticks`` (Python only,
    for the ScaleBar); any other colorbar argument is a TypeError."""
    ck = kwargs.get("cbar_kws")
    if not isinstance(ck, dict):
        return None
    for k in ck:
        if k not in _CBAR_KWS_PY:
            guess = _seaborn.nearest(str(k), _CBAR_KWS_PY)
            hint = f"did you mean {guess!r}? " if guess else ""
            raise TypeError(
                f"cbar_kws: {k!r} is not supported; {hint}the scale takes "
                f"{', '.join(_CBAR_KWS_PY)} (for more, add a cg.ScaleBar(...) to "
                "the grid yourself)"
            )
    rest = {k: v for k, v in ck.items() if k != "ticks"}
    if rest:
        kwargs["cbar_kws"] = rest
    else:
        kwargs.pop("cbar_kws")
    return ck.get("ticks")


def _ticklabels_panel(
    choice: Any, labels: pd.Index, what: str, **kw: Any
) -> Labels | None:
    """seaborn's ``xticklabels``/``yticklabels`` as a Labels panel."""
    if choice is False:
        return None
    if choice is True or (isinstance(choice, str) and choice == "auto"):
        return Labels(**kw)
    if isinstance(choice, (int, np.integer)) or (
        isinstance(choice, float) and choice.is_integer()
    ):
        return Labels(step=int(choice), **kw)
    given = list(choice)
    if len(given) != len(labels):
        raise ValueError(
            f"{what} gives {len(given)} labels for {len(labels)} "
            f"{'rows' if what == 'yticklabels' else 'columns'}; give one per "
            "label, in the data's order (they follow the clustering)"
        )
    mapping = dict(zip(labels, (str(v) for v in given), strict=True))
    return Labels(formatter=mapping.__getitem__, **kw)


# -- seaborn's row_colors / col_colors ------------------------------------------------


def _is_colour(v: object) -> bool:
    if is_missing(v):
        return False
    return mcolors.is_color_like(v)


def _rgb_or_white(v: Any) -> tuple[float, float, float]:
    """seaborn's colours: white where missing (``v`` is a cell of a bar)."""
    return _WHITE if is_missing(v) else mcolors.to_rgb(v)


def _is_nested(colors: Any) -> bool:
    """Several bars: a list of lists of colours (or a 3-D array of RGB)."""
    if isinstance(colors, np.ndarray):
        return colors.ndim == 3 or (colors.ndim == 2 and colors.dtype.kind in "OUS")
    if isinstance(colors, (list, tuple)) and len(colors):
        first = colors[0]
        return (
            isinstance(first, (list, tuple, np.ndarray, pd.Series))
            and not isinstance(first, str)
            and not mcolors.is_color_like(first)
        )
    return False


def _bars(
    colors: Any, labels: pd.Index, data_labelled: bool, option: str
) -> pd.DataFrame:
    """seaborn's row_colors/col_colors as a DataFrame of bars indexed by the
    data's labels (one column per bar).  A Series or DataFrame is aligned by
    label (labels it lacks are white, labels the data lacks are dropped, as
    seaborn does); lists are taken in the data's order."""
    n = len(labels)
    positional = by_position(colors)  # polars/Arrow: no row labels, the data's order
    if positional and len(colors) == n:
        colors = colors.set_axis(labels)
    elif positional:  # the length message of a list
        colors = (
            colors.tolist()
            if isinstance(colors, pd.Series)
            else [colors[c].tolist() for c in colors.columns]
        )
    if isinstance(colors, (pd.Series, pd.DataFrame)):
        if not data_labelled and not positional:
            raise TypeError(
                f"{option} is a {type(colors).__name__} aligned by label, but the "
                "data is an unlabelled array; pass the data as a DataFrame, or "
                f"{option} as a list in the data's order"
            )
        frame = colors.to_frame() if isinstance(colors, pd.Series) else colors
        if isinstance(colors, pd.Series):
            frame.columns = ["" if colors.name is None else colors.name]
        frame = frame.reindex(labels).astype(object)
        return frame
    seqs = list(colors) if _is_nested(colors) else [colors]
    cols = {}
    for j, seq in enumerate(seqs):
        if isinstance(seq, np.ndarray) and seq.ndim == 2 and seq.dtype.kind in "fiu":
            seq = [tuple(float(x) for x in r) for r in seq]
        seq = list(seq)
        if len(seq) != n:
            what = "row" if option == "row_colors" else "column"
            raise ValueError(
                f"{option}{'' if len(seqs) == 1 else f'[{j}]'} has {len(seq)} "
                f"colours for {n} {what}s; give one per {what}, in the data's order"
            )
        cols[j] = pd.Series(seq, index=labels, dtype=object)
    return pd.DataFrame(cols, index=labels)


def _colour_bars(
    g: ClusterGrid, colors: Any, axis: str, data_labelled: bool
) -> tuple[AnnotationBar, Any, list[str], int]:
    option = "row_colors" if axis == "row" else "col_colors"
    colors = as_frame(colors)
    labels = g._data.rows if axis == "row" else g._data.cols
    frame = _bars(colors, labels, data_labelled, option)
    named = isinstance(colors, (pd.Series, pd.DataFrame))
    out = {}
    literal = []
    for c in frame.columns:
        s = frame[c]
        given = [v for v in s if not is_missing(v)]
        if given and all(
            _is_colour(v) for v in given
        ):  # seaborn's colours: white where missing
            s = s.map(_rgb_or_white)
            literal.append([tuple(v) for v in s])
        out[c] = s
    bars = pd.DataFrame(out, index=labels)
    if named:
        bars.columns = [str(c) for c in bars.columns]
        bar = AnnotationBar(bars)
    else:  # unnamed bars (lists): no names drawn
        bars.columns = [f"{option}[{j}]" for j in range(bars.shape[1])]
        bar = AnnotationBar(bars, name_side="none")
    values = None
    if len(literal) == bars.shape[1]:
        values = (
            literal[0]
            if bars.shape[1] == 1
            and not _is_nested(colors)
            and not isinstance(colors, pd.DataFrame)
            else literal
        )
    names = [str(c) for c in bars.columns] if named else [""] * bars.shape[1]
    return bar, values, names, bars.shape[1]


def _seaborn_scale(g: ClusterGrid) -> None:
    """seaborn's colour limits and centring, exactly.

    seaborn leaves masked cells out of the limits it computes (after any
    transform), and ``center`` does not bend the scale: the colour of ``v``
    is ``cmap((v - (center - r)) / 2r)`` with ``r = max(vmax - center,
    center - vmin)``, the scale spanning vmin..vmax (so ``vmax=.3,
    center=0`` keeps .3 as the top of the scale, and values above it take
    its colour).  That is a plain vmin..vmax norm over the slice of the
    colormap between those two colours, which is what the grid is given."""
    o: dict[str, Any] = g._norm_opts
    if o["norm"] is not None:
        return
    m = g._cells.mask
    given = o["vmin"] is not None and o["vmax"] is not None
    if o["center"] is None and (given or not isinstance(m, pd.DataFrame)):
        return  # the grid's own limits are seaborn's
    d = g._prepared()
    shown = np.isfinite(d.values)
    if isinstance(m, pd.DataFrame):
        shown &= ~m.reindex(index=d.rows, columns=d.cols).fillna(False).to_numpy(bool)
    vals = d.values[shown]
    if vals.size == 0:
        return
    if o["robust"]:
        lo, hi = (float(x) for x in np.percentile(vals, [2, 98]))
    else:
        lo, hi = float(vals.min()), float(vals.max())
    lo = lo if o["vmin"] is None else float(o["vmin"])
    hi = hi if o["vmax"] is None else float(o["vmax"])
    if not lo < hi:
        return  # the grid widens a constant scale itself
    c = o["center"]
    if c is not None:
        r = max(hi - c, c - lo)
        cmap = g._cmap
        cc = np.linspace((lo - (c - r)) / (2 * r), (hi - (c - r)) / (2 * r), 256)
        extremes = {"bad": cmap(np.ma.masked_invalid([np.nan]))[0]}
        if not np.array_equal(cmap(-np.inf), cmap(0.0)):
            extremes["under"] = cmap(-np.inf)
        if not np.array_equal(cmap(np.inf), cmap(1.0)):
            extremes["over"] = cmap(np.inf)
        sliced = mcolors.ListedColormap(
            cmap(cc), name=f"{cmap.name}_centred"
        ).with_extremes(**extremes)
        g._cmap = sliced
    g._norm_opts = dict(o, vmin=lo, vmax=hi, center=None, robust=False)
    g._changed()


# -- the functions -----------------------------------------------------------------------


def clustermap(
    data: pd.DataFrame | npt.ArrayLike,
    *,
    pivot_kws: dict[str, Any] | None = None,
    method: str = "average",
    metric: str | Callable[..., float] = "euclidean",
    z_score: int | None = None,
    standard_scale: int | None = None,
    figsize: tuple[float | str, float | str] = (10, 10),
    cbar_kws: dict[str, Any] | None = None,
    row_cluster: bool = True,
    col_cluster: bool = True,
    row_linkage: npt.ArrayLike | None = None,
    col_linkage: npt.ArrayLike | None = None,
    row_colors: Any = None,
    col_colors: Any = None,
    mask: pd.DataFrame | npt.ArrayLike | None = None,
    dendrogram_ratio: float | tuple[float, float] = 0.2,
    colors_ratio: float | tuple[float, float] = 0.03,
    cbar_pos: tuple[float, float, float, float] | None = _seaborn.CBAR_POS_DEFAULT,
    tree_kws: dict[str, Any] | None = None,
    **heatmap_kws: Any,
) -> SeabornGrid:
    """A clustered heatmap from seaborn's ``clustermap`` arguments, laid out by
    clustergrid.

    Change ``sns.clustermap`` to ``cg.clustermap``: the arguments have
    seaborn's names and meanings, and the result has seaborn's attributes.

    Parameters
    ----------
    data : DataFrame or 2-D array-like
        The matrix (not modified); a long table with ``pivot_kws``.
    pivot_kws : dict, optional
        ``index=``, ``columns=``, ``values=`` for ``DataFrame.pivot``.
    method, metric : str
        Linkage method and distance metric (scipy), for both axes.
    z_score, standard_scale : {0, 1}, optional
        Standardise (``ddof=1``) or scale to 0..1 each row (0) or column (1).
    figsize : (w, h), default (10, 10)
        The whole figure, inches; the heatmap takes what the panels leave.
    cbar_kws : dict, optional
        The scale's ``label``, ``orientation``, ``shrink`` (a fraction of
        the heatmap, when the scale is on a side) and ``ticks``.
    row_cluster, col_cluster : bool
        Cluster that axis (and draw its dendrogram).
    row_linkage, col_linkage : ndarray, optional
        Precomputed scipy linkage matrices.
    row_colors, col_colors : list, array, Series or DataFrame, optional
        Colour bars: a list (or array) of colours in the data's order;
        nested lists for several bars; a Series (one bar) or DataFrame (a bar
        per column) aligned by label, whose names label the bars (labels it
        lacks are white, as in seaborn).  Values that are not colours are
        categories: coloured by a palette and keyed in a legend.
    mask : bool array or DataFrame, optional
        Cells to hide (True); a DataFrame is aligned by label.
    dendrogram_ratio, colors_ratio : float or (rows, cols)
        seaborn's fractions of the figure for each dendrogram and each colour
        bar.  They become sizes relative to the heatmap (a row dendrogram of
        ``r`` takes ``r / (1 - r - k * c)`` of the heatmap's width, with ``k``
        bars of ``c``), so they keep seaborn's proportions.
    cbar_pos : (left, bottom, width, height) or None
        Where seaborn puts the colour scale, in figure fractions.  A solved
        layout has no absolute figure coordinates, so the scale goes to the
        nearest corner or side of the heatmap:
        seaborn's default is the top-left corner.  None: no scale.
    tree_kws : dict, optional
        ``color`` and ``linewidth`` (``linewidths``, ``lw``) of the
        dendrogram lines.
    **heatmap_kws
        seaborn.heatmap's arguments (``cmap`` defaults to clustergrid's
        "viridis", "RdBu_r" with ``center``; seaborn's own names such as
        "vlag" or "rocket" need seaborn installed): ``cmap``, ``center``, ``vmin``,
        ``vmax``, ``robust``, ``norm``, ``annot``, ``fmt``, ``annot_kws``,
        ``linewidths``, ``linecolor``, ``square``, ``cbar``,
        ``xticklabels``/``yticklabels`` (True, False, "auto", a step k or a
        list in the data's order; True draws every label that fits without
        overlap), and clustergrid's ``cell_size``, ``nan_color``, ``dpi``.

    Returns
    -------
    SeabornGrid
        A ClusterGrid with the dendrograms (left, top), colour bars (inside
        them), labels (right, bottom), the scale and, when a bar has
        categories, their legends (right).  It has seaborn's attributes
        ``ax_heatmap``, ``ax_row_dendrogram``, ``ax_col_dendrogram``,
        ``ax_row_colors``, ``ax_col_colors``, ``ax_cbar``, ``dendrogram_row``,
        ``dendrogram_col``, ``data2d``, ``mask``, ``figure``/``fig`` and
        ``savefig``; the axes attributes draw the grid on first access.

    Raises
    ------
    TypeError
        For an argument seaborn does not have, or one clustergrid does
        another way (``cbar_ax``, ``ax``, ``alpha``, ...): the message names it
        and the clustergrid way.
    ValueError
        For a value the argument cannot take.

    Examples
    --------
    >>> wine = cg.load_dataset("wine")
    >>> colours = wine["cultivar"].map({"class_0": "r", "class_1": "b", "class_2": "g"})
    >>> g = cg.clustermap(wine.drop(columns="cultivar"), z_score=1, cmap="vlag",
    ...                   center=0, row_colors=colours)
    >>> _ = g.ax_heatmap.set_xlabel("measurement")
    >>> order = g.dendrogram_row.reordered_ind
    >>> len(order)
    178
    >>> g.savefig("clustermap.pdf")
    """
    explicit = dict(
        pivot_kws=pivot_kws,
        method=method,
        metric=metric,
        z_score=z_score,
        standard_scale=standard_scale,
        figsize=figsize,
        cbar_kws=cbar_kws,
        row_cluster=row_cluster,
        col_cluster=col_cluster,
        row_linkage=row_linkage,
        col_linkage=col_linkage,
        row_colors=row_colors,
        col_colors=col_colors,
        mask=mask,
        dendrogram_ratio=dendrogram_ratio,
        colors_ratio=colors_ratio,
        tree_kws=tree_kws,
    )
    _check_keys(heatmap_kws, "clustermap")
    kwargs = {k: v for k, v in explicit.items() if v is not None}
    kwargs["cbar_pos"] = cbar_pos
    kwargs.update(heatmap_kws)
    _seaborn_cmap(kwargs)
    ticks = _split_cbar_kws(kwargs)
    opts = _seaborn.map_seaborn(kwargs, "clustermap", python=True)
    data = as_frame(data)
    if opts.pivot is not None:
        if not isinstance(data, pd.DataFrame):
            raise TypeError(
                f"pivot_kws pivots a long DataFrame, got {type(data).__name__}"
            )
        try:
            data = data.pivot(**opts.pivot)
        except (KeyError, ValueError) as exc:
            raise ValueError(f"pivot_kws={opts.pivot!r}: {exc}") from None
    labelled = isinstance(data, pd.DataFrame)
    g = SeabornGrid(data, **opts.grid)
    g._sns = {}
    _seaborn_scale(g)
    c = opts.cluster
    rows = c.get("rows", True) and (
        c.get("row_linkage") if "row_linkage" in c else True
    )
    cols = c.get("cols", True) and (
        c.get("col_linkage") if "col_linkage" in c else True
    )
    n_rows, n_cols = g._data.shape
    rows = rows if n_rows > 1 else False
    cols = cols if n_cols > 1 else False
    if rows is not False or cols is not False:
        ckw = {k: c[k] for k in ("method", "metric") if k in c}
        g.cluster(rows=rows, cols=cols, **ckw)

    d_row, d_col = opts.ratios["dendrogram"]
    c_row, c_col = opts.ratios["colors"]
    bars = {}
    for axis, key in (("row", "rows"), ("col", "cols")):
        if key in opts.bars:
            bar, values, names, k = _colour_bars(g, opts.bars[key], axis, labelled)
            bars[axis] = (bar, k)
            g._sns[f"{axis}_colors_values"] = values
            g._sns[f"{axis}_color_labels"] = names
    for axis, d, cr, what in (
        ("row", d_row, c_row, "width"),
        ("col", d_col, c_col, "height"),
    ):
        k = bars[axis][1] if axis in bars else 0
        heat = 1.0 - d - k * cr
        if heat <= 0.05:
            raise ValueError(
                f"dendrogram_ratio ({d:g}) and colors_ratio ({cr:g} for each of {k} "
                f"bar(s)) take the whole figure {what}, leaving none for the "
                "heatmap; give smaller fractions"
            )
        side = "left" if axis == "row" else "top"
        if axis in bars:
            g.add(bars[axis][0], side, size=Relative(k * cr / heat))
            g._sns[f"{axis}_colors"] = bars[axis][0]
        clustered = (rows if axis == "row" else cols) is not False
        if clustered:
            dend = Dendrogram(**opts.tree)
            g.add(dend, side, size=Relative(d / heat))
            g._sns[f"{axis}_dendrogram"] = dend
    for choice, labels, side, what in (
        (opts.row_labels, g._data.rows, "right", "yticklabels"),
        (opts.col_labels, g._data.cols, "bottom", "xticklabels"),
    ):
        panel = _ticklabels_panel(choice, labels, what)
        if panel is not None:
            g.add(panel, side)
    if opts.cbar and opts.cbar_place is not None:
        place = opts.cbar_place
        length = opts.scale["length"] if "-" not in place else None
        scale = ScaleBar(label=opts.scale["label"], length=length, ticks=ticks)
        g.add(scale, place)
        g._sns["cbar"] = scale
    return g


def heatmap(
    data: pd.DataFrame | npt.ArrayLike,
    *,
    vmin: float | None = None,
    vmax: float | None = None,
    cmap: str | mcolors.Colormap | None = None,
    center: float | None = None,
    robust: bool = False,
    annot: bool | pd.DataFrame | npt.ArrayLike | None = None,
    fmt: str = ".2g",
    annot_kws: dict[str, Any] | None = None,
    linewidths: float = 0,
    linecolor: ColorType = "white",
    cbar: bool = True,
    cbar_kws: dict[str, Any] | None = None,
    square: bool = False,
    xticklabels: bool | int | str | Sequence[Any] = "auto",
    yticklabels: bool | int | str | Sequence[Any] = "auto",
    mask: pd.DataFrame | npt.ArrayLike | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> SeabornGrid:
    """A heatmap from seaborn's ``heatmap`` arguments, laid out by clustergrid.

    Parameters
    ----------
    data : DataFrame or 2-D array-like
        The matrix (not modified), drawn in its own order.
    vmin, vmax, cmap, center, robust
        The colour scale, as in seaborn (``norm=`` is accepted too): masked
        cells leave the limits, and ``center`` slices the colormap so the
        scale spans vmin..vmax.  ``cmap`` defaults to "viridis" ("RdBu_r"
        with ``center``), not seaborn's "rocket"/"icefire"; seaborn's names
        need seaborn installed.
    annot, fmt, annot_kws
        Cell text: True writes the values, a DataFrame/array gives the texts;
        ``fmt`` formats numbers; ``annot_kws`` are text properties.
    linewidths, linecolor
        Lines between cells.
    cbar, cbar_kws
        The colour scale and its ``label``, ``orientation`` ("vertical": on
        the right, "horizontal": below), ``shrink`` and ``ticks``.
    square : bool
        Square cells.
    xticklabels, yticklabels : True, False, "auto", int or list
        The labels: "auto" (and True) draws every label that fits without
        overlap, False none, an int ``k`` every k-th label (a multiple of
        ``k`` when those would overlap), a list replaces the data's labels.
    mask : bool array or DataFrame, optional
        Cells to hide (True).
    ax : matplotlib Axes, optional
        Draw in its place: ``ax`` is removed and the grid is drawn into its
        SubplotSpec (the layout fills a region of its own; it refuses a
        Figure holding other axes).  ``ax`` must come from a grid of
        subplots (``plt.subplots``, ``fig.add_subplot``).  Without ``ax`` the
        grid makes its own figure when drawn.
    **kwargs
        clustergrid's ``figsize``, ``cell_size``, ``nan_color``, ``dpi``.

    Returns
    -------
    SeabornGrid
        Rows labelled on the left, columns at the bottom, the scale on the
        right; ``g.ax_heatmap`` is the heatmap axes.  With ``ax`` the grid is
        drawn at once.

    Raises
    ------
    TypeError
        For an argument seaborn.heatmap does not have here (``cbar_ax``,
        ``alpha``, ...), naming it and the clustergrid way.
    """
    _check_keys(kwargs, "heatmap")
    explicit = dict(
        vmin=vmin,
        vmax=vmax,
        cmap=cmap,
        center=center,
        robust=robust,
        annot=annot,
        fmt=fmt,
        annot_kws=annot_kws,
        linewidths=linewidths,
        linecolor=linecolor,
        cbar=cbar,
        cbar_kws=cbar_kws,
        square=square,
        xticklabels=xticklabels,
        yticklabels=yticklabels,
        mask=mask,
    )
    given = {k: v for k, v in explicit.items() if v is not None}
    if given.get("annot") is False:
        given.pop("annot")
    given.update(kwargs)
    spec = None
    if ax is not None:
        get = getattr(ax, "get_subplotspec", None)
        spec = get() if get is not None else None
        if spec is None:
            raise ValueError(
                "heatmap(ax=...): the grid is drawn into the axes' SubplotSpec, but "
                "this axes has none (made by fig.add_axes?); make it with "
                "plt.subplots or fig.add_subplot, or pass a SubFigure to g.draw()"
            )
    _seaborn_cmap(given)
    ticks = _split_cbar_kws(given)
    opts = _seaborn.map_seaborn(given, "heatmap", python=True)
    g = SeabornGrid(data, **opts.grid)
    g._sns = {}
    _seaborn_scale(g)
    for choice, labels, side, what in (
        (opts.row_labels, g._data.rows, "left", "yticklabels"),
        (opts.col_labels, g._data.cols, "bottom", "xticklabels"),
    ):
        panel = _ticklabels_panel(choice, labels, what)
        if panel is not None:
            g.add(panel, side)
    if opts.cbar:
        bar = ScaleBar(
            label=opts.scale["label"], length=opts.scale["length"], ticks=ticks
        )
        g.add(bar, opts.scale["side"])
        g._sns["cbar"] = bar
    if ax is not None and spec is not None:
        ax.remove()
        g.on(spec)
        g.draw()
    return g
