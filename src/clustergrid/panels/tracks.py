"""Numeric tracks: per-row or per-column values drawn as bars, points or box
plots beside the heatmap, each cell's mark centred on its cell.

Each is a plain :class:`Panel` subclass, built the way a user would build
one: it reads ``ctx.labels`` (the rows or columns of its slice, in drawn
order) and draws in local cell coordinates.  Values are aligned by label;
one value scale is shared by every slice of a split.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

import matplotlib as mpl
import matplotlib.colors as mcolors
import matplotlib.ticker as mticker
import numpy as np
import numpy.typing as npt
import pandas as pd

from .._input.frame import as_frame
from .._input.matrix import align_to_labels
from .._support.text import measure_texts
from ..sizes import Fixed, SizeLike
from .base import Context, Extent, LegendSpec, Palette, Panel

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.container import BarContainer
    from matplotlib.typing import ColorType

__all__ = ["BarTrack", "PointTrack", "BoxTrack", "DistributionTrack"]

#: One number per row or column: a Series or dict (aligned by label), a list
#: or an array (input order); a DataFrame for stacked bars.
TrackValues = pd.Series | pd.DataFrame | Mapping[Any, float] | npt.ArrayLike
#: Per row or column, a distribution: a DataFrame (index = labels), a dict
#: label -> values, or None for the heatmap's own values.
TrackData = pd.DataFrame | Mapping[Any, npt.ArrayLike] | None

_TICK_PT = 3.0


class _Track(Panel):
    """Shared machinery: alignment, one value range, and the value axis."""

    default_size: SizeLike = Fixed(0.6)

    def __init__(
        self,
        values: TrackValues | None,
        *,
        color: ColorType | Palette | None = "0.3",
        axis: bool = True,
        lim: tuple[float, float] | None = None,
        fontsize: float | None = None,
    ) -> None:
        self.values = values
        self.color = color
        self.axis = bool(axis)
        if lim is not None and (len(lim) != 2 or not lim[0] < lim[1]):
            raise ValueError(f"lim must be (low, high) with low < high, got {lim!r}")
        self.lim = lim
        self.fontsize = fontsize

    # -- data --------------------------------------------------------------------
    def _what(self, ctx: Context) -> str:
        return "row" if ctx.orientation == "vertical" else "column"

    def _inputs(self, ctx: Context) -> pd.Index:
        if ctx.input_labels is not None:
            return ctx.input_labels
        return (
            ctx.labels[np.argsort(ctx.index)] if len(ctx.index) == ctx.n else ctx.labels
        )

    def _series(self, ctx: Context) -> pd.Series:
        """One number per label of the whole axis (input order)."""
        s = align_to_labels(
            self.values,
            self._inputs(ctx),
            self._what(ctx),
            type(self).__name__,
            ctx.universe,
        )
        if not (pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)):
            raise TypeError(
                f"{type(self).__name__} needs numbers, got dtype {s.dtype}; use an "
                "AnnotationBar for categories"
            )
        v = s.to_numpy(dtype=float)
        if np.isinf(v).any():
            raise ValueError(f"{type(self).__name__} holds infinite values")
        return s.astype(float)

    def _range(self, ctx: Context) -> tuple[float, float]:
        """The value range over every slice (so slices share one scale)."""
        if self.lim is not None:
            return float(self.lim[0]), float(self.lim[1])
        v = self._all_values(ctx)
        v = v[np.isfinite(v)]
        if not len(v):
            return 0.0, 1.0
        lo, hi = (
            float(min(v.min(), 0.0) if self._from_zero else v.min()),
            float(v.max()),
        )
        if self._from_zero:
            hi = max(hi, 0.0)
        if hi <= lo:
            hi = lo + 1.0
        pad = 0.0 if self._from_zero else 0.05 * (hi - lo)
        return lo - pad, hi + pad

    _from_zero = False

    def _all_values(self, ctx: Context) -> np.ndarray:
        return self._series(ctx).to_numpy()

    def validate(self, ctx: Context) -> None:
        if ctx.orientation == "corner":
            raise ValueError(f"a {type(self).__name__} goes on a side, not in a corner")
        self._range(ctx)

    # -- value axis ------------------------------------------------------------------
    def ticks(self, ctx: Context) -> np.ndarray:
        """The value axis's ticks: at most three round values within the
        track's range (``lim``, or the values' range over every slice)."""
        lo, hi = self._range(ctx)
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

    def measure(self, ctx: Context) -> Extent:
        if not self._shows_axis(ctx):
            return Extent()
        from .scalebar import ScaleBar

        labels = [ScaleBar.format_tick(t) for t in self.ticks(ctx)]
        bbs = measure_texts(labels, ctx.renderer, ctx.figure, fontsize=self._fs())
        tick = (_TICK_PT + mpl.rcParams["xtick.major.pad"]) / 72
        if ctx.orientation == "vertical":  # ticks below the last slice
            return Extent(after=tick + float((bbs[:, 3] - bbs[:, 2]).max(initial=0)))
        return Extent(before=tick + float((bbs[:, 1] - bbs[:, 0]).max(initial=0)))

    def _finish_axes(self, ax: Axes, ctx: Context) -> None:
        lo, hi = self._range(ctx)
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

        t = self.ticks(ctx)
        if self._shows_axis(ctx):
            kw = dict(length=_TICK_PT, labelsize=self._fs())
            if vertical:
                ax.spines["bottom"].set_visible(True)
                ax.set_xticks(t, labels=[ScaleBar.format_tick(x) for x in t])
                ax.tick_params(axis="x", bottom=True, labelbottom=True, top=False, **kw)
            else:
                ax.spines["left"].set_visible(True)
                ax.set_yticks(t, labels=[ScaleBar.format_tick(x) for x in t])
                ax.tick_params(axis="y", left=True, labelleft=True, right=False, **kw)
        else:
            (ax.set_xticks if vertical else ax.set_yticks)([])

    def _local(self, ctx: Context) -> np.ndarray:
        """This slice's values in drawn order."""
        return self._series(ctx).reindex(ctx.labels).to_numpy()


