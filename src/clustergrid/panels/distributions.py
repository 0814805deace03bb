"""Distribution tracks: a violin, a strip of points or a histogram per row
(left/right) or column (top/bottom), centred on its cell.

Like :class:`~clustergrid.BoxTrack` they show each row's (column's) own
values in the heatmap, or per-label samples from an aligned table (a
DataFrame indexed by label, or a dict label -> sequence).  Every slice of a
split shares one value scale; each draws only its own rows, in drawn order.
Violins are matplotlib's ``violinplot`` and histograms its ``hist``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import matplotlib.colors as mcolors
import numpy as np
import numpy.typing as npt

from .base import Context
from .tracks import DistributionTrack, TrackData

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.collections import PathCollection
    from matplotlib.container import BarContainer
    from matplotlib.lines import Line2D
    from matplotlib.mlab import GaussianKDE
    from matplotlib.patches import Polygon
    from matplotlib.typing import ColorType

    #: What ``Axes.hist`` returns: heights, edges and the patches drawn.
    HistResult: TypeAlias = tuple[
        npt.NDArray[Any] | list[npt.NDArray[Any]],
        npt.NDArray[Any],
        BarContainer | Polygon | list[BarContainer | Polygon],
    ]

__all__ = ["ViolinTrack", "StripTrack", "HistTrack"]


class ViolinTrack(DistributionTrack):
    """A violin (kernel density, ``Axes.violinplot``) per row or column.

    Parameters
    ----------
    data : DataFrame, dict or None
        As for :class:`BoxTrack`: default each row's (column's) own values.
    color : colour, default "0.6"
        Violin fill.
    width : float, default 0.9
        Widest violin thickness as a fraction of the cell.
    median : bool, default True
        Mark each median with a line.
    bw_method : str, float or callable, optional
        Bandwidth, as ``violinplot``'s ``bw_method``.
    axis : bool, default True
        Draw a value axis (once, past the end of the heatmap).
    lim : (low, high), optional
        Value range, shared by every slice; default the range of ``data``
        (without ``data``: of the heatmap's colour limits and values),
        padded by 5%.
    fontsize : float, optional
        Tick label size.

    Notes
    -----
    A row with fewer than two distinct values has no density: it is drawn
    as a single tick at its value.
    """

    def __init__(
        self,
        data: TrackData = None,
        *,
        color: ColorType = "0.6",
        width: float = 0.9,
        median: bool = True,
        bw_method: Literal["scott", "silverman"]
        | float
        | Callable[[GaussianKDE], float]
        | None = None,
        axis: bool = True,
        lim: tuple[float, float] | None = None,
        fontsize: float | None = None,
    ) -> None:
        super().__init__(
            data, color=color, width=width, axis=axis, lim=lim, fontsize=fontsize
        )
        self.median = bool(median)
        self.bw_method = bw_method

    def draw(self, ax: Axes, ctx: Context) -> dict[str, Any]:
        """Draw; returns ``violinplot``'s dict (``"bodies"`` in drawn order of
        the rows that have a density) plus ``"positions"`` (their cell
        centres) and ``"ticks"`` (rows drawn as a single tick)."""
        groups = self.groups(ctx)
        pos = np.arange(len(groups)) + 0.5
        dense = [i for i, g in enumerate(groups) if len(np.unique(g)) >= 2]
        single = [i for i, g in enumerate(groups) if 0 < len(np.unique(g)) < 2]
        vertical = ctx.orientation == "vertical"
        out: dict[str, Any] = {"bodies": [], "positions": pos[dense]}
        if dense:
            out = dict(
                ax.violinplot(
                    [groups[i] for i in dense],
                    positions=pos[dense],
                    orientation="horizontal" if vertical else "vertical",
                    widths=self.width,
                    showextrema=False,
                    showmedians=self.median,
                    bw_method=self.bw_method,
                )
            )
            out["positions"] = pos[dense]
            for body in out["bodies"]:
                body.set_facecolor(self.color)
                body.set_edgecolor("0.25")
                body.set_linewidth(0.4)
                body.set_alpha(1.0)
            if "cmedians" in out:
                out["cmedians"].set_color("black")
                out["cmedians"].set_linewidth(0.8)
        ticks: list[Line2D] = []
        for i in single:
            v = float(groups[i][0])
            h = self.width / 2
            xy = (
                ([v, v], [pos[i] - h, pos[i] + h])
                if vertical
                else ([pos[i] - h, pos[i] + h], [v, v])
            )
            ticks += ax.plot(*xy, color="black", linewidth=0.8)
        out["ticks"] = ticks
        self.finish_axes(ax, ctx)
        return out


class StripTrack(DistributionTrack):
    """Every value of a row (column) as a point, jittered across its cell.

    Parameters
    ----------
    data : DataFrame, dict or None
        As for :class:`BoxTrack`: default each row's (column's) own values.
    color : colour, default "0.25"
    width : float, default 0.7
        The jitter spans this fraction of the cell.
    size : float, default 2
        Marker area in points².
    alpha : float, default 0.6
    seed : int, default 0
        Seeds the jitter, so the figure is the same every time.
    axis : bool, default True
        Draw a value axis (once, past the end of the heatmap).
    lim : (low, high), optional
        Value range, shared by every slice; default the range of ``data``
        (without ``data``: of the heatmap's colour limits and values),
        padded by 5%.
    fontsize : float, optional
        Tick label size.
    """

    def __init__(
        self,
        data: TrackData = None,
        *,
        color: ColorType = "0.25",
        width: float = 0.7,
        size: float = 2.0,
        alpha: float = 0.6,
        seed: int = 0,
        axis: bool = True,
        lim: tuple[float, float] | None = None,
        fontsize: float | None = None,
    ) -> None:
        super().__init__(
            data, color=color, width=width, axis=axis, lim=lim, fontsize=fontsize
        )
        if not (isinstance(size, (int, float)) and size > 0):
            raise ValueError(
                f"StripTrack size must be a positive marker area, got {size!r}"
            )
        if not (isinstance(alpha, (int, float)) and 0 <= alpha <= 1):
            raise ValueError(f"StripTrack alpha must be between 0 and 1, got {alpha!r}")
        self.size, self.alpha, self.seed = float(size), float(alpha), seed

    def draw(self, ax: Axes, ctx: Context) -> PathCollection:
        """Draw; returns the PathCollection (offsets in drawn-row order,
        each row's values in their given order)."""
        groups = self.groups(ctx)
        rng = np.random.default_rng([self.seed, ctx.slice_index])
        vals = np.concatenate(groups) if groups else np.zeros(0)
        cell = np.repeat(np.arange(len(groups)) + 0.5, [len(g) for g in groups])
        jitter = rng.uniform(-self.width / 2, self.width / 2, len(vals))
        xy = (
            (vals, cell + jitter)
            if ctx.orientation == "vertical"
            else (cell + jitter, vals)
        )
        pts = ax.scatter(
            xy[0], xy[1], s=self.size, color=self.color, alpha=self.alpha, linewidths=0
        )
        self.finish_axes(ax, ctx)
        return pts


class HistTrack(DistributionTrack):
    """A histogram per row (column) inside its cell (``Axes.hist``).

    Parameters
    ----------
    data : DataFrame, dict or None
        As for :class:`BoxTrack`: default each row's (column's) own values.
    bins : int or sequence, default 10
        Bins over the track's value range (shared by every row and slice),
        or the bin edges.
    density : bool, default False
        Heights as densities rather than counts.  Each histogram is scaled to
        its cell, so this changes the picture only for unequal bin widths.
    color : colour, default "0.45"
    width : float, default 0.9
        Each row's (column's) tallest bar fills this fraction of its cell
        (every histogram has its own height scale, as in ComplexHeatmap's
        ``anno_histogram``); the bins are shared.
    histtype : str, default "stepfilled"
        As ``Axes.hist``'s ``histtype`` ("bar", "step", "stepfilled").
    axis : bool, default True
        Draw a value axis (once, past the end of the heatmap).
    lim : (low, high), optional
        Value range, shared by every slice; default the range of ``data``
        (without ``data``: of the heatmap's colour limits and values),
        padded by 5%.
    fontsize : float, optional
        Tick label size.
    """

    def __init__(
        self,
        data: TrackData = None,
        *,
        bins: int | npt.ArrayLike = 10,
        density: bool = False,
        color: ColorType = "0.45",
        width: float = 0.9,
        histtype: Literal["bar", "step", "stepfilled"] = "stepfilled",
        axis: bool = True,
        lim: tuple[float, float] | None = None,
        fontsize: float | None = None,
    ) -> None:
        super().__init__(
            data, color=color, width=width, axis=axis, lim=lim, fontsize=fontsize
        )
        if isinstance(bins, (bool, np.bool_)) or (
            np.ndim(bins) == 0
            and not (isinstance(bins, (int, np.integer)) and bins >= 1)
        ):
            raise ValueError(
                f"HistTrack bins must be a number of bins >= 1 or the bin edges, "
                f"got {bins!r}"
            )
        if np.ndim(bins) == 1 and (np.size(bins) < 2 or np.any(np.diff(bins) <= 0)):
            raise ValueError(
                "HistTrack bin edges must increase, with at least two edges"
            )
        if histtype not in ("bar", "step", "stepfilled"):
            raise ValueError(
                f"HistTrack histtype={histtype!r}: use 'bar', 'step' or 'stepfilled'"
            )
        if not mcolors.is_color_like(color):
            raise ValueError(f"HistTrack color={color!r} is not a colour")
        self.bins, self.density, self.histtype = bins, bool(density), histtype

    def edges(self, ctx: Context) -> np.ndarray:
        """The bin edges, shared by every row and slice."""
        if np.ndim(self.bins) == 1:
            return np.asarray(self.bins, dtype=float)
        lo, hi = self.value_range(ctx)
        n = self.bins
        assert isinstance(n, (int, np.integer))  # checked by __init__
        return np.linspace(lo, hi, int(n) + 1)

    def _heights(self, ctx: Context, g: np.ndarray, edges: np.ndarray) -> np.ndarray:
        return np.histogram(g, bins=edges, density=self.density and len(g) > 0)[0]

    def draw(self, ax: Axes, ctx: Context) -> list[HistResult]:
        """Draw; returns one ``(heights, edges, patches)`` per row, in drawn
        order, as ``Axes.hist`` gives them (heights in cell units, negative
        for rows: they rise towards the top of the cell)."""
        edges = self.edges(ctx)
        vertical = ctx.orientation == "vertical"
        out: list[HistResult] = []
        for i, g in enumerate(self.groups(ctx)):
            h = self._heights(ctx, g, edges)
            k = self.width / h.max() if len(h) and h.max() > 0 else 0.0
            # bars stand on the cell's far edge (bottom for rows, left for columns)
            base = i + 0.5 + self.width / 2 if vertical else i + 0.5 - self.width / 2
            weights = np.full(len(edges) - 1, -k if vertical else k) * h
            out.append(
                ax.hist(
                    edges[:-1],
                    bins=list(edges),  # the stubs ask for a Sequence
                    weights=weights,
                    bottom=base,
                    orientation="vertical" if vertical else "horizontal",
                    histtype=self.histtype,
                    color=self.color,
                    linewidth=0.4,
                )
            )
        self.finish_axes(ax, ctx)
        return out
