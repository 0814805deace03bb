"""The render stage: plans -> measure -> solve -> place and draw -> measure
what was drawn -> ... -> :class:`~clustergrid.result.Result`.

One path serves one grid and several concatenated grids: a single grid is a
list of one plan.  Every call builds a fresh solver and fresh axes.

Sizes come from what is drawn.  A panel's ``measure()`` gives a first
estimate where its content depends on the length it is given (label
thinning, fitted titles, legend packing, a colour scale's ticks); then every
panel is drawn at the solved size and its tight bounding box is compared
with its box, as matplotlib's constrained layout measures margins.  What
reaches beyond the box becomes a claim in the solver (a margin across the
heatmap, an overhang past the heatmap's ends, a corner's size), and the
figure is laid out and drawn again until what is drawn fits what was
allocated.  Nothing is moved after the solve.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import kiwisolver as kiwi
import matplotlib.ticker as mticker
import numpy as np
import numpy.typing as npt
import pandas as pd
from matplotlib.figure import Figure, SubFigure
from matplotlib.gridspec import (
    GridSpec,
    GridSpecBase,
    GridSpecFromSubplotSpec,
    SubplotSpec,
)

from .._body.cells import draw_cells
from .._body.image import heatmap_image
from .._body.layers import draw_layers
from .._layout.model import BASE_MARGIN, Claim, LayoutError, LayoutModel
from .._order.split import Slices, whole_axis
from .._support.buffers import in_small_pages
from .._support.checks import check_canvas
from .._support.warn import warn
from ..panels.base import CORNERS, Context, Extent
from ..panels.context import EngineRecord
from ..result import Drawn, GridResult, Result
from ..sizes import _AutoType

if TYPE_CHECKING:  # pragma: no cover
    from .._plan.plan import Compiled, Plan, Slot

__all__ = ["render", "MIN_SHARE"]

_MAX_PASSES = 8  # measure/solve passes per draw
_MAX_DRAWS = 4  # draw -> measure passes
MIN_SHARE = 0.25  # warn when the heatmap gets less of the figure than this
_HALF_PX = 0.5  # drawn overflow below this many pixels is noise


# -- entry point ----------------------------------------------------------------
@in_small_pages
def render(
    plans: list[Plan],
    *,
    target: Any = None,
    axis: int | None = None,
    main: int = 0,
    gap: float = 0.0,
    figsize: tuple[float, float] | None = None,
    dpi: float | None = None,
) -> Result:
    """Lay out and draw ``plans`` in one solve; return the :class:`Result`.

    A single plan (``axis=None``) is sized by its own ``figsize``/``cell``.
    Several plans are placed side by side (``axis=1``, sharing the row
    order and the heatmaps' height) or stacked (``axis=0``, sharing the
    column order and width), ``gap`` inches apart, and sized by
    ``figsize`` (the whole figure) or by each plan's cells.  ``main`` is the
    plan whose cell size sets the shared extent.

    ``target`` is None (a new Figure sized by the layout), a Figure or
    SubFigure (drawn into, keeping its size), or a SubplotSpec.
    """
    _LABELS.clear()
    try:
        single = axis is None
        if single:
            figsize = plans[0].figsize
        fig, host, own, figsize = _open_figure(target, figsize, dpi or plans[0].dpi)
        renderer = _get_renderer(fig)
        solver = kiwi.Solver()
        runs = [_prepare(p, renderer, fig) for p in plans]
        _share_legends(runs)
        _make_models(plans, runs, solver, figsize, single, own)
        if not single:
            _tie_or_explain(runs, axis, main, gap, figsize)
        result = _draw_until_fit(runs, solver, host, fig, axis, gap, own, figsize)
        if figsize is not None or not own:
            # with cells of the size asked for, it is as asked
            _warn_share(runs, fig, host, own, axis)
        _publish(runs, result)
        return result
    finally:
        _LABELS.clear()


def _open_figure(
    target: Any, figsize: tuple[float, float] | None, dpi: float | None
) -> tuple[Figure, Any, bool, tuple[float, float] | None]:
    """The figure drawn into, the host of the grid (the figure or the
    target), whether the figure is ours, and the size to lay out (the
    target's when drawing into one)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if target is None:
        fig = Figure(figsize=figsize or (6.4, 4.8), dpi=dpi)
        FigureCanvasAgg(fig)
        return fig, fig, True, figsize
    fig = _root_figure(target)
    _check_host(target, fig)
    if fig.canvas is None or not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)
    return fig, target, False, _host_size(target)


def _make_models(
    plans: list[Plan],
    runs: list[_Run],
    solver: kiwi.Solver,
    figsize: tuple[float, float] | None,
    single: bool,
    own: bool,
) -> None:
    """Give each run its layout model, all in one solver."""
    for p, run in zip(plans, runs, strict=True):
        if (
            not own
            and single
            and figsize is not None
            and min(figsize) < 2 * BASE_MARGIN + 0.1
        ):
            raise LayoutError(
                f"the target of draw() is only {figsize[0]:.3g}x{figsize[1]:.3g} in: too small to "
                "hold a heatmap. Draw into a larger SubplotSpec, SubFigure or Figure."
            )
        run.model = LayoutModel(
            run.claims,
            p.comp.matrix.shape,
            figsize=figsize if single else None,
            cell=(p.cell if figsize is None else None) if single else None,
            square=p.square,
            row_counts=run.rsl.counts,
            col_counts=run.csl.counts,
            gap=(list(run.csl.gaps) or p.gap[0], list(run.rsl.gaps) or p.gap[1]),
            solver=solver,
            name=p.name,
        )


def _tie_or_explain(
    runs: list[_Run],
    axis: int | None,
    main: int,
    gap: float,
    figsize: tuple[float, float] | None,
) -> None:
    """Tie concatenated grids together, or say why the figure cannot hold them."""
    assert axis is not None
    try:
        _tie(runs, axis, main, gap, figsize)
    except kiwi.UnsatisfiableConstraint:
        w, h = figsize if figsize is not None else (0.0, 0.0)
        raise LayoutError(
            f"concat(): the figure of {w:.3g}x{h:.3g} in cannot hold {len(runs)} grids: each "
            "keeps a margin at its edges and its heatmap needs room, and the gaps between "
            "them are fixed. Enlarge figsize, reduce gap=, or leave figsize out so the figure "
            "grows to fit."
        ) from None


