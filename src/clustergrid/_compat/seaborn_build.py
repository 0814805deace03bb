"""What ``cg.clustermap``/``cg.heatmap`` build from seaborn's arguments: the key
checks, the tick-label panels, row_colors/col_colors as bars, and seaborn's
colour limits and centring, exactly."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import matplotlib as mpl
import matplotlib.colors as mcolors
import numpy as np
import numpy.typing as npt
import pandas as pd

from .._input.frame import as_frame, by_position
from ..grid import ClusterGrid
from ..panels.annotation import AnnotationBar, is_missing
from ..panels.labels import Labels
from . import seaborn_args as _seaborn

if TYPE_CHECKING:  # pragma: no cover
    # scipy-stubs' TypedDict of what scipy.cluster.hierarchy.dendrogram returns

    pass

_WHITE = (1.0, 1.0, 1.0)


# seaborn's own colormaps (seaborn.cm registers them with matplotlib when imported)
_SEABORN_CMAPS = ("rocket", "mako", "icefire", "vlag", "flare", "crest")


def seaborn_cmap(kwargs: dict) -> None:
    """``cmap="vlag"`` (or another seaborn colormap): register seaborn's
    colormaps when seaborn is installed, else say how to get one."""
    name = kwargs.get("cmap")
    if not isinstance(name, str) or name in mpl.colormaps:
        return
    if name.removesuffix("_r") not in _SEABORN_CMAPS:
        return
    try:
        import seaborn.cm  # noqa: F401  (registers rocket, mako, vlag, ... with matplotlib)
    except ImportError:
        raise ValueError(
            f"cmap={name!r} is one of seaborn's colormaps: install seaborn "
            "(pip install 'clustergrid[seaborn]'; only its colormaps are used), "
            "or use a matplotlib colormap such as 'RdBu_r' (diverging) or "
            "'magma' (sequential)"
        ) from None


# -- argument checks ------------------------------------------------------------------


def check_keys(kwargs: dict, function: str) -> None:
    """Unknown or unsupported arguments are a TypeError naming the argument
    and the clustergrid way."""
    keys = _seaborn.python_keys(function)
    for key in kwargs:
        if key in keys:
            continue
        if key in _seaborn.UNSUPPORTED:
            raise TypeError(
                f"cg.{function}() does not support {key!r}: {_seaborn.UNSUPPORTED[key]}"
            )
        guess = _seaborn.nearest(key, keys)
        hint = (
            f"did you mean {guess!r}?"
            if guess
            else f"the arguments are seaborn's (see help(cg.{function}))"
        )
        raise TypeError(
            f"cg.{function}() got an unexpected keyword argument {key!r}; {hint}"
        )


_CBAR_KWS_PY = ("label", "orientation", "shrink", "ticks")


def split_cbar_kws(kwargs: dict[str, Any]) -> npt.ArrayLike | None:
    """``cbar_kws``: the keys the mapping reads, and ``ticks`` (Python only,
    for the ScaleBar); any other colorbar argument is a TypeError."""
    ck = kwargs.get("cbar_kws")
    if not isinstance(ck, dict):
        return None
    for k in ck:
        if k not in _CBAR_KWS_PY:
            guess = _seaborn.nearest(str(k), _CBAR_KWS_PY)
            hint = f"did you mean {guess!r}? " if guess else ""
            raise TypeError(
                f"cbar_kws: {k!r} is not supported; {hint}the scale takes "
                f"{', '.join(_CBAR_KWS_PY)} (for more, add a cg.ScaleBar(...) to "
                "the grid yourself)"
            )
    rest = {k: v for k, v in ck.items() if k != "ticks"}
    if rest:
        kwargs["cbar_kws"] = rest
    else:
        kwargs.pop("cbar_kws")
    return ck.get("ticks")


def ticklabels_panel(
    choice: Any, labels: pd.Index, what: str, **kw: Any
) -> Labels | None:
    """seaborn's ``xticklabels``/``yticklabels`` as a Labels panel."""
    if choice is False:
        return None
    if choice is True or (isinstance(choice, str) and choice == "auto"):
        return Labels(**kw)
    if isinstance(choice, (int, np.integer)) or (
        isinstance(choice, float) and choice.is_integer()
    ):
        return Labels(step=int(choice), **kw)
    given = list(choice)
    if len(given) != len(labels):
        raise ValueError(
            f"{what} gives {len(given)} labels for {len(labels)} "
            f"{'rows' if what == 'yticklabels' else 'columns'}; give one per "
            "label, in the data's order (they follow the clustering)"
        )
    mapping = dict(zip(labels, (str(v) for v in given), strict=True))
    return Labels(formatter=mapping.__getitem__, **kw)


