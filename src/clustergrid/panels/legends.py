"""The Legends panel: every panel's legend and the colour scale, packed in
columns (or rows) that the solver makes room for.

Panels contribute through :meth:`Panel.legend`: a categorical
:class:`~clustergrid.AnnotationBar` gives its categories and colours, a
numeric one its colour mapping (a :class:`~clustergrid.ColorKey`), titled
with its name.  The engine gathers them before layout (``ctx._engine.legends``), so
the Legends panel measures exactly what it will draw.  Every colour mapping
is shown once: the heatmap's scale is left out when a ``ScaleBar`` draws it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

import matplotlib as mpl
import matplotlib.colors as mcolors
import numpy as np
from matplotlib.cm import ScalarMappable
from matplotlib.colorbar import Colorbar
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from .._support.text import literal, measure_texts
from ..sizes import Auto, SizeLike, to_inches
from .base import RGBA, ColorKey, Context, Extent, LegendSpec, Panel, Swatch
from .scalebar import ScaleBar

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.typing import ColorType

__all__ = ["Legends"]

_BLOCK_GAP = 0.1  # inches between legends in a column
_LINE_GAP = 0.15  # inches between columns
_SWATCH_GAP_EM = 0.5
_ROW_EM = 1.35  # row pitch, in font sizes
_SWATCH_EM = 1.0
_TITLE_GAP = 1.25  # a title's line takes this many times its text height
_MAX_DISCRETE = 20  # a ListedColormap of at most this many colours is shown as swatches
_SCALE = "scale"  # the name of an untitled heatmap scale in order=


def discrete_entries(key: ColorKey) -> list[Swatch] | None:
    """Labelled swatches for a discrete colour mapping (a BoundaryNorm, or
    a linear norm over a ListedColormap of a few colours), else None."""
    norm, cmap = key.norm, key.cmap
    fmt = ScaleBar.format_tick
    if isinstance(norm, mcolors.BoundaryNorm):
        b = np.asarray(norm.boundaries, dtype=float)
        mids = (b[:-1] + b[1:]) / 2
        cols = cmap(norm(mids))
        return [
            (f"{fmt(lo)} \N{EN DASH} {fmt(hi)}", tuple(c))
            for lo, hi, c in zip(b[:-1], b[1:], cols, strict=True)
        ]
    if (
        isinstance(cmap, mcolors.ListedColormap)
        and cmap.N <= _MAX_DISCRETE
        and type(norm) is mcolors.Normalize
        and norm.vmin is not None
        and norm.vmax is not None
    ):
        edges = np.linspace(float(norm.vmin), float(norm.vmax), cmap.N + 1)
        return [
            (f"{fmt(lo)} \N{EN DASH} {fmt(hi)}", mcolors.to_rgba(cmap(i)))
            for i, (lo, hi) in enumerate(zip(edges[:-1], edges[1:], strict=True))
        ]
    return None


class LegendsDrawn(TypedDict):
    """What :meth:`Legends.draw` returns: the artists it drew."""

    swatches: list[Rectangle]
    texts: list[Text]
    colorbars: list[Colorbar]


@dataclass
class _Block:
    """One legend (or a piece of one too long for a column) to place."""

    title: str
    entries: Sequence[Swatch]
    width: float = 0.0
    height: float = 0.0
    key: ColorKey | None = None  # a colour bar rather than swatches
    title_h: float = 0.0
    rows: list[float] = field(default_factory=list)  # each entry's row height, inches
    bar_length: float = 0.0
    reach: float = 0.0
    x: float = 0.0
    y: float = 0.0  # top edge, inches from the panel's top-left

    @property
    def scale(self) -> bool:
        return self.key is not None


class Legends(Panel):
    """All legends and the colour scale, packed beside the heatmap.

    Every categorical :class:`~clustergrid.AnnotationBar` contributes a
    legend titled with its name, every numeric one its colour bar
    (``AnnotationBar(..., legend=False)`` leaves it out); so does
    ``Labels(color_by=...)``.  A grid adds a Legends panel on the right by
    itself when any panel offers a legend (``ClusterGrid(legends=False)``
    turns that off); add one yourself to choose its side, order and columns.

    On the left/right the legends fill one column up to the heatmap's
    height, then more columns, a long legend continuing in the next column;
    on the top/bottom they fill rows no wider than the heatmap.  The panel
    measures itself, so the layout gives it exactly the room it needs.

    Every colour mapping is shown once: the heatmap's scale is left out when
    a :class:`~clustergrid.ScaleBar` already draws it.  A discrete mapping (a
    ``BoundaryNorm``, or a list of colours as the colormap) is shown as
    labelled swatches rather than a stepped bar.

    Parameters
    ----------
    scale : bool, default True
        Include the colour scale of the grid's norm and colormap (unless a
        ScaleBar shows it).
    scale_title : str, optional
        Title above the colour scale, e.g. ``"z-score"``.
    extra : sequence of (title, mapping), optional
        More legends: a title and a dict label -> colour each.
    fontsize : float, optional
        Entry label size; default the rc "small" size.  Titles use the rc
        font size, bold.
    scale_length : length, default 1.2 in
        Length of each colour bar (shortened to fit the heatmap).
    order : sequence of str, optional
        Legend titles in the order to draw them; legends not named follow in
        their default order (the panels' order, then ``extra``, then the
        scale).  An untitled heatmap scale is named ``"scale"``.
    ncols : int, optional
        On the left/right: spread the legends over this many columns (they
        may then reach past the heatmap's ends; the layout makes room).  On
        the top/bottom: at most this many legends per row.  Default: as few
        columns as fit the heatmap's height.

    Examples
    --------
    >>> wine = cg.load_dataset("wine").iloc[::20]
    >>> legends = cg.Legends()
    >>> g = (cg.ClusterGrid(wine.drop(columns="cultivar"), z_score=1)
    ...      .add(cg.AnnotationBar(wine["cultivar"], name="cultivar"), "left")
    ...      .add(legends))
    >>> fig = g.draw()
    >>> [t.get_text() for t in legends.ax.texts][:4]
    ['cultivar', 'class_0', 'class_1', 'class_2']
    """

    default_size: SizeLike = Auto
    default_side = "right"
    default_pad = 0.15
    aligned = False
    sliced = False

    def __init__(
        self,
        *,
        scale: bool = True,
        scale_title: str | None = None,
        extra: Sequence[tuple[str, Mapping[Any, ColorType]]] | None = None,
        fontsize: float | None = None,
        scale_length: float | str = 1.2,
        order: Sequence[str] | None = None,
        ncols: int | None = None,
    ) -> None:
        self.scale = bool(scale)
        self.scale_title = scale_title
        self.extra: list[tuple[str, list[tuple[str, RGBA]]]] = []
        for item in extra or []:
            if not (
                isinstance(item, (tuple, list))
                and len(item) == 2
                and isinstance(item[1], dict)
            ):
                raise TypeError(
                    "extra= takes (title, {label: colour}) pairs, e.g. "
                    "[('group', {'a': 'red', 'b': 'blue'})]"
                )
            title, mapping = item
            try:
                entries = [(str(k), mcolors.to_rgba(v)) for k, v in mapping.items()]
            except ValueError as exc:
                raise ValueError(f"extra legend {title!r}: {exc}") from None
            self.extra.append((str(title), entries))
        if fontsize is not None and not (
            isinstance(fontsize, (int, float)) and fontsize > 0
        ):
            raise ValueError(
                f"fontsize must be a positive number of points, got {fontsize!r}"
            )
        if order is not None:
            if isinstance(order, str) or not all(isinstance(t, str) for t in order):
                raise TypeError(
                    f"order= takes a list of legend titles (strings), e.g. "
                    f"order=['cultivar', 'scale'], got {order!r}"
                )
            if len(set(order)) != len(order):
                raise ValueError(f"order= names a legend twice: {list(order)!r}")
        self.order = None if order is None else list(order)
        if ncols is not None and (
            isinstance(ncols, bool)
            or not isinstance(ncols, (int, np.integer))
            or ncols < 1
        ):
            raise ValueError(
                f"ncols must be a positive whole number (or None to fit the "
                f"heatmap), got {ncols!r}"
            )
        self.ncols = None if ncols is None else int(ncols)
        self.fontsize = fontsize
        self.scale_length = to_inches(scale_length)
        self.blocks: list[_Block] = []
        self.swatches: list[Rectangle] = []
        self.texts: list[Text] = []
        self.colorbar: Colorbar | None = None
        self.colorbars: list[Colorbar] = []

    # -- sizes -------------------------------------------------------------------
    def _fs(self) -> float:
        return (
            self.fontsize
            or mpl.font_manager.FontProperties(size="small").get_size_in_points()
        )

    def _title_props(self) -> dict[str, Any]:
        return literal(fontsize=mpl.rcParams["font.size"], fontweight="bold")

    def _legends(self, ctx: Context) -> list[LegendSpec]:
        """(title, entries or ColorKey) in drawing order, each mapping once."""
        gathered: list[LegendSpec] = []
        for item in ctx._engine.legends:
            gathered.extend(item if isinstance(item, list) else [item])
        out: list[LegendSpec] = []
        heat_shown = False
        for title, what in gathered:
            if isinstance(what, ColorKey):
                heat = what.heatmap or what.norm is ctx.norm
                if heat:
                    if what.drawn or heat_shown or not self.scale:
                        heat_shown = True
                        continue
                    heat_shown = True
                elif what.drawn:
                    continue
                out.append((str(title), what))
            elif what:
                out.append((str(title), list(what)))
        out += [(t, e) for t, e in self.extra if e]
        if self.scale and not heat_shown:
            out.append(
                (self.scale_title or "", ColorKey(ctx.norm, ctx.cmap, heatmap=True))
            )
        if self.order is not None:
            names = [
                t if t or not isinstance(w, ColorKey) or not w.heatmap else _SCALE
                for t, w in out
            ]
            unknown = [t for t in self.order if t not in names]
            if unknown:
                raise ValueError(
                    f"Legends(order=...) names {unknown!r}, but the legends here are "
                    f"{names!r}; name those (an untitled heatmap scale is "
                    f"{_SCALE!r})"
                )
            rank = {t: i for i, t in enumerate(self.order)}
            out = [
                x
                for _, x in sorted(
                    zip(names, out, strict=True),
                    key=lambda p: rank.get(p[0], len(rank)),
                )
            ]
        return out

    def _title_height(self, title: str, ctx: Context) -> float:
        if not title:
            return 0.0
        tb = measure_texts([title], ctx.renderer, ctx.figure, **self._title_props())[0]
        one = measure_texts(["Ag"], ctx.renderer, ctx.figure, **self._title_props())[0]
        # one line keeps its historical pitch; more lines add their real height
        return (one[3] - one[2]) * (_TITLE_GAP - 1) + max(
            tb[3] - tb[2], one[3] - one[2]
        )

    def _blocks(self, ctx: Context) -> list[_Block]:
        """Every legend as blocks with measured sizes, split so that on the
        left/right no block is taller than the heatmap."""
        fs = self._fs()
        row = fs * _ROW_EM / 72
        sw = fs * _SWATCH_EM / 72
        gap = fs * _SWATCH_GAP_EM / 72
        vertical = ctx.orientation != "horizontal"
        out: list[_Block] = []
        for title, what in self._legends(ctx):
            th = self._title_height(title, ctx)
            twidth = 0.0
            if title:
                tw = measure_texts(
                    [title], ctx.renderer, ctx.figure, **self._title_props()
                )[0]
                twidth = tw[1] - tw[0]
            if isinstance(what, ColorKey):
                discrete = discrete_entries(what)
                if discrete is None:
                    out.append(self._key_block(ctx, title, what, th, twidth))
                    continue
                entries: Sequence[Swatch] = discrete
            else:
                entries = what
            labels = measure_texts(
                [e[0] for e in entries],
                ctx.renderer,
                ctx.figure,
                **literal(fontsize=fs),
            )
            lw = labels[:, 1] - labels[:, 0]
            # a multi-line entry takes its own height (plus the usual spacing)
            rows = np.maximum(row, (labels[:, 3] - labels[:, 2]) + (row - fs / 72))
            limit = (
                ctx.length
                if vertical and ctx.length > 0 and self.ncols is None
                else np.inf
            )
            start = 0
            while start < len(entries):
                head = title if start == 0 else ""
                room = limit - (th if head else 0.0)
                stop, used = start, 0.0
                while stop < len(entries) and (
                    stop == start or used + rows[stop] <= room + 1e-9
                ):
                    used += rows[stop]
                    stop += 1
                chunk = entries[start:stop]
                w = max(sw + gap + float(lw[start:stop].max()), twidth if head else 0.0)
                out.append(
                    _Block(
                        head,
                        chunk,
                        w,
                        (th if head else 0.0) + used,
                        title_h=th if head else 0.0,
                        rows=list(rows[start:stop]),
                    )
                )
                start = stop
        return out

    def _key_block(
        self, ctx: Context, title: str, key: ColorKey, th: float, twidth: float
    ) -> _Block:
        bar = ScaleBar(fontsize=self._fs())
        ticks = bar.tick_values(key.norm)
        bbs = measure_texts(
            [bar.format_tick(t) for t in ticks],
            ctx.renderer,
            ctx.figure,
            fontsize=self._fs(),
        )
        tick_off = (
            mpl.rcParams["ytick.major.size"] + mpl.rcParams["ytick.major.pad"]
        ) / 72
        half = float((bbs[:, 3] - bbs[:, 2]).max(initial=0.0)) / 2
        width = max(
            bar.width + tick_off + float((bbs[:, 1] - bbs[:, 0]).max(initial=0.0)),
            twidth,
        )
        length = self.scale_length
        if ctx.orientation != "horizontal" and ctx.length > 0:
            length = min(length, max(ctx.length - th - 2 * half, 0.3))
        return _Block(
            title,
            [],
            width,
            th + length + 2 * half,
            key=key,
            title_h=th,
            bar_length=length,
            reach=half,
        )

    def _pack(self, ctx: Context, blocks: list[_Block]) -> tuple[float, float]:
        """Place the blocks; returns (thickness, reach past the heatmap's end)."""
        vertical = ctx.orientation != "horizontal"
        L = ctx.length if ctx.length > 0 else np.inf
        if vertical and self.ncols is not None and blocks:
            # spread over ncols columns of about equal height
            total = sum(b.height for b in blocks) + _BLOCK_GAP * (len(blocks) - 1)
            L = max(max(b.height for b in blocks), total / self.ncols)
        lines: list[list[_Block]] = [[]]
        used = 0.0
        for b in blocks:
            size = b.height if vertical else b.width
            full = (
                not vertical and self.ncols is not None and len(lines[-1]) >= self.ncols
            )
            if (
                lines[-1]
                and (full or used + _BLOCK_GAP + size > L + 1e-9)
                and (not vertical or self.ncols is None or len(lines) < self.ncols)
            ):
                lines.append([])
                used = 0.0
            used += (_BLOCK_GAP if lines[-1] else 0.0) + size
            lines[-1].append(b)
        limit = ctx.length if ctx.length > 0 else np.inf
        across, overflow = 0.0, 0.0
        for k, line in enumerate(lines):
            if k:
                across += _LINE_GAP
            cross = (
                max((b.width if vertical else b.height) for b in line) if line else 0.0
            )
            pos = 0.0
            for b in line:
                if vertical:
                    b.x, b.y = across, pos
                    pos += b.height + _BLOCK_GAP
                else:
                    b.x, b.y = pos, across
                    pos += b.width + _BLOCK_GAP
            overflow = max(overflow, pos - _BLOCK_GAP - limit if line else 0.0)
            across += cross
        return across, max(0.0, overflow)

    # -- panel hooks ---------------------------------------------------------------
    def validate(self, ctx: Context) -> None:
        if ctx.orientation == "corner":
            raise ValueError(
                "Legends go on a side (default 'right'), not in a corner: "
                "add(cg.Legends()) or add(cg.Legends(), 'bottom')"
            )

    def measure(self, ctx: Context) -> Extent:
        blocks = self._blocks(ctx)
        thick, overflow = self._pack(ctx, blocks)
        return Extent(thickness=thick, after=overflow)

    def draw(self, ax: Axes, ctx: Context) -> LegendsDrawn:
        """Draw the legends; returns ``{"swatches", "texts", "colorbars"}``
        (the artists drawn)."""
        fig = ax.figure  # a Figure or SubFigure: positions are fractions of it
        pos = ax.get_position()
        W, H = (
            pos.width * fig.bbox.width / fig.dpi,
            pos.height * fig.bbox.height / fig.dpi,
        )
        ax.set_axis_off()
        ax.set_xlim(0, W)
        ax.set_ylim(H, 0)  # inches from the top-left corner
        blocks = self._blocks(ctx)
        thick, _ = self._pack(ctx, blocks)
        # hug the heatmap: on the left the columns end at the right edge
        dx = W - thick if ctx.side == "left" else 0.0
        dy = H - thick if ctx.side == "top" else 0.0
        fs = self._fs()
        sw, gap = fs * _SWATCH_EM / 72, fs * _SWATCH_GAP_EM / 72
        swatches: list[Rectangle] = []
        texts: list[Text] = []
        colorbars: list[Colorbar] = []
        heat_cb = None
        for b in blocks:
            x, y = b.x + dx, b.y + dy
            if b.title:
                texts.append(
                    ax.text(
                        x,
                        y,
                        b.title,
                        va="top",
                        ha="left",
                        clip_on=False,
                        **self._title_props(),
                    )
                )
                y += b.title_h
            if b.key is not None:
                cb = self._draw_key(ax, b, x, y, W, H)
                colorbars.append(cb)
                if b.key.heatmap:
                    heat_cb = cb
                continue
            top = y
            for (label, rgba), h in zip(b.entries, b.rows, strict=True):
                cy = top + h / 2
                r = Rectangle(
                    (x, cy - sw / 2),
                    sw,
                    sw,
                    facecolor=rgba,
                    edgecolor="none",
                    clip_on=False,
                )
                r.legend_label = label  # type: ignore[attr-defined]
                r.legend_title = b.title  # type: ignore[attr-defined]
                ax.add_patch(r)
                swatches.append(r)
                texts.append(
                    ax.text(
                        x + sw + gap,
                        cy,
                        label,
                        va="center",
                        ha="left",
                        clip_on=False,
                        **literal(fontsize=fs),
                    )
                )
                top += h
        # kept for inspection after drawing (the last grid drawn)
        self.blocks, self.swatches, self.texts = blocks, swatches, texts
        self.colorbars, self.colorbar = colorbars, heat_cb
        return LegendsDrawn(swatches=swatches, texts=texts, colorbars=colorbars)

    def _draw_key(
        self, ax: Axes, b: _Block, x: float, y: float, W: float, H: float
    ) -> Colorbar:
        bar = ScaleBar(fontsize=self._fs())
        key = b.key
        assert key is not None  # a colour bar's block
        top = y + b.reach
        length = b.bar_length
        cax = ax.inset_axes((x / W, 1 - (top + length) / H, bar.width / W, length / H))
        cax.set_label("clustergrid:legends:scale")
        sm = ScalarMappable(norm=key.norm, cmap=key.cmap)
        cb = ax.figure.colorbar(
            sm, cax=cax, orientation="vertical", ticklocation="right"
        )
        ticks = bar.tick_values(key.norm)
        # the stubs ask for a Sequence; the colour bar takes the array as well
        cb.set_ticks(list(ticks), labels=[bar.format_tick(t) for t in ticks])
        cb.ax.tick_params(labelsize=self._fs())
        cb.minorticks_off()
        if cb.solids is not None:  # always drawn for a ScalarMappable
            cb.solids.set_rasterized(True)
            cb.solids.set_edgecolor("face")
        cb.legend_title = b.title  # type: ignore[attr-defined]
        return cb
