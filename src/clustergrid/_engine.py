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
import pandas as pd
from matplotlib.figure import Figure, SubFigure
from matplotlib.gridspec import GridSpec, GridSpecFromSubplotSpec, SubplotSpec

from ._cells import draw_cells
from ._layout import Claim, LayoutError, LayoutModel
from ._sizes import Size, _AutoType
from ._split import Slices, whole_axis
from .panels.base import CORNERS, Context, Extent, Panel

if TYPE_CHECKING:  # pragma: no cover
    from .grid import Compiled

__all__ = ["Slot", "render"]

_MAX_PASSES = 8


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
           dpi: float | None = None, gap: float = 0.0) -> tuple[Figure, list, LayoutModel]:
    """Lay out and draw; returns (figure, heatmap axes, solved model).

    The heatmap axes are a list of rows of axes, one per (row slice, column
    slice); ``[[ax]]`` when nothing is split.  ``gap`` (inches) separates
    slices.

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

    run = _prepare(comp, slots, renderer, fig)
    run.model = LayoutModel(run.claims, comp.matrix.shape, figsize=figsize,
                            cell=None if figsize is not None else cell, square=square,
                            row_counts=run.rsl.counts, col_counts=run.csl.counts,
                            gap=(run.csl.gaps or gap, run.rsl.gaps or gap))
    if figsize is not None:
        guess = (max(figsize[0] * 0.6, 0.5), max(figsize[1] * 0.6, 0.5))
    else:
        guess = (comp.matrix.shape[1] * cell[0] + run.model.x.gaps_total,
                 comp.matrix.shape[0] * cell[1] + run.model.y.gaps_total)
    _iterate([run], run.model.solve, [guess])
    run.model.check()
    model = run.model
    if own:
        fig.set_size_inches(*model.figure_size)
    heat = _place(run, host)
    return fig, heat, model


@dataclass
class _Run:
    """One grid's state through a layout run (several for ``cg.concat``)."""

    comp: "Compiled"
    slots: list
    base_ctx: Context
    rsl: Slices
    csl: Slices
    claims: dict
    model: Any = None

    @property
    def sl_of(self) -> dict:
        return {"left": self.rsl, "right": self.rsl, "top": self.csl, "bottom": self.csl}


def _prepare(comp: "Compiled", slots: list[Slot], renderer: Any, fig: Figure) -> _Run:
    """Validate the panels, gather legends and make the solver claims."""
    occupied = frozenset(s.side for s in slots if s.side in CORNERS)
    base_ctx = Context(matrix=comp.matrix, norm=comp.norm, cmap=comp.cmap, side="",
                       row_order=comp.row_order, col_order=comp.col_order,
                       row_linkage=comp.row_linkage, col_linkage=comp.col_linkage,
                       renderer=renderer, figure=fig, occupied_corners=occupied,
                       movable_sides=frozenset(s.side for s in slots if s.panel.movable_overhang),
                       row_index=comp.row_index, col_index=comp.col_index,
                       row_universe=comp.row_universe, col_universe=comp.col_universe)
    # one Slices per axis (a single slice when the axis is not split)
    rsl = comp.row_slices or whole_axis(comp.row_index, comp.row_linkage)
    csl = comp.col_slices or whole_axis(comp.col_index, comp.col_linkage)
    sl_of = {"left": rsl, "right": rsl, "top": csl, "bottom": csl}

    for s in slots:
        if s.side in CORNERS or not s.panel.sliced:
            s.panel.validate(_whole_ctx(base_ctx, comp, s.side, 0.0))
        else:
            s.panel.validate(_slice_ctx(base_ctx, comp, s.side, sl_of[s.side], 0, 0.0))
    # legends are known before layout, so a Legends panel can measure them
    legends = [s.panel.legend(_whole_ctx(base_ctx, comp, s.side, 0.0)) for s in slots]
    base_ctx = dataclasses.replace(base_ctx, legends=tuple(x for x in legends if x))

    claims: dict[str, list[Claim]] = {"left": [], "right": [], "top": [], "bottom": []}
    for s in slots:
        if s.side in claims:
            s.claim = Claim(f"{s.side}[{len(claims[s.side])}]:{type(s.panel).__name__}", s.size, s.pad)
            claims[s.side].append(s.claim)
    return _Run(comp, slots, base_ctx, rsl, csl, claims)


