"""The Panel base class and the Context every panel receives."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import numpy.typing as npt
import pandas as pd
from matplotlib.colors import Colormap
from matplotlib.typing import ColorType

from ..sizes import Fixed, Size, SizeLike, _AutoType

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.colors import Normalize
    from matplotlib.figure import Figure

    from .._order.split import Slices
    from ..result import Drawn
    from .page_view import PageView

__all__ = ["Panel", "Context", "Extent", "ColorKey", "SIDES", "CORNERS"]

SIDES = ("left", "right", "top", "bottom")
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")


@dataclass(frozen=True)
class Extent:
    """What a panel needs, in inches, as measured from its content.

    Attributes
    ----------
    thickness : float or None
        The panel's size across the heatmap (width of a left/right panel,
        height of a top/bottom one), used when its size is ``Auto``.
    before, after : float
        How far its content reaches past the heatmap's ends along the shared
        axis (above the first row / left of the first column, and past the
        last).  The layout keeps that much room inside the figure.
    width, height : float
        For corner panels: the smallest box that holds the content.
    """

    thickness: float | None = None
    before: float = 0.0
    after: float = 0.0
    width: float = 0.0
    height: float = 0.0


@dataclass(frozen=True)
class ColorKey:
    """A colour mapping offered as a legend: a norm and a colormap.

    :meth:`Panel.legend` may return ``(title, ColorKey(norm, cmap))``
    instead of swatches; ``Legends`` draws it as a colour bar, or as
    labelled swatches when the mapping is discrete (a ``BoundaryNorm``, or
    a ``ListedColormap`` of a few colours).

    Attributes
    ----------
    norm : matplotlib.colors.Normalize
    cmap : matplotlib.colors.Colormap
    drawn : bool, default False
        True when the offering panel already draws this key itself (a
        ``ScaleBar`` draws the heatmap's scale): ``Legends`` then leaves it
        out, so every colour mapping is shown once.
    heatmap : bool, default False
        True when this is the heatmap's own scale (the grid's norm and
        colormap), so ``Legends`` shows it at most once.
    """

    norm: Normalize
    cmap: Colormap
    drawn: bool = False
    heatmap: bool = False


#: Colours for categories: a dict category -> colour, a list of colours, or a
#: colormap (its name or the object).
Palette = Mapping[Any, ColorType] | Sequence[ColorType] | str | Colormap

#: A colour as matplotlib's ``to_rgba`` returns it.
RGBA = tuple[float, float, float, float]
#: One legend swatch: its label and its colour.
Swatch = tuple[str, ColorType]
#: One legend: its title and either swatches or a colour mapping.
LegendSpec = tuple[str, Sequence[Swatch] | ColorKey]
#: What :meth:`Panel.legend` returns: one legend, a list of them, or None.
LegendOffer = LegendSpec | list[LegendSpec] | None


@dataclass
class Context:
    """Everything a panel may read while measuring and drawing.

    Along-axis coordinates match the heatmap: for a left/right panel, row
    ``i`` of ``matrix`` is centred at ``y = i + 0.5`` (row 0 at the top);
    for a top/bottom panel, column ``j`` is centred at ``x = j + 0.5``.

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
    occupied_corners : frozenset of str
        Corners that hold a panel.
    row_universe : pandas.Index or None
        The row labels as given before ``filter()``/``subset()``.
    ax_heatmap : matplotlib.axes.Axes or None
        The heatmap's axes (of this slice), once it exists.
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
    row_index: npt.NDArray[np.intp] = field(
        default_factory=lambda: np.empty(0, dtype=np.intp)
    )
    """Drawn order of the rows as positions in the input (leaf ids of the row linkage)."""
    col_index: npt.NDArray[np.intp] = field(
        default_factory=lambda: np.empty(0, dtype=np.intp)
    )
    """Drawn order of the columns as positions in the input."""
    length: float = 0.0
    """Extent of the heatmap along this panel's axis, in inches."""
    box: tuple[float, float] = (0.0, 0.0)
    """For corner panels: the (width, height) of the corner box, in inches."""
    heatmap_size: tuple[float, float] = (0.0, 0.0)
    """The heatmap's (width, height) in inches at the current layout pass."""
    occupied_corners: frozenset[str] = field(default_factory=frozenset)
    row_universe: pd.Index | None = None
    col_universe: pd.Index | None = None
    """Labels as given before filter()/subset(): metadata may cover them all."""
    movable_sides: frozenset[str] = field(default_factory=frozenset)
    """Sides holding panels with ``movable_overhang`` (named bars): their
    pinwheel corners are theirs, so others' movable content keeps out."""
    corner_reach: dict[str, set[str]] = field(default_factory=dict)
    """Corner name -> {"H", "V"}: which directions content of panels that
    cannot move (labels, custom panels) reaches into that corner from, as
    measured in the previous layout pass.  Panels that can place their
    overhang at either end (AnnotationBar names) use it to keep clear."""
    ax_heatmap: Axes | None = None
    slice_index: int = 0
    """Which slice of a split axis this context covers (0 when not split)."""
    n_slices: int = 1
    """How many slices this panel's axis is split into (1 when not split)."""
    slice_start: int = 0
    """Position of this slice's first cell in the full drawn order."""
    slice_title: str = ""
    """The slice's name (its category, or its cluster number)."""
    tree_height: float = 0.0
    """Highest merge over the trees of all slices along this axis, so every
    slice's dendrogram can share one height scale."""
    axis_slices: Slices | None = None
    """The slices (``Slices``) of this panel's split axis (every
    slice's bounds, titles, trees and gaps, and the tree over the slices when
    they are ordered by similarity); None for panels drawn once across a side."""
    whole_labels: pd.Index | None = None
    """All labels along this panel's axis in drawn order (``labels`` holds
    only this slice's)."""
    input_labels: pd.Index | None = None
    """All labels along this panel's axis in the matrix's input order (to
    align per-row/per-column values given as a list)."""
    legends: tuple[LegendSpec | list[LegendSpec], ...] = ()
    """Every panel's legend, as ``(title, [(label, rgba), ...])`` or
    ``(title, ColorKey)`` (or a list of them, for a panel offering several),
    gathered before layout from :meth:`Panel.legend` (read by ``Legends``)."""

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
        """The labels along this panel's axis, in drawn order."""
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
    def universe(self) -> pd.Index | None:
        """The labels this axis had before ``filter()``/``subset()``; values
        given for them are accepted (and the dropped ones ignored)."""
        return (
            self.row_universe if self.orientation == "vertical" else self.col_universe
        )

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


