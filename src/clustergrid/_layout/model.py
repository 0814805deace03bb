"""The layout stage: panel claims -> kiwisolver constraints -> solved parts.

Each direction (horizontal ``x``, vertical ``y``) is a :class:`Track`, an
ordered list of named parts from the figure's low edge to its high edge
(plotnine's idea: positions derive from the list, not from offset
arithmetic)::

    base | extra_lo | (out, slot, in, pad) per lo claim, outside in | heatmap slices
         | (pad, in, slot, out) per hi claim, inside out | extra_hi | base

* ``base`` is a fixed outer margin.  ``extra`` grows only when content must
  reach past the stacks (labels or titles wider than the heatmap, corner
  panels); a shared ``slack`` is added to both ``extra`` parts to centre the
  block when ``square=True`` leaves room over.
* ``out``/``in`` are a claim's *margins*: what its panel drew beyond its
  axes box away from / towards the heatmap, measured from the drawn tight
  bounding box as matplotlib's constrained layout measures margins.  They
  enter the solver as edit variables.
* Strengths follow matplotlib's constrained layout: containment and
  non-negative sizes are ``required``; fixed sizes and measured content are
  ``strong``; a relative size (a share of the heatmap) and its bounds are
  just under ``strong``; squareness is ``medium``; the wish for no extra
  margin is ``weak``.
* A relative size with ``min``/``max`` bounds is piecewise linear.  The
  model holds either the ratio or the bound it hit, and swaps between them
  after each solve (:meth:`Track.update_relative`), so a capped dendrogram
  never holds the heatmap back and leaves blank margins.
* After solving, :meth:`LayoutModel.check` compares every solved size with
  what was claimed: kiwi silently gives up strong constraints when space
  runs out, and we turn that into a :class:`LayoutError` instead of an
  overlap.

The solved part sizes become the width and height ratios of one GridSpec.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import IO

import kiwisolver as kiwi

from ..sizes import Size, _AutoType

__all__ = ["Claim", "Track", "LayoutModel", "LayoutError", "BASE_MARGIN"]

BASE_MARGIN = 0.04  # inches kept clear at every figure edge
_MIN_HEATMAP = 0.1  # inches: a smaller heatmap is a collapsed layout
_TOL = 1e-4
_SHARE = kiwi.strength.create(0.5, 0, 0)  # relative sizes: between strong and medium
_NO_EXTRA = kiwi.strength.create(0, 0, 1.0)
_NO_SLACK = kiwi.strength.create(0, 0, 1.5)


class LayoutError(ValueError):
    """The requested figure cannot hold the heatmap and its panels."""


@dataclass(eq=False)
class Claim:
    """One panel's claim on a track: its size rule and the pad before it.

    ``var`` is the panel's axes box across the heatmap; ``m_out``/``m_in``
    the margins its drawn content needs beyond that box."""

    name: str
    size: Size | _AutoType
    pad: float
    var: kiwi.Variable = field(init=False)
    m_in: kiwi.Variable = field(init=False)
    m_out: kiwi.Variable = field(init=False)
    measured: float = 0.0
    margins: tuple[float, float] = (0.0, 0.0)
    """The (in, out) margins last suggested, in inches."""
    clamp: str = ""
    """For a bounded relative size: "", "min" or "max" (the bound it holds)."""
    _rel: kiwi.Constraint | None = None

    def __post_init__(self) -> None:
        self.var = kiwi.Variable(f"{self.name}.size")
        self.m_in = kiwi.Variable(f"{self.name}.margin_in")
        self.m_out = kiwi.Variable(f"{self.name}.margin_out")

    @property
    def footprint(self) -> kiwi.Expression:
        """Everything the claim takes across the track, pad included."""
        return self.m_out + self.var + self.m_in + self.pad


@dataclass(frozen=True)
class _Part:
    name: str
    value: Callable[[], float]


def _pad_of(c: Claim) -> Callable[[], float]:
    """The claim's pad, read when the parts are read."""
    return lambda: c.pad