def _solver_step(runs: list[_Run], solver: kiwi.Solver) -> Callable[[], None]:
    """One solve of the shared solver, repeated while relative sizes move."""

    def solve() -> None:
        for _ in range(6):
            solver.updateVariables()
            changed = False
            for r in runs:
                changed |= r.model.x.update_relative() | r.model.y.update_relative()
            if not changed:
                return

    return solve


def _draw_until_fit(
    runs: list[_Run],
    solver: kiwi.Solver,
    host: Any,
    fig: Figure,
    axis: int | None,
    gap: float,
    own: bool,
    figsize: tuple[float, float] | None,
) -> Result:
    """Solve, draw, and measure what was drawn, until it fits what was
    allocated (at most ``_MAX_DRAWS`` draws)."""
    renderer = _get_renderer(fig)
    solve = _solver_step(runs, solver)
    guesses = [_guess(r, figsize, len(runs)) for r in runs]
    misfits: list[str] = []
    for d in range(_MAX_DRAWS):
        _iterate(runs, solve, guesses)
        _check(runs)
        if own:
            size = _total_size(runs, axis, gap)
            # panels of fixed sizes can make a figure larger than figsize/cell_size predicted
            check_canvas(size[0], size[1], fig.dpi, "the laid-out figure")
            fig.set_size_inches(*size)
        result = _place(runs, host, fig, axis, gap, own)
        drawn = [
            _measure_drawn(r, g, fig, renderer)
            for r, g in zip(runs, result.grids, strict=True)
        ]
        misfits = [
            x
            for r, m in zip(runs, drawn, strict=True)
            for x in _drawn_misfits(r, m, fig.dpi)
        ]
        if not misfits:
            result.passes = d + 1
            return result
        for r, m in zip(runs, drawn, strict=True):
            r.drawn.merge(m)
        guesses = [r.model.heatmap_size for r in runs]
        result.remove()
    _check(runs)
    where = (
        f"figsize={figsize[0]:.2f}x{figsize[1]:.2f} in"
        if figsize is not None
        else "the figure"
    )
    raise LayoutError(
        f"the layout does not fit after {_MAX_DRAWS} draws: "
        + "; ".join(misfits[:4])
        + f", and each draw that made room for it left less. {where} cannot hold it: enlarge "
        "the figure, use cell_size= so the figure grows to fit, or make that content "
        "smaller (a shorter title or label, a smaller fontsize=, a fixed size=)."
    )


# -- set-up -----------------------------------------------------------------------
@dataclass
class _DrawnNeeds:
    """What drawing showed each part needs, beyond what was predicted."""

    margins: dict = field(default_factory=dict)  # slot index -> (in, out) inches
    tracks: dict = field(
        default_factory=lambda: {"x": {}, "y": {}}
    )  # need key -> inches
    corners: dict = field(default_factory=dict)  # corner -> (w, h) inches
    insets: dict = field(
        default_factory=dict
    )  # corner -> (left, right, bottom, top) inches
    who: dict = field(
        default_factory=lambda: {"x": {}, "y": {}}
    )  # need key -> panel name
    push: dict = field(default_factory=dict)  # side -> inches its stack moves outwards
    clashes: list = field(default_factory=list)  # "A overlaps B" (for errors)

    def merge(self, other: _DrawnNeeds) -> None:
        """Grow to hold ``other`` too (needs never shrink between draws)."""
        for k, (a, b) in other.margins.items():
            p, q = self.margins.get(k, (0.0, 0.0))
            self.margins[k] = (max(a, p), max(b, q))
        for t in ("x", "y"):
            for k, v in other.tracks[t].items():
                if v >= self.tracks[t].get(k, 0.0):
                    self.tracks[t][k] = v
                    self.who[t][k] = other.who[t].get(k, "")
        for k, (w, h) in other.corners.items():
            p, q = self.corners.get(k, (0.0, 0.0))
            self.corners[k] = (max(w, p), max(h, q))
        for k, v in other.insets.items():
            old = self.insets.get(k, (0.0, 0.0, 0.0, 0.0))
            self.insets[k] = tuple(a + b for a, b in zip(old, v, strict=True))
        for k, v in other.push.items():  # measured from the pushed positions: adds up
            self.push[k] = self.push.get(k, 0.0) + v


class _Scope:
    """A slot's own copy of its panel's attributes.

    Panels may set attributes while they validate, measure and draw (the
    texts they drew, the colours they chose).  Each slot works on its own
    copy, so one panel object drawn in two grids, or twice, keeps each
    draw apart; after the draw the panel shows the last draw's attributes
    as a view of the result."""

    def __init__(self, panel: Any) -> None:
        self.panel = panel
        self.base = dict(panel.__dict__)
        self.work = dict(self.base)

    @contextlib.contextmanager
    def active(self) -> Iterator[None]:
        d = self.panel.__dict__
        saved = dict(d)
        d.clear()
        d.update(self.work)
        try:
            yield
        finally:
            self.work = dict(d)
            d.clear()
            d.update(saved)

    def fork(self) -> _Scope:
        new = _Scope.__new__(_Scope)
        new.panel, new.base, new.work = self.panel, self.base, dict(self.work)
        return new

    def changed(self) -> dict:
        return {
            k: v
            for k, v in self.work.items()
            if k not in self.base or self.base[k] is not v
        }


