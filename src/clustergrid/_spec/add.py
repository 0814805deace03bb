"""``add()``: a panel, its side, size and pad checked into a
:class:`~clustergrid._plan.plan.Slot`."""

from __future__ import annotations

from collections.abc import Sequence

from .._plan.plan import Slot
from ..panels.base import CORNERS, SIDES, Panel
from ..sizes import SizeLike, as_size, to_inches

__all__ = ["check_add"]


def check_add(
    panel: object,
    side: str | None,
    size: SizeLike | None,
    pad: float | str | None,
    slots: Sequence[Slot],
) -> Slot:
    """The slot ``add(panel, side, size=, pad=)`` places, next to ``slots``."""
    if side is None and isinstance(panel, Panel):
        side = panel.default_side
        if side is None:
            raise TypeError(
                f"add() needs a side for {type(panel).__name__}: e.g. "
                f"add({type(panel).__name__}(...), 'right')"
            )
    if isinstance(panel, type) and issubclass(panel, Panel):
        raise TypeError(
            f"add() needs a panel instance: write {panel.__name__}() "
            f"instead of {panel.__name__}"
        )
    if not isinstance(panel, Panel):
        raise TypeError(
            f"add() needs a clustergrid Panel (Dendrogram(), Labels(), ...), "
            f"got {type(panel).__name__}"
        )
    if not isinstance(side, str) or side not in SIDES + CORNERS:
        raise ValueError(
            f"unknown side {side!r}; use one of {', '.join(SIDES)}, or a corner: "
            f"{', '.join(CORNERS)}"
        )
    if any(s.panel is panel for s in slots):
        raise ValueError(
            f"this {type(panel).__name__} is already added; create a new one "
            "for each place"
        )
    if side in CORNERS:
        if size is not None:
            raise ValueError(
                "a corner panel fills its corner box; size= does not apply there"
            )
        if any(s.side == side for s in slots):
            raise ValueError(f"the {side} corner already holds a panel")
    sz = as_size(size if size is not None else panel.default_size)
    pd_ = panel.default_pad if pad is None else to_inches(pad, "pad")
    return Slot(panel, side, sz, pd_)
