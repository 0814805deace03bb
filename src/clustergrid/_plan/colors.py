"""The one Normalize and colormap shared by the heatmap and every panel
(categorical palettes are in ``palettes.py``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import matplotlib as mpl
import matplotlib.colors as mcolors
import matplotlib.transforms as mtransforms
import numpy as np

from .._support.checks import check_color, check_real
from .._support.warn import warn as _warn

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.typing import ColorType

__all__ = [
    "resolve_cmap",
    "resolve_norm",
    "check_norm_options",
]


def resolve_cmap(
    cmap: str | mcolors.Colormap | Sequence[ColorType] | np.ndarray | None,
    center: float | None,
    nan_color: ColorType | None = None,
) -> mcolors.Colormap:
    """A private copy of the colormap.  Missing values are drawn in
    ``nan_color`` when it is given; otherwise in the colormap's own "bad"
    colour (fully transparent for matplotlib's registered colormaps, so the
    background shows), so ``cmap.with_extremes(bad="red")`` is kept."""
    bad = None if nan_color is None else check_color(nan_color, "nan_color")
    if cmap is None:
        cmap = "RdBu_r" if center is not None else "viridis"
    if isinstance(cmap, str):
        try:
            cm = mpl.colormaps[cmap]
        except KeyError:
            raise ValueError(
                f"unknown colormap {cmap!r}; see matplotlib.colormaps for the names, "
                "e.g. 'viridis', 'RdBu_r', 'magma'"
            ) from None
    elif isinstance(cmap, mcolors.Colormap):
        cm = cmap.copy()
    elif isinstance(cmap, (list, tuple, np.ndarray)):
        cm = mcolors.ListedColormap(_colour_list(cmap))
    else:
        raise TypeError(
            f"cmap must be a colormap name, a Colormap or a list of colours, "
            f"got {type(cmap).__name__}"
        )
    return cm if bad is None else cm.with_extremes(bad=bad)


def _colour_list(
    cmap: Iterable[ColorType],
) -> list[tuple[float, float, float, float]]:
    """The entries of a list-of-colours ``cmap``, each checked."""
    entries = list(cmap)
    if len(entries) == 0:
        raise ValueError(
            "cmap=[] lists no colours; give at least one colour (two or more for a "
            "gradient), e.g. cmap=['white', 'darkred'], or a colormap name"
        )
    out = []
    for k, c in enumerate(entries):
        try:
            out.append(mcolors.to_rgba(c))
        except (ValueError, TypeError):
            raise ValueError(
                f"cmap: entry {k} ({c!r}) of the list of colours is not a colour; "
                "use colour names, hex strings ('#1f77b4') or RGB(A) tuples of "
                "0..1 values"
            ) from None
    return out


def resolve_norm(
    values: np.ndarray,
    *,
    norm: mcolors.Normalize | None,
    vmin: float | None,
    vmax: float | None,
    center: float | None,
    robust: bool,
    mask: np.ndarray | None = None,
) -> mcolors.Normalize:
    """Build the shared Normalize.

    The limits the user does not give come from the cells that are shown:
    ``mask`` (True hides a cell) and missing values are left out, as in
    seaborn.  ``center`` makes the scale diverge around it
    (``norm(center) == 0.5``): with no limits given it is symmetric about the
    centre (``center -+ max |value - center|``, the colours seaborn draws); a
    limit that is given is kept (seaborn keeps it too), the other one comes
    from the data, and a two-slope norm puts the centre in the middle.
    ``robust`` takes the 2nd and 98th percentiles for the limits the user
    did not give.

    A user's ``norm`` is used as given (a copy): its limits must be finite,
    increasing and far enough apart that matplotlib's colour scale keeps
    them, so that every panel colours with exactly this norm.  Cells that
    the norm cannot show (a LogNorm and values <= 0) are counted in a
    warning.
    """
    shown = np.asarray(values, dtype=float)
    hide = mask if mask is not None and bool(np.any(mask)) else None
    if norm is None and not robust:
        # the limits are all a linear scale needs: no copy of the cells
        # (copying the finite cells took 1.8 s of a 1,000,000 x 50 job)
        limits = _finite_limits(shown, hide)
        finite = np.array(limits if limits is not None else [], dtype=float)
    else:
        if hide is not None:
            shown = np.where(hide, np.nan, shown)
        finite = shown[np.isfinite(shown)]
    if norm is not None:
        out = _user_norm(_check_norm_alone(norm, (vmin, vmax, center), robust), finite)
    else:
        out = _own_norm(finite, vmin=vmin, vmax=vmax, center=center, robust=robust)
    # a linear or two-slope norm shows every finite value: skip a pass over all cells
    if finite.size and type(out) not in (mcolors.Normalize, mcolors.TwoSlopeNorm):
        _warn_unshowable(out, finite)
    return out


def _finite_limits(
    values: np.ndarray, mask: np.ndarray | None
) -> tuple[float, float] | None:
    """(min, max) of the finite cells that ``mask`` does not hide, or None.

    NaN-skipping reductions first (two passes, nothing allocated); only
    when a limit is infinite or a mask is given does it build the mask of
    the cells to count."""
    flat = values.ravel()
    if flat.size == 0:
        return None
    if mask is None:
        lo, hi = float(np.fmin.reduce(flat)), float(np.fmax.reduce(flat))
        if np.isfinite(lo) and np.isfinite(hi):
            return lo, hi
    ok = np.isfinite(values)
    if mask is not None:
        ok &= ~np.broadcast_to(np.asarray(mask, dtype=bool), values.shape)
    lo = float(np.min(values, where=ok, initial=np.inf))
    hi = float(np.max(values, where=ok, initial=-np.inf))
    return None if lo > hi else (lo, hi)


def _own_norm(
    finite: np.ndarray,
    *,
    vmin: float | None,
    vmax: float | None,
    center: float | None,
    robust: bool | np.bool_,
) -> mcolors.Normalize:
    vmin, vmax, center = (
        None if v is None else check_real(v, name)
        for v, name in ((vmin, "vmin"), (vmax, "vmax"), (center, "center"))
    )
    if not isinstance(robust, (bool, np.bool_)):
        raise TypeError(f"robust must be True or False, got {robust!r}")
    if finite.size == 0:
        lo, hi = 0.0, 1.0
    elif robust:
        lo, hi = (float(x) for x in np.percentile(finite, [2, 98]))
    else:
        lo, hi = float(finite.min()), float(finite.max())
    lo = lo if vmin is None else vmin
    hi = hi if vmax is None else vmax
    if center is not None:
        return _centred_norm(lo, hi, vmin=vmin, vmax=vmax, c=center)
    if lo > hi:
        raise ValueError(f"vmin ({lo}) is greater than vmax ({hi})")
    if lo == hi:  # a constant matrix: give the scale some width around the value
        pad = 0.5 if lo == 0 else abs(lo) * 0.05
        lo, hi = lo - pad, hi + pad
    return mcolors.Normalize(*_usable_limits(lo, hi))


def _centred_norm(
    lo: float, hi: float, *, vmin: float | None, vmax: float | None, c: float
) -> mcolors.Normalize:
    """The diverging norm around ``c``: ``lo``/``hi`` are the data's limits
    with the given ``vmin``/``vmax`` already in place."""
    if vmin is not None and vmax is not None:
        if not vmin < c < vmax:
            raise ValueError(
                f"center={c:g} must lie strictly between vmin={vmin:g} and "
                f"vmax={vmax:g}"
            )
    elif vmin is not None or vmax is not None:
        # one limit given: keep it; the other is the data's, or the mirror of
        # the given one when the data do not reach past the centre
        if vmin is not None:
            if not vmin < c:
                raise ValueError(
                    f"center={c:g} must be greater than vmin={vmin:g}; move "
                    "center or vmin"
                )
            hi = hi if hi > c else c + (c - vmin)
        elif vmax is not None:
            if not c < vmax:
                raise ValueError(
                    f"center={c:g} must be less than vmax={vmax:g}; move center or vmax"
                )
            lo = lo if lo < c else c - (vmax - c)
    else:
        r = max(abs(hi - c), abs(c - lo))
        if r == 0:
            r = 1.0
        return mcolors.Normalize(*_usable_limits(c - r, c + r))
    lo, hi = _usable_limits(lo, hi)
    if not (_kept_limits(lo, c) and _kept_limits(c, hi)):
        # each half of a two-slope norm is a colour scale of its own
        raise ValueError(
            f"center={c:g} is too close to a colour limit ({lo:g} .. {hi:g}) "
            "for the scale on that side to have any width; move center or "
            "the limits"
        )
    return mcolors.TwoSlopeNorm(vcenter=c, vmin=lo, vmax=hi)


def _kept_limits(lo: float, hi: float) -> bool:
    """Whether matplotlib's colour scale keeps these limits as they are (its
    colorbar replaces reversed, equal or too-close limits in place)."""
    ns = getattr(mtransforms, "_nonsingular", None) or mtransforms.nonsingular
    return bool(
        np.isfinite(lo)
        and np.isfinite(hi)
        and lo < hi
        and tuple(ns(lo, hi, expander=0.1)) == (lo, hi)
    )


def _describe(norm: mcolors.Normalize) -> str:
    return f"{type(norm).__name__}(vmin={norm.vmin!r}, vmax={norm.vmax!r})"


def _user_norm(norm: mcolors.Normalize, finite: np.ndarray) -> mcolors.Normalize:
    try:
        return _checked_user_norm(norm, finite)
    except (
        OverflowError
    ) as exc:  # e.g. an int too large for a float among its parameters
        raise ValueError(
            f"norm={type(norm).__name__}: its parameters are too large for "
            f"float64 ({exc}); give finite limits within +-{_LARGEST_SCALE:g}"
        ) from None


def _checked_user_norm(
    norm: mcolors.Normalize, finite: np.ndarray
) -> mcolors.Normalize:
    """A copy of the user's ``norm`` with finite, usable limits (the missing
    ones taken from ``finite``), or a ValueError saying what to change."""
    norm = _copy_norm(norm)
    _check_finite_limits(norm)
    if norm.vmin is not None and norm.vmax is not None:
        _check_given_limits(norm, float(norm.vmin), float(norm.vmax))
    else:
        _fill_missing_limits(norm, finite)
    _check_colours_limits(norm)
    return norm


def _check_finite_limits(norm: mcolors.Normalize) -> None:
    """Each limit the norm has is a finite number."""
    for name in ("vmin", "vmax"):
        v = getattr(norm, name)
        if v is not None and not np.isfinite(v):
            raise ValueError(f"norm={_describe(norm)}: {name} must be a finite number")


def _check_given_limits(norm: mcolors.Normalize, lo: float, hi: float) -> None:
    """Limits the user gave are kept as they are: increasing, within
    matplotlib's colour scale and far enough apart."""
    if lo > hi:
        raise ValueError(
            f"norm={_describe(norm)} has vmin > vmax; a reversed norm is not "
            "drawn flipped: swap the limits, and reverse the colormap instead "
            "(e.g. cmap='viridis_r')"
        )
    if max(abs(lo), abs(hi)) > _LARGEST_SCALE:
        raise ValueError(
            f"norm={_describe(norm)}: limits beyond +-{_LARGEST_SCALE:g} are "
            "too large for matplotlib's colour scale (its ticks overflow); "
            "divide the data and the limits by a power of ten and say so in "
            "the scale label"
        )
    if not _kept_limits(lo, hi):
        raise ValueError(
            f"norm={_describe(norm)} has no usable colour range (vmin and vmax "
            "equal or too close together): every cell would get one colour and "
            "a colour scale would widen it; give distinct limits, or leave them "
            "out (Normalize()) to take them from the data"
        )