@dataclass
class _Run:
    """One plan's state through a layout run."""

    plan: Plan
    base_ctx: Context
    rsl: Slices
    csl: Slices
    claims: dict  # side -> [Claim], inner first
    claim_of: dict  # slot index -> Claim
    scopes: list  # slot index -> _Scope
    model: Any = None
    drawn: _DrawnNeeds = field(default_factory=_DrawnNeeds)

    @property
    def comp(self) -> Compiled:
        return self.plan.comp

    @property
    def slots(self) -> tuple[Slot, ...]:
        return self.plan.slots

    @property
    def sl_of(self) -> dict:
        return {
            "left": self.rsl,
            "right": self.rsl,
            "top": self.csl,
            "bottom": self.csl,
        }


def _prepare(plan: Plan, renderer: Any, fig: Figure) -> _Run:
    """Validate the panels, gather legends and make the solver claims."""
    comp, slots = plan.comp, plan.slots
    occupied = frozenset(s.side for s in slots if s.side in CORNERS)
    base_ctx = Context(
        matrix=comp.matrix,
        norm=comp.norm,
        cmap=comp.cmap,
        side="",
        row_order=comp.row_order,
        col_order=comp.col_order,
        row_linkage=comp.row_linkage,
        col_linkage=comp.col_linkage,
        renderer=renderer,
        figure=fig,
        row_index=comp.row_index,
        col_index=comp.col_index,
        _engine=EngineRecord(
            occupied_corners=occupied,
            movable_sides=frozenset(s.side for s in slots if s.panel.movable_overhang),
            row_universe=comp.row_universe,
            col_universe=comp.col_universe,
            matrix=comp.matrix,
        ),
    )
    rsl = comp.row_slices or whole_axis(comp.row_index, comp.row_linkage)
    csl = comp.col_slices or whole_axis(comp.col_index, comp.col_linkage)
    sl_of = {"left": rsl, "right": rsl, "top": csl, "bottom": csl}
    scopes = [_Scope(s.panel) for s in slots]
    for s, sc in zip(slots, scopes, strict=True):
        with sc.active():
            if s.side in CORNERS or not s.panel.sliced:
                s.panel.validate(_whole_ctx(base_ctx, comp, s.side, 0.0))
            else:
                s.panel.validate(
                    _slice_ctx(base_ctx, comp, s.side, sl_of[s.side], 0, 0.0)
                )
    # legends are known before layout, so a Legends panel can measure them
    legends = []
    for s, sc in zip(slots, scopes, strict=True):
        with sc.active():
            legends.append(s.panel.legend(_whole_ctx(base_ctx, comp, s.side, 0.0)))
    base_ctx = base_ctx._with_engine(legends=tuple(x for x in legends if x))
    claims: dict[str, list[Claim]] = {"left": [], "right": [], "top": [], "bottom": []}
    claim_of = {}
    for i, s in enumerate(slots):
        if s.side in claims:
            c = Claim(
                f"{s.side}[{len(claims[s.side])}]:{type(s.panel).__name__}",
                s.size,
                s.pad,
            )
            claims[s.side].append(c)
            claim_of[i] = c
    return _Run(plan, base_ctx, rsl, csl, claims, claim_of, scopes)


def _share_legends(runs: list[_Run]) -> None:
    """Concatenated grids share their legends: a Legends panel in any of them
    lists every grid's entries, merging legends with the same title."""
    if len(runs) < 2:
        return
    merged: list = []
    where: dict = {}
    for r in runs:
        flat = [
            x
            for leg in r.base_ctx._engine.legends
            for x in (leg if isinstance(leg, list) else [leg])
        ]
        for leg in flat:
            title = (
                leg[0]
                if isinstance(leg, tuple) and leg and isinstance(leg[0], str)
                else None
            )
            entries = leg[1] if isinstance(leg, tuple) and len(leg) == 2 else None
            if title is not None and title in where and isinstance(entries, list):
                k = where[title]
                t0, e0 = merged[k]
                seen = {lab for lab, _ in e0}
                merged[k] = (t0, list(e0) + [e for e in entries if e[0] not in seen])
                continue
            if title is not None and isinstance(entries, list):
                where[title] = len(merged)
                merged.append((title, list(entries)))
            else:
                merged.append(leg)
    for r in runs:
        r.base_ctx = r.base_ctx._with_engine(legends=tuple(merged))


def _tie(
    runs: list[_Run],
    axis: int,
    main: int,
    gap: float,
    figsize: tuple[float, float] | None,
) -> None:
    """Tie concatenated grids together.  Side by side (``axis=1``): one
    heatmap height with aligned tops; stacked (``axis=0``): one heatmap
    width with aligned left edges.  Each grid keeps its own cells across
    (its ``cell_size``, or with a figsize equal cells shared with the main
    grid) and its ``square``."""
    solver = runs[0].model.solver
    req: Any = "required"  # kiwisolver's strength names
    along = (lambda m: m.y) if axis == 1 else (lambda m: m.x)
    across = (lambda m: m.x) if axis == 1 else (lambda m: m.y)
    a0 = along(runs[main].model)
    lead0 = a0.extra_lo + a0.slack + sum((c.footprint for c in a0.lo), 0.0)
    for r in runs:
        if r is runs[main]:
            continue
        a = along(r.model)
        solver.addConstraint((a.main == a0.main) | req)
        solver.addConstraint((a.total == a0.total) | req)
        lead = a.extra_lo + a.slack + sum((c.footprint for c in a.lo), 0.0)
        solver.addConstraint((lead == lead0) | req)
    # (matrix dimension, cell component) across and along the shared axis
    (n_ax, c_ax), (n_al, c_al) = ((1, 0), (0, 1)) if axis == 1 else ((0, 1), (1, 0))
    total = sum((across(r.model).total for r in runs), 0.0) + gap * (len(runs) - 1)
    if figsize is not None:
        along_size, across_size = (
            (figsize[1], figsize[0]) if axis == 1 else (figsize[0], figsize[1])
        )
        solver.addConstraint((total == across_size) | req)
        solver.addConstraint((a0.total == along_size) | req)
        t0, n0 = across(runs[main].model), runs[main].comp.matrix.shape[n_ax]
        for r in runs:
            t, n = across(r.model), r.comp.matrix.shape[n_ax]
            if r is not runs[main] and not r.plan.square:
                # equal cells across grids: the heatmaps share the room by their columns
                solver.addConstraint(
                    ((t.main - t.gaps_total) * n0 == (t0.main - t0.gaps_total) * n)
                    | "strong"
                )
    else:
        for r in runs:
            t = across(r.model)
            solver.addConstraint(
                (t.main - t.gaps_total == r.comp.matrix.shape[n_ax] * r.plan.cell[c_ax])
                | req
            )
        n0 = runs[main].comp.matrix.shape[n_al]
        solver.addConstraint(
            (a0.main - a0.gaps_total == n0 * runs[main].plan.cell[c_al]) | req
        )


