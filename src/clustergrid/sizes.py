"""Sizes that panels claim: physical, relative to the heatmap, or measured.

A size is a pair ``(relative, absolute)`` in the spirit of
``mpl_toolkits.axes_grid1.axes_size``: the solver turns it into the linear
term ``relative * heatmap_extent + absolute_inches``.  ``Auto`` asks the
panel to measure its content with the renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._support.checks import _is_real, as_float

__all__ = [
    "Size",
    "Fixed",
    "Relative",
    "Auto",
    "SizeLike",
    "to_inches",
    "as_size",
    "MAX_LENGTH",
    "MAX_RELATIVE",
    "as_pair",
]

MAX_LENGTH = 1000.0
"""The longest length accepted, in inches (25.4 m): anything longer cannot
be drawn, and the layout solver needs finite, moderate numbers."""
MAX_RELATIVE = 100.0
"""The largest relative size accepted: 100 times the heatmap's extent."""

_UNITS = {"in": 1.0, "inch": 1.0, "mm": 1 / 25.4, "cm": 1 / 2.54, "pt": 1 / 72.0}
_LENGTH_RE = re.compile(
    r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(in|inch|mm|cm|pt|%)?\s*$"
)


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

    def __post_init__(self) -> None:
        # every size reaches the layout solver through here: refuse what it cannot solve
        object.__setattr__(
            self, "relative", _fraction(self.relative, "a relative size")
        )
        object.__setattr__(
            self, "absolute", _inches(self.absolute, "a size's absolute part")
        )
        for bound in ("min", "max"):
            v = getattr(self, bound)
            if v is not None:
                object.__setattr__(self, bound, _inches(v, f"a size's {bound}"))
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(
                f"a size's min ({self.min:g} in) is larger than its max "
                f"({self.max:g} in); swap them"
            )

    def __add__(self, other: Size | float) -> Size:
        o = as_size(other)
        if not isinstance(o, Size):  # Auto has no extent to add
            return NotImplemented
        return Size(self.relative + o.relative, self.absolute + o.absolute)

    __radd__ = __add__

    def __mul__(self, k: float) -> Size:
        if not _is_real(k):
            raise TypeError(
                f"a Size can be multiplied by a number only, got {k!r} "
                f"({type(k).__name__})"
            )
        return Size(self.relative * as_float(k), self.absolute * as_float(k))

    __rmul__ = __mul__

    def resolve(self, heatmap_extent: float) -> float:
        """The size in inches for a heatmap of ``heatmap_extent`` inches."""
        v = self.relative * heatmap_extent + self.absolute
        if self.min is not None:
            v = max(v, self.min)
        if self.max is not None:
            v = min(v, self.max)
        return v


def Fixed(length: float | str) -> Size:
    """A physical size: a number of inches, or a string such as ``"12mm"``,
    ``"10pt"`` or ``"0.5in"``."""
    return Size(0.0, to_inches(length))


def Relative(
    fraction: float, *, min: float | str | None = None, max: float | str | None = None
) -> Size:
    """A fraction of the heatmap's extent in the same direction (a left
    panel's width relative to the heatmap's width), optionally bounded by
    physical ``min``/``max`` lengths."""
    return Size(
        _fraction(fraction, "Relative"),
        0.0,
        None if min is None else to_inches(min),
        None if max is None else to_inches(max),
    )


class _AutoType:
    """Marker: the panel measures its own content."""

    _instance: _AutoType | None = None

    def __new__(cls) -> _AutoType:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "Auto"


Auto = _AutoType()

SizeLike = Size | _AutoType | float | int | str


def _fraction(value: object, what: str) -> float:
    """A finite relative size in ``[0, MAX_RELATIVE]``."""
    if not _is_real(value):
        raise TypeError(
            f"{what} must be a number (a fraction of the heatmap's extent, e.g. "
            f"0.15), got {value!r}"
        )
    v = as_float(value)
    if not (0 <= v <= MAX_RELATIVE):  # also refuses NaN and inf
        raise ValueError(
            f"{what} must be a fraction between 0 and {MAX_RELATIVE:g} of the "
            f"heatmap's extent (e.g. 0.15 or '15%'), got {value!r}"
        )
    return v


def _inches(value: object, what: str, given: object = None) -> float:
    """A finite length in inches in ``[0, MAX_LENGTH]``; ``given`` is what
    the user wrote (shown in the message)."""
    if not _is_real(value):
        raise TypeError(
            f"{what} must be a length in inches (a number), got {value!r} "
            f"({type(value).__name__})"
        )
    v = as_float(value)
    if not (0 <= v <= MAX_LENGTH):  # also refuses NaN and inf
        shown = repr(value if given is None else given)
        if v != v:
            problem = "is not a number (NaN)"
        elif v < 0:
            problem = "is negative"
        else:
            problem = (
                f"is longer than {MAX_LENGTH:g} in (25.4 m), which cannot be drawn"
            )
        raise ValueError(
            f"{what}={shown}: the length {problem}; give a finite length between "
            f"0 and {MAX_LENGTH:g} in, as a number of inches or a string such as "
            "'12mm', '1.5cm', '10pt' or '0.5in'"
        )
    return v


def to_inches(length: object, name: str = "length") -> float:
    """Convert a length to inches.

    Numbers (Python or numpy) are inches; strings may carry a unit: ``in``,
    ``mm``, ``cm`` or ``pt`` (``"12mm"``, ``"10 pt"``).  ``name`` is the
    option the length was given as, for the error message.

    Raises
    ------
    ValueError
        For negative, non-finite, unparseable lengths, or lengths longer
        than :data:`MAX_LENGTH` inches.
    TypeError
        For anything that is not a number or a string.
    """
    if isinstance(length, str):
        m = _LENGTH_RE.match(length)
        if m and m.group(2) != "%":
            return _inches(float(m.group(1)) * _UNITS[m.group(2) or "in"], name, length)
        raise ValueError(
            f"{name}={length!r}: cannot read the length; use a number of inches or a string "
            "with a unit such as '12mm', '1.5cm', '10pt' or '0.5in'"
        )
    if _is_real(length):
        return _inches(length, name)
    raise TypeError(
        f"{name} must be a length (a number of inches or a string like '12mm'), "
        f"got {length!r} ({type(length).__name__})"
    )


def as_size(value: SizeLike, name: str = "size") -> Size | _AutoType:
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
            return Size(_fraction(float(m.group(1)) / 100.0, f"{name}={value!r}"), 0.0)
    return Size(0.0, to_inches(value, name))


def as_pair(value: object, what: str) -> tuple[float, float]:
    """A (width, height) pair of lengths in inches, for ``figsize`` and
    ``cell_size`` (which also takes one length for both)."""
    import numpy as np

    if isinstance(value, (tuple, list, np.ndarray)) and len(value) == 2:
        return to_inches(value[0], what), to_inches(value[1], what)
    if what == "cell_size" and not isinstance(value, (tuple, list, np.ndarray)):
        v = to_inches(value, what)
        return v, v
    raise ValueError(
        f"{what} must be a pair (width, height) of lengths, e.g. (6, 4) inches or "
        f"('180mm', '120mm'); got {value!r}"
    )