def _fill_missing_limits(norm: mcolors.Normalize, finite: np.ndarray) -> None:
    """Take the limits the user left out from the shown cells (in place)."""
    try:
        norm.autoscale_None(finite if finite.size else np.array([0.0, 1.0]))
    except (ValueError, TypeError, ZeroDivisionError) as exc:
        raise ValueError(
            f"norm={type(norm).__name__}: cannot take the missing limits from "
            f"the data: {exc}; give vmin and vmax"
        ) from None
    if (
        norm.vmin is None
        or norm.vmax is None
        or not np.isfinite([norm.vmin, norm.vmax]).all()
    ):
        raise ValueError(
            f"norm={_describe(norm)}: the data give no finite limits for this "
            "norm; give vmin and vmax"
        )
    lo, hi = float(norm.vmin), float(norm.vmax)
    if lo > hi:
        raise ValueError(
            f"norm={_describe(norm)}: the limit given and the data's limit are "
            "reversed (vmin > vmax); give both limits"
        )
    if max(abs(lo), abs(hi)) > _LARGEST_SCALE:
        raise ValueError(
            f"norm={_describe(norm)}: the data's limits are beyond "
            f"+-{_LARGEST_SCALE:g}, too large for matplotlib's colour scale; "
            "divide the data by a power of ten and say so in the scale label"
        )
    if not _kept_limits(lo, hi):  # constant data: widen now, once, for every panel
        _widen_limits(norm, lo, hi)


