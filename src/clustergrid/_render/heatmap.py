"""Drawing one heatmap block: the colour mesh, then the cells' mask, borders
and text (``_body/cells.py``), then the body's layers (``_body/layers.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .._body.cells import draw_cells
from .._body.image import heatmap_image
from .._body.layers import draw_layers

if TYPE_CHECKING:  # pragma: no cover
    from .._plan.plan import OrderedMatrix

__all__ = ["draw_heatmap"]


def draw_heatmap(
    ax: Any,
    compiled: OrderedMatrix,
    where: tuple[int, int] = (0, 0),
    start: tuple[int, int] = (0, 0),
) -> None:
    """Draw the block ``compiled`` (already cut to it) into ``ax``: block
    ``where`` = (row slice, column slice), whose first cell is at ``start``
    in the whole drawn matrix."""
    nrows, ncols = compiled.matrix.shape
    values = compiled.matrix.to_numpy(dtype=np.float64)  # a view: not copied
    image = heatmap_image(
        ax, values, cmap=compiled.cmap, norm=compiled.norm, extent=(0, ncols, nrows, 0)
    )  # one pixel per cell in vector output
    if any(layer.replaces_mesh for layer in compiled.layers):
        image.set_visible(False)  # cells=Dots(...) draw the body instead of the mesh
    draw_cells(ax, compiled, image)  # mask, borders, cell text (_body/cells.py)
    draw_layers(
        ax, compiled, where, start
    )  # dots, markers, layer functions, border (_body/layers.py)
    ax.set_xlim(0, ncols)
    ax.set_ylim(nrows, 0)
    # no frame and no ticks, but the axis stays on, so a label the user sets
    # after drawing (ax_heatmap.set_xlabel(...)) is drawn as in matplotlib
    ax.set_frame_on(False)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_label("clustergrid:heatmap")
