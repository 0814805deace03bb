"""Measuring what was drawn: each panel's tight bounding box against the box
the layout gave it.  What reaches beyond it becomes a need for the next
solve (:class:`DrawnNeeds`), or, after the last draw, an error in words;
and, in a figure of a fixed size, a warning when the heatmap gets little of
it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from .._support.warn import warn
from ..panels.base import CORNERS
from .target import host_size

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ..result import GridResult
    from .grid_run import GridRun

__all__ = ["DrawnNeeds", "measure_drawn", "drawn_misfits", "warn_share", "MIN_SHARE"]

MIN_SHARE = 0.25  # warn when the heatmap gets less of the figure than this
_HALF_PX = 0.5  # drawn overflow below this many pixels is noise


@dataclass
class DrawnNeeds:
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
    extents: dict = field(default_factory=dict)  # id(axes) -> drawn extent, inches

    def merge(self, other: DrawnNeeds) -> None:
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


def measure_drawn(
    run: GridRun, grid: GridResult, fig: Figure, renderer: Any
) -> DrawnNeeds:
    """Each panel's drawn tight bounding box against its box, in inches:
    margins across the heatmap, overhangs past its ends, corner sizes."""
    out = DrawnNeeds()
    dpi = fig.dpi
    tight: list = []  # (side, name, bbox) of every side panel's drawn content
    for idx, rec in enumerate(grid.panels):
        s = rec.slot
        boxes = []
        for pl in rec.placed:  # type: ignore[attr-defined]
            tb = pl.ax.get_tightbbox(renderer)
            if tb is None or not np.all(np.isfinite(tb.extents)):
                continue
            out.extents[id(pl.ax)] = tuple(v / dpi for v in tb.extents)
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


def _perpendicular_clashes(tight: list, out: DrawnNeeds, dpi: float) -> None:
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


def drawn_misfits(run: GridRun, m: DrawnNeeds, dpi: float) -> list[str]:
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


def warn_share(
    runs: list[GridRun], fig: Figure, host: Any, own: bool, axis: int | None
) -> None:
    """Warn when, in a figure of a fixed size, a heatmap gets under a quarter
    of its width or height, naming the panels that take the space."""
    fw, fh = fig.get_size_inches() if own else host_size(host)
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
