"""Annotation bars: one coloured cell per row or column, aligned by label."""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
import matplotlib.colors as mcolors
import numpy as np
import pandas as pd

from .._colors import categorical_colors
from .._data import align_to_labels
from .._sizes import Fixed, SizeLike
from .._text import measure_texts
from .base import Context, Extent, Panel
from .._warn import warn as _warn

__all__ = ["AnnotationBar"]

_NAME_PAD_PT = 3.0


class AnnotationBar(Panel):
    """A bar of per-row or per-column values beside the heatmap.

    Parameters
    ----------
    values : Series, dict, list or array
        One value per row (on the left/right) or column (top/bottom).  A
        Series or dict is aligned by label: labels missing from it, or not in
        the matrix, raise ``ValueError`` naming them.  A list or array is
        taken in the matrix's *input* order.
    name : str, optional
        Drawn beside the bar, inside the layout.  Defaults to the Series name.
    palette : dict, list or str, optional
        Categorical values: a dict value -> colour, a list of colours, or a
        qualitative colormap name (default tab10/tab20).  Numeric values: a
        colormap name (default "viridis") or a Colormap.
    vmin, vmax : float, optional
        Colour limits for numeric values.
    name_side : {"auto", "start", "end", "none"}
        Where the name goes along the bar.  ``"auto"`` turns the names around
        the heatmap like a pinwheel (top bars: right end; right bars: bottom;
        bottom bars: left; left bars: top) so names of different sides never
        meet in a corner; a corner panel there is inset to clear them.
    fontsize : float, optional
        Size of the name; default 0.8 x the rc font size.
    legend : bool, default True
        For categorical values: contribute a legend (titled with ``name``)
        to a :class:`~clustergrid.Legends` panel.
    """

    default_size: SizeLike = Fixed(0.15)
    movable_overhang = True

    def __init__(self, values: Any, name: str | None = None, palette: Any = None, *,
                 vmin: float | None = None, vmax: float | None = None,
                 name_side: str = "auto", fontsize: float | None = None,
                 legend: bool = True) -> None:
        if name is None and isinstance(values, pd.Series) and values.name is not None:
            name = str(values.name)
        if name_side not in ("auto", "start", "end", "none"):
            raise ValueError(f"name_side must be 'auto', 'start', 'end' or 'none', got {name_side!r}")
        self.values = values
        self.name = name
        self.palette = palette
        self.vmin, self.vmax = vmin, vmax
        self.name_side = name_side
        self.fontsize = fontsize
        self.show_legend = bool(legend)
        self.categorical: bool | None = None
        self.colors_: dict[Any, tuple] = {}

    # -- data ----------------------------------------------------------------
    def _whole(self, ctx: Context) -> pd.Series:
        """Values of the whole axis (every slice), in input order."""
        what = "row" if ctx.orientation == "vertical" else "column"
        if ctx.input_labels is not None:
            inputs = ctx.input_labels
        else:
            inputs = ctx.labels[np.argsort(ctx.index)] if len(ctx.index) == ctx.n else ctx.labels
        label = f"AnnotationBar {self.name!r}" if self.name else "AnnotationBar"
        return align_to_labels(self.values, inputs, what, label, ctx.universe)

    def _aligned(self, ctx: Context) -> pd.Series:
        """Values in drawn order (a list/array is taken in input order)."""
        return self._whole(ctx).reindex(ctx.labels)

    def categories(self, ctx: Context) -> list:
        """The categories in legend order (over the whole axis, so every
        slice of a split uses the same colours)."""
        s = self._whole(ctx)
        if isinstance(s.dtype, pd.CategoricalDtype):
            return list(s.cat.categories)
        present = pd.unique(s.dropna())
        try:
            return sorted(present)
        except TypeError:
            return list(present)

    def legend(self, ctx: Context) -> "tuple[str, list[tuple[str, tuple]]] | None":
        """A categorical bar's legend, titled with its name (None for numeric
        bars or ``legend=False``)."""
        entries = self.legend_entries(ctx)
        return (self.name or "", entries) if entries else None

    def legend_entries(self, ctx: Context) -> list[tuple[str, tuple]]:
        """(label, RGBA) per category, or [] for numeric bars or
        ``legend=False``.  Computed from the values, before anything is
        drawn, so a Legends panel can measure it."""
        if not self.show_legend:
            return []
        if self.categorical is None:
            self.validate(ctx)
        if not self.categorical:
            return []
        colors = categorical_colors(self.categories(ctx), self.palette)
        return [(str(k), tuple(v)) for k, v in colors.items()]

    def validate(self, ctx: Context) -> None:
        if ctx.orientation == "corner":
            raise ValueError("an AnnotationBar goes on a side, not in a corner")
        s = self._aligned(ctx)
        numeric = pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)
        self.categorical = not numeric
        if numeric:
            finite = s.to_numpy(dtype=float)
            if np.isinf(finite).any():
                raise ValueError(f"AnnotationBar {self.name!r} holds infinite values")

    def colors(self, ctx: Context) -> np.ndarray:
        """RGBA per cell, in drawn order (missing values transparent)."""
        s = self._aligned(ctx)
        out = np.zeros((len(s), 4))
        if self.categorical:
            self.colors_ = categorical_colors(self.categories(ctx), self.palette)
            for i, v in enumerate(s):
                if not pd.isna(v):
                    out[i] = self.colors_[v]
        else:
            vals = s.to_numpy(dtype=float)
            every = self._whole(ctx).to_numpy(dtype=float)  # one scale for all slices
            cmap = self.palette if self.palette is not None else "viridis"
            cm = mpl.colormaps[cmap] if isinstance(cmap, str) else cmap
            finite = every[np.isfinite(every)]
            lo, hi = (finite.min(), finite.max()) if finite.size else (0.0, 1.0)  # all missing: no colour drawn
            norm = mcolors.Normalize(self.vmin if self.vmin is not None else lo,
                                     self.vmax if self.vmax is not None else hi)
            self.norm_, self.cmap_ = norm, cm
            ok = ~np.isnan(vals)
            out[ok] = cm(norm(vals[ok]))
        return out

    # -- name ----------------------------------------------------------------
    def _name_end(self, ctx: Context) -> str | None:
        """'start' or 'end' of the axis, or None for no name."""
        if not self.name or self.name_side == "none":
            return None
        end = self._preferred_end(ctx)
        if end == "none":
            return None
        # on a split axis the name goes by the first or the last slice only
        if end == "start" and ctx.slice_index != 0:
            return None
        if end == "end" and ctx.slice_index != ctx.n_slices - 1:
            return None
        return end

    def _preferred_end(self, ctx: Context) -> str:
        if self.name_side != "auto":
            return self.name_side
        # a pinwheel: each corner receives names from one side only, so names of
        # adjacent sides never meet; a corner panel there is inset to clear them.
        # If content that cannot move (e.g. rotated labels of the adjacent side)
        # already reaches into that corner from the other direction, use the
        # other end instead.
        pref = {"top": "end", "right": "end", "bottom": "start", "left": "start"}[ctx.side]
        blocked_by = "V" if ctx.orientation == "horizontal" else "H"

        def corner(end: str) -> str:
            if ctx.orientation == "horizontal":
                return f"{ctx.side}-{'right' if end == 'end' else 'left'}"
            return f"{'bottom' if end == 'end' else 'top'}-{ctx.side}"

        other = "start" if pref == "end" else "end"
        pinwheel = {"top": "top-right", "right": "bottom-right", "bottom": "bottom-left",
                    "left": "top-left"}
        if corner(pref) in ctx.occupied_corners and corner(other) not in ctx.occupied_corners \
                and not any(pinwheel[s] == corner(other) for s in ctx.movable_sides if s != ctx.side) \
                and blocked_by not in ctx.corner_reach.get(corner(other), ()):
            return other  # a corner panel sits at the preferred end: the other corner is free
        if blocked_by in ctx.corner_reach.get(corner(pref), ()):
            pinwheel = {"top": "top-right", "right": "bottom-right", "bottom": "bottom-left",
                        "left": "top-left"}
            names_there = any(pinwheel[s] == corner(other) for s in ctx.movable_sides if s != ctx.side)
            if names_there or blocked_by in ctx.corner_reach.get(corner(other), ()):
                return "none"  # both corners are taken: no room for the name
            return other
        return pref

    def _name_props(self, ctx: Context) -> dict:
        fs = self.fontsize or mpl.rcParams["font.size"] * 0.8
        end = self._name_end(ctx)
        if ctx.orientation == "horizontal":
            return dict(fontsize=fs, rotation=0, va="center", ha="left" if end == "end" else "right")
        return dict(fontsize=fs, rotation=90, ha="center", va="top" if end == "end" else "bottom")

    def measure(self, ctx: Context) -> Extent:
        end = self._name_end(ctx)
        if end is None:
            return Extent()
        bb = measure_texts([self.name], ctx.renderer, ctx.figure, **self._name_props(ctx))[0]
        reach = _NAME_PAD_PT / 72 + (bb[1] - bb[0] if ctx.orientation == "horizontal" else bb[3] - bb[2])
        return Extent(before=reach if end == "start" else 0.0, after=reach if end == "end" else 0.0)

    def draw(self, ax: Any, ctx: Context) -> None:
        if self.name and self.name_side == "auto" and self._preferred_end(ctx) == "none" \
                and ctx.slice_index == 0:
            _warn(f"AnnotationBar {self.name!r}: both corners beside its ends are taken by "
                  "rotated labels of the adjacent sides, so its name is not drawn; pass "
                  "name_side='start' or 'end' to place it anyway, or rotate those labels less")
        rgba = self.colors(ctx)
        n = len(rgba)
        if ctx.orientation == "vertical":
            ax.imshow(rgba[:, None, :], extent=(0, 1, n, 0), aspect="auto", interpolation="nearest")
            ax.set_xlim(0, 1)
        else:
            ax.imshow(rgba[None, :, :], extent=(0, n, 1, 0), aspect="auto", interpolation="nearest")
            ax.set_ylim(1, 0)
        ax.set_axis_off()
        end = self._name_end(ctx)
        if end is not None:
            props = self._name_props(ctx)
            off = _NAME_PAD_PT if end == "end" else -_NAME_PAD_PT
            if ctx.orientation == "horizontal":
                xy, xytext = ((1.0 if end == "end" else 0.0), 0.5), (off, 0)
            else:  # along y, row 0 at the top: the 'end' is the bottom
                xy, xytext = (0.5, (0.0 if end == "end" else 1.0)), (0, -off)
            self.name_text = ax.annotate(self.name, xy=xy, xycoords="axes fraction", xytext=xytext,
                                         textcoords="offset points", annotation_clip=False, **props)
