"""MultiIndex rows and columns keep their levels and level names in g.matrix."""

from __future__ import annotations

import numpy as np
import pandas as pd

import clustergrid as cg


def frame():
    rows = pd.MultiIndex.from_product(
        [["a", "b"], [1, 2, 3]], names=["group", "replicate"]
    )
    cols = pd.MultiIndex.from_product(
        [["ctrl", "drug"], ["0h", "6h"]], names=["condition", "time"]
    )
    return pd.DataFrame(
        np.random.default_rng(0).normal(size=(6, 4)), index=rows, columns=cols
    )


def test_level_names_kept_through_cluster_transform_subset_and_filter():
    df = frame()
    grids = [
        cg.ClusterGrid(df),
        cg.ClusterGrid(df).cluster(),
        cg.ClusterGrid(df, z_score=0).cluster(),
        cg.ClusterGrid(df).subset(rows=[("a", 1), ("b", 2)]).cluster(rows=False),
        cg.ClusterGrid(df).filter("row any > 0").order(cols=list(df.columns[::-1])),
    ]
    for g in grids:
        m = g.matrix
        assert isinstance(m.index, pd.MultiIndex) and isinstance(
            m.columns, pd.MultiIndex
        )
        assert list(m.index.names) == ["group", "replicate"]
        assert list(m.columns.names) == ["condition", "time"]
        assert m.index.equals(g.row_order) and m.columns.equals(g.col_order)
        if g._z_score is None:  # the values are the input's, in the drawn order
            pd.testing.assert_frame_equal(m, df.loc[m.index, m.columns])
    assert cg.ClusterGrid(df).matrix.index.equals(df.index)


def test_named_flat_index_kept_and_multiindex_draws_with_panels():
    s = pd.DataFrame(
        np.arange(4.0).reshape(2, 2),
        index=pd.Index(["p", "q"], name="gene"),
        columns=pd.Index(["s1", "s2"], name="sample"),
    )
    m = cg.ClusterGrid(s).matrix
    assert (m.index.name, m.columns.name) == ("gene", "sample")
    df = frame()
    grp = pd.Series(["x", "y"] * 3, index=df.index, name="grp")
    g = (
        cg.ClusterGrid(df)
        .cluster()
        .add(cg.Labels(), "right")
        .add(cg.Dendrogram(), "left")
        .add(cg.AnnotationBar(grp), "left")
        .split(rows=grp)
    )
    g.draw()
    texts = [t.get_text() for t in g.panels[0].texts]
    # MultiIndex labels are drawn joined with "-" (seaborn's convention)
    assert texts == ["-".join(map(str, k)) for k in g.row_order]
    # and the level names give the default axis title
    titles = [
        t.get_text()
        for ax in g.panels[0].axes
        for t in ax.texts
        if t not in g.panels[0].texts and t.get_text()
    ]
    assert titles == ["group-replicate"]
