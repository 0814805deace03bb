"""The layout solver: panel claims -> kiwisolver constraints -> solved boxes.

Each direction (horizontal, vertical) is a *track*, an ordered list of parts
from the figure edge inward and out again::

    base_lo | extra_lo | slot_k pad_k ... slot_1 pad_1 | heatmap | pad_1 slot_1 ... | extra_hi | base_hi

* ``base`` is a fixed outer margin; ``extra`` grows only when content must
  reach past the stacks (rotated labels, bar names, corner panels); a shared
  ``slack`` is added to both ``extra`` parts to centre the block when
  ``square=True`` leaves room over.
* Strengths follow matplotlib's constrained layout: containment and
  non-negative sizes are ``required``; claimed sizes and measured text are
  ``strong`` (measured values enter as edit variables); squareness is
  ``medium``; the wish for no extra margin is ``weak``.
* After solving, :func:`check` compares every solved size with what was
  claimed: kiwi silently gives up strong constraints when space runs out, and
  we turn that into a clear error instead of an overlap.

The solved part sizes are the width and height ratios of one GridSpec.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import kiwisolver as kiwi

from ._sizes import Size, _AutoType

__all__ = ["Claim", "Track", "LayoutModel", "LayoutError", "BASE_MARGIN"]

BASE_MARGIN = 0.04  # inches kept clear at every figure edge
_EPS = 1e-6
_BOUND = kiwi.strength.create(0.5, 0, 0)  # between strong (measured, fixed) and medium


class LayoutError(ValueError):
    """The requested figure cannot hold the heatmap and its panels."""


@dataclass
class Claim:
    """One panel's claim on a track: its size rule and the pad before it."""

    name: str
    size: "Size | _AutoType"
    pad: float
    var: kiwi.Variable = field(init=False)
    measured: float = 0.0

    def __post_init__(self) -> None:
        self.var = kiwi.Variable(f"{self.name}.size")


