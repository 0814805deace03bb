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
import numbers
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias, TypeGuard

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

#: What :func:`parse_value` reads from text: a number, a switch, a string, a
#: pair of lengths or a dict of ``k:v`` pairs.
ParsedValue: TypeAlias = (
    bool | int | float | str | tuple[float | str, ...] | dict[str, Any]
)

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


def nearest(key: str, candidates: Iterable[str]) -> str | None:
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

    grid: dict[str, Any] = field(default_factory=dict)
    cbar: bool = True
    scale: dict[str, Any] = field(
        default_factory=lambda: {"label": None, "side": "right", "length": None}
    )
    row_labels: Any = "auto"  # bool, int, "auto" or (Python) a list of labels
    col_labels: Any = "auto"
    cluster: dict[str, Any] = field(default_factory=dict)
    bars: dict[str, Any] = field(default_factory=dict)
    ratios: dict[str, tuple[float, float]] = field(
        default_factory=lambda: {"dendrogram": (0.2, 0.2), "colors": (0.03, 0.03)}
    )
    cbar_place: str | None = "top-left"
    tree: dict[str, Any] = field(default_factory=dict)
    pivot: dict[str, Any] | None = None


#: seaborn.clustermap's default ``cbar_pos``
CBAR_POS_DEFAULT = (0.02, 0.8, 0.05, 0.18)


def cbar_place(pos: Sequence[float] | None) -> str | None:
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


def _pair(value: object) -> tuple[float, float]:
    """A number or a checked pair (see ``_check_ratio``) as a pair of floats."""
    if _is_number(value):
        return float(value), float(value)
    assert isinstance(value, (tuple, list))
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
    got = _Collected()
    for key, value in kwargs.items():
        if key not in keys:
            raise ValueError(_unknown(key, keys, function))
        _check_value(key, keys[key], value)
        got.take(key, value)
    if "cbar_kws" in kwargs and not got.cbar:
        raise ValueError(
            "cbar_kws sets the colour scale, but cbar is false (no scale); "
            "drop one of them"
        )
    return SeabornOptions(
        grid=got.grid,
        cbar=got.cbar,
        scale=got.scale,
        row_labels=got.labels["yticklabels"],
        col_labels=got.labels["xticklabels"],
        cluster=got.cluster,
        bars=got.bars,
        ratios=got.ratios,
        cbar_place=got.place,
        tree=got.tree,
        pivot=got.pivot,
    )


@dataclass
class _Collected:
    """The options :func:`map_seaborn` collects, one checked key at a time."""

    grid: dict[str, Any] = field(default_factory=dict)
    bars: dict[str, Any] = field(default_factory=dict)
    ratios: dict[str, tuple[float, float]] = field(
        default_factory=lambda: {"dendrogram": (0.2, 0.2), "colors": (0.03, 0.03)}
    )
    place: str | None = field(default_factory=lambda: cbar_place(CBAR_POS_DEFAULT))
    tree: dict[str, Any] = field(default_factory=dict)
    pivot: dict[str, Any] | None = None
    cbar: bool = True
    scale: dict[str, Any] = field(
        default_factory=lambda: {"label": None, "side": "right", "length": None}
    )
    labels: dict[str, Any] = field(
        default_factory=lambda: {"xticklabels": "auto", "yticklabels": "auto"}
    )
    cluster: dict[str, Any] = field(default_factory=dict)

    def take(self, key: str, value: Any) -> None:
        if key in _HEATMAP_SAME or key in _GRID_OWN or key in _HEATMAP_OBJECTS:
            self.grid[key] = value
            return
        take = _TAKE.get(key)
        if take is not None:
            take(self, key, value)

    def _bars(self, key: str, value: Any) -> None:
        if value is not None:
            self.bars["rows" if key == "row_colors" else "cols"] = value

    def _ratio(self, key: str, value: Any) -> None:
        self.ratios["dendrogram" if key == "dendrogram_ratio" else "colors"] = _pair(
            value
        )

    def _cbar_pos(self, key: str, value: Any) -> None:
        self.place = cbar_place(value)

    def _tree_kws(self, key: str, value: Any) -> None:
        self.tree = {_TREE_KWS[k]: v for k, v in (value or {}).items()}

    def _pivot_kws(self, key: str, value: Any) -> None:
        self.pivot = None if value is None else dict(value)

    def _linkage(self, key: str, value: Any) -> None:
        if value is not None:
            self.cluster[key] = value

    def _cbar(self, key: str, value: Any) -> None:
        self.cbar = bool(value)

    def _cbar_kws(self, key: str, value: Any) -> None:
        for k, v in value.items():
            if k == "label":
                self.scale["label"] = v
            elif k == "orientation":
                self.scale["side"] = "right" if v == "vertical" else "bottom"
            elif k == "shrink":
                self.scale["length"] = float(v)

    def _ticklabels(self, key: str, value: Any) -> None:
        self.labels[key] = value

    def _cluster_axis(self, key: str, value: Any) -> None:
        self.cluster["rows" if key == "row_cluster" else "cols"] = bool(value)

    def _cluster_option(self, key: str, value: Any) -> None:
        self.cluster[key] = value


