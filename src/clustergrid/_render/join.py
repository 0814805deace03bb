"""The grids of one render in one solver: each grid's layout model, the
constraints that join the grids of a concat (one heatmap height side by
side, one width stacked; equal cells or each grid's own cell size), their
shared legends, and the solve step, first guess and total size the draw
loop uses."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import kiwisolver as kiwi

from .._layout.model import BASE_MARGIN, LayoutError, LayoutModel

if TYPE_CHECKING:  # pragma: no cover
    from .._plan.plan import Plan
    from .grid_run import GridRun

__all__ = [
    "make_models",
    "tie_or_explain",
    "solver_step",
    "share_legends",
    "first_guess",
    "total_size",
]


def make_models(
    plans: list[Plan],
    runs: list[GridRun],
    solver: kiwi.Solver,
    figsize: tuple[float, float] | None,
    single: bool,
    own: bool,
    frame: tuple[float, float, float, float] | None = None,
    axis: int | None = None,
) -> None:
    """Give each run its layout model, all in one solver.  ``frame`` is the
    room (left, right, bottom, top) kept outside the grids at the edges of
    what they fill: side by side, the first grid takes the left edge's and
    the last the right edge's; stacked, the first the top's and the last the
    bottom's."""
    n = len(runs)
    for k, (p, run) in enumerate(zip(plans, runs, strict=True)):
        fl, fr, fb, ft = frame or (0.0, 0.0, 0.0, 0.0)
        if axis == 1:
            fl, fr = (fl if k == 0 else 0.0), (fr if k == n - 1 else 0.0)
        elif axis == 0:
            ft, fb = (ft if k == 0 else 0.0), (fb if k == n - 1 else 0.0)
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
            p.ordered.matrix.shape,
            figsize=figsize if single else None,
            cell=(p.cell if figsize is None else None) if single else None,
            square=p.square,
            row_counts=run.row_slices.counts,
            col_counts=run.col_slices.counts,
            gap=(
                list(run.col_slices.gaps) or p.gap[0],
                list(run.row_slices.gaps) or p.gap[1],
            ),
            solver=solver,
            name=p.name,
            frame=(fl, fr, fb, ft),
        )


def tie_or_explain(
    runs: list[GridRun],
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


def solver_step(runs: list[GridRun], solver: kiwi.Solver) -> Callable[[], None]:
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


def share_legends(runs: list[GridRun]) -> None:
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
    runs: list[GridRun],
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
        t0, n0 = across(runs[main].model), runs[main].compiled.matrix.shape[n_ax]
        for r in runs:
            t, n = across(r.model), r.compiled.matrix.shape[n_ax]
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
                (
                    t.main - t.gaps_total
                    == r.compiled.matrix.shape[n_ax] * r.plan.cell[c_ax]
                )
                | req
            )
        n0 = runs[main].compiled.matrix.shape[n_al]
        solver.addConstraint(
            (a0.main - a0.gaps_total == n0 * runs[main].plan.cell[c_al]) | req
        )


def first_guess(run: GridRun, figsize: Any, n: int) -> tuple[float, float]:
    """The heatmap size the first measure pass assumes (of one of ``n`` grids)."""
    if figsize is not None:
        return max(figsize[0] * 0.6 / n, 0.5), max(figsize[1] * 0.6, 0.5)
    shape, cell = run.compiled.matrix.shape, run.plan.cell
    return (
        shape[1] * cell[0] + run.model.x.gaps_total,
        shape[0] * cell[1] + run.model.y.gaps_total,
    )


def total_size(
    runs: list[GridRun], axis: int | None, gap: float
) -> tuple[float, float]:
    """The solved size of the figure holding ``runs``, in inches."""
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
