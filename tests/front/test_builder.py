"""The builder contract: input, orders, the shared norm, panels, output."""

from __future__ import annotations

import io

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest
from scipy.cluster.hierarchy import leaves_list, linkage

import clustergrid as cg


def small(n=6, m=4, seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        rng.normal(size=(n, m)),
        index=[f"r{i}" for i in range(n)],
        columns=[f"c{j}" for j in range(m)],
    )


# -- input -------------------------------------------------------------------


def test_array_gets_integer_labels():
    g = cg.ClusterGrid(np.arange(12.0).reshape(3, 4))
    assert list(g.row_order) == [0, 1, 2]
    assert list(g.col_order) == [0, 1, 2, 3]


def test_non_numeric_column_named(wine):
    with pytest.raises(TypeError, match="cultivar"):
        cg.ClusterGrid(wine)


def test_empty_matrix_rejected():
    with pytest.raises(ValueError, match="empty"):
        cg.ClusterGrid(pd.DataFrame())
    with pytest.raises(ValueError, match="empty"):
        cg.ClusterGrid(np.zeros((0, 3)))


def test_1d_and_inf_rejected():
    with pytest.raises(ValueError, match="2-D"):
        cg.ClusterGrid(np.arange(3.0))
    with pytest.raises(ValueError, match="infinite"):
        cg.ClusterGrid(np.array([[1.0, np.inf], [0.0, 1.0]]))


def test_duplicate_labels_rejected():
    df = small()
    df.index = ["a", "a", "b", "c", "d", "e"]
    with pytest.raises(ValueError, match="duplicate row labels: 'a'"):
        cg.ClusterGrid(df)


def test_builder_returns_grid_and_draws_nothing():
    g = cg.ClusterGrid(small())
    assert g.cluster() is g
    assert g.add(cg.Labels(), "right") is g
    assert g.order(rows=list(small().index)) is g
    assert g.figure is None and g.ax_heatmap is None


def test_unknown_options_raise():
    with pytest.raises(TypeError, match="cmpa"):
        cg.ClusterGrid(small(), cmpa="viridis")
    with pytest.raises(ValueError, match="unknown colormap"):
        cg.ClusterGrid(small(), cmap="not-a-map")
    with pytest.raises(ValueError, match="unknown linkage method"):
        cg.ClusterGrid(small()).cluster(method="avg")
    with pytest.raises(ValueError, match="unknown distance metric"):
        cg.ClusterGrid(small()).cluster(metric="euclid")
    with pytest.raises(ValueError, match="ward.*euclidean"):
        cg.ClusterGrid(small()).cluster(method="ward", metric="cosine")
    with pytest.raises(ValueError, match="not both"):
        cg.ClusterGrid(small(), figsize=(4, 4), cell_size=0.2)


# -- orders --------------------------------------------------------------------


def test_cluster_order_is_scipy_leaves_list(wine_z):
    g = cg.ClusterGrid(wine_z).cluster(method="average", metric="euclidean")
    X = wine_z.to_numpy()
    assert list(g.row_order) == list(
        wine_z.index[leaves_list(linkage(X, "average", "euclidean"))]
    )
    assert list(g.col_order) == list(
        wine_z.columns[leaves_list(linkage(X.T, "average", "euclidean"))]
    )
    np.testing.assert_allclose(g.row_linkage, linkage(X, "average", "euclidean"))


def test_unclustered_is_input_order_and_matrix_follows_order():
    df = small()
    g = cg.ClusterGrid(df)
    assert list(g.row_order) == list(df.index)
    rows = list(reversed(df.index))
    g.order(rows=rows, cols=["c2", "c0", "c3", "c1"])
    m = g.matrix
    assert list(m.index) == rows and list(m.columns) == ["c2", "c0", "c3", "c1"]
    pd.testing.assert_frame_equal(m, df.loc[rows, ["c2", "c0", "c3", "c1"]])
    assert g.row_linkage is None


