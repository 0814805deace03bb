"""What is drawn on and between the heatmap's cells: masks, cell text
(``annot``/``fmt``) and cell borders (``linewidths``/``linecolor``).

Everything per cell is held by label, so it follows clustering, explicit
orders, filters and slices: the drawing code looks each drawn row and
column up by its label.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import matplotlib as mpl
import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection

from .._input.matrix import Matrix, coerce_cell_table
from .._plan.palettes import contrast_text_color
from .._support.checks import check_color, check_real
from .._support.text import LITERAL, measure_texts
from .._support.warn import warn as _warn

__all__ = ["TRIANGLES", "CellStyle", "check_cell_options", "draw_cells"]

# name -> (which side of the diagonal, whether the diagonal is included)
TRIANGLES = {
    "upper": ("upper", False),
    "lower": ("lower", False),
    "upper+diag": ("upper", True),
    "lower+diag": ("lower", True),
}
_DEFAULT_FMT = ".2g"
_MIN_READABLE_PT = 4.0
_FILL_W, _FILL_H = 0.9, 0.8  # share of the cell the widest/tallest text may take
_MAX_FONT_PT = 1000.0
_ANNOT_KEYS_FORBIDDEN = (
    "x",
    "y",
    "s",
    "text",
    "transform",
    "ha",
    "va",
    "horizontalalignment",
    "verticalalignment",
)


@dataclass(frozen=True)
class CellStyle:
    """The user's cell options, validated.

    ``mask`` is a triangle name (resolved against the drawn order) or a
    labelled boolean DataFrame; ``annot`` is None, True (the drawn values)
    or a labelled DataFrame of values or strings.
    """

    mask: str | pd.DataFrame | None = None
    annot: bool | pd.DataFrame | None = None
    fmt: str | None = None
    annot_kws: dict = field(default_factory=dict)
    linewidths: float = 0.0
    linecolor: Any = "white"

    @property
    def empty(self) -> bool:
        return self.mask is None and self.annot is None and self.linewidths == 0

    def hidden(self, matrix: pd.DataFrame) -> np.ndarray | None:
        """The cells of ``matrix`` (drawn order) that the mask hides, or None."""
        if self.mask is None:
            return None
        return _lookup(_table(self.resolved(matrix).mask), matrix).astype(bool)

    def resolved(self, matrix: pd.DataFrame) -> CellStyle:
        """Turn a triangle name into a boolean DataFrame for the drawn
        ``matrix`` (rows and columns in drawn order)."""
        if not isinstance(self.mask, str):
            return self
        side, diag = TRIANGLES[self.mask]
        n, m = matrix.shape
        i = np.arange(n)[:, None]
        j = np.arange(m)[None, :]
        if side == "upper":
            hide = j >= i if diag else j > i
        else:
            hide = j <= i if diag else j < i
        return replace(
            self, mask=pd.DataFrame(hide, index=matrix.index, columns=matrix.columns)
        )


def _check_fmt(fmt: Any, table: pd.DataFrame | None) -> str | None:
    if fmt is None:
        return None
    if not isinstance(fmt, str):
        raise TypeError(
            f"fmt must be a format spec string such as '.2f' or 'd', got "
            f"{type(fmt).__name__}"
        )
    if fmt.startswith("{") or fmt.startswith("%"):
        raise ValueError(
            f"fmt={fmt!r}: give the format spec alone, as in format(value, fmt): "
            f"e.g. '.2f' rather than '{{:.2f}}' or '%.2f'"
        )
    sample: Any = 0.5
    if table is not None:
        vals = table.to_numpy().ravel()
        present = [v for v in vals[:1000] if not _missing(v)]
        sample = present[0] if present else sample
    try:
        format(sample, fmt)
    except (ValueError, TypeError) as exc:
        raise ValueError(
            f"fmt={fmt!r} cannot format the cell text {sample!r}: {exc}. Use a "
            f"format spec such as '.2f', '.1%' or 'd' for numbers, '' for strings"
        ) from None
    return fmt


def _missing(v: Any) -> bool:
    if v is None:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def check_cell_options(
    m: Matrix,
    *,
    mask: Any,
    annot: Any,
    fmt: Any,
    annot_kws: Any,
    linewidths: Any,
    linecolor: Any,
) -> CellStyle:
    """Validate mask / annot / fmt / annot_kws / linewidths / linecolor at
    the user's line.  Tables are aligned to ``m`` (the input matrix)."""
    if mask is None or (isinstance(mask, (bool, np.bool_)) and not mask):
        mask_v: Any = None
    elif isinstance(mask, str):
        if mask not in TRIANGLES:
            raise ValueError(
                f"unknown mask={mask!r}; use 'upper' or 'lower' (hide that triangle, "
                f"diagonal kept), 'upper+diag' or 'lower+diag' (hide it with the "
                f"diagonal), or a boolean DataFrame/array (True hides the cell)"
            )
        mask_v = mask
    else:
        mask_v = coerce_cell_table(mask, m, "mask", boolean=True)
    if annot is None or (isinstance(annot, (bool, np.bool_)) and not annot):
        annot_v: Any = None
    elif isinstance(annot, (bool, np.bool_)):
        annot_v = True
    elif isinstance(annot, str):
        raise TypeError(
            f"annot={annot!r}: pass True (write each cell's value), or a DataFrame "
            f"or array with one entry per cell"
        )
    else:
        annot_v = coerce_cell_table(annot, m, "annot", boolean=False)
    fmt_v = _check_fmt(fmt, annot_v if isinstance(annot_v, pd.DataFrame) else None)
    if annot_kws is None:
        kws: dict = {}
    elif not isinstance(annot_kws, dict):
        raise TypeError(
            f"annot_kws must be a dict of Text properties (e.g. "
            f"{{'fontsize': 7, 'color': 'k'}}), got {type(annot_kws).__name__}"
        )
    else:
        kws = dict(annot_kws)
        bad = [k for k in kws if k in _ANNOT_KEYS_FORBIDDEN]
        if bad:
            raise ValueError(
                f"annot_kws cannot set {', '.join(bad)}: the cell text is placed "
                f"at the cell centre by the grid"
            )
        for key in ("fontsize", "size"):
            if key in kws:
                kws[key] = check_real(
                    kws[key],
                    f"annot_kws[{key!r}]",
                    low=0,
                    low_open=True,
                    high=_MAX_FONT_PT,
                    fix="a positive number of points, e.g. 7",
                )
        if "color" in kws:
            check_color(kws["color"], "annot_kws['color']")
        _check_text_props(kws)
    try:
        lw = check_real(linewidths, "linewidths", low=0)
    except (TypeError, ValueError) as exc:
        raise type(exc)(
            f"linewidths must be a number of points >= 0 (0 draws no borders), "
            f"got {linewidths!r}"
        ) from None
    check_color(linecolor, "linecolor")
    return CellStyle(
        mask=mask_v,
        annot=annot_v,
        fmt=fmt_v,
        annot_kws=kws,
        linewidths=lw,
        linecolor=linecolor,
    )


