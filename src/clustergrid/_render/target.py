"""Where the figure comes from: a new Figure sized by the layout, or a host
the user gives (a Figure or SubFigure drawn into, keeping its size, or a
SubplotSpec), and the renderer that measures what is drawn."""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure, SubFigure
from matplotlib.gridspec import SubplotSpec

__all__ = ["open_figure", "host_size", "spec_figure", "get_renderer"]


def open_figure(
    target: Any, figsize: tuple[float, float] | None, dpi: float | None
) -> tuple[Figure, Any, bool, tuple[float, float] | None]:
    """The figure drawn into, the host of the grid (the figure or the
    target), whether the figure is ours, and the size to lay out (the
    target's when drawing into one)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if target is None:
        fig = Figure(figsize=figsize or (6.4, 4.8), dpi=dpi)
        FigureCanvasAgg(fig)
        return fig, fig, True, figsize
    fig = _root_figure(target)
    _check_host(target, fig)
    if fig.canvas is None or not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)
    return fig, target, False, host_size(target)


def host_size(target: Any) -> tuple[float, float]:
    """The (w, h) in inches of a Figure, SubFigure or SubplotSpec."""
    if isinstance(target, SubplotSpec):
        fig = spec_figure(target)
        bb = target.get_position(fig)
        fw, fh = fig.get_size_inches()
        return bb.width * fw, bb.height * fh
    if isinstance(target, SubFigure):
        box = target.bbox
        dpi = target.get_figure(root=True).dpi
        return box.width / dpi, box.height / dpi
    w, h = target.get_size_inches()
    return float(w), float(h)


def spec_figure(spec: SubplotSpec) -> Any:
    """The figure (or subfigure) a SubplotSpec's grid belongs to."""
    return spec.get_gridspec().figure  # type: ignore[attr-defined]


def _root_figure(target: Any) -> Figure:
    if isinstance(target, SubplotSpec):
        target = spec_figure(target)
    fig: Figure = target.get_figure(root=True)
    return fig


def _check_host(target: Any, fig: Figure) -> None:
    """A Figure or SubFigure drawn into must not hold axes of its own: the
    grid fills it and would cover them."""
    if isinstance(target, (Figure, SubFigure)):
        theirs = [
            a for a in target.axes if not str(a.get_label()).startswith("clustergrid")
        ]
        if theirs:
            kind = type(target).__name__
            raise ValueError(
                f"draw(target) got a {kind} that already holds {len(theirs)} axes; the grid "
                "fills the whole target and would cover them. Draw into a free region instead: "
                "a SubFigure (fig.subfigures(...)) or a SubplotSpec (fig.add_gridspec(...)[i, j])."
            )


def get_renderer(fig: Figure) -> Any:
    canvas = fig.canvas
    if hasattr(canvas, "get_renderer"):
        return canvas.get_renderer()
    return fig._get_renderer()  # type: ignore[attr-defined]  # pragma: no cover
