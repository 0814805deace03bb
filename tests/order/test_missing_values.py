"""Clustering with missing values (missing="pairwise") and an axis of one."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.cluster.hierarchy as sch
from numpy.testing import assert_allclose, assert_array_equal
from scipy.spatial.distance import pdist

import clustergrid as cg
from clustergrid._order.pairwise import PAIRWISE_METRICS, pairwise_distances
from conftest import heatmap_cell_centres_px


def direct(X: np.ndarray, metric: str) -> np.ndarray:
    """The masked distances written out pair by pair (R's dist() semantics)."""
    n, p = X.shape
    out = []
    for i in range(n):
        for j in range(i + 1, n):
            c = ~np.isnan(X[i]) & ~np.isnan(X[j])
            a, b = X[i, c], X[j, c]
            if metric in ("euclidean", "sqeuclidean", "cityblock"):
                s = (
                    np.abs(a - b).sum()
                    if metric == "cityblock"
                    else ((a - b) ** 2).sum()
                )
                s *= p / c.sum()
                out.append(np.sqrt(s) if metric == "euclidean" else s)
            else:
                if metric == "correlation":
                    a, b = a - a.mean(), b - b.mean()
                r = (a @ b) / np.sqrt((a @ a) * (b @ b))
                out.append(min(max(1.0 - r, 0.0), 2.0))
    return np.asarray(out)


def holey(n=40, p=12, frac=0.2, seed=0, offset=5.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) * 3 + offset
    X[rng.random(X.shape) < frac] = np.nan
    X[5] = X[3]  # an exact duplicate (distance 0)
    X[7] = X[2]
    X[7, 0] = np.nan  # equal to row 2 where both are observed
    return X


@pytest.mark.parametrize("metric", PAIRWISE_METRICS)
def test_pairwise_equals_direct_masked_computation(metric):
    X = holey()
    y = pairwise_distances(X, metric, list(range(len(X))), "row")
    assert_allclose(y, direct(X, metric), rtol=1e-12, atol=1e-12)
    if metric not in ("correlation", "cosine"):
        assert y[sch_index(len(X), 3, 5)] == 0.0 and y[sch_index(len(X), 2, 7)] == 0.0


def sch_index(n, i, j):
    return n * i - i * (i + 1) // 2 + (j - i - 1)


@pytest.mark.parametrize("metric", PAIRWISE_METRICS)
def test_pairwise_without_missing_values_is_pdist(metric):
    X = np.random.default_rng(1).normal(size=(30, 8)) + 100.0
    assert_allclose(
        pairwise_distances(X, metric, list(range(30)), "row"),
        pdist(X, metric),
        rtol=1e-12,
        atol=1e-12,
    )


@pytest.mark.parametrize(
    "metric,method",
    [
        ("euclidean", "average"),
        ("cityblock", "complete"),
        ("correlation", "average"),
        ("euclidean", "ward"),
        ("cosine", "single"),
    ],
)
def test_leaf_order_is_scipy_linkage_on_the_masked_distances(metric, method):
    X = holey(n=50, p=10, frac=0.15, seed=2)
    df = pd.DataFrame(
        X, index=[f"r{i}" for i in range(50)], columns=[f"c{j}" for j in range(10)]
    )
    before = df.copy()
    g = cg.ClusterGrid(df).cluster(
        cols=False, method=method, metric=metric, missing="pairwise"
    )
    Z = sch.linkage(direct(X, metric), method)
    assert_array_equal(g.row_order, df.index[sch.leaves_list(Z)])
    assert_allclose(g.row_linkage[:, 2], Z[:, 2], rtol=1e-12, atol=1e-12)
    assert list(g.col_order) == list(df.columns)
    pd.testing.assert_frame_equal(df, before)  # the user's data is untouched


def test_pairwise_on_columns_and_drawn_order():
    X = holey(n=30, p=16, frac=0.1, seed=3)
    df = pd.DataFrame(
        X, index=[f"r{i}" for i in range(30)], columns=[f"c{j}" for j in range(16)]
    )
    g = (
        cg.ClusterGrid(df)
        .cluster(missing="pairwise")
        .add(cg.Dendrogram(), "left")
        .add(cg.Dendrogram(), "top")
        .add(cg.Labels(), "right")
        .add(cg.Labels(), "bottom")
    )
    Zc = sch.linkage(direct(X.T, "euclidean"), "average")
    assert_array_equal(g.col_order, df.columns[sch.leaves_list(Zc)])
    fig = g.draw()
    # the heatmap shows the matrix in the clustered order, missing cells masked
    arr = g.ax_heatmap.images[0].get_array()
    assert_array_equal(np.ma.getmaskarray(arr), np.isnan(g.matrix.to_numpy()))
    assert_allclose(arr.filled(np.nan), g.matrix.to_numpy())
    # the right labels name the row drawn at their height
    xs, ys = heatmap_cell_centres_px(g)
    lab = next(p for p in g.panels if isinstance(p, cg.Labels))
    fig.canvas.draw()
    texts = [t for t in lab.ax.texts if t.get_text()]
    drawn = {
        t.get_text(): lab.ax.transData.transform(t.get_position())[1] for t in texts
    }
    for name, y in zip(g.row_order, ys, strict=True):
        assert abs(drawn[str(name)] - y) < 0.5


def test_no_common_coordinate_names_the_pair():
    X = np.arange(12, dtype=float).reshape(4, 3)
    X[1, :2] = np.nan
    X[2, 2] = np.nan
    df = pd.DataFrame(X, index=["a", "b", "c", "d"])
    with pytest.raises(
        ValueError, match=r"rows 'b' and 'c' have no non-missing columns in common"
    ):
        _ = cg.ClusterGrid(df).cluster(cols=False, missing="pairwise").row_order


def test_undefined_correlation_names_the_pair():
    X = np.array(
        [[1.0, 2.0, 3.0, np.nan], [np.nan, 5.0, 5.0, 5.0], [1.0, 0.0, 2.0, 4.0]]
    )
    with pytest.raises(
        ValueError, match=r"rows 0 and 1 are constant over the coordinates"
    ):
        _ = (
            cg.ClusterGrid(X)
            .cluster(cols=False, metric="correlation", missing="pairwise")
            .row_order
        )


def test_default_error_names_the_pairwise_option():
    X = holey(n=10, p=4, frac=0.3)
    with pytest.raises(ValueError, match=r"hold missing values.*missing='pairwise'"):
        _ = cg.ClusterGrid(X).cluster(cols=False).row_order


def test_pairwise_options_checked_at_cluster_call():
    g = cg.ClusterGrid(holey(n=10, p=4))
    with pytest.raises(ValueError, match=r"unknown missing='drop'.*'pairwise'"):
        g.cluster(missing="drop")
    with pytest.raises(
        ValueError, match=r"missing='pairwise' works with metric.*'chebyshev'"
    ):
        g.cluster(metric="chebyshev", missing="pairwise")
    with pytest.raises(ValueError, match=r"missing='pairwise' works with metric"):
        g.cluster(metric=lambda u, v: 0.0, missing="pairwise")
    with pytest.raises(ValueError, match=r"two_stage=True"):
        g.cluster(missing="pairwise", two_stage=True)


# -- an axis of one ------------------------------------------------------------------


def test_one_row_clusters_the_columns_and_draws():
    df = pd.DataFrame(
        [[3.0, 1.0, 2.0, 10.0, 11.0, 1.5]], index=["only"], columns=list("abcdef")
    )
    g = (
        cg.ClusterGrid(df)
        .cluster()
        .add(cg.Dendrogram(), "top")
        .add(cg.Labels(), "left")
        .add(cg.Labels(), "bottom")
    )
    Z = sch.linkage(df.to_numpy().T, "average")
    assert_array_equal(g.col_order, df.columns[sch.leaves_list(Z)])
    assert list(g.row_order) == ["only"] and g.row_linkage is None
    g.draw()
    arr = g.ax_heatmap.images[0].get_array()
    assert arr.shape == (1, 6)
    assert_allclose(arr, df[g.col_order].to_numpy())
    top = g.panels[0]
    assert len(top.ax.collections) == 1 and len(top.ax.collections[0].get_paths()) == 1


def test_dendrogram_on_an_axis_of_one_warns_and_draws_nothing():
    df = pd.DataFrame([[3.0], [1.0], [7.0]], index=["x", "y", "z"], columns=["v"])
    g = (
        cg.ClusterGrid(df)
        .cluster()
        .add(cg.Dendrogram(), "top")
        .add(cg.Dendrogram(), "left")
    )
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        g.draw()
    msgs = [str(r.message) for r in rec]
    assert msgs == [
        "the Dendrogram on the top draws nothing: the matrix has a single column, "
        "so there is no column tree"
    ]
    assert rec[0].filename == __file__  # points at the user's line
    assert len(g.panels[0].ax.collections) == 0 and len(g.panels[1].ax.collections) == 1
    assert list(g.row_order) == list(
        df.index[sch.leaves_list(sch.linkage(df.to_numpy()))]
    )


def test_filter_and_subset_leaving_one_row_still_draw(wine):
    X = wine.drop(columns="cultivar")
    g = (
        cg.ClusterGrid(X)
        .filter("row any >= 1650")
        .cluster()
        .add(cg.Labels(), "right")
        .add(cg.Dendrogram(), "top")
    )
    assert g.matrix.shape[0] == 1
    g.draw()
    assert g.ax_heatmap.images[0].get_array().shape == (1, X.shape[1])
    lab = g.panels[0]
    assert [t.get_text() for t in lab.texts] == [
        str(g.row_order[0])
    ]  # (the axis title aside)
    g2 = (
        cg.ClusterGrid(X)
        .subset(rows=[X.index[4]])
        .cluster()
        .add(cg.Dendrogram(), "left")
    )
    with pytest.warns(UserWarning, match="single row"):
        g2.draw()
    assert list(g2.row_order) == [X.index[4]]


def test_distances_beyond_float64_are_a_clear_error_on_every_path():
    # |a - b| itself exceeds float64: no scaling can hold it
    v = np.array([[1.7e308, -1.7e308, 1.0e308, -0.5e308, 0.9e308]])
    g = cg.ClusterGrid(v).cluster(rows=False).add(cg.Dendrogram(), "top")
    with pytest.raises(
        ValueError,
        match=r"cannot cluster the cols: their 'euclidean' distances are larger than "
        r"float64 can hold.*Rescale",
    ):
        g.draw()
    # ... and with a value that scaling would lose (float64 cannot span 1e308 to 3)
    v3 = np.append(v[:, :4], [[3.0]], axis=1)
    with pytest.raises(
        ValueError,
        match=r"cannot cluster the cols: their 'euclidean' distances are not finite.*Rescale",
    ):
        _ = cg.ClusterGrid(v3).cluster(rows=False).col_order
    # ... on the two-stage path too, with no warning from its worker threads
    rng = np.random.default_rng(0)
    wide = rng.normal(size=(2100, 5))
    wide[:, 0] *= 1e305
    wide[0, 1] = 3.0
    for metric in ("euclidean", "correlation"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with pytest.raises(
                ValueError,
                match=rf"cannot cluster the rows: their '{metric}' distances are not finite",
            ):
                _ = (
                    cg.ClusterGrid(wide)
                    .cluster(cols=False, metric=metric, two_stage=True)
                    .row_order
                )
    w = np.vstack([v, v * 0.5, v * -0.9])
    w[0, 4] = np.nan  # pairwise
    with pytest.raises(
        ValueError,
        match=r"cannot cluster the rows: their 'euclidean' distances are larger than "
        r"float64 can hold.*Rescale",
    ):
        _ = cg.ClusterGrid(w).cluster(cols=False, missing="pairwise").row_order


@pytest.mark.parametrize("scale", [7e299, 1e200, 1e-200, 2.0**-900])
@pytest.mark.parametrize("rows", [30, 1200])  # pdist and the blocked BLAS path
@pytest.mark.parametrize("missing", [False, True])
def test_huge_and_tiny_values_cluster_exactly(scale, rows, missing):
    # squares of such values leave float64; scaled by a power of two (exact),
    # the tree is the tree of the data and its heights scale with them
    rng = np.random.default_rng(3)
    X = rng.normal(size=(rows, 6))
    if missing:
        X[rng.random(X.shape) < 0.05] = np.nan
    kw = {"missing": "pairwise"} if missing else {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warning reaches the user
        g = cg.ClusterGrid(X * scale).cluster(cols=False, **kw)
        Z = g.row_linkage
        Z0 = cg.ClusterGrid(X).cluster(cols=False, **kw).row_linkage
    assert_array_equal(Z[:, :2], Z0[:, :2])
    assert_allclose(Z[:, 2], Z0[:, 2] * scale, rtol=1e-9)


def _holey_planted(
    n: int, p: int = 20, seed: int = 4, frac: float = 0.05
) -> np.ndarray:
    """Rows around five centres in random order, ``frac`` missing."""
    rng = np.random.default_rng(seed)
    X = rng.normal(scale=3.0, size=(5, p))[rng.integers(0, 5, n)]
    X = X + rng.normal(size=(n, p))
    X[rng.random(X.shape) < frac] = np.nan
    return X


@pytest.mark.parametrize("metric", ["euclidean", "correlation"])
def test_pairwise_tree_in_locality_order_is_the_tree_of_the_rows_as_given(
    metric, monkeypatch
):
    from clustergrid._order import pairwise as _pairwise
    from clustergrid._order.locality import MIN_ROWS

    X = _holey_planted(MIN_ROWS + 100)
    df = pd.DataFrame(X, index=[f"r{i}" for i in range(len(X))])
    seen: list[np.ndarray] = []
    real = _pairwise.pairwise_distances

    def spy(A, *args):
        seen.append(np.array(A))
        return real(A, *args)

    monkeypatch.setattr(_pairwise, "pairwise_distances", spy)
    g = cg.ClusterGrid(df).cluster(cols=False, metric=metric, missing="pairwise")
    Z = g.row_linkage
    assert len(seen) == 1 and not np.array_equal(seen[0], X, equal_nan=True)
    Zs = sch.linkage(real(X, metric, list(df.index), "row"), "average")
    assert_array_equal(Z[:, :2], Zs[:, :2])
    assert_allclose(Z[:, 2], Zs[:, 2], rtol=1e-11, atol=1e-12)
    assert_array_equal(g.row_order, df.index[sch.leaves_list(Zs)])


def test_pairwise_error_in_locality_order_names_the_callers_first_pair():
    from clustergrid._order.locality import MIN_ROWS

    X = _holey_planted(MIN_ROWS + 100, p=4, seed=9, frac=0.0)
    X[[1500, 1800, 40]] = np.nan
    X[1500, :2] = 1.0  # 1500 and 1800 share no column, nor 40 and 1500
    X[1800, 2:] = 2.0
    X[40, 2:] = 3.0
    df = pd.DataFrame(X, index=[f"r{i}" for i in range(len(X))])
    with pytest.raises(ValueError, match=r"rows 'r40' and 'r1500' have no non-missing"):
        _ = cg.ClusterGrid(df).cluster(cols=False, missing="pairwise").row_order
