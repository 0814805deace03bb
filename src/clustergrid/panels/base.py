"""The Panel base class and what panels exchange with the engine: the
Extent a panel measures and the legends it offers (the Context every panel
receives is in :mod:`.context`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from matplotlib.colors import Colormap
from matplotlib.typing import ColorType

from ..sizes import Fixed, Size, SizeLike, _AutoType
from .context import Context

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.colors import Normalize

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
    (it then reads where others' content reaches into the corners, and is
    left out of that)."""
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

    def _palette_requests(self, ctx: Context) -> list[tuple[int, list[Any]]]:
        """``(id of a colouring, its categories)`` for each categorical
        colouring without a palette of its own, whose default colours the
        grid allocates across the figure (engine internal)."""
        return []

    def _taken_colors(self, ctx: Context) -> list[Any]:
        """Colours the user gave this panel for categories (engine internal):
        the figure's default colours keep away from them."""
        return []

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
            The figure, the drawn matrix (``view.ordered``), the panel's axis
            and axes, and ``view.pixel(ax, x, y)``, which turns ``ax``'s
            data coordinates into the page's pixels
            (``clustergrid/panels/page_view.py``).

        Returns
        -------
        tuple of (str, dict) or None
        """
        return None

    def _keep_user_edits(self) -> None:
        """Before the layout engine draws this panel again into the same
        axes: keep what the user changed on its drawn artists (``Labels``
        keeps restyled labels).  Nothing by default."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


def is_auto(size: object) -> bool:
    return isinstance(size, _AutoType)


def is_size(size: object) -> bool:
    return isinstance(size, Size)