def test_bad_explicit_order_named():
    g = cg.ClusterGrid(small())
    with pytest.raises(ValueError, match="leaves out row labels: 'r5'"):
        g.order(rows=["r0", "r1", "r2", "r3", "r4"])
    with pytest.raises(ValueError, match="not in the matrix: 'zz'"):
        g.order(cols=["c0", "c1", "c2", "c3", "zz"])


def test_precomputed_linkage_and_validation():
    df = small(8, 3)
    Z = linkage(df.to_numpy(), "complete")
    g = cg.ClusterGrid(df).cluster(rows=Z, cols=False)
    assert list(g.row_order) == list(df.index[leaves_list(Z)])
    with pytest.raises(ValueError, match=r"shape \(7, 4\)"):
        cg.ClusterGrid(df).cluster(rows=Z[:-1])


def test_clustering_errors_are_clear():
    df = small()
    df.iloc[2, 1] = np.nan
    with pytest.raises(ValueError, match="missing values.*r2"):
        _ = cg.ClusterGrid(df).cluster().row_order
    const = small()
    const.iloc[3] = 1.0
    with pytest.raises(ValueError, match="r3.* are constant"):
        _ = cg.ClusterGrid(const).cluster(metric="correlation").row_order
    # an axis of one is ordered as it is (issue 15), never an error
    one = cg.ClusterGrid(small(1, 4)).cluster(cols=False)
    assert list(one.row_order) == list(small(1, 4).index) and one.row_linkage is None


# -- the shared norm -----------------------------------------------------------------


def test_center_norm_and_sharing():
    df = small() + 3
    g = cg.ClusterGrid(df, center=3.0)
    assert g.norm(3.0) == pytest.approx(0.5)
    g.add(cg.ScaleBar(), "right").draw()
    img = g.ax_heatmap.images[0]
    assert img.norm is g.norm and img.cmap is g.cmap
    sb = g.panels[0]
    assert sb.colorbar.mappable.norm is g.norm and sb.colorbar.mappable.cmap is g.cmap


def test_norm_options():
    df = small()
    g = cg.ClusterGrid(df, vmin=-1, vmax=2, center=0)
    assert isinstance(g.norm, mcolors.TwoSlopeNorm) and g.norm(0) == pytest.approx(0.5)
    v = df.to_numpy().ravel()
    g = cg.ClusterGrid(df, robust=True)
    assert g.norm.vmin == pytest.approx(np.percentile(v, 2))
    assert g.norm.vmax == pytest.approx(np.percentile(v, 98))
    with pytest.raises(ValueError, match="not both"):
        cg.ClusterGrid(df, norm=mcolors.Normalize(0, 1), vmin=0)
    user = mcolors.LogNorm(0.1, 10)
    g = cg.ClusterGrid(df.abs() + 0.1, norm=user)
    assert isinstance(g.norm, mcolors.LogNorm) and g.norm.vmin == 0.1


# -- panels and sides ---------------------------------------------------------------


def test_bad_side_and_panel_misuse():
    g = cg.ClusterGrid(small())
    with pytest.raises(ValueError, match="unknown side 'middle'"):
        g.add(cg.Labels(), "middle")
    with pytest.raises(TypeError, match=r"Labels\(\)"):
        g.add(cg.Labels, "left")
    p = cg.Labels()
    g.add(p, "left")
    with pytest.raises(ValueError, match="already added"):
        g.add(p, "right")


def test_dendrogram_needs_clustering():
    g = (
        cg.ClusterGrid(small())
        .cluster(rows=True, cols=False)
        .add(cg.Dendrogram(), "top")
    )
    with pytest.raises(
        ValueError, match=r"cols are not clustered.*\.cluster\(cols=True\)"
    ):
        g.draw()


def test_panels_stack_outward_in_order():
    g = (
        cg.ClusterGrid(small())
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(cg.AnnotationBar(list("aabbcc"), name="x"), "left")
        .add(cg.Dendrogram(), "top")
        .add(cg.AnnotationBar(list("abab"), name="y"), "top")
    )
    g.draw()
    d_left, a_left, d_top, a_top = (p.ax.get_position() for p in g.panels)
    h = g.ax_heatmap.get_position()
    assert a_left.x1 <= d_left.x0 + 1e-9 and d_left.x1 <= h.x0 + 1e-9
    assert a_top.y0 >= d_top.y1 - 1e-9 and d_top.y0 >= h.y1 - 1e-9


