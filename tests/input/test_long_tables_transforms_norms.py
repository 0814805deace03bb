"""Data in: from_long, transforms, norms, missing and bad values.

Cell colours are read back from the rendered pixels and compared with
cmap(norm(value)); transforms are compared with pandas computed the
seaborn way."""

from __future__ import annotations

import tracemalloc

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest

import clustergrid as cg
from clustergrid._input.matrix import coerce_matrix
from clustergrid._input.transform import apply_transform
from conftest import heatmap_cell_centres_px, image_test, pixel_rgba


@pytest.fixture(scope="module")
def tidy() -> pd.DataFrame:
    return cg.load_dataset("pbmc_long")


def small_long() -> pd.DataFrame:
    # (r2, c2) never occurs; (r1, c1) occurs three times
    return pd.DataFrame(
        {
            "gene": ["r1", "r1", "r1", "r1", "r2", "r3", "r3"],
            "cell": ["c1", "c1", "c1", "c2", "c1", "c1", "c2"],
            "x": [1.0, 2.0, 9.0, 4.0, 5.0, 6.0, 7.0],
        }
    )


# -- from_long -------------------------------------------------------------------


def test_from_long_default_is_mean_and_matches_pandas(tidy):
    before = tidy.copy()
    g = cg.ClusterGrid.from_long(
        tidy, index="gene", columns="cell_type", values="expression"
    )
    expected = tidy.pivot_table(
        index="gene", columns="cell_type", values="expression", aggfunc="mean"
    )
    pd.testing.assert_frame_equal(g.matrix, expected, check_names=False)
    pd.testing.assert_frame_equal(tidy, before)  # the user's table is untouched


@pytest.mark.parametrize("agg", ["mean", "median", "max", "min", "sum", "count"])
def test_from_long_named_aggregations(agg):
    df = small_long()
    g = cg.ClusterGrid.from_long(df, index="gene", columns="cell", values="x", agg=agg)
    grouped = getattr(df.groupby(["gene", "cell"])["x"], agg)()
    m = g.matrix
    for (r, c), v in grouped.items():
        assert m.loc[r, c] == pytest.approx(v)
    # the pair that never occurs is missing, for every aggregation
    assert np.isnan(m.loc["r2", "c2"])
    assert np.isfinite(m.to_numpy()).sum() == len(grouped)


def test_from_long_callable_agg_and_grid_kwargs():
    df = small_long()
    g = cg.ClusterGrid.from_long(
        df, "gene", "cell", "x", agg=lambda s: s.max() - s.min(), center=0
    )
    assert g.matrix.loc["r1", "c1"] == 8.0
    assert g.matrix.loc["r3", "c1"] == 0.0
    assert g.norm(0) == pytest.approx(0.5)  # grid_kwargs reach the constructor


def test_from_long_callable_failure_is_explained():
    def bad(s):
        raise RuntimeError("boom")

    with pytest.raises(ValueError, match=r"agg=bad failed.*boom.*one number"):
        cg.ClusterGrid.from_long(small_long(), "gene", "cell", "x", agg=bad)


def test_from_long_agg_none_duplicates_name_a_pair_and_point_at_agg():
    with pytest.raises(
        ValueError, match=r"\(gene='r1', cell='c1'\) occurs more than once.*agg="
    ):
        cg.ClusterGrid.from_long(small_long(), "gene", "cell", "x", agg=None)
    unique = small_long().drop_duplicates(["gene", "cell"])
    g = cg.ClusterGrid.from_long(unique, "gene", "cell", "x", agg=None)
    assert g.matrix.loc["r1", "c1"] == 1.0 and np.isnan(g.matrix.loc["r2", "c2"])


@pytest.mark.parametrize(
    "kwargs, err, match",
    [
        (
            dict(index="nope", columns="cell", values="x"),
            ValueError,
            r"index='nope' is not a column.*'gene'",
        ),
        (
            dict(index="gene", columns="cell", values="x", agg="avg"),
            ValueError,
            r"unknown agg='avg'.*'median'",
        ),
        (
            dict(index="gene", columns="gene", values="x"),
            ValueError,
            "three different columns",
        ),
        (
            dict(index="gene", columns="x", values="cell"),
            TypeError,
            r"values column 'cell' is not numeric.*to_numeric",
        ),
    ],
)
def test_from_long_bad_arguments(kwargs, err, match):
    with pytest.raises(err, match=match):
        cg.ClusterGrid.from_long(small_long(), **kwargs)


