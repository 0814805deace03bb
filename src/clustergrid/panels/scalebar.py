"""The colour scale of the shared norm and colormap."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import matplotlib as mpl
import matplotlib.colors as mcolors
import matplotlib.ticker as mticker
import numpy as np
import numpy.typing as npt
from matplotlib.cm import ScalarMappable
from matplotlib.font_manager import FontProperties

from .._body.image import smooth_gradient
from .._support.text import measure_texts
from .._support.warn import warn as _warn
from ..sizes import Auto, SizeLike, to_inches
from .base import ColorKey, Context, Extent, LegendSpec, Panel

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["ScaleBar"]

_SAFETY_PT = 1.0
_MIN_LABEL_PT = 6.0  # a corner scale's label shrinks to this before the corner grows
_MIN_CORNER_LEN = (
    0.5  # inches: a corner scale's bar shortens to this before the corner grows
)


class ScaleBar(Panel):
    """The colour scale (colorbar) of the grid's one norm and colormap.

    On the left or right it is vertical, on the top or bottom horizontal.
    In a corner it fits the box the neighbouring stacks leave: it is
    vertical when that fits, else horizontal, shortening its bar (to
    0.5 in) and its label's font (to 6 pt) before it makes the corner
    larger, whichever way needs less room.  Its size is measured from its
    ticks and label.

    Parameters
    ----------
    label : str, optional
        The scale's title, e.g. ``"z-score"``.
    length : float or str, optional
        Length along the heatmap: a fraction (<= 1) of the heatmap's extent,
        or a physical length ("40mm").  Default: the whole extent, at most
        2.5 in, centred.
    width : float or str, default 0.15 in
        Thickness of the colour bar itself.
    ticks : sequence of float, optional
        Tick values; default about 5 "nice" values.
    fontsize : float, optional
        Tick label size; default the rc "small" size.  The label uses the rc
        font size.

    Examples
    --------
    >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
    >>> scale = cg.ScaleBar(label="z-score")
    >>> g = cg.ClusterGrid(X, z_score=1, cmap="RdBu_r", center=0).add(scale, "right")
    >>> fig = g.draw()
    >>> scale.ax.get_ylabel()
    'z-score'
    """

    default_size: SizeLike = Auto
    aligned = False
    sliced = False  # one scale beside the whole heatmap, even when it is split

    def __init__(
        self,
        label: str | None = None,
        *,
        length: float | str | None = None,
        width: float | str = 0.15,
        ticks: npt.ArrayLike | None = None,
        fontsize: float | None = None,
    ) -> None:
        self.label = label
        if isinstance(length, (int, float)) and not isinstance(length, bool):
            if not 0 < length <= 1:
                raise ValueError(
                    "ScaleBar length as a number is a fraction of the heatmap "
                    f"(0 < length <= 1); got {length}. Use a string like '40mm' "
                    "for a physical length."
                )
            self.length: float | str | None = float(length)
        elif length is None:
            self.length = None
        else:
            to_inches(length)  # validate now, at the user's line
            self.length = str(length)
        self.width = to_inches(width)
        self.ticks = None if ticks is None else np.asarray(ticks, dtype=float)
        self.fontsize = fontsize

    def legend(self, ctx: Context) -> LegendSpec:
        """The heatmap's key, marked as drawn here, so ``Legends`` does not
        repeat the scale."""
        return (
            self.label or "",
            ColorKey(ctx.norm, ctx.cmap, drawn=True, heatmap=True),
        )

    def offers_legend(self) -> bool:
        return False  # it draws its own key: no automatic Legends for it

    # -- geometry ------------------------------------------------------------
    def _vertical(self, ctx: Context) -> bool:
        if ctx.orientation == "corner":
            return self._corner_layout(ctx)[0]
        return ctx.side in ("left", "right")

    def _label_fontsize(self, ctx: Context) -> float:
        if ctx.orientation == "corner":
            return self._corner_layout(ctx)[1]
        return float(mpl.rcParams["font.size"])

    def _corner_layout(self, ctx: Context) -> tuple[bool, float, float, float]:
        """(vertical, label font size, width needed, height needed) in the
        corner box ``ctx.box``: the orientation that fits it, or else the one
        that needs the least extra room."""
        box_w, box_h = ctx.box
        base = float(mpl.rcParams["font.size"])
        best = None
        for vertical in (True, False):
            along_room = (box_h if vertical else box_w) - 2 * _SAFETY_PT / 72
            fs = base
            if self.label:
                lb = measure_texts(
                    [self.label], ctx.renderer, ctx.figure, fontsize=base
                )[0]
                length = float(lb[1] - lb[0])
                if along_room > 0 and length > along_room:
                    fs = max(_MIN_LABEL_PT, base * along_room / length)
            thick, reach, _ = self._decorations(ctx, vertical, self._all_ticks(ctx), fs)
            min_len = (
                to_inches(self.length)
                if isinstance(self.length, str)
                else _MIN_CORNER_LEN
            )
            along = min_len + 2 * reach
            if self.label:
                lb = measure_texts([self.label], ctx.renderer, ctx.figure, fontsize=fs)[
                    0
                ]
                along = max(along, float(lb[1] - lb[0]) + 2 * _SAFETY_PT / 72)
            w, h = (
                (self.width + thick, along) if vertical else (along, self.width + thick)
            )
            # growing the corner takes room from the heatmap: grow where it has more
            hw, hh = (
                (max(v, 0.1) for v in ctx.heatmap_size)
                if min(ctx.heatmap_size) > 0
                else (1.0, 1.0)
            )
            grow = max(0.0, w - box_w) / hw + max(0.0, h - box_h) / hh
            if best is None or grow < best[0] - 1e-9:
                best = (grow, vertical, fs, w, h)
        _, vertical, fs, w, h = best  # type: ignore[misc]
        return vertical, fs, w, h

    def _tick_location(self, ctx: Context) -> str:
        if ctx.orientation == "corner":
            return "right" if self._vertical(ctx) else "bottom"
        return {"left": "left", "right": "right", "top": "top", "bottom": "bottom"}[
            ctx.side
        ]

    def tick_values(self, norm: mcolors.Normalize, nbins: int = 5) -> np.ndarray:
        """The tick values for ``norm``: the ``ticks`` given, or about
        ``nbins`` round values between ``norm.vmin`` and ``norm.vmax``
        (powers of ten for a ``LogNorm``)."""
        if norm.vmin is None or norm.vmax is None:
            raise TypeError(
                "ScaleBar.tick_values needs a norm with vmin and vmax set; "
                "call norm.autoscale(values) first"
            )
        vmin, vmax = float(norm.vmin), float(norm.vmax)
        t: Iterable[float]
        if self.ticks is not None:
            t = self.ticks
        elif isinstance(norm, mcolors.LogNorm):
            t = mticker.LogLocator(numticks=nbins + 1).tick_values(vmin, vmax)
        else:
            t = mticker.MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10]).tick_values(
                vmin, vmax
            )
        eps = 1e-9 * max(abs(vmax - vmin), 1e-300)
        return np.asarray([v for v in t if vmin - eps <= v <= vmax + eps])

    @staticmethod
    def format_tick(v: float) -> str:
        """A tick label: up to 6 significant digits, never "-0", with the
        Unicode minus sign when ``axes.unicode_minus`` is set."""
        s = f"{v:.6g}"
        if s in ("-0", "-0.0"):
            s = "0"
        if mpl.rcParams["axes.unicode_minus"]:
            s = s.replace("-", "\N{MINUS SIGN}")
        return s

    def _fontsize(self) -> float:
        return self.fontsize or FontProperties(size="small").get_size_in_points()

    def fitted_ticks(
        self, ctx: Context, vertical: bool, bar_length: float
    ) -> np.ndarray:
        """The most ticks (up to about 5) whose labels do not overlap along a
        bar of ``bar_length`` inches.  User-given ticks are kept while their
        labels fit; when they would overprint, every k-th is kept (the first
        and the last when they fit), with a warning."""
        if self.ticks is not None:
            ticks = self.tick_values(ctx.norm)
            if len(ticks) < 2 or self._labels_fit(ctx, vertical, bar_length, ticks):
                return ticks
            for k in range(2, len(ticks)):
                sub = ticks[::k]
                if self._labels_fit(ctx, vertical, bar_length, sub):
                    break
            else:
                sub = ticks[[len(ticks) // 2]]
            if not getattr(self, "_warned_ticks", False):
                _warn(
                    f"ScaleBar(ticks=...): the labels of {len(ticks)} ticks would overprint "
                    f"each other along the {bar_length:.2f} in bar, so {len(sub)} of them are "
                    "labelled (every "
                    f"{max(1, round((len(ticks) - 1) / max(len(sub) - 1, 1)))}th); give fewer "
                    "ticks, a smaller fontsize=, or a longer bar (length=)"
                )
                self._warned_ticks = True
            return sub
        for nbins in (5, 4, 3, 2, 1):
            ticks = self.tick_values(ctx.norm, nbins)
            if len(ticks) < 2:
                continue
            bbs = measure_texts(
                [self.format_tick(t) for t in ticks],
                ctx.renderer,
                ctx.figure,
                fontsize=self._fontsize(),
            )
            ext = (bbs[:, 3] - bbs[:, 2]) if vertical else (bbs[:, 1] - bbs[:, 0])
            pos = np.asarray(ctx.norm(ticks), dtype=float) * bar_length
            if np.all(np.diff(pos) >= 1.1 * (ext[:-1] + ext[1:]) / 2):
                return ticks
        ticks = self.tick_values(ctx.norm, 1)
        if not len(ticks):
            return ticks
        # not even two labels fit: keep the one nearest the middle
        return ticks[
            [int(np.argmin(np.abs(np.asarray(ctx.norm(ticks), dtype=float) - 0.5)))]
        ]

    def _labels_fit(
        self, ctx: Context, vertical: bool, bar_length: float, ticks: np.ndarray
    ) -> bool:
        """Do the labels of ``ticks`` keep clear of each other along the bar?"""
        bbs = measure_texts(
            [self.format_tick(t) for t in ticks],
            ctx.renderer,
            ctx.figure,
            fontsize=self._fontsize(),
        )
        ext = (bbs[:, 3] - bbs[:, 2]) if vertical else (bbs[:, 1] - bbs[:, 0])
        pos = np.asarray(ctx.norm(ticks), dtype=float) * bar_length
        return bool(np.all(np.abs(np.diff(pos)) >= 1.1 * (ext[:-1] + ext[1:]) / 2))

    def _all_ticks(self, ctx: Context) -> np.ndarray:
        """Every tick the bar may end up with, whatever its length."""
        if self.ticks is not None:
            return self.tick_values(ctx.norm)
        return np.unique(
            np.concatenate([self.tick_values(ctx.norm, nb) for nb in (5, 4, 3, 2, 1)])
        )

    def _layout_ticks(
        self, ctx: Context, vertical: bool, available: float
    ) -> tuple[np.ndarray, float]:
        """The ticks drawn and the bar's length for ``available`` inches along:
        the length keeps room for any tick label at the ends, then the ticks
        are thinned until their labels fit along it."""
        _, reach, _ = self._decorations(
            ctx, vertical, self._all_ticks(ctx), self._label_fontsize(ctx)
        )
        blen = self._bar_length(available, reach)
        return self.fitted_ticks(ctx, vertical, blen), blen

    def _decorations(
        self,
        ctx: Context,
        vertical: bool,
        ticks: np.ndarray,
        label_fs: float | None = None,
    ) -> tuple[float, float, float]:
        """(thickness beyond the bar, along-axis reach at each end, inches) for
        these ticks and the label."""
        labels = [self.format_tick(t) for t in ticks]
        bbs = measure_texts(labels, ctx.renderer, ctx.figure, fontsize=self._fontsize())
        rc = mpl.rcParams
        if vertical:
            tick_off = (rc["ytick.major.size"] + rc["ytick.major.pad"]) / 72
        else:
            tick_off = (rc["xtick.major.size"] + rc["xtick.major.pad"]) / 72
        if vertical:
            across = (bbs[:, 1] - bbs[:, 0]).max(initial=0.0)
            reach = (bbs[:, 3] - bbs[:, 2]).max(initial=0.0) / 2
        else:
            across = (bbs[:, 3] - bbs[:, 2]).max(initial=0.0)
            reach = (bbs[:, 1] - bbs[:, 0]).max(initial=0.0) / 2
        thick = tick_off + across
        if self.label:
            lb = measure_texts(
                [self.label],
                ctx.renderer,
                ctx.figure,
                fontsize=label_fs or mpl.rcParams["font.size"],
            )[0]
            thick += mpl.rcParams["axes.labelpad"] / 72 + (lb[3] - lb[2])
        return thick + _SAFETY_PT / 72, reach + _SAFETY_PT / 72, len(ticks)

    def _bar_length(self, available: float, reach: float) -> float:
        room = max(available - 2 * reach, 0.0)
        if self.length is None:
            want = min(room, 2.5)
        elif isinstance(self.length, float):
            want = self.length * available
        else:
            want = to_inches(self.length)
        return max(min(want, room), 0.0)

    def validate(self, ctx: Context) -> None:
        if self.ticks is not None and not np.all(np.isfinite(self.ticks)):
            raise ValueError("ScaleBar ticks must be finite numbers")

    def measure(self, ctx: Context) -> Extent:
        if ctx.orientation == "corner":
            _, _, w, h = self._corner_layout(ctx)
            return Extent(width=w, height=h)
        vertical = self._vertical(ctx)
        ticks, _ = self._layout_ticks(ctx, vertical, ctx.length)
        thick, reach, _ = self._decorations(ctx, vertical, ticks)
        # on a heatmap shorter than one tick label, that label reaches past its
        # ends: report it so the layout keeps it inside the figure
        short = max(0.0, reach - ctx.length / 2)
        return Extent(thickness=self.width + thick, before=short, after=short)

    def draw(self, ax: Axes, ctx: Context) -> None:
        vertical = self._vertical(ctx)
        fig = ax.figure
        # positions are fractions of the (sub)figure the axes lives in
        fw, fh = fig.bbox.width / fig.dpi, fig.bbox.height / fig.dpi
        pos = ax.get_position()  # figure fraction of the slot
        x0, y0, w, h = pos.x0 * fw, pos.y0 * fh, pos.width * fw, pos.height * fh
        loc = self._tick_location(ctx)
        ticks, blen = self._layout_ticks(ctx, vertical, h if vertical else w)
        if vertical:
            by = y0 + (h - blen) / 2
            bx = x0 + w - self.width if loc == "left" else x0
            rect = (bx / fw, by / fh, self.width / fw, blen / fh)
        else:
            bx = x0 + (w - blen) / 2
            by = y0 if loc == "top" else y0 + h - self.width
            rect = (bx / fw, by / fh, blen / fw, self.width / fh)
        type(ax).set_position(
            ax, rect
        )  # the class method: ax_cbar refuses users' calls
        sm = ScalarMappable(norm=ctx.norm, cmap=ctx.cmap)
        cb = fig.colorbar(
            sm,
            cax=ax,
            orientation="vertical" if vertical else "horizontal",
            ticklocation=loc,
        )
        # the stubs ask for a Sequence; the colour bar takes the array as well
        cb.set_ticks(list(ticks), labels=[self.format_tick(t) for t in ticks])
        cb.ax.tick_params(labelsize=self._fontsize())
        cb.minorticks_off()
        if self.label:
            cb.set_label(
                self.label,
                fontsize=self._label_fontsize(ctx),
                labelpad=mpl.rcParams["axes.labelpad"],
            )
        # no white seams between colour steps in vector output
        if cb.solids is not None:  # always drawn for a ScalarMappable
            cb.solids.set_rasterized(True)
            cb.solids.set_edgecolor("face")
        smooth_gradient(cb)  # vector output: an unsampled gradient image instead
        self.colorbar = cb