def _guess(run: _Run, figsize: Any, n: int) -> tuple[float, float]:
    if figsize is not None:
        return max(figsize[0] * 0.6 / n, 0.5), max(figsize[1] * 0.6, 0.5)
    shape, cell = run.comp.matrix.shape, run.plan.cell
    return (
        shape[1] * cell[0] + run.model.x.gaps_total,
        shape[0] * cell[1] + run.model.y.gaps_total,
    )


def _total_size(runs: list[_Run], axis: int | None, gap: float) -> tuple[float, float]:
    if axis is None or len(runs) == 1:
        return runs[0].model.figure_size
    if axis == 1:
        return (
            sum(r.model.x.total.value() for r in runs) + gap * (len(runs) - 1),
            runs[0].model.y.total.value(),
        )
    return (
        runs[0].model.x.total.value(),
        sum(r.model.y.total.value() for r in runs) + gap * (len(runs) - 1),
    )


def _check(runs: list[_Run]) -> None:
    for r in runs:
        try:
            r.model.check()
        except LayoutError as exc:
            if r.plan.name:
                raise LayoutError(f"{r.plan.name}: {exc}") from None
            raise


# -- predicted measurement --------------------------------------------------------
@dataclass
class _Needs:
    """What every panel's measure() predicted at one heatmap size."""

    autos: list  # (slot index, side, thickness) for Auto-sized panels
    tracks: dict  # "x"/"y" -> {ovh_lo, ovh_hi, corner_lo, corner_hi}
    reach: dict  # corner -> {"H", "V"} from panels that cannot move
    who: dict = field(
        default_factory=lambda: {"x": {}, "y": {}}
    )  # need key -> panel name


def _corner_box(model: LayoutModel, corner: str) -> tuple[float, float]:
    vert, horiz = corner.split("-")
    xs = model.x.parts()[model.x.corner_span("lo" if horiz == "left" else "hi")]
    ys = model.y.parts()[model.y.corner_span("lo" if vert == "top" else "hi")]
    dx = model.x.corner_inset("lo" if horiz == "left" else "hi")
    dy = model.y.corner_inset("lo" if vert == "top" else "hi")
    return max(sum(xs) - dx, 0.0), max(sum(ys) - dy, 0.0)


def _measure(run: _Run, lengths: tuple[float, float], solved: bool = True) -> _Needs:
    """Measure every panel at the heatmap size ``lengths``, and add what an
    earlier draw showed it needs.

    A sliced panel on a split axis is measured per slice: it needs the
    thickest slice's thickness, the first slice's reach before the heatmap
    and the last slice's reach after it."""
    hw, hh = lengths
    needs = {
        t: {"ovh_lo": 0.0, "ovh_hi": 0.0, "corner_lo": 0.0, "corner_hi": 0.0}
        for t in "xy"
    }
    autos = []
    reach: dict[str, set[str]] = {}
    who: dict[str, dict[str, str]] = {"x": {}, "y": {}}
    for i, s in enumerate(run.slots):
        if s.side in CORNERS:
            if solved:  # the corner box is known from the first solve on
                _measure_corner(run, i, (hw, hh), needs, who)
            continue
        vertical = s.side in ("left", "right")
        with run.scopes[i].active():
            ext = _measure_side(run, s, hh if vertical else hw)
        along = "y" if vertical else "x"
        for k, v in (("ovh_lo", ext.before), ("ovh_hi", ext.after)):
            if v > needs[along][k]:
                needs[along][k] = v
                who[along][k] = run.claim_of[i].name
        if not s.panel.movable_overhang:
            for end, amount in (("lo", ext.before), ("hi", ext.after)):
                if amount > 1e-9:
                    corner, d = _reached_corner(s.side, end)
                    reach.setdefault(corner, set()).add(d)
        if isinstance(s.size, _AutoType):
            if ext.thickness is None:
                raise TypeError(
                    f"{type(s.panel).__name__} was given size='auto' but its "
                    "measure() does not report a thickness; give it a size such as '10mm'"
                )
            autos.append((i, s.side, ext.thickness))
    _add_drawn(run, needs, who)
    return _Needs(autos, needs, reach, who)


def _measure_corner(
    run: _Run,
    i: int,
    heatmap_size: tuple[float, float],
    needs: dict[str, dict[str, float]],
    who: dict[str, dict[str, str]],
) -> None:
    """Measure corner panel ``i`` in its box; its size is a corner need."""
    s = run.slots[i]
    with run.scopes[i].active():
        box = _corner_box(run.model, s.side)
        ext = s.panel.measure(
            dataclasses.replace(
                run.base_ctx, side=s.side, box=box, heatmap_size=heatmap_size
            )
        )
    vert, horiz = s.side.split("-")
    kx = "corner_lo" if horiz == "left" else "corner_hi"
    ky = "corner_lo" if vert == "top" else "corner_hi"
    needs["x"][kx] = max(needs["x"][kx], ext.width)
    needs["y"][ky] = max(needs["y"][ky], ext.height)
    who["x"][kx] = who["y"][ky] = f"{s.side}:{type(s.panel).__name__}"