class BarTrack(_Track):
    """A bar per row (left/right) or column (top/bottom), from zero; or a
    stacked bar per row (column) from a DataFrame.

    Parameters
    ----------
    values : Series, dict, list, array or DataFrame
        One number per row or column: a Series or dict is aligned by label,
        a list in the matrix's input order.  A DataFrame (index = labels,
        one column per part, non-negative) draws stacked bars: each row's
        (column's) parts end to end, in column order, so a bar is as long as
        the row's total; missing parts count as 0.
    color : colour, default "0.3"
        The bars' colour.  For stacked bars: a palette (a colormap name, a
        list with one colour per DataFrame column, or a dict column ->
        colour); default tab10.
    name : str, optional
        Title of the stacked bars' legend (one entry per DataFrame column,
        shown by a ``Legends`` panel).
    width : float, default 0.8
        Bar thickness as a fraction of the cell.
    axis : bool, default True
        Draw a value axis (once, past the end of the heatmap).
    lim : (low, high), optional
        Value range; default from zero to the data's extremes.
    fontsize : float, optional
        Tick label size.

    Examples
    --------
    >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
    >>> bars = cg.BarTrack(X.mean(axis=1))  # aligned by label
    >>> g = cg.ClusterGrid(X, z_score=1).cluster().add(bars, "right", size="15mm")
    >>> fig = g.draw()
    >>> len(bars.ax.patches)  # one bar per row
    9
    """

    _from_zero = True

    def __init__(
        self,
        values: TrackValues,
        *,
        color: ColorType | Palette | None = None,
        width: float = 0.8,
        axis: bool = True,
        lim: tuple[float, float] | None = None,
        fontsize: float | None = None,
        name: str | None = None,
    ) -> None:
        values = as_frame(values)  # polars/Arrow: pandas, names kept
        self.stacked = isinstance(values, pd.DataFrame)
        if color is None:
            color = None if self.stacked else "0.3"
        super().__init__(values, color=color, axis=axis, lim=lim, fontsize=fontsize)
        if not 0 < width <= 1:
            raise ValueError(
                f"width is a fraction of the cell, 0 < width <= 1; got {width!r}"
            )
        self.width = float(width)
        self.name = name
        if isinstance(values, pd.DataFrame):  # stacked
            df = values
            if df.shape[1] == 0:
                raise ValueError(
                    "BarTrack got a DataFrame with no columns; give one column "
                    "per stacked part"
                )
            if not df.columns.is_unique:
                raise ValueError(
                    "BarTrack: the DataFrame's column names must be unique (they "
                    "name the stacked parts)"
                )
            num = df.select_dtypes("number")
            if num.shape[1] != df.shape[1] or any(
                pd.api.types.is_bool_dtype(t) for t in df.dtypes
            ):
                bad = [
                    c
                    for c in df.columns
                    if c not in num.columns or pd.api.types.is_bool_dtype(df[c])
                ]
                raise TypeError(
                    f"BarTrack stacks numbers; column(s) {bad[:5]} are not numeric"
                )
            v = df.to_numpy(dtype=float)
            if np.isinf(v).any() or (v < 0).any():
                raise ValueError(
                    "BarTrack stacked bars need finite non-negative parts (each "
                    "bar is its parts end to end); some are negative or infinite"
                )
            from .._plan.palettes import categorical_colors

            # stacked parts take a palette (checked above), not one colour
            self.part_colors = categorical_colors(
                list(df.columns), cast("Palette | None", color)
            )

    # -- stacked parts ------------------------------------------------------------
    def _frame_values(self) -> pd.DataFrame:
        assert isinstance(self.values, pd.DataFrame)  # stacked bars only
        return self.values

    def _frame(self, ctx: Context, labels: pd.Index) -> np.ndarray:
        """The parts of ``labels`` (rows of the result), NaN as 0."""
        df = self._frame_values()
        align_to_labels(
            pd.Series(0.0, index=df.index),
            self._inputs(ctx),
            self._what(ctx),
            type(self).__name__,
            ctx.universe,
        )
        return np.nan_to_num(df.reindex(labels).to_numpy(dtype=float), nan=0.0)

    def _all_values(self, ctx: Context) -> np.ndarray:
        if self.stacked:
            return self._frame(ctx, self._inputs(ctx)).sum(axis=1)
        return super()._all_values(ctx)

    def validate(self, ctx: Context) -> None:
        if self.stacked:
            if ctx.orientation == "corner":
                raise ValueError("a BarTrack goes on a side, not in a corner")
            self._range(ctx)
            return
        super().validate(ctx)

    def legend(self, ctx: Context) -> LegendSpec | None:
        """The stacked parts' colours (None for plain bars)."""
        if not self.stacked:
            return None
        return (
            self.name or "",
            [(str(k), mcolors.to_rgba(c)) for k, c in self.part_colors.items()],
        )

    def draw(self, ax: Axes, ctx: Context) -> BarContainer | list[BarContainer]:
        """Draw the bars; returns the BarContainer (a list of them, one per
        part, for stacked bars)."""
        if self.stacked:
            parts = self._frame(ctx, ctx.labels)
            pos = np.arange(len(parts)) + 0.5
            start = np.zeros(len(parts))
            out: list[BarContainer] = []
            for j, col in enumerate(self._frame_values().columns):
                v = parts[:, j]
                color, label = self.part_colors[col], str(col)
                if ctx.orientation == "vertical":
                    bars = ax.barh(
                        pos, v, height=self.width, left=start, color=color, label=label
                    )
                else:
                    bars = ax.bar(
                        pos, v, width=self.width, bottom=start, color=color, label=label
                    )
                out.append(bars)
                start = start + v
            self._finish_axes(ax, ctx)
            return out
        v = self._local(ctx)
        pos = np.arange(len(v)) + 0.5
        ok = np.isfinite(v)
        if ctx.orientation == "vertical":
            self.bars = ax.barh(pos[ok], v[ok], height=self.width, color=self.color)
        else:
            self.bars = ax.bar(pos[ok], v[ok], width=self.width, color=self.color)
        self._finish_axes(ax, ctx)
        return self.bars


