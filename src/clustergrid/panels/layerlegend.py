"""The legend of the heatmap body's layers: a size legend for dots (3-5
reference dots drawn exactly as the heatmap's dots are), an entry per
labelled marker layer, and the categories of a categorical matrix.

The grid adds it to the right side itself when a layer has something to
show; it is an Auto-sized panel, so the solver gives it the room it
measures and packs it with the other right-side panels.
"""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
import matplotlib.markers as mmarkers
import matplotlib.transforms as mtransforms
import numpy as np
from matplotlib.patches import Rectangle

from .._layers import cell_points, dot_areas, size_reference
from .._sizes import Auto, SizeLike
from .._text import measure_texts
from .base import ColorKey, Context, Extent, Panel

__all__ = ["LayerLegend"]

_GAP = 4.0 / 72  # inches between a glyph and its label
_ROW_GAP = 2.0 / 72  # inches between rows
_BLOCK_GAP = 8.0 / 72  # inches between blocks
_PATCH = 8.0 / 72  # side of a category's patch, inches


def _fmt(v: float) -> str:
    return f"{v:.3g}"


class LayerLegend(Panel):
    """Size legend, marker entries and categories of the heatmap body.

    Parameters
    ----------
    items : list of (kind, object)
        ``("size", Dots)``, ``("marker", Markers)`` or
        ``("categories", (title, [(label, rgba), ...]))``.
    fontsize : float, optional
        Points; default the rc "small" size.
    """

    default_size: SizeLike = Auto
    default_pad = 0.1
    aligned = False
    sliced = False

    def __init__(self, items: list, fontsize: float | None = None) -> None:
        self.items = list(items)
        self.fontsize = fontsize

    def legend(self, ctx: Context) -> Any:
        """A categorical matrix's key is drawn here: mark the heatmap's
        scale as drawn, so ``Legends`` does not add a stepped bar of codes."""
        if any(kind == "categories" for kind, _ in self.items):
            return ("", ColorKey(ctx.norm, ctx.cmap, drawn=True, heatmap=True))
        return None

    def offers_legend(self) -> bool:
        return False  # it draws its own keys: no automatic Legends for it

    def _fs(self) -> float:
        if self.fontsize is not None:
            return float(self.fontsize)
        return float(mpl.font_manager.FontProperties(size="small").get_size_in_points())

    def _rows(self, ctx: Context, diameter: float | None) -> list:
        """Blocks as [(title or None, [(kind, payload, glyph_w_in, glyph_h_in, label)])]."""
        blocks = []
        for kind, obj in self.items:
            if kind == "size":
                d = obj.max_size if obj.max_size is not None else diameter
                refs = size_reference(obj.size_norm)
                areas = dot_areas(refs, obj.size_norm, obj.size_range, d)
                rows = [
                    ("dot", (obj, a), d / 72, np.sqrt(a) / 72, _fmt(v))
                    for v, a in zip(refs, areas)
                ]
                blocks.append((obj.size_label or "size", rows))
            elif kind == "marker":
                ms = obj.size if obj.size is not None else 0.6 * diameter
                blocks.append((None, [("marker", obj, ms / 72, ms / 72, obj.label)]))
            else:
                title, entries = obj
                blocks.append(
                    (
                        title,
                        [("patch", c, _PATCH, _PATCH, str(lab)) for lab, c in entries],
                    )
                )
        return blocks

    def _diameter(self, ctx: Context) -> float:
        if ctx.ax_heatmap is not None:
            return cell_points(ctx.ax_heatmap)
        n = max(ctx.matrix.shape[0], 1)
        return max(ctx.length / n * 72.0, 1.0)  # before layout: the rows' cells

    def _layout(self, ctx: Context) -> tuple[list, float, float]:
        fs = self._fs()
        blocks = self._rows(ctx, self._diameter(ctx))
        y = 0.0
        width = 0.0
        placed = []
        for b, (title, rows) in enumerate(blocks):
            if b:
                y += _BLOCK_GAP
            if title:
                e = measure_texts(
                    [title], ctx.renderer, ctx.figure, fontsize=fs, fontweight="bold"
                )[0]
                placed.append(("title", title, 0.0, y))
                width = max(width, e[1] - e[0])
                y += (e[3] - e[2]) + _ROW_GAP
            gw = max(r[2] for r in rows)
            for kind, payload, w, h, label in rows:
                e = measure_texts([label], ctx.renderer, ctx.figure, fontsize=fs)[0]
                rh = max(h, e[3] - e[2])
                placed.append((kind, payload, gw / 2, y + rh / 2, label, gw + _GAP))
                width = max(width, gw + _GAP + (e[1] - e[0]))
                y += rh + _ROW_GAP
        return placed, width, y

    def measure(self, ctx: Context) -> Extent:
        _, w, _ = self._layout(ctx)
        return Extent(thickness=w + 1.0 / 72)

    def draw(self, ax: Any, ctx: Context) -> None:
        ax.set_axis_off()
        fig = ax.get_figure(root=True)
        # inches from the axes' top-left corner, y downwards
        trans = (
            mtransforms.Affine2D().scale(1, -1)
            + fig.dpi_scale_trans
            + mtransforms.ScaledTranslation(0, 1, ax.transAxes)
        )
        fs = self._fs()
        placed, _, _ = self._layout(ctx)
        for item in placed:
            kind = item[0]
            if kind == "title":
                t = ax.text(
                    item[2],
                    item[3],
                    item[1],
                    transform=trans,
                    fontsize=fs,
                    fontweight="bold",
                    ha="left",
                    va="top",
                )
                t.set_gid("clustergrid:layer-legend:title")
                continue
            _, payload, x, y, label, tx = item
            if kind == "dot":
                obj, area = payload
                sc = ax.scatter(
                    [x],
                    [y],
                    s=[area],
                    marker="o",
                    transform=trans,
                    clip_on=False,
                    c=[obj.color if obj.color is not None else "0.35"],
                    edgecolors=obj.edgecolor if obj.edgecolor is not None else "face",
                    linewidths=obj.linewidth,
                )
                sc.set_label("clustergrid:size-legend")
            elif kind == "marker":
                ms = (
                    payload.size
                    if payload.size is not None
                    else 0.6 * self._diameter(ctx)
                )
                filled = mmarkers.MarkerStyle(payload.marker).is_filled()
                sc = ax.scatter(
                    [x],
                    [y],
                    s=[ms**2],
                    marker=payload.marker,
                    transform=trans,
                    c=[payload.color],
                    clip_on=False,
                    linewidths=0 if filled else 1.0,
                )
                sc.set_label("clustergrid:marker-legend")
            else:
                r = Rectangle(
                    (x - _PATCH / 2, y - _PATCH / 2),
                    _PATCH,
                    _PATCH,
                    transform=trans,
                    facecolor=payload,
                    edgecolor="none",
                    clip_on=False,
                )
                r.set_label("clustergrid:category-legend")
                ax.add_patch(r)
            t = ax.text(
                tx, y, label, transform=trans, fontsize=fs, ha="left", va="center"
            )
            t.set_gid("clustergrid:layer-legend:label")
