"""ValueTrack: the public base of panels that draw values against a value
axis (bars, points, lines, distributions), one mark per row or column.

It gives a value-axis panel what a split grid needs: one value scale shared
by every slice (one set of limits, from the values of the whole axis) and
one value axis per panel, drawn once, past the heatmap's end on the
outermost slice (below the last row slice, or left of the first column
slice), where the layout measures it like any panel's content.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import matplotlib as mpl
import matplotlib.ticker as mticker
import numpy as np
import numpy.typing as npt
import pandas as pd

from .._support.text import measure_texts
from ..sizes import Fixed, SizeLike
from .base import Context, Extent, Palette, Panel

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.typing import ColorType

__all__ = ["ValueTrack", "TrackValues"]

#: One number per row or column: a Series or dict (aligned by label), a list
#: or an array (input order); a DataFrame for stacked bars.
TrackValues = pd.Series | pd.DataFrame | Mapping[Any, float] | npt.ArrayLike
#: What a ValueTrack takes: values, or a function of the matrix as drawn.
ValueSource = TrackValues | Callable[[pd.DataFrame], TrackValues]

_TICK_PT = 3.0


class ValueTrack(Panel):
    """Base class for panels that draw one value per row (on the left or
    right) or per column (top or bottom) against a value axis.

    A subclass overrides :meth:`plot`, which draws this slice's values (in
    drawn order: cell ``i`` is centred at ``i + 0.5``) into ``ax``.  The
    base aligns the values to the drawn rows (:meth:`Context.align`), gives
    every slice of a split grid one value scale (:meth:`value_range`), and
    draws the value axis (ticks and ``label``) once: below the last row
    slice, or left of the first column slice.  The layout measures that axis
    and keeps it inside the figure, clear of the other panels.

    Parameters
    ----------
    values : Series, dict, list, array or callable
        One number per row or column: a Series or dict is aligned by label,
        a list or array is taken in the matrix's input order.  A callable
        computes them from the heatmap's values: it is given the whole
        matrix as drawn (every slice), with this panel's labels as its index
        (transposed for a top or bottom panel), and returns a Series (e.g.
        ``lambda m: m.mean(axis=1)``).
    color : colour, default "0.3"
        The marks' colour (``self.color`` in :meth:`plot`).
    axis : bool, default True
        Draw the value axis.
    lim : (low, high), optional
        The value range, shared by every slice; default the values' range
        (padded by 5%, or from zero when ``from_zero`` is set).
    fontsize : float, optional
        Size of the tick labels and the axis label (default ``x-small``).
    label : str, optional
        The value axis's label, drawn once with its ticks.

    Attributes
    ----------
    from_zero : bool
        Class attribute: the default range starts at zero (bars).

    Examples
    --------
    >>> class LineTrack(cg.ValueTrack):
    ...     def plot(self, ax, ctx, values):
    ...         pos = np.arange(len(values)) + 0.5
    ...         xy = (values, pos) if ctx.orientation == "vertical" else (pos, values)
    ...         return ax.plot(*xy, color=self.color)
    >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::10]
    >>> line = LineTrack(X["alcohol"], label="alcohol")
    >>> g = (cg.ClusterGrid(X, z_score=1).cluster().split(rows=2)
    ...      .add(line, "right", size="15mm"))
    >>> fig = g.draw()
    >>> len({ax.get_xlim() for ax in line.axes})  # one scale for both slices
    1
    >>> [ax.get_xlabel() for ax in line.axes]  # one value axis, on the last slice
    ['', 'alcohol']
    """

    default_size: SizeLike = Fixed(0.6)
    from_zero: ClassVar[bool] = False

    def __init__(
        self,
        values: ValueSource | None,
        *,
        color: ColorType | Palette | None = "0.3",
        axis: bool = True,
        lim: tuple[float, float] | None = None,
        fontsize: float | None = None,
        label: str | None = None,
    ) -> None:
        self.values = values
        self.color = color
        self.axis = bool(axis)
        if lim is not None and (len(lim) != 2 or not lim[0] < lim[1]):
            raise ValueError(f"lim must be (low, high) with low < high, got {lim!r}")
        self.lim = lim
        self.fontsize = fontsize
        self.label = label

    # -- values ------------------------------------------------------------------
    def _series(self, ctx: Context) -> pd.Series:
        """One number per label of the whole axis (input order), checked."""
        values = self.values
        if callable(values):
            m = ctx._engine.matrix if ctx._engine.matrix is not None else ctx.matrix
            values = values(m if ctx.orientation == "vertical" else m.T)
        s = ctx._align_input(values, type(self).__name__)
        if not (pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)):
            raise TypeError(
                f"{type(self).__name__} needs numbers, got dtype {s.dtype}; use an "
                "AnnotationBar for categories"
            )
        v = s.to_numpy(dtype=float)
        if np.isinf(v).any():
            raise ValueError(f"{type(self).__name__} holds infinite values")
        return s.astype(float)

    def all_values(self, ctx: Context) -> npt.NDArray[np.float64]:
        """Every value along the whole axis (all slices): what the shared
        scale must hold.  Override when the marks are not ``values``
        themselves (stacked totals, distributions).

        Parameters
        ----------
        ctx : Context
            The grid as this panel sees it.

        Returns
        -------
        numpy.ndarray
            The values, NaN for missing ones.
        """
        return self._series(ctx).to_numpy()

    def slice_values(self, ctx: Context) -> npt.NDArray[np.float64]:
        """This slice's values in drawn order, as floats (NaN where missing).

        Parameters
        ----------
        ctx : Context
            The grid as this panel sees it (one slice of a split axis).

        Returns
        -------
        numpy.ndarray
            One value per cell of ``ctx.labels``.
        """
        return self._series(ctx).reindex(ctx.labels).to_numpy()

    def value_range(self, ctx: Context) -> tuple[float, float]:
        """The value axis's limits, the same for every slice: ``lim``, or
        the range of :meth:`all_values` (padded by 5%, or from zero when
        ``from_zero`` is set).

        Parameters
        ----------
        ctx : Context
            The grid as this panel sees it.

        Returns
        -------
        tuple of float
            ``(low, high)``.
        """
        if self.lim is not None:
            return float(self.lim[0]), float(self.lim[1])
        v = self.all_values(ctx)
        v = v[np.isfinite(v)]
        if not len(v):
            return 0.0, 1.0
        lo, hi = (
            float(min(v.min(), 0.0) if self.from_zero else v.min()),
            float(v.max()),
        )
        if self.from_zero:
            hi = max(hi, 0.0)
        if hi <= lo:
            hi = lo + 1.0
        pad = 0.0 if self.from_zero else 0.05 * (hi - lo)
        return lo - pad, hi + pad

    def validate(self, ctx: Context) -> None:
        if ctx.orientation == "corner":
            raise ValueError(f"a {type(self).__name__} goes on a side, not in a corner")
        self.value_range(ctx)

    # -- value axis --------------------------------------------------------------
    def ticks(self, ctx: Context) -> np.ndarray:
        """The value axis's ticks: at most three round values within the
        track's range (``lim``, or the values' range over every slice)."""
        lo, hi = self.value_range(ctx)
        t = mticker.MaxNLocator(nbins=2, steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi)
        return np.asarray([x for x in t if lo - 1e-9 <= x <= hi + 1e-9])

    def _fs(self) -> float:
        return (
            self.fontsize
            or mpl.font_manager.FontProperties(size="x-small").get_size_in_points()
        )

    def _shows_axis(self, ctx: Context) -> bool:
        # the axis is drawn once: under the last row slice, or left of the first column slice
        if not self.axis:
            return False
        return ctx.slice_index == (
            ctx.n_slices - 1 if ctx.orientation == "vertical" else 0
        )

    def _fitted(self, ctx: Context, ticks: np.ndarray, ax: Axes) -> np.ndarray:
        """``ticks``, thinned until their labels keep clear of each other
        along the axes (the ends, then the tick nearest the middle)."""
        if len(ticks) < 2:
            return ticks
        from .scalebar import ScaleBar

        vertical = ctx.orientation == "vertical"
        length = (ax.bbox.width if vertical else ax.bbox.height) / ctx.figure.dpi
        lo, hi = self.value_range(ctx)
        bbs = measure_texts(
            [ScaleBar.format_tick(t) for t in ticks],
            ctx.renderer,
            ctx.figure,
            fontsize=self._fs(),
        )
        ext = (bbs[:, 1] - bbs[:, 0]) if vertical else (bbs[:, 3] - bbs[:, 2])
        pos = (ticks - lo) / (hi - lo) * length
        for keep in (np.arange(len(ticks)), np.array([0, len(ticks) - 1])):
            gaps = np.diff(pos[keep]) - (ext[keep][:-1] + ext[keep][1:]) / 2
            if np.all(gaps >= 0):
                return ticks[keep]
        return ticks[[int(np.argmin(np.abs(pos - length / 2)))]]

    def measure(self, ctx: Context) -> Extent:
        """How far the value axis reaches past the heatmap's end (nothing
        on the slices that do not draw it)."""
        if not self._shows_axis(ctx):
            return Extent()
        from .scalebar import ScaleBar

        labels = [ScaleBar.format_tick(t) for t in self.ticks(ctx)]
        bbs = measure_texts(labels, ctx.renderer, ctx.figure, fontsize=self._fs())
        tick = (_TICK_PT + mpl.rcParams["xtick.major.pad"]) / 72
        title = 0.0
        if self.label:
            _, h = ctx.text_extent(self.label, fontsize=self._fs())
            title = mpl.rcParams["axes.labelpad"] / 72 + h
        if ctx.orientation == "vertical":  # ticks below the last slice
            height = float((bbs[:, 3] - bbs[:, 2]).max(initial=0))
            return Extent(after=tick + height + title)
        width = float((bbs[:, 1] - bbs[:, 0]).max(initial=0))
        return Extent(before=tick + width + title)

    def finish_axes(self, ax: Axes, ctx: Context) -> None:
        """Give ``ax`` the shared value limits, hide its frame, and draw the
        value axis (ticks and label) if this slice carries it.

        :meth:`draw` calls it after :meth:`plot`; a subclass that overrides
        ``draw`` calls it last.

        Parameters
        ----------
        ax : matplotlib.axes.Axes
            The panel's axes for this slice.
        ctx : Context
            The grid as this panel sees it.
        """
        lo, hi = self.value_range(ctx)
        vertical = ctx.orientation == "vertical"
        (ax.set_xlim if vertical else ax.set_ylim)(
            *((hi, lo) if ctx.side in ("left", "bottom") else (lo, hi))
        )
        for sp in ax.spines.values():
            sp.set_visible(False)
        ax.patch.set_visible(False)
        if vertical:
            ax.tick_params(
                axis="y", left=False, labelleft=False, right=False, labelright=False
            )
        else:
            ax.tick_params(
                axis="x", bottom=False, labelbottom=False, top=False, labeltop=False
            )
        from .scalebar import ScaleBar

        if self._shows_axis(ctx):
            t = self._fitted(ctx, self.ticks(ctx), ax)
            kw = dict(length=_TICK_PT, labelsize=self._fs())
            if vertical:
                ax.spines["bottom"].set_visible(True)
                ax.set_xticks(t, labels=[ScaleBar.format_tick(x) for x in t])
                ax.tick_params(axis="x", bottom=True, labelbottom=True, top=False, **kw)
                if self.label:
                    ax.set_xlabel(self.label, fontsize=self._fs())
            else:
                ax.spines["left"].set_visible(True)
                ax.set_yticks(t, labels=[ScaleBar.format_tick(x) for x in t])
                ax.tick_params(axis="y", left=True, labelleft=True, right=False, **kw)
                if self.label:
                    ax.set_ylabel(self.label, fontsize=self._fs())
        else:
            (ax.set_xticks if vertical else ax.set_yticks)([])

    # -- drawing -----------------------------------------------------------------
    def plot(self, ax: Axes, ctx: Context, values: npt.NDArray[np.float64]) -> Any:
        """Draw this slice's ``values`` into ``ax``: the one method a
        subclass must write.

        Parameters
        ----------
        ax : matplotlib.axes.Axes
            The panel's axes: along the heatmap's axis, cell ``i`` is
            centred at ``i + 0.5``; across it, the value scale (set after
            ``plot`` returns, the same for every slice).
        ctx : Context
            The grid as this panel sees it (``ctx.orientation`` tells
            whether values run along x, for left/right panels, or y).
        values : numpy.ndarray
            This slice's values in drawn order (NaN where missing).

        Returns
        -------
        object
            Anything; :meth:`draw` returns it.
        """
        raise NotImplementedError(
            f"{type(self).__name__} must implement plot(self, ax, ctx, values)"
        )

    def draw(self, ax: Axes, ctx: Context) -> Any:
        """Draw this slice's values (:meth:`plot`) and the value axis
        (:meth:`finish_axes`); returns what ``plot`` returned."""
        out = self.plot(ax, ctx, self.slice_values(ctx))
        self.finish_axes(ax, ctx)
        return out
