"""What a :class:`~clustergrid.ClusterGrid` records: its checked constructor
options, the per-axis ordering requests, the panels and layers added, and the
version that tells a changed spec from the last drawn one."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._order.axis_order import AxisRequest
from ..sizes import to_inches

if TYPE_CHECKING:  # pragma: no cover
    from typing_extensions import Self  # typing.Self from Python 3.11

    from .._body.layers import Layer
    from .._input.matrix import Matrix
    from .._plan.plan import OrderedMatrix, Slot
    from .grid_options import GridOptions

__all__ = ["VERSIONS", "GridState"]

VERSIONS = itertools.count()  # spec versions: a changed spec draws again


class GridState:
    """The builder's state.  The grid's public methods check their arguments
    (the ``_spec`` functions) and record them here; every change calls
    :meth:`_changed`, so the next read compiles afresh."""

    def __init__(self, o: GridOptions) -> None:
        self._legends = o.legends
        self._dask = o.dask  # a dask array: its drawn sample is the data
        self._categories, self._category_colors = o.categories, o.category_colors
        self._legend_title = o.legend_title
        self._data: Matrix = o.data
        # the labels as given, before filter()/subset(): per-label metadata may cover them all
        self._universe = o.universe
        self._figsize, self._cell = o.figsize, o.cell
        self._dpi, self._square = o.dpi, o.square
        self._rc = o.rc  # the rcParams every draw and save runs with
        self._cmap = o.cmap
        self._norm_opts: dict[str, Any] = o.norm_opts  # what resolve_norm takes
        self._z_score, self._standard_scale = o.z_score, o.standard_scale
        self._transformed: Matrix | None = None
        self._cells = o.cells
        self._cells_layer = o.cells_layer
        self._layers: list[Layer] = []
        self._border = o.border
        self._slots: list[Slot] = []
        self._split_gap = to_inches("2mm")
        # per axis ("row", "col"): clustering, explicit order, split, reorder, gaps
        self._axes = {a: AxisRequest(gaps=self._split_gap) for a in ("row", "col")}
        self._split_titles: bool | dict[str, Sequence[object]] | None = None
        self._compiled: OrderedMatrix | None = None
        self._version = next(VERSIONS)

    def _changed(self) -> Self:
        self._compiled = None
        self._version = next(VERSIONS)  # the last drawn figure is out of date
        return self

    def _bind(self, layer: Layer) -> Layer:
        """``layer`` with its tables aligned to the current matrix (raises here)."""
        return layer.bind(self._data.rows, self._data.cols, self._universe)
