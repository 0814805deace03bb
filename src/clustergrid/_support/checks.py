"""Shared checkers for user options: numbers (numpy scalars accepted),
colours and canvas sizes.

Every checker names the option, shows the value it was given and says what
to pass instead, so the error reads the same wherever the option comes from.
"""

from __future__ import annotations

import numbers
from typing import TYPE_CHECKING, TypeGuard, cast

import matplotlib.colors as mcolors
import numpy as np

if TYPE_CHECKING:
    from matplotlib.typing import ColorType

__all__ = ["as_float", "check_real", "check_color", "check_canvas", "MAX_PIXELS"]

MAX_PIXELS = 2**27
"""The largest canvas clustergrid allocates: 134,217,728 pixels (512 MiB as
RGBA), e.g. 10 x 10 inches at 1150 dpi.  Larger canvases are refused before
anything is allocated."""


def _is_real(value: object) -> TypeGuard[numbers.Real]:
    """A real number: Python or numpy ints and floats, not bools."""
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def as_float(value: numbers.Real) -> float:
    """``float(value)`` for a real number; an int too large for a float is inf."""
    try:
        return float(value)
    except OverflowError:
        return float("-inf") if value < 0 else float("inf")


def check_real(
    value: object,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    fix: str = "",
) -> float:
    """``value`` as a finite float in ``[low, high]`` (``(low, high]`` with
    ``low_open``), or a ValueError/TypeError naming ``name``.

    Python and numpy ints and floats are accepted; bools, strings and
    anything else raise TypeError.
    """
    hint = f" ({fix})" if fix else ""
    if not _is_real(value):
        raise TypeError(
            f"{name} must be a number{hint}, got {value!r} ({type(value).__name__})"
        )
    v = as_float(value)
    if not np.isfinite(v):
        raise ValueError(f"{name} must be a finite number{hint}, got {value!r}")
    if low is not None and (v <= low if low_open else v < low):
        rel = ">" if low_open else ">="
        raise ValueError(f"{name} must be {rel} {low:g}{hint}, got {value!r}")
    if high is not None and v > high:
        raise ValueError(f"{name} must be at most {high:g}{hint}, got {value!r}")
    return v


def check_color(value: object, name: str) -> tuple[float, float, float, float]:
    """``value`` as an RGBA tuple, or a ValueError naming ``name``."""
    try:
        # anything is tried: to_rgba raises ValueError/TypeError for a non-colour
        r, g, b, a = mcolors.to_rgba(cast("ColorType", value))
        return (float(r), float(g), float(b), float(a))
    except (ValueError, TypeError):
        raise ValueError(
            f"{name}={value!r} is not a colour; use a name ('black'), a hex string "
            "('#1f77b4'), a grey level string ('0.5') or an RGB(A) tuple of 0..1 "
            "values"
        ) from None


def check_canvas(width: float, height: float, dpi: float, what: str) -> None:
    """Refuse a canvas of ``width`` x ``height`` inches at ``dpi`` that is
    larger than :data:`MAX_PIXELS`, before anything is allocated."""
    px = width * dpi * height * dpi
    if px > MAX_PIXELS:
        raise ValueError(
            f"{what} would need a canvas of {width * dpi:,.0f} x {height * dpi:,.0f} pixels "
            f"({width:.4g} x {height:.4g} in at dpi={dpi:g}, {px * 4 / 2**30:,.1f} GiB as RGBA), "
            f"more than clustergrid's limit of {MAX_PIXELS:,} pixels; lower dpi, cell_size or "
            f"figsize (or draw fewer rows/columns)"
        )
