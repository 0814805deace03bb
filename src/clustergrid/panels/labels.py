"""Row and column labels, in drawn order, thinned when they cannot all fit."""

from __future__ import annotations

import math
from typing import Any

import matplotlib as mpl
import numpy as np

from .._sizes import Auto, SizeLike
from .._text import measure_texts
from .base import Context, Extent, Panel
from .._warn import warn as _warn

__all__ = ["Labels"]

_GAP = 1.15          # labels keep 15% of their height clear of each other
_MIN_FONTSIZE = 6.0  # below this, thin the labels instead of shrinking them


class Labels(Panel):
    """The row names (left/right) or column names (top/bottom), in drawn order.

    Each label is centred on its cell.  When the cells are too small for
    every label at a legible size, an evenly spaced subset is shown (every
    k-th label) so no two labels overlap; :attr:`shown` tells which.

    Parameters
    ----------
    rotation : float, optional
        Degrees.  Default 0 on the left/right and 90 on the top/bottom.
    fontsize : float, optional
        Points.  Default: the rc font size, shrunk to fit the cells down to
        6 pt, below which labels are thinned instead.
    color : colour, optional
    formatter : callable, optional
        Turns a label into the string drawn (default ``str``).
    math : bool, default False
        Render ``$...$`` in labels as mathtext.  By default labels are data
        and drawn literally, so a name such as ``"a$b$"`` is shown as is
        (and malformed math in a label can never fail the save).
    """

    default_size: SizeLike = Auto
    default_pad = 2.0 / 72

    def __init__(self, rotation: float | None = None, fontsize: float | None = None, *,
                 color: Any = None, formatter: Any = None, math: bool = False) -> None:
        if fontsize is not None and not (isinstance(fontsize, (int, float)) and fontsize > 0):
            raise ValueError(f"fontsize must be a positive number of points, got {fontsize!r}")
        self.rotation = rotation
        self.fontsize = fontsize
        self.color = color
        self.formatter = formatter or str
        self.math = bool(math)
        self.shown: np.ndarray = np.empty(0, dtype=np.intp)
        self.texts: list = []

    # -- text properties -------------------------------------------------------
    def _rotation(self, ctx: Context) -> float:
        if self.rotation is not None:
            r = float(self.rotation) % 360
            return r - 360 if r > 180 else r
        return 0.0 if ctx.orientation == "vertical" else 90.0

    def _align(self, ctx: Context) -> dict:
        rot = self._rotation(ctx)
        r = ((rot + 90) % 180) - 90  # the text's direction in (-90, 90]
        side = ctx.side
        if side in ("left", "right"):
            return dict(rotation=rot, va="center", ha="left" if side == "right" else "right",
                        rotation_mode="anchor" if r == 0 else "default", parse_math=self.math)
        if abs(r) in (0.0, 90.0):
            ha = "center"
        elif side == "bottom":
            ha = "right" if r > 0 else "left"
        else:
            ha = "left" if r > 0 else "right"
        return dict(rotation=rot, ha=ha, va="top" if side == "bottom" else "bottom",
                    parse_math=self.math)

    def _strings(self, ctx: Context) -> list[str]:
        return [self.formatter(x) for x in ctx.labels]

    def layout(self, ctx: Context) -> tuple[float, np.ndarray, dict]:
        """Choose the font size and the shown subset for ``ctx.length``.

        Returns (fontsize, shown positions, text properties)."""
        n, cell = ctx.n, ctx.cell
        props = self._align(ctx)
        rot = math.radians(((props["rotation"] + 90) % 180) - 90)
        base = self.fontsize or mpl.rcParams["font.size"]
        # the along-axis extent of one label per point of font size
        unit = measure_texts(["Ag"], ctx.renderer, ctx.figure, fontsize=10.0)[0]
        h1 = (unit[3] - unit[2]) / 10.0
        if ctx.orientation == "vertical":
            along_sin = abs(math.cos(rot))   # text height projects onto y
        else:
            along_sin = abs(math.sin(rot))
        fs = base
        if self.fontsize is None and along_sin > 0.3:
            fit = cell * along_sin / (h1 * _GAP)
            fs = float(np.clip(fit, _MIN_FONTSIZE, base))
        # spacing needed between neighbouring labels, in inches
        if along_sin > 1e-6:
            need = h1 * fs * _GAP / along_sin
        else:
            need = np.inf
        if along_sin < 0.7:  # the label's length may matter more than its height
            strings = self._strings(ctx)
            bbs = measure_texts(strings, ctx.renderer, ctx.figure, fontsize=fs, **props)
            widths = (bbs[:, 1] - bbs[:, 0]) if ctx.orientation == "horizontal" else (bbs[:, 3] - bbs[:, 2])
            need = min(need, float(widths.max()) * _GAP)
        k = max(1, int(math.ceil(need / cell - 1e-9))) if cell > 0 else n
        centred = props.get("ha") == "center" if ctx.orientation == "horizontal" else True
        i0 = 0
        if k > 1 and centred and cell > 0:
            # keep the outermost labels within the heatmap's extent: a label's own
            # along-axis extent (without the gap kept between neighbours) must fit
            i0 = max(0, int(math.ceil(need / _GAP / (2 * cell) - 0.5 - 1e-9)))
        # when not even one label fits within the extent, show none rather than
        # let it reach into a corner where other content may be (draw() warns)
        shown = np.arange(i0, n - i0, k) if n - i0 > i0 else np.empty(0, dtype=np.intp)
        props = dict(props, fontsize=fs)
        if centred and len(shown):
            # the end labels' own boxes (rotated labels are taller than their
            # spacing suggests) must stay within the heatmap's extent
            strings = self._strings(ctx)

            def half(i: int) -> float:
                bb = measure_texts([strings[i]], ctx.renderer, ctx.figure, **props)[0]
                return float(bb[3] - bb[2] if ctx.orientation == "vertical" else bb[1] - bb[0]) / 2

            while len(shown) and half(shown[0]) > (shown[0] + 0.5) * cell + 1e-9:
                shown = shown[1:]
            while len(shown) and half(shown[-1]) > (n - shown[-1] - 0.5) * cell + 1e-9:
                shown = shown[:-1]
        return fs, shown, props

    def _boxes(self, ctx: Context, shown: np.ndarray, props: dict) -> np.ndarray:
        strings = self._strings(ctx)
        return measure_texts([strings[i] for i in shown], ctx.renderer, ctx.figure, **props)

    def measure(self, ctx: Context) -> Extent:
        if ctx.orientation == "corner":
            raise ValueError("Labels go on a side, not in a corner")
        fs, shown, props = self.layout(ctx)
        if not len(shown):
            return Extent(thickness=0.0)
        bbs = self._boxes(ctx, shown, props)
        pos = (shown + 0.5) * ctx.cell
        if ctx.side == "right":
            thick = bbs[:, 1].max()
        elif ctx.side == "left":
            thick = -bbs[:, 0].min()
        elif ctx.side == "top":
            thick = bbs[:, 3].max()
        else:
            thick = -bbs[:, 2].min()
        if ctx.orientation == "vertical":  # along runs down: y up is 'before'
            lo, hi = pos - bbs[:, 3], pos - bbs[:, 2]
        else:
            lo, hi = pos + bbs[:, 0], pos + bbs[:, 1]
        return Extent(thickness=max(float(thick), 0.0),
                      before=max(0.0, -float(lo.min())), after=max(0.0, float(hi.max()) - ctx.length))

    def draw(self, ax: Any, ctx: Context) -> None:
        fs, shown, props = self.layout(ctx)
        strings = self._strings(ctx)
        ax.set_axis_off()
        if not len(shown) and ctx.n:
            _warn(
                f"Labels on the {ctx.side}: no label fits in the heatmap's {ctx.length:.2f} in at "
                f"{fs:.0f} pt, so none is drawn; enlarge the figure (or cell_size), shorten the "
                "labels, or turn them (rotation=)")
        if ctx.slice_index == 0:
            self.shown, self.texts = np.empty(0, dtype=np.intp), []
        # positions in the full drawn order, over every slice of a split axis
        self.shown = np.concatenate([self.shown, shown + ctx.slice_start])
        self.fontsize_ = fs
        if ctx.orientation == "vertical":
            trans = ax.get_yaxis_transform()
            x = 0.0 if ctx.side == "right" else 1.0
            pts = [(x, i + 0.5) for i in shown]
        else:
            trans = ax.get_xaxis_transform()
            y = 1.0 if ctx.side == "bottom" else 0.0
            pts = [(i + 0.5, y) for i in shown]
        self.texts = self.texts + [ax.text(px, py, strings[i], transform=trans, color=self.color,
                                           clip_on=False, **props)
                                   for (px, py), i in zip(pts, shown)]
