"""Several grids side by side or stacked, laid out in one solve.

``cg.concat([g1, g2])`` (or ``g1 + g2``) draws the grids side by side,
sharing the row order; ``cg.concat([g1, g2], axis=0)`` (or ``g1 / g2``)
stacks them, sharing the column order.  Each grid keeps its own other axis,
colours, panels, ``cell_size`` and ``square``.  This module only builds the
plans: the render stage lays them out with the same path as a single grid,
in one kiwisolver model, so the heatmaps share one extent along the shared
axis and line up, however large each grid's panels are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypeGuard

import numpy as np
import pandas as pd

from ._input.matrix import mismatch_parts
from ._order.split import whole_axis
from ._output.drawable import Drawable
from ._plan.blocks import cut_block
from ._plan.plan import OrderedMatrix, Plan
from ._support.warn import warn
from .sizes import as_pair, to_inches

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure
    from typing_extensions import Self  # typing.Self from Python 3.11

    from ._layout.model import LayoutModel
    from ._order.split import Slices
    from .grid import ClusterGrid
    from .result import DrawTarget, Result

__all__ = ["concat", "ConcatGrid", "nesting_error"]

_AXES = {0: ("column", "col", "stacked"), 1: ("row", "row", "side by side")}


def concat(
    grids: Sequence[ClusterGrid],
    *,
    axis: int = 1,
    main: int = 0,
    gap: float | str = "4mm",
    figsize: tuple[float | str, float | str] | None = None,
    dpi: float | None = None,
) -> ConcatGrid:
    """Lay out several grids side by side (``axis=1``) or stacked (``axis=0``).

    Parameters
    ----------
    grids : sequence of ClusterGrid
        With ``axis=1`` their matrices must have the same row labels (in any
        order), with ``axis=0`` the same column labels.  That shared axis is
        drawn in the order of grid ``main``: its clustering, explicit order
        and split apply to all (the shared-axis Dendrograms of the other
        grids show that tree).  Each grid keeps its own other axis, colour
        scale, panels, ``cell_size`` and ``square``.
    axis : {1, 0}, default 1
        1: side by side, sharing rows.  0: stacked top to bottom, sharing
        columns.
    main : int, default 0
        The grid whose order (and cell size along the shared axis) the
        others follow.
    gap : length, default "4mm"
        Space between neighbouring grids.
    figsize : (w, h), optional
        The whole figure; the heatmaps share the room left with equal cells
        (a grid with ``square=True`` keeps square cells instead).  Default:
        each grid keeps its own cell size (along the shared axis, the main
        grid's).  The grids' own ``figsize`` is not used.
    dpi : float, optional
        Default: the main grid's.

    Returns
    -------
    ConcatGrid
        Draw it with ``.draw()``, ``.save(path)``, ``.show()``, or show it
        in a notebook.  One ``Legends`` panel in any grid lists the legends
        of every grid, merging legends with the same title.

    Examples
    --------
    >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
    >>> z = (X - X.mean()) / X.std()
    >>> a = cg.ClusterGrid(z.iloc[:, :6], cmap="RdBu_r", center=0).cluster()
    >>> b = cg.ClusterGrid(z.iloc[:, 6:], cmap="PuOr_r", center=0)
    >>> both = cg.concat([a, b])  # or: a + b; stacked: axis=0, or a / b
    >>> both.save("figure.pdf")
    >>> both.row_order.equals(a.row_order)  # b follows a's rows
    True
    """
    return ConcatGrid(grids, axis=axis, main=main, gap=gap, figsize=figsize, dpi=dpi)


def nesting_error() -> TypeError:
    """The error for a concat nested in a concat of the other axis."""
    return TypeError(
        "concat() takes ClusterGrid objects; nesting a concat of the "
        "other axis is not supported: build the figure from one axis, or "
        "draw each concat into a SubFigure (concat(...).on(subfig))"
    )


def _is_grid(g: object) -> TypeGuard[ClusterGrid]:
    """A ClusterGrid: a Drawable that draws one grid (this module does not
    import grid.py; it reads its grids through the draw protocol of
    ``_output/drawable.py``)."""
    return isinstance(g, Drawable) and g._one_grid


class ConcatGrid(Drawable):
    """Grids drawn side by side or stacked in one layout (see :func:`concat`)."""

    _one_grid: ClassVar[bool] = False

    def __init__(
        self,
        grids: Sequence[ClusterGrid],
        *,
        axis: int = 1,
        main: int = 0,
        gap: float | str = "4mm",
        figsize: tuple[float | str, float | str] | None = None,
        dpi: float | None = None,
    ) -> None:
        if axis not in (0, 1) or isinstance(axis, bool):
            raise ValueError(
                f"concat() axis must be 1 (side by side) or 0 (stacked), got {axis!r}"
            )
        given: list[object] = (
            [grids] if _is_grid(grids) else list(grids)  # one grid: [grid]
        )
        if not given:
            raise ValueError("concat() needs at least one ClusterGrid")
        for g in given:
            if isinstance(g, ConcatGrid):
                raise nesting_error()
            if not _is_grid(g):
                raise TypeError(
                    f"concat() takes ClusterGrid objects, got {type(g).__name__}"
                )
        grids = [g for g in given if _is_grid(g)]  # all of them (checked above)
        if len({id(g) for g in grids}) != len(grids):
            raise ValueError(
                "concat() got the same grid twice; build a second ClusterGrid"
            )
        if (
            isinstance(main, bool)
            or not isinstance(main, (int, np.integer))
            or not -len(grids) <= main < len(grids)
        ):
            raise ValueError(
                f"concat() main= must be the index of one of the {len(grids)} grids, "
                f"got {main!r}"
            )
        self.axis = int(axis)
        self.main = int(main) % len(grids)
        what, key, _ = _AXES[self.axis]
        first = (
            grids[self.main]._data.rows
            if self.axis == 1
            else grids[self.main]._data.cols
        )
        for i, g in enumerate(grids, start=1):
            labels = g._data.rows if self.axis == 1 else g._data.cols
            missing, extra = (
                first.difference(labels, sort=False),
                labels.difference(first, sort=False),
            )
            parts = mismatch_parts(
                list(missing),
                list(extra),
                f"it lacks {what}(s) {{}}",
                f"it has {what}(s) {{}} the main grid lacks",
            )
            if parts:
                fix = (
                    "df2.reindex(df1.index)"
                    if self.axis == 1
                    else "df2.reindex(columns=df1.columns)"
                )
                raise ValueError(
                    f"grid {i} of concat() does not share the main grid's {what}s: "
                    + "; ".join(parts)
                    + f". Give every matrix the same {what} "
                    f"labels (e.g. {fix})."
                )
        self.grids: list[ClusterGrid] = grids
        self.gap = to_inches(gap)
        self.figsize = None if figsize is None else as_pair(figsize, "figsize")
        if dpi is not None and (
            isinstance(dpi, bool)
            or not isinstance(dpi, (int, float, np.number))
            or not np.isfinite(dpi)
            or dpi <= 0
        ):
            raise ValueError(f"concat() dpi must be a positive number, got {dpi!r}")
        self.dpi = float(dpi) if dpi is not None else grids[self.main]._dpi
        self._target: DrawTarget | None = None
        self._result: Result | None = None

    # -- builder ---------------------------------------------------------------
    def __add__(self, other: object) -> ConcatGrid:
        return self._extend(other, 1)

    def __truediv__(self, other: object) -> ConcatGrid:
        return self._extend(other, 0)

    def _extend(self, other: object, axis: int) -> ConcatGrid:
        rest: list[ClusterGrid]
        if isinstance(other, ConcatGrid) and other.axis == axis == self.axis:
            rest = other.grids
        elif _is_grid(other) and axis == self.axis:
            rest = [other]
        elif _is_grid(other):
            raise TypeError(
                "cannot mix '+' (side by side) and '/' (stacked) in one concat; "
                "draw each concat into a SubFigure instead"
            )
        else:
            return NotImplemented
        return ConcatGrid(
            self.grids + list(rest),
            axis=self.axis,
            main=self.main,
            gap=self.gap,
            figsize=self.figsize,
            dpi=self.dpi,
        )

    def on(self, target: DrawTarget) -> Self:
        """Draw into an existing Figure, SubFigure or SubplotSpec (its size is kept)."""
        self._target = target
        return self

    @property
    def row_order(self) -> pd.Index:
        """Row labels in drawn order (shared by every grid when side by side)."""
        return self.grids[self.main].row_order

    @property
    def col_order(self) -> pd.Index:
        """Column labels in drawn order (shared by every grid when stacked)."""
        return self.grids[self.main].col_order

    @property
    def figure(self) -> Figure | None:
        """The last drawn figure."""
        return None if self._result is None else self._result.figure

    @property
    def result(self) -> Result | None:
        """What the last draw produced (one ``GridResult`` per grid), or None."""
        return self._result

    @property
    def layout(self) -> list[LayoutModel]:
        """The solved layout of each grid in the last draw."""
        return [] if self._result is None else [g.layout for g in self._result.grids]

    # -- plans -----------------------------------------------------------------
    def _plans(self) -> list[Plan]:
        """Each grid's plan, the shared axis in the main grid's drawn order
        (the draw protocol; each grid's own plan from its ``_plans()``)."""
        key = "row" if self.axis == 1 else "col"
        m = self.grids[self.main]
        (main_plan,) = m._plans()
        cm = main_plan.ordered
        shared = (
            cm.row_slices or whole_axis(cm.row_index, cm.row_linkage)
            if key == "row"
            else cm.col_slices or whole_axis(cm.col_index, cm.col_linkage)
        )
        # the space between the shared axis's slices is the main grid's
        split_gap = main_plan.gap[1] if key == "row" else main_plan.gap[0]
        out = []
        for i, g in enumerate(self.grids):
            (plan,) = [main_plan] if g is m else g._plans()
            plan = dataclasses.replace(plan, name=f"grid {i + 1} of concat()")
            if g is not m:
                c = plan.ordered
                order = c.matrix.index if key == "row" else c.matrix.columns
                target = cm.matrix.index if key == "row" else cm.matrix.columns
                perm = order.get_indexer(target)
                plan = dataclasses.replace(
                    plan, ordered=_follow(c, perm, cm, shared, key)
                )
            gaps = (
                (plan.gap[0], split_gap) if key == "row" else (split_gap, plan.gap[1])
            )
            out.append(dataclasses.replace(plan, gap=gaps))
        return _one_legends(out, self.axis)

    # -- output ------------------------------------------------------------------
    def draw(self, target: DrawTarget | None = None) -> Figure:
        """Lay out every grid in one solve and draw; return the Figure.

        Parameters
        ----------
        target : Figure, SubFigure or SubplotSpec, optional
            Draw into it (keeping its size) instead of a new Figure.

        Returns
        -------
        Figure
        """
        return super().draw(target)

    # the draw protocol (_output/drawable.py) beyond _plans()
    def _spec_version(self) -> tuple[Hashable, ...]:
        return tuple(g._spec_version() for g in self.grids)

    def _render_options(self) -> dict[str, Any]:
        return dict(
            axis=self.axis,
            main=self.main,
            gap=self.gap,
            figsize=self.figsize,
            dpi=self.dpi,
        )

    def _draw_rc(self) -> dict[str, Any] | None:
        """The draw protocol: the main grid's rcParams (its style at build);
        a member built with other rcParams is drawn with the main grid's,
        with a warning naming the keys."""
        main = self.grids[self.main]._draw_rc()
        for i, g in enumerate(self.grids):
            other = g._draw_rc()
            if other is main or other == main:
                continue
            keys = sorted(k for k in main if other.get(k) != main.get(k))
            warn(
                f"concat: grid {i} was made with other rcParams than the main grid "
                f"{self.main} ({', '.join(keys[:4])}); the concatenation is drawn "
                "with the main grid's (make them in the same style, or pass rc= "
                "to each)"
            )
        return main

    def _drawn(self, result: Result) -> None:
        # each grid's views (figure, ax_heatmap, panel axes) show its part of
        # this draw; a grid drawn on its own afterwards draws afresh
        for g, gr in zip(self.grids, result.grids, strict=True):  # one result per grid
            g._keep(dataclasses.replace(result, grids=[gr], version=None))

    def __repr__(self) -> str:
        how = _AXES[self.axis][2]
        return f"<ConcatGrid {how} of " + ", ".join(repr(g) for g in self.grids) + ">"


def _one_legends(plans: list[Plan], axis: int) -> list[Plan]:
    """Every Legends panel lists the legends of all grids, so the grids'
    automatic Legends panels would repeat each other: keep none when a grid
    has a Legends panel of its own, else only the last grid's (side by side)
    or the first's (stacked: beside the top grid)."""
    from .panels.legends import Legends

    explicit = any(
        isinstance(s.panel, Legends) and not s.auto for p in plans for s in p.slots
    )
    keep = None if explicit else (len(plans) - 1 if axis == 1 else 0)
    out = []
    for i, p in enumerate(plans):
        slots = tuple(
            s
            for s in p.slots
            if not (s.auto and isinstance(s.panel, Legends) and i != keep)
        )
        out.append(dataclasses.replace(p, slots=slots))
    return out


def _follow(
    c: OrderedMatrix, perm: np.ndarray, cm: OrderedMatrix, shared: Slices, key: str
) -> OrderedMatrix:
    """``c`` with its shared axis in the main grid's drawn order (``perm``
    indexes ``c``'s drawn order).  Fields shaped like the matrix move with
    it; that axis's tree and slices are the main grid's."""
    rows, cols = (perm, slice(None)) if key == "row" else (slice(None), perm)
    moved = cut_block(c, rows, cols)
    index = moved.row_index if key == "row" else moved.col_index
    changes: dict[str, Any] = {}  # keyword arguments of dataclasses.replace
    changes[f"{key}_linkage"] = cm.row_linkage if key == "row" else cm.col_linkage
    changes[f"{key}_slices"] = dataclasses.replace(shared, index=index)
    if c.cells is not None and hasattr(c.cells, "reordered"):
        changes["cells"] = c.cells.reordered(perm, key)
    return dataclasses.replace(moved, **changes)
