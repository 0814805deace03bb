"""ClusterGrid.from_anndata and scipy sparse input, on the bundled PBMC data
turned into an AnnData inside the test (no download)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from numpy.testing import assert_allclose, assert_array_equal

import clustergrid as cg

ad = pytest.importorskip(
    "anndata", reason="the optional 'anndata' extra is not installed"
)

MARKERS = ["CD79A", "MS4A1", "CD3D", "NKG7", "LYZ", "FCGR3A", "CST3", "GNLY"]


@pytest.fixture(scope="module")
def frames():
    x = cg.load_dataset("pbmc")
    obs = cg.load_dataset("pbmc_obs").loc[x.index].copy()
    obs["bulk_labels"] = obs["bulk_labels"].astype("category")
    obs["louvain"] = obs["louvain"].astype(str).astype("category")
    return x, obs


def make(x, obs, *, sparse=False, clip=False):
    values = x.to_numpy()
    if clip:
        values = np.clip(values, 0, None)
    X = sp.csr_matrix(values) if sparse else values.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = ad.AnnData(X, obs=obs.copy(), var=pd.DataFrame(index=x.columns.copy()))
    return a


def test_cells_by_genes_equals_the_table(frames):
    x, obs = frames
    a = make(x, obs)
    g = cg.ClusterGrid.from_anndata(a, MARKERS)
    pd.testing.assert_frame_equal(
        g.matrix, x[MARKERS], check_names=False, check_index_type=False
    )
    assert list(g.obs.index) == list(x.index) and "louvain" in g.obs
    assert list(g.var.index) == MARKERS


@pytest.mark.parametrize("sparse", [False, True])
@pytest.mark.parametrize("agg", ["mean", "median", "max", "sum"])
def test_groupby_equals_pandas_groupby(frames, sparse, agg):
    x, obs = frames
    a = make(x, obs, sparse=sparse, clip=sparse)
    ref_x = x.clip(lower=0) if sparse else x
    X_before = a.X.copy()
    g = cg.ClusterGrid.from_anndata(a, MARKERS, groupby="bulk_labels", agg=agg)
    ref = ref_x[MARKERS].groupby(obs["bulk_labels"], observed=True).agg(agg)
    assert list(g.matrix.index) == list(ref.index)  # category order
    assert_allclose(g.matrix.to_numpy(), ref.to_numpy(), rtol=1e-12, atol=1e-12)
    assert_array_equal(
        g.obs["n_cells"], obs["bulk_labels"].value_counts().reindex(ref.index)
    )
    # the AnnData is untouched
    after = a.X.toarray() if sparse else a.X
    assert_array_equal(after, X_before.toarray() if sparse else X_before)


def test_groupby_all_genes_sparse_never_densifies(frames, monkeypatch):
    x, obs = frames
    a = make(x, obs, sparse=True, clip=True)
    shapes = []
    orig = sp.csr_matrix.toarray
    monkeypatch.setattr(
        sp.csr_matrix,
        "toarray",
        lambda self, *k, **kw: shapes.append(self.shape) or orig(self, *k, **kw),
    )
    # a limit far below the 4 MiB of the dense cells x genes: the means never need it
    g = cg.ClusterGrid.from_anndata(a, groupby="louvain", max_bytes=2**18)
    ref = x.clip(lower=0).groupby(obs["louvain"], observed=True).mean()
    assert_allclose(g.matrix.to_numpy(), ref.to_numpy(), rtol=1e-12, atol=1e-12)
    assert shapes and all(s[0] == ref.shape[0] for s in shapes)  # only groups x genes


def test_memory_limit_refuses_before_densifying(frames, monkeypatch):
    x, obs = frames
    a = make(x, obs, sparse=True, clip=True)
    called = []
    orig = sp.csr_matrix.toarray
    monkeypatch.setattr(
        sp.csr_matrix,
        "toarray",
        lambda self, *k, **kw: called.append(self.shape) or orig(self, *k, **kw),
    )
    with pytest.raises(
        ValueError, match=r"shape \(700, 765\).*4\.09 MiB.*1 MiB.*var_names"
    ):
        cg.ClusterGrid.from_anndata(a, max_bytes=2**20)
    assert called == []
    g = cg.ClusterGrid.from_anndata(a, MARKERS, max_bytes=2**20)  # 700 x 8 fits
    assert g.matrix.shape == (700, 8) and called == [(700, 8)]


def test_obs_columns_are_annotation_values_by_name(frames):
    x, obs = frames
    a = make(x, obs)
    g = (
        cg.ClusterGrid.from_anndata(a, MARKERS)
        .subset(rows=list(x.index[:60]))
        .cluster()
        .add(cg.Labels(), "right")
    )
    bar = cg.AnnotationBar(g.obs["louvain"])
    g.add(bar, "left")
    fig = g.draw()
    assert bar.name == "louvain"
    rgba = bar.ax.images[0].get_array()[:, 0, :]  # one colour per drawn row
    lab = g.obs.loc[g.row_order, "louvain"].astype(str).to_numpy()
    for c in np.unique(lab):  # one colour per category, and only its
        colours = np.unique(rgba[lab == c], axis=0)
        assert len(colours) == 1
        others = rgba[lab != c]
        assert not np.any(np.all(np.isclose(others, colours[0]), axis=1))
    assert fig is g.figure


def test_group_rows_keep_constant_obs_columns(frames):
    x, obs = frames
    obs = obs.copy()
    obs["lineage"] = (
        obs["bulk_labels"].map(lambda s: "T" if "T" in s else "other").astype(str)
    )
    a = make(x, obs)
    g = cg.ClusterGrid.from_anndata(a, MARKERS, groupby="bulk_labels")
    want = obs.groupby("bulk_labels", observed=True)["lineage"].first()
    assert list(g.obs["lineage"]) == list(want)
    assert "louvain" not in g.obs  # not constant within a cell type
    g.add(cg.AnnotationBar(g.obs["lineage"]), "left").cluster().draw()


def test_layer_raw_and_errors(frames):
    x, obs = frames
    a = make(x, obs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a.layers["double"] = a.X * 2
        a.raw = a.copy()
        a = a[:, MARKERS[:4]].copy()
    g = cg.ClusterGrid.from_anndata(a, layer="double")
    assert_allclose(g.matrix.to_numpy(), 2 * x[MARKERS[:4]].to_numpy())
    g = cg.ClusterGrid.from_anndata(a, ["LYZ", "GNLY"], use_raw=True)
    assert_allclose(g.matrix.to_numpy(), x[["LYZ", "GNLY"]].to_numpy())
    with pytest.raises(
        ValueError, match=r"'LYZ'.*not in adata.var_names.*use_raw=True"
    ):
        cg.ClusterGrid.from_anndata(a, ["LYZ"])
    with pytest.raises(ValueError, match=r"layer='nope'.*'double'"):
        cg.ClusterGrid.from_anndata(a, layer="nope")
    with pytest.raises(ValueError, match=r"layer= or use_raw=True, not both"):
        cg.ClusterGrid.from_anndata(a, layer="double", use_raw=True)
    with pytest.raises(
        ValueError, match=r"groupby='tissue' is not a column of adata.obs"
    ):
        cg.ClusterGrid.from_anndata(a, groupby="tissue")
    with pytest.raises(ValueError, match=r"agg='median'.*needs groupby"):
        cg.ClusterGrid.from_anndata(a, agg="median")
    with pytest.raises(ValueError, match=r"unknown agg='mode'"):
        cg.ClusterGrid.from_anndata(a, groupby="louvain", agg="mode")
    with pytest.raises(TypeError, match=r"needs an AnnData.*DataFrame"):
        cg.ClusterGrid.from_anndata(x)


def test_groupby_two_columns_gives_combined_labels(frames):
    x, obs = frames
    a = make(x, obs)
    g = cg.ClusterGrid.from_anndata(a, MARKERS, groupby=["phase", "bulk_labels"])
    ref = x[MARKERS].groupby([obs["phase"], obs["bulk_labels"]], observed=True).mean()
    want = ["_".join(map(str, t)) for t in ref.index]
    assert sorted(g.matrix.index) == sorted(want)
    assert_allclose(g.matrix.loc[want].to_numpy(), ref.to_numpy(), rtol=1e-12)


# -- scipy sparse matrices wherever a matrix goes --------------------------------


def test_sparse_matrix_accepted_as_the_matrix_and_the_mask():
    rng = np.random.default_rng(0)
    dense = np.where(rng.random((30, 8)) < 0.3, rng.normal(size=(30, 8)), 0.0)
    for X in (sp.csr_matrix(dense), sp.csc_array(dense), sp.coo_matrix(dense)):
        g = cg.ClusterGrid(X, mask=sp.csr_matrix(dense > 1.0)).cluster()
        assert_allclose(g.matrix.loc[range(30), range(8)].to_numpy(), dense)
        g.add(cg.Dendrogram(), "left").draw()
    ref = cg.ClusterGrid(dense).cluster()
    assert list(cg.ClusterGrid(sp.csr_matrix(dense)).cluster().row_order) == list(
        ref.row_order
    )


def test_sparse_matrix_over_the_limit_is_refused_with_the_reason(monkeypatch):
    import clustergrid._input.matrix as data

    monkeypatch.setattr(data, "DENSE_LIMIT_BYTES", 1000)
    X = sp.random(100, 50, density=0.01, format="csr", random_state=1)
    with pytest.raises(
        ValueError,
        match=r"scipy sparse matrix of shape \(100, 50\).*39\.1 KiB"
        r".*1000 bytes.*DENSE_LIMIT_BYTES",
    ):
        cg.ClusterGrid(X)
