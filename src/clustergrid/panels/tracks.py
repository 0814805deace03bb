"""Numeric tracks: per-row or per-column values drawn as bars, points or box
plots beside the heatmap, each cell's mark centred on its cell.

Each is a :class:`ValueTrack`, the public base a user's value-axis panel is
built on: values are aligned by label (``ctx.align``), one value scale is
shared by every slice of a split, and the value axis is drawn once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

import matplotlib.colors as mcolors
import numpy as np
import numpy.typing as npt
import pandas as pd

from .._input.frame import as_frame
from .bar_numbers import check_numbers, write_numbers
from .base import Context, LegendSpec, Palette
from .value_track import TrackValues, ValueTrack

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.container import BarContainer
    from matplotlib.typing import ColorType

__all__ = ["BarTrack", "PointTrack", "BoxTrack", "DistributionTrack"]

#: Per row or column, a distribution: a DataFrame (index = labels), a dict
#: label -> values, or None for the heatmap's own values.
TrackData = pd.DataFrame | Mapping[Any, npt.ArrayLike] | None


class BarTrack(ValueTrack):
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
        colour); default tab10, continued across the figure's other
        categorical colourings (see AnnotationBar's ``palette``).
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
    numbers : bool or str, default False
        Write each bar's value (a stacked bar's total) past its end: True
        with format ``"g"``, or a format spec such as ``".1f"`` or ``"d"``.
        The value range is widened so every number fits inside the panel;
        numbers taller than a cell are shrunk to fit it, and numbers wider
        than a top/bottom bar's cell are turned upright.
    label : str, optional
        Title of the value axis.

    Examples
    --------
    >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
    >>> bars = cg.BarTrack(X.mean(axis=1))  # aligned by label
    >>> g = cg.ClusterGrid(X, z_score=1).cluster().add(bars, "right", size="15mm")
    >>> fig = g.draw()
    >>> len(bars.ax.patches)  # one bar per row
    9
    """

    from_zero = True

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
        numbers: bool | str = False,
        label: str | None = None,
    ) -> None:
        values = as_frame(values)  # polars/Arrow: pandas, names kept
        self.stacked = isinstance(values, pd.DataFrame)
        if color is None:
            color = None if self.stacked else "0.3"
        super().__init__(
            values, color=color, axis=axis, lim=lim, fontsize=fontsize, label=label
        )
        self.numbers = check_numbers(numbers)
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
            self._parts_given = color is not None

    # -- stacked parts ------------------------------------------------------------
    def _frame_values(self) -> pd.DataFrame:
        assert isinstance(self.values, pd.DataFrame)  # stacked bars only
        return self.values

    def _frame(self, ctx: Context, labels: pd.Index) -> np.ndarray:
        """The parts of ``labels`` (rows of the result), NaN as 0."""
        df = self._frame_values()
        ctx._align_input(pd.Series(0.0, index=df.index), type(self).__name__)
        return np.nan_to_num(df.reindex(labels).to_numpy(dtype=float), nan=0.0)

    def all_values(self, ctx: Context) -> np.ndarray:
        """Every bar's length along the whole axis (a stacked bar's total)."""
        if self.stacked:
            return self._frame(ctx, ctx._input_labels()).sum(axis=1)
        return super().all_values(ctx)

    def validate(self, ctx: Context) -> None:
        if self.stacked:
            if ctx.orientation == "corner":
                raise ValueError("a BarTrack goes on a side, not in a corner")
            self.value_range(ctx)
            return
        super().validate(ctx)

    def legend(self, ctx: Context) -> LegendSpec | None:
        """The stacked parts' colours (None for plain bars)."""
        if not self.stacked:
            return None
        return (
            self.name or "",
            [(str(k), mcolors.to_rgba(c)) for k, c in self._parts(ctx).items()],
        )

    def _parts(self, ctx: Context) -> Mapping[Any, Any]:
        """part -> colour: given, else allocated across the figure."""
        return ctx._engine.palettes.get(id(self), self.part_colors)

    def _palette_requests(self, ctx: Context) -> list[tuple[int, list[Any]]]:
        if not self.stacked or self._parts_given:
            return []
        return [(id(self), list(self._frame_values().columns))]

    def _taken_colors(self, ctx: Context) -> list[Any]:
        if self.stacked and self._parts_given:
            return list(self.part_colors.values())
        return []

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
                color, label = self._parts(ctx)[col], str(col)
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
            self.finish_axes(ax, ctx)
            if self.numbers:
                self.texts = write_numbers(self, ax, ctx, start)
            return out
        drawn = super().draw(ax, ctx)
        if self.numbers:
            self.texts = write_numbers(self, ax, ctx, self.slice_values(ctx))
        return drawn

    def plot(self, ax: Axes, ctx: Context, values: np.ndarray) -> BarContainer:
        """Draw one bar per cell from zero (plain bars); returns the
        BarContainer."""
        v = values
        pos = np.arange(len(v)) + 0.5
        ok = np.isfinite(v)
        if ctx.orientation == "vertical":
            self.bars = ax.barh(pos[ok], v[ok], height=self.width, color=self.color)
        else:
            self.bars = ax.bar(pos[ok], v[ok], width=self.width, color=self.color)
        return self.bars


class PointTrack(ValueTrack):
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
        """Draw the points (:meth:`plot`) and the value axis."""
        super().draw(ax, ctx)

    def plot(self, ax: Axes, ctx: Context, values: np.ndarray) -> None:
        """Draw a point per cell (joined by a line with ``line=True``)."""
        v = values
        pos = np.arange(len(v)) + 0.5
        xy = (v, pos) if ctx.orientation == "vertical" else (pos, v)
        if self.line:
            ax.plot(*xy, color=self.color, linewidth=0.8)
        self.points = ax.scatter(
            xy[0], xy[1], s=self.size, color=self.color, clip_on=False, zorder=3
        )


class DistributionTrack(ValueTrack):
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
        what = "row" if ctx.orientation == "vertical" else "column"
        if self.values is None:
            whole = ctx.matrix if ctx.orientation == "vertical" else ctx.matrix.T
            # the matrix holds only this slice's rows, with every column
            return [whole.loc[k].to_numpy(dtype=float) for k in labels]
        data = self.values
        if isinstance(data, dict):
            missing = [k for k in ctx._input_labels() if k not in data]
            if missing:
                raise ValueError(
                    f"{type(self).__name__} has no values for {what}(s) {missing[:5]}; "
                    f"give one "
                    f"sequence per {what} label"
                )
            return [np.asarray(data[k], dtype=float) for k in labels]
        if isinstance(data, pd.DataFrame):
            ctx._align_input(pd.Series(0, index=data.index), type(self).__name__)
            return [data.loc[k].to_numpy(dtype=float) for k in labels]
        raise TypeError(
            f"{type(self).__name__} takes a DataFrame (index = labels), a dict "
            "label -> values, "
            f"or None for the heatmap's own values; got {type(data).__name__}"
        )

    def all_values(self, ctx: Context) -> np.ndarray:
        """Every observation along the whole axis (the heatmap's values of
        this slice when drawing the heatmap's own rows)."""
        if self.values is None:
            return ctx.matrix.to_numpy(dtype=float).ravel()
        labels = ctx._input_labels()
        return np.concatenate([g for g in self._groups(ctx, labels)] or [np.zeros(0)])

    def value_range(self, ctx: Context) -> tuple[float, float]:
        """``lim``, the range of the data over every slice, or (for the
        heatmap's own values) the norm's limits and the values, padded by 5%."""
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
        return super().value_range(ctx)

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
        self.finish_axes(ax, ctx)
        return self.boxes