class Track:
    """One direction of the layout (``"x"`` or ``"y"``)."""

    def __init__(
        self,
        solver: kiwi.Solver,
        name: str,
        lo: Sequence[Claim],
        hi: Sequence[Claim],
        counts: Sequence[int] | None = None,
        gap: float | Sequence[float] = 0.0,
        frame: tuple[float, float] = (0.0, 0.0),
    ) -> None:
        self.name = name
        # room kept outside everything at the low and high edge for what the
        # user adds to the figure after drawing (axis labels, a suptitle)
        self.frame = (max(0.0, float(frame[0])), max(0.0, float(frame[1])))
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
        self.who: dict[
            str, str
        ] = {}  # need key -> the claim that needs it (for errors)
        # the heatmap is a run of slices (one when not split) with fixed gaps
        self.counts = [int(c) for c in counts] if counts else [1]
        nb = len(self.counts) - 1
        # one length for every boundary, or one per boundary
        gaps = (
            [float(g) for g in gap] if isinstance(gap, Sequence) else [float(gap)] * nb
        )
        if len(gaps) != nb:
            raise ValueError(
                f"{nb} gap(s) are needed between {nb + 1} slices, got {len(gaps)}"
            )
        self.gaps = gaps
        self.gaps_total = float(sum(gaps))
        self.slices = [V(f"{name}.heatmap.slice{k}") for k in range(len(self.counts))]

        add = solver.addConstraint
        for v in (self.extra_lo, self.extra_hi, self.slack, self.main):
            add((v >= 0) | "required")
        ntot = sum(self.counts)
        add((self.main == sum(self.slices, 0.0) + self.gaps_total) | "required")
        for v, count in zip(self.slices, self.counts, strict=True):
            add((v >= 0) | "required")
            add((v * ntot == count * (self.main - self.gaps_total)) | "required")
        stack_lo = sum((c.footprint for c in self.lo), 0.0)
        stack_hi = sum((c.footprint for c in self.hi), 0.0)
        add(
            (
                self.total
                == 2 * BASE_MARGIN
                + self.frame[0]
                + self.frame[1]
                + self.extra_lo
                + self.extra_hi
                + 2 * self.slack
                + stack_lo
                + stack_hi
                + self.main
            )
            | "required"
        )
        for c in self.lo + self.hi:
            for v in (c.var, c.m_in, c.m_out):
                add((v >= 0) | "required")
            for v in (c.m_in, c.m_out):
                solver.addEditVariable(v, "strong")
                solver.suggestValue(v, 0.0)
            if isinstance(c.size, _AutoType):
                solver.addEditVariable(c.var, "strong")
            elif c.size.relative == 0:  # a physical size: held like measured content
                add((c.var == c.size.absolute) | "strong")
            else:
                c.clamp = ""
                c._rel = (
                    c.var == c.size.relative * self.main + c.size.absolute
                ) | _SHARE
                add(c._rel)
        # content that reaches past the heatmap's ends must stay in the figure
        for ovh, extra, stack in (
            (self.ovh_lo, self.extra_lo, stack_lo),
            (self.ovh_hi, self.extra_hi, stack_hi),
        ):
            solver.addEditVariable(ovh, "strong")
            add((extra + self.slack + stack >= ovh) | "required")
        # a corner box spans the extra margin and the stack, less the pad next to
        # the heatmap; it must hold its panel plus any content of the other
        # direction that reaches into it from the heatmap's edge (the panel is
        # inset by that much when placed)
        for corner, extra, claims, ovh in (
            (self.corner_lo, self.extra_lo, self.lo, self.ovh_lo),
            (self.corner_hi, self.extra_hi, self.hi, self.ovh_hi),
        ):
            solver.addEditVariable(corner, "strong")
            inner_pad = claims[0].pad if claims else 0.0
            box = (
                extra + self.slack + sum((c.footprint for c in claims), 0.0) - inner_pad
            )
            add((box >= corner) | "required")
            add((box >= corner + ovh - inner_pad) | "required")
        # extra margin is used only when needed; centring slack costs a bit more,
        # so a one-sided need grows one side while square leftovers centre the block
        add((self.extra_lo == 0) | _NO_EXTRA)
        add((self.extra_hi == 0) | _NO_EXTRA)
        add((self.slack == 0) | _NO_SLACK)
        self._parts = self._build_parts()

    # -- the ordered list of parts -------------------------------------------
    def _build_parts(self) -> list[_Part]:
        P = _Part
        parts = [
            P("base", lambda: BASE_MARGIN + self.frame[0]),
            P("extra_lo", lambda: self.extra_lo.value() + self.slack.value()),
        ]
        for c in reversed(self.lo):  # from the figure edge inwards
            parts += [
                P(f"{c.name}.margin_out", c.m_out.value),
                P(c.name, c.var.value),
                P(f"{c.name}.margin_in", c.m_in.value),
                P(f"{c.name}.pad", _pad_of(c)),
            ]
        for k, v in enumerate(self.slices):
            if k:
                parts.append(P(f"gap{k}", self._gap_of(k - 1)))
            parts.append(
                P(f"heatmap[{k}]" if len(self.slices) > 1 else "heatmap", v.value)
            )
        for c in self.hi:  # from the heatmap outwards
            parts += [
                P(f"{c.name}.pad", _pad_of(c)),
                P(f"{c.name}.margin_in", c.m_in.value),
                P(c.name, c.var.value),
                P(f"{c.name}.margin_out", c.m_out.value),
            ]
        parts += [
            P("extra_hi", lambda: self.extra_hi.value() + self.slack.value()),
            P("base", lambda: BASE_MARGIN + self.frame[1]),
        ]
        return parts

    def _gap_of(self, k: int) -> Callable[[], float]:
        """Gap ``k`` (after slice ``k``), read when the parts are read."""
        return lambda: self.gaps[k]

    def part_names(self) -> list[str]:
        return [p.name for p in self._parts]

    def parts(self) -> list[float]:
        """Solved part sizes in inches, from the low edge to the high edge
        (names in :meth:`part_names`)."""
        return [max(0.0, float(p.value())) for p in self._parts]

    def index_of(self, claim: Claim) -> int:
        """Index of ``claim``'s axes box in :meth:`parts`."""
        return self.part_names().index(claim.name)

    @property
    def main_index(self) -> int:
        """Index in :meth:`parts` of the first heatmap slice."""
        return 2 + 4 * len(self.lo)

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

    def corner_span(self, end: str) -> slice:
        """The parts a corner box spans at the ``"lo"`` or ``"hi"`` end: the
        extra margin and the stack, less the pad next to the heatmap."""
        if end == "lo":
            return slice(1, self.main_index - (1 if self.lo else 0))
        start = self.main_index + self.n_main + (1 if self.hi else 0)
        return slice(start, len(self._parts) - 1)

    def corner_inset(self, end: str) -> float:
        """How far content reaching past the heatmap's ``end`` ("lo"/"hi")
        enters that end's corner box, in inches."""
        claims = self.lo if end == "lo" else self.hi
        inner_pad = claims[0].pad if claims else 0.0
        return max(0.0, self.need["ovh_" + end] - inner_pad)

    # -- measured inputs ---------------------------------------------------
    def suggest(self, **needs: float) -> None:
        for key, value in needs.items():
            self.need[key] = max(0.0, float(value))
            self.solver.suggestValue(getattr(self, key), self.need[key])

    def suggest_auto(self, claim: Claim, value: float) -> None:
        claim.measured = max(0.0, float(value))
        self.solver.suggestValue(claim.var, claim.measured)

    def suggest_margins(self, claim: Claim, m_in: float, m_out: float) -> None:
        claim.margins = (max(0.0, float(m_in)), max(0.0, float(m_out)))
        self.solver.suggestValue(claim.m_in, claim.margins[0])
        self.solver.suggestValue(claim.m_out, claim.margins[1])

    def update_relative(self) -> bool:
        """Hold each bounded relative size at its ratio or at the bound the
        ratio passes; True if any claim switched (solve again)."""
        changed = False
        main = self.main.value()
        for c in self.lo + self.hi:
            if c._rel is None or not isinstance(c.size, Size):
                continue
            want = c.size.relative * main + c.size.absolute
            mx, mn = c.size.max, c.size.min
            clamp = (
                "max"
                if mx is not None and want > mx + 1e-9
                else ("min" if mn is not None and want < mn - 1e-9 else "")
            )
            if clamp == c.clamp:
                continue
            self.solver.removeConstraint(c._rel)
            if clamp == "max" and mx is not None:
                c._rel = (c.var == mx) | _SHARE
            elif clamp == "min" and mn is not None:
                c._rel = (c.var == mn) | _SHARE
            else:
                c._rel = (
                    c.var == c.size.relative * self.main + c.size.absolute
                ) | _SHARE
            self.solver.addConstraint(c._rel)
            c.clamp, changed = clamp, True
        return changed

    # -- results -----------------------------------------------------------
    def shortfalls(self) -> list[str]:
        """What was claimed but could not be given, in words."""
        msgs = []
        for c in self.lo + self.hi:
            got = c.var.value()
            if isinstance(c.size, _AutoType):
                want, short = c.measured, got < c.measured - _TOL
            elif c.size.relative == 0:
                want, short = c.size.absolute, got < c.size.absolute - _TOL
            else:  # a preference: it may give way, but not collapse
                want = c.size.resolve(self.main.value())
                short = got < 0.5 * want - _TOL
            if short:
                msgs.append(f"{c.name} needs {want:.2f} in but got {got:.2f} in")
            for label, var, m in (
                ("inside", c.m_in, c.margins[0]),
                ("outside", c.m_out, c.margins[1]),
            ):
                if var.value() < m - _TOL:
                    msgs.append(
                        f"{c.name} draws {m:.2f} in beyond its box ({label}) but got "
                        f"{var.value():.2f} in"
                    )
        for key, label in (
            ("ovh_lo", "content reaching past the start"),
            ("ovh_hi", "content reaching past the end"),
            ("corner_lo", "the corner panel at the start"),
            ("corner_hi", "the corner panel at the end"),
        ):
            if getattr(self, key).value() < self.need[key] - _TOL:
                who = f" ({self.who[key]})" if self.who.get(key) else ""
                msgs.append(f"{label}{who} needs {self.need[key]:.2f} in")
        return msgs

    def claims_by_size(self) -> list[tuple[str, float]]:
        """Every claim with all it takes (margins and pad), largest first."""
        out = [
            (c.name, c.var.value() + c.m_in.value() + c.m_out.value() + c.pad)
            for c in self.lo + self.hi
        ]
        extra = self.extra_lo.value() + self.extra_hi.value() + 2 * self.slack.value()
        if extra > _TOL:
            out.append(("content reaching past the heatmap's ends", extra))
        return sorted(out, key=lambda t: -t[1])


