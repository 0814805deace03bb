"""Text as matplotlib will draw it: measured exactly, and drawn literally
when it comes from data.

Text made from data (category names, row labels, index names, slice titles,
bar names) is drawn as written: ``"$5-$10"`` is six characters with two
dollar signs, never mathtext, and ``["$", "$$"]`` never reaches the
mathtext parser.  Every panel passes :data:`LITERAL` (or :func:`literal`)
both where it measures such text and where it draws it, so what is measured
is what is drawn.  Mathtext is left on only for text the user wrote and asked
to be parsed (``Labels(math=True)``, a ``Title`` or ``ScaleBar`` label).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import IdentityTransform

__all__ = ["LITERAL", "literal", "make_literal", "measure_texts", "text_mode"]

#: Text properties that draw a string as written: no mathtext, no TeX.
LITERAL: dict[str, Any] = {"parse_math": False, "usetex": False}


def literal(**props: Any) -> dict[str, Any]:
    """``props`` for a Text made from data: drawn literally (see the module)."""
    return {**props, **LITERAL}


def text_mode(math: bool) -> dict[str, Any]:
    """:data:`LITERAL`, or mathtext where the user asked for it (``math=True``)."""
    return {"parse_math": True} if math else dict(LITERAL)


def make_literal(text: Text) -> Text:
    """Make an existing Text (a tick label, an axis title) draw literally."""
    text.set_parse_math(False)
    text.set_usetex(False)
    return text


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
