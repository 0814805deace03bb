"""Correctness of the drawing stages' fast paths (issue 19): the drawn matrix
gathered in one copy, the input-order labels by an O(n) inverse, Marks'
chosen rows found once per axis - each equal to the plain computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import clustergrid as cg
from clustergrid._input.matrix import _take2, coerce_matrix
from clustergrid._render.context import _inverse


@pytest.mark.parametrize("order", ["C", "F"])
def test_take2_equals_fancy_indexing(order):
    rng = np.random.default_rng(0)
    v = np.asarray(rng.normal(size=(30_001, 7)), order=order)
    r, c = rng.permutation(30_001), rng.permutation(7)
    for ri, ci in [(r, c), (None, c), (r, None), (None, None), (r[:10], c[:3])]:
        want = v if ri is None else v[ri]
        want = want if ci is None else want[:, ci]
        assert np.array_equal(_take2(v, ri, ci), want)


def test_frame_is_the_matrix_in_drawn_order_and_leaves_the_input_alone():
    rng = np.random.default_rng(1)
    df = pd.DataFrame(rng.normal(size=(500, 6)), columns=list("abcdef"))
    before = df.copy()
    m = coerce_matrix(df)
    r, c = rng.permutation(500), rng.permutation(6)
    f = m.frame(r, c)
    assert f.equals(df.iloc[r, c])
    assert df.equals(before)


def test_inverse_is_argsort_for_permutations_and_falls_back_otherwise():
    rng = np.random.default_rng(2)
    p = rng.permutation(10_000)
    assert np.array_equal(_inverse(p), np.argsort(p))
    odd = np.array([5, 2, 9])  # not a permutation of range(3)
    assert np.array_equal(_inverse(odd), np.argsort(odd))
    dup = np.array([0, 2, 2])
    assert np.array_equal(_inverse(dup), np.argsort(dup, kind="stable"))


def test_marks_sit_on_their_rows_at_many_rows():
    n = 20_000
    rng = np.random.default_rng(3)
    df = pd.DataFrame(
        rng.normal(size=(n, 4)), index=[f"r{i}" for i in range(n)], columns=list("abcd")
    )
    chosen = ["r17", "r9000", "r19999"]
    missing = ["nope"]
    with pytest.raises(ValueError, match="nope"):
        cg.ClusterGrid(df).add(cg.Marks(chosen + missing), "right").draw()
    marks = cg.Marks(chosen)
    g = cg.ClusterGrid(df, figsize=(4, 6)).add(marks, "right")
    g.draw()
    order = list(g.row_order)
    lc = marks.lines[0]
    ax_h = g.ax_heatmap
    for seg, text in zip(lc.get_segments(), marks.texts, strict=True):
        row = order.index(text.get_text())
        # the leader starts at the row's centre (axes-x, data-y coordinates)
        start_y = lc.get_transform().transform(seg[:1])[0, 1]
        centre_y = ax_h.transData.transform([(0, row + 0.5)])[0, 1]
        assert start_y == pytest.approx(centre_y, abs=1e-6)
