"""The one mapping from seaborn's ``heatmap``/``clustermap`` argument names to
clustergrid's options.

:func:`map_seaborn` is a pure function: a dict of seaborn keyword arguments
in, a :class:`SeabornOptions` out (the :class:`~clustergrid.ClusterGrid`
keyword arguments, the colour scale, the labels and, for ``clustermap``, the
clustering).  It builds nothing, so the command line and any Python front
end share it.  :func:`parse_value` turns the text a command-line user typed
for one key into the value of that key's kind, without guessing: a ``fmt``
or a label stays the text it was.

Unknown keys raise ValueError naming the nearest known key.
"""

from __future__ import annotations

import ast
import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "SeabornOptions",
    "map_seaborn",
    "parse_value",
    "known_keys",
    "python_keys",
    "kind_of",
    "nearest",
    "cbar_place",
    "UNSUPPORTED",
    "CBAR_POS_DEFAULT",
]

# key -> kind.  Kinds: number, bool, str, color, cmap, mask, annot, ticklabels, cbar_kws,
# text_kws, axis, pair, length, positive.
# seaborn.heatmap's arguments that map to the ClusterGrid option of the same name
_HEATMAP_SAME = {
    "vmin": "number",
    "vmax": "number",
    "center": "number",
    "robust": "bool",
    "cmap": "cmap",
    "annot": "annot",
    "fmt": "str",
    "annot_kws": "text_kws",
    "linewidths": "number",
    "linecolor": "color",
    "square": "bool",
    "mask": "mask",
}
# seaborn.heatmap's arguments that choose panels
_HEATMAP_PANELS = {
    "cbar": "bool",
    "cbar_kws": "cbar_kws",
    "xticklabels": "ticklabels",
    "yticklabels": "ticklabels",
}
# seaborn.clustermap's own arguments
_CLUSTERMAP = {
    "row_cluster": "bool",
    "col_cluster": "bool",
    "method": "str",
    "metric": "str",
    "z_score": "axis",
    "standard_scale": "axis",
    "figsize": "pair",
}
# seaborn.clustermap's arguments that take Python objects (cg.clustermap; not the CLI)
_CLUSTERMAP_OBJECTS = {
    "row_colors": "colors",
    "col_colors": "colors",
    "dendrogram_ratio": "ratio",
    "colors_ratio": "ratio",
    "cbar_pos": "cbar_pos",
    "tree_kws": "tree_kws",
    "pivot_kws": "pivot_kws",
    "row_linkage": "linkage",
    "col_linkage": "linkage",
}
# seaborn.heatmap's arguments (and matplotlib's, passed on by seaborn) that only a
# Python caller can give
_HEATMAP_OBJECTS = {"norm": "norm"}
# tree_kws (seaborn passes them to a LineCollection) -> Dendrogram options
_TREE_KWS = {
    "color": "color",
    "colors": "color",
    "linewidth": "linewidth",
    "linewidths": "linewidth",
    "lw": "linewidth",
}
# seaborn (or matplotlib) arguments clustergrid does another way: the way, for the
# TypeError that cg.clustermap / cg.heatmap raise
UNSUPPORTED = {
    "cbar_ax": "the layout places the colour scale: cbar_pos=(x, y, w, h) picks the nearest "
    "corner or side (clustermap); or build the grid and add(cg.ScaleBar(), side)",
    "colorbar_kws": "use cbar_kws={'label': ..., 'orientation': ..., 'shrink': ...}",
    "alpha": "give a colormap with alpha, e.g. cmap=matplotlib.colors.ListedColormap(rgba)",
    "edgecolor": "use linecolor= (with linewidths=) for the lines between cells",
    "edgecolors": "use linecolor= (with linewidths=) for the lines between cells",
    "linewidth": "use linewidths= (seaborn's name) for the lines between cells",
    "lw": "use linewidths= (seaborn's name) for the lines between cells",
    "rasterized": "the heatmap is always one image (one pixel per cell) in vector output",
    "shading": "cells are drawn as one image; there is no shading option",
    "snap": "cells are drawn as one image; there is no snap option",
    "antialiased": "cells are drawn as one image; there is no antialiasing option",
    "zorder": "the layout stacks the heatmap and its panels itself",
    "xticklabels_kws": "use cg.Labels(...) panels on the built grid",
    "data": "the data is the first argument",
    "ax": "clustermap makes its own figure; draw it into part of another figure with "
    "g.on(subplotspec) (cg.heatmap takes ax=)",
    "label": "label the colour scale with cbar_kws={'label': ...}",
    "expected_size_dendrogram": "use dendrogram_ratio=",
}
# ClusterGrid's own options (no seaborn name), accepted as they are
_GRID_OWN = {
    "cell_size": "length",
    "nan_color": "color",
    "dpi": "positive",
    "z_score": "axis",
    "standard_scale": "axis",
    "figsize": "pair",
}
# seaborn arguments that have no meaning here, and why
_REFUSED = {
    "data": "the data is the input table",
    "ax": "a ClusterGrid lays out its own axes (draw it into a figure instead)",
    "cbar_ax": "a ClusterGrid places its own colour scale",
}
_CBAR_KWS = {"label": "str", "orientation": "str", "shrink": "number"}
_MAX_POINTS = 1000.0  # the largest font size annot_kws may ask for


