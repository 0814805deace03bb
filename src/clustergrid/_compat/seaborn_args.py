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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .seaborn_checks import _TREE_KWS, _check_value, _pair, nearest

__all__ = [
    "SeabornOptions",
    "map_seaborn",
    "known_keys",
    "python_keys",
    "kind_of",
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
_HEATMAP_OBJECTS = {"norm": "norm", "rc": "rc", "style": "style"}
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
