"""What the interactive page tells a panel that gives it extra data.

The page (``g.to_html()``, ``g.save("x.html")``) reads only the draw's
``Result``.  It lists every drawn panel by its box and name; a panel that
has more to show (a bar's values, a tree's height scale) overrides
``Panel.page_data``, which receives a :class:`PageView`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .._plan.plan import OrderedMatrix

__all__ = ["PageView", "PAGE_KINDS"]

PAGE_KINDS = ("bars", "dendrograms", "labels")
"""What :meth:`Panel.page_data` may say a panel is, for the page's script:
a colour bar that follows the zoom and shows its value in the tooltip, a
tree whose branches can be clicked, or the labels redrawn when zoomed."""


@dataclass(frozen=True)
class PageView:
    """One drawn panel as the interactive page sees it.

    Attributes
    ----------
    figure : Figure
        The drawn figure (the page's image is its PNG).
    ordered : OrderedMatrix
        The grid's drawn matrix, orders, trees and colours.
    axis : str
        ``"row"`` for a left/right panel, ``"col"`` for a top/bottom one.
    axes : list of Axes
        The panel's axes in this figure, one per slice.
    scale : (float, float)
        Image pixels per figure pixel, (x, y).
    """

    figure: Figure
    ordered: OrderedMatrix
    axis: str
    axes: list[Axes]
    scale: tuple[float, float]

    def pixel(self, ax: Axes, x: float, y: float) -> tuple[float, float]:
        """The point (x, y) in ``ax``'s data coordinates, in image pixels
        with the origin at the top left (as the page's boxes)."""
        px, py = ax.transData.transform((x, y))
        sx, sy = self.scale
        return px * sx, (self.figure.bbox.height - py) * sy
