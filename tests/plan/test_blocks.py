"""The one block cutter (``_plan/blocks.py``): a heatmap block of a split
grid and a concatenated grid following the main grid's order both cut a
OrderedMatrix the same way."""

from __future__ import annotations

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd

from clustergrid._plan.blocks import cut_block
from clustergrid._plan.plan import OrderedMatrix


def _compiled() -> OrderedMatrix:
    m = pd.DataFrame(
        np.arange(20.0).reshape(4, 5),
        index=list("abcd"),
        columns=list("vwxyz"),
    )
    return OrderedMatrix(
        m,
        np.array([3, 1, 0, 2]),
        np.array([4, 0, 1, 3, 2]),
        None,
        None,
        mcolors.Normalize(0, 19),
        mcolors.ListedColormap(["k", "w"]),
    )


def test_slices_cut_a_block_and_its_indexes():
    c = _compiled()
    b = cut_block(c, slice(1, 3), slice(2, 5))
    assert b.matrix.equals(c.matrix.iloc[1:3, 2:5])
    assert list(b.row_index) == [1, 0]
    assert list(b.col_index) == [1, 3, 2]
    assert b.cmap is c.cmap and b.norm is c.norm


def test_the_whole_matrix_by_slices_is_the_compiled_itself():
    c = _compiled()
    assert cut_block(c, slice(0, 4), slice(None)) is c
    part = cut_block(c, slice(None), slice(0, 2))
    assert part.row_index is c.row_index  # an axis taken whole keeps its index


def test_positions_reorder_one_axis_or_both():
    c = _compiled()
    perm = np.array([2, 0, 3, 1])
    rows = cut_block(c, perm, slice(None))
    assert rows.matrix.equals(c.matrix.iloc[perm])
    assert list(rows.row_index) == list(c.row_index[perm])
    cols = np.array([4, 0])
    both = cut_block(c, perm, cols)
    assert both.matrix.equals(c.matrix.iloc[perm, cols])
    assert list(both.col_index) == [2, 4]