# -- seaborn's row_colors / col_colors ------------------------------------------------


def _is_colour(v: object) -> bool:
    if is_missing(v):
        return False
    return mcolors.is_color_like(v)


def _rgb_or_white(v: Any) -> tuple[float, float, float]:
    """seaborn's colours: white where missing (``v`` is a cell of a bar)."""
    return _WHITE if is_missing(v) else mcolors.to_rgb(v)


def _is_nested(colors: Any) -> bool:
    """Several bars: a list of lists of colours (or a 3-D array of RGB)."""
    if isinstance(colors, np.ndarray):
        return colors.ndim == 3 or (colors.ndim == 2 and colors.dtype.kind in "OUS")
    if isinstance(colors, (list, tuple)) and len(colors):
        first = colors[0]
        return (
            isinstance(first, (list, tuple, np.ndarray, pd.Series))
            and not isinstance(first, str)
            and not mcolors.is_color_like(first)
        )
    return False


def _bars(
    colors: Any, labels: pd.Index, data_labelled: bool, option: str
) -> pd.DataFrame:
    """seaborn's row_colors/col_colors as a DataFrame of bars indexed by the
    data's labels (one column per bar).  A Series or DataFrame is aligned by
    label (labels it lacks are white, labels the data lacks are dropped, as
    seaborn does); lists are taken in the data's order."""
    n = len(labels)
    positional = by_position(colors)  # polars/Arrow: no row labels, the data's order
    if positional and len(colors) == n:
        colors = colors.set_axis(labels)
    elif positional:  # the length message of a list
        colors = (
            colors.tolist()
            if isinstance(colors, pd.Series)
            else [colors[c].tolist() for c in colors.columns]
        )
    if isinstance(colors, (pd.Series, pd.DataFrame)):
        if not data_labelled and not positional:
            raise TypeError(
                f"{option} is a {type(colors).__name__} aligned by label, but the "
                "data is an unlabelled array; pass the data as a DataFrame, or "
                f"{option} as a list in the data's order"
            )
        frame = colors.to_frame() if isinstance(colors, pd.Series) else colors
        if isinstance(colors, pd.Series):
            frame.columns = ["" if colors.name is None else colors.name]
        frame = frame.reindex(labels).astype(object)
        return frame
    seqs = list(colors) if _is_nested(colors) else [colors]
    cols = {}
    for j, seq in enumerate(seqs):
        if isinstance(seq, np.ndarray) and seq.ndim == 2 and seq.dtype.kind in "fiu":
            seq = [tuple(float(x) for x in r) for r in seq]
        seq = list(seq)
        if len(seq) != n:
            what = "row" if option == "row_colors" else "column"
            raise ValueError(
                f"{option}{'' if len(seqs) == 1 else f'[{j}]'} has {len(seq)} "
                f"colours for {n} {what}s; give one per {what}, in the data's order"
            )
        cols[j] = pd.Series(seq, index=labels, dtype=object)
    return pd.DataFrame(cols, index=labels)


