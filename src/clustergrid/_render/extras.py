"""What the user adds to a drawn figure, measured and given a place outside
the grid's stacks: the heatmap's own title, x and y labels, ``suptitle``/
``supxlabel``/``supylabel``, and free figure texts and legends.

:func:`measure_extras` gives the room (the *frame*: left, right, bottom, top
inches) they need at the edges of what the grid fills; the layout keeps it
clear (``_layout/model.py``'s ``frame``).  :func:`place_extras` then puts
each label in its band, from the edge inwards: the figure-level label
outermost, the heatmap's next to the stacks.  Free figure texts and legends
stay where the user put them (moved inside the figure if they reach past
it); the band at the nearest edge is kept clear for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from matplotlib.transforms import Bbox, BboxBase

from .._layout.model import BASE_MARGIN
from .target import spec_figure

if TYPE_CHECKING:  # pragma: no cover
    from ..result import Result

__all__ = ["Band", "measure_extras", "place_extras", "region_of", "describe_extras"]

PAD_PT = 4.0  # points between a label and what is next to it
# a free text further in than this share of the figure is not an edge's
_FREE_REACH = 0.35


@dataclass
class Band:
    """One label placed at one edge: its side, thickness (inches) and how to
    move it so its outer edge is at a display position."""

    side: str
    thickness: float
    text: Any
    kind: str  # "sup", "heat"
    ax: Any = None  # the heatmap axes of a "heat" label


def region_of(result: Result) -> BboxBase:
    """The display box the grid fills: the figure, or the host it was drawn into."""
    from matplotlib.figure import SubFigure
    from matplotlib.gridspec import SubplotSpec

    fig = result.figure
    tgt = result.target
    if tgt is None or tgt is fig:
        return fig.bbox
    if isinstance(tgt, SubFigure):
        return tgt.bbox
    if isinstance(tgt, SubplotSpec):
        pos = tgt.get_position(spec_figure(tgt))
        return Bbox(fig.transSubfigure.transform(pos.get_points()))
    return fig.bbox  # pragma: no cover


def _shown(t: Any) -> bool:
    return t is not None and t.get_visible() and bool(t.get_text().strip())


def _bands(result: Result, renderer: Any) -> list[Band]:
    """The labels that go to an edge, outermost first on each side."""
    fig: Any = result.figure  # its sup-labels are private attributes
    dpi = fig.dpi
    out: list[Band] = []

    def add(side: str, t: Any, kind: str, ax: Any = None) -> None:
        bb = t.get_window_extent(renderer)
        thick = bb.height if side in ("top", "bottom") else bb.width
        out.append(Band(side, thick / dpi, t, kind, ax))

    if result.owned:
        for t, side in (
            (fig._suptitle, "top"),
            (fig._supxlabel, "bottom"),
            (fig._supylabel, "left"),
        ):
            if _shown(t):
                add(side, t, "sup")
    for g in result.grids:
        ax: Any = g.ax_heatmap  # its left and right titles are private attributes
        titles = [t for t in (ax.title, ax._left_title, ax._right_title) if _shown(t)]
        if titles:  # one band: the tallest of the three
            tallest = max(titles, key=lambda t: t.get_window_extent(renderer).height)
            add("top", tallest, "heat", ax)
            out[-1].text = titles
        if _shown(ax.xaxis.label):
            add(ax.xaxis.get_label_position(), ax.xaxis.label, "heat", ax)
        if _shown(ax.yaxis.label):
            add(ax.yaxis.get_label_position(), ax.yaxis.label, "heat", ax)
    return out


def _free(result: Result) -> list[Any]:
    """Figure texts and legends the user added (not the sup-labels)."""
    fig: Any = result.figure
    if not result.owned:
        return []
    sup = {id(fig._suptitle), id(fig._supxlabel), id(fig._supylabel)}
    texts = [t for t in fig.texts if id(t) not in sup and _shown(t)]
    return texts + [lg for lg in fig.legends if lg.get_visible()]


def _inside(t: Any, region: BboxBase, renderer: Any) -> None:
    """Move a figure text that reaches past the figure back inside it."""
    fig = t.get_figure(root=True)
    if t.get_transform() != fig.transFigure or not hasattr(t, "get_position"):
        return
    bb = t.get_window_extent(renderer)
    dx = max(0.0, region.x0 - bb.x0) - max(0.0, bb.x1 - region.x1)
    dy = max(0.0, region.y0 - bb.y0) - max(0.0, bb.y1 - region.y1)
    if dx or dy:
        x, y = t.get_position()
        t.set_position((x + dx / fig.bbox.width, y + dy / fig.bbox.height))


def describe_extras(result: Result, renderer: Any) -> str:
    """The labels given room at the edges, in words (for errors)."""
    return ", ".join(
        f"{_name(t)} ({b.thickness:.2f} in at the {b.side})"
        for b in _bands(result, renderer)
        for t in (b.text if isinstance(b.text, list) else [b.text])[:1]
    ) + "".join(f", {type(a).__name__.lower()} {_name(a)}" for a in _free(result))


def _name(t: Any) -> str:
    s = t.get_text() if hasattr(t, "get_text") else ""
    s = " ".join(s.split())
    return repr(s[:30] + ("..." if len(s) > 30 else ""))


def measure_extras(result: Result, renderer: Any) -> tuple[float, float, float, float]:
    """The frame (left, right, bottom, top), in inches, that the user's
    additions need at the edges of what the grid fills."""
    dpi = result.figure.dpi
    region = region_of(result)
    pad = PAD_PT / 72.0
    frame = {"left": 0.0, "right": 0.0, "bottom": 0.0, "top": 0.0}
    for b in _bands(result, renderer):
        frame[b.side] += b.thickness + pad
    for art in _free(result):
        _inside(art, region, renderer)
        bb = art.get_window_extent(renderer)
        need = {
            "left": (bb.x1 - region.x0, region.width),
            "right": (region.x1 - bb.x0, region.width),
            "bottom": (bb.y1 - region.y0, region.height),
            "top": (region.y1 - bb.y0, region.height),
        }
        side, (px, whole) = min(need.items(), key=lambda kv: kv[1][0] / kv[1][1])
        if px <= _FREE_REACH * whole:
            frame[side] = max(frame[side], px / dpi - BASE_MARGIN + pad)
    return (frame["left"], frame["right"], frame["bottom"], frame["top"])


def place_extras(result: Result, renderer: Any) -> None:
    """Put each label in its band, outermost first, from the edge of what
    the grid fills inwards."""
    fig = result.figure
    region = region_of(result)
    dpi = fig.dpi
    pad = PAD_PT / 72.0 * dpi
    used = {"left": 0.0, "right": 0.0, "bottom": 0.0, "top": 0.0}
    for b in _bands(result, renderer):
        edge = used[b.side] + BASE_MARGIN * dpi
        used[b.side] += b.thickness * dpi + pad
        texts = b.text if isinstance(b.text, list) else [b.text]
        for t in texts:
            _put(t, b, edge, region, result, renderer)


def _heat_span(
    result: Result, ax: Any
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The display x and y spans of all heatmap blocks of ``ax``'s grid."""
    blocks = [ax]
    for g in result.grids:
        if g.ax_heatmap is ax:
            blocks = [a for row in g.heatmap_axes for a in row]
    return (
        (min(a.bbox.x0 for a in blocks), max(a.bbox.x1 for a in blocks)),
        (min(a.bbox.y0 for a in blocks), max(a.bbox.y1 for a in blocks)),
    )


