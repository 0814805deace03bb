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

import matplotlib.colors as mcolors
import numpy.typing as npt
import pandas as pd

from .._input.frame import as_frame
from ..panels.dendrogram import Dendrogram
from ..panels.scalebar import ScaleBar
from ..sizes import Relative
from . import seaborn_args as _seaborn

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.typing import ColorType

    # scipy-stubs' TypedDict of what scipy.cluster.hierarchy.dendrogram returns

from .seaborn_build import (
    check_keys,
    colour_bars,
    seaborn_cmap,
    seaborn_scale,
    split_cbar_kws,
    ticklabels_panel,
)
from .seaborn_grid import DendrogramResult, SeabornGrid

__all__ = ["clustermap", "heatmap", "SeabornGrid", "DendrogramResult"]


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
        ``savefig``.  It is drawn when called, and is a pyplot figure when
        pyplot is in use, as seaborn's (a notebook shows it once); after a
        change (``g.add(...)``) the axes attributes draw it again.

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
    check_keys(heatmap_kws, "clustermap")
    kwargs = {k: v for k, v in explicit.items() if v is not None}
    kwargs["cbar_pos"] = cbar_pos
    kwargs.update(heatmap_kws)
    seaborn_cmap(kwargs)
    ticks = split_cbar_kws(kwargs)
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
    seaborn_scale(g)
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
            bar, values, names, k = colour_bars(g, opts.bars[key], axis, labelled)
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
        panel = ticklabels_panel(choice, labels, what)
        if panel is not None:
            g.add(panel, side)
    if opts.cbar and opts.cbar_place is not None:
        place = opts.cbar_place
        length = opts.scale["length"] if "-" not in place else None
        scale = ScaleBar(label=opts.scale["label"], length=length, ticks=ticks)
        g.add(scale, place)
        g._sns["cbar"] = scale
    g.draw()  # drawn when called, as seaborn's (pyplot shows it)
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
        Draw in its place, as seaborn does: the grid fills ``ax``'s
        SubplotSpec and ``ax`` itself becomes the heatmap axes
        (``g.ax_heatmap is ax``), so ``ax.set_title``, ``ax.set_xlabel`` and
        ``ax.figure`` work as in seaborn; its title and labels are placed
        outside the labels and the colour scale.  ``ax`` must come from a
        grid of subplots (``plt.subplots``, ``fig.add_subplot``).  Without
        ``ax`` the grid makes its own figure when drawn.
    **kwargs
        clustergrid's ``figsize``, ``cell_size``, ``nan_color``, ``dpi``.

    Returns
    -------
    SeabornGrid
        Rows labelled on the left, columns at the bottom, the scale on the
        right; ``g.ax_heatmap`` is the heatmap axes.  Drawn when called,
        as seaborn's (see :func:`clustermap`).

    Raises
    ------
    TypeError
        For an argument seaborn.heatmap does not have here (``cbar_ax``,
        ``alpha``, ...), naming it and the clustergrid way.
    """
    check_keys(kwargs, "heatmap")
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
    seaborn_cmap(given)
    ticks = split_cbar_kws(given)
    opts = _seaborn.map_seaborn(given, "heatmap", python=True)
    g = SeabornGrid(data, **opts.grid)
    g._sns = {}
    seaborn_scale(g)
    for choice, labels, side, what in (
        (opts.row_labels, g._data.rows, "left", "yticklabels"),
        (opts.col_labels, g._data.cols, "bottom", "xticklabels"),
    ):
        panel = ticklabels_panel(choice, labels, what)
        if panel is not None:
            g.add(panel, side)
    if opts.cbar:
        bar = ScaleBar(
            label=opts.scale["label"], length=opts.scale["length"], ticks=ticks
        )
        g.add(bar, opts.scale["side"])
        g._sns["cbar"] = bar
    if ax is not None and spec is not None:
        g.on(spec)
        g._adopt = ax  # the user's axes becomes the heatmap axes
    g.draw()  # drawn when called, as seaborn's (pyplot shows it)
    return g