def _check_text_props(kws: dict) -> None:
    """Every ``annot_kws`` entry is a Text property with a value matplotlib
    can draw: tried on one probe text now, so draw() never meets it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(1, 1), dpi=72)
    renderer = FigureCanvasAgg(fig).get_renderer()
    for key, value in kws.items():
        t = fig.text(0.5, 0.5, "0.5")
        try:
            t.update({key: value})
        except AttributeError:
            raise TypeError(
                f"annot_kws: {key!r} is not a Text property; use Text properties "
                "such as 'fontsize', 'color', 'fontweight', 'fontfamily', "
                "'fontstyle' or 'alpha'"
            ) from None
        except (ValueError, TypeError, KeyError) as exc:
            raise ValueError(
                f"annot_kws[{key!r}]={value!r} is not a valid value: {exc}"
            ) from None
        try:
            t.get_window_extent(renderer)
        except Exception as exc:  # a value accepted by the setter but not drawable
            raise ValueError(
                f"annot_kws[{key!r}]={value!r} cannot be drawn: "
                f"{type(exc).__name__}: {exc}"
            ) from None
        t.remove()


# -- drawing ---------------------------------------------------------------------


def _table(x: Any) -> pd.DataFrame:
    """A resolved per-cell table (triangle names are resolved at compile time)."""
    assert isinstance(x, pd.DataFrame), type(x)
    return x


def _lookup(table: pd.DataFrame, matrix: pd.DataFrame) -> np.ndarray:
    """``table``'s entries for the cells of ``matrix`` (drawn order), by label."""
    if table.index.equals(matrix.index) and table.columns.equals(matrix.columns):
        return table.to_numpy()
    ri = table.index.get_indexer(matrix.index)
    ci = table.columns.get_indexer(matrix.columns)
    if (ri < 0).any() or (
        ci < 0
    ).any():  # pragma: no cover - tables are validated up front
        raise ValueError(
            "a per-cell table (mask/annot) does not cover every drawn cell"
        )
    return table.to_numpy()[np.ix_(ri, ci)]


