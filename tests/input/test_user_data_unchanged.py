"""The user's data is never changed: not by building, clustering, drawing or
saving, and not through anything the grid hands back."""

from __future__ import annotations

import copy
import io

import matplotlib as mpl
import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest
from scipy.cluster import hierarchy as sch

import clustergrid as cg


def snapshot_array(a: np.ndarray) -> dict:
    return {
        "bytes": a.tobytes(),
        "dtype": a.dtype,
        "shape": a.shape,
        "strides": a.strides,
        "writeable": a.flags.writeable,
        "c": a.flags.c_contiguous,
        "f": a.flags.f_contiguous,
        "owndata": a.flags.owndata,
    }


def full_pipeline(data, row_values, col_values, tmp_path=None):
    """Build, cluster, add every panel kind, draw and save."""
    g = (
        cg.ClusterGrid(data, center=0)
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(cg.Dendrogram(), "top")
        .add(cg.AnnotationBar(row_values, name="group"), "left")
        .add(cg.AnnotationBar(col_values, name="score"), "top")
        .add(cg.Labels(), "right")
        .add(cg.Labels(), "bottom")
        .add(cg.ScaleBar(label="value"), "bottom-right")
    )
    g.draw()
    g.save(io.BytesIO(), format="png")
    return g


@pytest.fixture
def frame():
    rng = np.random.default_rng(11)
    df = pd.DataFrame(
        rng.normal(size=(8, 6)),
        index=[f"cell{i}" for i in range(8)],
        columns=pd.Index([f"g{j}" for j in range(6)], name="gene"),
    )
    df.index.name = "cell"
    df.iloc[2, 3] = -0.0
    df.attrs["source"] = "test"
    return df


def test_mutation_dataframe_unchanged(frame):
    df = frame
    before = df.copy(deep=True)
    row_values = pd.Series(
        list("ababbaab"), index=df.index[::-1], name="group"
    )  # shuffled
    col_values = {c: float(i) for i, c in enumerate(df.columns)}
    rv_before, cv_before = row_values.copy(deep=True), copy.deepcopy(col_values)
    arr = df.to_numpy()
    flags_before = (
        df.to_numpy().flags.writeable,
        arr.flags.writeable,
    )  # False under pandas CoW
    g = full_pipeline(df, row_values, col_values)
    pd.testing.assert_frame_equal(df, before, check_exact=True)
    assert (
        df.index.name == "cell"
        and df.columns.name == "gene"
        and df.attrs == {"source": "test"}
    )
    assert np.signbit(df.iloc[2, 3])  # -0.0 kept bit for bit
    assert (df.to_numpy().flags.writeable, arr.flags.writeable) == flags_before
    pd.testing.assert_series_equal(row_values, rv_before, check_exact=True)
    assert col_values == cv_before
    # what the grid gives back is its own: changing it changes nothing
    m = g.matrix
    m.iloc[:, :] = 99.0
    assert not (g.matrix == 99.0).any().any()
    pd.testing.assert_frame_equal(df, before, check_exact=True)


def test_mutation_grid_is_a_snapshot(frame):
    """Changing the DataFrame after building does not change the figure."""
    df = frame.copy()
    g = cg.ClusterGrid(df).cluster()
    drawn = g.matrix
    df.iloc[0, 0] = 1e6
    df.loc["cell1"] = np.nan
    pd.testing.assert_frame_equal(g.matrix, drawn, check_exact=True)


@pytest.mark.parametrize("order", ["C", "F"])
def test_mutation_array_unchanged_and_flags_kept(order):
    rng = np.random.default_rng(5)
    a = np.asarray(rng.normal(size=(7, 5)), order=order)
    a[1, 1] = np.nan
    a_rows = a.copy()
    a_rows[1, 1] = 0.0  # clustering needs no NaN: use a clean copy for that
    before = snapshot_array(a_rows)
    full_pipeline(a_rows, ["x"] * 4 + ["y"] * 3, np.arange(5.0))
    assert snapshot_array(a_rows) == before
    # unclustered drawing of the array with a NaN
    before = snapshot_array(a)
    g = cg.ClusterGrid(a).add(cg.Labels(), "right").add(cg.ScaleBar(), "bottom")
    g.save(io.BytesIO(), format="svg")
    assert snapshot_array(a) == before


