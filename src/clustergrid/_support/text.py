"""Measuring text exactly as matplotlib will draw it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import IdentityTransform

__all__ = ["measure_texts"]


def measure_texts(
    texts: Sequence[str], renderer: RendererBase, figure: Figure, **props: Any
) -> np.ndarray:
    """Bounding boxes of ``texts`` anchored at the origin, in inches.

    Each row is ``(x0, x1, y0, y1)`` relative to the anchor point, with y
    pointing up, for a :class:`~matplotlib.text.Text` with ``props``
    (fontsize, rotation, ha, va, ...).  The same Text machinery draws the
    labels later, so what is measured is what is drawn.
    """
    out = np.zeros((len(texts), 4))
    if not len(texts):
        return out
    t = Text(0, 0, "", transform=IdentityTransform(), **props)
    t.set_figure(figure)
    dpi = figure.dpi
    for i, s in enumerate(texts):
        t.set_text(s)
        bb = t.get_window_extent(renderer)
        out[i] = (bb.x0, bb.x1, bb.y0, bb.y1)
    return out / dpi
