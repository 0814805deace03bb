"""The result stage: what one draw produced, kept apart from the spec.

A :class:`Result` is returned by the render stage for one draw of one grid or
of several concatenated grids.  The builder keeps its last result, and
``g.figure``, ``g.ax_heatmap``, ``g.layout`` and each ``panel.ax`` are views
of it.  Nothing in a result is read back by a later draw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from typing import TypeAlias

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure
    from matplotlib.gridspec import SubplotSpec

    from ._layout.model import LayoutModel
    from ._plan.plan import Plan, Slot
    from .panels.base import Panel

    DrawTarget: TypeAlias = Figure | SubFigure | SubplotSpec
    """Where a grid draws: a Figure or SubFigure it fills, or a SubplotSpec."""

__all__ = ["Drawn", "GridResult", "Result"]


@dataclass
class Drawn:
    """What one panel drew in one draw: its axes (one per slice), what its
    ``draw`` returned, and the attributes it set while drawing."""

    slot: Slot
    axes: list[Axes]
    returned: list[object] = field(default_factory=list)
    state: dict[str, object] = field(default_factory=dict)

    @property
    def ax(self) -> Axes | None:
        return self.axes[0] if self.axes else None

    @property
    def name(self) -> str:
        """The panel's ``name`` when it has one, else its class name."""
        panel = self.slot.panel
        own = getattr(panel, "name", None)
        return own if isinstance(own, str) and own else type(panel).__name__


@dataclass
class GridResult:
    """One grid's part of a draw."""

    plan: Plan
    heatmap_axes: list[list[Axes]]
    layout: LayoutModel
    panels: list[Drawn]

    @property
    def ax_heatmap(self) -> Axes:
        return self.heatmap_axes[0][0]

    def drawn(self, panel: Panel) -> Drawn | None:
        """The record of ``panel`` in this grid (None if it is not in it)."""
        for d in self.panels:
            if d.slot.panel is panel:
                return d
        return None


@dataclass
class Result:
    """One draw: the figure and, per grid, the heatmap axes, the solved
    layout and what each panel drew.

    Attributes
    ----------
    figure : Figure
        The root figure drawn into (a new one, or the host's).
    grids : list of GridResult
        One per grid (one for a single :class:`~clustergrid.ClusterGrid`).
    owned : bool
        True when the figure was created by this draw (``save()`` may then
        reuse it); False when drawn into a user's Figure, SubFigure or
        SubplotSpec.
    passes : int
        How many measure -> solve -> draw passes the layout took.
    """

    figure: Figure
    grids: list[GridResult]
    owned: bool
    target: DrawTarget | None = None
    passes: int = 0
    version: tuple[object, int | None] | None = None
    sigs: dict[int, Any] = field(default_factory=dict, repr=False)
    """What clustergrid drew on each axes (by id), so the user's later
    changes can be told from it."""
    extents: dict[int, tuple[float, ...]] = field(default_factory=dict, repr=False)
    """Each panel axes' drawn extent (inches) when laid out, by id."""
    frame: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    """The room (left, right, bottom, top) in inches this draw kept at the
    edges for what the user added after drawing."""

    @property
    def ax_heatmap(self) -> Axes:
        return self.grids[0].ax_heatmap

    def axes(self) -> list[Axes]:
        """Every axes this draw created."""
        out: list[Axes] = []
        for g in self.grids:
            out += [a for row in g.heatmap_axes for a in row]
            for d in g.panels:
                out += d.axes
        return out

    def remove(self) -> None:
        """Take this draw's axes out of the figure (drawing into a host again)."""
        for ax in self.axes():
            if ax.figure is not None:
                ax.remove()