# seaborn key -> how map_seaborn takes it (the ClusterGrid options of the same
# name go to ``grid`` as they are)
_TAKE: dict[str, Callable[[_Collected, str, Any], None]] = {
    "row_colors": _Collected._bars,
    "col_colors": _Collected._bars,
    "dendrogram_ratio": _Collected._ratio,
    "colors_ratio": _Collected._ratio,
    "cbar_pos": _Collected._cbar_pos,
    "tree_kws": _Collected._tree_kws,
    "pivot_kws": _Collected._pivot_kws,
    "row_linkage": _Collected._linkage,
    "col_linkage": _Collected._linkage,
    "cbar": _Collected._cbar,
    "cbar_kws": _Collected._cbar_kws,
    "xticklabels": _Collected._ticklabels,
    "yticklabels": _Collected._ticklabels,
    "row_cluster": _Collected._cluster_axis,
    "col_cluster": _Collected._cluster_axis,
    "method": _Collected._cluster_option,
    "metric": _Collected._cluster_option,
}


def _is_number(value: object) -> TypeGuard[numbers.Real]:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _check_value(key: str, kind: str, value: object) -> None:
    """Type and range checks that only the mapping knows; the rest (colours,
    colormaps, masks) is the library's, which names the option itself."""
    check = _CHECKS.get(kind)
    if check is not None:
        check(key, value)


def _check_number(key: str, value: object) -> None:
    if not _is_number(value) or not math.isfinite(float(value)):
        raise TypeError(f"{key} must be a finite number, got {value!r}")


def _check_positive(key: str, value: object) -> None:
    if not _is_number(value) or not (0 < float(value) < math.inf):
        raise ValueError(f"{key} must be a positive number, got {value!r}")


def _check_bool(key: str, value: object) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"{key} must be true or false, got {value!r}")