def _measure_side(run: _Run, s: Slot, length: float) -> Extent:
    """Measure a side panel along a heatmap side of ``length`` inches (per
    slice for a sliced panel on a split axis)."""
    if not s.panel.sliced:
        return s.panel.measure(_whole_ctx(run.base_ctx, run.comp, s.side, length))
    vertical = s.side in ("left", "right")
    sl, tr = (run.rsl, run.model.y) if vertical else (run.csl, run.model.x)
    cells = max(length - tr.gaps_total, 0.0)
    total = max(sum(sl.counts), 1)
    exts = [
        s.panel.measure(
            _slice_ctx(run.base_ctx, run.comp, s.side, sl, t, cells * c / total)
        )
        for t, c in enumerate(sl.counts)
    ]
    thick = [e.thickness for e in exts]
    return Extent(
        thickness=None if None in thick else max(t for t in thick if t is not None),
        before=exts[0].before,
        after=exts[-1].after,
    )


def _add_drawn(
    run: _Run, needs: dict[str, dict[str, float]], who: dict[str, dict[str, str]]
) -> None:
    """Raise ``needs`` to what an earlier draw showed (never less than
    predicted)."""
    for t in "xy":
        for k, v in run.drawn.tracks[t].items():
            if v > needs[t][k]:
                needs[t][k] = v
                who[t][k] = run.drawn.who[t].get(k, who[t].get(k, ""))
    for corner, (w, h) in run.drawn.corners.items():
        vert, horiz = corner.split("-")
        kx = "corner_lo" if horiz == "left" else "corner_hi"
        ky = "corner_lo" if vert == "top" else "corner_hi"
        needs["x"][kx] = max(needs["x"][kx], w)
        needs["y"][ky] = max(needs["y"][ky], h)


def _track_of(side: str, model: LayoutModel) -> Any:
    """The track a side's claims stack on (left/right: x)."""
    return model.x if side in ("left", "right") else model.y


def _fits(run: _Run, m: _Needs) -> bool:
    """Does the current solution hold what was measured at its size?"""
    model, base_ctx = run.model, run.base_ctx
    if any(t > run.claim_of[i].measured + 1e-6 for i, _, t in m.autos):
        return False
    for key, tr in (("x", model.x), ("y", model.y)):
        if any(v > tr.need[k] + 1e-6 for k, v in m.tracks[key].items()):
            return False
    reach = base_ctx._engine.corner_reach
    return all(d <= reach.get(c, frozenset()) for c, d in m.reach.items())


def _unsettled(run: _Run, m: _Needs) -> list[str]:
    """The claims whose measured needs exceed what the solution holds."""
    out = [
        run.claim_of[i].name
        for i, _, t in m.autos
        if t > run.claim_of[i].measured + 1e-6
    ]
    for key, tr in (("x", run.model.x), ("y", run.model.y)):
        out += [
            m.who[key].get(k) or k
            for k, v in m.tracks[key].items()
            if v > tr.need[k] + 1e-6
        ]
    return out


def _suggest(run: _Run, m: _Needs, grow_only: bool) -> None:
    """Feed measured needs to the solver; with ``grow_only`` a need never
    shrinks below what was suggested before."""
    model, base_ctx = run.model, run.base_ctx
    for i, side, t in m.autos:
        c = run.claim_of[i]
        _track_of(side, model).suggest_auto(c, max(t, c.measured) if grow_only else t)
    firsts = {}
    for i, s in enumerate(run.slots):
        if i in run.claim_of and s.side not in firsts:
            firsts[s.side] = i
    for i, c in run.claim_of.items():
        m_in, m_out = run.drawn.margins.get(i, (0.0, 0.0))
        side = run.slots[i].side
        if firsts.get(side) == i:
            m_in += run.drawn.push.get(side, 0.0)
        if m_in or m_out or c.margins != (0.0, 0.0):
            _track_of(side, model).suggest_margins(c, m_in, m_out)
    for key, tr in (("x", model.x), ("y", model.y)):
        tr.suggest(
            **(
                {k: max(v, tr.need[k]) for k, v in m.tracks[key].items()}
                if grow_only
                else m.tracks[key]
            )
        )
        tr.who.update(m.who[key])
    reach = {c: set(d) for c, d in base_ctx._engine.corner_reach.items()}
    for c, d in m.reach.items():
        reach.setdefault(c, set()).update(d)
    # movable content (bar names) picks its end from this
    run.base_ctx = base_ctx._with_engine(
        corner_reach={c: frozenset(d) for c, d in reach.items()}
    )


