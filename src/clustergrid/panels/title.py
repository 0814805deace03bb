"""Titles: a title over one side of the grid, and the titles of split slices.

Both are plain :class:`Panel` subclasses that measure their text, so the
solver gives them exactly the room they need.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import matplotlib as mpl

from .._support.text import literal, measure_texts
from ..sizes import Auto, SizeLike
from .base import Context, Extent, Panel

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.text import Text

#: A font weight as matplotlib takes it: a name ("bold") or a number 0-1000.
FontWeight = str | float

__all__ = ["Title", "SliceTitles"]

_PAD_PT = 2.0


_MIN_FONTSIZE = 6.0


def _props(side: str, fontsize: float, weight: FontWeight) -> dict[str, Any]:
    """Text properties for a title on ``side``: it reads along the side and
    hugs the edge next to the heatmap."""
    rotation = {"left": 90, "right": 270}.get(side, 0)
    if side in ("left", "right"):
        return dict(
            rotation=rotation,
            ha="right" if side == "left" else "left",
            va="center",
            fontsize=fontsize,
            fontweight=weight,
        )
    return dict(
        rotation=0,
        ha="center",
        va="bottom" if side == "top" else "top",
        fontsize=fontsize,
        fontweight=weight,
    )


def _thickness(ctx: Context, text: str, props: dict[str, Any]) -> float:
    bb = measure_texts([text], ctx.renderer, ctx.figure, **props)[0]
    across = (bb[1] - bb[0]) if ctx.orientation == "vertical" else (bb[3] - bb[2])
    return float(across) + _PAD_PT / 72


class Title(Panel):
    """A title along one side of the heatmap, centred on it.

    Parameters
    ----------
    text : str
        The title.
    fontsize : float, optional
        Points; default the rc "large" size.
    fontweight : str or int, default "bold"

    Examples
    --------
    >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
    >>> title = cg.Title("Wine cultivars")
    >>> fig = cg.ClusterGrid(X, z_score=1).add(title, "top").draw()
    >>> [t.get_text() for t in title.ax.texts]
    ['Wine cultivars']
    """

    default_size: SizeLike = Auto
    default_side = "top"
    sliced = False
    aligned = False

    def __init__(
        self,
        text: str,
        *,
        fontsize: float | None = None,
        fontweight: FontWeight = "bold",
    ) -> None:
        if not isinstance(text, str):
            raise TypeError(f"Title text must be a string, got {type(text).__name__}")
        if fontsize is not None and not (
            isinstance(fontsize, (int, float)) and fontsize > 0
        ):
            raise ValueError(
                f"fontsize must be a positive number of points, got {fontsize!r}"
            )
        self.text = text
        self.fontsize = fontsize
        self.fontweight = fontweight
        self.text_artist: Text | None = None

    def _props(self, ctx: Context) -> dict[str, Any]:
        fs = (
            self.fontsize
            or mpl.font_manager.FontProperties(size="large").get_size_in_points()
        )
        return _props(ctx.side, fs, self.fontweight)

    def validate(self, ctx: Context) -> None:
        if ctx.orientation == "corner":
            raise ValueError(
                "a Title goes on a side ('top', 'bottom', 'left' or 'right'), "
                f"not in the corner {ctx.side!r}"
            )

    def measure(self, ctx: Context) -> Extent:
        return Extent(thickness=_thickness(ctx, self.text, self._props(ctx)))

    def draw(self, ax: Axes, ctx: Context) -> None:
        ax.set_axis_off()
        x, y = {
            "top": (0.5, 0.0),
            "bottom": (0.5, 1.0),
            "left": (1.0, 0.5),
            "right": (0.0, 0.5),
        }[ctx.side]
        self.text_artist = ax.text(
            x, y, self.text, transform=ax.transAxes, clip_on=False, **self._props(ctx)
        )


class SliceTitles(Panel):
    """The title of each slice of a split axis, centred on its slice.

    :meth:`ClusterGrid.split` adds it (above column slices, left of row
    slices); it can also be added by hand for a different side or style.
    One added by hand on a side of a split axis replaces the automatic
    titles of that axis, so titles are never drawn twice (give it
    ``titles=`` for names other than each slice's own).

    Parameters
    ----------
    titles : sequence of str, optional
        One per slice; default each slice's own title (its category).
    fontsize : float, optional
        Points; default the rc font size.
    fontweight : str or int, default "normal"
        As matplotlib's ``fontweight``.
    """

    default_size: SizeLike = Auto
    default_pad = 2.0 / 72
    titles_slices: bool = True
    """It names the slices: added by hand, the grid draws no automatic titles
    on that axis."""

    def __init__(
        self,
        titles: Sequence[str] | None = None,
        *,
        fontsize: float | None = None,
        fontweight: FontWeight = "normal",
    ) -> None:
        self.titles = None if titles is None else [str(t) for t in titles]
        self.fontsize = fontsize
        self.fontweight = fontweight
        self.texts: list[Text] = []

    def _title(self, ctx: Context) -> str:
        if self.titles is None:
            return ctx.slice_title
        if len(self.titles) != ctx.n_slices:
            raise ValueError(
                f"SliceTitles has {len(self.titles)} titles for {ctx.n_slices} "
                "slices; give one title per slice"
            )
        return self.titles[ctx.slice_index]

    def _props(self, ctx: Context) -> dict[str, Any]:
        # slice titles come from data (the split's categories): drawn literally
        return literal(
            **_props(
                ctx.side, self.fontsize or mpl.rcParams["font.size"], self.fontweight
            )
        )

    def validate(self, ctx: Context) -> None:
        if ctx.orientation == "corner":
            raise ValueError("SliceTitles go on a side, not in a corner")
        self._title(ctx)

    def fit(self, ctx: Context) -> tuple[str, dict[str, Any]]:
        """The title and text properties that fit this slice's extent: the
        font shrinks (to 6 pt at least), then the title is shortened with an
        ellipsis, so titles of neighbouring slices never overlap."""
        title = self._title(ctx)
        props = self._props(ctx)

        def along(text: str, pr: dict[str, Any]) -> float:
            bb = measure_texts([text], ctx.renderer, ctx.figure, **pr)[0]
            return (
                float(bb[3] - bb[2])
                if ctx.orientation == "vertical"
                else float(bb[1] - bb[0])
            )

        room = ctx.length
        if not title or room <= 0 or along(title, props) <= room:
            return title, props
        base = props["fontsize"]
        fs = max(base * room / along(title, props), min(_MIN_FONTSIZE, base))
        props = literal(**_props(ctx.side, fs, self.fontweight))
        if along(title, props) <= room:
            return title, props
        for k in range(len(title) - 1, 0, -1):
            short = title[:k].rstrip() + "\N{HORIZONTAL ELLIPSIS}"
            if along(short, props) <= room:
                return short, props
        return "", props

    def measure(self, ctx: Context) -> Extent:
        text, props = self.fit(ctx)
        return Extent(thickness=_thickness(ctx, text, props) if text else 0.0)

    def draw(self, ax: Axes, ctx: Context) -> None:
        if ctx.slice_index == 0:
            self.texts = []
        ax.set_axis_off()
        if ctx.orientation == "vertical":
            trans = ax.get_yaxis_transform()
            xy = (1.0 if ctx.side == "left" else 0.0, ctx.n / 2)
        else:
            trans = ax.get_xaxis_transform()
            xy = (ctx.n / 2, 0.0 if ctx.side == "top" else 1.0)
        text, props = self.fit(ctx)
        if text:
            self.texts.append(
                ax.text(*xy, text, transform=trans, clip_on=False, **props)
            )
