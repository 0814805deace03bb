"""Annotation bars: one coloured cell per row or column, aligned by label."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

import matplotlib as mpl
import matplotlib.colors as mcolors
import numpy as np
import numpy.typing as npt
import pandas as pd

from .._input.frame import as_series
from .._input.label_text import display_label as _display
from .._input.matrix import align_to_labels
from .._plan.palettes import categorical_colors, legend_categories
from .._support.text import literal, measure_texts
from .._support.warn import warn as _warn
from ..sizes import Fixed, SizeLike
from .bar_values import (
    BarValues,
    _as_tuples,
    _check_options,
    _flat,
    _is_colour_name,
    _kind_of,
    _legend_map,
    is_missing,
)
from .base import (
    RGBA,
    ColorKey,
    Context,
    Extent,
    LegendOffer,
    LegendSpec,
    Palette,
    Panel,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.text import Annotation
    from matplotlib.typing import ColorType

    from ..result import Drawn
    from .page_view import PageView

__all__ = ["AnnotationBar"]

_NAME_PAD_PT = 3.0
_STRIPE_IN = 0.15  # default thickness of one bar (per column of a DataFrame)


class AnnotationBar(Panel):
    """A bar of per-row or per-column values beside the heatmap.

    Parameters
    ----------
    values : Series, DataFrame, dict, list or array
        One value per row (on the left/right) or column (top/bottom).  A
        Series or dict is aligned by label: labels missing from it, or not in
        the matrix, raise ``ValueError`` naming them.  A list or array is
        taken in the matrix's *input* order.  A DataFrame draws one bar per
        column, stacked in column order (left to right beside the rows, top
        to bottom beside the columns), each named by its column and with its
        own legend.  Values that are all colours (names such as "red", hex
        strings, RGB or RGBA tuples, as in seaborn's ``row_colors``) are
        drawn as those exact colours; a list of tuples is one colour per row.
        A polars Series (or a pyarrow array, or a polars/pyarrow table) keeps
        its name (its columns' names); having no row labels, it is taken in
        the matrix's input order, as a list.
    name : str, optional
        Drawn beside the bar, inside the layout.  Defaults to the Series name.
    palette : dict, list, str or Colormap, optional
        Categorical values: a dict value -> colour, a list of colours, or a
        qualitative colormap name.  By default tab10 (tab20 past 10
        categories), continued across the figure: categorical bars, label
        colourings, stacked parts and Blocks without a palette of their own
        never share a colour (colourings of the same categories share theirs),
        and keep away from colours given elsewhere.  Numeric values: a
        colormap name (default "viridis"), a Colormap, or a list of colours
        (a discrete scale, shown as labelled swatches).  For a DataFrame, a
        dict keyed by column name gives each column its own palette.
    vmin, vmax : float, optional
        Colour limits for numeric values.
    norm : matplotlib.colors.Normalize, optional
        The colour mapping for numeric values (instead of vmin/vmax); a
        ``BoundaryNorm`` gives labelled swatches in the legend.
    name_side : {"auto", "start", "end", "none"}
        Where the name goes along the bar.  ``"auto"`` turns the names around
        the heatmap like a pinwheel (top bars: right end; right bars: bottom;
        bottom bars: left; left bars: top) so names of different sides never
        meet in a corner; a corner panel there is inset to clear them.
    fontsize : float, optional
        Size of the name; default 0.8 x the rc font size.
    legend : bool or dict, default True
        Contribute a legend (titled with ``name``) to the grid's
        :class:`~clustergrid.Legends`: swatches for categories, a colour bar
        for numeric values.  Literal colours have none unless you give a
        dict label -> colour here.
    literal : bool, optional
        Whether the values are colours to draw as they are (True) or
        categories to colour with the palette (False).  Default: literal
        when every value is a colour and no palette is given.

    Examples
    --------
    >>> wine = cg.load_dataset("wine").iloc[::20]
    >>> bar = cg.AnnotationBar(wine["cultivar"], name="cultivar")  # by label
    >>> g = (cg.ClusterGrid(wine.drop(columns="cultivar"), z_score=1).cluster()
    ...      .add(bar, "left").add(cg.Legends(), "right"))
    >>> fig = g.draw()
    >>> len(bar.ax.images)  # one cell per row, drawn as one image
    1
    """

    default_size: SizeLike = Fixed(_STRIPE_IN)
    movable_overhang = True

    literal: bool | None
    kind: str
    """"numeric", "categorical", "literal" (colours), or "frame" (a DataFrame's bars)."""
    legend_map: dict[str, RGBA] | None
    categorical: bool | None
    colors_: dict[Any, RGBA]
    """Category -> RGBA of the last draw (categorical bars)."""
    norm_: mcolors.Normalize
    cmap_: mcolors.Colormap
    name_text: Annotation
    """The name drawn in the last draw (when one was drawn)."""

    def __init__(
        self,
        values: BarValues,
        name: str | None = None,
        palette: Palette | Mapping[Any, Palette] | None = None,
        *,
        vmin: float | None = None,
        vmax: float | None = None,
        norm: mcolors.Normalize | None = None,
        name_side: str = "auto",
        fontsize: float | None = None,
        legend: bool | dict[Any, ColorType] = True,
        literal: bool | None = None,
    ) -> None:
        _check_options(name_side, literal, legend, fontsize)
        self.name_side = name_side
        self.fontsize = fontsize
        self.parts: list[AnnotationBar] = []
        self.categorical = None
        self.colors_ = {}
        values = as_series(values)  # polars/Arrow: pandas, names kept
        if isinstance(values, pd.DataFrame) and values.shape[1] != 1:
            self._init_frame(values, name, palette, vmin, vmax, norm, legend, literal)
            return
        if isinstance(values, pd.DataFrame):
            values = values.iloc[:, 0]
        if name is None and isinstance(values, pd.Series) and values.name is not None:
            name = str(values.name)
        label = f"AnnotationBar {name!r}" if name else "AnnotationBar"
        values = _as_tuples(values)
        literal = self._init_kind(values, label, palette, norm, literal)
        self.values = values
        self.name = name
        self.vmin, self.vmax = vmin, vmax
        self.literal = bool(literal)
        self.legend_map = _legend_map(legend, label)
        self.show_legend = bool(legend)
        self.palette = palette
        self.norm = norm
        self._check_palette(label)

    def _init_frame(
        self,
        values: pd.DataFrame,
        name: str | None,
        palette: Palette | Mapping[Any, Palette] | None,
        vmin: float | None,
        vmax: float | None,
        norm: mcolors.Normalize | None,
        legend: bool | dict[Any, ColorType],
        literal: bool | None,
    ) -> None:
        """A DataFrame of several columns: one bar (a part) per column."""
        if values.shape[1] == 0:
            raise ValueError(
                "AnnotationBar: the DataFrame has no columns; give one column per bar"
            )
        if name is not None:
            raise ValueError(
                "AnnotationBar(DataFrame): each bar is named by its column; "
                "rename the columns instead of passing name="
            )
        by_col: dict[Any, Palette | Mapping[Any, Palette] | None]
        if (
            isinstance(palette, dict)
            and len(palette)
            and set(palette) <= set(values.columns)
        ):  # a palette per column
            by_col = {c: cast("Palette | None", palette.get(c)) for c in values.columns}
        else:
            by_col = {c: palette for c in values.columns}
        self.parts = [
            AnnotationBar(
                values[c],
                name=str(c),
                palette=by_col[c],
                vmin=vmin,
                vmax=vmax,
                norm=norm,
                name_side=self.name_side,
                fontsize=self.fontsize,
                legend=legend,
                literal=literal,
            )
            for c in values.columns
        ]
        self.default_size = Fixed(_STRIPE_IN * values.shape[1])
        self.values, self.name, self.palette = values, None, palette
        self.vmin, self.vmax, self.norm, self.literal = vmin, vmax, norm, literal
        self.show_legend, self.legend_map = bool(legend), None
        self.kind = "frame"

    def _init_kind(
        self,
        values: BarValues,
        label: str,
        palette: Palette | Mapping[Any, Palette] | None,
        norm: mcolors.Normalize | None,
        literal: bool | None,
    ) -> bool:
        """Decide (and check) whether the values are literal colours; sets
        :attr:`kind` and returns the resolved ``literal``."""
        flat = [v for v in _flat(values) if not is_missing(v)]
        all_colours = bool(flat) and all(_is_colour_name(v) for v in flat)
        if literal is None:
            literal = all_colours and palette is None and norm is None
        if not literal:
            self.kind = _kind_of(values)
            return False
        if palette is not None or norm is not None:
            raise ValueError(
                f"{label}: literal=True draws the values as colours, so palette=/"
                "norm= do not apply; drop them, or pass literal=False to colour "
                "the values as categories"
            )
        bad = [v for v in flat if not mcolors.is_color_like(v)]
        if bad:
            raise ValueError(
                f"{label}: literal=True needs every value to be a colour, but "
                f"{bad[:3]!r} are not; give colour names, hex strings or RGB(A) "
                "tuples, or pass literal=False to treat them as categories"
            )
        self.kind = "literal"
        return True

    def _check_palette(self, label: str) -> None:
        """Reject a palette or norm that cannot colour these values, now."""
        if self.kind == "numeric":
            self._check_numeric_palette(label)
        elif self.kind == "categorical":
            self._check_categorical_palette(label)

    def _check_numeric_palette(self, label: str) -> None:
        palette, norm = self.palette, self.norm
        if norm is not None:
            if not isinstance(norm, mcolors.Normalize):
                raise TypeError(
                    f"{label}: norm must be a matplotlib.colors.Normalize, got "
                    f"{type(norm).__name__}"
                )
            if self.vmin is not None or self.vmax is not None:
                raise ValueError(
                    f"{label}: pass either norm= or vmin/vmax, not both: the norm "
                    "already fixes the colour limits"
                )
        for nm, v in (("vmin", self.vmin), ("vmax", self.vmax)):
            if v is not None and not (
                isinstance(v, (int, float, np.number)) and np.isfinite(v)
            ):
                raise ValueError(f"{label}: {nm} must be a finite number, got {v!r}")
        if palette is None or isinstance(palette, mcolors.Colormap):
            return
        if isinstance(palette, dict):
            raise TypeError(
                f"{label}: the values are numeric, so palette= takes a colormap "
                f"(a name such as 'viridis', a Colormap or a list of colours), "
                f"not a dict; to colour the values as categories pass them as "
                f"strings, e.g. values.astype(str)"
            )
        if isinstance(palette, str):
            if palette not in mpl.colormaps:
                raise ValueError(
                    f"{label}: palette={palette!r} is not a colormap; the values "
                    "are numeric, so give a colormap name such as 'viridis' or "
                    "'magma' (see matplotlib.colormaps)"
                )
            return
        if isinstance(palette, (list, tuple)):
            self._check_colours(label, list(palette))
            return
        raise TypeError(
            f"{label}: palette must be a colormap name, a Colormap or a list of "
            f"colours for numeric values, got {type(palette).__name__}"
        )

    def _check_categorical_palette(self, label: str) -> None:
        palette = self.palette
        if self.norm is not None:
            raise ValueError(
                f"{label}: norm= colours numeric values, but these are "
                "categories; use palette="
            )
        if palette is None or isinstance(palette, mcolors.Colormap):
            return
        if isinstance(palette, dict):
            for k, v in palette.items():
                if not mcolors.is_color_like(v):
                    raise ValueError(
                        f"{label}: palette[{k!r}] = {v!r} is not a colour; give "
                        "colour names, hex strings or RGB(A) tuples"
                    )
            return
        if isinstance(palette, str):
            if palette not in mpl.colormaps and not mcolors.is_color_like(palette):
                raise ValueError(
                    f"{label}: unknown palette {palette!r}: give a colormap name "
                    "(e.g. 'tab10'), a list of colours or a dict"
                )
            return
        if isinstance(palette, (list, tuple)):
            self._check_colours(label, list(palette))
            return
        raise TypeError(
            f"{label}: palette must be a dict, a list of colours or a colormap "
            f"name, got {type(palette).__name__}"
        )

    @staticmethod
    def _check_colours(label: str, colours: list[object]) -> None:
        for i, c in enumerate(colours):
            if not mcolors.is_color_like(c):
                raise ValueError(
                    f"{label}: palette[{i}] = {c!r} is not a colour; give colour "
                    "names, hex strings or RGB(A) tuples"
                )

    # -- data ----------------------------------------------------------------
    def _whole(self, ctx: Context) -> pd.Series:
        """Values of the whole axis (every slice), in input order."""
        label = f"AnnotationBar {self.name!r}" if self.name else "AnnotationBar"
        return ctx._align_input(self.values, label)

    def _aligned(self, ctx: Context) -> pd.Series:
        """Values in drawn order (a list/array is taken in input order)."""
        label = f"AnnotationBar {self.name!r}" if self.name else "AnnotationBar"
        return ctx.align(self.values, name=label)

    def categories(self, ctx: Context) -> list[Any]:
        """The categories in legend order (over the whole axis, so every
        slice of a split uses the same colours)."""
        return legend_categories(self._whole(ctx))

    def offers_legend(self) -> bool:
        if self.parts:
            return any(p.offers_legend() for p in self.parts)
        if self.legend_map is not None:
            return True
        return self.show_legend and self.kind != "literal"

    def legend(self, ctx: Context) -> LegendOffer:
        """The bar's legend, titled with its name: swatches for categories,
        a :class:`~clustergrid.ColorKey` for numeric values, the ``legend=``
        dict for literal colours, None for ``legend=False``.  A DataFrame's
        bars give a list, one per column."""
        if self.parts:  # one bar per column: none of them has parts
            out = [p._own_legend(ctx) for p in self.parts]
            return [x for x in out if x] or None
        return self._own_legend(ctx)

    def _own_legend(self, ctx: Context) -> LegendSpec | None:
        if not self.show_legend:
            return None
        if self.legend_map is not None:
            return (self.name or "", list(self.legend_map.items()))
        if self.kind == "literal":
            return None
        if self.kind == "numeric":
            norm, cmap = self._mapping(ctx)
            return (self.name or "", ColorKey(norm, cmap))
        entries = self.legend_entries(ctx)
        return (self.name or "", entries) if entries else None

    def legend_entries(self, ctx: Context) -> list[tuple[str, RGBA]]:
        """(label, RGBA) per category, or [] for numeric or literal bars or
        ``legend=False``.  Computed from the values, before anything is
        drawn, so a Legends panel can measure it."""
        if not self.show_legend or self.kind != "categorical":
            return []
        # one bar's palette: a per-column dict was split into one bar per column
        colors = self._category_colors(ctx)
        return [(_display(k), v) for k, v in colors.items()]

    def _category_colors(self, ctx: Context) -> dict[Any, RGBA]:
        """category -> RGBA: the palette given, else the colours the grid
        allocated to this bar (distinct from the figure's other categories)."""
        palette = self.palette
        if palette is None:
            palette = ctx._engine.palettes.get(id(self))
        return categorical_colors(self.categories(ctx), cast("Palette | None", palette))

    def _palette_requests(self, ctx: Context) -> list[tuple[int, list[Any]]]:
        if self.parts:
            return [r for p in self.parts for r in p._palette_requests(ctx)]
        if self.kind != "categorical" or self.palette is not None:
            return []
        return [(id(self), self.categories(ctx))]

    def _taken_colors(self, ctx: Context) -> list[Any]:
        if self.parts:
            return [c for p in self.parts for c in p._taken_colors(ctx)]
        if self.kind == "literal":  # the colours are the values
            return [
                v for v in pd.unique(self._whole(ctx).dropna()) if not is_missing(v)
            ]
        if self.kind != "categorical" or self.palette is None:
            return []
        return list(self._category_colors(ctx).values())

    def validate(self, ctx: Context) -> None:
        if ctx.orientation == "corner":
            raise ValueError("an AnnotationBar goes on a side, not in a corner")
        if self.parts:
            for p in self.parts:
                p.validate(ctx)
            return
        s = self._aligned(ctx)
        self.categorical = self.kind == "categorical"
        if self.kind == "numeric":
            finite = s.to_numpy(dtype=float)
            if np.isinf(finite).any():
                raise ValueError(f"AnnotationBar {self.name!r} holds infinite values")

    def _mapping(self, ctx: Context) -> tuple[mcolors.Normalize, mcolors.Colormap]:
        """The numeric bar's norm and colormap, over the whole axis."""
        every = self._whole(ctx).to_numpy(dtype=float)  # one scale for all slices
        cmap = self.palette if self.palette is not None else "viridis"
        if isinstance(cmap, str):
            cm = mpl.colormaps[cmap]
        elif isinstance(cmap, (list, tuple)):
            cm = mcolors.ListedColormap(list(cmap))
        else:
            assert isinstance(cmap, mcolors.Colormap)  # see _check_numeric_palette
            cm = cmap
        finite = every[np.isfinite(every)]
        lo, hi = (
            (finite.min(), finite.max()) if finite.size else (0.0, 1.0)
        )  # all missing: no colour drawn
        if self.norm is not None:
            norm = copy.deepcopy(self.norm)  # never change the user's norm
            if norm.vmin is None or norm.vmax is None:
                norm.autoscale_None(finite if finite.size else np.array([0.0, 1.0]))
            return norm, cm
        return mcolors.Normalize(
            self.vmin if self.vmin is not None else lo,
            self.vmax if self.vmax is not None else hi,
        ), cm

    def colors(self, ctx: Context) -> npt.NDArray[np.float64]:
        """RGBA per cell, in drawn order (missing values transparent)."""
        s = self._aligned(ctx)
        out = np.zeros((len(s), 4))
        if self.kind == "literal":
            for i, v in enumerate(s):
                if not is_missing(v):
                    out[i] = mcolors.to_rgba(v)
        elif self.kind == "categorical":
            self.colors_ = self._category_colors(ctx)
            for i, v in enumerate(s):
                if not pd.isna(v):
                    out[i] = self.colors_[v]
        else:
            vals = s.to_numpy(dtype=float)
            norm, cm = self._mapping(ctx)
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
        pref = {"top": "end", "right": "end", "bottom": "start", "left": "start"}[
            ctx.side
        ]
        blocked_by = "V" if ctx.orientation == "horizontal" else "H"

        def corner(end: str) -> str:
            if ctx.orientation == "horizontal":
                return f"{ctx.side}-{'right' if end == 'end' else 'left'}"
            return f"{'bottom' if end == 'end' else 'top'}-{ctx.side}"

        other = "start" if pref == "end" else "end"
        pinwheel = {
            "top": "top-right",
            "right": "bottom-right",
            "bottom": "bottom-left",
            "left": "top-left",
        }
        if (
            corner(pref) in ctx._engine.occupied_corners
            and corner(other) not in ctx._engine.occupied_corners
            and not any(
                pinwheel[s] == corner(other)
                for s in ctx._engine.movable_sides
                if s != ctx.side
            )
            and blocked_by not in ctx._engine.corner_reach.get(corner(other), ())
        ):
            return other  # a corner panel sits at the preferred end: the other corner is free
        if blocked_by in ctx._engine.corner_reach.get(corner(pref), ()):
            pinwheel = {
                "top": "top-right",
                "right": "bottom-right",
                "bottom": "bottom-left",
                "left": "top-left",
            }
            names_there = any(
                pinwheel[s] == corner(other)
                for s in ctx._engine.movable_sides
                if s != ctx.side
            )
            if names_there or blocked_by in ctx._engine.corner_reach.get(
                corner(other), ()
            ):
                return "none"  # both corners are taken: no room for the name
            return other
        return pref

    def _name_props(self, ctx: Context) -> dict[str, Any]:
        fs = self.fontsize or mpl.rcParams["font.size"] * 0.8
        end = self._name_end(ctx)
        if ctx.orientation == "horizontal":
            return literal(
                fontsize=fs,
                rotation=0,
                va="center",
                ha="left" if end == "end" else "right",
            )
        return literal(
            fontsize=fs,
            rotation=90,
            ha="center",
            va="top" if end == "end" else "bottom",
        )

    def measure(self, ctx: Context) -> Extent:
        if self.parts:
            exts = [p.measure(ctx) for p in self.parts]
            return Extent(
                before=max(e.before for e in exts), after=max(e.after for e in exts)
            )
        end = self._name_end(ctx)
        if end is None or self.name is None:
            return Extent()
        bb = measure_texts(
            [self.name], ctx.renderer, ctx.figure, **self._name_props(ctx)
        )[0]
        reach = _NAME_PAD_PT / 72 + (
            bb[1] - bb[0] if ctx.orientation == "horizontal" else bb[3] - bb[2]
        )
        return Extent(
            before=reach if end == "start" else 0.0,
            after=reach if end == "end" else 0.0,
        )

    def page_data(
        self, drawn: Drawn, view: PageView
    ) -> tuple[str, dict[str, Any]] | None:
        """The bar's name, and per drawn cell its value and its colour as
        drawn (each slice's image), for the page's tooltip and zoom."""
        comp, rows = view.ordered, view.axis == "row"
        labels = comp.row_order if rows else comp.col_order
        index = np.asarray(comp.row_index if rows else comp.col_index)
        inputs = labels[np.argsort(index, kind="stable")]  # the input order
        universe = comp.row_universe if rows else comp.col_universe
        what = "row" if rows else "column"
        s = align_to_labels(
            self.values, inputs, what, "AnnotationBar", universe
        ).reindex(labels)
        rgba = np.concatenate(
            [
                np.asarray(a.images[0].get_array()).reshape(-1, 4)
                for a in view.axes
                if a.images
            ]
        )
        rgba8 = (
            np.clip(np.round(rgba * 255), 0, 255).astype(int)
            if rgba.dtype.kind == "f"
            else rgba.astype(int)
        )
        return "bars", {
            "name": self.name or "",
            "values": [_page_value(v) for v in s.tolist()],
            "colors": ["#{:02x}{:02x}{:02x}{:02x}".format(*c) for c in rgba8.tolist()],
        }

    def draw(self, ax: Axes, ctx: Context) -> list[Annotation]:
        """Draw the bar (one stripe per column of a DataFrame); returns the
        name texts drawn."""
        bars = self.parts or [self]
        k = len(bars)
        for b in bars:
            if (
                b.name
                and b.name_side == "auto"
                and b._preferred_end(ctx) == "none"
                and ctx.slice_index == 0
            ):
                _warn(
                    f"AnnotationBar {b.name!r}: both corners beside its ends are taken by "
                    "rotated labels of the adjacent sides, so its name is not drawn; pass "
                    "name_side='start' or 'end' to place it anyway, or rotate those labels less"
                )
        rgba = np.stack([b.colors(ctx) for b in bars], axis=0)  # (k, n, 4)
        n = rgba.shape[1]
        if ctx.orientation == "vertical":  # stripes left to right, in column order
            ax.imshow(
                rgba.transpose(1, 0, 2),
                extent=(0, k, n, 0),
                aspect="auto",
                interpolation="nearest",
            )
            ax.set_xlim(0, k)
        else:  # stripes top to bottom, in column order
            ax.imshow(rgba, extent=(0, n, k, 0), aspect="auto", interpolation="nearest")
            ax.set_ylim(k, 0)
        ax.set_axis_off()
        texts: list[Annotation] = []
        for j, b in enumerate(bars):
            end = b._name_end(ctx)
            if end is None or b.name is None:
                continue
            props = b._name_props(ctx)
            off = _NAME_PAD_PT if end == "end" else -_NAME_PAD_PT
            mid = (j + 0.5) / k
            xy: tuple[float, float]
            xytext: tuple[float, float]
            if ctx.orientation == "horizontal":
                xy, xytext = ((1.0 if end == "end" else 0.0), 1.0 - mid), (off, 0)
            else:  # along y, row 0 at the top: the 'end' is the bottom
                xy, xytext = (mid, (0.0 if end == "end" else 1.0)), (0, -off)
            t = ax.annotate(
                b.name,
                xy=xy,
                xycoords="axes fraction",
                xytext=xytext,
                textcoords="offset points",
                annotation_clip=False,
                **props,
            )
            b.name_text = t
            texts.append(t)
        return texts


def _page_value(v: object) -> str:
    """A bar's value as the page's tooltip shows it."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return ""
    if isinstance(v, (float, np.floating)):
        return f"{float(v):.6g}"
    return str(v)