def _cell_strings(values: np.ndarray, fmt: str | None, numeric: bool) -> np.ndarray:
    out = np.empty(values.shape, dtype=object)
    flat_in, flat_out = values.ravel(), out.ravel()
    spec = fmt if fmt is not None else (_DEFAULT_FMT if numeric else "")
    for k, v in enumerate(flat_in):
        if _missing(v):
            flat_out[k] = None
            continue
        text = format(v, spec)
        if numeric and text.startswith("-") and _is_zero(text[1:]):
            text = text[1:]  # -0.0: a small negative rounded to zero reads as 0.0
        flat_out[k] = text
    return out


def _is_zero(text: str) -> bool:
    try:
        return float(text.rstrip("%")) == 0
    except ValueError:
        return False


def _fit_fontsize(
    strings: list[str], ax: Any, cell_w: float, cell_h: float, base: float, props: dict
) -> float:
    """The largest size <= ``base`` at which every string fits its cell."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    uniq = sorted(set(strings), key=len, reverse=True)
    probe = uniq[:40]  # the widest strings are among the longest
    ext = measure_texts(
        probe, renderer, fig.get_figure(root=True), fontsize=base, **props
    )
    w = float((ext[:, 1] - ext[:, 0]).max())
    h = float((ext[:, 3] - ext[:, 2]).max())
    scale = min(
        1.0,
        _FILL_W * cell_w / w if w > 0 else 1.0,
        _FILL_H * cell_h / h if h > 0 else 1.0,
    )
    return base * scale


def _composite(rgba: np.ndarray, bg: tuple) -> np.ndarray:
    a = rgba[..., 3:4]
    return rgba[..., :3] * a + np.asarray(bg[:3]) * (1 - a)


def _border_width(ax: Any, nrows: int, ncols: int, linewidths: float) -> float:
    """The border width (points) that leaves each cell's middle in its colour.

    A border is centred on a cell edge, so it covers ``linewidths / 2`` of
    each cell it touches.  Borders may cover at most half of a cell's
    smaller side, and must leave at least 3 pixels (at the figure's dpi) for
    anti-aliasing and pixel snapping; wider borders are narrowed to that,
    and cells too small for any border get none, each with a warning."""
    dpi = ax.figure.get_figure(root=True).dpi
    cell_pt = min(ax.bbox.width / ncols, ax.bbox.height / nrows) * 72.0 / dpi
    limit = min(cell_pt / 2, cell_pt - 3 * 72.0 / dpi)
    if linewidths <= limit:
        return linewidths
    size = f"cells of {cell_pt:.2g} pt ({cell_pt / 72 * 25.4:.2g} mm)"
    if limit < 0.1:
        _warn(
            f"linewidths={linewidths:g} would paint over {size}, which are too small for "
            f"borders at dpi={dpi:g}; no borders are drawn. Enlarge the cells (cell_size=, "
            f"figsize=) or leave linewidths at 0"
        )
        return 0.0
    _warn(
        f"linewidths={linewidths:g} would cover the middle of {size}; the borders are drawn "
        f"{limit:.2g} pt wide so each cell keeps its colour. Pass linewidths <= {limit:.2g} or "
        f"enlarge the cells (cell_size=, figsize=)"
    )
    return limit


def _borders(ax: Any, shown: np.ndarray, style: CellStyle) -> LineCollection:
    """Lines on every cell edge that touches a shown cell."""
    nrows, ncols = shown.shape
    segs: list[np.ndarray] = []
    if shown.all():
        ys = np.arange(nrows + 1, dtype=float)
        xs = np.arange(ncols + 1, dtype=float)
        segs.append(
            np.stack(
                [
                    np.column_stack([np.zeros_like(ys), ys]),
                    np.column_stack([np.full_like(ys, ncols), ys]),
                ],
                axis=1,
            )
        )
        segs.append(
            np.stack(
                [
                    np.column_stack([xs, np.zeros_like(xs)]),
                    np.column_stack([xs, np.full_like(xs, nrows)]),
                ],
                axis=1,
            )
        )
        capstyle = "butt"
    else:
        pad = np.zeros((nrows + 2, ncols + 2), dtype=bool)
        pad[1:-1, 1:-1] = shown
        # horizontal edge k (y = k) over column j: a shown cell above or below
        h_edges = pad[:-1, 1:-1] | pad[1:, 1:-1]  # (nrows + 1, ncols)
        v_edges = (pad[1:-1, :-1] | pad[1:-1, 1:]).T  # (ncols + 1, nrows)
        for edges, horizontal in ((h_edges, True), (v_edges, False)):
            run = np.diff(np.pad(edges.astype(np.int8), ((0, 0), (1, 1))), axis=1)
            k0, a = np.nonzero(run == 1)
            k1, b = np.nonzero(run == -1)  # same rows, same order as the starts
            assert np.array_equal(k0, k1)
            k = k0.astype(float)
            if horizontal:
                segs.append(
                    np.stack([np.column_stack([a, k]), np.column_stack([b, k])], axis=1)
                )
            else:
                segs.append(
                    np.stack([np.column_stack([k, a]), np.column_stack([k, b])], axis=1)
                )
        capstyle = "projecting"  # closes the corners where runs meet
    lc = LineCollection(
        np.concatenate(segs).astype(float),  # type: ignore[arg-type]  # (n, 2, 2) array
        colors=[style.linecolor],
        linewidths=style.linewidths,
        capstyle=capstyle,
        zorder=2,
    )
    lc.set_label("clustergrid:cell-borders")
    ax.add_collection(lc, autolim=False)
    return lc


def draw_cells(ax: Any, comp: Any, image: Any) -> None:
    """Apply the mask to ``image`` and draw borders and cell text into ``ax``
    for the cells of ``comp.matrix`` (any slice of the drawn matrix)."""
    style: CellStyle | None = getattr(comp, "cells", None)
    if style is None or style.empty:
        return
    matrix = comp.matrix
    nrows, ncols = matrix.shape
    hidden = (
        _lookup(_table(style.mask), matrix).astype(bool)
        if style.mask is not None
        else None
    )
    if hidden is not None and hidden.any():
        # per-cell alpha: masked cells are fully transparent, whatever nan_color is
        image.set_alpha(np.where(hidden, 0.0, 1.0))
    shown = ~hidden if hidden is not None else np.ones((nrows, ncols), dtype=bool)
    if style.linewidths > 0 and shown.any():
        lw = _border_width(ax, nrows, ncols, style.linewidths)
        if lw > 0:
            _borders(ax, shown, replace(style, linewidths=lw))
    if style.annot is None:
        return
    values = matrix.to_numpy()
    if style.annot is True:
        texts = _cell_strings(values, style.fmt, numeric=True)
    else:
        table = _lookup(_table(style.annot), matrix)
        numeric = table.dtype.kind in "biuf"
        texts = _cell_strings(table, style.fmt, numeric=numeric)
    write = shown & np.not_equal(texts, np.asarray(None, dtype=object))
    if not write.any():
        return
    ii, jj = np.nonzero(write)
    strings = [texts[i, j] for i, j in zip(ii, jj, strict=True)]
    kws = {
        **LITERAL,
        **style.annot_kws,
    }  # cell text is data; annot_kws may ask for math
    user_fs = kws.pop("fontsize", kws.pop("size", None))
    user_color = kws.pop("color", None)
    fig = ax.figure
    dpi = fig.get_figure(root=True).dpi
    cell_w = ax.bbox.width / dpi / ncols
    cell_h = ax.bbox.height / dpi / nrows
    if user_fs is not None:
        fs = _fit_fontsize(strings, ax, cell_w, cell_h, float(user_fs), kws)
        if fs < float(user_fs) * 0.999:
            key = "fontsize" if "fontsize" in style.annot_kws else "size"
            _warn(
                f"annot_kws[{key!r}]={float(user_fs):g} is too large for cells of "
                f"{cell_w * 25.4:.1f} x {cell_h * 25.4:.1f} mm: the text would cover its "
                f"neighbours and the labels; it is drawn at {fs:.1f} pt. Enlarge the cells "
                f"(cell_size=, figsize=) or pass a smaller fontsize"
            )
    else:
        base = float(mpl.rcParams["font.size"])
        fs = _fit_fontsize(strings, ax, cell_w, cell_h, base, kws)
        if fs < _MIN_READABLE_PT:
            _warn(
                f"the cell text must shrink to {fs:.1f} pt to fit cells of "
                f"{cell_w * 25.4:.1f} x {cell_h * 25.4:.1f} mm; enlarge the cells "
                f"(cell_size=, figsize=), shorten fmt, or pass annot_kws={{'fontsize': ...}}"
            )
    if user_color is not None:
        colors: Any = [user_color] * len(strings)
    else:
        rgba = np.asarray(comp.cmap(comp.norm(np.ma.masked_invalid(values[ii, jj]))))
        bg = mcolors.to_rgba(fig.get_facecolor())
        rgb = _composite(rgba, bg)
        colors = ["white" if c else "black" for c in contrast_text_color(rgb)]
    for i, j, s, c in zip(ii, jj, strings, colors, strict=True):
        t = ax.text(
            j + 0.5,
            i + 0.5,
            s,
            ha="center",
            va="center",
            fontsize=fs,
            color=c,
            clip_on=True,
            zorder=3,
            **kws,
        )
        t.set_gid("clustergrid:annot")