def _put(
    t: Any, b: Band, edge: float, region: BboxBase, result: Result, renderer: Any
) -> None:
    """Move ``t`` so its outer side is ``edge`` pixels in from the region's
    ``b.side`` edge (measured, then corrected: any alignment works)."""
    fig = result.figure
    target = {
        "top": region.y1 - edge,
        "bottom": region.y0 + edge,
        "left": region.x0 + edge,
        "right": region.x1 - edge,
    }[b.side]
    if b.kind == "sup":
        x, y = t.get_position()
        bb = t.get_window_extent(renderer)
        if b.side == "top":
            y += (target - bb.y1) / fig.bbox.height
        elif b.side == "bottom":
            y += (target - bb.y0) / fig.bbox.height
        else:
            x += (target - bb.x0) / fig.bbox.width
        t.set_position((x, y))
        return
    ax = b.ax
    (sx0, sx1), (sy0, sy1) = _heat_span(result, ax)
    box = ax.bbox
    if t is ax.xaxis.label or t is ax.yaxis.label:
        axis = ax.xaxis if t is ax.xaxis.label else ax.yaxis
        if axis is ax.xaxis:
            cx = ((sx0 + sx1) / 2 - box.x0) / box.width
            axis.set_label_coords(cx, 0.0)
            bb = t.get_window_extent(renderer)
            out = bb.y0 if b.side == "bottom" else bb.y1
            axis.set_label_coords(cx, (target - out) / box.height)
        else:
            cy = ((sy0 + sy1) / 2 - box.y0) / box.height
            axis.set_label_coords(0.0, cy)
            bb = t.get_window_extent(renderer)
            out = bb.x0 if b.side == "left" else bb.x1
            axis.set_label_coords((target - out) / box.width, cy)
        return
    # a title: centre, left or right over the heatmap
    ax._autotitlepos = False
    x = {
        id(ax.title): ((sx0 + sx1) / 2 - box.x0) / box.width,
        id(ax._left_title): (sx0 - box.x0) / box.width,
        id(ax._right_title): (sx1 - box.x0) / box.width,
    }[id(t)]
    t.set_position((x, 1.0))
    bb = t.get_window_extent(renderer)
    t.set_position((x, 1.0 + (target - bb.y1) / box.height))