def _widen_limits(norm: mcolors.Normalize, lo: float, hi: float) -> None:
    """Give a norm whose data limits are (nearly) equal a usable width (in place)."""
    if isinstance(norm, mcolors.LogNorm) and lo > 0:
        lo, hi = lo / 1.1, hi * 1.1
    else:
        if lo == hi:  # as for a constant matrix without a norm
            pad = 0.5 if lo == 0 else abs(lo) * 0.05
            lo, hi = lo - pad, hi + pad
        try:
            lo, hi = _usable_limits(lo, hi)
        except ValueError as exc:
            raise ValueError(f"norm={type(norm).__name__}: {exc}") from None
    try:
        norm.vmin, norm.vmax = lo, hi
    except ValueError as exc:
        raise ValueError(f"norm={_describe(norm)}: {exc}") from None
    if (
        norm.vmin is None
        or norm.vmax is None
        or not _kept_limits(float(norm.vmin), float(norm.vmax))
    ):
        raise ValueError(
            f"norm={_describe(norm)} has no usable colour range for this "
            "data; give vmin and vmax"
        )


def _check_colours_limits(norm: mcolors.Normalize) -> None:
    """The norm can colour its own limits (e.g. not a LogNorm with vmin <= 0)."""
    try:
        probe = np.asarray(
            norm(np.array([norm.vmin, norm.vmax], dtype=float)), dtype=float
        )
    except (ValueError, TypeError, ZeroDivisionError) as exc:
        raise ValueError(
            f"norm={_describe(norm)} cannot colour values: {exc}"
        ) from None
    if not np.isfinite(probe).all():
        raise ValueError(
            f"norm={_describe(norm)} cannot colour its own limits (e.g. a LogNorm "
            "needs vmin > 0); give limits the norm can show"
        )


