"""BarTrack(numbers=...): each bar's value written past its end, inside the
panel, on every side, for plain and stacked bars."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import clustergrid as cg


@pytest.fixture
def X(wine):
    return wine.drop(columns="cultivar").iloc[::20]


@pytest.mark.parametrize("side", ["left", "right", "top", "bottom"])
def test_numbers_are_the_values_and_stay_inside_the_panel(X, side):
    vals = X.mean(axis=1) if side in ("left", "right") else X.mean(axis=0)
    bars = cg.BarTrack(vals, numbers=".1f")
    g = cg.ClusterGrid(X, z_score=1).cluster().add(bars, side, size="18mm")
    g.draw()
    labels = g.row_order if side in ("left", "right") else g.col_order
    assert [t.get_text() for t in bars.texts] == [f"{vals[k]:.1f}" for k in labels]
    r = g.figure.canvas.get_renderer()
    box = bars.ax.get_window_extent(r)
    for t in bars.texts:
        bb = t.get_window_extent(r)
        assert box.x0 - 0.5 <= bb.x0 and bb.x1 <= box.x1 + 0.5
        assert box.y0 - 0.5 <= bb.y0 and bb.y1 <= box.y1 + 0.5
    # each number sits past its own bar's end
    for p, t in zip(bars.ax.patches, bars.texts, strict=True):
        pb, tb = p.get_window_extent(r), t.get_window_extent(r)
        if side == "right":
            assert tb.x0 >= pb.x1 - 0.5
        elif side == "left":
            assert tb.x1 <= pb.x0 + 0.5
        elif side == "top":
            assert tb.y0 >= pb.y1 - 0.5
        else:
            assert tb.y1 <= pb.y0 + 0.5


def test_stacked_bars_write_their_totals(X):
    parts = X[["flavanoids", "nonflavanoid_phenols"]]
    bars = cg.BarTrack(parts, numbers=".2f")
    g = cg.ClusterGrid(X, z_score=1).add(bars, "right", size="20mm")
    g.draw()
    want = [f"{v:.2f}" for v in parts.sum(axis=1).reindex(g.row_order)]
    assert [t.get_text() for t in bars.texts] == want


def test_no_numbers_by_default_and_bad_specs(X):
    bars = cg.BarTrack(X.mean(axis=1))
    cg.ClusterGrid(X).add(bars, "right").draw()
    assert not hasattr(bars, "texts")
    assert not [t for t in bars.ax.texts if t.get_gid() == "clustergrid:bar-number"]
    with pytest.raises(ValueError, match="format spec"):
        cg.BarTrack(X.mean(axis=1), numbers="zz")
    with pytest.raises(TypeError, match="format spec"):
        cg.BarTrack(X.mean(axis=1), numbers=3)


def test_too_thin_a_panel_warns_and_leaves_the_numbers_out():
    s = pd.Series([1e9, 2e9], index=["a", "b"])
    bars = cg.BarTrack(s, numbers=",.0f")
    g = cg.ClusterGrid(pd.DataFrame(np.eye(2), index=["a", "b"])).add(
        bars, "right", size="2mm"
    )
    with pytest.warns(UserWarning, match="too thin"):
        g.draw()
    assert bars.texts == []