class Panel:
    """Base class for everything drawn around the heatmap.

    Subclasses override :meth:`draw`; that is all a custom panel needs: the
    layout measures what it draws (its tight bounding box, ticks and tick
    labels included) and keeps all of it inside the figure.  A panel may
    also set ``default_size`` (a :class:`~clustergrid.Size`, a length
    such as ``"8mm"``, or ``Auto`` together with :meth:`measure`), and
    override :meth:`measure` where what it draws depends on the length it
    is given (thinned labels, fitted titles, packed legends).

    A panel object holds its options only.  What it sets on itself while
    drawing is kept per draw: one panel object may be drawn in two grids,
    and after a draw its attributes (and :attr:`ax`) show that last draw.

    Attributes
    ----------
    default_size : Size, str or float
        The panel's size across the heatmap when ``add()`` gives none:
        a :class:`~clustergrid.Size`, a length such as ``"8mm"``, or
        ``Auto`` (then :meth:`measure` tells the thickness).  Default 0.5 in.
    default_pad : float
        Inches between this panel and its neighbour towards the heatmap
        when ``add()`` gives no ``pad``.  Default 0.05.

    Examples
    --------
    >>> class RowMeans(cg.Panel):
    ...     def draw(self, ax, ctx):
    ...         m = ctx.matrix.mean(axis=1)
    ...         ax.barh(np.arange(ctx.n) + 0.5, m, height=0.8)
    >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
    >>> means = RowMeans()
    >>> g = cg.ClusterGrid(X, z_score=1).cluster().add(means, "right", size="15mm")
    >>> fig = g.draw()
    >>> [float(b.get_y() + b.get_height() / 2) for b in means.ax.patches][:3]  # row centres
    [0.5, 1.5, 2.5]
    """

    # not a ClassVar: a panel may choose its size per instance (a DataFrame's
    # AnnotationBar is one stripe per column)
    default_size: SizeLike = Fixed(0.5)
    default_pad: ClassVar[float] = 0.05
    default_side: ClassVar[str | None] = None
    """Side used by ``ClusterGrid.add(panel)`` when no side is given."""
    movable_overhang: ClassVar[bool] = False
    """True if the panel can put what reaches past the heatmap at either end
    (it then reads ``ctx.corner_reach`` and is left out of it)."""
    aligned: ClassVar[bool] = True
    """Whether the engine gives this panel the heatmap's along-axis limits."""
    sliced: ClassVar[bool] = True
    """When the heatmap is split, draw once per slice (``draw`` gets a
    context restricted to the slice, with local coordinates) rather than
    once across the whole side."""

    @property
    def ax(self) -> Axes | None:
        """The axes the panel was drawn into in the last draw (the first
        slice's when the axis is split); None before drawing."""
        rec = self.__dict__.get("_drawn")
        return rec.ax if rec is not None else None

    @property
    def axes(self) -> list[Axes]:
        """Every axes the panel was drawn into in the last draw, one per slice."""
        rec = self.__dict__.get("_drawn")
        return list(rec.axes) if rec is not None else []

    # -- hooks -------------------------------------------------------------
    def validate(self, ctx: Context) -> None:
        """Raise a clear error if the panel cannot be drawn with ``ctx``.

        Called before any layout or axes exist, so a problem that depends on
        the whole grid (e.g. a dendrogram on an axis that is not clustered)
        is reported before anything is drawn or written.  The default
        accepts everything.

        Parameters
        ----------
        ctx : Context
            The grid as this panel will see it (``ctx.renderer`` may be used
            to measure text; no axes exist yet).

        Raises
        ------
        ValueError or TypeError
            Naming the option, the value and the fix.
        """

    def measure(self, ctx: Context) -> Extent:
        """Predict the content's extent before it is drawn.

        Needed only for ``Auto`` sizes (the thickness), or where the content
        depends on the length given.  Whatever is predicted, the layout then
        measures what :meth:`Panel.draw` actually drew and makes room for
        it.  The default predicts nothing.

        Parameters
        ----------
        ctx : Context
            The grid at the current layout pass: ``ctx.length`` is the
            heatmap's extent along this panel's axis, in inches; in a
            corner, ``ctx.box`` is the corner's current (width, height).

        Returns
        -------
        Extent
            The predicted thickness (for ``Auto`` sizes) and how far the
            content reaches past the heatmap's ends, in inches.
        """
        return Extent()

    def legend(self, ctx: Context) -> LegendOffer:
        """The legend this panel contributes to a ``Legends`` panel:
        ``(title, [(label, colour), ...])`` for swatches, ``(title,
        ColorKey(norm, cmap))`` for a colour mapping, a list of those, or
        None (the default).

        Called after :meth:`Panel.validate`, before layout.

        Parameters
        ----------
        ctx : Context
            The grid as this panel sees it.

        Returns
        -------
        tuple or list of tuple or None
            ``(title, [(label, colour), ...])``, ``(title, ColorKey)``, a
            list of those, or None for no legend.
        """
        return None

    def offers_legend(self) -> bool:
        """Whether :meth:`legend` may return a legend; the grid adds an
        automatic ``Legends`` panel when any panel does.

        Decided from the panel's options alone (before any drawing).

        Returns
        -------
        bool
            Default: True when :meth:`Panel.legend` is overridden.
        """
        return type(self).legend is not Panel.legend

    def draw(self, ax: Axes, ctx: Context) -> object:
        """Draw the panel into ``ax``, whose along-axis limits already match
        the heatmap's cells.

        The layout measures what was drawn and, when it needs more room
        than it had (tick labels past the box, a title wider than the
        heatmap), lays the figure out again and draws again into new axes:
        ``draw`` may be called more than once per draw of the grid, and
        must draw the same thing each time from ``ax`` and ``ctx`` alone.

        Parameters
        ----------
        ax : matplotlib.axes.Axes
            The panel's axes: along the heatmap's axis, cell ``i`` is
            centred at ``i + 0.5`` (rows run top to bottom).
        ctx : Context
            The grid as this panel sees it (restricted to one slice when the
            axis is split and the panel is ``sliced``).

        Returns
        -------
        object
            Anything; it is kept in the result
            (``g.result.grids[0].drawn(panel).returned``).
        """
        raise NotImplementedError(
            f"{type(self).__name__} must implement draw(self, ax, ctx)"
        )

    def page_data(
        self, drawn: Drawn, view: PageView
    ) -> tuple[str, dict[str, Any]] | None:
        """Extra data for the interactive page (``g.to_html()``).

        The page lists every drawn panel by its side, box and name whatever
        this returns.  A panel on a side may add what the page's script can
        use: return ``(kind, data)`` with ``kind`` one of ``"bars"`` (a
        colour bar: ``name``, ``values`` and ``colors`` per cell in drawn
        order; it follows the zoom and shows in the tooltip),
        ``"dendrograms"`` (``h0``, ``h1``: image pixels of tree heights 0 and
        1 across the panel; its branches can be clicked) or ``"labels"``
        (redrawn for the zoomed cells).  The default adds nothing.

        Parameters
        ----------
        drawn : Drawn
            What this panel drew (``g.result.grids[0].drawn(panel)``).
        view : PageView
            The figure, the drawn matrix (``view.comp``), the panel's axis
            and axes, and ``view.pixel(ax, x, y)``, which turns ``ax``'s
            data coordinates into the page's pixels
            (``clustergrid/panels/page_view.py``).

        Returns
        -------
        tuple of (str, dict) or None
        """
        return None

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


def is_auto(size: object) -> bool:
    return isinstance(size, _AutoType)


def is_size(size: object) -> bool:
    return isinstance(size, Size)
