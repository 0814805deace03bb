"""The layout at every draw of the canvas: a matplotlib layout engine.

:class:`GridEngine` is set on every figure clustergrid draws into, as
matplotlib's constrained layout is.  At each draw (``savefig``, ``show``,
notebook display) it measures what the user added or changed since the
grid was laid out (``extras.py``: the heatmap's title and axis labels,
``suptitle``/``supxlabel``/``supylabel``, figure texts and legends; and the
drawn extent of every panel's axes, which holds a title, a label, a legend
or changed tick labels put on it) and, when that needs other room than the
layout kept, solves and draws the grid again with that room kept clear at
its edges: the same measure/solve/place loop (``render.py``), into the same
axes (``reuse.py``), at the same figure size.  Then it puts each label in
its band.

Other layout engines would move the grid's axes, which are not theirs to
move: the grid's axes have no SubplotSpec once placed, so ``tight_layout``,
``subplots_adjust`` and a host's constrained layout lay out only the user's
own axes; a figure's previous engine keeps running for those
(``previous``); ``fig.set_layout_engine(...)`` and ``fig.tight_layout()``
on a figure holding a grid warn once and apply to the user's axes only.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from matplotlib.layout_engine import (
    ConstrainedLayoutEngine,
    LayoutEngine,
    PlaceHolderLayoutEngine,
    TightLayoutEngine,
)

from .._layout.model import LayoutError
from .._support.warn import warn
from .extras import describe_extras, measure_extras, place_extras
from .target import get_renderer

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ..result import Result

__all__ = ["GridEngine", "attach", "relayout"]

_TOL_PT = 1.5  # changes smaller than this (points) are measuring noise between dpis


class Member:
    """One drawn grid (or concatenation) in a figure: how to read its last
    result and how to draw it again with a frame."""

    def __init__(
        self,
        current: Callable[[], Result | None],
        redo: Callable[[Result, tuple[float, float, float, float]], Result],
    ) -> None:
        self.current = current
        self.redo = redo
        self.dpi: float | None = None  # the figure's dpi when last laid out
        self.fp: tuple[Any, ...] | None = None  # what the user could edit, then


class GridEngine(LayoutEngine):
    """clustergrid's layout engine (see the module docstring)."""

    _adjust_compatible = True
    _colorbar_gridspec = False

    def __init__(self, previous: LayoutEngine | None = None) -> None:
        super().__init__()
        self.previous = previous
        self.members: dict[int, Member] = {}
        self.warned = False
        self.error: LayoutError | None = None

    def __getstate__(self) -> dict[str, Any]:
        """A pickled figure keeps the engine but not the grids' builders: it
        is drawn as laid out when pickled."""
        state = dict(self.__dict__)
        state["members"], state["error"] = {}, None
        return state

    def execute(self, fig: Figure) -> None:
        """Lay out the user's own axes by the previous engine, then each grid
        with what the user added."""
        prev = self.previous
        if prev is not None and not isinstance(prev, PlaceHolderLayoutEngine):
            with warnings.catch_warnings():  # the grid's axes are not theirs
                warnings.filterwarnings(
                    "ignore", "This figure includes Axes that are not"
                )
                prev.execute(fig)
        self.error = None
        for key, m in list(self.members.items()):
            r = m.current()
            if r is None or r.figure is not fig:
                del self.members[key]  # drawn elsewhere since
                continue
            try:
                relayout(r, m)
            except LayoutError as exc:
                # matplotlib's draw swallows a ValueError: keep it for save()
                self.error = exc
                warn(str(exc))


def _changed(a: tuple[float, ...], b: tuple[float, ...], tol: float) -> bool:
    return any(abs(x - y) > tol for x, y in zip(a, b, strict=True))


def _panel_extents(result: Result, renderer: Any) -> dict[int, tuple[float, ...]]:
    """Each panel axes' drawn extent, in inches."""
    dpi = result.figure.dpi
    out = {}
    for g in result.grids:
        for d in g.panels:
            for ax in d.axes:
                tb = ax.get_tightbbox(renderer)
                if tb is not None:
                    out[id(ax)] = tuple(v / dpi for v in tb.extents)
    return out


def _text_state(t: Any) -> tuple[Any, ...] | None:
    if t is None:
        return None
    return (t.get_text(), t.get_fontsize(), t.get_rotation(), t.get_visible())


def fingerprint(result: Result) -> tuple[Any, ...]:
    """What the user can add or change that takes room, cheaply read (no
    text is measured): the sup-labels, figure texts and legends, and on each
    axes of the grid its titles, axis labels and children."""
    fig: Any = result.figure
    parts: list[Any] = []
    if result.owned:
        parts += [
            _text_state(t) for t in (fig._suptitle, fig._supxlabel, fig._supylabel)
        ]
        parts += [(id(t), _text_state(t), t.get_position()) for t in fig.texts]
        parts += [(id(lg), len(lg.get_texts())) for lg in fig.legends]
    for ax in result.axes():
        a: Any = ax
        texts = (a.title, a._left_title, a._right_title, a.xaxis.label, a.yaxis.label)
        parts.append(tuple(_text_state(t) for t in texts))
        parts.append((a.xaxis.get_label_position(), a.yaxis.get_label_position()))
        parts.append(frozenset(id(c) for c in a.get_children()))
    return tuple(parts)


