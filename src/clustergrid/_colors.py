"""The one Normalize and colormap shared by the heatmap and every panel,
plus categorical palettes for annotation bars."""

from __future__ import annotations

from typing import Any, Sequence

import matplotlib as mpl
import matplotlib.colors as mcolors
import numpy as np

__all__ = ["resolve_cmap", "resolve_norm", "check_norm_options", "categorical_colors", "contrast_text_color"]


def resolve_cmap(cmap: Any, center: float | None, nan_color: Any = None) -> mcolors.Colormap:
    """A private copy of the colormap, with missing values drawn as
    ``nan_color`` (default fully transparent, so the background shows)."""
    if cmap is None:
        cmap = "RdBu_r" if center is not None else "viridis"
    if isinstance(cmap, str):
        try:
            cm = mpl.colormaps[cmap]
        except KeyError:
            raise ValueError(f"unknown colormap {cmap!r}; see matplotlib.colormaps for the names, "
                             "e.g. 'viridis', 'RdBu_r', 'magma'") from None
    elif isinstance(cmap, mcolors.Colormap):
        cm = cmap.copy()
    elif isinstance(cmap, (list, tuple)):
        try:
            cm = mcolors.ListedColormap(list(cmap))
        except ValueError as exc:
            raise ValueError(f"cmap: cannot read the list of colours: {exc}") from None
    else:
        raise TypeError(f"cmap must be a colormap name, a Colormap or a list of colours, "
                        f"got {type(cmap).__name__}")
    bad = (0.0, 0.0, 0.0, 0.0) if nan_color is None else mcolors.to_rgba(nan_color)
    return cm.with_extremes(bad=bad)


def resolve_norm(values: np.ndarray, *, norm: mcolors.Normalize | None, vmin: float | None,
                 vmax: float | None, center: float | None, robust: bool) -> mcolors.Normalize:
    """Build the shared Normalize.

    ``center`` makes the scale diverge around it (``norm(center) == 0.5``):
    symmetric about the centre unless both ``vmin`` and ``vmax`` are given,
    then a two-slope norm.  ``robust`` takes the 2nd and 98th percentiles for
    the limits the user did not give.
    """
    if norm is not None:
        if any(v is not None for v in (vmin, vmax, center)) or robust:
            raise ValueError("pass either norm= or vmin/vmax/center/robust, not both: the norm "
                             "already fixes the colour limits")
        if not isinstance(norm, mcolors.Normalize):
            raise TypeError(f"norm must be a matplotlib.colors.Normalize, got {type(norm).__name__}")
        norm = _copy_norm(norm)
        if norm.vmin is None or norm.vmax is None:
            finite = values[np.isfinite(values)]
            if finite.size:
                norm.autoscale_None(finite)
        return norm
    for name, v in (("vmin", vmin), ("vmax", vmax), ("center", center)):
        if v is not None and not np.isfinite(v):
            raise ValueError(f"{name} must be a finite number, got {v!r}")
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        lo, hi = 0.0, 1.0
    elif robust:
        lo, hi = (float(x) for x in np.percentile(finite, [2, 98]))
    else:
        lo, hi = float(finite.min()), float(finite.max())
    lo = lo if vmin is None else float(vmin)
    hi = hi if vmax is None else float(vmax)
    if center is not None:
        c = float(center)
        if vmin is not None and vmax is not None:
            if not vmin < c < vmax:
                raise ValueError(f"center={c} must lie strictly between vmin={vmin} and vmax={vmax}")
            return mcolors.TwoSlopeNorm(vcenter=c, vmin=lo, vmax=hi)
        r = max(abs(hi - c), abs(c - lo))
        if r == 0:
            r = 1.0
        return mcolors.Normalize(*_usable_limits(c - r, c + r))
    if lo > hi:
        raise ValueError(f"vmin ({lo}) is greater than vmax ({hi})")
    if lo == hi:  # a constant matrix: give the scale some width around the value
        pad = 0.5 if lo == 0 else abs(lo) * 0.05
        lo, hi = lo - pad, hi + pad
    return mcolors.Normalize(*_usable_limits(lo, hi))


# Below this magnitude, or for a range this narrow relative to it, matplotlib's
# colorbar silently resets the limits of the norm it is given (its
# ``nonsingular`` guard), which would recolour the heatmap that shares it.
_SMALLEST_SCALE = 1e-280
_NARROWEST_RANGE = 1e-14