def known_keys(function: str = "heatmap") -> dict[str, str]:
    """Every key :func:`map_seaborn` accepts for ``function``, with its kind."""
    _check_function(function)
    keys = {**_HEATMAP_SAME, **_HEATMAP_PANELS, **_GRID_OWN}
    if function == "clustermap":
        keys.update(_CLUSTERMAP)
        keys.update(_CLUSTERMAP_OBJECTS)
    return keys


def python_keys(function: str = "heatmap") -> dict[str, str]:
    """Every key :func:`map_seaborn` accepts from a Python caller (``cg.heatmap``
    / ``cg.clustermap``): :func:`known_keys` and the keys whose values are
    Python objects (``norm``; for clustermap ``row_colors``, ``cbar_pos``, ...)."""
    keys = known_keys(function)
    keys.update(_HEATMAP_OBJECTS)
    return keys


def kind_of(key: str, function: str = "heatmap") -> str:
    """The kind of value ``key`` takes (raises ValueError for an unknown key)."""
    keys = known_keys(function)
    if key not in keys:
        raise ValueError(_unknown(key, keys, function))
    return keys[key]


def nearest(key: str, candidates: Any) -> str | None:
    """The candidate closest to ``key`` (difflib), or None when none is close."""
    matches = difflib.get_close_matches(key, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _check_function(function: str) -> None:
    if function not in ("heatmap", "clustermap"):
        raise ValueError(
            f"function must be 'heatmap' or 'clustermap', got {function!r}"
        )


def _unknown(key: str, keys: Mapping[str, str], function: str) -> str:
    if key in _REFUSED:
        return f"{key!r} is not supported: {_REFUSED[key]}"
    guess = nearest(key, keys)
    hint = (
        f"did you mean {guess!r}?"
        if guess
        else f"the keys are {', '.join(sorted(keys))}"
    )
    return f"unknown key {key!r} (not a seaborn.{function} argument here); {hint}"


@dataclass(frozen=True)
class SeabornOptions:
    """What a set of seaborn arguments asks of a ClusterGrid.

    Attributes
    ----------
    grid : dict
        Keyword arguments for :class:`~clustergrid.ClusterGrid`.
    cbar : bool
        Whether a colour scale is drawn (seaborn's ``cbar``).
    scale : dict
        The scale's ``label`` (str or None), ``side`` ("right" for a
        vertical scale, "bottom" for a horizontal one) and ``length`` (a
        fraction of the heatmap, seaborn's ``shrink``, or None).
    row_labels, col_labels : bool, int or "auto"
        seaborn's ``yticklabels`` / ``xticklabels``: True or "auto" draws the
        labels (thinned to those that fit), False none, an int ``k`` every
        k-th label.
    cluster : dict
        ``clustermap`` only: any of ``rows``/``cols`` (bool), ``method``,
        ``metric``, ``row_linkage``/``col_linkage`` (scipy linkage matrices)
        that were given.
    bars : dict
        ``clustermap`` only: ``rows``/``cols`` -> seaborn's ``row_colors`` /
        ``col_colors`` as given (normalised by the front end).
    ratios : dict
        ``clustermap`` only: ``dendrogram`` and ``colors`` -> (rows, cols),
        seaborn's fractions of the figure's width (rows) and height (cols).
    cbar_place : str or None
        ``clustermap`` only: the side or corner nearest ``cbar_pos`` (None:
        ``cbar_pos=None``, no colour scale).
    tree : dict
        ``clustermap`` only: :class:`~clustergrid.Dendrogram` keyword
        arguments from ``tree_kws``.
    pivot : dict or None
        ``clustermap`` only: ``pivot_kws`` (``index``, ``columns``, ``values``).
    """

    grid: dict = field(default_factory=dict)
    cbar: bool = True
    scale: dict = field(
        default_factory=lambda: {"label": None, "side": "right", "length": None}
    )
    row_labels: Any = "auto"
    col_labels: Any = "auto"
    cluster: dict = field(default_factory=dict)
    bars: dict = field(default_factory=dict)
    ratios: dict = field(
        default_factory=lambda: {"dendrogram": (0.2, 0.2), "colors": (0.03, 0.03)}
    )
    cbar_place: str | None = "top-left"
    tree: dict = field(default_factory=dict)
    pivot: dict | None = None


#: seaborn.clustermap's default ``cbar_pos``
CBAR_POS_DEFAULT = (0.02, 0.8, 0.05, 0.18)


def cbar_place(pos: Any) -> str | None:
    """The side or corner of a solved layout nearest seaborn's ``cbar_pos``.

    ``pos`` is ``(left, bottom, width, height)`` in figure fractions (or
    None: no scale).  A solved layout has no absolute figure coordinates, so
    the box's centre picks a place: in the outer thirds of both directions a
    corner ("top-left" for seaborn's default), in the outer third of one
    direction that side, and the middle (over the heatmap) the right side.
    """
    if pos is None:
        return None
    x, y, w, h = (float(v) for v in pos)
    cx, cy = x + w / 2, y + h / 2
    horiz = "left" if cx < 1 / 3 else "right" if cx > 2 / 3 else None
    vert = "bottom" if cy < 1 / 3 else "top" if cy > 2 / 3 else None
    if horiz and vert:
        return f"{vert}-{horiz}"
    return horiz or vert or "right"


def _pair(value: Any) -> tuple[float, float]:
    if _is_number(value):
        return float(value), float(value)
    a, b = value
    return float(a), float(b)


def map_seaborn(
    kwargs: Mapping[str, Any], function: str = "heatmap", *, python: bool = False
) -> SeabornOptions:
    """Map seaborn ``heatmap`` (or ``clustermap``) keyword arguments to
    clustergrid options.

    Parameters
    ----------
    kwargs : mapping
        seaborn argument names to values (already of their kind; see
        :func:`parse_value` for text).  ClusterGrid's own options
        (``cell_size``, ``nan_color``, ``dpi``, ...) are accepted too.
    function : {"heatmap", "clustermap"}
        Which seaborn function's names to accept.
    python : bool, default False
        Also accept the keys only a Python caller can give (``norm``;
        ``row_colors`` and the other objects are clustermap's anyway).

    Returns
    -------
    SeabornOptions

    Raises
    ------
    ValueError
        For an unknown key (naming the nearest known key), a key seaborn
        has but clustergrid does not need (``ax``, ``cbar_ax``, ``data``),
        or a value that key cannot take.
    TypeError
        For a value of the wrong type.
    """
    keys = python_keys(function) if python else known_keys(function)
    grid: dict[str, Any] = {}
    bars: dict[str, Any] = {}
    ratios = {"dendrogram": (0.2, 0.2), "colors": (0.03, 0.03)}
    place: str | None = cbar_place(CBAR_POS_DEFAULT)
    tree: dict[str, Any] = {}
    pivot: dict | None = None
    cbar = True
    scale = {"label": None, "side": "right", "length": None}
    labels = {"xticklabels": "auto", "yticklabels": "auto"}
    cluster: dict[str, Any] = {}
    for key, value in kwargs.items():
        if key not in keys:
            raise ValueError(_unknown(key, keys, function))
        _check_value(key, keys[key], value)
        if key in _HEATMAP_SAME or key in _GRID_OWN or key in _HEATMAP_OBJECTS:
            grid[key] = value
        elif key in ("row_colors", "col_colors"):
            if value is not None:
                bars["rows" if key == "row_colors" else "cols"] = value
        elif key in ("dendrogram_ratio", "colors_ratio"):
            ratios["dendrogram" if key == "dendrogram_ratio" else "colors"] = _pair(
                value
            )
        elif key == "cbar_pos":
            place = cbar_place(value)
        elif key == "tree_kws":
            tree = {_TREE_KWS[k]: v for k, v in (value or {}).items()}
        elif key == "pivot_kws":
            pivot = None if value is None else dict(value)
        elif key in ("row_linkage", "col_linkage"):
            if value is not None:
                cluster[key] = value
        elif key == "cbar":
            cbar = bool(value)
        elif key == "cbar_kws":
            for k, v in value.items():
                if k == "label":
                    scale["label"] = v
                elif k == "orientation":
                    scale["side"] = "right" if v == "vertical" else "bottom"
                elif k == "shrink":
                    scale["length"] = float(v)
        elif key in ("xticklabels", "yticklabels"):
            labels[key] = value
        elif key in ("row_cluster", "col_cluster"):
            cluster["rows" if key == "row_cluster" else "cols"] = bool(value)
        elif key in ("method", "metric"):
            cluster[key] = value
    if "cbar_kws" in kwargs and not cbar:
        raise ValueError(
            "cbar_kws sets the colour scale, but cbar is false (no scale); "
            "drop one of them"
        )
    return SeabornOptions(
        grid=grid,
        cbar=cbar,
        scale=scale,
        row_labels=labels["yticklabels"],
        col_labels=labels["xticklabels"],
        cluster=cluster,
        bars=bars,
        ratios=ratios,
        cbar_place=place,
        tree=tree,
        pivot=pivot,
    )


def _is_number(value: Any) -> bool:
    import numbers

    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _check_value(key: str, kind: str, value: Any) -> None:
    """Type and range checks that only the mapping knows; the rest (colours,
    colormaps, masks) is the library's, which names the option itself."""
    if kind == "number":
        if not _is_number(value) or not math.isfinite(float(value)):
            raise TypeError(f"{key} must be a finite number, got {value!r}")
    elif kind == "positive":
        if not _is_number(value) or not (0 < float(value) < math.inf):
            raise ValueError(f"{key} must be a positive number, got {value!r}")
    elif kind == "bool":
        if not isinstance(value, bool):
            raise TypeError(f"{key} must be true or false, got {value!r}")
    elif kind in ("str", "cmap", "color"):
        if kind == "str" and not isinstance(value, str):
            raise TypeError(f"{key} must be a string, got {value!r}")
    elif kind == "ticklabels":
        if isinstance(value, bool) or (isinstance(value, str) and value == "auto"):
            return
        if not isinstance(value, str) and hasattr(value, "__len__"):  # a list of labels
            return
        if isinstance(value, int) or (_is_number(value) and float(value).is_integer()):
            if int(value) < 1:
                raise ValueError(
                    f"{key} as a number is a step (every k-th label), at least 1; "
                    f"got {value!r}"
                )
            return
        raise ValueError(
            f"{key} takes true, false, 'auto' or a step (every k-th label, e.g. 2); "
            f"got {value!r}; the labels themselves come from the data"
        )
    elif kind == "cbar_kws":
        if not isinstance(value, Mapping):
            raise TypeError(
                f"cbar_kws must be a dict of {', '.join(_CBAR_KWS)}, got {value!r}"
            )
        for k, v in value.items():
            if k not in _CBAR_KWS:
                guess = nearest(str(k), _CBAR_KWS)
                hint = (
                    f"did you mean {guess!r}?"
                    if guess
                    else f"use {', '.join(_CBAR_KWS)}"
                )
                raise ValueError(f"cbar_kws: unknown key {k!r}; {hint}")
            if k == "orientation" and v not in ("vertical", "horizontal"):
                raise ValueError(
                    f"cbar_kws: orientation must be 'vertical' or 'horizontal', "
                    f"got {v!r}"
                )
            if k == "shrink" and not (_is_number(v) and 0 < float(v) <= 1):
                raise ValueError(
                    f"cbar_kws: shrink is a fraction of the heatmap's length "
                    f"(0 < shrink <= 1), got {v!r}"
                )
            if k == "label" and v is not None and not isinstance(v, str):
                raise TypeError(f"cbar_kws: label must be a string, got {v!r}")
    elif kind == "text_kws":
        if not isinstance(value, Mapping):
            raise TypeError(f"{key} must be a dict of text properties, got {value!r}")
        from matplotlib.text import Text

        for k, v in value.items():
            if _is_number(v) and not math.isfinite(float(v)):
                raise ValueError(f"{key}: {k}={v!r} is not a finite number")
            if (
                k in ("fontsize", "size")
                and _is_number(v)
                and not 0 < float(v) <= _MAX_POINTS
            ):
                raise ValueError(
                    f"{key}: {k} must be between 0 and {_MAX_POINTS} points, got {v!r}"
                )
            try:
                Text().update({k: v})
            except AttributeError:
                raise ValueError(
                    f"{key}: {k!r} is not a text property (use e.g. fontsize, "
                    "color, fontweight, fontstyle)"
                ) from None
            except (ValueError, TypeError) as exc:
                raise ValueError(f"{key}: {k}={v!r}: {exc}") from None
    elif kind in ("pair", "length"):
        from ._sizes import to_inches

        parts = value if isinstance(value, (tuple, list)) else (value,)
        if kind == "pair" and len(parts) != 2:
            raise ValueError(f"{key} needs two lengths (width, height), got {value!r}")
        for part in parts:
            try:
                inches = to_inches(part)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{key}: {exc}") from None
            if not (0 < inches < math.inf):
                raise ValueError(
                    f"{key}: lengths must be positive and finite, got {part!r}"
                )
    elif kind == "axis":
        if value not in (0, 1) or isinstance(value, bool):
            raise ValueError(f"{key} must be 0 (rows) or 1 (columns), got {value!r}")
    elif kind == "ratio":
        ok = _is_number(value) or (
            isinstance(value, (tuple, list))
            and len(value) == 2
            and all(_is_number(v) for v in value)
        )
        if not ok:
            raise TypeError(
                f"{key} takes a fraction of the figure or a pair (rows, cols), "
                f"got {value!r}"
            )
        if not all(0 <= v < 1 for v in _pair(value)):
            raise ValueError(
                f"{key} is a fraction of the figure (0 <= {key} < 1), got {value!r}"
            )
    elif kind == "cbar_pos":
        if value is None:
            return
        ok = (
            isinstance(value, (tuple, list))
            and len(value) == 4
            and all(_is_number(v) for v in value)
        )
        if not ok:
            raise TypeError(
                f"cbar_pos takes (left, bottom, width, height) in figure fractions, "
                f"or None for no colour scale; got {value!r}"
            )
    elif kind == "tree_kws":
        if value is None:
            return
        if not isinstance(value, Mapping):
            raise TypeError(
                f"tree_kws must be a dict of {', '.join(_TREE_KWS)}, got {value!r}"
            )
        for k in value:
            if k not in _TREE_KWS:
                raise TypeError(
                    f"tree_kws: {k!r} is not supported; the dendrogram takes "
                    f"{', '.join(_TREE_KWS)} (for more, build the grid with "
                    "cg.Dendrogram(...))"
                )
        if len({_TREE_KWS[k] for k in value}) < len(value):
            raise ValueError(
                f"tree_kws gives the same option under two names: {sorted(value)}"
            )
    elif kind == "pivot_kws":
        if value is None:
            return
        if not isinstance(value, Mapping) or not set(value) <= {
            "index",
            "columns",
            "values",
        }:
            raise TypeError(
                "pivot_kws takes a dict with index=, columns= and values= (as "
                f"DataFrame.pivot), got {value!r}"
            )
    elif kind == "norm":
        from matplotlib.colors import Normalize

        if value is not None and not isinstance(value, Normalize):
            raise TypeError(
                f"norm must be a matplotlib.colors.Normalize, got {value!r}"
            )
    elif kind == "annot":
        if isinstance(value, str):
            raise TypeError(
                f"{key} takes true or false here (or a table of the cells' texts in "
                f"Python), got the text {value!r}"
            )


# -- text -> value, by kind ----------------------------------------------------------

_TRUE, _FALSE = ("true", "yes", "on", "1"), ("false", "no", "off", "0")


def parse_value(key: str, text: str, function: str = "heatmap") -> Any:
    """The value of ``key`` that the text ``text`` spells.

    Only the key's own kind is tried: numbers for numeric keys, true/false
    for switches, ``k:v`` pairs for ``cbar_kws``/``annot_kws``; a string
    key (``fmt``, ``cmap``, a colour, a label) keeps the text unchanged.

    Raises
    ------
    ValueError
        For an unknown key (naming the nearest) or text the kind cannot read.
    """
    kind = kind_of(key, function)
    if kind in (
        "colors",
        "ratio",
        "cbar_pos",
        "tree_kws",
        "pivot_kws",
        "linkage",
        "norm",
    ):
        raise ValueError(
            f"{key} is given in Python (cg.clustermap(..., {key}=...)), not as text"
        )
    raw = text.strip()
    low = raw.lower()
    if kind in ("number", "positive"):
        return _number(key, raw)
    if kind == "bool":
        return _bool(key, raw)
    if kind in ("str", "cmap", "color", "mask"):
        return _unquote(raw)
    if kind == "annot":
        return _bool(key, raw)
    if kind == "ticklabels":
        if low == "auto":
            return "auto"
        if low in ("true", "false"):
            return low == "true"
        try:
            return int(raw)
        except ValueError:
            raise ValueError(
                f"{key} takes true, false, auto or a step (every k-th label, "
                f"e.g. 2); got {raw!r}"
            ) from None
    if kind == "axis":
        names = {"0": 0, "1": 1, "rows": 0, "row": 0, "cols": 1, "col": 1, "columns": 1}
        if low not in names:
            raise ValueError(f"{key} takes 0 or rows, 1 or cols; got {raw!r}")
        return names[low]
    if kind in ("cbar_kws", "text_kws"):
        pairs = _mapping(key, raw)
        if kind == "cbar_kws":
            out: dict[str, Any] = {}
            for k, v in pairs.items():
                if k not in _CBAR_KWS:
                    guess = nearest(k, _CBAR_KWS)
                    hint = (
                        f"did you mean {guess!r}?"
                        if guess
                        else f"use {', '.join(_CBAR_KWS)}"
                    )
                    raise ValueError(f"cbar_kws: unknown key {k!r}; {hint}")
                out[k] = _number(f"cbar_kws {k}", v) if _CBAR_KWS[k] == "number" else v
            return out
        return {k: _text_prop(v) for k, v in pairs.items()}
    if kind == "pair":
        parts = [p.strip() for p in _unquote(raw).strip("()[]").split(",")]
        if len(parts) != 2:
            raise ValueError(
                f"{key} needs two lengths W,H (e.g. 6,4 or 180mm,120mm), got {raw!r}"
            )
        return tuple(_length_value(p) for p in parts)
    if kind == "length":
        parts = [p.strip() for p in _unquote(raw).strip("()[]").split(",")]
        if len(parts) not in (1, 2):
            raise ValueError(f"{key} needs one length or W,H, got {raw!r}")
        values = tuple(_length_value(p) for p in parts)
        return values[0] if len(values) == 1 else values
    raise AssertionError(kind)  # pragma: no cover


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def _number(key: str, text: str) -> float | int:
    t = _unquote(text)
    try:
        value: float | int = int(t)
    except ValueError:
        try:
            value = float(t)
        except ValueError:
            raise ValueError(f"{key} must be a number, got {t!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"{key} must be a finite number, got {t!r}")
    return value


def _bool(key: str, text: str) -> bool:
    low = _unquote(text).lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError(f"{key} must be true or false, got {text!r}")


def _length_value(text: str) -> float | str:
    t = _unquote(text)
    try:
        return float(t)
    except ValueError:
        return t


def _text_prop(text: str) -> Any:
    t = _unquote(text)
    try:
        return float(t)
    except ValueError:
        return t


def _mapping(key: str, text: str) -> dict[str, str]:
    """``{'label': 'AUC', 'shrink': 0.5}`` (a Python dict literal) or
    ``label:AUC,shrink:0.5`` (``k:v`` pairs, braces optional) -> dict of
    strings."""
    if text.startswith("{"):
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            value = None
        if isinstance(value, dict):
            return {str(k): str(v) for k, v in value.items()}
        text = text.strip("{}")
    out: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        k, sep, v = part.partition(":")
        if not sep:
            k, sep, v = part.partition("=")
        k, v = _unquote(k.strip()), _unquote(v.strip())
        if not sep or not k:
            raise ValueError(
                f"{key}: cannot read {part.strip()!r}; write key:value pairs "
                f"separated by commas, e.g. {key}:label:z-score,shrink:0.5"
            )
        if k in out:
            raise ValueError(f"{key}: {k!r} is given twice")
        out[k] = v
    if not out:
        raise ValueError(f"{key} is empty; write key:value pairs separated by commas")
    return out