class PointTrack(_Track):
    """A point per row or column (a dot plot), optionally joined by a line.

    Parameters
    ----------
    values : Series, dict, list or array
        One number per row or column, aligned as for :class:`BarTrack`.
    color : colour, default "0.3"
    size : float, default 12
        Marker area in points².
    line : bool, default False
        Join the points of each slice with a line.
    axis : bool, default True
        Draw a value axis (once, past the end of the heatmap).
    lim : (low, high), optional
        Value range, shared by every slice; default the values' range,
        padded by 5%.
    fontsize : float, optional
        Tick label size.
    """

    def __init__(
        self,
        values: TrackValues,
        *,
        color: ColorType = "0.3",
        size: float = 12.0,
        line: bool = False,
        axis: bool = True,
        lim: tuple[float, float] | None = None,
        fontsize: float | None = None,
    ) -> None:
        super().__init__(values, color=color, axis=axis, lim=lim, fontsize=fontsize)
        self.size = float(size)
        self.line = bool(line)

    def draw(self, ax: Axes, ctx: Context) -> None:
        v = self._local(ctx)
        pos = np.arange(len(v)) + 0.5
        xy = (v, pos) if ctx.orientation == "vertical" else (pos, v)
        if self.line:
            ax.plot(*xy, color=self.color, linewidth=0.8)
        self.points = ax.scatter(
            xy[0], xy[1], s=self.size, color=self.color, clip_on=False, zorder=3
        )
        self._finish_axes(ax, ctx)


