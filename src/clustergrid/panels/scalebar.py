"""The colour scale of the shared norm and colormap."""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
import matplotlib.colors as mcolors
import matplotlib.ticker as mticker
import numpy as np
from matplotlib.cm import ScalarMappable
from matplotlib.font_manager import FontProperties

from .._sizes import Auto, SizeLike, to_inches
from .._text import measure_texts
from .base import Context, Extent, Panel

__all__ = ["ScaleBar"]

_SAFETY_PT = 1.0


class ScaleBar(Panel):
    """The colour scale (colorbar) of the grid's one norm and colormap.

    On the left or right it is vertical, on the top or bottom horizontal,
    and in a corner vertical.  Its size is measured from its ticks and label.

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
    """

    default_size: SizeLike = Auto
    aligned = False
    sliced = False  # one scale beside the whole heatmap, even when it is split

    def __init__(self, label: str | None = None, *, length: "float | str | None" = None,
                 width: "float | str" = 0.15, ticks: Any = None, fontsize: float | None = None) -> None:
        self.label = label
        if isinstance(length, (int, float)) and not isinstance(length, bool):
            if not 0 < length <= 1:
                raise ValueError("ScaleBar length as a number is a fraction of the heatmap "
                                 f"(0 < length <= 1); got {length}. Use a string like '40mm' "
                                 "for a physical length.")
            self.length: "float | str | None" = float(length)
        elif length is None:
            self.length = None
        else:
            to_inches(length)  # validate now, at the user's line
            self.length = str(length)
        self.width = to_inches(width)
        self.ticks = None if ticks is None else np.asarray(ticks, dtype=float)
        self.fontsize = fontsize

    # -- geometry ------------------------------------------------------------
    def _vertical(self, ctx: Context) -> bool:
        return ctx.side in ("left", "right") or ctx.orientation == "corner"

    def _tick_location(self, ctx: Context) -> str:
        return {"left": "left", "right": "right", "top": "top", "bottom": "bottom"}.get(ctx.side, "right")

    def tick_values(self, norm: mcolors.Normalize) -> np.ndarray:
        vmin, vmax = float(norm.vmin), float(norm.vmax)
        if self.ticks is not None:
            t = self.ticks
        elif isinstance(norm, mcolors.LogNorm):
            t = mticker.LogLocator().tick_values(vmin, vmax)
        else:
            t = mticker.MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]).tick_values(vmin, vmax)
        eps = 1e-9 * max(abs(vmax - vmin), 1e-300)
        return np.asarray([v for v in t if vmin - eps <= v <= vmax + eps])

    @staticmethod
    def format_tick(v: float) -> str:
        s = f"{v:.6g}"
        if s in ("-0", "-0.0"):
            s = "0"
        if mpl.rcParams["axes.unicode_minus"]:
            s = s.replace("-", "\N{MINUS SIGN}")
        return s

    def _fontsize(self) -> float:
        return self.fontsize or FontProperties(size="small").get_size_in_points()

    def _decorations(self, ctx: Context, vertical: bool) -> tuple[float, float, float]:
        """(thickness beyond the bar, along-axis reach at each end, inches)."""
        ticks = self.tick_values(ctx.norm)
        labels = [self.format_tick(t) for t in ticks]
        bbs = measure_texts(labels, ctx.renderer, ctx.figure, fontsize=self._fontsize())
        rc = "ytick" if vertical else "xtick"
        tick_off = (mpl.rcParams[f"{rc}.major.size"] + mpl.rcParams[f"{rc}.major.pad"]) / 72
        if vertical:
            across = (bbs[:, 1] - bbs[:, 0]).max(initial=0.0)
            reach = (bbs[:, 3] - bbs[:, 2]).max(initial=0.0) / 2
        else:
            across = (bbs[:, 3] - bbs[:, 2]).max(initial=0.0)
            reach = (bbs[:, 1] - bbs[:, 0]).max(initial=0.0) / 2
        thick = tick_off + across
        if self.label:
            lb = measure_texts([self.label], ctx.renderer, ctx.figure,
                               fontsize=mpl.rcParams["font.size"])[0]
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
        vertical = self._vertical(ctx)
        thick, reach, _ = self._decorations(ctx, vertical)
        if ctx.orientation == "corner":
            min_len = to_inches(self.length) if isinstance(self.length, str) else 0.8
            return Extent(width=self.width + thick, height=min_len + 2 * reach)
        return Extent(thickness=self.width + thick)

    def draw(self, ax: Any, ctx: Context) -> None:
        vertical = self._vertical(ctx)
        thick, reach, _ = self._decorations(ctx, vertical)
        fig = ax.figure
        # positions are fractions of the (sub)figure the axes lives in
        fw, fh = fig.bbox.width / fig.dpi, fig.bbox.height / fig.dpi
        pos = ax.get_position()  # figure fraction of the slot
        x0, y0, w, h = pos.x0 * fw, pos.y0 * fh, pos.width * fw, pos.height * fh
        loc = self._tick_location(ctx)
        if vertical:
            blen = self._bar_length(h, reach)
            by = y0 + (h - blen) / 2
            bx = x0 + w - self.width if loc == "left" else x0
            rect = (bx / fw, by / fh, self.width / fw, blen / fh)
        else:
            blen = self._bar_length(w, reach)
            bx = x0 + (w - blen) / 2
            by = y0 if loc == "top" else y0 + h - self.width
            rect = (bx / fw, by / fh, blen / fw, self.width / fh)
        ax.set_position(rect)
        sm = ScalarMappable(norm=ctx.norm, cmap=ctx.cmap)
        cb = fig.colorbar(sm, cax=ax, orientation="vertical" if vertical else "horizontal",
                          ticklocation=loc if ctx.orientation != "corner" else "right")
        ticks = self.tick_values(ctx.norm)
        cb.set_ticks(ticks, labels=[self.format_tick(t) for t in ticks])
        cb.ax.tick_params(labelsize=self._fontsize())
        cb.minorticks_off()
        if self.label:
            cb.set_label(self.label, fontsize=mpl.rcParams["font.size"],
                         labelpad=mpl.rcParams["axes.labelpad"])
        # no white seams between colour steps in vector output
        cb.solids.set_rasterized(True)
        cb.solids.set_edgecolor("face")
        self.colorbar = cb
