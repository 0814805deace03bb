"""What an annotation bar's values are (literal colours, categories or numbers),
and the checks of its options."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import matplotlib.colors as mcolors
import numpy as np
import numpy.typing as npt
import pandas as pd

from .base import (
    RGBA,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.typing import ColorType


__all__ = ["BarValues", "is_missing"]

#: One value per row or column: a Series or dict (aligned by label), a list or
#: an array (input order), or a DataFrame (one bar per column).
BarValues = pd.Series | pd.DataFrame | Mapping[Any, Any] | npt.ArrayLike

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")


def is_missing(v: object) -> bool:
    """None, or a scalar that pandas calls missing (NaN); a tuple, a list or
    an array is never missing."""
    # np.isscalar's TypeGuard lets memoryview through, which pandas-stubs'
    # isna overloads do not list; isna takes any scalar at run time
    return v is None or bool(np.isscalar(v) and pd.isna(v))  # type: ignore[arg-type]


def _is_rgb_tuple(v: object) -> bool:
    if not isinstance(v, (tuple, list, np.ndarray)) or len(v) not in (3, 4):
        return False
    try:
        a = np.asarray(v, dtype=float)
    except (TypeError, ValueError):
        return False
    return a.ndim == 1 and bool(np.all((a >= 0) & (a <= 1)))


def _is_colour_name(v: object) -> bool:
    """A colour written unambiguously: a hex string or a named colour (not a
    grey level such as "0.5", nor a cycle reference such as "C1")."""
    if isinstance(v, str):
        return bool(_HEX.match(v)) or v.lower() in mcolors.get_named_colors_mapping()
    return _is_rgb_tuple(v)


def _as_tuples(values: BarValues) -> BarValues:
    """A list/array of RGB(A) tuples (or an n x 3/4 array) as one colour per
    entry: a 1-D object array of tuples."""
    if isinstance(values, (pd.Series, pd.DataFrame, dict)):
        return values
    if (
        isinstance(values, np.ndarray)
        and values.ndim == 2
        and values.shape[1] in (3, 4)
        and values.dtype.kind in "fiu"
        and np.all((values >= 0) & (values <= 1))
    ):
        rows = [tuple(float(x) for x in r) for r in values]
    elif (
        isinstance(values, (list, tuple))
        and len(values)
        and all(_is_rgb_tuple(v) for v in values)
    ):
        rows = [tuple(float(x) for x in v) for v in values]
    else:
        return values
    out = np.empty(len(rows), dtype=object)
    out[:] = rows
    return out


def _flat(values: BarValues) -> list[Any]:
    if isinstance(values, dict):
        return list(values.values())
    if isinstance(values, pd.Series):
        return list(values.to_numpy())
    arr = values if isinstance(values, np.ndarray) else np.asarray(values, dtype=object)
    return list(arr.ravel()) if arr.ndim <= 1 else list(arr)


def _kind_of(values: BarValues) -> str:
    """'numeric' or 'categorical' from the values' type (a malformed shape
    is reported when the bar is aligned to the matrix)."""
    if isinstance(values, dict):
        values = pd.Series(values)
    if isinstance(values, pd.Series):
        s = values
    else:
        arr = (
            values
            if isinstance(values, np.ndarray)
            else np.asarray(values, dtype=object)
        )
        if arr.ndim != 1:
            return "numeric" if arr.dtype.kind in "fiu" else "categorical"
        s = pd.Series(arr).infer_objects() if arr.dtype == object else pd.Series(arr)
    numeric = pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)
    return "numeric" if numeric else "categorical"


def _check_options(
    name_side: str, literal: object, legend: object, fontsize: object
) -> None:
    """The options that do not depend on the values."""
    if name_side not in ("auto", "start", "end", "none"):
        raise ValueError(
            f"name_side must be 'auto', 'start', 'end' or 'none', got {name_side!r}"
        )
    if literal not in (None, True, False):
        raise TypeError(
            f"literal must be True, False or None (decide from the values), "
            f"got {literal!r}"
        )
    if not isinstance(legend, (bool, dict)):
        raise TypeError(
            f"legend must be True/False or a dict label -> colour (a key for "
            f"literal colours), got {type(legend).__name__}"
        )
    if fontsize is not None and not (
        isinstance(fontsize, (int, float)) and fontsize > 0
    ):
        raise ValueError(
            f"fontsize must be a positive number of points, got {fontsize!r}"
        )


def _legend_map(
    legend: bool | dict[Any, ColorType], label: str
) -> dict[str, RGBA] | None:
    """``legend=`` given as a dict label -> colour, as RGBA; else None."""
    if not isinstance(legend, dict):
        return None
    try:
        return {str(k): mcolors.to_rgba(v) for k, v in legend.items()}
    except ValueError as exc:
        raise ValueError(
            f"{label}: legend={legend!r}: {exc}; give a dict label -> colour"
        ) from None