def test_mutation_read_only_array_is_accepted_and_stays_read_only():
    a = np.arange(20.0).reshape(4, 5)
    a.flags.writeable = False
    before = snapshot_array(a)
    full_pipeline(a, [1, 2, 1, 2], list("abcde"))
    assert snapshot_array(a) == before


def test_mutation_integer_and_nullable_frames_keep_their_dtypes():
    df = pd.DataFrame(
        {
            "a": [1, 2, 3, 4],
            "b": pd.array([1, None, 3, 4], dtype="Int64"),
            "c": np.array([0.5, 1.5, 2.5, 3.5], dtype=np.float32),
        }
    )
    before = df.copy(deep=True)
    g = cg.ClusterGrid(df).add(cg.Labels(), "left").add(cg.ScaleBar(), "right")
    g.draw()
    pd.testing.assert_frame_equal(df, before, check_exact=True)
    assert list(df.dtypes) == list(before.dtypes)
    assert np.isnan(g.matrix.loc[1, "b"])  # the missing integer is drawn as missing


def test_mutation_masked_array_unchanged_and_mask_means_missing():
    data = np.arange(12.0).reshape(3, 4)
    a = np.ma.masked_array(data.copy(), mask=data > 8)
    before_data, before_mask = a.data.copy(), a.mask.copy()
    g = cg.ClusterGrid(a)
    g.draw()
    np.testing.assert_array_equal(a.data, before_data)
    np.testing.assert_array_equal(a.mask, before_mask)
    drawn = g.matrix.to_numpy()
    assert np.isnan(drawn[data > 8]).all() and not np.isnan(drawn[data <= 8]).any()


def test_mutation_list_of_lists_unchanged():
    rows = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [0.0, 1.0, 0.0]]
    before = copy.deepcopy(rows)
    full_pipeline(rows, ["a", "b", "a"], [3, 2, 1])
    assert rows == before


def test_mutation_annotation_inputs_unchanged(frame):
    cats = pd.Series(
        pd.Categorical(list("xyzxyzxy"), categories=list("zyx")), index=frame.index
    )
    arr = np.array([1.0, np.nan, 3.0, 4.0, 5.0, 6.0])
    palette = {"x": "red", "y": "green", "z": "blue"}
    cats_before, arr_before = cats.copy(deep=True), snapshot_array(arr)
    palette_before = dict(palette)
    g = (
        cg.ClusterGrid(frame)
        .cluster()
        .add(cg.AnnotationBar(cats, palette=palette), "left")
        .add(cg.AnnotationBar(arr), "top")
    )
    g.draw()
    pd.testing.assert_series_equal(cats, cats_before, check_exact=True)
    assert list(cats.cat.categories) == list("zyx")
    assert snapshot_array(arr) == arr_before
    assert palette == palette_before


def test_mutation_order_linkage_norm_and_cmap_unchanged(frame):
    rows = list(frame.index[::-1])
    rows_before = list(rows)
    Z = sch.linkage(frame.T.to_numpy(), "average")
    Z_before = snapshot_array(Z)
    norm = mcolors.Normalize()  # no limits: the grid fills them in on its own copy
    cmap = mpl.colormaps["magma"].with_extremes(bad="pink")
    cmap_lut = cmap(np.linspace(0, 1, 16))
    g = (
        cg.ClusterGrid(frame, norm=norm, cmap=cmap)
        .order(rows=rows)
        .cluster(rows=False, cols=Z)
        .add(cg.Dendrogram(), "top")
        .add(cg.ScaleBar(), "right")
    )
    g.draw()
    assert rows == rows_before
    assert snapshot_array(Z) == Z_before
    assert norm.vmin is None and norm.vmax is None
    np.testing.assert_array_equal(cmap(np.linspace(0, 1, 16)), cmap_lut)
    assert mcolors.to_hex(cmap.get_bad()) == mcolors.to_hex("pink")
    assert g.norm is not norm and g.cmap is not cmap


def test_mutation_failed_build_leaves_input_unchanged(frame):
    df = frame.copy()
    df.iloc[0, 0] = np.nan
    before = df.copy(deep=True)
    with pytest.raises(ValueError, match="missing values"):
        cg.ClusterGrid(df).cluster().draw()
    with pytest.raises(ValueError, match="duplicate row labels"):
        cg.ClusterGrid(df.rename(index={"cell1": "cell0"}))
    pd.testing.assert_frame_equal(df, before, check_exact=True)