def colour_bars(
    g: ClusterGrid, colors: Any, axis: str, data_labelled: bool
) -> tuple[AnnotationBar, Any, list[str], int]:
    option = "row_colors" if axis == "row" else "col_colors"
    colors = as_frame(colors)
    labels = g._data.rows if axis == "row" else g._data.cols
    frame = _bars(colors, labels, data_labelled, option)
    named = isinstance(colors, (pd.Series, pd.DataFrame))
    out = {}
    literal = []
    for c in frame.columns:
        s = frame[c]
        given = [v for v in s if not is_missing(v)]
        if given and all(
            _is_colour(v) for v in given
        ):  # seaborn's colours: white where missing
            s = s.map(_rgb_or_white)
            literal.append([tuple(v) for v in s])
        out[c] = s
    bars = pd.DataFrame(out, index=labels)
    if named:
        bars.columns = [str(c) for c in bars.columns]
        bar = AnnotationBar(bars)
    else:  # unnamed bars (lists): no names drawn
        bars.columns = [f"{option}[{j}]" for j in range(bars.shape[1])]
        bar = AnnotationBar(bars, name_side="none")
    values = None
    if len(literal) == bars.shape[1]:
        values = (
            literal[0]
            if bars.shape[1] == 1
            and not _is_nested(colors)
            and not isinstance(colors, pd.DataFrame)
            else literal
        )
    names = [str(c) for c in bars.columns] if named else [""] * bars.shape[1]
    return bar, values, names, bars.shape[1]


def seaborn_scale(g: ClusterGrid) -> None:
    """seaborn's colour limits and centring, exactly.

    seaborn leaves masked cells out of the limits it computes (after any
    transform), and ``center`` does not bend the scale: the colour of ``v``
    is ``cmap((v - (center - r)) / 2r)`` with ``r = max(vmax - center,
    center - vmin)``, the scale spanning vmin..vmax (so ``vmax=.3,
    center=0`` keeps .3 as the top of the scale, and values above it take
    its colour).  That is a plain vmin..vmax norm over the slice of the
    colormap between those two colours, which is what the grid is given."""
    o: dict[str, Any] = g._norm_opts
    if o["norm"] is not None:
        return
    m = g._cells.mask
    given = o["vmin"] is not None and o["vmax"] is not None
    if o["center"] is None and (given or not isinstance(m, pd.DataFrame)):
        return  # the grid's own limits are seaborn's
    d = g._prepared()
    shown = np.isfinite(d.values)
    if isinstance(m, pd.DataFrame):
        shown &= ~m.reindex(index=d.rows, columns=d.cols).fillna(False).to_numpy(bool)
    vals = d.values[shown]
    if vals.size == 0:
        return
    if o["robust"]:
        lo, hi = (float(x) for x in np.percentile(vals, [2, 98]))
    else:
        lo, hi = float(vals.min()), float(vals.max())
    lo = lo if o["vmin"] is None else float(o["vmin"])
    hi = hi if o["vmax"] is None else float(o["vmax"])
    if not lo < hi:
        return  # the grid widens a constant scale itself
    c = o["center"]
    if c is not None:
        r = max(hi - c, c - lo)
        cmap = g._cmap
        cc = np.linspace((lo - (c - r)) / (2 * r), (hi - (c - r)) / (2 * r), 256)
        extremes = {"bad": cmap(np.ma.masked_invalid([np.nan]))[0]}
        if not np.array_equal(cmap(-np.inf), cmap(0.0)):
            extremes["under"] = cmap(-np.inf)
        if not np.array_equal(cmap(np.inf), cmap(1.0)):
            extremes["over"] = cmap(np.inf)
        sliced = mcolors.ListedColormap(
            cmap(cc), name=f"{cmap.name}_centred"
        ).with_extremes(**extremes)
        g._cmap = sliced
    g._norm_opts = dict(o, vmin=lo, vmax=hi, center=None, robust=False)
    g._changed()
