"""``ClusterGrid(data, ...)``: the constructor's options checked and
normalised (the matrix coerced, a dask array's sample taken, a categorical
matrix's codes and colours, sizes, colours, transforms and cell options)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd

from .._body.cells import CellStyle, check_cell_options
from .._body.dots import Dots
from .._body.layers import Border, Layer
from .._input.frame import as_frame
from .._input.matrix import Matrix, categorical_codes, coerce_matrix
from .._input.transform import check_transform_options
from .._order.dask import dask_rows
from .._plan.build import default_cell
from .._plan.colors import check_norm_options, resolve_cmap
from .._plan.palettes import categorical_colors
from .._support.checks import check_canvas, check_real
from .._support.style import build_rc
from ..sizes import as_pair

if TYPE_CHECKING:  # pragma: no cover
    RGBA = tuple[float, float, float, float]

    from .._order.dask import DaskRows

__all__ = ["GridOptions", "check_grid_canvas", "check_grid_options"]


@dataclass
class GridOptions:
    """The constructor's options, checked (see :class:`~clustergrid.ClusterGrid`)."""

    legends: bool
    dask: DaskRows | None
    categories: list[Hashable] | None
    category_colors: dict[Hashable, RGBA] | None
    legend_title: str | None
    data: Matrix
    universe: tuple[pd.Index, pd.Index]
    """The labels as given, before filter()/subset()."""
    figsize: tuple[float, float] | None
    cell: tuple[float, float] | None
    dpi: float
    square: bool
    cmap: mcolors.Colormap
    norm_opts: dict[str, Any]
    """The options :func:`~clustergrid._plan.colors.resolve_norm` takes."""
    z_score: int | None
    standard_scale: int | None
    cells: CellStyle
    cells_layer: Layer | None
    border: Border | None
    rc: dict[str, Any]
    """The rcParams the grid is drawn with (those at build, style= and rc= applied)."""


def check_grid_options(
    data: Any,
    *,
    cmap: Any,
    norm: Any,
    vmin: Any,
    vmax: Any,
    center: Any,
    robust: Any,
    figsize: Any,
    cell_size: Any,
    square: Any,
    nan_color: Any,
    dpi: Any,
    z_score: Any,
    standard_scale: Any,
    mask: Any,
    annot: Any,
    fmt: Any,
    annot_kws: Any,
    linewidths: Any,
    linecolor: Any,
    cells: Any,
    border: Any,
    border_kws: Any,
    palette: Any,
    legend_title: Any,
    legends: Any,
    rc: Any = None,
    style: Any = None,
) -> GridOptions:
    """Check every constructor option, in the order the user reads them."""
    # the style first: the rcParams in force now are the ones the grid is drawn with
    drawn_rc = build_rc(rc, style)
    if not isinstance(legends, (bool, np.bool_)):
        raise TypeError(
            f"legends must be True (add the legends of the bars by themselves) "
            f"or False, got {legends!r}"
        )
    # a dask array: stage 1 on its scheduler, then its drawn sample is the data
    dask, data = dask_rows(
        data, z_score=z_score, standard_scale=standard_scale, mask=mask, annot=annot
    )
    data = as_frame(data)  # polars/Arrow: a DataFrame with their column names
    cat = categorical_codes(data)
    categories: list[Hashable] | None = None
    category_colors = None
    if cat is not None:
        data, categories = cat
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
        category_colors = categorical_colors(categories, palette)
        cmap = mcolors.ListedColormap([category_colors[c] for c in categories])
        k = len(categories)
        norm = mcolors.BoundaryNorm(np.arange(k + 1) - 0.5, max(k, 1))
    elif palette is not None:
        raise ValueError(
            "palette= colours a categorical matrix (strings or categories); "
            "this matrix is numeric: use cmap= instead"
        )
    if legend_title is not None and not isinstance(legend_title, str):
        raise TypeError(
            f"legend_title must be a string, got {type(legend_title).__name__}"
        )
    matrix = coerce_matrix(data)
    universe = (matrix.rows, matrix.cols)
    if dask is not None:  # per-row inputs may cover every row of the array
        universe = (pd.RangeIndex(dask.n_rows), matrix.cols)
    if figsize is not None and cell_size is not None:
        raise ValueError(
            "give figsize (the heatmap fills what is left) or cell_size (the "
            "figure grows to fit), not both"
        )
    fig = None if figsize is None else as_pair(figsize, "figsize")
    cell = None if cell_size is None else as_pair(cell_size, "cell_size")
    if fig is not None and min(fig) <= 0:
        raise ValueError(f"figsize must be positive, got {figsize!r}")
    if cell is not None:
        if min(cell) <= 0:
            raise ValueError(f"cell_size must be positive, got {cell_size!r}")
        if square and abs(cell[0] - cell[1]) > 1e-12:
            raise ValueError(
                f"square=True needs equal cell width and height, got {cell_size!r}"
            )
    dpi_ = check_real(dpi, "dpi", low=0, low_open=True, fix="e.g. 100 or 300")
    check_grid_canvas(fig, cell, dpi_, matrix.shape, bool(square))
    # colour options are checked now, at the user's line
    cmap_ = resolve_cmap(cmap, center, nan_color)
    norm_opts: dict[str, Any] = dict(
        norm=norm, vmin=vmin, vmax=vmax, center=center, robust=robust
    )
    check_norm_options(**norm_opts)
    z, std = check_transform_options(z_score, standard_scale)
    cell_style = check_cell_options(
        matrix,
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
    cells_layer = (
        None if cells is None else cells.bind(matrix.rows, matrix.cols, universe)
    )
    return GridOptions(
        legends=bool(legends),
        dask=dask,
        categories=categories,
        category_colors=category_colors,
        legend_title=legend_title,
        data=matrix,
        universe=universe,
        figsize=fig,
        cell=cell,
        dpi=dpi_,
        square=bool(square),
        cmap=cmap_,
        norm_opts=norm_opts,
        z_score=z,
        standard_scale=std,
        cells=cell_style,
        rc=drawn_rc,
        cells_layer=cells_layer,
        border=Border.parse(border, border_kws),
    )


def check_grid_canvas(
    figsize: tuple[float, float] | None,
    cell: tuple[float, float] | None,
    dpi: float,
    shape: tuple[int, int],
    square: bool,
) -> None:
    """Refuse a figure too large to allocate, before anything is drawn."""
    if figsize is not None:
        check_canvas(figsize[0], figsize[1], dpi, f"figsize={figsize} at dpi={dpi:g}")
        return
    nrows, ncols = shape
    cw, ch = cell or default_cell(shape, square)
    check_canvas(
        ncols * cw,
        nrows * ch,
        dpi,
        f"the heatmap of {nrows} x {ncols} cells of {cw:.4g} x {ch:.4g} in",
    )
