"""The predicted measure/solve loop: every panel's ``measure()`` at the
heatmap size of the last solve (per slice on a split axis), plus what an
earlier draw showed, fed to the solver until what is claimed holds what is
measured (:func:`measure_until_fit`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._layout.model import LayoutError, LayoutModel
from ..panels.base import CORNERS, Extent
from ..sizes import _AutoType
from .grid_run import check_layouts

if TYPE_CHECKING:  # pragma: no cover
    from .._plan.plan import Slot
    from .grid_run import GridRun

__all__ = ["measure_until_fit"]

_MAX_PASSES = 8  # measure/solve passes per draw


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
    """The (w, h) in inches a corner panel has, less what reaches into it."""
    vert, horiz = corner.split("-")
    xs = model.x.parts()[model.x.corner_span("lo" if horiz == "left" else "hi")]
    ys = model.y.parts()[model.y.corner_span("lo" if vert == "top" else "hi")]
    dx = model.x.corner_inset("lo" if horiz == "left" else "hi")
    dy = model.y.corner_inset("lo" if vert == "top" else "hi")
    return max(sum(xs) - dx, 0.0), max(sum(ys) - dy, 0.0)


def _measure(run: GridRun, lengths: tuple[float, float], solved: bool = True) -> _Needs:
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
    run: GridRun,
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


def _measure_side(run: GridRun, s: Slot, length: float) -> Extent:
    """Measure a side panel along a heatmap side of ``length`` inches (per
    slice for a sliced panel on a split axis)."""
    if not s.panel.sliced:
        return s.panel.measure(run.contexts.whole(run.base_ctx, s.side, length))
    vertical = s.side in ("left", "right")
    slices, tr = (
        (run.row_slices, run.model.y) if vertical else (run.col_slices, run.model.x)
    )
    cells = max(length - tr.gaps_total, 0.0)
    total = max(sum(slices.counts), 1)
    exts = [
        s.panel.measure(
            run.contexts.of_slice(run.base_ctx, s.side, slices, t, cells * c / total)
        )
        for t, c in enumerate(slices.counts)
    ]
    thick = [e.thickness for e in exts]
    return Extent(
        thickness=None if None in thick else max(t for t in thick if t is not None),
        before=exts[0].before,
        after=exts[-1].after,
    )


def _add_drawn(
    run: GridRun, needs: dict[str, dict[str, float]], who: dict[str, dict[str, str]]
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


def _fits(run: GridRun, m: _Needs) -> bool:
    """Does the current solution hold what was measured at its size?"""
    model, base_ctx = run.model, run.base_ctx
    if any(t > run.claim_of[i].measured + 1e-6 for i, _, t in m.autos):
        return False
    for key, tr in (("x", model.x), ("y", model.y)):
        if any(v > tr.need[k] + 1e-6 for k, v in m.tracks[key].items()):
            return False
    reach = base_ctx._engine.corner_reach
    return all(d <= reach.get(c, frozenset()) for c, d in m.reach.items())


def _unsettled(run: GridRun, m: _Needs) -> list[str]:
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


def _suggest(run: GridRun, m: _Needs, grow_only: bool) -> None:
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


def measure_until_fit(
    runs: list[GridRun],
    solve: Callable[[], None],
    guesses: list[tuple[float, float]],
) -> None:
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
        check_layouts(runs)  # a figure too small for its panels: say what does not fit
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