def test_from_long_missing_keys_and_non_frames():
    df = small_long()
    df.loc[0, "cell"] = None
    with pytest.raises(
        ValueError, match=r"'cell' is missing in 1 row.*dropna\(subset=\['cell'\]\)"
    ):
        cg.ClusterGrid.from_long(df, "gene", "cell", "x")
    with pytest.raises(TypeError, match="needs a pandas DataFrame"):
        cg.ClusterGrid.from_long(np.zeros((3, 3)), "a", "b", "c")


def test_from_long_missing_pair_drawn_as_background_or_nan_color():
    df = small_long()
    for nan_color, expected in ((None, (1.0, 1.0, 1.0)), ("#ff00ff", (1.0, 0.0, 1.0))):
        g = cg.ClusterGrid.from_long(
            df, "gene", "cell", "x", cell_size=0.4, nan_color=nan_color
        )
        g.draw()
        xs, ys = heatmap_cell_centres_px(g)
        i, j = list(g.row_order).index("r2"), list(g.col_order).index("c2")
        np.testing.assert_allclose(
            pixel_rgba(g.figure, xs[j], ys[i])[:3], expected, atol=1 / 255
        )
        # a present cell next to it shows its colour
        v = g.matrix.loc["r2", "c1"]
        want = g.cmap(g.norm(v))[:3]
        np.testing.assert_allclose(
            pixel_rgba(g.figure, xs[1 - j], ys[i])[:3], want, atol=2 / 255
        )


# -- transforms ------------------------------------------------------------------


def seaborn_z(df: pd.DataFrame, axis: int) -> pd.DataFrame:
    """seaborn.matrix.ClusterGrid.z_score, written out."""
    z = df if axis == 1 else df.T
    z = (z - z.mean()) / z.std()
    return z if axis == 1 else z.T


def seaborn_scale(df: pd.DataFrame, axis: int) -> pd.DataFrame:
    s = df if axis == 1 else df.T
    s = (s - s.min()) / (s.max() - s.min())
    return s if axis == 1 else s.T


@pytest.mark.parametrize("axis", [0, 1])
def test_z_score_is_seaborn_with_ddof_1(wine, axis):
    X = wine.drop(columns="cultivar").iloc[:30]
    before = X.copy()
    g = cg.ClusterGrid(X, z_score=axis)
    pd.testing.assert_frame_equal(g.matrix, seaborn_z(X, axis), rtol=1e-12, atol=1e-12)
    pd.testing.assert_frame_equal(X, before)
    stat = g.matrix.std(axis=1 - axis)
    np.testing.assert_allclose(stat, 1.0, rtol=1e-12)


@pytest.mark.parametrize("axis", [0, 1])
def test_standard_scale_is_seaborn(wine, axis):
    X = wine.drop(columns="cultivar").iloc[:30]
    before = X.copy()
    g = cg.ClusterGrid(X, standard_scale=axis)
    pd.testing.assert_frame_equal(
        g.matrix, seaborn_scale(X, axis), rtol=1e-12, atol=1e-12
    )
    pd.testing.assert_frame_equal(X, before)


def test_transform_before_clustering_and_norm(wine):
    X = wine.drop(columns="cultivar").iloc[:40]
    g = cg.ClusterGrid(X, z_score=1, center=0).cluster()
    ref = cg.ClusterGrid(seaborn_z(X, 1), center=0).cluster()
    assert list(g.row_order) == list(ref.row_order)
    assert list(g.col_order) == list(ref.col_order)
    m = np.abs(g.matrix.to_numpy()).max()
    assert (g.norm.vmin, g.norm.vmax) == pytest.approx((-m, m))


def test_transform_skips_missing_values():
    df = pd.DataFrame(
        [[1.0, np.nan, 3.0, 5.0], [2.0, 4.0, np.nan, 8.0]], index=["a", "b"]
    )
    g = cg.ClusterGrid(df, z_score=0)
    pd.testing.assert_frame_equal(g.matrix, seaborn_z(df, 0))
    assert np.isnan(g.matrix.loc["a", 1]) and np.isnan(g.matrix.loc["b", 2])


