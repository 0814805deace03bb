"""The Context every panel receives, and the engine's record behind it.

:class:`Context` holds what a panel author needs (the matrix as drawn, the
orders, the scale, the slice, the length to draw along) and is immutable:
the engine derives each panel's context from a base one with
:meth:`Context.replace`.  What the engine itself passes to the built-in
panels (legends gathered before layout, where other panels' content
reaches, the labels of a whole split axis) is kept apart in
:class:`EngineRecord`, reached as ``ctx._engine``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from matplotlib.colors import Colormap

from .._input.matrix import align_to_labels

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.colors import Normalize
    from matplotlib.figure import Figure

    from .._order.split import Slices
    from .base import LegendSpec

__all__ = ["Context", "EngineRecord"]


def _no_positions() -> npt.NDArray[np.intp]:
    return np.empty(0, dtype=np.intp)


@dataclass(frozen=True)
class EngineRecord:
    """What the engine tells the built-in panels beyond the public
    :class:`Context` (engine internals: not part of the panel API).

    Attributes
    ----------
    occupied_corners : frozenset of str
        Corners that hold a panel.
    movable_sides : frozenset of str
        Sides holding panels with ``movable_overhang`` (named bars): their
        pinwheel corners are theirs, so others' movable content keeps out.
    corner_reach : Mapping of str to frozenset of str
        Corner name -> {"H", "V"}: which directions content of panels that
        cannot move (labels, custom panels) reaches into that corner from,
        as measured in the previous layout pass.  Panels that can place
        their overhang at either end (AnnotationBar names) keep clear of it.
    row_universe, col_universe : pandas.Index or None
        Labels as given before ``filter()``/``subset()``: values may cover
        them all.
    whole_labels : pandas.Index or None
        All labels along the panel's axis in drawn order (the context's
        ``labels`` hold only its slice's).
    input_labels : pandas.Index or None
        All labels along the panel's axis in the matrix's input order (to
        align values given as a list).
    tree_height : float
        Highest merge over the trees of all slices along the axis, so every
        slice's dendrogram shares one height scale.
    axis_slices : Slices or None
        The slices of the panel's split axis (bounds, titles, trees, gaps);
        None for panels drawn once across a side.
    legends : tuple
        Every panel's legend, gathered before layout from
        :meth:`Panel.legend` (read by ``Legends``).
    matrix : pandas.DataFrame or None
        The whole matrix as drawn (every slice), for values computed from
        it that share one scale over the slices.
    palettes : Mapping
        Default category colours allocated across the figure (``id`` of the
        colouring -> category -> RGBA), so that categorical colourings
        without a palette of their own never share a colour.
    """

    occupied_corners: frozenset[str] = frozenset()
    movable_sides: frozenset[str] = frozenset()
    corner_reach: Mapping[str, frozenset[str]] = field(default_factory=dict)
    row_universe: pd.Index | None = None
    col_universe: pd.Index | None = None
    whole_labels: pd.Index | None = None
    input_labels: pd.Index | None = None
    tree_height: float = 0.0
    axis_slices: Slices | None = None
    legends: tuple[LegendSpec | list[LegendSpec], ...] = ()
    matrix: pd.DataFrame | None = None
    palettes: Mapping[Hashable, Mapping[Any, tuple[float, float, float, float]]] = (
        field(default_factory=dict)
    )

    def universe(self, vertical: bool) -> pd.Index | None:
        """The labels the axis had before ``filter()``/``subset()``."""
        return self.row_universe if vertical else self.col_universe


@dataclass(frozen=True)
class Context:
    """What a panel may read while measuring and drawing.

    Along-axis coordinates match the heatmap: for a left/right panel, row
    ``i`` of ``matrix`` is centred at ``y = i + 0.5`` (row 0 at the top);
    for a top/bottom panel, column ``j`` is centred at ``x = j + 0.5``.
    When the panel's axis is split and the panel is ``sliced``, the context
    covers one slice (its matrix, orders and tree), in the slice's own
    coordinates.

    A context is immutable: the engine derives each panel's context with
    :meth:`replace` and never changes one it has handed out.

    Attributes
    ----------
    matrix : pandas.DataFrame
        The matrix as drawn: rows and columns in drawn order (this slice's
        only, when the axis is split).
    norm : matplotlib.colors.Normalize
        The heatmap's norm; a cell's colour is ``cmap(norm(value))``.
    cmap : matplotlib.colors.Colormap
        The heatmap's colormap.
    side : str
        Where the panel is: ``"left"``, ``"right"``, ``"top"``, ``"bottom"``
        or a corner such as ``"top-right"``.
    row_order, col_order : pandas.Index
        Row and column labels in drawn order.
    row_linkage, col_linkage : numpy.ndarray or None
        The scipy linkage matrices of clustered axes (None when not
        clustered).
    renderer : matplotlib.backend_bases.RendererBase
        The renderer text is measured with (see :meth:`text_extent`).
    figure : matplotlib.figure.Figure
        The figure being drawn.
    row_index, col_index : numpy.ndarray of int
        Drawn order of the rows (columns) as positions in the input: the
        leaf ids of the linkage, in drawn order.
    length : float
        The heatmap's extent along this panel's axis (this slice's), in
        inches.
    box : tuple of float
        For corner panels: the (width, height) of the corner box, in inches.
    heatmap_size : tuple of float
        The heatmap's (width, height) in inches at the current layout pass
        (corner panels).
    ax_heatmap : matplotlib.axes.Axes or None
        The heatmap's axes (of this slice), once it exists (None while
        validating and measuring).
    slice_index : int
        Which slice of a split axis this context covers (0 when not split).
    n_slices : int
        How many slices this panel's axis is split into (1 when not split).
    slice_start : int
        Position of this slice's first cell in the whole drawn order.
    slice_title : str
        The slice's name (its category, or its cluster number).
    """

    matrix: pd.DataFrame
    norm: Normalize
    cmap: Colormap
    side: str
    row_order: pd.Index
    col_order: pd.Index
    row_linkage: npt.NDArray[np.float64] | None
    col_linkage: npt.NDArray[np.float64] | None
    renderer: RendererBase
    figure: Figure
    row_index: npt.NDArray[np.intp] = field(default_factory=_no_positions)
    col_index: npt.NDArray[np.intp] = field(default_factory=_no_positions)
    length: float = 0.0
    box: tuple[float, float] = (0.0, 0.0)
    heatmap_size: tuple[float, float] = (0.0, 0.0)
    ax_heatmap: Axes | None = None
    slice_index: int = 0
    n_slices: int = 1
    slice_start: int = 0
    slice_title: str = ""
    _engine: EngineRecord = field(default_factory=EngineRecord, repr=False)

    def replace(self, **changes: Any) -> Context:
        """A new context with ``changes`` (field name -> value); this one is
        left as it is."""
        return dataclasses.replace(self, **changes)

    def _with_engine(self, **changes: Any) -> Context:
        """A new context whose engine record has ``changes`` (engine use)."""
        return dataclasses.replace(
            self, _engine=dataclasses.replace(self._engine, **changes)
        )

    @property
    def orientation(self) -> str:
        """``"vertical"`` for left/right panels (they run along the rows),
        ``"horizontal"`` for top/bottom ones; ``"corner"`` for corners."""
        if self.side in ("left", "right"):
            return "vertical"
        if self.side in ("top", "bottom"):
            return "horizontal"
        return "corner"

    @property
    def labels(self) -> pd.Index:
        """The labels along this panel's axis (this slice's), in drawn order."""
        return self.row_order if self.orientation == "vertical" else self.col_order

    @property
    def linkage(self) -> npt.NDArray[np.float64] | None:
        """The linkage of the axis this panel runs along, if it is clustered."""
        return self.row_linkage if self.orientation == "vertical" else self.col_linkage

    @property
    def index(self) -> npt.NDArray[np.intp]:
        """Drawn order along this panel's axis, as positions in the input."""
        return self.row_index if self.orientation == "vertical" else self.col_index

    @property
    def n(self) -> int:
        """Number of cells along this panel's axis."""
        return len(self.labels)

    @property
    def cell(self) -> float:
        """Size of one cell along this panel's axis, in inches."""
        return self.length / max(self.n, 1)

    def text_extent(self, text: str, **props: Any) -> tuple[float, float]:
        """Width and height in inches of ``text`` drawn with ``props``
        (any :class:`matplotlib.text.Text` properties, e.g. ``fontsize``)."""
        from .._support.text import measure_texts

        ext = measure_texts([text], self.renderer, self.figure, **props)[0]
        return float(ext[1] - ext[0]), float(ext[3] - ext[2])

    def align(
        self, values: Any, *, name: str = "the values", whole: bool = False
    ) -> pd.Series:
        """One value per row (left/right panels) or column (top/bottom), in
        drawn order.

        A Series or dict is aligned by label; a list or array is taken in
        the matrix's input order.  Values are checked against every label
        of the axis (every slice of a split), so a missing or unknown label
        raises the same error in every slice.  Labels that ``filter()`` or
        ``subset()`` dropped may be given; they are ignored.

        Parameters
        ----------
        values : Series, dict, list, array or one-column DataFrame
            The values, one per row (column).
        name : str, default "the values"
            What the values are, for the error message (e.g. the panel's
            name).
        whole : bool, default False
            Return every label of the axis (all slices, in drawn order)
            instead of this slice's.

        Returns
        -------
        pandas.Series
            Indexed by ``labels`` (or, with ``whole``, every label of the
            axis), in drawn order.

        Raises
        ------
        ValueError
            When labels are missing or unknown, or a list has the wrong
            length.
        """
        s = self._align_input(values, name)
        if whole and self._engine.whole_labels is not None:
            return s.reindex(self._engine.whole_labels)
        if whole:
            return s.reindex(self._drawn_whole())
        return s.reindex(self.labels)

    # -- the aligner's core (in input order) -------------------------------------
    def _input_labels(self) -> pd.Index:
        """Every label of the axis in the matrix's input order."""
        if self._engine.input_labels is not None:
            return self._engine.input_labels
        labels, index = self.labels, self.index
        return labels[np.argsort(index)] if len(index) == len(labels) else labels

    def _drawn_whole(self) -> pd.Index:
        if self._engine.whole_labels is not None:
            return self._engine.whole_labels
        return self.labels

    def _align_input(self, values: Any, name: str) -> pd.Series:
        """``values`` aligned to every label of the axis, in input order."""
        vertical = self.orientation == "vertical"
        return align_to_labels(
            values,
            self._input_labels(),
            "row" if vertical else "column",
            name,
            self._engine.universe(vertical),
        )
