"""The AMiGA filter language (.filter) and label subsets (.subset)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.cluster import hierarchy as sch

import clustergrid as cg
from clustergrid._input.filter import parse_filter


@pytest.fixture
def df() -> pd.DataFrame:
    # rows: a all small, b one big value, c all big, d has a missing value
    return pd.DataFrame(
        [[0.1, 0.2, 0.3], [0.1, 2.0, 0.3], [1.5, 1.6, 1.7], [np.nan, 1.3, 1.4]],
        index=list("abcd"),
        columns=["x", "y", "z"],
    )


def kept(g):
    return list(g.matrix.index), list(g.matrix.columns)


@pytest.mark.parametrize(
    "expr, rows",
    [
        ("row any >= 1.5", ["b", "c"]),
        ("row any > 1.5", ["b", "c"]),
        ("row all > 1.3", ["c"]),  # d: 1.3 is not > 1.3
        ("row all >= 1.3", ["c", "d"]),  # d's missing value is skipped
        ("row all < 0.5", ["a"]),
        ("row all <= 0.3", ["a"]),
        ("row any = 2", ["b"]),
        ("row any == 2", ["b"]),
    ],
)
def test_row_criteria_select_rows(df, expr, rows):
    assert kept(cg.ClusterGrid(df).filter(expr)) == (rows, ["x", "y", "z"])


@pytest.mark.parametrize(
    "expr, cols",
    [
        ("col any >= 2", ["y"]),
        ("col all > 0.2", ["z"]),  # y: 0.2 is not > 0.2
        ("col all < 1.6", ["x"]),  # x's missing value is skipped
    ],
)
def test_col_criteria_select_columns(df, expr, cols):
    assert kept(cg.ClusterGrid(df).filter(expr)) == (list("abcd"), cols)


def test_or_and_and(df):
    assert kept(cg.ClusterGrid(df).filter("row all < 0.5 OR row any >= 2"))[0] == [
        "a",
        "b",
    ]
    assert kept(cg.ClusterGrid(df).filter("row any > 1 AND row all < 1.8"))[0] == [
        "c",
        "d",
    ]
    # AND binds tighter than OR: p OR (q AND r)
    g = cg.ClusterGrid(df).filter("row all < 0.5 OR row any > 1 AND row all < 1.8")
    assert kept(g)[0] == ["a", "c", "d"]
    # keywords are case-insensitive, spaces around operators optional
    assert kept(cg.ClusterGrid(df).filter("ROW ANY>=2 or row all<0.5"))[0] == ["a", "b"]


def test_row_and_col_criteria_each_select_their_axis(df):
    g = cg.ClusterGrid(df).filter("row any >= 1.2 OR col all < 1.6")
    assert kept(g) == (["b", "c", "d"], ["x"])
    g = cg.ClusterGrid(df).filter("row any >= 2 AND col any >= 2")
    assert kept(g) == (["b"], ["y"])


def test_criteria_read_the_unfiltered_values_not_each_other(df):
    # the col criterion is evaluated on all rows, not only the rows kept
    g = cg.ClusterGrid(df).filter("row all < 0.5 OR col any >= 2")
    assert kept(g) == (["a"], ["y"])


def test_filter_matches_a_pandas_reference(wine):
    X = wine.drop(columns="cultivar")
    g = cg.ClusterGrid(X).filter("row any >= 1000 OR row all < 100 OR col all < 20")
    rows = X.index[(X >= 1000).any(axis=1) | (X < 100).all(axis=1)]
    cols = X.columns[(X < 20).all(axis=0)]
    assert list(g.matrix.index) == list(rows)
    assert list(g.matrix.columns) == list(cols)
    pd.testing.assert_frame_equal(g.matrix, X.loc[rows, cols])


@pytest.mark.parametrize(
    "expr, token",
    [
        ("rows any > 1", "'rows'"),
        ("row some > 1", "'some'"),
        ("row any => 1", "'=>'"),
        ("row any > one", "'one'"),
        ("row any > 1 XOR col all < 2", "'XOR'"),
        ("row any > 1 OR", "after 'OR'"),
        ("row any >", "after '>'"),
        ("(row any > 1)", "'\\(row'"),
        ("row any > nan", "'nan'"),
        ("", "empty"),
    ],
)
def test_malformed_expressions_quote_the_bad_token(df, expr, token):
    with pytest.raises(
        ValueError, match=rf"cannot parse filter .*{token}.*row\|col any\|all"
    ):
        cg.ClusterGrid(df).filter(expr)


def test_filter_needs_a_string(df):
    with pytest.raises(TypeError, match="takes a string"):
        cg.ClusterGrid(df).filter(None)


def test_filter_that_keeps_nothing_raises(df):
    with pytest.raises(
        ValueError, match=r"keeps no rows \(the values range from 0.1 to 2\)"
    ):
        cg.ClusterGrid(df).filter("row any > 100")


def test_parse_structure():
    f = parse_filter("row any >= 1.2 OR col all < 0.5 AND row all > -1e-3")
    assert [[str(c) for c in g] for g in f.groups] == [
        ["row any >= 1.2"],
        ["col all < 0.5", "row all > -0.001"],
    ]
    assert [[str(c) for c in g] for g in f.for_axis("col")] == [["col all < 0.5"]]


def test_filter_runs_before_transforms_and_clustering(df):
    full = df.drop(index="d")
    g = cg.ClusterGrid(full, z_score=1).filter("row any >= 1.5")
    kept_raw = full.loc[["b", "c"]]
    pd.testing.assert_frame_equal(
        g.matrix, (kept_raw - kept_raw.mean()) / kept_raw.std()
    )
    g = cg.ClusterGrid(full).filter("row any > 0").cluster()
    assert g.row_linkage.shape == (2, 4)


def test_filter_never_touches_user_data(df):
    before = df.copy()
    cg.ClusterGrid(df).filter("row any > 1").subset(cols=["y"]).draw()
    pd.testing.assert_frame_equal(df, before)


# -- subset -----------------------------------------------------------------------


def test_subset_by_label_in_given_order(df):
    g = cg.ClusterGrid(df).subset(rows=["c", "a"], cols=["z", "x"])
    assert kept(g) == (["c", "a"], ["z", "x"])
    pd.testing.assert_frame_equal(g.matrix, df.loc[["c", "a"], ["z", "x"]])
    assert kept(cg.ClusterGrid(df).subset(cols="y")) == (list("abcd"), ["y"])


def test_subset_bad_labels(df):
    with pytest.raises(ValueError, match=r"'q' are not row labels of the matrix"):
        cg.ClusterGrid(df).subset(rows=["a", "q"])
    with pytest.raises(ValueError, match="given twice"):
        cg.ClusterGrid(df).subset(cols=["x", "x"])
    with pytest.raises(ValueError, match="list of column labels is empty"):
        cg.ClusterGrid(df).subset(cols=[])


def test_filter_and_subset_chain(df):
    g = cg.ClusterGrid(df).filter("row any >= 1.5").subset(rows=["c"])
    assert kept(g) == (["c"], ["x", "y", "z"])
    with pytest.raises(ValueError, match="earlier filter"):
        cg.ClusterGrid(df).filter("row any >= 1.5").subset(rows=["a"])


def test_explicit_order_survives_a_filter(df):
    g = cg.ClusterGrid(df).order(rows=["d", "c", "b", "a"]).filter("row any >= 1.5")
    assert list(g.row_order) == ["c", "b"]


def test_precomputed_linkage_then_filter_is_refused(df):
    Z = sch.linkage(np.arange(8.0).reshape(4, 2))
    g = cg.ClusterGrid(df.fillna(0)).cluster(rows=Z, cols=False)
    with pytest.raises(ValueError, match=r"precomputed row linkage.*filter first"):
        g.filter("row any >= 1.5")