def test_z_score_and_standard_scale_together_raise():
    with pytest.raises(
        ValueError, match="z_score and standard_scale cannot both be used"
    ):
        cg.ClusterGrid(np.eye(3), z_score=0, standard_scale=1)
    with pytest.raises(ValueError, match=r"z_score must be 0 \(each row\) or 1"):
        cg.ClusterGrid(np.eye(3), z_score=2)
    with pytest.raises(ValueError, match="standard_scale must be 0"):
        cg.ClusterGrid(np.eye(3), standard_scale=True)


@pytest.mark.parametrize("kw", [dict(z_score=0), dict(standard_scale=0)])
def test_constant_rows_warn_and_are_zero_not_nan(kw):
    df = pd.DataFrame(
        [[1.0, 2.0, 4.0], [3.0, 3.0, 3.0], [5.0, np.nan, np.nan]],
        index=["ok", "flat", "single"],
    )
    g = cg.ClusterGrid(df, **kw)
    with pytest.warns(
        UserWarning, match=r"2 row\(s\) are constant \('flat', 'single'\).*drawn as 0"
    ):
        m = g.matrix
    assert (m.loc["flat"] == 0).all()
    assert m.loc["single", 0] == 0 and m.loc["single"].isna().sum() == 2
    assert np.isfinite(m.loc["ok"]).all()


def test_constant_columns_warn_under_column_z_score(wine):
    X = wine.drop(columns="cultivar").iloc[:10].copy()
    X["flat"] = 7.0
    with pytest.warns(UserWarning, match=r"1 column\(s\) are constant \('flat'\)"):
        m = cg.ClusterGrid(X, z_score=1).matrix
    assert (m["flat"] == 0).all() and not m.isna().any().any()


def test_transform_allocates_one_matrix():
    X = np.random.default_rng(0).normal(size=(800, 500))
    m = coerce_matrix(X)
    tracemalloc.start()
    try:
        out = apply_transform(m, 0, None)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert out.values is not m.values
    # the result plus small per-row vectors and a boolean NaN check (1/8 size)
    assert peak < 1.25 * X.nbytes, peak / X.nbytes
    assert apply_transform(m, None, None) is m  # no transform: no copy at all


def test_construction_copies_the_data_once():
    X = pd.DataFrame(np.random.default_rng(1).normal(size=(1000, 400)))
    tracemalloc.start()
    try:
        g = cg.ClusterGrid(X)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1.25 * X.to_numpy().nbytes, peak / X.to_numpy().nbytes
    assert not g._data.values.flags.writeable


# -- norm ------------------------------------------------------------------------


def test_vmin_vmax_fix_the_limits_and_colour_the_cells(wine_z):
    df = wine_z.iloc[:6, :5]
    g = cg.ClusterGrid(df, vmin=-1, vmax=1, cell_size=0.4)
    g.draw()
    assert (g.norm.vmin, g.norm.vmax) == (-1, 1)
    xs, ys = heatmap_cell_centres_px(g)
    m = g.matrix.to_numpy()
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            want = g.cmap(g.norm(m[i, j]))[:3]  # clipped beyond the limits
            np.testing.assert_allclose(
                pixel_rgba(g.figure, xs[j], ys[i])[:3], want, atol=2 / 255
            )


def test_center_maps_to_the_middle(wine_z):
    df = wine_z.iloc[:20] + 3
    g = cg.ClusterGrid(df, center=3)
    assert g.norm(3) == pytest.approx(0.5)
    two = cg.ClusterGrid(df, center=2, vmin=0, vmax=10)
    assert two.norm(2) == pytest.approx(0.5)
    assert two.norm(0) == pytest.approx(0) and two.norm(10) == pytest.approx(1)


def test_robust_uses_2nd_and_98th_percentiles(wine_z):
    g = cg.ClusterGrid(wine_z, robust=True)
    lo, hi = np.percentile(wine_z.to_numpy(), [2, 98])
    assert (g.norm.vmin, g.norm.vmax) == pytest.approx((lo, hi))