def _iterate(runs: list[_Run], solve: Any, guesses: list[tuple[float, float]]) -> None:
    """Measure -> solve -> re-measure until what is claimed holds what is
    drawn.  Several runs may share one solver (``solve`` updates it once)."""
    lengths = list(guesses)
    for p in range(_MAX_PASSES):
        measured = [_measure(r.model, r.slots, r.base_ctx, ln, r.comp, r.rsl, r.csl)
                    for r, ln in zip(runs, lengths)]
        # done when what is measured at the solved size fits what was allocated
        if p > 0 and all(_fits(r.model, m, r.base_ctx) for r, m in zip(runs, measured)):
            return
        # later passes only let needs grow: label fonts refit to the cells and a
        # legend re-packs its columns, so a free loop could oscillate
        for r, m in zip(runs, measured):
            _suggest(r.model, m, r.base_ctx, grow_only=p >= _MAX_PASSES // 2)
        solve()
        lengths = [r.model.heatmap_size for r in runs]
    measured = [_measure(r.model, r.slots, r.base_ctx, ln, r.comp, r.rsl, r.csl)
                for r, ln in zip(runs, lengths)]
    if not all(_fits(r.model, m, r.base_ctx) for r, m in zip(runs, measured)):
        for r in runs:
            r.model.check()  # a figure too small for its panels: say what does not fit
        raise LayoutError(
            f"the layout did not settle after {_MAX_PASSES} measure/solve passes: the panels' "
            "measured sizes kept changing with the heatmap's size. Give Labels a fixed "
            "fontsize=, give panels fixed sizes (size='12mm'), or use cell_size= instead of figsize.")


def _place(run: _Run, host: Any) -> list:
    """Create the GridSpec in ``host`` (Figure, SubFigure or SubplotSpec),
    the heatmap axes per block and every panel's axes; draw them."""
    model, comp, base_ctx, rsl, csl = run.model, run.comp, run.base_ctx, run.rsl, run.csl
    sl_of = run.sl_of
    wparts, hparts = model.x.parts(), model.y.parts()
    total_w, total_h = sum(wparts), sum(hparts)
    kw = dict(width_ratios=[p / total_w for p in wparts], height_ratios=[p / total_h for p in hparts],
              wspace=0, hspace=0)
    if isinstance(host, SubplotSpec):
        gs = GridSpecFromSubplotSpec(len(hparts), len(wparts), subplot_spec=host, **kw)
    else:
        gs = GridSpec(len(hparts), len(wparts), figure=host, left=0, right=1, bottom=0, top=1, **kw)

    adder = host.get_gridspec().figure if isinstance(host, SubplotSpec) else host
    heat = []
    for i, (ra, rb) in enumerate(rsl.bounds):
        row = []
        for j, (ca, cb) in enumerate(csl.bounds):
            ax = adder.add_subplot(gs[model.y.slice_index(i), model.x.slice_index(j)])
            _draw_heatmap(ax, _slice_compiled(comp, slice(ra, rb), slice(ca, cb)))
            row.append(ax)
        heat.append(row)
    ax_h = heat[0][0]
    hw, hh = model.heatmap_size
    along_sizes = {"y": model.y.slice_sizes(), "x": model.x.slice_sizes()}
    for s in run.slots:
        if s.side in CORNERS:
            vert, horiz = s.side.split("-")
            rows = model.y.corner_span("lo" if vert == "top" else "hi")
            cols = model.x.corner_span("lo" if horiz == "left" else "hi")
            ax = adder.add_subplot(gs[rows, cols])
            box = _inset_corner(ax, s.side, model, sum(wparts[cols]), sum(hparts[rows]))
            ctx = dataclasses.replace(base_ctx, side=s.side, box=box, ax_heatmap=ax_h)
            ax.set_label(f"clustergrid:{s.side}:{type(s.panel).__name__}")
            s.panel.ax, s.panel.axes = ax, [ax]
            s.panel.draw(ax, ctx)
            continue
        vertical = s.side in ("left", "right")
        across, along = (model.x, model.y) if vertical else (model.y, model.x)
        k = across.index_of(s.claim)
        sl = sl_of[s.side]
        if s.panel.sliced:
            places = [(along.slice_index(t), t) for t in range(len(sl))]
        else:
            places = [(along.main_span, None)]
        axes = []
        for where, t in places:
            ax = adder.add_subplot(gs[where, k] if vertical else gs[k, where])
            if t is None:
                ctx = dataclasses.replace(_whole_ctx(base_ctx, comp, s.side, hh if vertical else hw),
                                          ax_heatmap=ax_h)
                n_along = comp.matrix.shape[0 if vertical else 1]
            else:
                ctx = _slice_ctx(base_ctx, comp, s.side, sl, t, along_sizes[along.name][t],
                                 heat[t][0] if vertical else heat[0][t])
                n_along = sl.counts[t]
            ax.set_label(f"clustergrid:{s.side}:{type(s.panel).__name__}")
            axes.append(ax)
            s.panel.ax, s.panel.axes = axes[0], axes
            if s.panel.aligned:
                _set_along_limits(ax, s.side, n_along, n_along)
                _hide_along_ticks(ax, s.side)
            s.panel.draw(ax, ctx)
            if s.panel.aligned:
                _set_along_limits(ax, s.side, n_along, n_along)
    return heat


def _whole_ctx(base: Context, comp: "Compiled", side: str, length: float) -> Context:
    """The context of a panel drawn once across a whole side (or a corner)."""
    return dataclasses.replace(base, side=side, length=length, **_axis_labels(comp, side))


def _axis_labels(comp: "Compiled", side: str) -> dict:
    if side in ("left", "right"):
        order, index = comp.row_order, comp.row_index
    elif side in ("top", "bottom"):
        order, index = comp.col_order, comp.col_index
    else:
        return {}
    return dict(whole_labels=order, input_labels=order[np.argsort(index)])


def _slice_ctx(base: Context, comp: "Compiled", side: str, sl: Slices, k: int, length: float,
               ax_h: Any = None) -> Context:
    """The context of slice ``k`` of a split axis: the matrix, orders and tree
    restricted to the slice, in local coordinates (its cell ``i`` is centred
    at ``i + 0.5``)."""
    a, b = sl.bounds[k]
    common = dict(side=side, length=length, slice_index=k, n_slices=len(sl), slice_start=a,
                  slice_title=sl.titles[k], tree_height=sl.max_height, axis_slices=sl)
    if ax_h is not None:
        common["ax_heatmap"] = ax_h
    if side in ("left", "right"):
        m = comp.matrix.iloc[a:b]
        return dataclasses.replace(base, matrix=m, row_order=m.index, row_linkage=sl.linkages[k],
                                   row_index=sl.local_index[k], **_axis_labels(comp, side), **common)
    m = comp.matrix.iloc[:, a:b]
    return dataclasses.replace(base, matrix=m, col_order=m.columns, col_linkage=sl.linkages[k],
                               col_index=sl.local_index[k], **_axis_labels(comp, side), **common)


def _slice_compiled(comp: "Compiled", rows: slice, cols: slice) -> "Compiled":
    """``comp`` restricted to one heatmap block.  Every field shaped like the
    matrix (values, masks, annotations) is cut the same way, so per-cell
    drawing code needs no knowledge of splits."""
    shape = comp.matrix.shape
    if rows == slice(0, shape[0]) and cols == slice(0, shape[1]):
        return comp
    changes = {}
    for f in dataclasses.fields(comp):
        v = getattr(comp, f.name)
        if isinstance(v, pd.DataFrame) and v.shape == shape:
            changes[f.name] = v.iloc[rows, cols]
        elif isinstance(v, np.ndarray) and v.ndim >= 2 and v.shape[:2] == shape:
            changes[f.name] = v[rows, cols]
    changes["row_index"] = comp.row_index[rows]
    changes["col_index"] = comp.col_index[cols]
    return dataclasses.replace(comp, **changes)


def _inset_corner(ax: Any, corner: str, model: LayoutModel, w: float, h: float) -> tuple[float, float]:
    """Shrink a corner panel's axes away from the heatmap by what reaches into
    the corner from the other direction (a top bar's name reaches right into
    the top-right corner; a right bar's name reaches down into the bottom-right
    one).  Returns the inset box size in inches."""
    vert, horiz = corner.split("-")
    # horizontal reach (top/bottom panels' content past the heatmap's end in x)
    # takes width from the box's heatmap side; vertical reach takes height
    dx = model.x.corner_inset("lo" if horiz == "left" else "hi")
    dy = model.y.corner_inset("lo" if vert == "top" else "hi")
    if dx <= 0 and dy <= 0:
        return w, h
    fig_w, fig_h = (ax.figure.bbox.width / ax.figure.dpi, ax.figure.bbox.height / ax.figure.dpi)
    pos = ax.get_position()
    x0, y0, x1, y1 = pos.x0 * fig_w, pos.y0 * fig_h, pos.x1 * fig_w, pos.y1 * fig_h
    if horiz == "left":
        x1 -= dx
    else:
        x0 += dx
    if vert == "top":
        y0 += dy
    else:
        y1 -= dy
    ax.set_position([x0 / fig_w, y0 / fig_h, max(x1 - x0, 0) / fig_w, max(y1 - y0, 0) / fig_h])
    return max(x1 - x0, 0.0), max(y1 - y0, 0.0)


def _get_renderer(fig: Figure) -> Any:
    canvas = fig.canvas
    if hasattr(canvas, "get_renderer"):
        return canvas.get_renderer()
    return fig._get_renderer()  # pragma: no cover


@dataclass
class _Needs:
    """What every panel measured at one heatmap size."""

    autos: list            # (slot, thickness) for Auto-sized panels
    tracks: dict           # "x"/"y" -> {ovh_lo, ovh_hi, corner_lo, corner_hi}
    reach: dict            # corner -> {"H", "V"} from panels that cannot move


def _measure(model: LayoutModel, slots: list[Slot], base_ctx: Context,
             lengths: tuple[float, float], comp: "Compiled", rsl: Slices, csl: Slices) -> _Needs:
    """Measure every panel at the heatmap size ``lengths``.

    A sliced panel on a split axis is measured per slice: it needs the
    thickest slice's thickness, the first slice's reach before the heatmap
    and the last slice's reach after it."""
    hw, hh = lengths
    needs = {"x": {"ovh_lo": 0.0, "ovh_hi": 0.0, "corner_lo": 0.0, "corner_hi": 0.0},
             "y": {"ovh_lo": 0.0, "ovh_hi": 0.0, "corner_lo": 0.0, "corner_hi": 0.0}}
    autos = []
    reach: dict[str, set] = {}
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
        if s.panel.sliced:
            sl, tr = (rsl, model.y) if vertical else (csl, model.x)
            cells = max(length - tr.gaps_total, 0.0)
            total = max(sum(sl.counts), 1)
            exts = [s.panel.measure(_slice_ctx(base_ctx, comp, s.side, sl, t, cells * c / total))
                    for t, c in enumerate(sl.counts)]
            thick = [e.thickness for e in exts]
            ext = Extent(thickness=None if None in thick else max(thick),
                         before=exts[0].before, after=exts[-1].after)
        else:
            ext = s.panel.measure(_whole_ctx(base_ctx, comp, s.side, length))
        along = "y" if vertical else "x"
        needs[along]["ovh_lo"] = max(needs[along]["ovh_lo"], ext.before)
        needs[along]["ovh_hi"] = max(needs[along]["ovh_hi"], ext.after)
        if not s.panel.movable_overhang:
            for end, amount in (("lo", ext.before), ("hi", ext.after)):
                if amount > 1e-9:
                    corner, d = _reached_corner(s.side, end)
                    reach.setdefault(corner, set()).add(d)
        if isinstance(s.size, _AutoType):
            if ext.thickness is None:
                raise TypeError(f"{type(s.panel).__name__} was given size='auto' but its "
                                "measure() does not report a thickness; give it a size such as '10mm'")
            autos.append((s, ext.thickness))
    return _Needs(autos, needs, reach)


def _fits(model: LayoutModel, m: _Needs, base_ctx: Context) -> bool:
    """Does the current solution hold what was measured at its size?"""
    if any(t > s.claim.measured + 1e-6 for s, t in m.autos):
        return False
    for key, tr in (("x", model.x), ("y", model.y)):
        if any(v > tr.need[k] + 1e-6 for k, v in m.tracks[key].items()):
            return False
    return all(d <= base_ctx.corner_reach.get(c, set()) for c, d in m.reach.items())


def _suggest(model: LayoutModel, m: _Needs, base_ctx: Context, grow_only: bool) -> None:
    """Feed measured needs to the solver; with ``grow_only`` a need never
    shrinks below what was suggested before."""
    for s, t in m.autos:
        across = model.x if s.side in ("left", "right") else model.y
        across.suggest_auto(s.claim, max(t, s.claim.measured) if grow_only else t)
    for key, tr in (("x", model.x), ("y", model.y)):
        tr.suggest(**({k: max(v, tr.need[k]) for k, v in m.tracks[key].items()} if grow_only
                      else m.tracks[key]))
    reach = {c: set(d) for c, d in base_ctx.corner_reach.items()}
    for c, d in m.reach.items():
        reach.setdefault(c, set()).update(d)
    base_ctx.corner_reach = reach  # movable content (bar names) picks its end from this


def _reached_corner(side: str, end: str) -> tuple[str, str]:
    """The corner that content of a ``side`` panel reaching past the heatmap's
    ``end`` ("lo"/"hi") enters, and the direction it travels ("H"/"V")."""
    if side in ("top", "bottom"):
        return f"{side}-{'left' if end == 'lo' else 'right'}", "H"
    return f"{'top' if end == 'lo' else 'bottom'}-{side}", "V"


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
    image = ax.imshow(values, cmap=comp.cmap, norm=comp.norm, extent=(0, ncols, nrows, 0),
                      origin="upper", aspect="auto", interpolation="nearest")
    draw_cells(ax, comp, image)  # mask, borders, cell text (_cells.py)
    ax.set_xlim(0, ncols)
    ax.set_ylim(nrows, 0)
    ax.set_axis_off()
    ax.set_label("clustergrid:heatmap")