class DistributionTrack(_Track):
    """Shared machinery of the per-row (per-column) distribution tracks: the
    data (the heatmap's own values, or an aligned table), one value range
    for every slice, and the value axis.  Subclasses draw ``groups`` (one
    array of finite values per cell of the slice, in drawn order)."""

    color: ColorType  # one colour (no stacked parts)

    def __init__(
        self,
        data: TrackData = None,
        *,
        color: ColorType = "0.75",
        width: float = 0.7,
        axis: bool = True,
        lim: tuple[float, float] | None = None,
        fontsize: float | None = None,
    ) -> None:
        data = as_frame(data)
        if data is not None and not isinstance(data, (dict, pd.DataFrame)):
            raise TypeError(
                f"{type(self).__name__} takes a DataFrame (index = labels), a dict "
                "label -> values, or None for the heatmap's own values; got "
                f"{type(data).__name__}"
            )
        super().__init__(data, color=color, axis=axis, lim=lim, fontsize=fontsize)
        if not 0 < width <= 1:
            raise ValueError(
                f"width is a fraction of the cell, 0 < width <= 1; got {width!r}"
            )
        self.width = float(width)

    def _groups(self, ctx: Context, labels: pd.Index) -> list[np.ndarray]:
        what = self._what(ctx)
        if self.values is None:
            whole = ctx.matrix if ctx.orientation == "vertical" else ctx.matrix.T
            # the matrix holds only this slice's rows, with every column
            return [whole.loc[k].to_numpy(dtype=float) for k in labels]
        data = self.values
        if isinstance(data, dict):
            missing = [k for k in self._inputs(ctx) if k not in data]
            if missing:
                raise ValueError(
                    f"{type(self).__name__} has no values for {what}(s) {missing[:5]}; "
                    f"give one "
                    f"sequence per {what} label"
                )
            return [np.asarray(data[k], dtype=float) for k in labels]
        if isinstance(data, pd.DataFrame):
            align_to_labels(
                pd.Series(0, index=data.index),
                self._inputs(ctx),
                what,
                type(self).__name__,
                ctx.universe,
            )
            return [data.loc[k].to_numpy(dtype=float) for k in labels]
        raise TypeError(
            f"{type(self).__name__} takes a DataFrame (index = labels), a dict "
            "label -> values, "
            f"or None for the heatmap's own values; got {type(data).__name__}"
        )

    def _all_values(self, ctx: Context) -> np.ndarray:
        if self.values is None:
            return ctx.matrix.to_numpy(dtype=float).ravel()
        labels = self._inputs(ctx)
        return np.concatenate([g for g in self._groups(ctx, labels)] or [np.zeros(0)])

    def _range(self, ctx: Context) -> tuple[float, float]:
        if self.values is None and self.lim is None:
            v = ctx.matrix.to_numpy(
                dtype=float
            )  # this slice only: use the norm's data instead
            vmin, vmax = ctx.norm.vmin, ctx.norm.vmax
            assert vmin is not None and vmax is not None  # the grid's norm is scaled
            lo, hi = float(vmin), float(vmax)
            if np.isfinite(v).any():
                lo, hi = min(lo, float(np.nanmin(v))), max(hi, float(np.nanmax(v)))
            pad = 0.05 * (hi - lo or 1.0)
            return lo - pad, hi + pad
        return super()._range(ctx)

    def groups(self, ctx: Context) -> list[np.ndarray]:
        """This slice's values, one finite array per cell, in drawn order."""
        return [g[np.isfinite(g)] for g in self._groups(ctx, ctx.labels)]


class BoxTrack(DistributionTrack):
    """A box plot per row or column of a distribution of values.

    Parameters
    ----------
    data : DataFrame, dict or None
        Per row (on the left/right) or column (top/bottom): a DataFrame
        whose index holds the labels and whose columns are the observations,
        or a dict label -> sequence.  Default None: each row's (column's)
        own values in the heatmap.
    color : colour, default "0.75"
        Box fill.
    width : float, default 0.7
        Box thickness as a fraction of the cell.
    axis : bool, default True
        Draw a value axis (once, past the end of the heatmap).
    lim : (low, high), optional
        Value range, shared by every slice; default the range of ``data``
        (without ``data``: of the heatmap's colour limits and values),
        padded by 5%.
    fontsize : float, optional
        Tick label size.
    """

    def draw(self, ax: Axes, ctx: Context) -> dict[str, Any]:
        groups = self.groups(ctx)
        pos = np.arange(len(groups)) + 0.5
        keep = [i for i, g in enumerate(groups) if len(g)]
        self.boxes = ax.boxplot(
            [groups[i] for i in keep],
            positions=pos[keep],
            orientation="horizontal" if ctx.orientation == "vertical" else "vertical",
            widths=self.width,
            patch_artist=True,
            manage_ticks=False,
            showfliers=True,
            boxprops=dict(facecolor=self.color, linewidth=0.6),
            medianprops=dict(color="black", linewidth=0.8),
            whiskerprops=dict(linewidth=0.6),
            capprops=dict(linewidth=0.6),
            flierprops=dict(markersize=1.5, marker="o"),
        )
        self._finish_axes(ax, ctx)
        return self.boxes