def test_user_norm_is_used_and_shared(wine_z):
    norm = mcolors.TwoSlopeNorm(vcenter=0, vmin=-3, vmax=5)
    g = cg.ClusterGrid(wine_z.iloc[:10], norm=norm).add(cg.ScaleBar(), "right")
    g.draw()
    assert g.norm is not norm and isinstance(g.norm, mcolors.TwoSlopeNorm)
    assert g.ax_heatmap.images[0].norm is g.norm
    assert (g.norm.vmin, g.norm.vcenter, g.norm.vmax) == (-3, 0, 5)
    with pytest.raises(ValueError, match="pass either norm= or vmin/vmax"):
        cg.ClusterGrid(wine_z, norm=norm, vmin=0)


# -- missing and bad values ----------------------------------------------------------


def test_nan_rows_in_clustering_raise_with_options(wine_z):
    df = wine_z.iloc[:10].copy()
    df.iloc[3, 2] = np.nan
    g = cg.ClusterGrid(df).cluster()
    with pytest.raises(ValueError, match=r"(?s)missing values.*fillna.*dropna"):
        g.draw()
    # clustering only the other axis still names the problem for that axis
    with pytest.raises(
        ValueError, match=r"(?s)cluster the cols.*missing values.*'ash'.*fillna.*dropna"
    ):
        cg.ClusterGrid(df).cluster(rows=False, cols=True).draw()
    # unclustered, the NaN is simply an empty cell
    cg.ClusterGrid(df).draw()


def test_constant_rows_under_correlation_raise(wine_z):
    df = wine_z.iloc[:10].copy()
    df.iloc[4] = 1.0
    with pytest.raises(
        ValueError, match=r"(?s)metric='correlation'.*constant.*euclidean"
    ):
        cg.ClusterGrid(df).cluster(metric="correlation").draw()


def test_inf_raises_naming_the_cell():
    df = pd.DataFrame([[1.0, 2.0], [np.inf, 3.0]], index=["a", "b"], columns=["x", "y"])
    with pytest.raises(
        ValueError, match=r"infinite values \(first at row 'b', column 'x'\).*replace"
    ):
        cg.ClusterGrid(df)
    long = pd.DataFrame({"r": ["a", "b"], "c": ["x", "x"], "v": [1.0, -np.inf]})
    with pytest.raises(ValueError, match="infinite values"):
        cg.ClusterGrid.from_long(long, "r", "c", "v")


# -- image -------------------------------------------------------------------------


@image_test()
def test_data_tidy_pivot_mean_image(tidy):
    """pbmc_long pivoted with the mean: genes x cell types, clustered."""
    g = (
        cg.ClusterGrid.from_long(
            tidy,
            index="gene",
            columns="cell_type",
            values="expression",
            agg="mean",
            cmap="magma",
            cell_size=0.16,
        )
        .cluster(method="average")
        .add(cg.Dendrogram(), "left", size="8mm")
        .add(cg.Labels(fontsize=6), "right")
        .add(cg.Labels(fontsize=6), "bottom")
        .add(cg.ScaleBar(label="mean expression"), "right")
    )
    return g.draw()


def test_full_length_metadata_after_filter_and_subset(wine):
    X = wine.drop(columns="cultivar")
    z = (X - X.mean()) / X.std()
    cult = wine["cultivar"]
    g = (
        cg.ClusterGrid(z)
        .filter("row any >= 2.5")
        .cluster()
        .add(cg.AnnotationBar(cult, name="cultivar"), "left")
        .add(cg.AnnotationBar(list(cult), name="as list"), "left")
        .split(rows=cult)
    )
    kept = g.row_order
    assert 0 < len(kept) < len(z)
    g.draw()
    bar, listed = g.panels[0], g.panels[1]
    for p in (bar, listed):
        rgba = np.concatenate([ax.images[0].get_array()[:, 0] for ax in p.axes])
        want = np.array([bar.colors_[cult[lab]] for lab in kept])
        np.testing.assert_allclose(rgba, want)
    # a label that was never a row is still an error
    ghost = pd.concat([cult, pd.Series({"ghost": "class_0"})])
    with pytest.raises(ValueError, match="'ghost' are not rows"):
        cg.ClusterGrid(z).subset(rows=list(z.index[:5])).add(
            cg.AnnotationBar(ghost), "left"
        ).draw()
