"""The panels the grid adds by itself: the layers' legend (right), a
:class:`~clustergrid.Legends` outermost on the right when a panel offers a
legend and none was added, and the slice titles of a split axis."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, cast

import numpy as np

from .._order.split import Slices, SplitSpec
from .._plan.plan import OrderedMatrix, Slot
from ..panels.layerlegend import LayerLegend
from ..panels.legends import Legends
from ..panels.title import SliceTitles
from ..sizes import as_size

if TYPE_CHECKING:  # pragma: no cover
    RGBA = tuple[float, float, float, float]

    from ..panels.layerlegend import LayerItem

__all__ = ["auto_slots", "slice_titles"]


def slice_titles(
    axis: str,
    sl: Slices,
    spec: SplitSpec | None,
    titles: bool | dict[str, Sequence[object]] | None,
) -> list[str] | None:
    """The titles to draw for one axis's slices (``split(titles=...)``), or None."""
    if spec is None:
        return None
    key = "rows" if axis == "row" else "cols"
    if isinstance(titles, dict):
        if key not in titles:
            return None
        given = [str(x) for x in titles[key]]
        if len(given) != len(sl):
            raise ValueError(
                f"titles['{key}'] has {len(given)} titles but the {key} are split "
                f"into {len(sl)} slices; give one title per slice"
            )
        return given
    is_k = isinstance(spec.by, (int, np.integer))
    show = (not is_k) if titles is None else bool(titles)
    return list(sl.titles) if show else None


def _auto(panel: LayerLegend | SliceTitles | Legends, side: str) -> Slot:
    return Slot(panel, side, as_size(panel.default_size), panel.default_pad, auto=True)


def auto_slots(
    comp: OrderedMatrix,
    slots: Sequence[Slot],
    *,
    categories: list[Hashable] | None,
    category_colors: dict[Hashable, RGBA] | None,
    legend_title: str | None,
    legends: bool,
    split: dict[str, SplitSpec | None],
    titles: bool | dict[str, Sequence[object]] | None,
) -> list[Slot]:
    """The slots the grid adds to the user's ``slots``: the layers' legend
    (with a categorical matrix's categories), the slice titles (unless a
    panel that titles the slices was added on that axis) and, with
    ``legends``, a Legends panel."""
    out: list[Slot] = []
    items = [it for x in comp.layers for it in x.legend_items()]
    if categories is not None and category_colors is not None:
        used = np.unique(comp.matrix.to_numpy()[np.isfinite(comp.matrix.to_numpy())])
        cats = [categories[int(k)] for k in used]
        swatches = [(c, category_colors[c]) for c in cats]
        items.append(("categories", (legend_title, swatches)))
    if items:
        # each layer offers its own kind of item (a Dots, a Markers, ...)
        out.append(
            _auto(LayerLegend(cast("list[tuple[str, LayerItem]]", items)), "right")
        )
    for axis, side in (("col", "top"), ("row", "left")):
        sl = comp.col_slices if axis == "col" else comp.row_slices
        if sl is None:
            continue
        sides = ("top", "bottom") if axis == "col" else ("left", "right")
        if any(
            getattr(s.panel, "titles_slices", False) and s.side in sides for s in slots
        ):
            continue  # a SliceTitles (or Blocks) added by hand replaces the automatic one
        names = slice_titles(axis, sl, split[axis], titles)
        if names:
            out.append(_auto(SliceTitles(names), side))
    panels = [s.panel for s in slots]
    if (
        legends
        and not any(isinstance(p, Legends) for p in panels)
        and any(p.offers_legend() for p in panels)
    ):
        out.append(_auto(Legends(), "right"))
    return out
