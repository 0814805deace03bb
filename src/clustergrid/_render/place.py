"""Placing and drawing: the GridSpecs from the solved sizes, every heatmap
block and every panel's axes, each panel drawn with its context; after the
last draw, each panel shows that draw's attributes (:func:`publish`)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import matplotlib.ticker as mticker
import numpy as np
from matplotlib.gridspec import (
    GridSpec,
    GridSpecBase,
    GridSpecFromSubplotSpec,
    SubplotSpec,
)

from .._plan.blocks import cut_block
from ..panels.base import CORNERS
from ..result import Drawn, GridResult, Result
from .heatmap import draw_heatmap
from .reuse import AxesPool, signature
from .target import spec_figure
from .tick_labels import HeatmapAxes, link_tick_labels

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from .._layout.model import LayoutModel
    from .grid_run import GridRun

__all__ = ["place", "publish"]


@dataclass
class _Placed:
    """An axes as created (its box before the panel could move it)."""

    ax: Any
    box: Any  # display-space Bbox of the slot


def place(
    runs: list[GridRun],
    host: Any,
    fig: Figure,
    axis: int | None,
    gap: float,
    own: bool,
    pool: AxesPool | None = None,
) -> Result:
    """Create the GridSpecs, every heatmap block and every panel's axes, and
    draw them.  With a ``pool``, the axes of the previous draw are drawn into
    again (the user's changes to them kept) instead of new ones."""
    if len(runs) == 1:
        targets = [host]
    else:
        sizes: list[float] = []
        for k, r in enumerate(runs):
            if k:
                sizes.append(gap)
            sizes.append(
                r.model.x.total.value() if axis == 1 else r.model.y.total.value()
            )
        shape = (1, len(sizes)) if axis == 1 else (len(sizes), 1)
        kw: dict[str, Any] = dict(
            width_ratios=sizes if axis == 1 else None,
            height_ratios=sizes if axis == 0 else None,
            wspace=0,
            hspace=0,
        )
        outer: GridSpecBase
        if isinstance(host, SubplotSpec):
            outer = GridSpecFromSubplotSpec(*shape, subplot_spec=host, **kw)
        else:
            outer = GridSpec(
                *shape, figure=host, left=0, right=1, bottom=0, top=1, **kw
            )
        targets = [
            outer[0, 2 * k] if axis == 1 else outer[2 * k, 0] for k in range(len(runs))
        ]
    result = Result(fig, [], owned=own, target=None if own else host)
    for run, tgt in zip(runs, targets, strict=True):
        result.grids.append(_place_one(run, tgt, pool, result.sigs))
    return result


class _Maker:
    """Makes each axes (or takes it from the pool), and after clustergrid drew
    into it records what it drew and puts back the user's changes."""

    def __init__(self, adder: Any, pool: AxesPool | None, sigs: dict) -> None:
        self.adder, self.pool, self.sigs = adder, pool, sigs

    def __call__(self, spec: Any, **kwargs: Any) -> Any:
        ax = self.pool.take(spec) if self.pool is not None else None
        return ax if ax is not None else self.adder.add_subplot(spec, **kwargs)

    def drawn(self, ax: Any) -> None:
        self.sigs[id(ax)] = signature(ax)
        if self.pool is not None:
            self.pool.put_back(ax)


def _place_one(
    run: GridRun, host: Any, pool: AxesPool | None, sigs: dict
) -> GridResult:
    """Create one grid's GridSpec in ``host``, draw its heatmap blocks and
    each panel into its axes (one per slice for a sliced panel)."""
    model, compiled, base_ctx = run.model, run.compiled, run.base_ctx
    wparts, hparts = model.x.parts(), model.y.parts()
    total_w, total_h = sum(wparts), sum(hparts)
    kw: dict[str, Any] = dict(
        width_ratios=[p / total_w for p in wparts],
        height_ratios=[p / total_h for p in hparts],
        wspace=0,
        hspace=0,
    )
    gs: GridSpecBase
    if isinstance(host, SubplotSpec):
        gs = GridSpecFromSubplotSpec(len(hparts), len(wparts), subplot_spec=host, **kw)
    else:
        gs = GridSpec(
            len(hparts),
            len(wparts),
            figure=host,
            left=0,
            right=1,
            bottom=0,
            top=1,
            **kw,
        )
    adder = spec_figure(host) if isinstance(host, SubplotSpec) else host
    make = _Maker(adder, pool, sigs)
    heat = []
    for i, (ra, rb) in enumerate(run.row_slices.bounds):
        row = []
        for j, (ca, cb) in enumerate(run.col_slices.bounds):
            ax = make(
                gs[model.y.slice_index(i), model.x.slice_index(j)],
                axes_class=HeatmapAxes,
            )
            draw_heatmap(
                ax,
                cut_block(compiled, slice(ra, rb), slice(ca, cb)),
                (i, j),
                (ra, ca),
            )
            make.drawn(ax)
            row.append(ax)
        heat.append(row)
    ax_h = heat[0][0]
    hw, hh = model.heatmap_size
    along_sizes = {"y": model.y.slice_sizes(), "x": model.x.slice_sizes()}
    records = []
    for idx, s in enumerate(run.slots):
        scope = run.scopes[idx].fork()
        label = f"clustergrid:{s.side}:{type(s.panel).__name__}"
        rec = Drawn(s, [])
        placed: list[_Placed] = []
        rec.placed = placed  # type: ignore[attr-defined]
        panel: Any = s.panel  # draw() may return what it drew
        with scope.active():
            if s.side in CORNERS:
                vert, horiz = s.side.split("-")
                rows = model.y.corner_span("lo" if vert == "top" else "hi")
                cols = model.x.corner_span("lo" if horiz == "left" else "hi")
                ax = make(gs[rows, cols])
                ax.set_label(label)
                _inset_corner(ax, s.side, model)
                slot_box = ax.bbox.frozen()
                box = _shrink(ax, run.drawn.insets.get(s.side))
                placed.append(_Placed(ax, slot_box))
                rec.axes.append(ax)
                _expose(s.panel, rec)
                ctx = dataclasses.replace(
                    base_ctx,
                    side=s.side,
                    box=box,
                    ax_heatmap=ax_h,
                    heatmap_size=(hw, hh),
                )
                rec.returned.append(panel.draw(ax, ctx))
                _ticks_in_view(ax)
                make.drawn(ax)
            else:
                vertical = s.side in ("left", "right")
                across, along = (model.x, model.y) if vertical else (model.y, model.x)
                k = across.index_of(run.claim_of[idx])
                slices = run.slices_of[s.side]
                places: list[tuple[Any, int | None]]
                if s.panel.sliced:
                    places = [(along.slice_index(t), t) for t in range(len(slices))]
                else:
                    places = [(along.main_span, None)]
                for where, t in places:
                    ax = make(gs[where, k] if vertical else gs[k, where])
                    ax.set_label(label)
                    placed.append(_Placed(ax, ax.bbox.frozen()))
                    rec.axes.append(ax)
                    _expose(s.panel, rec)
                    if t is None:
                        ctx = dataclasses.replace(
                            run.contexts.whole(
                                base_ctx, s.side, hh if vertical else hw
                            ),
                            ax_heatmap=ax_h,
                        )
                        n_along = compiled.matrix.shape[0 if vertical else 1]
                    else:
                        ctx = run.contexts.of_slice(
                            base_ctx,
                            s.side,
                            slices,
                            t,
                            along_sizes[along.name][t],
                            heat[t][0] if vertical else heat[0][t],
                        )
                        n_along = slices.counts[t]
                    if s.panel.aligned:
                        _set_along_limits(ax, s.side, n_along, n_along)
                        _hide_along_ticks(ax, s.side)
                    rec.returned.append(panel.draw(ax, ctx))
                    if s.panel.aligned:
                        _set_along_limits(ax, s.side, n_along, n_along)
                    _ticks_in_view(ax)
                    make.drawn(ax)
        rec.state = scope.changed()
        rec.scope = scope  # type: ignore[attr-defined]
        records.append(rec)
    return GridResult(run.plan, heat, model, records)


class _InView(mticker.Locator):
    """A panel's tick locator, keeping only the ticks inside the view limits.

    matplotlib's locators return ticks a little past the limits and skip
    them when drawing, but their labels still exist as (undrawn) text
    placed outside the axes; this keeps every tick label a panel has on the
    figure, whatever its locator."""

    def __init__(self, inner: mticker.Locator) -> None:
        self.inner = inner

    def set_axis(self, axis: Any) -> None:
        super().set_axis(axis)
        self.inner.set_axis(axis)

    def __call__(self) -> Any:
        locs = np.asarray(self.inner(), dtype=float)
        if self.axis is None or not len(locs):
            return locs
        lo, hi = sorted(self.axis.get_view_interval())
        eps = 1e-10 * max(abs(hi - lo), 1e-300)
        return locs[(locs >= lo - eps) & (locs <= hi + eps)]

    def tick_values(self, vmin: float, vmax: float) -> Any:
        return self.inner.tick_values(vmin, vmax)


def _ticks_in_view(ax: Any) -> None:
    """Wrap every locator of ``ax`` that can place ticks in :class:`_InView`."""
    for axis in (ax.xaxis, ax.yaxis):
        for get, set_ in (
            (axis.get_major_locator, axis.set_major_locator),
            (axis.get_minor_locator, axis.set_minor_locator),
        ):
            loc = get()
            if not isinstance(
                loc, (_InView, mticker.NullLocator, mticker.FixedLocator)
            ):
                set_(_InView(loc))


def _expose(panel: Any, rec: Drawn) -> None:
    """Let ``panel.ax``/``panel.axes`` read this draw's axes while it draws."""
    panel.__dict__["_drawn"] = rec


def publish(runs: list[GridRun], result: Result) -> None:
    """After the last draw: each panel shows that draw's attributes (its
    texts, colours, ``ax``) as a view of the result."""
    for g in result.grids:
        link_tick_labels(g)  # the heatmap axes' tick labels are the drawn labels
        for rec in g.panels:
            d = rec.slot.panel.__dict__
            d.update(rec.scope.work)  # type: ignore[attr-defined]
            d["_drawn"] = rec
            del rec.scope  # type: ignore[attr-defined]
            del rec.placed  # type: ignore[attr-defined]


def _inset_corner(ax: Any, corner: str, model: LayoutModel) -> None:
    """Shrink a corner panel's axes away from what reaches into the corner
    from the other direction (a top bar's name reaches right into the
    top-right corner; a right bar's name reaches down into the bottom-right
    one)."""
    vert, horiz = corner.split("-")
    dx = model.x.corner_inset("lo" if horiz == "left" else "hi")
    dy = model.y.corner_inset("lo" if vert == "top" else "hi")
    if dx > 0 or dy > 0:
        # the edge next to the heatmap moves: right for a left corner, bottom for a top one
        _shrink(
            ax,
            ((0.0, dx) if horiz == "left" else (dx, 0.0))
            + ((dy, 0.0) if vert == "top" else (0.0, dy)),
        )


def _shrink(
    ax: Any, by: tuple[float, float, float, float] | None
) -> tuple[float, float]:
    """Move the axes' edges in by ``by`` = (left, right, bottom, top) inches
    (what reaches into a corner from the heatmap's side, or what an earlier
    draw showed the content reaching past its box).  Returns the new size in
    inches."""
    fig = ax.get_figure(root=False)
    fig_w, fig_h = fig.bbox.width / fig.dpi, fig.bbox.height / fig.dpi
    pos = ax.get_position()
    x0, y0, x1, y1 = pos.x0 * fig_w, pos.y0 * fig_h, pos.x1 * fig_w, pos.y1 * fig_h
    if by is not None and any(v > 0 for v in by):
        x0, x1, y0, y1 = x0 + by[0], x1 - by[1], y0 + by[2], y1 - by[3]
        type(ax).set_position(  # the class method: ax_cbar refuses users' calls
            ax,
            [x0 / fig_w, y0 / fig_h, max(x1 - x0, 0) / fig_w, max(y1 - y0, 0) / fig_h],
        )
    return max(x1 - x0, 0.0), max(y1 - y0, 0.0)


def _set_along_limits(ax: Any, side: str, nrows: int, ncols: int) -> None:
    """Give an aligned panel's axes the heatmap's limits along its side."""
    if side in ("left", "right"):
        ax.set_ylim(nrows, 0)
    else:
        ax.set_xlim(0, ncols)


def _hide_along_ticks(ax: Any, side: str) -> None:
    """Hide an aligned panel's ticks along its side (the heatmap's cells)."""
    if side in ("left", "right"):
        ax.tick_params(
            axis="y", left=False, right=False, labelleft=False, labelright=False
        )
    else:
        ax.tick_params(
            axis="x", top=False, bottom=False, labeltop=False, labelbottom=False
        )