def _check_str(key: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{key} must be a string, got {value!r}")


def _check_ticklabels(key: str, value: object) -> None:
    if isinstance(value, bool) or (isinstance(value, str) and value == "auto"):
        return
    if not isinstance(value, str) and hasattr(value, "__len__"):  # a list of labels
        return
    if isinstance(value, int) or (_is_number(value) and float(value).is_integer()):
        if float(value) < 1:
            raise ValueError(
                f"{key} as a number is a step (every k-th label), at least 1; "
                f"got {value!r}"
            )
        return
    raise ValueError(
        f"{key} takes true, false, 'auto' or a step (every k-th label, e.g. 2); "
        f"got {value!r}; the labels themselves come from the data"
    )


def _unknown_cbar_key(k: object) -> str:
    guess = nearest(str(k), _CBAR_KWS)
    hint = f"did you mean {guess!r}?" if guess else f"use {', '.join(_CBAR_KWS)}"
    return f"cbar_kws: unknown key {k!r}; {hint}"


def _check_cbar_kws(key: str, value: object) -> None:
    if not isinstance(value, Mapping):
        raise TypeError(
            f"cbar_kws must be a dict of {', '.join(_CBAR_KWS)}, got {value!r}"
        )
    for k, v in value.items():
        if k not in _CBAR_KWS:
            raise ValueError(_unknown_cbar_key(k))
        if k == "orientation" and v not in ("vertical", "horizontal"):
            raise ValueError(
                f"cbar_kws: orientation must be 'vertical' or 'horizontal', got {v!r}"
            )
        if k == "shrink" and not (_is_number(v) and 0 < float(v) <= 1):
            raise ValueError(
                f"cbar_kws: shrink is a fraction of the heatmap's length "
                f"(0 < shrink <= 1), got {v!r}"
            )
        if k == "label" and v is not None and not isinstance(v, str):
            raise TypeError(f"cbar_kws: label must be a string, got {v!r}")


def _check_text_kws(key: str, value: object) -> None:
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


def _check_lengths(key: str, value: object, *, pair: bool) -> None:
    from ..sizes import to_inches

    parts = value if isinstance(value, (tuple, list)) else (value,)
    if pair and len(parts) != 2:
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


def _check_pair(key: str, value: object) -> None:
    _check_lengths(key, value, pair=True)


def _check_length(key: str, value: object) -> None:
    _check_lengths(key, value, pair=False)


def _check_axis(key: str, value: object) -> None:
    if value not in (0, 1) or isinstance(value, bool):
        raise ValueError(f"{key} must be 0 (rows) or 1 (columns), got {value!r}")


def _check_ratio(key: str, value: object) -> None:
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


def _check_cbar_pos(key: str, value: object) -> None:
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


def _check_tree_kws(key: str, value: object) -> None:
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


def _check_pivot_kws(key: str, value: object) -> None:
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


def _check_norm(key: str, value: object) -> None:
    from matplotlib.colors import Normalize

    if value is not None and not isinstance(value, Normalize):
        raise TypeError(f"norm must be a matplotlib.colors.Normalize, got {value!r}")


def _check_annot(key: str, value: object) -> None:
    if isinstance(value, str):
        raise TypeError(
            f"{key} takes true or false here (or a table of the cells' texts in "
            f"Python), got the text {value!r}"
        )


# kind -> its check (kinds without one, e.g. cmap, color, mask, colors, linkage,
# are checked by the library, which names the option itself)
_CHECKS: dict[str, Callable[[str, object], None]] = {
    "number": _check_number,
    "positive": _check_positive,
    "bool": _check_bool,
    "str": _check_str,
    "ticklabels": _check_ticklabels,
    "cbar_kws": _check_cbar_kws,
    "text_kws": _check_text_kws,
    "pair": _check_pair,
    "length": _check_length,
    "axis": _check_axis,
    "ratio": _check_ratio,
    "cbar_pos": _check_cbar_pos,
    "tree_kws": _check_tree_kws,
    "pivot_kws": _check_pivot_kws,
    "norm": _check_norm,
    "annot": _check_annot,
}


# -- text -> value, by kind ----------------------------------------------------------

_TRUE, _FALSE = ("true", "yes", "on", "1"), ("false", "no", "off", "0")


def parse_value(key: str, text: str, function: str = "heatmap") -> ParsedValue:
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
    if kind in _PYTHON_KINDS:
        raise ValueError(
            f"{key} is given in Python (cg.clustermap(..., {key}=...)), not as text"
        )
    parse = _PARSERS.get(kind)
    if parse is None:  # pragma: no cover - every text kind has a parser
        raise AssertionError(kind)
    return parse(key, text.strip())


# kinds whose values are Python objects: no text spells them
_PYTHON_KINDS = (
    "colors",
    "ratio",
    "cbar_pos",
    "tree_kws",
    "pivot_kws",
    "linkage",
    "norm",
)


def _parse_text(key: str, raw: str) -> str:
    return _unquote(raw)


def _parse_ticklabels(key: str, raw: str) -> bool | int | str:
    low = raw.lower()
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


_AXIS_NAMES = {"0": 0, "1": 1, "rows": 0, "row": 0, "cols": 1, "col": 1, "columns": 1}


def _parse_axis(key: str, raw: str) -> int:
    low = raw.lower()
    if low not in _AXIS_NAMES:
        raise ValueError(f"{key} takes 0 or rows, 1 or cols; got {raw!r}")
    return _AXIS_NAMES[low]


def _parse_cbar_kws(key: str, raw: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in _mapping(key, raw).items():
        if k not in _CBAR_KWS:
            raise ValueError(_unknown_cbar_key(k))
        out[k] = _number(f"cbar_kws {k}", v) if _CBAR_KWS[k] == "number" else v
    return out


def _parse_text_kws(key: str, raw: str) -> dict[str, float | str]:
    return {k: _text_prop(v) for k, v in _mapping(key, raw).items()}


def _parse_pair(key: str, raw: str) -> tuple[float | str, ...]:
    parts = [p.strip() for p in _unquote(raw).strip("()[]").split(",")]
    if len(parts) != 2:
        raise ValueError(
            f"{key} needs two lengths W,H (e.g. 6,4 or 180mm,120mm), got {raw!r}"
        )
    return tuple(_length_value(p) for p in parts)


def _parse_length(key: str, raw: str) -> float | str | tuple[float | str, ...]:
    parts = [p.strip() for p in _unquote(raw).strip("()[]").split(",")]
    if len(parts) not in (1, 2):
        raise ValueError(f"{key} needs one length or W,H, got {raw!r}")
    values = tuple(_length_value(p) for p in parts)
    return values[0] if len(values) == 1 else values


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


def _text_prop(text: str) -> float | str:
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


# kind -> the reader of its text
_PARSERS: dict[str, Callable[[str, str], ParsedValue]] = {
    "number": _number,
    "positive": _number,
    "bool": _bool,
    "annot": _bool,
    "str": _parse_text,
    "cmap": _parse_text,
    "color": _parse_text,
    "mask": _parse_text,
    "ticklabels": _parse_ticklabels,
    "axis": _parse_axis,
    "cbar_kws": _parse_cbar_kws,
    "text_kws": _parse_text_kws,
    "pair": _parse_pair,
    "length": _parse_length,
}