def test_redraw_never_duplicates_axes():
    g = (
        cg.ClusterGrid(small())
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(cg.Labels(), "right")
    )
    f1 = g.draw()
    n1 = len(f1.axes)
    f2 = g.draw()
    assert len(f2.axes) == n1 == 3
    from matplotlib.figure import Figure

    host = Figure(figsize=(5, 4))
    g.draw(host)
    g.draw(host)
    assert len(host.axes) == 3
    assert tuple(host.get_size_inches()) == (5, 4)


def test_custom_panel_only_overrides_draw():
    seen = {}

    class RowMeans(cg.Panel):
        def draw(self, ax, ctx):
            seen["ctx"] = ctx
            m = ctx.matrix.mean(axis=1).to_numpy()
            self.bars = ax.barh(np.arange(ctx.n) + 0.5, m, height=1.0)

    df = small(7, 5)
    g = cg.ClusterGrid(df).cluster().add(RowMeans(), "right", size="15mm")
    g.draw()
    ctx = seen["ctx"]
    for attr in ("matrix", "norm", "cmap", "side", "row_order", "col_order"):
        assert hasattr(ctx, attr)
    assert ctx.side == "right" and list(ctx.row_order) == list(g.row_order)
    # bar i lines up with heatmap row i, in display coordinates
    panel = g.panels[0]
    for i, bar in enumerate(panel.bars):
        y_bar = panel.ax.transData.transform((0, bar.get_y() + bar.get_height() / 2))[1]
        y_cell = g.ax_heatmap.transData.transform((0, i + 0.5))[1]
        assert y_bar == pytest.approx(y_cell, abs=1e-6)
        assert bar.get_width() == pytest.approx(g.matrix.iloc[i].mean())
    assert panel.ax.get_position().width * g.figure.get_figwidth() == pytest.approx(
        15 / 25.4, rel=1e-6
    )


# -- output ------------------------------------------------------------------------


def test_save_formats_and_repr_png(tmp_path):
    g = cg.ClusterGrid(small()).cluster().add(cg.Labels(), "right")
    for ext, magic in (("png", b"\x89PNG"), ("pdf", b"%PDF"), ("svg", b"<?xml")):
        p = tmp_path / f"f.{ext}"
        g.save(p)
        assert p.read_bytes().startswith(magic)
    assert g._repr_png_().startswith(b"\x89PNG")
    buf = io.BytesIO()
    g.save(buf, format="pdf")
    assert buf.getvalue().startswith(b"%PDF")
    with pytest.raises(ValueError, match="unsupported format 'jpg'"):
        g.save(tmp_path / "f.jpg")


def test_failed_save_keeps_old_file(tmp_path, monkeypatch):
    g = cg.ClusterGrid(small())
    p = tmp_path / "keep.png"
    p.write_bytes(b"old")
    from matplotlib.figure import Figure

    def boom(self, fh, **kw):
        fh.write(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(Figure, "savefig", boom)
    with pytest.raises(OSError, match="disk full"):
        g.save(p)
    assert p.read_bytes() == b"old"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["keep.png"]


def test_same_bytes_on_rerun(tmp_path):
    def make():
        return (
            cg.ClusterGrid(small(), center=0)
            .cluster()
            .add(cg.Dendrogram(), "left")
            .add(cg.Labels(), "right")
            .add(cg.ScaleBar(label="z"), "right")
        )

    for ext in ("svg", "pdf", "png"):
        a, b = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
        make().save(a)
        make().save(b)
        assert a.read_bytes() == b.read_bytes(), ext


def test_warnings_point_at_the_users_line():
    df = pd.DataFrame(np.arange(12.0).reshape(3, 4), index=["a", "b", "c"])
    df.iloc[1] = 5.0
    g = cg.ClusterGrid(df, z_score=0)
    with pytest.warns(UserWarning, match="constant") as record:
        g.draw()
    assert record[0].filename == __file__