class LayoutModel:
    """A fresh kiwisolver model for one grid's layout run.

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
    frame : (left, right, bottom, top) inches
        Room kept clear outside everything at each edge, for what the user
        added to the figure after drawing (see ``_render/engine.py``).
    solver : kiwisolver.Solver, optional
        Several models share one solver when grids are concatenated; the
        caller then passes ``figsize=cell=None`` and ties the sizes itself.
    """

    def __init__(
        self,
        claims: dict[str, list[Claim]],
        shape: tuple[int, int],
        *,
        figsize: tuple[float, float] | None,
        cell: tuple[float, float] | None,
        square: bool,
        row_counts: Sequence[int] | None = None,
        col_counts: Sequence[int] | None = None,
        gap: tuple[float | Sequence[float], float | Sequence[float]] = (0.0, 0.0),
        solver: kiwi.Solver | None = None,
        name: str = "",
        frame: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0),
    ) -> None:
        self.solver = s = solver if solver is not None else kiwi.Solver()
        self.name = name
        self.shape = shape
        self.figsize, self.cell, self.square = figsize, cell, square
        self.x = Track(
            s,
            "x",
            claims.get("left", []),
            claims.get("right", []),
            col_counts,
            gap[0],
            frame=(frame[0], frame[1]),
        )
        self.y = Track(
            s,
            "y",
            claims.get("top", []),
            claims.get("bottom", []),
            row_counts,
            gap[1],
            frame=(frame[3], frame[2]),
        )
        nrows, ncols = shape
        cx, cy = self.cell_extent
        if (
            figsize is not None
            and any(frame)
            and (
                frame[0] + frame[1] + 2 * BASE_MARGIN + _MIN_HEATMAP > figsize[0]
                or frame[2] + frame[3] + 2 * BASE_MARGIN + _MIN_HEATMAP > figsize[1]
            )
        ):
            raise LayoutError(
                f"figsize={figsize[0]:.3g}x{figsize[1]:.3g} in cannot keep "
                f"{frame[0]:.2f}/{frame[1]:.2f}/{frame[2]:.2f}/{frame[3]:.2f} in clear at the "
                "left/right/bottom/top for the texts added to the figure and still hold a "
                "heatmap"
            )
        if figsize is not None:
            least = 2 * BASE_MARGIN + _MIN_HEATMAP
            if min(figsize) < least:
                raise LayoutError(
                    f"figsize={figsize[0]:.3g}x{figsize[1]:.3g} in is too small to hold anything: "
                    f"the figure keeps {BASE_MARGIN} in clear at each edge and the heatmap needs at "
                    f"least {_MIN_HEATMAP} in, so each side must be at least {least:.2f} in. "
                    "Enlarge figsize, or pass cell_size= so the figure grows to fit."
                )
            s.addConstraint((self.x.total == figsize[0]) | "required")
            s.addConstraint((self.y.total == figsize[1]) | "required")
        if square and cell is None:
            s.addConstraint((cx * nrows == cy * ncols) | "medium")
        if cell is not None:
            s.addConstraint((cx == ncols * cell[0]) | "required")
            s.addConstraint((cy == nrows * cell[1]) | "required")

    @property
    def cell_extent(self) -> tuple[kiwi.Expression, kiwi.Expression]:
        """The heatmap's extent less the gaps between slices (kiwi terms)."""
        return self.x.main - self.x.gaps_total, self.y.main - self.y.gaps_total

    def solve(self) -> None:
        """Solve, then let bounded relative sizes settle on their bounds."""
        for _ in range(6):
            self.solver.updateVariables()
            if not (self.x.update_relative() | self.y.update_relative()):
                return

    @property
    def heatmap_size(self) -> tuple[float, float]:
        return self.x.main.value(), self.y.main.value()

    @property
    def figure_size(self) -> tuple[float, float]:
        return self.x.total.value(), self.y.total.value()

    def problems(self, min_heatmap: float = _MIN_HEATMAP) -> list[str]:
        out = [f"width: {m}" for m in self.x.shortfalls()]
        out += [f"height: {m}" for m in self.y.shortfalls()]
        w, h = self.heatmap_size
        if w < min_heatmap or h < min_heatmap:
            out.append(f"the heatmap would be only {w:.2f} x {h:.2f} in")
        return out

    def check(self, min_heatmap: float = _MIN_HEATMAP) -> None:
        """The collapse guard: raise :class:`LayoutError` naming what does
        not fit, rather than letting panels overlap or leave the figure."""
        problems = self.problems(min_heatmap)
        if problems:
            if self.figsize is not None:
                hint = (
                    f"figsize={self.figsize[0]:.2f}x{self.figsize[1]:.2f} in is too small. "
                    "Enlarge figsize, pass cell_size= instead so the figure grows to fit, "
                    "or make the panels smaller (e.g. Labels(fontsize=6), size=...)."
                )
            else:
                hint = "Make the panels or labels smaller, or the cells larger."
            raise LayoutError(
                "the layout does not fit: " + "; ".join(problems) + ". " + hint
            )

    def dump(self, file: IO[str] | None = None) -> str:
        """Print a table of the solved parts of both tracks, in inches, from
        the figure's left (x) or top (y) edge, and return it as a string.

        Each row names a part (``base`` margin, ``extra`` margin,
        ``side[k]:Panel`` axes boxes with their ``.pad`` and measured
        ``.margin_in``/``.margin_out``, ``heatmap`` slices and gaps), its size
        and where it starts.  Zero-size margins are left out."""
        lines = []
        for tr in (self.x, self.y):
            lines.append(
                f"{'width' if tr.name == 'x' else 'height'} ({tr.name}): total "
                f"{tr.total.value():.3f} in, heatmap {tr.main.value():.3f} in"
            )
            pos = 0.0
            for name, size in zip(tr.part_names(), tr.parts(), strict=True):
                if size > 1e-9 or not name.endswith(("margin_in", "margin_out")):
                    lines.append(f"  {pos:8.3f}  {size:8.3f}  {name}")
                pos += size
        text = "\n".join(lines)
        print(text, file=file if file is not None else sys.stdout)
        return text
