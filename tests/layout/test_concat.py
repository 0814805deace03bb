"""Embedding a grid into an existing Figure / SubFigure / SubplotSpec without
resizing the host, and several grids side by side (cg.concat)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

import clustergrid as cg
from conftest import assert_no_overlap, image_test, renderer_of


@pytest.fixture(scope="module")
def small(wine_z, wine):
    df = wine_z.iloc[::8]
    return df, wine["cultivar"].loc[df.index]


def _grid(df, cult):
    return (
        cg.ClusterGrid(df, center=0)
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(cg.AnnotationBar(cult), "left")
        .add(cg.Labels(), "right")
        .add(cg.Labels(), "bottom")
        .add(cg.Legends())
    )


def _inside(fig, axes, box, tol=0.5):
    r = renderer_of(fig)
    for ax in axes:
        bb = ax.get_tightbbox(r)
        assert (
            bb.x0 >= box.x0 - tol
            and bb.y0 >= box.y0 - tol
            and bb.x1 <= box.x1 + tol
            and bb.y1 <= box.y1 + tol
        ), f"{ax.get_label()} leaves its host: {bb} vs {box}"


def test_embed_draw_into_figure_keeps_its_size(small):
    df, cult = small
    fig = Figure(figsize=(7, 5), dpi=100)
    g = _grid(df, cult)
    out = g.draw(fig)
    assert out is fig
    np.testing.assert_allclose(fig.get_size_inches(), (7, 5))
    assert g.ax_heatmap.figure is fig
    _inside(fig, fig.axes, fig.bbox)
    assert_no_overlap(g)
    # the same through .on(), and drawing again does not duplicate axes
    fig2 = Figure(figsize=(6, 6))
    g2 = _grid(df, cult).on(fig2)
    g2.draw()
    n = len(fig2.axes)
    g2.draw()
    assert len(fig2.axes) == n and g2.figure is fig2
    np.testing.assert_allclose(fig2.get_size_inches(), (6, 6))


def test_embed_into_subfigure_and_subplotspec(small):
    df, cult = small
    fig = Figure(figsize=(12, 5), dpi=100)
    left, right = fig.subfigures(1, 2, width_ratios=[1, 1])
    other = left.add_subplot()
    other.plot([0, 1], [0, 1])
    g = _grid(df, cult)
    g.draw(right)
    np.testing.assert_allclose(fig.get_size_inches(), (12, 5))
    mine = [a for a in fig.axes if a is not other]
    assert all(
        a.get_label().startswith("clustergrid") or a.get_label() == "" for a in mine
    )
    _inside(fig, [a for a in right.axes], right.bbox)
    # the legend's pieces keep their physical sizes inside the subfigure
    r = renderer_of(fig)
    leg = g.panels[-1]
    cb = leg.colorbar.ax.get_tightbbox(r)
    for t in leg.texts:
        tb = t.get_window_extent(r)
        assert tb.x1 <= cb.x0 + 0.5 or tb.y1 <= cb.y0 + 0.5 or tb.y0 >= cb.y1 - 0.5
    assert leg.colorbar.ax.get_window_extent(r).width / fig.dpi == pytest.approx(
        0.15, abs=0.01
    )
    sb = cg.ScaleBar()
    g4 = cg.ClusterGrid(df).add(sb, "right")
    fig4 = Figure(figsize=(10, 4))
    g4.draw(fig4.subfigures(1, 2)[1])
    assert sb.colorbar.ax.get_window_extent(
        renderer_of(fig4)
    ).width / 100 == pytest.approx(0.15, abs=0.01)
    # the host's own axes are untouched
    assert other in left.axes
    assert other.get_window_extent(renderer_of(fig)).x1 <= left.bbox.x1 + 0.5

    fig3 = Figure(figsize=(10, 5))
    gs = fig3.add_gridspec(1, 2)
    keep = fig3.add_subplot(gs[0, 0])
    g3 = _grid(df, cult)
    g3.draw(gs[0, 1])
    np.testing.assert_allclose(fig3.get_size_inches(), (10, 5))
    x0 = gs[0, 1].get_position(fig3).x0
    assert all(a.get_position().x0 >= x0 - 1e-9 for a in fig3.axes if a is not keep)


def test_embed_too_small_host_says_what_to_do(small):
    df, cult = small
    fig = Figure(figsize=(1.0, 1.0))
    with pytest.raises(cg.LayoutError, match="too small"):
        _grid(df, cult).draw(fig)


@image_test()
def test_concat_embed_image_subfigure(small):
    df, cult = small
    fig = Figure(figsize=(8, 3.6), dpi=100)
    a, b = fig.subfigures(1, 2, width_ratios=[1, 1.6])
    ax = a.add_subplot()
    ax.scatter(df["alcohol"], df["proline"], s=8)
    ax.set_xlabel("alcohol")
    ax.set_ylabel("proline")
    a.subplots_adjust(left=0.25, bottom=0.2)
    (
        cg.ClusterGrid(df.iloc[:, :8], center=0)
        .cluster()
        .add(cg.AnnotationBar(cult), "left")
        .add(cg.Labels(fontsize=6), "right")
        .add(cg.Labels(fontsize=7), "bottom")
        .add(cg.Legends())
    ).draw(b)
    return fig


# -- concat ------------------------------------------------------------------------------


def _pair_of_grids(df, cult, raw):
    g1 = (
        cg.ClusterGrid(df.iloc[:, :6], center=0, cell_size=0.2)
        .cluster()
        .split(rows=cult)
        .add(cg.Dendrogram(), "left")
        .add(cg.Labels(), "bottom")
        .add(cg.Dendrogram(), "top")
    )
    g2 = (
        cg.ClusterGrid(raw, cmap="viridis", cell_size=(0.15, 0.3))
        .cluster()
        .add(cg.Labels(), "right")
        .add(cg.Labels(), "bottom")
        .add(cg.Title("raw"), "top")
    )
    return g1, g2


def test_concat_shares_row_order_and_draws_each_grids_data(small, wine):
    df, cult = small
    raw = (
        wine.drop(columns="cultivar").loc[df.index[::-1]].iloc[:, 6:]
    )  # other row input order
    raw0 = raw.copy()
    g1, g2 = _pair_of_grids(df, cult, raw)
    c = g1 + g2
    assert isinstance(c, cg.ConcatGrid) and c.grids == [g1, g2]
    fig = c.draw()
    pd.testing.assert_frame_equal(raw, raw0)
    order = list(g1.row_order)
    assert list(c.row_order) == order
    # grid 2's labels are the shared order, beside the shared rows
    lab = g2.panels[0]
    assert [t.get_text() for t in lab.texts] == order
    fig.canvas.draw()
    buf = np.asarray(fig.canvas.buffer_rgba()) / 255.0
    H = buf.shape[0]
    rs = g1.row_slices
    r = renderer_of(fig)
    for i, (a, b) in enumerate(rs.bounds):
        ax1, ax2 = g1.heatmap_axes[i][0], g2.heatmap_axes[i][0]
        b1, b2 = ax1.get_window_extent(r), ax2.get_window_extent(r)
        assert (b1.y0, b1.y1) == pytest.approx((b2.y0, b2.y1), abs=1e-6)  # rows line up
        for li in range(b - a):
            label = order[a + li]
            for j, col in enumerate(g2.col_order):
                px, py = ax2.transData.transform((j + 0.5, li + 0.5))
                got = buf[int(H - 1 - np.floor(py)), int(np.floor(px))]
                want = g2.cmap(g2.norm(raw.loc[label, col]))
                np.testing.assert_allclose(got[:3], want[:3], atol=2 / 255)
    # each grid keeps its own cell width; the row height is the first grid's
    w1 = (
        g1.heatmap_axes[0][0].get_window_extent(r).width
        / fig.dpi
        / g1.col_slices.counts[0]
    )
    w2 = g2.ax_heatmap.get_window_extent(r).width / fig.dpi / raw.shape[1]
    h = g1.ax_heatmap.get_window_extent(r).height / fig.dpi / rs.counts[0]
    assert (w1, w2, h) == pytest.approx((0.2, 0.15, 0.2), rel=1e-3)
    # the grids do not overlap and nothing leaves the figure
    _inside(fig, fig.axes, fig.bbox)
    right1 = max(
        max(a.get_tightbbox(r).x1 for a in s.panel.axes) for s in g1._drawn_slots
    )
    left2 = min(
        min(a.get_tightbbox(r).x0 for a in s.panel.axes) for s in g2._drawn_slots
    )
    assert right1 <= left2 + 0.5


def test_concat_figsize_and_embedding(small, wine):
    df, cult = small
    raw = wine.drop(columns="cultivar").loc[df.index].iloc[:, 6:]
    g1, g2 = _pair_of_grids(df, cult, raw)
    c = cg.concat([g1, g2], figsize=(9, 6), gap="6mm")
    fig = c.draw()
    np.testing.assert_allclose(fig.get_size_inches(), (9, 6), rtol=1e-3)
    r = renderer_of(fig)
    cw1 = g1.heatmap_axes[0][0].get_window_extent(r).width / g1.col_slices.counts[0]
    cw2 = g2.ax_heatmap.get_window_extent(r).width / raw.shape[1]
    assert cw1 == pytest.approx(cw2, rel=1e-3)  # equal cell widths
    _inside(fig, fig.axes, fig.bbox)
    host = Figure(figsize=(10, 6))
    c.draw(host)
    np.testing.assert_allclose(host.get_size_inches(), (10, 6))
    n = len(host.axes)
    c.draw(host)
    assert len(host.axes) == n
    _inside(host, host.axes, host.bbox)


def test_concat_errors(small, wine):
    df, cult = small
    g1 = cg.ClusterGrid(df)
    with pytest.raises(ValueError, match="does not share the main grid's rows"):
        cg.concat([g1, cg.ClusterGrid(df.iloc[1:])])
    with pytest.raises(ValueError, match="same grid twice"):
        cg.concat([g1, g1])
    with pytest.raises(TypeError, match="ClusterGrid objects"):
        cg.concat([g1, df])
    with pytest.raises(TypeError, match=r"use \.add\(Labels"):
        g1 + cg.Labels()
    with pytest.raises(ValueError, match="at least one"):
        cg.concat([])
    three = cg.ClusterGrid(df) + cg.ClusterGrid(df) + cg.ClusterGrid(df)
    assert len(three.grids) == 3
    with pytest.raises(cg.LayoutError, match="grid 1 of concat"):
        cg.concat(
            [cg.ClusterGrid(df).add(cg.Labels(), "right"), cg.ClusterGrid(df)],
            figsize=(0.5, 1),
        ).draw()


@image_test()
def test_concat_image_two_grids_shared_rows(small, wine):
    df, cult = small
    raw = wine.drop(columns="cultivar").loc[df.index].iloc[:, 8:]
    g1 = (
        cg.ClusterGrid(df.iloc[:, :6], cmap="RdBu_r", center=0, cell_size=0.16)
        .cluster()
        .split(rows=cult)
        .add(cg.Dendrogram(), "left")
        .add(cg.Labels(fontsize=7), "bottom")
    )
    g2 = (
        cg.ClusterGrid(raw.rank(), cell_size=0.16)
        .add(cg.Labels(fontsize=7), "right")
        .add(cg.Labels(fontsize=7), "bottom")
        .add(cg.Title("rank"), "top")
    )
    return (g1 + g2).draw()