def _usable_limits(lo: float, hi: float) -> tuple[float, float]:
    """Colour limits that every matplotlib artist keeps as they are.

    A near-constant range (narrower than 1e-14 of its magnitude) is widened
    like a constant one; limits too large or too small for float64 colour
    arithmetic raise ``ValueError`` saying how to rescale."""
    m = max(abs(lo), abs(hi))
    if not np.isfinite(hi - lo):
        raise ValueError(f"the colour range {lo:.3g} .. {hi:.3g} is wider than float64 can hold; "
                         "rescale the data first (e.g. divide it by a power of ten and say so "
                         "in the scale label), or give vmin/vmax")
    if m < _SMALLEST_SCALE:
        raise ValueError(f"the values are too small for matplotlib's colour scaling (the largest "
                         f"|value| is {m:.3g}); multiply the data by a power of ten first "
                         "(e.g. df * 1e300) and say so in the scale label")
    if hi - lo <= m * _NARROWEST_RANGE:  # constant up to rounding: widen like a constant
        pad = m * 0.05
        lo, hi = lo - pad, hi + pad
    return lo, hi


def check_norm_options(*, norm: Any, vmin: Any, vmax: Any, center: Any, robust: bool) -> None:
    """Reject inconsistent colour options at the user's line, before any data work."""
    lo = vmin if vmin is not None else (vmax - 1 if vmax is not None and np.isfinite(vmax) else 0.0)
    hi = vmax if vmax is not None else (lo + 1 if np.isfinite(lo) else 1.0)
    resolve_norm(np.array([lo, hi], dtype=float) if np.isfinite([lo, hi]).all() else np.array([0.0, 1.0]),
                 norm=norm, vmin=vmin, vmax=vmax, center=center, robust=robust)


def _copy_norm(norm: mcolors.Normalize) -> mcolors.Normalize:
    import copy

    return copy.deepcopy(norm)


_DEFAULT_QUAL = ("tab10", "tab20")


def categorical_colors(categories: Sequence[Any], palette: Any) -> dict[Any, tuple]:
    """Map each category to an RGBA colour.

    ``palette`` may be a dict (category -> colour; every category must be
    present), a list of colours (cycled only if long enough, else an error),
    the name of a qualitative colormap, or None for tab10/tab20.
    """
    cats = list(categories)
    if isinstance(palette, dict):
        missing = [c for c in cats if c not in palette]
        if missing:
            raise ValueError(f"the palette has no colour for categories {missing[:5]}; "
                             "add them to the dict")
        return {c: mcolors.to_rgba(palette[c]) for c in cats}
    if palette is None:
        palette = "tab10" if len(cats) <= 10 else "tab20"
        if len(cats) > 20:
            cm = mpl.colormaps["turbo"]
            return {c: cm(i / max(len(cats) - 1, 1)) for i, c in enumerate(cats)}
    if isinstance(palette, str):
        try:
            cm = mpl.colormaps[palette]
        except KeyError:
            try:
                return {c: mcolors.to_rgba(palette) for c in cats}
            except ValueError:
                raise ValueError(f"unknown palette {palette!r}: give a colormap name, a list of "
                                 "colours or a dict") from None
        if isinstance(cm, mcolors.ListedColormap) and cm.N <= 32:
            if len(cats) > cm.N:
                raise ValueError(f"palette {palette!r} has {cm.N} colours but there are "
                                 f"{len(cats)} categories; use a larger palette or a dict")
            return {c: tuple(cm(i)) for i, c in enumerate(cats)}
        return {c: tuple(cm(i / max(len(cats) - 1, 1))) for i, c in enumerate(cats)}
    colors = list(palette)
    if len(colors) < len(cats):
        raise ValueError(f"the palette lists {len(colors)} colours for {len(cats)} categories")
    return {c: mcolors.to_rgba(col) for c, col in zip(cats, colors)}


def contrast_text_color(rgba: np.ndarray) -> np.ndarray:
    """Black or white per colour, whichever contrasts more (WCAG luminance)."""
    rgb = np.asarray(rgba)[..., :3]
    lin = np.where(rgb <= 0.03928, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    lum = lin @ np.array([0.2126, 0.7152, 0.0722])
    return np.where(lum > 0.179, 0, 1)
