"""The Legends panel: every panel's legend and the colour scale, packed in
columns (or rows) that the solver makes room for.

Panels contribute through :meth:`Panel.legend`: a categorical
:class:`~clustergrid.AnnotationBar` gives its categories and colours, titled
with its name.  The engine gathers them before layout (``ctx.legends``), so
the Legends panel measures exactly what it will draw.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import matplotlib as mpl
import matplotlib.colors as mcolors
import numpy as np
from matplotlib.cm import ScalarMappable
from matplotlib.patches import Rectangle

from .._sizes import Auto, SizeLike, to_inches
from .._text import measure_texts
from .base import Context, Extent, Panel
from .scalebar import ScaleBar

__all__ = ["Legends"]

_BLOCK_GAP = 0.1     # inches between legends in a column
_LINE_GAP = 0.15     # inches between columns
_SWATCH_GAP_EM = 0.5
_ROW_EM = 1.35       # row pitch, in font sizes
_SWATCH_EM = 1.0


@dataclass
class _Block:
    """One legend (or a piece of one too long for a column) to place."""

    title: str
    entries: list          # [(label, rgba)]
    width: float = 0.0
    height: float = 0.0
    scale: bool = False    # the colour scale rather than swatches
    x: float = 0.0
    y: float = 0.0         # top edge, inches from the panel's top-left


class Legends(Panel):
    """All legends and the colour scale, packed beside the heatmap.

    Every categorical :class:`~clustergrid.AnnotationBar` contributes a
    legend titled with its name (``AnnotationBar(..., legend=False)`` leaves
    it out).  On the left/right the legends fill columns no taller than the
    heatmap, a long legend continuing in the next column; on the top/bottom
    they fill rows no wider than the heatmap.  The panel measures itself, so
    the layout gives it exactly the room it needs.

    Parameters
    ----------
    scale : bool, default True
        Include the colour scale of the grid's norm and colormap.
    scale_title : str, optional
        Title above the colour scale, e.g. ``"z-score"``.
    extra : sequence of (title, mapping), optional
        More legends: a title and a dict label -> colour each.
    fontsize : float, optional
        Entry label size; default the rc "small" size.  Titles use the rc
        font size, bold.
    scale_length : length, default 1.2 in
        Length of the colour scale (shortened to fit the heatmap).

    Examples
    --------
    >>> g.add(cg.AnnotationBar(tissue, name="tissue"), "top").add(cg.Legends())
    """

    default_size: SizeLike = Auto
    default_side = "right"
    default_pad = 0.15
    aligned = False
    sliced = False

    def __init__(self, *, scale: bool = True, scale_title: str | None = None,
                 extra: Sequence[tuple[str, Any]] | None = None, fontsize: float | None = None,
                 scale_length: "float | str" = 1.2) -> None:
        self.scale = bool(scale)
        self.scale_title = scale_title
        self.extra = []
        for item in extra or []:
            if not (isinstance(item, (tuple, list)) and len(item) == 2 and isinstance(item[1], dict)):
                raise TypeError("extra= takes (title, {label: colour}) pairs, e.g. "
                                "[('group', {'a': 'red', 'b': 'blue'})]")
            title, mapping = item
            try:
                entries = [(str(k), mcolors.to_rgba(v)) for k, v in mapping.items()]
            except ValueError as exc:
                raise ValueError(f"extra legend {title!r}: {exc}") from None
            self.extra.append((str(title), entries))
        if fontsize is not None and not (isinstance(fontsize, (int, float)) and fontsize > 0):
            raise ValueError(f"fontsize must be a positive number of points, got {fontsize!r}")
        self.fontsize = fontsize
        self.scale_length = to_inches(scale_length)
        self.blocks: list[_Block] = []
        self.swatches: list = []
        self.texts: list = []
        self.colorbar = None

    # -- sizes -------------------------------------------------------------------
    def _fs(self) -> float:
        return self.fontsize or mpl.font_manager.FontProperties(size="small").get_size_in_points()

    def _title_props(self) -> dict:
        return dict(fontsize=mpl.rcParams["font.size"], fontweight="bold")

    def _legends(self, ctx: Context) -> list[tuple[str, list]]:
        return [(t, e) for t, e in list(ctx.legends) + self.extra if e]

    def _blocks(self, ctx: Context) -> list[_Block]:
        """Every legend as blocks with measured sizes, split so that on the
        left/right no block is taller than the heatmap."""
        fs = self._fs()
        row = fs * _ROW_EM / 72
        sw = fs * _SWATCH_EM / 72
        gap = fs * _SWATCH_GAP_EM / 72
        tb = measure_texts(["Ag"], ctx.renderer, ctx.figure, **self._title_props())[0]
        title_h = (tb[3] - tb[2]) * 1.25
        vertical = ctx.orientation != "horizontal"
        out: list[_Block] = []
        for title, entries in self._legends(ctx):
            labels = measure_texts([e[0] for e in entries], ctx.renderer, ctx.figure, fontsize=fs)
            lw = labels[:, 1] - labels[:, 0]
            tw = measure_texts([title], ctx.renderer, ctx.figure, **self._title_props())[0]
            twidth = (tw[1] - tw[0]) if title else 0.0
            th = title_h if title else 0.0
            per = len(entries)
            if vertical and ctx.length > 0:
                per = max(1, int((ctx.length - th + 1e-9) // row))
            for start in range(0, len(entries), per):
                chunk = entries[start:start + per]
                head = title if start == 0 else ""
                w = max(sw + gap + float(lw[start:start + per].max()), twidth if head else 0.0)
                out.append(_Block(head, chunk, w, (th if head else 0.0) + row * len(chunk)))
        if self.scale:
            out.append(self._scale_block(ctx, title_h))
        return out

    def _scale_bar(self) -> ScaleBar:
        return ScaleBar(fontsize=self._fs())

    def _scale_block(self, ctx: Context, title_h: float) -> _Block:
        bar = self._scale_bar()
        ticks = bar.tick_values(ctx.norm)
        bbs = measure_texts([bar.format_tick(t) for t in ticks], ctx.renderer, ctx.figure,
                            fontsize=self._fs())
        tick_off = (mpl.rcParams["ytick.major.size"] + mpl.rcParams["ytick.major.pad"]) / 72
        half = float((bbs[:, 3] - bbs[:, 2]).max(initial=0.0)) / 2
        width = bar.width + tick_off + float((bbs[:, 1] - bbs[:, 0]).max(initial=0.0))
        title = self.scale_title or ""
        th = title_h if title else 0.0
        if title:
            tw = measure_texts([title], ctx.renderer, ctx.figure, **self._title_props())[0]
            width = max(width, tw[1] - tw[0])
        length = self.scale_length
        if ctx.orientation != "horizontal" and ctx.length > 0:
            length = min(length, max(ctx.length - th - 2 * half, 0.3))
        blk = _Block(title, [], width, th + length + 2 * half, scale=True)
        blk.bar_length, blk.reach = length, half  # type: ignore[attr-defined]
        return blk

    def _pack(self, ctx: Context, blocks: list[_Block]) -> tuple[float, float]:
        """Place the blocks; returns (thickness, reach past the heatmap's end)."""
        vertical = ctx.orientation != "horizontal"
        L = ctx.length if ctx.length > 0 else np.inf
        lines: list[list[_Block]] = [[]]
        used = 0.0
        for b in blocks:
            size = b.height if vertical else b.width
            if lines[-1] and used + _BLOCK_GAP + size > L + 1e-9:
                lines.append([])
                used = 0.0
            used += (_BLOCK_GAP if lines[-1] else 0.0) + size
            lines[-1].append(b)
        across, overflow = 0.0, 0.0
        for k, line in enumerate(lines):
            if k:
                across += _LINE_GAP
            cross = max((b.width if vertical else b.height) for b in line) if line else 0.0
            pos = 0.0
            for b in line:
                if vertical:
                    b.x, b.y = across, pos
                    pos += b.height + _BLOCK_GAP
                else:
                    b.x, b.y = pos, across
                    pos += b.width + _BLOCK_GAP
            overflow = max(overflow, pos - _BLOCK_GAP - L if line else 0.0)
            across += cross
        return across, max(0.0, overflow)

    # -- panel hooks ---------------------------------------------------------------
    def validate(self, ctx: Context) -> None:
        if ctx.orientation == "corner":
            raise ValueError("Legends go on a side (default 'right'), not in a corner: "
                             "add(cg.Legends()) or add(cg.Legends(), 'bottom')")

    def measure(self, ctx: Context) -> Extent:
        blocks = self._blocks(ctx)
        thick, overflow = self._pack(ctx, blocks)
        return Extent(thickness=thick, after=overflow)

    def draw(self, ax: Any, ctx: Context) -> None:
        fig = ax.figure  # a Figure or SubFigure: positions are fractions of it
        pos = ax.get_position()
        W, H = pos.width * fig.bbox.width / fig.dpi, pos.height * fig.bbox.height / fig.dpi
        ax.set_axis_off()
        ax.set_xlim(0, W)
        ax.set_ylim(H, 0)   # inches from the top-left corner
        self.blocks = blocks = self._blocks(ctx)
        thick, _ = self._pack(ctx, blocks)
        # hug the heatmap: on the left the columns end at the right edge
        dx = W - thick if ctx.side == "left" else 0.0
        dy = H - thick if ctx.side == "top" else 0.0
        fs = self._fs()
        row, sw, gap = fs * _ROW_EM / 72, fs * _SWATCH_EM / 72, fs * _SWATCH_GAP_EM / 72
        self.swatches, self.texts = [], []
        for b in blocks:
            x, y = b.x + dx, b.y + dy
            if b.title:
                self.texts.append(ax.text(x, y, b.title, va="top", ha="left", clip_on=False,
                                          **self._title_props()))
                tb = measure_texts(["Ag"], ctx.renderer, ctx.figure, **self._title_props())[0]
                y += (tb[3] - tb[2]) * 1.25
            if b.scale:
                self._draw_scale(ax, ctx, b, x, y, W, H)
                continue
            for i, (label, rgba) in enumerate(b.entries):
                cy = y + (i + 0.5) * row
                r = Rectangle((x, cy - sw / 2), sw, sw, facecolor=rgba, edgecolor="none",
                              clip_on=False)
                r.legend_label = label  # type: ignore[attr-defined]
                ax.add_patch(r)
                self.swatches.append(r)
                self.texts.append(ax.text(x + sw + gap, cy, label, va="center", ha="left",
                                          fontsize=fs, clip_on=False))

    def _draw_scale(self, ax: Any, ctx: Context, b: _Block, x: float, y: float,
                    W: float, H: float) -> None:
        bar = self._scale_bar()
        top = y + b.reach  # type: ignore[attr-defined]
        length = b.bar_length  # type: ignore[attr-defined]
        cax = ax.inset_axes([x / W, 1 - (top + length) / H, bar.width / W, length / H])
        cax.set_label("clustergrid:legends:scale")
        sm = ScalarMappable(norm=ctx.norm, cmap=ctx.cmap)
        cb = ax.figure.colorbar(sm, cax=cax, orientation="vertical", ticklocation="right")
        ticks = bar.tick_values(ctx.norm)
        cb.set_ticks(ticks, labels=[bar.format_tick(t) for t in ticks])
        cb.ax.tick_params(labelsize=self._fs())
        cb.minorticks_off()
        cb.solids.set_rasterized(True)
        cb.solids.set_edgecolor("face")
        self.colorbar = cb