class Track:
    """One direction of the layout (``"x"`` or ``"y"``)."""

    def __init__(self, solver: kiwi.Solver, name: str, lo: Sequence[Claim], hi: Sequence[Claim],
                 counts: Sequence[int] | None = None,
                 gap: "float | Sequence[float]" = 0.0):
        self.name = name
        self.solver = solver
        V = kiwi.Variable
        self.total = V(f"{name}.total")
        self.main = V(f"{name}.heatmap")
        self.extra_lo, self.extra_hi = V(f"{name}.extra_lo"), V(f"{name}.extra_hi")
        self.slack = V(f"{name}.slack")
        self.lo, self.hi = list(lo), list(hi)
        # measured needs, as edit variables
        self.ovh_lo, self.ovh_hi = V(f"{name}.overhang_lo"), V(f"{name}.overhang_hi")
        self.corner_lo, self.corner_hi = V(f"{name}.corner_lo"), V(f"{name}.corner_hi")
        self.need = {"ovh_lo": 0.0, "ovh_hi": 0.0, "corner_lo": 0.0, "corner_hi": 0.0}
        # the heatmap is a run of slices (one when not split) with fixed gaps
        self.counts = [int(c) for c in counts] if counts else [1]
        # one gap per boundary between slices: a sequence, or one length for all
        nb = len(self.counts) - 1
        self.gaps = ([float(g) for g in gap] if isinstance(gap, (list, tuple))
                     else [float(gap)] * nb)
        if len(self.gaps) != nb:
            raise ValueError(f"{len(self.gaps)} gaps for {nb} boundaries between slices")
        self.gaps_total = sum(self.gaps)
        self.slices = [V(f"{name}.heatmap.slice{k}") for k in range(len(self.counts))]

        add = solver.addConstraint
        parts = [self.extra_lo, self.extra_hi, self.slack, self.main]
        for v in parts:
            add((v >= 0) | "required")
        ntot = sum(self.counts)
        add((self.main == sum(self.slices, 0.0) + self.gaps_total) | "required")
        for v, c in zip(self.slices, self.counts):
            add((v >= 0) | "required")
            add((v * ntot == c * (self.main - self.gaps_total)) | "required")
        stack_lo = sum((c.var + c.pad for c in self.lo), 0.0)
        stack_hi = sum((c.var + c.pad for c in self.hi), 0.0)
        add((self.total == 2 * BASE_MARGIN + self.extra_lo + self.extra_hi + 2 * self.slack
             + stack_lo + stack_hi + self.main) | "required")
        for c in self.lo + self.hi:
            add((c.var >= 0) | "required")
            if isinstance(c.size, _AutoType):
                solver.addEditVariable(c.var, "strong")
            elif c.size.relative == 0:  # a physical size: held like measured content
                add((c.var == c.size.absolute) | "strong")
            else:
                # a share of the heatmap is a preference: its bounds outrank the
                # ratio, and both give way before content that would overlap
                add((c.var == c.size.relative * self.main + c.size.absolute) | "medium")
                if c.size.min is not None:
                    add((c.var >= c.size.min) | _BOUND)
                if c.size.max is not None:
                    add((c.var <= c.size.max) | _BOUND)
        # content that reaches past the heatmap's ends must stay in the figure
        for ovh, extra, stack in ((self.ovh_lo, self.extra_lo, stack_lo),
                                  (self.ovh_hi, self.extra_hi, stack_hi)):
            solver.addEditVariable(ovh, "strong")
            add((extra + self.slack + stack >= ovh) | "required")
        # a corner box spans the extra margin and the stack, less the pad next to
        # the heatmap; it must hold its panel plus any content of the other
        # direction that reaches into it from the heatmap's edge (the panel is
        # inset by that much when placed)
        for corner, extra, claims, ovh in ((self.corner_lo, self.extra_lo, self.lo, self.ovh_lo),
                                           (self.corner_hi, self.extra_hi, self.hi, self.ovh_hi)):
            solver.addEditVariable(corner, "strong")
            inner_pad = claims[0].pad if claims else 0.0
            box = extra + self.slack + sum((c.var + c.pad for c in claims), 0.0) - inner_pad
            add((box >= corner) | "required")
            add((box >= corner + ovh - inner_pad) | "required")
        # extra margin is used only when needed; centring slack costs a bit more,
        # so a one-sided need grows one side while square leftovers centre the block
        add((self.extra_lo == 0) | kiwi.strength.create(0, 0, 1.0))
        add((self.extra_hi == 0) | kiwi.strength.create(0, 0, 1.0))
        add((self.slack == 0) | kiwi.strength.create(0, 0, 1.5))

    # -- measured inputs ---------------------------------------------------
    def suggest(self, **needs: float) -> None:
        for key, value in needs.items():
            self.need[key] = max(0.0, float(value))
            self.solver.suggestValue(getattr(self, key), self.need[key])

    def suggest_auto(self, claim: Claim, value: float) -> None:
        claim.measured = max(0.0, float(value))
        self.solver.suggestValue(claim.var, claim.measured)

    # -- results -----------------------------------------------------------
    def parts(self) -> list[float]:
        """Solved part sizes in inches, from the low edge to the high edge.

        Order: base, extra+slack, (slot, pad) for each lo claim from the outside
        in, heatmap, (pad, slot) for each hi claim from the inside out,
        extra+slack, base."""
        out = [BASE_MARGIN, self.extra_lo.value() + self.slack.value()]
        for c in reversed(self.lo):
            out += [c.var.value(), c.pad]
        for k, v in enumerate(self.slices):
            if k:
                out.append(self.gaps[k - 1])
            out.append(v.value())
        for c in self.hi:
            out += [c.pad, c.var.value()]
        out += [self.extra_hi.value() + self.slack.value(), BASE_MARGIN]
        return [max(0.0, v) for v in out]

    def index_of(self, claim: Claim) -> int:
        """Index of ``claim``'s slot in :meth:`parts`."""
        if claim in self.hi:
            return 2 + 2 * len(self.lo) + self.n_main + 2 * self.hi.index(claim) + 1
        k = self.lo.index(claim)
        return 2 + 2 * (len(self.lo) - 1 - k)

    @property
    def main_index(self) -> int:
        """Index in :meth:`parts` of the first heatmap slice."""
        return 2 + 2 * len(self.lo)

    @property
    def n_main(self) -> int:
        """Number of parts the heatmap spans (slices and the gaps between them)."""
        return 2 * len(self.slices) - 1

    @property
    def main_span(self) -> slice:
        """The parts of the whole heatmap, gaps included."""
        return slice(self.main_index, self.main_index + self.n_main)

    def slice_index(self, k: int) -> int:
        """Index in :meth:`parts` of heatmap slice ``k``."""
        return self.main_index + 2 * k

    def slice_sizes(self) -> list[float]:
        """Solved extent of each heatmap slice, in inches."""
        return [max(0.0, v.value()) for v in self.slices]

    def corner_inset(self, end: str) -> float:
        """How far content reaching past the heatmap's ``end`` ("lo"/"hi")
        enters that end's corner box, in inches."""
        claims = self.lo if end == "lo" else self.hi
        inner_pad = claims[0].pad if claims else 0.0
        return max(0.0, self.need["ovh_" + end] - inner_pad)

    def corner_span(self, end: str) -> slice:
        """The parts a corner box spans at the ``"lo"`` or ``"hi"`` end."""
        if end == "lo":
            return slice(1, self.main_index - (1 if self.lo else 0))
        start = self.main_index + self.n_main + (1 if self.hi else 0)
        return slice(start, len(self.parts()) - 1)

    def shortfalls(self) -> list[str]:
        """What was claimed but could not be given, in words."""
        msgs = []
        for c in self.lo + self.hi:
            got = c.var.value()
            if isinstance(c.size, _AutoType):
                want, short = c.measured, got < c.measured - 1e-4
            elif c.size.relative == 0:
                want, short = c.size.absolute, got < c.size.absolute - 1e-4
            else:  # a preference: it may give way, but not collapse
                want = c.size.resolve(self.main.value())
                short = got < 0.5 * want - 1e-4
            if short:
                msgs.append(f"{c.name} needs {want:.2f} in but got {got:.2f} in")
        for key, label in (("ovh_lo", "content reaching past the start"),
                           ("ovh_hi", "content reaching past the end"),
                           ("corner_lo", "the corner panel at the start"),
                           ("corner_hi", "the corner panel at the end")):
            if getattr(self, key).value() < self.need[key] - 1e-4:
                msgs.append(f"{label} needs {self.need[key]:.2f} in")
        return msgs