def _warn_unshowable(norm: mcolors.Normalize, finite: np.ndarray) -> None:
    """Warn when the norm cannot show some shown cells (e.g. LogNorm and 0)."""
    with np.errstate(all="ignore"):
        out = norm(finite)
    # out-of-range values map to +-inf (the under/over colours): only NaN or masked are lost
    bad = np.ma.getmaskarray(out) | np.isnan(np.ma.getdata(out))
    n = int(bad.sum())
    if n:
        example = float(finite[bad][0])
        _warn(
            f"norm={type(norm).__name__} cannot show {n} of {finite.size} cells (e.g. the "
            f"value {example:g}); they are drawn in the missing-value colour (nan_color). "
            "For a log scale, clip or drop values <= 0 first (e.g. df.clip(lower=...)) or use "
            "SymLogNorm",
            UserWarning,
        )


# Below this magnitude, or for a range this narrow relative to it, matplotlib's
# colorbar silently resets the limits of the norm it is given (its
# ``nonsingular`` guard), which would recolour the heatmap that shares it.
_SMALLEST_SCALE = 1e-280
# Beyond this magnitude matplotlib's tick locators overflow (a colour bar fails).
_LARGEST_SCALE = 1e306
_NARROWEST_RANGE = 1e-14


def _usable_limits(lo: float, hi: float) -> tuple[float, float]:
    """Colour limits that every matplotlib artist keeps as they are.

    A near-constant range (narrower than 1e-14 of its magnitude) is widened
    like a constant one; limits too large or too small for float64 colour
    arithmetic raise ``ValueError`` saying how to rescale."""
    m = max(abs(lo), abs(hi))
    if not np.isfinite(hi - lo):
        raise ValueError(
            f"the colour range {lo:.3g} .. {hi:.3g} is wider than float64 can hold; "
            "rescale the data first (e.g. divide it by a power of ten and say so "
            "in the scale label), or give vmin/vmax"
        )
    if m > _LARGEST_SCALE:
        raise ValueError(
            f"the colour limits {lo:.3g} .. {hi:.3g} are too large for matplotlib's "
            f"colour scale (beyond +-{_LARGEST_SCALE:g}, where its ticks overflow); "
            "rescale the data first (e.g. divide it by a power of ten and say so "
            "in the scale label), or give vmin/vmax"
        )
    if m < _SMALLEST_SCALE:
        raise ValueError(
            f"the values are too small for matplotlib's colour scaling (the largest "
            f"|value| is {m:.3g}); multiply the data by a power of ten first "
            "(e.g. df * 1e300) and say so in the scale label"
        )
    if (
        hi - lo <= m * _NARROWEST_RANGE
    ):  # constant up to rounding: widen like a constant
        pad = m * 0.05
        lo, hi = lo - pad, hi + pad
    return lo, hi


