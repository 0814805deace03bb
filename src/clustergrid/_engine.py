"""The drawing pipeline: compiled spec -> measure -> solve -> GridSpec ->
axes -> heatmap and panels.

The engine owns no state between draws: every call builds a fresh solver and
fresh axes, so redrawing never duplicates anything.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.figure import Figure, SubFigure
from matplotlib.gridspec import GridSpec, GridSpecFromSubplotSpec, SubplotSpec

from ._layout import Claim, LayoutModel
from ._sizes import Size, _AutoType, as_size
from .panels.base import CORNERS, Context, Extent, Panel

if TYPE_CHECKING:  # pragma: no cover
    from .grid import Compiled

__all__ = ["Slot", "render"]

_MAX_PASSES = 4


@dataclass
class Slot:
    """A panel placed on a side or in a corner, with its size and pad."""

    panel: Panel
    side: str
    size: "Size | _AutoType"
    pad: float
    claim: Claim | None = None


def _host_size(target: Any) -> tuple[float, float]:
    """The (w, h) in inches of a Figure, SubFigure or SubplotSpec."""
    if isinstance(target, SubplotSpec):
        fig = target.get_gridspec().figure
        bb = target.get_position(fig)
        fw, fh = fig.get_size_inches()
        return bb.width * fw, bb.height * fh
    if isinstance(target, SubFigure):
        bb = target.bbox
        return bb.width / target.figure.dpi, bb.height / target.figure.dpi
    return tuple(target.get_size_inches())  # type: ignore[return-value]


def _root_figure(target: Any) -> Figure:
    if isinstance(target, SubplotSpec):
        target = target.get_gridspec().figure
    return target.get_figure(root=True)


def render(comp: "Compiled", slots: list[Slot], *, target: Any = None,
           figsize: tuple[float, float] | None, cell: tuple[float, float], square: bool,
           dpi: float | None = None) -> tuple[Figure, Any, LayoutModel]:
    """Lay out and draw; returns (figure, heatmap axes, solved model).

    ``target`` is None (a new Figure sized by the layout), a Figure or
    SubFigure (drawn into, keeping its size), or a SubplotSpec.
    """
    own = target is None
    if own:
        fig = Figure(figsize=figsize or (6.4, 4.8), dpi=dpi or 100)
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
        host = fig
    else:
        host = target
        fig = _root_figure(target)
        figsize = _host_size(target)
        if fig.canvas is None or not hasattr(fig.canvas, "get_renderer"):
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            FigureCanvasAgg(fig)
    renderer = _get_renderer(fig)

    occupied = frozenset(s.side for s in slots if s.side in CORNERS)
    base_ctx = Context(matrix=comp.matrix, norm=comp.norm, cmap=comp.cmap, side="",
                       row_order=comp.row_order, col_order=comp.col_order,
                       row_linkage=comp.row_linkage, col_linkage=comp.col_linkage,
                       renderer=renderer, figure=fig, occupied_corners=occupied,
                       row_index=comp.row_index, col_index=comp.col_index)

    for s in slots:
        s.panel.validate(dataclasses.replace(base_ctx, side=s.side))

    claims: dict[str, list[Claim]] = {"left": [], "right": [], "top": [], "bottom": []}
    for i, s in enumerate(slots):
        if s.side in claims:
            s.claim = Claim(f"{s.side}[{len(claims[s.side])}]:{type(s.panel).__name__}", s.size, s.pad)
            claims[s.side].append(s.claim)
    model = LayoutModel(claims, comp.matrix.shape, figsize=figsize,
                        cell=None if figsize is not None else cell, square=square)

    # measure -> solve -> re-measure until what is claimed holds what is drawn
    if figsize is not None:
        guess = (max(figsize[0] * 0.6, 0.5), max(figsize[1] * 0.6, 0.5))
    else:
        guess = (comp.matrix.shape[1] * cell[0], comp.matrix.shape[0] * cell[1])
    lengths = guess
    for _ in range(_MAX_PASSES):
        changed = _measure_and_suggest(model, slots, base_ctx, lengths)
        model.solve()
        new = model.heatmap_size
        stable = all(abs(a - b) <= 1e-6 + 1e-4 * abs(b) for a, b in zip(new, lengths))
        lengths = new
        if stable and not changed:
            break
    model.check()

    # -- place ---------------------------------------------------------------
    wparts, hparts = model.x.parts(), model.y.parts()
    if own:
        fig.set_size_inches(*model.figure_size)
    total_w, total_h = sum(wparts), sum(hparts)
    kw = dict(width_ratios=[p / total_w for p in wparts], height_ratios=[p / total_h for p in hparts],
              wspace=0, hspace=0)
    if isinstance(host, SubplotSpec):
        gs = GridSpecFromSubplotSpec(len(hparts), len(wparts), subplot_spec=host, **kw)
    else:
        gs = GridSpec(len(hparts), len(wparts), figure=host, left=0, right=1, bottom=0, top=1, **kw)

    xi, yi = model.x.main_index, model.y.main_index
    nrows, ncols = comp.matrix.shape
    adder = host.get_gridspec().figure if isinstance(host, SubplotSpec) else host
    ax_h = adder.add_subplot(gs[yi, xi])
    _draw_heatmap(ax_h, comp)
    hw, hh = model.heatmap_size
    final = {"left": (hh, "y"), "right": (hh, "y"), "top": (hw, "x"), "bottom": (hw, "x")}
    for s in slots:
        if s.side in CORNERS:
            vert, horiz = s.side.split("-")
            rows = model.y.corner_span("lo" if vert == "top" else "hi")
            cols = model.x.corner_span("lo" if horiz == "left" else "hi")
            ax = adder.add_subplot(gs[rows, cols])
            box = (sum(wparts[cols]), sum(hparts[rows]))
            ctx = dataclasses.replace(base_ctx, side=s.side, box=box, ax_heatmap=ax_h)
        else:
            tr = model.x if s.side in ("left", "right") else model.y
            k = tr.index_of(s.claim)
            ax = adder.add_subplot(gs[yi, k] if tr is model.x else gs[k, xi])
            ctx = dataclasses.replace(base_ctx, side=s.side, length=final[s.side][0], ax_heatmap=ax_h)
        ax.set_label(f"clustergrid:{s.side}:{type(s.panel).__name__}")
        s.panel.ax = ax
        if s.panel.aligned and s.side not in CORNERS:
            _set_along_limits(ax, s.side, nrows, ncols)
            _hide_along_ticks(ax, s.side)
        s.panel.draw(ax, ctx)
        if s.panel.aligned and s.side not in CORNERS:
            _set_along_limits(ax, s.side, nrows, ncols)
    return fig, ax_h, model


def _get_renderer(fig: Figure) -> Any:
    canvas = fig.canvas
    if hasattr(canvas, "get_renderer"):
        return canvas.get_renderer()
    return fig._get_renderer()  # pragma: no cover


def _measure_and_suggest(model: LayoutModel, slots: list[Slot], base_ctx: Context,
                         lengths: tuple[float, float]) -> bool:
    """Measure every panel at the current heatmap size and feed the needs to
    the solver.  Returns True if any need grew past what was suggested."""
    hw, hh = lengths
    needs = {"x": {"ovh_lo": 0.0, "ovh_hi": 0.0, "corner_lo": 0.0, "corner_hi": 0.0},
             "y": {"ovh_lo": 0.0, "ovh_hi": 0.0, "corner_lo": 0.0, "corner_hi": 0.0}}
    grew = False
    for s in slots:
        if s.side in CORNERS:
            ext = s.panel.measure(dataclasses.replace(base_ctx, side=s.side))
            vert, horiz = s.side.split("-")
            kx = "corner_lo" if horiz == "left" else "corner_hi"
            ky = "corner_lo" if vert == "top" else "corner_hi"
            needs["x"][kx] = max(needs["x"][kx], ext.width)
            needs["y"][ky] = max(needs["y"][ky], ext.height)
            continue
        vertical = s.side in ("left", "right")
        length = hh if vertical else hw
        ext: Extent = s.panel.measure(dataclasses.replace(base_ctx, side=s.side, length=length))
        along, across = ("y", model.x) if vertical else ("x", model.y)
        needs[along]["ovh_lo"] = max(needs[along]["ovh_lo"], ext.before)
        needs[along]["ovh_hi"] = max(needs[along]["ovh_hi"], ext.after)
        if isinstance(s.size, _AutoType):
            if ext.thickness is None:
                raise TypeError(f"{type(s.panel).__name__} was given size='auto' but its "
                                "measure() does not report a thickness; give it a size such as '10mm'")
            if ext.thickness > s.claim.measured + 1e-6:
                grew = True
            across.suggest_auto(s.claim, ext.thickness)
    for key, tr in (("x", model.x), ("y", model.y)):
        if any(v > tr.need[k] + 1e-6 for k, v in needs[key].items()):
            grew = True
        tr.suggest(**needs[key])
    return grew


def _set_along_limits(ax: Any, side: str, nrows: int, ncols: int) -> None:
    if side in ("left", "right"):
        ax.set_ylim(nrows, 0)
    else:
        ax.set_xlim(0, ncols)


def _hide_along_ticks(ax: Any, side: str) -> None:
    if side in ("left", "right"):
        ax.tick_params(axis="y", left=False, right=False, labelleft=False, labelright=False)
    else:
        ax.tick_params(axis="x", top=False, bottom=False, labeltop=False, labelbottom=False)


def _draw_heatmap(ax: Any, comp: "Compiled") -> None:
    nrows, ncols = comp.matrix.shape
    values = np.ma.masked_invalid(comp.matrix.to_numpy())
    ax.imshow(values, cmap=comp.cmap, norm=comp.norm, extent=(0, ncols, nrows, 0),
              origin="upper", aspect="auto", interpolation="nearest")
    ax.set_xlim(0, ncols)
    ax.set_ylim(nrows, 0)
    ax.set_axis_off()
    ax.set_label("clustergrid:heatmap")
