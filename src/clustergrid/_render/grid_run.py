"""One grid's state through one render (:class:`GridRun`): made from its
plan by :func:`prepare` (the panels validated, their legends gathered, their
claims on the heatmap's sides made), then carried through the measure,
solve and draw passes.  :class:`PanelScope` keeps each slot's copy of its
panel's attributes."""

from __future__ import annotations

import contextlib
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.colors import ListedColormap

from .._layout.model import Claim, LayoutError
from .._order.split import Slices, whole_axis
from .._plan.palettes import PaletteBook, allocate_palettes
from ..panels.base import CORNERS, Context
from ..panels.context import EngineRecord
from .context import PanelContexts
from .drawn import DrawnNeeds

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from .._plan.plan import OrderedMatrix, Plan, Slot

__all__ = ["GridRun", "PanelScope", "prepare", "check_layouts"]


class PanelScope:
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

    def fork(self) -> PanelScope:
        new = PanelScope.__new__(PanelScope)
        new.panel, new.base, new.work = self.panel, self.base, dict(self.work)
        return new

    def changed(self) -> dict:
        return {
            k: v
            for k, v in self.work.items()
            if k not in self.base or self.base[k] is not v
        }


@dataclass
class GridRun:
    """One grid's state through one render: its plan, the contexts and
    claims of its panels, its layout model and what its draws showed."""

    plan: Plan
    base_ctx: Context
    row_slices: Slices
    col_slices: Slices
    claims: dict  # side -> [Claim], inner first
    claim_of: dict  # slot index -> Claim
    scopes: list  # slot index -> PanelScope
    contexts: PanelContexts  # makes its panels' contexts
    model: Any = None  # its LayoutModel, once made
    drawn: DrawnNeeds = field(default_factory=DrawnNeeds)

    @property
    def compiled(self) -> OrderedMatrix:
        return self.plan.ordered

    @property
    def slots(self) -> tuple[Slot, ...]:
        return self.plan.slots

    @property
    def slices_of(self) -> dict:
        return {
            "left": self.row_slices,
            "right": self.row_slices,
            "top": self.col_slices,
            "bottom": self.col_slices,
        }


def prepare(
    plan: Plan, renderer: Any, fig: Figure, book: PaletteBook | None = None
) -> GridRun:
    """Validate the panels, gather legends and make the solver claims;
    default category colours come from ``book`` (shared by a figure's grids)."""
    compiled, slots = plan.ordered, plan.slots
    occupied = frozenset(s.side for s in slots if s.side in CORNERS)
    base_ctx = Context(
        matrix=compiled.matrix,
        norm=compiled.norm,
        cmap=compiled.cmap,
        side="",
        row_order=compiled.row_order,
        col_order=compiled.col_order,
        row_linkage=compiled.row_linkage,
        col_linkage=compiled.col_linkage,
        renderer=renderer,
        figure=fig,
        row_index=compiled.row_index,
        col_index=compiled.col_index,
        _engine=EngineRecord(
            occupied_corners=occupied,
            movable_sides=frozenset(s.side for s in slots if s.panel.movable_overhang),
            row_universe=compiled.row_universe,
            col_universe=compiled.col_universe,
            matrix=compiled.matrix,
        ),
    )
    row_slices = compiled.row_slices or whole_axis(
        compiled.row_index, compiled.row_linkage
    )
    col_slices = compiled.col_slices or whole_axis(
        compiled.col_index, compiled.col_linkage
    )
    slices_of = {
        "left": row_slices,
        "right": row_slices,
        "top": col_slices,
        "bottom": col_slices,
    }
    contexts = PanelContexts(compiled)
    scopes = [PanelScope(s.panel) for s in slots]
    for s, sc in zip(slots, scopes, strict=True):
        with sc.active():
            if s.side in CORNERS or not s.panel.sliced:
                s.panel.validate(contexts.whole(base_ctx, s.side, 0.0))
            else:
                s.panel.validate(
                    contexts.of_slice(base_ctx, s.side, slices_of[s.side], 0, 0.0)
                )
    base_ctx = base_ctx._with_engine(
        palettes=_allocate_palettes(
            compiled, slots, scopes, contexts, base_ctx, slices_of, book
        )
    )
    # legends are known before layout, so a Legends panel can measure them
    legends = []
    for s, sc in zip(slots, scopes, strict=True):
        with sc.active():
            legends.append(s.panel.legend(contexts.whole(base_ctx, s.side, 0.0)))
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
    return GridRun(
        plan, base_ctx, row_slices, col_slices, claims, claim_of, scopes, contexts
    )


def _allocate_palettes(
    compiled: OrderedMatrix,
    slots: Sequence[Slot],
    scopes: list[PanelScope],
    contexts: PanelContexts,
    base_ctx: Context,
    slices_of: dict[str, Slices],
    book: PaletteBook | None,
) -> dict[Hashable, dict[Hashable, Any]]:
    """Default colours for every categorical colouring in the grid, none
    shared by unrelated categories: what the user gave (a categorical
    matrix's palette, a bar's) is kept and avoided."""
    taken: list[Any] = []
    cmap = compiled.cmap
    if isinstance(cmap, ListedColormap) and cmap.N <= 32:  # e.g. a categorical matrix
        taken.extend(cmap(np.arange(cmap.N)))
    requests: list[tuple[int, list[Any]]] = []
    for s, sc in zip(slots, scopes, strict=True):
        with sc.active():
            if s.side in CORNERS or not s.panel.sliced:
                ctx = contexts.whole(base_ctx, s.side, 0.0)
            else:
                ctx = contexts.of_slice(base_ctx, s.side, slices_of[s.side], 0, 0.0)
            taken.extend(s.panel._taken_colors(ctx))
            requests.extend(s.panel._palette_requests(ctx))
    return allocate_palettes(requests, taken, book)


def check_layouts(runs: list[GridRun]) -> None:
    """Check each grid's solved layout; an error names the grid (in a concat)."""
    for r in runs:
        try:
            r.model.check()
        except LayoutError as exc:
            if r.plan.name:
                raise LayoutError(f"{r.plan.name}: {exc}") from None
            raise