class LayoutModel:
    """A fresh kiwisolver model for one layout run.

    Parameters
    ----------
    claims : dict
        side -> list of :class:`Claim` (inner first).
    shape : (nrows, ncols)
    figsize : (w, h) inches or None
        Fixed total size; the heatmap takes what is left.
    cell : (w, h) inches or None
        Fixed cell size; the figure grows to fit.
    square : bool
        Keep cells square (with ``figsize``; with ``cell`` it is given).
    """

    def __init__(self, claims: dict[str, list[Claim]], shape: tuple[int, int], *,
                 figsize: tuple[float, float] | None, cell: tuple[float, float] | None,
                 square: bool, row_counts: Sequence[int] | None = None,
                 col_counts: Sequence[int] | None = None, gap: tuple[float, float] = (0.0, 0.0),
                 solver: kiwi.Solver | None = None):
        # several models may share one solver (cg.concat); then the caller
        # passes figsize=cell=None and constrains the sizes itself
        self.solver = s = solver if solver is not None else kiwi.Solver()
        self.shape = shape
        self.figsize, self.cell, self.square = figsize, cell, square
        self.x = Track(s, "x", claims.get("left", []), claims.get("right", []),
                       col_counts, gap[0])
        self.y = Track(s, "y", claims.get("top", []), claims.get("bottom", []),
                       row_counts, gap[1])
        nrows, ncols = shape
        # cell sizes apply to the heatmap less the gaps between slices
        cx, cy = self.x.main - self.x.gaps_total, self.y.main - self.y.gaps_total
        if figsize is not None:
            s.addConstraint((self.x.total == figsize[0]) | "required")
            s.addConstraint((self.y.total == figsize[1]) | "required")
            if square:
                s.addConstraint((cx * nrows == cy * ncols) | "medium")
        elif cell is not None:
            s.addConstraint((cx == ncols * cell[0]) | "required")
            s.addConstraint((cy == nrows * cell[1]) | "required")

    def solve(self) -> None:
        self.solver.updateVariables()

    @property
    def heatmap_size(self) -> tuple[float, float]:
        return self.x.main.value(), self.y.main.value()

    @property
    def figure_size(self) -> tuple[float, float]:
        return self.x.total.value(), self.y.total.value()

    def check(self, min_heatmap: float = 0.1) -> None:
        """The collapse guard: raise :class:`LayoutError` naming what does
        not fit, rather than letting panels overlap or leave the figure."""
        problems = [f"width: {m}" for m in self.x.shortfalls()]
        problems += [f"height: {m}" for m in self.y.shortfalls()]
        w, h = self.heatmap_size
        if w < min_heatmap or h < min_heatmap:
            problems.append(f"the heatmap would be only {w:.2f} x {h:.2f} in")
        if problems:
            if self.figsize is not None:
                hint = (f"figsize={self.figsize[0]:.2f}x{self.figsize[1]:.2f} in is too small. "
                        "Enlarge figsize, pass cell_size= instead so the figure grows to fit, "
                        "or make the panels smaller (e.g. Labels(fontsize=6), size=...).")
            else:
                hint = "Make the panels or labels smaller, or the cells larger."
            raise LayoutError("the layout does not fit: " + "; ".join(problems) + ". " + hint)

    def dump(self) -> str:
        """A readable table of the solved parts, for debugging."""
        lines = []
        for tr in (self.x, self.y):
            parts = tr.parts()
            lines.append(f"{tr.name}: total={tr.total.value():.4f} heatmap={tr.main.value():.4f}")
            lines.append("   " + " | ".join(f"{p:.3f}" for p in parts))
        return "\n".join(lines)