def _iterate(runs: list[_Run], solve: Any, guesses: list[tuple[float, float]]) -> None:
    """Measure -> solve -> re-measure until what is claimed holds what is
    measured.  Several runs share one solver (``solve`` updates it once)."""
    lengths = list(guesses)
    for p in range(_MAX_PASSES):
        measured = [
            _measure(r, ln, solved=p > 0 or r.model.x.total.value() > 0)
            for r, ln in zip(runs, lengths, strict=True)
        ]
        if p > 0 and all(_fits(r, m) for r, m in zip(runs, measured, strict=True)):
            return
        # later passes only let needs grow: label fonts refit to the cells and a
        # legend re-packs its columns, so a free loop could oscillate
        for r, m in zip(runs, measured, strict=True):
            _suggest(r, m, grow_only=p >= _MAX_PASSES // 2)
        solve()
        lengths = [r.model.heatmap_size for r in runs]
    measured = [_measure(r, ln) for r, ln in zip(runs, lengths, strict=True)]
    if not all(_fits(r, m) for r, m in zip(runs, measured, strict=True)):
        _check(runs)  # a figure too small for its panels: say what does not fit
        who = sorted(
            {
                name
                for r, m in zip(runs, measured, strict=True)
                for name in _unsettled(r, m)
            }
        )
        raise LayoutError(
            f"the layout does not fit: after {_MAX_PASSES} measure/solve passes, what "
            f"{', '.join(who) or 'the panels'} measure still grows as the heatmap shrinks "
            "(content larger than the heatmap, centred on it, in a figure of a fixed size). "
            "Enlarge the figure, use cell_size= instead of figsize, or make that content smaller "
            "(Labels(fontsize=...), fixed panel sizes such as size='12mm', fewer legends)."
        )


def _reached_corner(side: str, end: str) -> tuple[str, str]:
    """The corner that content of a ``side`` panel reaching past the heatmap's
    ``end`` ("lo"/"hi") enters, and the direction it travels ("H"/"V")."""
    if side in ("top", "bottom"):
        return f"{side}-{'left' if end == 'lo' else 'right'}", "H"
    return f"{'top' if end == 'lo' else 'bottom'}-{side}", "V"


# -- place and draw -------------------------------------------------------------
@dataclass
class _Placed:
    """An axes as created (its box before the panel could move it)."""

    ax: Any
    box: Any  # display-space Bbox of the slot


def _place(
    runs: list[_Run], host: Any, fig: Figure, axis: int | None, gap: float, own: bool
) -> Result:
    """Create the GridSpecs, every heatmap block and every panel's axes, and
    draw them."""
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
        result.grids.append(_place_one(run, tgt))
    return result


def _place_one(run: _Run, host: Any) -> GridResult:
    model, comp, base_ctx, rsl, csl = (
        run.model,
        run.comp,
        run.base_ctx,
        run.rsl,
        run.csl,
    )
    sl_of = run.sl_of
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
    adder = _spec_figure(host) if isinstance(host, SubplotSpec) else host
    heat = []
    for i, (ra, rb) in enumerate(rsl.bounds):
        row = []
        for j, (ca, cb) in enumerate(csl.bounds):
            ax = adder.add_subplot(gs[model.y.slice_index(i), model.x.slice_index(j)])
            _draw_heatmap(
                ax,
                _slice_compiled(comp, slice(ra, rb), slice(ca, cb)),
                (i, j),
                (ra, ca),
            )
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
                ax = adder.add_subplot(gs[rows, cols])
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
            else:
                vertical = s.side in ("left", "right")
                across, along = (model.x, model.y) if vertical else (model.y, model.x)
                k = across.index_of(run.claim_of[idx])
                sl = sl_of[s.side]
                places: list[tuple[Any, int | None]]
                if s.panel.sliced:
                    places = [(along.slice_index(t), t) for t in range(len(sl))]
                else:
                    places = [(along.main_span, None)]
                for where, t in places:
                    ax = adder.add_subplot(gs[where, k] if vertical else gs[k, where])
                    ax.set_label(label)
                    placed.append(_Placed(ax, ax.bbox.frozen()))
                    rec.axes.append(ax)
                    _expose(s.panel, rec)
                    if t is None:
                        ctx = dataclasses.replace(
                            _whole_ctx(base_ctx, comp, s.side, hh if vertical else hw),
                            ax_heatmap=ax_h,
                        )
                        n_along = comp.matrix.shape[0 if vertical else 1]
                    else:
                        ctx = _slice_ctx(
                            base_ctx,
                            comp,
                            s.side,
                            sl,
                            t,
                            along_sizes[along.name][t],
                            heat[t][0] if vertical else heat[0][t],
                        )
                        n_along = sl.counts[t]
                    if s.panel.aligned:
                        _set_along_limits(ax, s.side, n_along, n_along)
                        _hide_along_ticks(ax, s.side)
                    rec.returned.append(panel.draw(ax, ctx))
                    if s.panel.aligned:
                        _set_along_limits(ax, s.side, n_along, n_along)
                    _ticks_in_view(ax)
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


def _publish(runs: list[_Run], result: Result) -> None:
    """After the last draw: each panel shows that draw's attributes (its
    texts, colours, ``ax``) as a view of the result."""
    for g in result.grids:
        for rec in g.panels:
            d = rec.slot.panel.__dict__
            d.update(rec.scope.work)  # type: ignore[attr-defined]
            d["_drawn"] = rec
            del rec.scope  # type: ignore[attr-defined]
            del rec.placed  # type: ignore[attr-defined]


# -- measuring what was drawn -------------------------------------------------------
def _measure_drawn(
    run: _Run, grid: GridResult, fig: Figure, renderer: Any
) -> _DrawnNeeds:
    """Each panel's drawn tight bounding box against its box, in inches:
    margins across the heatmap, overhangs past its ends, corner sizes."""
    out = _DrawnNeeds()
    dpi = fig.dpi
    tight: list = []  # (side, name, bbox) of every side panel's drawn content
    for idx, rec in enumerate(grid.panels):
        s = rec.slot
        boxes = []
        for pl in rec.placed:  # type: ignore[attr-defined]
            tb = pl.ax.get_tightbbox(renderer)
            if tb is None or not np.all(np.isfinite(tb.extents)):
                continue
            boxes.append((pl.box, tb))
        if not boxes:
            continue
        if s.side in CORNERS:
            box, tb = boxes[0]
            over = (
                (box.x0 - tb.x0) / dpi,  # left, right, bottom, top
                (tb.x1 - box.x1) / dpi,
                (box.y0 - tb.y0) / dpi,
                (tb.y1 - box.y1) / dpi,
            )
            out.corners[s.side] = (tb.width / dpi, tb.height / dpi)
            out.insets[s.side] = tuple(max(0.0, v) for v in over)
            continue
        tight += [(s.side, run.claim_of[idx].name, tb) for _, tb in boxes]
        # overflow beyond the box: (left, right, bottom, top) inches, per axes
        ov = [
            (
                (box.x0 - tb.x0) / dpi,
                (tb.x1 - box.x1) / dpi,
                (box.y0 - tb.y0) / dpi,
                (tb.y1 - box.y1) / dpi,
            )
            for box, tb in boxes
        ]
        L = max(o[0] for o in ov)
        R = max(o[1] for o in ov)
        B = max(o[2] for o in ov)
        T = max(o[3] for o in ov)
        m_in, m_out = {
            "left": (R, L),
            "right": (L, R),
            "top": (B, T),
            "bottom": (T, B),
        }[s.side]
        out.margins[idx] = (max(0.0, m_in), max(0.0, m_out))
        # along the heatmap: the first slice's reach before it, the last's after
        first, last = ov[0], ov[-1]
        if s.side in ("left", "right"):
            before, after, t = first[3], last[2], "y"
        else:
            before, after, t = first[0], last[1], "x"
        for k, v in (("ovh_lo", before), ("ovh_hi", after)):
            if v > out.tracks[t].get(k, 0.0):
                out.tracks[t][k] = v
                out.who[t][k] = run.claim_of[idx].name
    _perpendicular_clashes(tight, out, dpi)
    return out


def _perpendicular_clashes(tight: list, out: _DrawnNeeds, dpi: float) -> None:
    """Content of a left/right panel reaching past the heatmap's end and
    content of a top/bottom panel reaching past its side can meet in a
    corner.  Where two drawn boxes overlap, move one stack outwards by the
    overlap: the one that costs less room."""
    tol = _HALF_PX
    for i, (sa, na, A) in enumerate(tight):
        for sb, nb, B in tight[i + 1 :]:
            if (sa in ("left", "right")) == (sb in ("left", "right")):
                continue  # same direction: their margins keep them apart
            ox = min(A.x1, B.x1) - max(A.x0, B.x0)
            oy = min(A.y1, B.y1) - max(A.y0, B.y0)
            if ox <= tol or oy <= tol:
                continue
            v_side, h_side = (sa, sb) if sa in ("left", "right") else (sb, sa)
            # push the top/bottom stack down/up by the overlap's height, or the
            # left/right stack out by its width, whichever is less
            if oy <= ox:
                side, amount = h_side, (oy + 1.0) / dpi
            else:
                side, amount = v_side, (ox + 1.0) / dpi
            out.push[side] = max(out.push.get(side, 0.0), amount)
            out.clashes.append(f"{na} overlaps {nb}")


def _drawn_misfits(run: _Run, m: _DrawnNeeds, dpi: float) -> list[str]:
    """What was drawn beyond what the layout gave it, in words (empty when
    everything fits)."""
    tol = _HALF_PX / dpi
    out = []
    for idx, (m_in, m_out) in m.margins.items():
        c = run.claim_of[idx]
        for what, got, had in (
            ("towards the heatmap", m_in, c.margins[0]),
            ("away from the heatmap", m_out, c.margins[1]),
        ):
            if got > had + tol:
                out.append(f"{c.name} draws {got:.2f} in beyond its box {what}")
    for key, tr in (("x", run.model.x), ("y", run.model.y)):
        for k, v in m.tracks[key].items():
            if v > tr.need[k] + tol:
                end = "start" if k.endswith("lo") else "end"
                out.append(
                    f"{m.who[key].get(k) or 'a panel'} draws {v:.2f} in past the "
                    f"heatmap's {end}"
                )
    for corner, ins in m.insets.items():
        if max(ins) > tol:
            out.append(
                f"the {corner} corner panel draws {max(ins):.2f} in past its box"
            )
    return out + m.clashes


def _warn_share(
    runs: list[_Run], fig: Figure, host: Any, own: bool, axis: int | None
) -> None:
    """Warn when, in a figure of a fixed size, a heatmap gets under a quarter
    of its width or height, naming the panels that take the space."""
    fw, fh = fig.get_size_inches() if own else _host_size(host)
    # concatenated heatmaps share the figure across: compare their sum
    sums: dict[str, float | None] = {
        "x": sum(r.model.x.main.value() for r in runs) if axis == 1 else None,
        "y": sum(r.model.y.main.value() for r in runs) if axis == 0 else None,
    }
    for what, whole, t in (("width", fw, "x"), ("height", fh, "y")):
        total = sums[t]
        got: float = (
            total
            if total is not None
            else min(getattr(r.model, t).main.value() for r in runs)
        )
        if whole and got < MIN_SHARE * whole - 1e-9:
            claims = sorted(
                (c for r in runs for c in getattr(r.model, t).claims_by_size()),
                key=lambda c: -c[1],
            )
            big = ", ".join(f"{n} ({v:.2f} in)" for n, v in claims[:3] if v > 0)
            warn(
                f"the heatmap gets {got:.2f} in of the figure's {whole:.2f} in {what} "
                f"({got / whole:.0%}); the most space goes to {big}. Enlarge the figure, or "
                "give those panels smaller sizes."
            )


# -- helpers shared by the stages above -----------------------------------------
def _host_size(target: Any) -> tuple[float, float]:
    """The (w, h) in inches of a Figure, SubFigure or SubplotSpec."""
    if isinstance(target, SubplotSpec):
        fig = _spec_figure(target)
        bb = target.get_position(fig)
        fw, fh = fig.get_size_inches()
        return bb.width * fw, bb.height * fh
    if isinstance(target, SubFigure):
        box = target.bbox
        dpi = target.get_figure(root=True).dpi
        return box.width / dpi, box.height / dpi
    w, h = target.get_size_inches()
    return float(w), float(h)


def _spec_figure(spec: SubplotSpec) -> Any:
    """The figure (or subfigure) a SubplotSpec's grid belongs to."""
    return spec.get_gridspec().figure  # type: ignore[attr-defined]


def _root_figure(target: Any) -> Figure:
    if isinstance(target, SubplotSpec):
        target = _spec_figure(target)
    fig: Figure = target.get_figure(root=True)
    return fig


def _check_host(target: Any, fig: Figure) -> None:
    """A Figure or SubFigure drawn into must not hold axes of its own: the
    grid fills it and would cover them."""
    if isinstance(target, (Figure, SubFigure)):
        theirs = [
            a for a in target.axes if not str(a.get_label()).startswith("clustergrid")
        ]
        if theirs:
            kind = type(target).__name__
            raise ValueError(
                f"draw(target) got a {kind} that already holds {len(theirs)} axes; the grid "
                "fills the whole target and would cover them. Draw into a free region instead: "
                "a SubFigure (fig.subfigures(...)) or a SubplotSpec (fig.add_gridspec(...)[i, j])."
            )


def _get_renderer(fig: Figure) -> Any:
    canvas = fig.canvas
    if hasattr(canvas, "get_renderer"):
        return canvas.get_renderer()
    return fig._get_renderer()  # type: ignore[attr-defined]  # pragma: no cover


def _whole_ctx(base: Context, comp: Compiled, side: str, length: float) -> Context:
    """The context of a panel drawn once across a whole side (or a corner)."""
    return dataclasses.replace(base, side=side, length=length)._with_engine(
        **_axis_labels(comp, side)
    )


#: (id of a Compiled, axis) -> (that Compiled, its labels); filled and
#: emptied by each render(), so the labels in input order are computed once
#: per axis, not once per context (a million labels take ~0.1 s each time)
_LABELS: dict[tuple[int, str], tuple[Compiled, dict[str, Any]]] = {}


def _inverse(index: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """``np.argsort(index)`` in O(n) when ``index`` is a permutation of
    ``range(len(index))`` (a drawn order always is)."""
    n = len(index)
    if n and index.min() == 0 and index.max() == n - 1:
        inverse = np.empty(n, dtype=np.intp)
        inverse[index] = np.arange(n)
        if np.array_equal(index[inverse], np.arange(n)):
            return inverse
    return np.argsort(index, kind="stable")


def _axis_labels(comp: Compiled, side: str) -> dict[str, Any]:
    """The labels of ``side``'s axis in drawn order and in input order."""
    if side in ("left", "right"):
        axis = "row"
    elif side in ("top", "bottom"):
        axis = "col"
    else:
        return {}
    hit = _LABELS.get((id(comp), axis))
    if hit is not None and hit[0] is comp:
        return hit[1]
    order, index = (
        (comp.row_order, comp.row_index)
        if axis == "row"
        else (comp.col_order, comp.col_index)
    )
    out = dict(whole_labels=order, input_labels=order[_inverse(np.asarray(index))])
    _LABELS[(id(comp), axis)] = (comp, out)
    return out


def _slice_ctx(
    base: Context,
    comp: Compiled,
    side: str,
    sl: Slices,
    k: int,
    length: float,
    ax_h: Any = None,
) -> Context:
    """The context of slice ``k`` of a split axis: the matrix, orders and tree
    restricted to the slice, in local coordinates (its cell ``i`` is centred
    at ``i + 0.5``)."""
    a, b = sl.bounds[k]
    common: dict[str, Any] = dict(
        side=side,
        length=length,
        slice_index=k,
        n_slices=len(sl),
        slice_start=a,
        slice_title=sl.titles[k],
    )
    if ax_h is not None:
        common["ax_heatmap"] = ax_h
    base = base._with_engine(
        tree_height=sl.max_height, axis_slices=sl, **_axis_labels(comp, side)
    )
    if side in ("left", "right"):
        m = comp.matrix.iloc[a:b]
        return dataclasses.replace(
            base,
            matrix=m,
            row_order=m.index,
            row_linkage=sl.linkages[k],
            row_index=sl.local_index[k],
            **common,
        )
    m = comp.matrix.iloc[:, a:b]
    return dataclasses.replace(
        base,
        matrix=m,
        col_order=m.columns,
        col_linkage=sl.linkages[k],
        col_index=sl.local_index[k],
        **common,
    )


def _slice_compiled(comp: Compiled, rows: slice, cols: slice) -> Compiled:
    """``comp`` restricted to one heatmap block.  Every field shaped like the
    matrix (values, masks, annotations) is cut the same way, so per-cell
    drawing code needs no knowledge of splits."""
    shape = comp.matrix.shape
    if rows == slice(0, shape[0]) and cols == slice(0, shape[1]):
        return comp
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(comp):
        v = getattr(comp, f.name)
        if isinstance(v, pd.DataFrame) and v.shape == shape:
            changes[f.name] = v.iloc[rows, cols]
        elif isinstance(v, np.ndarray) and v.ndim >= 2 and v.shape[:2] == shape:
            changes[f.name] = v[rows, cols]
    changes["row_index"] = comp.row_index[rows]
    changes["col_index"] = comp.col_index[cols]
    return dataclasses.replace(comp, **changes)


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
        ax.set_position(
            [x0 / fig_w, y0 / fig_h, max(x1 - x0, 0) / fig_w, max(y1 - y0, 0) / fig_h]
        )
    return max(x1 - x0, 0.0), max(y1 - y0, 0.0)


def _set_along_limits(ax: Any, side: str, nrows: int, ncols: int) -> None:
    if side in ("left", "right"):
        ax.set_ylim(nrows, 0)
    else:
        ax.set_xlim(0, ncols)


def _hide_along_ticks(ax: Any, side: str) -> None:
    if side in ("left", "right"):
        ax.tick_params(
            axis="y", left=False, right=False, labelleft=False, labelright=False
        )
    else:
        ax.tick_params(
            axis="x", top=False, bottom=False, labeltop=False, labelbottom=False
        )


def _draw_heatmap(
    ax: Any,
    comp: Compiled,
    where: tuple[int, int] = (0, 0),
    start: tuple[int, int] = (0, 0),
) -> None:
    nrows, ncols = comp.matrix.shape
    values = comp.matrix.to_numpy(dtype=np.float64)  # a view: not copied
    image = heatmap_image(
        ax, values, cmap=comp.cmap, norm=comp.norm, extent=(0, ncols, nrows, 0)
    )  # one pixel per cell in vector output
    if any(layer.replaces_mesh for layer in comp.layers):
        image.set_visible(False)  # cells=Dots(...) draw the body instead of the mesh
    draw_cells(ax, comp, image)  # mask, borders, cell text (_cells.py)
    draw_layers(
        ax, comp, where, start
    )  # dots, markers, layer functions, border (_layers.py)
    ax.set_xlim(0, ncols)
    ax.set_ylim(nrows, 0)
    # no frame and no ticks, but the axis stays on, so a label the user sets
    # after drawing (ax_heatmap.set_xlabel(...)) is drawn as in matplotlib
    ax.set_frame_on(False)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_label("clustergrid:heatmap")
