"""Block labels (ComplexHeatmap's ``anno_block``): one coloured block per
slice of a split axis, with its label inside it.

A plain :class:`Panel` subclass: each slice's draw gets a context restricted
to that slice and fills its own axes, so the block spans exactly the slice's
cells.  The label reads along the block when it fits, turns across it when
that fits better, and otherwise shrinks (down to 5 pt) and is shortened with
an ellipsis, so it always stays inside its block.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict

import matplotlib as mpl
import matplotlib.colors as mcolors
from matplotlib.colors import Colormap
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from .._plan.palettes import categorical_colors
from .._support.text import literal
from ..sizes import Fixed, SizeLike
from .base import RGBA, Context, Panel

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.typing import ColorType

__all__ = ["Blocks"]

_MIN_FONTSIZE = 5.0
_PAD_PT = 1.5


class BlocksDrawn(TypedDict):
    """What :meth:`Blocks.draw` returns: the slice's block and its label."""

    patch: Rectangle
    text: Text | None


def _contrast(rgba: ColorType) -> str:
    """Black or white, whichever reads better on ``rgba`` (WCAG luminance)."""
    r, g, b = (
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        for c in mcolors.to_rgb(rgba)
    )
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "black" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "white"


class Blocks(Panel):
    """One coloured block per slice, labelled inside (``anno_block``).

    Parameters
    ----------
    labels : sequence of str, optional
        One label per slice, in drawn order; default each slice's title (its
        group, or cluster number).  Empty strings leave a block unlabelled.
    colors : palette, optional
        Block colours: a colormap name, a list (one per slice, in drawn
        order) or a dict slice title -> colour.  Default tab10, continued
        across the figure's other categorical colourings (see
        AnnotationBar's ``palette``; a bar of the slices' categories shares
        its colours).
    fontsize : float, optional
        Points; default the rc font size.  Shrunk to fit, down to 5 pt.
    rotation : {"auto", "along", "across"}, default "auto"
        How the label reads: along the block (up the side for row slices),
        across it, or whichever fits at the larger size.
    text_color : colour, optional
        Default black or white, whichever contrasts more with the block.
    edgecolor : colour, optional
        Block outline; default none.

    Notes
    -----
    The blocks name the slices, so on that axis the grid leaves out the
    automatic slice titles of ``split()``.

    Examples
    --------
    >>> wine = cg.load_dataset("wine").iloc[::20]
    >>> blocks = cg.Blocks()
    >>> g = (cg.ClusterGrid(wine.drop(columns="cultivar"), z_score=1).cluster()
    ...      .split(rows=wine["cultivar"])
    ...      .add(blocks, "left", size="6mm"))
    >>> fig = g.draw()
    >>> len(blocks.axes)  # one block per slice
    3
    """

    default_size: SizeLike = Fixed(0.22)
    default_pad = 0.03
    titles_slices: bool = True
    """The blocks name the slices, so the grid draws no automatic slice
    titles on that axis (as with a ``SliceTitles`` added by hand)."""

    def __init__(
        self,
        labels: Sequence[str] | None = None,
        *,
        colors: Mapping[str, ColorType]
        | list[ColorType]
        | tuple[ColorType, ...]
        | str
        | Colormap
        | None = None,
        fontsize: float | None = None,
        rotation: str = "auto",
        text_color: ColorType | None = None,
        edgecolor: ColorType | None = None,
    ) -> None:
        if isinstance(labels, str):
            raise TypeError(
                "Blocks labels= takes one label per slice (a list of str), not a "
                "single string"
            )
        self.labels = None if labels is None else [str(t) for t in labels]
        if rotation not in ("auto", "along", "across"):
            raise ValueError(
                f"Blocks rotation={rotation!r}: use 'auto', 'along' or 'across'"
            )
        if fontsize is not None and not (
            isinstance(fontsize, (int, float)) and fontsize > 0
        ):
            raise ValueError(
                f"Blocks fontsize must be a positive number of points, got {fontsize!r}"
            )
        for name, c in (("text_color", text_color), ("edgecolor", edgecolor)):
            if c is not None and not mcolors.is_color_like(c):
                raise ValueError(f"Blocks {name}={c!r} is not a colour")
        self.colors = colors
        self.fontsize = fontsize
        self.rotation = rotation
        self.text_color = text_color
        self.edgecolor = edgecolor

    # -- what each block shows --------------------------------------------------
    def label(self, ctx: Context) -> str:
        """This slice's label."""
        if self.labels is None:
            return ctx.slice_title
        if len(self.labels) != ctx.n_slices:
            raise ValueError(
                f"Blocks has {len(self.labels)} labels for {ctx.n_slices} slices; "
                "give one label per slice (in drawn order)"
            )
        return self.labels[ctx.slice_index]

    def color(self, ctx: Context) -> RGBA:
        """This slice's block colour (RGBA)."""
        sl = ctx._engine.axis_slices
        titles = list(sl.titles) if sl is not None else [ctx.slice_title]
        if isinstance(self.colors, Mapping):
            if ctx.slice_title not in self.colors:
                raise ValueError(
                    f"Blocks colors has no colour for slice {ctx.slice_title!r}; "
                    f"give one per slice title: {titles}"
                )
            return mcolors.to_rgba(self.colors[ctx.slice_title])
        if isinstance(self.colors, (list, tuple)):
            if len(self.colors) != ctx.n_slices:
                raise ValueError(
                    f"Blocks colors has {len(self.colors)} colours for "
                    f"{ctx.n_slices} slices; give one per slice"
                )
            return mcolors.to_rgba(self.colors[ctx.slice_index])
        keys = self._keys(ctx)
        allocated = ctx._engine.palettes.get(id(self))
        if self.colors is None and allocated is not None:
            return allocated[keys[ctx.slice_index]]
        return categorical_colors(
            keys, self.colors or ("tab10" if ctx.n_slices <= 10 else "tab20")
        )[keys[ctx.slice_index]]

    def _keys(self, ctx: Context) -> list[Any]:
        """The slices as categories: their titles (shared with a bar of the
        same categories), or their positions when titles repeat."""
        sl = ctx._engine.axis_slices
        titles = list(sl.titles) if sl is not None else [ctx.slice_title]
        if len(titles) == ctx.n_slices and len(set(titles)) == len(titles):
            return titles
        return list(range(ctx.n_slices))

    def _palette_requests(self, ctx: Context) -> list[tuple[int, list[Any]]]:
        if self.colors is not None or ctx.orientation == "corner":
            return []
        return [(id(self), self._keys(ctx))]

    def _taken_colors(self, ctx: Context) -> list[Any]:
        if self.colors is None or ctx.orientation == "corner":
            return []
        if isinstance(self.colors, Mapping):
            return list(self.colors.values())
        if isinstance(self.colors, (list, tuple)):
            return list(self.colors)
        return list(categorical_colors(self._keys(ctx), self.colors).values())

    def validate(self, ctx: Context) -> None:
        if ctx.orientation == "corner":
            raise ValueError(
                "Blocks go on a side ('left', 'right', 'top' or 'bottom'), not in "
                f"the corner {ctx.side!r}"
            )
        self.label(ctx)
        self.color(ctx)

    # -- fitting ------------------------------------------------------------------
    def fit(
        self, ctx: Context, along: float, across: float
    ) -> tuple[str, float, float]:
        """The label, font size and rotation (degrees) that fit a block of
        ``along`` x ``across`` inches (along the axis, across it)."""
        text = self.label(ctx)
        base = self.fontsize or mpl.rcParams["font.size"]
        pad = 2 * _PAD_PT / 72
        room_along, room_across = max(along - pad, 0.0), max(across - pad, 0.0)
        vertical = ctx.orientation == "vertical"
        rot_along, rot_across = (90.0, 0.0) if vertical else (0.0, 90.0)
        if not text:
            return "", base, rot_along

        def scale(t: str, fs: float, reads_along: bool) -> float:
            """Largest factor (<= 1) of ``fs`` at which ``t`` fits."""
            w, h = ctx.text_extent(
                t, **literal(fontsize=fs)
            )  # unrotated: w is the reading direction
            lw, lh = (
                (room_along, room_across) if reads_along else (room_across, room_along)
            )
            if w <= 0 or h <= 0:
                return 1.0
            return min(1.0, lw / w, lh / h)

        options = {"along": scale(text, base, True), "across": scale(text, base, False)}
        if self.rotation == "auto":
            pick = (
                "along"
                if options["along"] >= min(options["across"], 1.0) - 1e-9
                else "across"
            )
        else:
            pick = self.rotation
        rot = rot_along if pick == "along" else rot_across
        s = options[pick]
        fs = base * s
        if fs >= min(_MIN_FONTSIZE, base):
            return text, fs * 0.999, rot
        fs = min(_MIN_FONTSIZE, base)
        for k in range(len(text) - 1, 0, -1):
            short = text[:k].rstrip() + "\N{HORIZONTAL ELLIPSIS}"
            if scale(short, fs, pick == "along") >= 1.0:
                return short, fs, rot
        return "", fs, rot

    def draw(self, ax: Axes, ctx: Context) -> BlocksDrawn:
        """Draw this slice's block and label; returns ``{"patch", "text"}``."""
        vertical = ctx.orientation == "vertical"
        n = ctx.n
        rgba = self.color(ctx)
        if vertical:
            ax.set_xlim(0, 1)
            rect = Rectangle(
                (0, 0),
                1,
                n,
                facecolor=rgba,
                edgecolor=self.edgecolor or "none",
                linewidth=0.6 if self.edgecolor is not None else 0,
            )
            xy = (0.5, n / 2)
        else:
            ax.set_ylim(0, 1)
            rect = Rectangle(
                (0, 0),
                n,
                1,
                facecolor=rgba,
                edgecolor=self.edgecolor or "none",
                linewidth=0.6 if self.edgecolor is not None else 0,
            )
            xy = (n / 2, 0.5)
        ax.add_patch(rect)
        ax.set_axis_off()
        bb = ax.get_window_extent(ctx.renderer)
        dpi = ctx.figure.dpi
        w_in, h_in = bb.width / dpi, bb.height / dpi
        along, across = (h_in, w_in) if vertical else (w_in, h_in)
        text, fs, rot = self.fit(ctx, along, across)
        txt: Text | None = None
        if text:
            txt = ax.text(
                *xy,
                text,
                ha="center",
                va="center",
                rotation=rot,
                rotation_mode="anchor",
                color=self.text_color or _contrast(rgba),
                clip_on=False,
                **literal(fontsize=fs),
            )
        return BlocksDrawn(patch=rect, text=txt)
