"""The legend of the heatmap body's layers: a size legend for dots (3-5
reference dots drawn exactly as the heatmap's dots are), an entry per
labelled marker layer, and the categories of a categorical matrix.

The grid adds it to the right side itself when a layer has something to
show; it is an Auto-sized panel, so the solver gives it the room it
measures and packs it with the other right-side panels.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

import matplotlib as mpl
import matplotlib.markers as mmarkers
import matplotlib.transforms as mtransforms
import numpy as np
from matplotlib.patches import Rectangle

from .._body.dots import Dots, dot_areas, size_reference
from .._body.layers import cell_points
from .._body.markers import Markers
from .._support.text import literal, measure_texts
from ..sizes import Auto, SizeLike
from .base import ColorKey, Context, Extent, LegendSpec, Panel, Swatch

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.typing import ColorType

__all__ = ["LayerLegend"]

_GAP = 4.0 / 72  # inches between a glyph and its label
_ROW_GAP = 2.0 / 72  # inches between rows
_BLOCK_GAP = 8.0 / 72  # inches between blocks
_PATCH = 8.0 / 72  # side of a category's patch, inches


#: What a LayerLegend shows: ``("size", Dots)``, ``("marker", Markers)`` or
#: ``("categories", (title, [(label, rgba), ...]))``.
LayerItem = Dots | Markers | tuple[str, Sequence[Swatch]]


class _Dot(NamedTuple):
    """A reference dot of a size legend: its layer and its area (points^2)."""

    layer: Dots
    area: float


class _Row(NamedTuple):
    """A glyph (a dot, a marker or a patch) and its label."""

    kind: str  # "dot", "marker" or "patch"
    payload: _Dot | Markers | ColorType
    w: float  # glyph width and height, inches
    h: float
    label: str


#: A block of rows under its title (None: untitled).
_Block = tuple[str | None, list[_Row]]


class _Placed(NamedTuple):
    """A title or a row at its place: inches from the top-left, y downwards."""

    kind: str  # "title" or a row's kind
    payload: _Dot | Markers | ColorType | None
    x: float
    y: float
    label: str
    tx: float  # where the label starts


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

    def __init__(
        self, items: Sequence[tuple[str, LayerItem]], fontsize: float | None = None
    ) -> None:
        self.items = list(items)
        self.fontsize = fontsize

    def legend(self, ctx: Context) -> LegendSpec | None:
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

    def _rows(self, ctx: Context, diameter: float) -> list[_Block]:
        """Blocks of rows (a glyph and its label), each under an optional title."""
        blocks: list[_Block] = []
        for kind, obj in self.items:
            if kind == "size":
                assert isinstance(obj, Dots)
                # bound to the matrix before any legend is asked for
                assert obj.size_norm is not None
                d = obj.max_size if obj.max_size is not None else diameter
                refs = size_reference(obj.size_norm)
                areas = dot_areas(refs, obj.size_norm, obj.size_range, d)
                rows = [
                    _Row("dot", _Dot(obj, float(a)), d / 72, np.sqrt(a) / 72, _fmt(v))
                    for v, a in zip(refs, areas, strict=True)
                ]
                blocks.append((obj.size_label or "size", rows))
            elif kind == "marker":
                assert isinstance(obj, Markers)
                ms = obj.size if obj.size is not None else 0.6 * diameter
                label = obj.label or ""  # only a labelled layer has an entry
                blocks.append((None, [_Row("marker", obj, ms / 72, ms / 72, label)]))
            else:
                assert isinstance(obj, tuple)
                title, entries = obj
                blocks.append(
                    (
                        title,
                        [
                            _Row("patch", c, _PATCH, _PATCH, str(lab))
                            for lab, c in entries
                        ],
                    )
                )
        return blocks

    def _diameter(self, ctx: Context) -> float:
        if ctx.ax_heatmap is not None:
            return cell_points(ctx.ax_heatmap)
        n = max(ctx.matrix.shape[0], 1)
        return max(ctx.length / n * 72.0, 1.0)  # before layout: the rows' cells

    def _layout(self, ctx: Context) -> tuple[list[_Placed], float, float]:
        fs = self._fs()
        blocks = self._rows(ctx, self._diameter(ctx))
        y = 0.0
        width = 0.0
        placed: list[_Placed] = []
        for b, (title, rows) in enumerate(blocks):
            if b:
                y += _BLOCK_GAP
            if title:
                e = measure_texts(
                    [title],
                    ctx.renderer,
                    ctx.figure,
                    **literal(fontsize=fs, fontweight="bold"),
                )[0]
                placed.append(_Placed("title", None, 0.0, y, title, 0.0))
                width = max(width, e[1] - e[0])
                y += (e[3] - e[2]) + _ROW_GAP
            gw = max(r.w for r in rows)
            for r in rows:
                e = measure_texts(
                    [r.label], ctx.renderer, ctx.figure, **literal(fontsize=fs)
                )[0]
                rh = max(r.h, e[3] - e[2])
                placed.append(
                    _Placed(r.kind, r.payload, gw / 2, y + rh / 2, r.label, gw + _GAP)
                )
                width = max(width, gw + _GAP + (e[1] - e[0]))
                y += rh + _ROW_GAP
        return placed, width, y

    def measure(self, ctx: Context) -> Extent:
        _, w, _ = self._layout(ctx)
        return Extent(thickness=w + 1.0 / 72)

    def draw(self, ax: Axes, ctx: Context) -> None:
        ax.set_axis_off()
        fig = ax.get_figure(root=True)
        assert fig is not None  # a drawn panel's axes belong to a figure
        # inches from the axes' top-left corner, y downwards
        trans = (
            mtransforms.Affine2D().scale(1, -1)
            + fig.dpi_scale_trans
            # transAxes is a BboxTransformTo, an Affine2DBase; the stubs say Transform
            + mtransforms.ScaledTranslation(0, 1, ax.transAxes)  # type: ignore[arg-type]
        )
        fs = self._fs()
        placed, _, _ = self._layout(ctx)
        for item in placed:
            kind, payload, x, y, label, tx = item
            if kind == "title":
                t = ax.text(
                    x,
                    y,
                    label,
                    transform=trans,
                    ha="left",
                    va="top",
                    **literal(fontsize=fs, fontweight="bold"),
                )
                t.set_gid("clustergrid:layer-legend:title")
                continue
            if kind == "dot":
                assert isinstance(payload, _Dot)
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
                assert isinstance(payload, Markers)
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
                tx,
                y,
                label,
                transform=trans,
                ha="left",
                va="center",
                **literal(fontsize=fs),
            )
            t.set_gid("clustergrid:layer-legend:label")
