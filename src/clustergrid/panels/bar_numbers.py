"""The numbers a :class:`~clustergrid.BarTrack` writes past its bars' ends
(``numbers=True``): formatted, fitted inside the panel by widening the value
range, shrunk to the cell along the axis, and upright when wider than a
top/bottom bar's cell."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import numpy as np

from .._support.text import measure_texts

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.text import Annotation

    from .context import Context
    from .value_track import ValueTrack

__all__ = ["check_numbers", "write_numbers"]

_PAD_PT = 1.5  # between a bar's end and its number
_MIN_PT = 3.0  # numbers are never shrunk below this


def check_numbers(numbers: object) -> str | None:
    """The format spec of ``BarTrack(numbers=...)`` (None: no numbers)."""
    if numbers is False or numbers is None:
        return None
    if numbers is True:
        return "g"
    if isinstance(numbers, str):
        try:
            format(1, numbers) if numbers.endswith("d") else format(1.0, numbers)
        except ValueError:
            raise ValueError(
                f"BarTrack(numbers={numbers!r}) is not a format spec for numbers; "
                "use True, or a spec such as '.1f', 'd' or ',.0f'"
            ) from None
        return numbers
    raise TypeError(
        f"BarTrack(numbers=...) takes True/False or a format spec string, got "
        f"{type(numbers).__name__}"
    )


def _fmt(v: float, spec: str) -> str:
    if spec.endswith("d") and float(v).is_integer():
        return format(int(v), spec)
    return format(float(v), spec.replace("d", "g") if spec.endswith("d") else spec)


def write_numbers(
    track: ValueTrack, ax: Axes, ctx: Context, values: np.ndarray
) -> list[Annotation]:
    """Write ``values`` (this slice's, drawn order) past the bars' ends and
    widen the value axis so the longest bar's number stays inside the
    panel.  Every slice widens it alike: the room is computed from the
    values of the whole axis and the panel's thickness, which every slice
    shares."""
    spec = getattr(track, "numbers", None) or "g"
    vertical = ctx.orientation == "vertical"
    dpi = ctx.figure.dpi
    fs = track._fs()
    whole = track.all_values(ctx)
    whole = whole[np.isfinite(whole)]
    texts = [_fmt(v, spec) for v in whole]
    if not len(texts):
        return []
    bbs = measure_texts(texts, ctx.renderer, ctx.figure, fontsize=fs)
    w, h = bbs[:, 1] - bbs[:, 0], bbs[:, 3] - bbs[:, 2]
    cell = ctx.cell
    # along the axis: a number is as tall as a cell at most (shrink it)
    along = h if vertical else np.minimum(w, h)
    if along.max() > cell * 0.95 and cell > 0:
        fs = max(_MIN_PT, fs * cell * 0.95 / float(along.max()))
        scale = fs / track._fs()
        w, h = w * scale, h * scale
    upright = (not vertical) and bool(w.max() > cell * 0.95)
    across = w if (vertical or upright) else h
    thick = (ax.bbox.width if vertical else ax.bbox.height) / dpi
    pad = _PAD_PT / 72
    lo, hi = track.value_range(ctx)
    room = thick - pad - across
    if (room <= 0).any() or thick <= 0:
        warnings.warn(
            f"{type(track).__name__}(numbers=...): the panel is too thin "
            f"({thick * 25.4:.1f} mm) for its numbers; they are left out. Give the "
            "panel more room (size='25mm')",
            stacklevel=2,
        )
        return []
    span = max(hi - lo, float(np.max((whole - lo) * thick / room)))
    flip = ctx.side in ("left", "bottom")
    lim = (lo + span, lo) if flip else (lo, lo + span)
    (ax.set_xlim if vertical else ax.set_ylim)(*lim)
    out: list[Annotation] = []
    sign = -1.0 if flip else 1.0
    for i, v in enumerate(values):
        if not np.isfinite(v):
            continue
        xy = (v, i + 0.5) if vertical else (i + 0.5, v)
        off = (sign * _PAD_PT, 0.0) if vertical else (0.0, sign * _PAD_PT)
        if vertical:
            ha, va = ("right" if flip else "left"), "center"
        else:
            ha, va = "center", ("top" if flip else "bottom")
        t = ax.annotate(
            _fmt(v, spec),
            xy,
            xytext=off,
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=fs,
            rotation=90 if upright else 0,
            rotation_mode="default",
            annotation_clip=False,
            parse_math=False,
        )
        t.set_gid("clustergrid:bar-number")
        out.append(t)
    return out
