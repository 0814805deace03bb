"""cg.density_heatmap: densities equal scipy's KDE on the shared axis, the
quantile and mean lines sit where those values fall, the value axis's ticks
mark their values, KS clustering equals scipy's tree, inputs, errors,
widths, concat and page."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import squareform
from scipy.stats import gaussian_kde, ks_2samp

import clustergrid as cg
from conftest import assert_no_overlap

GENES = ["CST3", "NKG7", "LYZ", "GNLY", "HLA-DRA", "CD79A"]


@pytest.fixture
def expr(pbmc) -> pd.DataFrame:
    return pbmc[GENES]


def test_cells_are_scipys_density_on_one_shared_axis(expr):
    g = cg.density_heatmap(expr, n_points=50)
    lo, hi = float(expr.min().min()), float(expr.max().max())
    assert g.values[0] == hi and g.values[-1] == lo and len(g.values) == 50
    for gene in GENES:
        want = gaussian_kde(expr[gene].to_numpy())(g.values)
        assert np.allclose(g.matrix[gene].to_numpy(), want)
    q = g.stats
    assert np.allclose(q["50%"], expr.median().to_numpy())
    assert np.allclose(q["mean"], expr.mean().to_numpy())


def test_lines_and_ticks_sit_where_their_values_fall(expr):
    g = cg.density_heatmap(expr, n_points=60)
    g.draw()
    ax = g.ax_heatmap
    axis = next(s.panel for s in g._slots if s.side == "left")
    n = len(g.values)

    def row_of(v):  # row i's centre at i + 0.5, value linear between centres
        return (g.values[0] - v) / (g.values[0] - g.values[-1]) * (n - 1) + 0.5

    cols = list(g.col_order)
    for kind in g.stats.columns:
        lc = next(
            c for c in ax.collections if c.get_label() == f"clustergrid:density:{kind}"
        )
        (seg,) = lc.get_segments()
        assert np.allclose(seg[:, 0], np.arange(len(cols)) + 0.5)
        assert np.allclose(seg[:, 1], row_of(g.stats.loc[cols, kind].to_numpy()))
        dashes = lc.get_linestyle()[0][1]
        assert (dashes is not None) == (kind == "mean"), kind  # the mean dashed
    # each tick label is drawn at its value's row, in pixels beside the heatmap
    r = g.figure.canvas.get_renderer()
    for t in axis.texts:
        v = float(t.get_text())
        y_px = ax.transData.transform((0, row_of(v)))[1]
        bb = t.get_window_extent(r)
        assert abs((bb.y0 + bb.y1) / 2 - y_px) < 1.5
        assert bb.x1 <= ax.get_window_extent(r).x0


def test_ks_clustering_equals_scipys_tree(expr):
    g = cg.density_heatmap(expr, cluster=True)
    d = np.array([[ks_2samp(expr[a], expr[b]).statistic for b in GENES] for a in GENES])
    z = linkage(squareform(d, checks=False), method="average")
    assert list(g.col_order) == [GENES[i] for i in leaves_list(z)]
    g.draw()
    assert any(s.side == "top" and isinstance(s.panel, cg.Dendrogram) for s in g._slots)


def test_inputs_agree_and_are_not_changed(expr):
    before = expr.copy()
    a = cg.density_heatmap(expr)
    b = cg.density_heatmap({k: expr[k].to_numpy() for k in GENES})
    long = expr.melt(var_name="gene", value_name="x")
    c = cg.density_heatmap(long, group="gene", value="x")
    for g in (b, c):
        assert np.allclose(g.matrix.to_numpy(), a.matrix.to_numpy())
        assert list(g.matrix.columns) == GENES
    pd.testing.assert_frame_equal(expr, before)


@pytest.mark.parametrize(
    "data, kwargs, error, match",
    [
        (3, {}, TypeError, "takes a DataFrame"),
        ({}, {}, ValueError, "no distribution"),
        ({"a": [1, 1, 1]}, {}, ValueError, "at least two"),
        ({"a": ["x", "y"]}, {}, TypeError, "non-numbers"),
        ({"a": [1, 2]}, {"n_points": 1}, ValueError, "n_points"),
        ({"a": [1, 2]}, {"quantiles": [1.5]}, ValueError, "quantiles"),
        (
            pd.DataFrame({"g": ["a"], "v": [1]}),
            {"group": "g"},
            ValueError,
            "needs both",
        ),
    ],
)
def test_bad_input_names_the_option(data, kwargs, error, match):
    with pytest.raises(error, match=match):
        cg.density_heatmap(data, **kwargs)


@pytest.mark.parametrize("width", ["89mm", "183mm"])
def test_nothing_clipped_or_overlapping_at_journal_widths(expr, width):
    import warnings

    g = cg.density_heatmap(expr, cluster=True, figsize=(width, "70mm"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g.draw()
    assert_no_overlap(g)


def test_annotation_bar_concat_and_page(expr, pbmc):
    kind = pd.Series(["myeloid", "NK", "myeloid", "NK", "antigen", "B"], index=GENES)
    g = cg.density_heatmap(expr).add(cg.AnnotationBar(kind, name="marks"), "top")
    g.draw()
    h = cg.density_heatmap(pbmc[GENES] * 2)
    fig = (g / h).draw()
    assert fig is not None
    assert "<html" in cg.density_heatmap(expr).to_html()[:500].lower()


def test_lim_sets_the_value_axis_and_densities_use_every_value(expr):
    g = cg.density_heatmap(expr, lim=(-1, 3), n_points=41)
    assert g.values[0] == 3 and g.values[-1] == -1
    want = gaussian_kde(expr["LYZ"].to_numpy())(np.linspace(3, -1, 41))
    assert np.allclose(g.matrix["LYZ"].to_numpy(), want)
    with pytest.raises(ValueError, match="low < high"):
        cg.density_heatmap(expr, lim=(3, -1))
