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

This module holds the entry and the draw loop; the stages it runs are in
this folder: ``target`` (the figure drawn into), ``grid_run`` (each grid's
state), ``join`` (one solver for all grids, concat's constraints),
``measure`` (the predicted measure/solve loop), ``place`` (axes and
drawing), ``context`` (each panel's Context), ``heatmap`` (the body) and
``drawn`` (measuring what was drawn).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import kiwisolver as kiwi

from .._layout.model import LayoutError
from .._plan.palettes import PaletteBook
from .._support.buffers import in_small_pages
from .._support.checks import check_canvas
from .drawn import MIN_SHARE, drawn_misfits, measure_drawn, warn_share
from .grid_run import GridRun, check_layouts, prepare
from .join import (
    first_guess,
    make_models,
    share_legends,
    solver_step,
    tie_or_explain,
    total_size,
)
from .measure import measure_until_fit
from .place import place, publish
from .reuse import AxesPool, detach
from .target import get_renderer, open_figure

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from .._plan.plan import Plan
    from ..result import Result

__all__ = ["render", "MIN_SHARE"]

_MAX_DRAWS = 4  # draw -> measure passes


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
    reuse: Result | None = None,
    frame: tuple[float, float, float, float] | None = None,
    adopt: Any = None,
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

    ``reuse`` (a previous result of the same plans) draws again into its
    figure and its axes, keeping the figure's size and what the user changed
    on the axes, with ``frame`` = (left, right, bottom, top) inches kept
    clear at the edges (``engine.py``).  ``adopt`` is an axes of the user's
    that becomes the (first) heatmap axes.
    """
    single = axis is None
    if single:
        figsize = plans[0].figsize
    pool: AxesPool | None = None
    if reuse is not None:
        target = reuse.target
        pool = AxesPool(reuse.axes(), reuse.sigs)
        if reuse.owned:  # the size it was drawn at stays exact
            w, h = reuse.figure.get_size_inches()
            figsize = (float(w), float(h))
    elif adopt is not None:
        pool = AxesPool([adopt])
    if reuse is not None and reuse.owned:
        fig, host, own = reuse.figure, reuse.figure, True
    else:
        fig, host, own, figsize = open_figure(target, figsize, dpi or plans[0].dpi)
    renderer = get_renderer(fig)
    solver = kiwi.Solver()
    book = PaletteBook()  # the grids of one figure never share a default colour
    runs = [prepare(p, renderer, fig, book) for p in plans]
    share_legends(runs)
    make_models(plans, runs, solver, figsize, single, own, frame, axis)
    if not single:
        tie_or_explain(runs, axis, main, gap, figsize)
    result = _draw_until_fit(runs, solver, host, fig, axis, gap, own, figsize, pool)
    if figsize is not None or not own:
        # with cells of the size asked for, it is as asked
        warn_share(runs, fig, host, own, axis)
    publish(runs, result)
    result.frame = frame or (0.0, 0.0, 0.0, 0.0)
    detach(result.axes())
    if adopt is not None:  # pyplot's current axes is the heatmap, as in seaborn
        adopt.get_figure(root=False).sca(adopt)
    return result


def _draw_until_fit(
    runs: list[GridRun],
    solver: kiwi.Solver,
    host: Any,
    fig: Figure,
    axis: int | None,
    gap: float,
    own: bool,
    figsize: tuple[float, float] | None,
    pool: AxesPool | None = None,
) -> Result:
    """Solve, draw, and measure what was drawn, until it fits what was
    allocated (at most ``_MAX_DRAWS`` draws).  With a ``pool`` every draw
    draws into the same axes (else each draw makes new ones)."""
    renderer = get_renderer(fig)
    solve = solver_step(runs, solver)
    guesses = [first_guess(r, figsize, len(runs)) for r in runs]
    misfits: list[str] = []
    for d in range(_MAX_DRAWS):
        measure_until_fit(runs, solve, guesses)
        check_layouts(runs)
        if own:
            size = total_size(runs, axis, gap)
            # panels of fixed sizes can make a figure larger than figsize/cell_size predicted
            check_canvas(size[0], size[1], fig.dpi, "the laid-out figure")
            fig.set_size_inches(*size)
        result = place(runs, host, fig, axis, gap, own, pool)
        drawn = [
            measure_drawn(r, g, fig, renderer)
            for r, g in zip(runs, result.grids, strict=True)
        ]
        misfits = [
            x
            for r, m in zip(runs, drawn, strict=True)
            for x in drawn_misfits(r, m, fig.dpi)
        ]
        if not misfits:
            result.passes = d + 1
            for m in drawn:
                result.extents.update(m.extents)
            for ax in pool.leftover() if pool is not None else []:
                ax.remove()  # pragma: no cover - the same plans make the same axes
            return result
        for r, m in zip(runs, drawn, strict=True):
            r.drawn.merge(m)
        guesses = [r.model.heatmap_size for r in runs]
        if pool is None:
            result.remove()
        else:
            pool = AxesPool(result.axes(), pool.sigs | result.sigs)
    check_layouts(runs)
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