def relayout(result: Result, member: Member) -> Result:
    """Lay ``result``'s grid out again if what the user added needs other
    room than it has; then place the labels.  Returns the current result.

    At the dpi the grid was laid out at (on an Agg canvas), what was added is
    measured against what the layout kept.  Saving at another dpi or to a
    vector format measures text a little differently, so there the layout is
    redone only if the user changed something since (:func:`fingerprint`)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = result.figure
    renderer = get_renderer(fig)
    tol = _TOL_PT / 72.0
    native = fig.dpi == member.dpi and isinstance(fig.canvas, FigureCanvasAgg)
    changed = fingerprint(result) != member.fp
    frame = measure_extras(result, renderer)
    if native and not changed:
        extents = _panel_extents(result, renderer)
        changed = _changed(frame, result.frame, tol) or any(
            k not in result.extents or _changed(v, result.extents[k], tol)
            for k, v in extents.items()
        )
    if changed:
        old = result
        for grid in old.grids:  # what the user restyled on a panel stays so
            for rec in grid.panels:
                rec.slot.panel._keep_user_edits()
        try:
            result = member.redo(old, frame)
        except LayoutError as exc:
            what = describe_extras(old, renderer)
            member.redo(old, old.frame)  # back to the layout that held
            raise LayoutError(
                f"what was added to the drawn figure does not fit ({what}): {exc}. Make "
                "those texts smaller or fewer, or the figure larger"
            ) from None
        result.extents = _panel_extents(result, renderer)
        member.dpi = fig.dpi
    place_extras(result, renderer)
    member.fp = fingerprint(result)
    return result


def attach(fig: Figure, key: int, member: Member) -> GridEngine:
    """Set :class:`GridEngine` on ``fig`` (once; the figure's previous
    engine keeps laying out the user's own axes) and register ``member``."""
    eng = fig.get_layout_engine()
    if not isinstance(eng, GridEngine):
        if eng is not None and not isinstance(eng, PlaceHolderLayoutEngine):
            warn(
                f"this figure's layout engine ({type(eng).__name__}) now lays out only your "
                "own axes: clustergrid lays out the grid's axes itself, at every draw, and "
                "no other engine moves them"
            )
        eng = GridEngine(previous=eng)
        # set directly: the colorbar check has nothing to say about our axes
        fig._layout_engine = eng  # type: ignore[attr-defined]
        _guard(fig)
    member.dpi, member.fp = fig.dpi, None
    r = member.current()
    if r is not None:
        member.fp = fingerprint(r)
    eng.members[key] = member
    return eng


def _guard(fig: Figure) -> None:
    """``fig.set_layout_engine(...)`` and ``fig.tight_layout()`` lay out the
    user's own axes only; the grid keeps its engine (one warning)."""
    fig.set_layout_engine = functools.partial(_set_engine, fig)  # type: ignore[method-assign]
    fig.tight_layout = functools.partial(_tight, fig)  # type: ignore[method-assign]


def _warn_once(fig: Figure, what: str) -> GridEngine | None:
    eng = fig.get_layout_engine()
    if not isinstance(eng, GridEngine):  # pragma: no cover - replaced by hand
        return None
    if not eng.warned:
        eng.warned = True
        warn(
            f"{what} lays out only your own axes in a figure holding a clustergrid grid: "
            "the grid is laid out by clustergrid at every draw, and another engine would "
            "move its panels apart. Leave it out, or give the grid a region of its own "
            "(a SubFigure or SubplotSpec)"
        )
    return eng


def _set_engine(fig: Figure, layout: Any = None, **kwargs: Any) -> None:
    from matplotlib.figure import Figure

    if layout is None or layout == "none" or isinstance(layout, GridEngine):
        # no engine at all (savefig does this while it draws), or ours back
        Figure.set_layout_engine(fig, layout, **kwargs)
        return
    eng = _warn_once(fig, f"set_layout_engine({layout!r})")
    if eng is None:  # pragma: no cover
        return
    if layout == "tight":
        eng.previous = TightLayoutEngine(**kwargs)
    elif layout in ("constrained", "compressed"):
        eng.previous = ConstrainedLayoutEngine(
            compress=layout == "compressed", **kwargs
        )
    elif isinstance(layout, LayoutEngine):
        eng.previous = layout
    else:
        raise ValueError(f"Invalid value for 'layout': {layout!r}")


def _tight(
    fig: Figure,
    *,
    pad: float = 1.08,
    h_pad: float | None = None,
    w_pad: float | None = None,
    rect: Any = None,
) -> None:
    _warn_once(fig, "tight_layout()")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "This figure includes Axes that are not")
        TightLayoutEngine(pad=pad, h_pad=h_pad, w_pad=w_pad, rect=rect).execute(fig)
