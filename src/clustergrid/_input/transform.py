"""Per-row or per-column transforms applied before clustering: ``z_score``
and ``standard_scale``, with seaborn's semantics.

Both work on a new array: the validated input matrix is never modified.
Missing values are skipped when computing the statistics and stay missing.
A row (or column) whose non-missing values are all equal has no spread to
scale by; instead of silently turning it into a stripe of NaN (what seaborn
does), it is set to 0 and a :class:`UserWarning` names it.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .._support.warn import warn as _warn
from .matrix import Matrix, _fmt_labels

__all__ = ["check_transform_options", "apply_transform"]


def _check_axis(value: object, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)) or value not in (0, 1):
        raise ValueError(
            f"{name} must be 0 (each row) or 1 (each column), or None; got {value!r}"
        )
    return 0 if value == 0 else 1  # 0 or 1 (checked above), as an int


def check_transform_options(
    z_score: object, standard_scale: object
) -> tuple[int | None, int | None]:
    """Validate the two transform options at the user's line.

    Returns
    -------
    (z_score, standard_scale) as ints or None.
    """
    z = _check_axis(z_score, "z_score")
    s = _check_axis(standard_scale, "standard_scale")
    if z is not None and s is not None:
        raise ValueError(
            "z_score and standard_scale cannot both be used: pick one "
            "(z_score=0|1 centres and scales by the standard deviation, "
            "standard_scale=0|1 maps each row/column to 0..1)"
        )
    return z, s


def _constant_warning(flat: np.ndarray, labels: pd.Index, axis: int, kind: str) -> None:
    what = "row" if axis == 0 else "column"
    bad = [labels[int(i)] for i in np.flatnonzero(flat)]
    _warn(
        f"{kind}: {len(bad)} {what}(s) are constant ({_fmt_labels(bad)}), so they cannot be "
        f"scaled; they are drawn as 0. Drop them first (e.g. .subset() or "
        f"df.loc[df.nunique(axis={1 - axis}) > 1]) if they should not be shown."
    )


def apply_transform(
    m: Matrix, z_score: int | None, standard_scale: int | None
) -> Matrix:
    """Return ``m`` transformed (a new :class:`Matrix`), or ``m`` itself when
    no transform is asked for (no copy).

    ``z_score=0`` standardises each row, ``1`` each column:
    ``(x - mean) / std`` with ``ddof=1``.  ``standard_scale=0|1`` maps each
    row/column to ``(x - min) / (max - min)``.  NaN values are ignored by the
    statistics and stay NaN.  Constant rows/columns (a single distinct value,
    or a single non-missing value) become 0 with a warning.
    """
    axis = z_score if z_score is not None else standard_scale
    if axis is None:  # neither transform is asked for
        return m
    v = m.values
    # statistics along the other axis of the one named: axis=0 -> per row
    red = 1 if axis == 0 else 0
    has_nan = bool(np.isnan(v).any())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows: handled below
        lo = (np.nanmin if has_nan else np.min)(v, axis=red, keepdims=True)
        hi = (np.nanmax if has_nan else np.max)(v, axis=red, keepdims=True)
        flat = lo == hi  # all-NaN rows compare False: they just stay NaN
        if z_score is not None:
            kind = f"z_score={z_score}"
            if has_nan:
                centre = np.nanmean(v, axis=red, keepdims=True)
                count = np.sum(~np.isnan(v), axis=red, keepdims=True)
            else:
                centre = v.mean(axis=red, keepdims=True)
                count = np.full_like(centre, v.shape[red])
            flat |= count == 1
            out = v - centre  # the one new array
            if has_nan:
                sq = np.nansum(out * out, axis=red)
            else:  # sum of squares without another full-size temporary
                sq = np.einsum("ij,ij->i" if red == 1 else "ij,ij->j", out, out)
            scale = np.sqrt(sq.reshape(centre.shape) / (count - 1))
        else:
            kind = f"standard_scale={standard_scale}"
            out = v - lo  # the one new array
            scale = hi - lo
    out /= np.where(flat, 1.0, scale)
    flat = flat.ravel()
    if flat.any():
        labels = m.rows if axis == 0 else m.cols
        _constant_warning(flat, labels, axis, kind)
        # exactly 0, not a rounding residue of x - mean(x)
        if axis == 0:
            out[flat] = np.where(np.isnan(out[flat]), np.nan, 0.0)
        else:
            out[:, flat] = np.where(np.isnan(out[:, flat]), np.nan, 0.0)
    out.flags.writeable = False
    return Matrix(out, m.rows, m.cols)
