"""The heatmap axes' tick labels are the row and column labels drawn by the
:class:`~clustergrid.Labels` panels, so matplotlib's tick-label idioms reach
them.

The labels are drawn in the Labels panels' own axes (the layout measures
them there), not by the heatmap axes' ticks.  :class:`HeatmapAxes` is the
heatmap's axes class: its x axis answers with the column labels of its
block (bottom ones first, as matplotlib's ``label1``, then top), its y axis
with the row labels (left, then right), so

- ``ax.get_xticklabels()`` / ``get_yticklabels()`` /
  ``xaxis.get_majorticklabels()`` return the drawn label Texts (and
  ``plt.setp(...)`` on them changes what is drawn);
- ``ax.set_xticklabels(labels, **text_props)`` replaces their strings (one
  per drawn label) and sets their properties;
- ``ax.tick_params(labelsize=, labelcolor=, colors=, labelrotation=,
  labelfontfamily=, labelleft=, labelright=, labelbottom=, labeltop=)``
  changes them.

The heatmap axes itself draws no ticks.  The layout measures the Labels
panels' axes from what they draw, so a changed label is measured at the next
layout of the figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import matplotlib.axis as maxis
from matplotlib.axes import Axes
from matplotlib.text import Text

if TYPE_CHECKING:  # pragma: no cover
    from ..result import GridResult

__all__ = ["HeatmapAxes", "link_tick_labels"]

# tick_params' label switches: (axis, key) -> the side whose labels it shows
_SWITCH = {
    ("x", "labelbottom"): "bottom",
    ("x", "labeltop"): "top",
    ("y", "labelleft"): "left",
    ("y", "labelright"): "right",
}


class _LabelAxis:
    """What the x and y axes of :class:`HeatmapAxes` add to matplotlib's:
    tick-label methods that reach the drawn labels."""

    axis_name: str
    #: side -> the label Texts drawn on that side of this block, in drawn order
    _cg_labels: dict[str, list[Text]]

    def _cg_texts(self) -> list[Text]:
        sides = ("bottom", "top") if self.axis_name == "x" else ("left", "right")
        labels = getattr(self, "_cg_labels", {})
        return [t for s in sides for t in labels.get(s, [])]

    def get_majorticklabels(self) -> list[Text]:
        """The drawn labels of this axis (both sides), in drawn order."""
        texts = self._cg_texts()
        return texts if texts else super().get_majorticklabels()  # type: ignore[misc]

    def get_ticklabels(
        self, minor: bool = False, which: str | None = None
    ) -> list[Text]:
        """The drawn labels (``minor=True`` or ``which="minor"``: none)."""
        if minor or which == "minor":
            return []
        return self.get_majorticklabels()

    def set_ticklabels(
        self,
        labels: Iterable[str | Text],
        *,
        minor: bool = False,
        fontdict: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> list[Text]:
        """Replace the drawn labels' strings (one per drawn label on each
        side that has labels) and set text properties on them."""
        labels = list(labels)
        texts = self._cg_texts()
        if minor or not texts:
            return super().set_ticklabels(  # type: ignore[misc]
                labels, minor=minor, fontdict=fontdict, **kwargs
            )
        name = f"set_{self.axis_name}ticklabels"
        strings = [t.get_text() if isinstance(t, Text) else str(t) for t in labels]
        props = dict(fontdict or {}, **kwargs)
        out: list[Text] = []
        for side, drawn in self._cg_labels.items():
            if not drawn:
                continue
            if len(strings) not in (len(drawn), len(texts)):
                raise ValueError(
                    f"ax_heatmap.{name}(labels): got {len(strings)} labels for the "
                    f"{len(drawn)} labels drawn on the {side}; give one per drawn label "
                    f"(ax_heatmap.get_{self.axis_name}ticklabels() lists them), or "
                    "change the strings with cg.Labels(formatter=...)"
                )
            for t, s in zip(drawn, strings[: len(drawn)], strict=True):
                t.set_text(s)
                if props:
                    t.update(props)
            out += drawn
            if len(strings) == len(texts):
                strings = strings[len(drawn) :]
        return out

    def set_tick_params(
        self, which: str = "major", reset: bool = False, **kwargs: Any
    ) -> None:
        """matplotlib's tick parameters; the label ones also change the
        drawn labels."""
        super().set_tick_params(which=which, reset=reset, **kwargs)  # type: ignore[misc]
        labels = getattr(self, "_cg_labels", {})
        if which == "minor" or not labels:
            return
        setters = {
            "labelsize": "set_fontsize",
            "labelcolor": "set_color",
            "colors": "set_color",
            "labelrotation": "set_rotation",
            "labelfontfamily": "set_fontfamily",
        }
        for key, value in kwargs.items():
            if key in setters:
                if key == "colors" and "labelcolor" in kwargs:
                    continue
                for t in self._cg_texts():
                    getattr(t, setters[key])(value)
            side = _SWITCH.get((self.axis_name, key))
            if side is not None:
                for t in labels.get(side, []):
                    t.set_visible(bool(value))


class _XAxis(_LabelAxis, maxis.XAxis):
    pass


class _YAxis(_LabelAxis, maxis.YAxis):
    pass


class HeatmapAxes(Axes):
    """The heatmap's axes: a matplotlib Axes whose tick labels are the
    drawn row and column labels (see the module docstring)."""

    def _init_axis(self) -> None:
        self.xaxis = _XAxis(self, clear=False)
        self.spines.bottom.register_axis(self.xaxis)
        self.spines.top.register_axis(self.xaxis)
        self.yaxis = _YAxis(self, clear=False)
        self.spines.left.register_axis(self.yaxis)
        self.spines.right.register_axis(self.yaxis)


def _label_texts(returned: object) -> list[Text]:
    """The label Texts among what a Labels panel's draw returned (not its
    axis title)."""
    if not isinstance(returned, Sequence):
        return []
    return [
        t
        for t in returned
        if isinstance(t, Text) and t.get_label() != "clustergrid:labels:title"
    ]


def link_tick_labels(grid: GridResult) -> None:
    """Give each heatmap block's x and y axis the label Texts of its column
    and row slices."""
    from ..panels.labels import Labels

    heat = grid.heatmap_axes
    rows: dict[str, list[list[Text]]] = {}
    for rec in grid.panels:
        side = rec.slot.side
        if isinstance(rec.slot.panel, Labels) and side in _SIDES:
            texts = [_label_texts(r) for r in rec.returned]
            have = rows.setdefault(side, [[] for _ in texts])
            if len(have) == len(texts):  # two Labels panels on one side: both
                rows[side] = [a + b for a, b in zip(have, texts, strict=True)]
    for i, row in enumerate(heat):
        for j, ax in enumerate(row):
            for axis, sides, k in (
                (ax.xaxis, ("bottom", "top"), j),
                (ax.yaxis, ("left", "right"), i),
            ):
                if not isinstance(axis, _LabelAxis):
                    continue
                axis._cg_labels = {s: _slice(rows[s], k) for s in sides if s in rows}


_SIDES = ("left", "right", "top", "bottom")


def _slice(per_slice: list[list[Text]], k: int) -> list[Text]:
    """Slice ``k``'s texts (an unsliced panel drew one list for all)."""
    if len(per_slice) == 1:
        return per_slice[0]
    return per_slice[k] if k < len(per_slice) else []
