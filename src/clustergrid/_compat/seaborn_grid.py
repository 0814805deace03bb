"""The grid ``cg.clustermap`` and ``cg.heatmap`` return: a ClusterGrid with seaborn's
result attributes (``ax_heatmap``, ``dendrogram_row.reordered_ind``, ``data2d``,
``savefig``, ...)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .._output.pyplot_display import pyplot_manages, register_with_pyplot
from ..grid import ClusterGrid

if TYPE_CHECKING:  # pragma: no cover
    import os
    from typing import BinaryIO

    from matplotlib.axes import Axes

    # scipy-stubs' TypedDict of what scipy.cluster.hierarchy.dendrogram returns
    from scipy.cluster.hierarchy import _DendrogramResult

    from ..result import GridResult, Result

__all__ = ["SeabornGrid", "DendrogramResult"]


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
    :meth:`draw`, :meth:`save` (alias :meth:`savefig`) or display.
    :func:`clustermap` and :func:`heatmap` draw it when called, and when
    pyplot is in use (imported, or an IPython kernel) its figure is one of
    pyplot's, as seaborn's: a notebook shows it once at the end of the cell
    and ``plt.show()`` shows it.  The grid's own notebook display then
    defers to pyplot (no figure is shown twice).  The axes
    attributes (``ax_heatmap``, ``ax_row_dendrogram``, ``ax_col_dendrogram``,
    ``ax_row_colors``, ``ax_col_colors``, ``ax_cbar``) and ``figure``/``fig``
    draw the grid when it has not been drawn since its last change, so
    ``g.ax_heatmap.set_xlabel(...)`` followed by ``g.savefig(...)`` keeps the
    edit.  An axes seaborn would leave empty (the dendrogram of an axis that
    is not clustered, the colour bars when none were given, the scale with
    ``cbar_pos=None``) is None.  ``ax_heatmap``'s tick labels are the
    drawn labels (``get_yticklabels()``, ``plt.setp``, ``set_yticklabels``,
    ``tick_params`` reach them); ``ax_cbar.set_position`` is refused (the
    layout places the scale: ``cbar_pos=``).
    """

    _sns: dict[str, Any]
    _pyplot_figure: Figure | None = None

    def _drawn(self, result: Result) -> None:
        """After each draw: guard the colour scale's position, and give the
        figure to pyplot (replacing the last draw's) as seaborn does."""
        super()._drawn(result)
        panel = self._sns.get("cbar")
        d = result.grids[0].drawn(panel) if panel is not None else None
        if d is not None and d.ax is not None:
            d.ax.set_position = _refuse_cbar_position  # type: ignore[method-assign]
        if result.target is None:
            register_with_pyplot(result.figure, replaces=self._pyplot_figure)
            self._pyplot_figure = result.figure

    def _repr_png_(self) -> bytes | None:  # type: ignore[override]
        """The figure as PNG for a notebook, or None when pyplot shows it
        (the inline backend displays pyplot's figures once per cell)."""
        if pyplot_manages(self._current_figure()):
            return None
        return super()._repr_png_()

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
        """seaborn's name for :meth:`save` (atomic; ``bbox_inches="tight"``
        and the ``savefig.*`` rc values mean what they mean to matplotlib,
        though nothing needs it: the layout keeps everything inside the
        figure)."""
        self.save(path, **savefig_kwargs)


def _refuse_cbar_position(*args: Any, **kwargs: Any) -> None:
    """``ax_cbar.set_position``: the colour scale is laid out with the rest."""
    pos = args[0] if args else kwargs.get("pos")
    raise ValueError(
        f"ax_cbar.set_position({pos!r}): clustergrid lays the colour scale out with "
        "everything else (moved by hand it would overlap other content or leave the "
        "figure). Choose its place with cbar_pos= (the nearest side or corner is "
        "used), cbar_kws={'orientation': 'horizontal'} or cbar_kws={'shrink': 0.5}; "
        "with the builder, g.add(cg.ScaleBar(), side)"
    )
