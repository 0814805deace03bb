"""Several grids side by side, sharing the row order, laid out in one solve.

``cg.concat([g1, g2])`` (or ``g1 + g2``) draws each grid's heatmap with its
own columns, colours and panels, all rows in the first grid's drawn order
(its clustering and row split).  One kiwisolver model holds every grid's
tracks: the heatmaps get one common height and their tops line up, however
tall each grid's top panels are.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Sequence

import kiwisolver as kiwi
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.gridspec import GridSpec, GridSpecFromSubplotSpec, SubplotSpec

from ._output import Drawable
from ._data import mismatch_parts
from ._layout import LayoutError, LayoutModel
from ._sizes import to_inches

if TYPE_CHECKING:  # pragma: no cover
    from .grid import ClusterGrid, Compiled

__all__ = ["concat", "ConcatGrid"]


def concat(grids: Sequence["ClusterGrid"], *, gap: "float | str" = "4mm",
           figsize: Any = None, dpi: float | None = None) -> "ConcatGrid":
    """Lay out several grids side by side, sharing the row order.

    Parameters
    ----------
    grids : sequence of ClusterGrid
        Their matrices must have the same row labels (in any order).  Rows
        are drawn in the *first* grid's order: its clustering, explicit
        order and row split apply to all; the row order options of the
        other grids are not used (their row Dendrograms show the first
        grid's tree).  Each grid keeps its own columns, colour scale and
        panels; the left/right panels of each grid sit beside its own
        heatmap.
    gap : length, default "4mm"
        Space between neighbouring grids.
    figsize : (w, h), optional
        The whole figure; the heatmaps share the width left, with equal
        cell widths.  Default: each grid keeps its own cell size (the row
        height is the first grid's).
    dpi : float, optional
        Default: the first grid's.

    Returns
    -------
    ConcatGrid
        Draw it with ``.draw()``, ``.save(path)``, ``.show()``, or show it
        in a notebook.

    Examples
    --------
    >>> both = cg.concat([expr, meth])      # or: expr + meth
    >>> both.save("figure.pdf")
    """
    return ConcatGrid(grids, gap=gap, figsize=figsize, dpi=dpi)


class ConcatGrid(Drawable):
    """Grids drawn side by side, sharing the row order (see :func:`concat`)."""

    def __init__(self, grids: Sequence["ClusterGrid"], *, gap: "float | str" = "4mm",
                 figsize: Any = None, dpi: float | None = None) -> None:
        from .grid import ClusterGrid, _pair

        grids = list(grids) if not isinstance(grids, ClusterGrid) else [grids]
        if not grids:
            raise ValueError("concat() needs at least one ClusterGrid")
        for g in grids:
            if not isinstance(g, ClusterGrid):
                raise TypeError(f"concat() takes ClusterGrid objects, got {type(g).__name__}")
        if len({id(g) for g in grids}) != len(grids):
            raise ValueError("concat() got the same grid twice; build a second ClusterGrid "
                             "(panels can only be drawn in one place)")
        first = grids[0]._data.rows
        for i, g in enumerate(grids[1:], start=2):
            rows = g._data.rows
            missing, extra = first.difference(rows, sort=False), rows.difference(first, sort=False)
            parts = mismatch_parts(missing, extra, "it lacks row(s) {}",
                                   "it has row(s) {} the first grid lacks")
            if parts:
                raise ValueError(f"grid {i} of concat() does not share the first grid's rows: "
                                 + "; ".join(parts) + ". Give every matrix the same row labels "
                                 "(e.g. df2.reindex(df1.index)).")
        self.grids = grids
        self.gap = to_inches(gap)
        self.figsize = None if figsize is None else _pair(figsize, "figsize")
        self.dpi = float(dpi) if dpi is not None else grids[0]._dpi
        self._target: Any = None
        self.figure: Figure | None = None
        self.layout: list[LayoutModel] = []

    # -- builder ---------------------------------------------------------------
    def __add__(self, other: Any) -> "ConcatGrid":
        from .grid import ClusterGrid

        if isinstance(other, ClusterGrid):
            return ConcatGrid(self.grids + [other], gap=self.gap, figsize=self.figsize, dpi=self.dpi)
        if isinstance(other, ConcatGrid):
            return ConcatGrid(self.grids + other.grids, gap=self.gap, figsize=self.figsize,
                              dpi=self.dpi)
        return NotImplemented

    def on(self, target: Any) -> "ConcatGrid":
        """Draw into an existing Figure, SubFigure or SubplotSpec (its size is kept)."""
        self._target = target
        return self

    @property
    def row_order(self) -> pd.Index:
        """Row labels in drawn order, shared by every grid."""
        return self.grids[0].row_order

    # -- compile ---------------------------------------------------------------
    def _compiled(self) -> list["Compiled"]:
        """Each grid's compiled spec, rows in the first grid's drawn order."""
        c0 = self.grids[0]._compile()
        rs0 = self.grids[0].row_slices
        out = [c0]
        for g in self.grids[1:]:
            c = g._compile()
            perm = c.matrix.index.get_indexer(c0.matrix.index)
            out.append(_reorder_rows(c, perm, c0, rs0))
        return out

    # -- output ------------------------------------------------------------------
    def draw(self, target: Any = None) -> Figure:
        """Lay out every grid in one solve and draw; return the Figure.

        Parameters
        ----------
        target : Figure, SubFigure or SubplotSpec, optional
            Draw into it (keeping its size) instead of a new Figure.
        """
        from ._engine import (_get_renderer, _host_size, _iterate, _place, _prepare,
                              _root_figure)

        comps = self._compiled()
        target = target if target is not None else self._target
        for g in self.grids:
            if g.figure is not None and g.ax_heatmap is not None and target is not None:
                g._remove_axes()
        own = target is None
        if own:
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            fig = Figure(figsize=self.figsize or (6.4, 4.8), dpi=self.dpi)
            FigureCanvasAgg(fig)
            host, figsize = fig, self.figsize
        else:
            host, fig, figsize = target, _root_figure(target), _host_size(target)
            if fig.canvas is None or not hasattr(fig.canvas, "get_renderer"):
                from matplotlib.backends.backend_agg import FigureCanvasAgg

                FigureCanvasAgg(fig)
        renderer = _get_renderer(fig)

        solver = kiwi.Solver()
        row_gap = self.grids[0]._split_gap
        runs, guesses = [], []
        for g, comp in zip(self.grids, comps):
            slots = g._slots + g._auto_slots(comp)
            run = _prepare(comp, slots, renderer, fig)
            run.model = LayoutModel(run.claims, comp.matrix.shape, figsize=None, cell=None,
                                    square=False, row_counts=run.rsl.counts,
                                    col_counts=run.csl.counts, gap=(g._split_gap, row_gap),
                                    solver=solver)
            runs.append(run)
            g._drawn_slots = slots
        self._constrain(solver, runs, figsize)
        for g, comp, run in zip(self.grids, comps, runs):
            cw, ch = g._cell or g._default_cell()
            if figsize is not None:
                guesses.append((max(figsize[0] * 0.6 / len(runs), 0.5), max(figsize[1] * 0.6, 0.5)))
            else:
                guesses.append((comp.matrix.shape[1] * cw + run.model.x.gaps_total,
                                comp.matrix.shape[0] * ch + run.model.y.gaps_total))
        _iterate(runs, solver.updateVariables, guesses)
        for i, run in enumerate(runs, start=1):
            try:
                run.model.check()
            except LayoutError as exc:
                hint = ("Enlarge figsize or leave it out so the figure grows to fit."
                        if figsize is not None else "")
                raise LayoutError(f"grid {i} of concat(): {exc} {hint}".rstrip()) from None
        if own:
            w = sum(r.model.x.total.value() for r in runs) + self.gap * (len(runs) - 1)
            fig.set_size_inches(w, runs[0].model.y.total.value())

        widths = []
        for k, r in enumerate(runs):
            if k:
                widths.append(self.gap)
            widths.append(r.model.x.total.value())
        kw = dict(width_ratios=widths, wspace=0, hspace=0)
        if isinstance(host, SubplotSpec):
            outer = GridSpecFromSubplotSpec(1, len(widths), subplot_spec=host, **kw)
        else:
            outer = GridSpec(1, len(widths), figure=host, left=0, right=1, bottom=0, top=1, **kw)
        self.figure = fig
        self.layout = [r.model for r in runs]
        for k, (g, run) in enumerate(zip(self.grids, runs)):
            heat = _place(run, outer[0, 2 * k])
            g.figure, g.ax_heatmap, g.layout, g.heatmap_axes = fig, heat[0][0], run.model, heat
        return fig

    def _constrain(self, solver: kiwi.Solver, runs: list, figsize: Any) -> None:
        """Tie the grids' tracks together: one heatmap height with aligned
        tops, and the widths summing to the figure's."""
        req = "required"
        y0 = runs[0].model.y
        top0 = y0.extra_lo + y0.slack + sum((c.var + c.pad for c in y0.lo), 0.0)
        for r in runs[1:]:
            y = r.model.y
            solver.addConstraint((y.main == y0.main) | req)
            solver.addConstraint((y.total == y0.total) | req)
            top = y.extra_lo + y.slack + sum((c.var + c.pad for c in y.lo), 0.0)
            solver.addConstraint((top == top0) | req)
        width = sum((r.model.x.total for r in runs), 0.0) + self.gap * (len(runs) - 1)
        if figsize is not None:
            solver.addConstraint((width == figsize[0]) | req)
            solver.addConstraint((y0.total == figsize[1]) | req)
            x0, n0 = runs[0].model.x, runs[0].comp.matrix.shape[1]
            for r in runs[1:]:
                x, n = r.model.x, r.comp.matrix.shape[1]
                solver.addConstraint(((x.main - x.gaps_total) * n0 == (x0.main - x0.gaps_total) * n)
                                     | req)
        else:
            for g, r in zip(self.grids, runs):
                cw, ch = g._cell or g._default_cell()
                x = r.model.x
                solver.addConstraint((x.main - x.gaps_total == r.comp.matrix.shape[1] * cw) | req)
            cw0, ch0 = self.grids[0]._cell or self.grids[0]._default_cell()
            solver.addConstraint((y0.main - y0.gaps_total == runs[0].comp.matrix.shape[0] * ch0)
                                 | req)

    def __repr__(self) -> str:
        return "<ConcatGrid of " + ", ".join(repr(g) for g in self.grids) + ">"


def _reorder_rows(c: "Compiled", perm: np.ndarray, c0: "Compiled", rs0: Any) -> "Compiled":
    """``c`` with its rows in the first grid's drawn order (``perm`` indexes
    ``c``'s drawn rows).  Fields shaped like the matrix move with it; the
    row tree and slices are the first grid's."""
    shape = c.matrix.shape
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(c):
        v = getattr(c, f.name)
        if isinstance(v, pd.DataFrame) and v.shape == shape:
            changes[f.name] = v.iloc[perm]
        elif isinstance(v, np.ndarray) and v.ndim >= 2 and v.shape[:2] == shape:
            changes[f.name] = v[perm]
    row_index = np.asarray(c.row_index)[perm]
    changes.update(row_index=row_index, row_linkage=c0.row_linkage,
                   row_slices=dataclasses.replace(rs0, index=row_index))
    return dataclasses.replace(c, **changes)
