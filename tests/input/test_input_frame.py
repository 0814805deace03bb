"""The one input adapter (``clustergrid._input.frame``): pandas objects pass
untouched; tables and columns from polars, pyarrow or anything speaking the
dataframe interchange protocol arrive as pandas with their names."""

from __future__ import annotations

import sys

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

import clustergrid as cg
from clustergrid._input.frame import as_frame, as_series, by_position
from clustergrid._input.matrix import align_to_labels


def _polars():
    return pytest.importorskip(
        "polars", reason="polars is not installed (pip install polars pyarrow)"
    )


def _pyarrow():
    return pytest.importorskip(
        "pyarrow", reason="pyarrow is not installed (pip install pyarrow)"
    )


def test_pandas_numpy_and_plain_inputs_come_back_as_they_are():
    df = pd.DataFrame({"a": [1.0, 2.0]}, index=["x", "y"])
    s = df["a"]
    arr = np.zeros((2, 2))
    for v in (df, s, arr, [1, 2], {"x": 1}, None, 3, "name"):
        assert as_frame(v) is v
        assert as_series(v) is v
    assert df.attrs == {} and s.attrs == {}  # nothing written on the user's data
    assert not by_position(df) and not by_position(arr)


class _Interchange:
    """An object that speaks only the dataframe interchange protocol."""

    def __init__(self, df: pd.DataFrame) -> None:
        self._df = df

    def __dataframe__(self, nan_as_null: bool = False, allow_copy: bool = True):
        return self._df.__dataframe__(allow_copy=allow_copy)


def test_an_interchange_table_keeps_its_column_names():
    src = pd.DataFrame({"g1": [1.0, 2.0, 3.0], "g2": [4.0, 5.0, 6.0]})
    out = as_frame(_Interchange(src))
    assert isinstance(out, pd.DataFrame)
    assert list(out.columns) == ["g1", "g2"]
    np.testing.assert_array_equal(out.to_numpy(), src.to_numpy())
    assert by_position(out)  # no row labels: rows are positions
    g = cg.ClusterGrid(_Interchange(src))
    assert list(g.col_order) == ["g1", "g2"]


def test_cluster_grid_of_a_polars_frame_keeps_its_column_names():
    pl = _polars()
    _pyarrow()
    rng = np.random.default_rng(0)
    X = rng.standard_normal((6, 3))
    pdf = pl.DataFrame({"alpha": X[:, 0], "beta": X[:, 1], "gamma": X[:, 2]})
    g = cg.ClusterGrid(pdf)
    assert list(g.col_order) == ["alpha", "beta", "gamma"]
    assert list(g.row_order) == list(range(6))  # no row index: positions
    np.testing.assert_array_equal(g._data.values, X)


def test_annotation_bar_of_a_polars_series_keeps_its_name_and_goes_by_position():
    pl = _polars()
    _pyarrow()
    s = pl.Series("cultivar", ["a", "b", "a"])
    bar = cg.AnnotationBar(s)
    assert bar.name == "cultivar"
    # no row labels: aligned by position, on a grid with string labels too
    labels = pd.Index(["r0", "r1", "r2"])
    out = align_to_labels(bar.values, labels, "row", "bar")
    assert list(out.index) == list(labels) and list(out) == ["a", "b", "a"]
    df = pd.DataFrame(np.arange(6.0).reshape(3, 2), index=labels)
    cg.ClusterGrid(df).add(bar, "left").draw()
    assert cg.AnnotationBar(pl.Series([1.0, 2.0])).name is None  # polars' ""


def test_polars_options_mask_split_and_long_tables():
    pl = _polars()
    _pyarrow()
    labels = pd.Index(["r0", "r1", "r2", "r3"])
    df = pd.DataFrame(np.arange(8.0).reshape(4, 2), index=labels, columns=["u", "v"])
    mask = pl.DataFrame({"u": [True, False, False, False], "v": [False] * 4})
    hidden = cg.ClusterGrid(df, mask=mask)._cells.mask  # by position
    assert list(hidden.index) == list(labels) and list(hidden.columns) == ["u", "v"]
    assert hidden.loc["r0", "u"] and not hidden.loc["r1", "u"]
    g = cg.ClusterGrid(df).split(rows=pl.Series("grp", ["x", "y", "x", "y"]))
    assert [list(g.row_order[a:b]) for a, b in g.row_slices.bounds] == [
        ["r0", "r2"],
        ["r1", "r3"],
    ]
    long = pl.DataFrame({"gene": ["a", "a", "b"], "cell": ["c1", "c2", "c1"]})
    long = long.with_columns(pl.Series("x", [1.0, 2.0, 3.0]))
    w = cg.ClusterGrid.from_long(long, index="gene", columns="cell", values="x")
    assert list(w._data.rows) == ["a", "b"] and list(w._data.cols) == ["c1", "c2"]


def test_pyarrow_tables_and_arrays():
    pa = _pyarrow()
    t = pa.table({"a": [1.0, 2.0], "b": [3.0, 4.0]})
    out = as_frame(t)
    assert list(out.columns) == ["a", "b"] and by_position(out)
    col = as_series(pa.chunked_array([[1, 2], [3]]))
    assert isinstance(col, pd.Series) and list(col) == [1, 2, 3]
    assert list(as_series(pa.array(["x", "y"]))) == ["x", "y"]
    # written from pandas: its index comes back, and it is aligned by label
    back = as_frame(pa.Table.from_pandas(pd.DataFrame({"a": [1.0]}, index=["p"])))
    assert list(back.index) == ["p"] and not by_position(back)


def test_without_pyarrow_arrays_keep_the_old_reading_and_say_so(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow fails

    class _ArrowWithValues:
        def __arrow_c_stream__(self, requested_schema=None):  # pragma: no cover
            raise AssertionError("not read without pyarrow")

        def __array__(self, dtype=None, copy=None):
            return np.ones((2, 2))

    class _ArrowOnly:
        def __arrow_c_stream__(self, requested_schema=None):  # pragma: no cover
            raise AssertionError("not read without pyarrow")

    x = _ArrowWithValues()
    with pytest.warns(UserWarning, match="pip install pyarrow"):
        assert as_frame(x) is x
    with pytest.raises(ImportError, match="needs pyarrow: pip install pyarrow"):
        as_frame(_ArrowOnly())


def test_polars_in_tracks_labels_dots_and_seaborn_row_colors():
    pl = _polars()
    _pyarrow()
    labels = pd.Index(["r0", "r1", "r2"])
    df = pd.DataFrame(np.arange(6.0).reshape(3, 2) + 1, index=labels)
    bars = cg.BarTrack(pl.DataFrame({"up": [1.0, 2, 3], "down": [3.0, 2, 1]}))
    assert bars.stacked and list(bars.values.columns) == ["up", "down"]
    colour = cg.Labels(color_by=pl.Series("kind", ["a", "b", "a"]))
    size = pl.DataFrame({"0": [1.0, 2, 3], "1": [3.0, 2, 1]})
    g = cg.ClusterGrid(df, cells=cg.Dots(size=size))
    g.add(colour, "left").draw()
    # a track's per-label table: rows labelled 0..n-1, as a polars matrix's
    cg.ClusterGrid(pl.from_pandas(df)).add(bars, "right").draw()
    sns = cg.clustermap(df, row_colors=pl.Series("kind", ["red", "blue", "red"]))
    assert sns is not None