def _check_norm_alone(
    norm: object, limits: tuple[object, ...], robust: object
) -> mcolors.Normalize:
    """A user's ``norm`` fixes the colour limits: refuse it beside
    vmin/vmax/center/robust, and refuse what is not a Normalize; returns it."""
    if any(v is not None for v in limits) or robust:
        raise ValueError(
            "pass either norm= or vmin/vmax/center/robust, not both: the norm "
            "already fixes the colour limits"
        )
    if not isinstance(norm, mcolors.Normalize):
        raise TypeError(
            f"norm must be a matplotlib.colors.Normalize, got {type(norm).__name__}"
        )
    return norm


def check_norm_options(
    *, norm: object, vmin: object, vmax: object, center: object, robust: object
) -> None:
    """Reject inconsistent colour options at the user's line, before any data work."""
    vlo, vhi, c = (
        None if v is None else check_real(v, name)
        for v, name in ((vmin, "vmin"), (vmax, "vmax"), (center, "center"))
    )
    if not isinstance(robust, (bool, np.bool_)):
        raise TypeError(f"robust must be True or False, got {robust!r}")
    if norm is not None:
        given = _check_norm_alone(norm, (vlo, vhi, c), robust)
        if given.vmin is not None and given.vmax is not None:
            _user_norm(given, np.empty(0))
        return
    lo = vlo if vlo is not None else (vhi - 1 if vhi is not None else 0.0)
    hi = vhi if vhi is not None else lo + 1
    _own_norm(
        np.array([lo, hi], dtype=float),
        vmin=vlo,
        vmax=vhi,
        center=c,
        robust=robust,
    )


def _copy_norm(norm: mcolors.Normalize) -> mcolors.Normalize:
    import copy

    return copy.deepcopy(norm)
