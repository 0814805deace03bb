"""The layout guarantees, read back from the drawn figure: sizes met, nothing
overlapping or clipped, leaves on cell centres, labels beside their rows,
annotation cells on heatmap cells, cell colours equal to cmap(norm(value))."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import clustergrid as cg
from conftest import (
    assert_no_overlap,
    drawn_dendrogram_segments,
    heatmap_cell_centres_px,
    pixel_rgba,
    renderer_of,
)


def contract_grid(df, tissue, **kw):
    return (
        cg.ClusterGrid(df, cmap="RdBu_r", center=0, **kw)
        .cluster(rows=True, cols=True, method="average", metric="euclidean")
        .add(cg.Dendrogram(), "left")
        .add(cg.Dendrogram(), "top")
        .add(cg.AnnotationBar(tissue, name="tissue"), "top")
        .add(cg.Labels(), "right")
        .add(cg.Labels(rotation=90), "bottom")
        .add(cg.ScaleBar(label="z-score"), "right")
    )


@pytest.fixture
def wine_cols(wine_z, wine):
    # columns of the transposed wine matrix are wines: annotate them by cultivar
    return wine_z.T.iloc[:, ::6], wine["cultivar"].iloc[::6]


def heatmap_inches(g):
    pos = g.ax_heatmap.get_position()
    fw, fh = g.figure.get_size_inches()
    return pos.width * fw, pos.height * fh


def test_cell_size_met(wine_cols):
    df, tissue = wine_cols
    g = contract_grid(df, tissue, cell_size=0.2)
    g.draw()
    w, h = heatmap_inches(g)
    nrows, ncols = df.shape
    assert w / ncols == pytest.approx(0.2, rel=0.005)
    assert h / nrows == pytest.approx(0.2, rel=0.005)
    assert_no_overlap(g)


@pytest.mark.parametrize("figsize", [(7, 5), ("180mm", "120mm")])
def test_figsize_met(wine_cols, figsize):
    df, tissue = wine_cols
    g = contract_grid(df, tissue, figsize=figsize)
    fig = g.draw()
    want = [cg.Fixed(v).absolute for v in figsize]
    np.testing.assert_allclose(fig.get_size_inches(), want, rtol=0.005)
    assert_no_overlap(g)


def test_square_cells(wine_z):
    C = wine_z.corr()
    g = (
        cg.ClusterGrid(C, figsize=(6, 4), square=True, center=0)
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(cg.Labels(), "right")
        .add(cg.Labels(), "bottom")
    )
    g.draw()
    w, h = heatmap_inches(g)
    assert w / C.shape[1] == pytest.approx(h / C.shape[0], rel=0.005)
    assert_no_overlap(g)


def test_impossible_request_is_a_clear_error():
    df = pd.DataFrame(np.ones((3, 3)) * np.arange(3), index=["a" * 80, "b", "c"])
    g = cg.ClusterGrid(df, figsize=(2, 2)).add(cg.Labels(), "right")
    with pytest.raises(cg.LayoutError, match="too small.*Enlarge figsize"):
        g.draw()


def test_leaves_on_cell_centres(wine_cols):
    df, tissue = wine_cols
    g = contract_grid(df, tissue)
    g.draw()
    xs, ys = heatmap_cell_centres_px(g)
    left, top = g.panels[0], g.panels[1]
    # left tree: leaves are the segment ends at height 0 (x = 0 in data)
    for dend, centres, along in ((left, ys, 1), (top, xs, 0)):
        segs, _ = drawn_dendrogram_segments(dend.collection)
        pts = segs.reshape(-1, 2)
        height = pts[:, 1 - along]
        leaves = pts[height == 0]
        disp = dend.ax.transData.transform(leaves)[:, along]
        assert len(np.unique(np.round(disp, 6))) == len(centres)
        np.testing.assert_allclose(
            np.sort(np.unique(np.round(disp, 6))), np.sort(centres), atol=1e-6
        )


def test_labels_name_the_row_beside_them(wine_cols):
    df, tissue = wine_cols
    g = contract_grid(df, tissue)
    g.draw()
    xs, ys = heatmap_cell_centres_px(g)
    right, bottom = g.panels[3], g.panels[4]
    r = renderer_of(g.figure)
    for lab, centres, order, along in (
        (right, ys, g.row_order, 1),
        (bottom, xs, g.col_order, 0),
    ):
        assert len(lab.texts) == len(lab.shown) > 0
        for t, i in zip(lab.texts, lab.shown, strict=True):
            bb = t.get_window_extent(r)
            centre = (bb.y0 + bb.y1) / 2 if along else (bb.x0 + bb.x1) / 2
            nearest = int(np.argmin(np.abs(centres - centre)))
            assert nearest == i and t.get_text() == str(order[i])
            assert abs(centres[i] - centre) < 1.0  # within a pixel of the cell centre


def test_thinned_labels_do_not_overlap(pbmc):
    df = pbmc.iloc[:300, :120]
    g = (
        cg.ClusterGrid(df, figsize=(5, 5))
        .add(cg.Labels(), "left")
        .add(cg.Labels(), "bottom")
    )
    g.draw()
    r = renderer_of(g.figure)
    for lab in g.panels:
        assert 1 < len(lab.shown) < lab_n(lab, g)
        steps = np.diff(lab.shown)
        assert (steps == steps[0]).all()  # evenly spaced
        boxes = [t.get_window_extent(r) for t in lab.texts]
        for a, b in zip(boxes, boxes[1:], strict=False):
            assert not a.overlaps(b)
    assert_no_overlap(g)


def lab_n(lab, g):
    return (
        len(g.row_order)
        if lab.ax.get_position().x1 <= g.ax_heatmap.get_position().x0 + 1e-9
        else len(g.col_order)
    )


def test_all_labels_shown_when_they_fit(wine_z):
    g = cg.ClusterGrid(wine_z.iloc[:10], cell_size=0.25).add(cg.Labels(), "right")
    g.draw()
    assert list(g.panels[0].shown) == list(range(10))


def test_annotation_cells_coincide_with_heatmap_cells(wine_cols):
    df, tissue = wine_cols
    shuffled = tissue.sample(frac=1.0, random_state=1)  # aligned by label, not position
    g = contract_grid(df, shuffled)
    g.draw()
    bar = g.panels[2]
    img = bar.ax.images[0]
    x0h, x1h = g.ax_heatmap.transData.transform([(0, 0), (df.shape[1], 0)])[:, 0]
    x0a, x1a = bar.ax.transData.transform([(0, 0), (df.shape[1], 0)])[:, 0]
    assert (x0a, x1a) == pytest.approx((x0h, x1h), abs=1e-6)
    assert img.get_extent()[:2] == [0, df.shape[1]] or tuple(img.get_extent()[:2]) == (
        0,
        df.shape[1],
    )
    # each drawn cell has its own label's category colour
    rgba = img.get_array()[0]
    for j, label in enumerate(g.col_order):
        assert tuple(rgba[j]) == pytest.approx(bar.colors_[tissue[label]])
    # and the pixel in the middle of each annotation cell shows that colour
    xs, _ = heatmap_cell_centres_px(g)
    ymid = bar.ax.transAxes.transform((0, 0.5))[1]
    for j, label in enumerate(g.col_order):
        px = pixel_rgba(g.figure, xs[j], ymid)
        np.testing.assert_allclose(px[:3], bar.colors_[tissue[label]][:3], atol=2 / 255)


def test_annotation_misaligned_labels_named(wine_cols):
    df, tissue = wine_cols
    with pytest.raises(ValueError, match="no value for column label.*wine_001"):
        contract_grid(df, tissue.iloc[1:]).draw()
    extra = pd.concat([tissue, pd.Series({"ghost": "x"})])
    with pytest.raises(ValueError, match="'ghost' are not columns"):
        contract_grid(df, extra).draw()
    with pytest.raises(ValueError, match="has 3 values but the matrix has"):
        contract_grid(df, ["a", "b", "c"]).draw()


def test_cell_colour_is_cmap_of_norm(wine_z):
    df = wine_z.iloc[:12, :8]
    g = cg.ClusterGrid(df, cmap="viridis", cell_size=0.3).cluster()
    g.draw()
    xs, ys = heatmap_cell_centres_px(g)
    m = g.matrix.to_numpy()
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            want = np.asarray(g.cmap(g.norm(m[i, j])))
            np.testing.assert_allclose(
                pixel_rgba(g.figure, xs[j], ys[i]), want, atol=2 / 255
            )


def test_nan_cells_show_background():
    df = pd.DataFrame([[1.0, np.nan], [0.0, 2.0]])
    g = cg.ClusterGrid(df, cell_size=0.5)
    g.draw()
    xs, ys = heatmap_cell_centres_px(g)
    np.testing.assert_allclose(
        pixel_rgba(g.figure, xs[1], ys[0]), [1, 1, 1, 1], atol=1 / 255
    )
    g2 = cg.ClusterGrid(df, cell_size=0.5, nan_color="red")
    g2.draw()
    np.testing.assert_allclose(
        pixel_rgba(g2.figure, xs[1], ys[0]), [1, 0, 0, 1], atol=1 / 255
    )


def test_scale_bar_orientation_and_no_seams(wine_z):
    df = wine_z.iloc[:20]
    for side, orient in (
        ("right", "vertical"),
        ("left", "vertical"),
        ("top", "horizontal"),
        ("bottom", "horizontal"),
        ("top-left", "vertical"),
    ):
        g = (
            cg.ClusterGrid(df, center=0)
            .cluster()
            .add(cg.Dendrogram(), "left")
            .add(cg.Dendrogram(), "top")
            .add(cg.ScaleBar(label="z"), side)
        )
        g.draw()
        cb = g.panels[-1].colorbar
        assert cb.orientation == orient
        assert cb.solids.get_rasterized()
        ticks = cb.get_ticks()
        assert ticks.min() >= g.norm.vmin - 1e-9 and ticks.max() <= g.norm.vmax + 1e-9
        assert_no_overlap(g)


def test_corner_fills_where_stacks_meet(wine_z):
    df = wine_z.iloc[:30]
    g = (
        cg.ClusterGrid(df, center=0)
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(cg.Dendrogram(), "top")
        .add(cg.ScaleBar(), "top-left")
    )
    g.draw()
    corner = g.panels[2].ax.get_position()
    dl, dt = g.panels[0].ax.get_position(), g.panels[1].ax.get_position()
    assert corner.x1 <= dl.x1 + 1e-9 and corner.y0 >= dt.y0 - 1e-9
    assert_no_overlap(g)


def test_sizes_in_units(wine_z):
    df = wine_z.iloc[:10]
    g = (
        cg.ClusterGrid(df, cell_size="5mm")
        .add(cg.AnnotationBar(np.arange(10.0)), "left", size="4mm")
        .add(cg.AnnotationBar(np.arange(10.0)), "left", size="12pt", pad="1mm")
        .add(cg.AnnotationBar(np.arange(13.0)), "top", size="10%")
    )
    g.draw()
    fw, fh = g.figure.get_size_inches()
    a, b, c = (p.ax.get_position() for p in g.panels)
    h = g.ax_heatmap.get_position()
    assert a.width * fw == pytest.approx(4 / 25.4, rel=1e-6)
    assert b.width * fw == pytest.approx(12 / 72, rel=1e-6)
    assert (a.x0 - b.x1) * fw == pytest.approx(1 / 25.4, rel=1e-6)
    assert c.height * fh == pytest.approx(0.1 * h.height * fh, rel=1e-6)
    assert h.width * fw / 13 == pytest.approx(5 / 25.4, rel=0.005)


@pytest.mark.parametrize("nrows", [2, 3, 5, 8, 20])
def test_scale_bar_tick_labels_never_overlap(nrows):
    rng = np.random.default_rng(nrows)
    df = pd.DataFrame(rng.normal(size=(nrows, nrows)) * 1000)
    g = (
        cg.ClusterGrid(df, cell_size=0.1)
        .add(cg.ScaleBar(label="x"), "right")
        .add(cg.ScaleBar(), "bottom")
    )
    g.draw()
    r = renderer_of(g.figure)
    for sb, vertical in ((g.panels[0], True), (g.panels[1], False)):
        labels = (
            sb.colorbar.ax.get_yticklabels()
            if vertical
            else sb.colorbar.ax.get_xticklabels()
        )
        boxes = sorted(
            (t.get_window_extent(r) for t in labels if t.get_text()),
            key=lambda b: b.y0 if vertical else b.x0,
        )
        assert boxes, "the scale shows at least one value"
        for a, b in zip(boxes, boxes[1:], strict=False):
            assert (a.y1 <= b.y0 + 0.5) if vertical else (a.x1 <= b.x0 + 0.5)
    assert_no_overlap(g)
