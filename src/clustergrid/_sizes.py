"""Sizes that panels claim: physical, relative to the heatmap, or measured.

A size is a pair ``(relative, absolute)`` in the spirit of
``mpl_toolkits.axes_grid1.axes_size``: the solver turns it into the linear
term ``relative * heatmap_extent + absolute_inches``.  ``Auto`` asks the
panel to measure its content with the renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

__all__ = ["Size", "Fixed", "Relative", "Auto", "SizeLike", "to_inches", "as_size", "as_pair"]

_UNITS = {"in": 1.0, "inch": 1.0, "mm": 1 / 25.4, "cm": 1 / 2.54, "pt": 1 / 72.0}
_LENGTH_RE = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(in|inch|mm|cm|pt|%)?\s*$")


@dataclass(frozen=True)
class Size:
    """A linear size claim: ``relative * heatmap_extent + absolute`` inches.

    Parameters
    ----------
    relative : float
        Fraction of the heatmap's extent in the same direction.
    absolute : float
        Inches.
    min, max : float or None
        Optional bounds in inches, kept by the solver with strong strength.
    """

    relative: float = 0.0
    absolute: float = 0.0
    min: float | None = None
    max: float | None = None

    def __add__(self, other: "Size | float") -> "Size":
        other = as_size(other)
        return Size(self.relative + other.relative, self.absolute + other.absolute)

    __radd__ = __add__

    def __mul__(self, k: float) -> "Size":
        return Size(self.relative * k, self.absolute * k)

    __rmul__ = __mul__

    def resolve(self, heatmap_extent: float) -> float:
        """The size in inches for a heatmap of ``heatmap_extent`` inches."""
        v = self.relative * heatmap_extent + self.absolute
        if self.min is not None:
            v = max(v, self.min)
        if self.max is not None:
            v = min(v, self.max)
        return v


def Fixed(length: "float | str") -> Size:
    """A physical size: a number of inches, or a string such as ``"12mm"``,
    ``"10pt"`` or ``"0.5in"``."""
    return Size(0.0, to_inches(length))


def Relative(fraction: float, *, min: "float | str | None" = None,
             max: "float | str | None" = None) -> Size:
    """A fraction of the heatmap's extent in the same direction (a left
    panel's width relative to the heatmap's width), optionally bounded by
    physical ``min``/``max`` lengths."""
    if not isinstance(fraction, (int, float)) or fraction < 0:
        raise ValueError(f"Relative size must be a non-negative number, got {fraction!r}")
    return Size(float(fraction), 0.0,
                None if min is None else to_inches(min),
                None if max is None else to_inches(max))


class _AutoType:
    """Marker: the panel measures its own content."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "Auto"


Auto = _AutoType()

SizeLike = Union[Size, _AutoType, float, int, str]


def to_inches(length: "float | int | str") -> float:
    """Convert a length to inches.

    Numbers are inches; strings may carry a unit: ``in``, ``mm``, ``cm`` or
    ``pt`` (``"12mm"``, ``"10 pt"``).

    Raises
    ------
    ValueError
        For negative or unparseable lengths.
    """
    if isinstance(length, bool):
        raise TypeError(f"a length must be a number or a string like '12mm', got {length!r}")
    if isinstance(length, (int, float)):
        if not length >= 0:
            raise ValueError(f"lengths must be non-negative and finite, got {length!r}")
        if length == float("inf"):
            raise ValueError("lengths must be finite, got inf")
        return float(length)
    if isinstance(length, str):
        m = _LENGTH_RE.match(length)
        if m and m.group(2) != "%":
            return float(m.group(1)) * _UNITS[m.group(2) or "in"]
        raise ValueError(
            f"cannot read the length {length!r}: use a number of inches or a string "
            "with a unit such as '12mm', '1.5cm', '10pt' or '0.5in'")
    raise TypeError(f"a length must be a number or a string like '12mm', got {type(length).__name__}")


def as_size(value: SizeLike) -> "Size | _AutoType":
    """Coerce what a user passes as ``size=`` into a :class:`Size` or ``Auto``.

    Accepts a :class:`Size`, ``Auto`` or ``"auto"``, a number of inches, a
    length string (``"12mm"``) or a percentage of the heatmap (``"15%"``).
    """
    if isinstance(value, (Size, _AutoType)):
        return value
    if isinstance(value, str):
        if value.strip().lower() == "auto":
            return Auto
        m = _LENGTH_RE.match(value)
        if m and m.group(2) == "%":
            return Size(float(m.group(1)) / 100.0, 0.0)
    return Size(0.0, to_inches(value))


def as_pair(value: object, what: str) -> tuple[float, float]:
    """A (width, height) pair of lengths in inches, for ``figsize`` and
    ``cell_size`` (which also takes one length for both)."""
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return to_inches(value[0]), to_inches(value[1])
    if what == "cell_size" and not isinstance(value, (tuple, list)):
        v = to_inches(value)  # type: ignore[arg-type]
        return v, v
    raise ValueError(f"{what} must be a pair (width, height) of lengths, e.g. (6, 4) inches or "
                     f"('180mm', '120mm'); got {value!r}")
