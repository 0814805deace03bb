"""Splits: orders equal scipy's per slice, a cut into k keeps the leaf order,
gaps have their physical size, and every panel follows the slices (read back
from the drawn artists)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.cluster import hierarchy as sch

import clustergrid as cg
from conftest import (
    assert_no_overlap,
    drawn_dendrogram_segments,
    image_test,
    pixel_rgba,
    renderer_of,
)


@pytest.fixture(scope="module")
def small(wine_z, wine):
    df = wine_z.iloc[::6]
    return df, wine["cultivar"].loc[df.index]


def _inches(g, ax):
    pos = ax.get_position()
    fw, fh = g.figure.get_size_inches()
    return pos.x0 * fw, pos.y0 * fh, pos.x1 * fw, pos.y1 * fh


def _centre_px(ax, i, j):
    return ax.transData.transform((j + 0.5, i + 0.5))


# -- orders ------------------------------------------------------------------------


def test_split_within_slice_clustering_equals_scipy(small):
    df, cult = small
    g = cg.ClusterGrid(df).cluster(method="average").split(rows=cult)
    sl = g.row_slices
    cats = sorted(cult.unique())
    assert list(sl.titles) == cats
    for (a, b), cat in zip(sl.bounds, cats, strict=True):
        members = np.flatnonzero((cult == cat).to_numpy())
        Z = sch.linkage(df.to_numpy()[members], method="average", metric="euclidean")
        want = df.index[members][sch.leaves_list(Z)]
        assert list(g.row_order[a:b]) == list(want)
    # the full drawn order is every slice in turn, each label once
    assert sorted(g.row_order) == sorted(df.index)
    assert list(g.matrix.index) == list(g.row_order)


def test_split_category_order_follows_categorical(small):
    df, cult = small
    order = ["class_2", "class_0", "class_1"]
    cat = pd.Series(
        pd.Categorical(cult, categories=order + ["unused"]), index=cult.index
    )
    g = cg.ClusterGrid(df).split(rows=cat)
    assert list(g.row_slices.titles) == order  # unused categories make no empty slice
    for (a, b), c in zip(g.row_slices.bounds, order, strict=True):
        assert set(cult.loc[g.row_order[a:b]]) == {c}
        # not clustered: input order within the slice
        assert list(g.row_order[a:b]) == [r for r in df.index if cult[r] == c]


def test_split_k_keeps_global_leaf_order(wine_z):
    df = wine_z.iloc[::3]
    whole = cg.ClusterGrid(df).cluster(method="average")
    for k in (1, 2, 4, 7):
        g = cg.ClusterGrid(df).cluster(method="average").split(rows=k)
        assert list(g.row_order) == list(whole.row_order)
        sl = g.row_slices
        assert len(sl) == k and sl.bounds[0][0] == 0 and sl.bounds[-1][1] == len(df)
        # the slices are scipy's k flat clusters (this tree has no ties)
        ids = sch.fcluster(whole.row_linkage, k, criterion="maxclust")
        got = [frozenset(g.row_order[a:b]) for a, b in sl.bounds]
        want = {frozenset(df.index[ids == c]) for c in np.unique(ids)}
        assert set(got) == want


def test_split_order_by_whole_tree(small):
    df, cult = small
    whole = cg.ClusterGrid(df).cluster()
    g = cg.ClusterGrid(df).cluster().split(rows=cult, cluster_within=False)
    for (a, b), c in zip(g.row_slices.bounds, sorted(cult.unique()), strict=True):
        assert list(g.row_order[a:b]) == [r for r in whole.row_order if cult[r] == c]
    # each slice's tree is the whole tree restricted to it: same leaf order
    for Z, loc in zip(g.row_slices.linkages, g.row_slices.local_index, strict=True):
        assert list(sch.leaves_list(Z)) == list(loc)


def test_split_cols_k_and_both_axes(small):
    df, cult = small
    g = cg.ClusterGrid(df).cluster().split(rows=cult, cols=3)
    assert list(g.col_order) == list(cg.ClusterGrid(df).cluster().col_order)
    assert len(g.col_slices) == 3 and len(g.row_slices) == 3


def test_split_user_data_untouched(small):
    df, cult = small
    d0, c0 = df.copy(), cult.copy()
    cg.ClusterGrid(df).cluster().split(rows=cult, cols=2).add(
        cg.Dendrogram(), "left"
    ).draw()
    pd.testing.assert_frame_equal(df, d0)
    pd.testing.assert_series_equal(cult, c0)


def test_split_errors_name_problem_and_fix(small):
    df, cult = small
    with pytest.raises(ValueError, match=r"cluster\(rows=True\)"):
        _ = cg.ClusterGrid(df).split(rows=3).row_order
    with pytest.raises(ValueError, match="at most 30"):
        _ = cg.ClusterGrid(df).cluster().split(rows=31).row_order
    with pytest.raises(ValueError, match="at least 1"):
        cg.ClusterGrid(df).split(rows=0)
    with pytest.raises(TypeError, match="grouping"):
        cg.ClusterGrid(df).split(rows=True)
    with pytest.raises(TypeError, match="must be an int"):
        cg.ClusterGrid(df).split(rows=2.0)
    with pytest.raises(ValueError, match="does not line up"):
        _ = cg.ClusterGrid(df).split(rows=cult.iloc[:-2]).row_order
    holes = cult.copy()
    holes.iloc[3] = None
    with pytest.raises(ValueError, match="fillna"):
        _ = cg.ClusterGrid(df).split(rows=holes).row_order
    with pytest.raises(ValueError, match="one title per slice"):
        cg.ClusterGrid(df).split(rows=cult, titles={"rows": ["a"]}).draw()
    with pytest.raises(ValueError, match=r"\.cluster\(rows=True\)"):
        cg.ClusterGrid(df).split(rows=cult).add(cg.Dendrogram(), "left").draw()


# -- geometry ---------------------------------------------------------------------


def _split_grid(df, cult, **kw):
    return (
        cg.ClusterGrid(df, cmap="RdBu_r", center=0, cell_size=0.2, **kw)
        .cluster()
        .split(rows=cult, cols=2, gap="3mm")
        .add(cg.Dendrogram(), "left")
        .add(cg.AnnotationBar(cult, name="cultivar"), "left")
        .add(cg.Dendrogram(), "top")
        .add(cg.Labels(), "right")
        .add(cg.Labels(), "bottom")
        .add(cg.ScaleBar(label="z"), "right")
    )


def test_split_blocks_cells_and_gaps(small):
    df, cult = small
    g = _split_grid(df, cult)
    fig = g.draw()
    fig.canvas.draw()
    buf = np.asarray(fig.canvas.buffer_rgba()) / 255.0
    H = buf.shape[0]
    rs, cs = g.row_slices, g.col_slices
    assert len(g.heatmap_axes) == 3 and all(len(r) == 2 for r in g.heatmap_axes)
    assert g.ax_heatmap is g.heatmap_axes[0][0]
    M = g.matrix.to_numpy()
    for i, (ra, rb) in enumerate(rs.bounds):
        for j, (ca, cb) in enumerate(cs.bounds):
            ax = g.heatmap_axes[i][j]
            x0, y0, x1, y1 = _inches(g, ax)
            # cell size is met inside every block
            assert (x1 - x0) / (cb - ca) == pytest.approx(0.2, rel=1e-3)
            assert (y1 - y0) / (rb - ra) == pytest.approx(0.2, rel=1e-3)
            for li in range(rb - ra):
                for lj in range(cb - ca):
                    px, py = _centre_px(ax, li, lj)
                    got = buf[int(H - 1 - np.floor(py)), int(np.floor(px))]
                    want = g.cmap(g.norm(M[ra + li, ca + lj]))
                    np.testing.assert_allclose(got[:3], want[:3], atol=2 / 255)
    # gaps are 3 mm between neighbouring blocks
    gap = 3 / 25.4
    for i in range(2):
        top_of_next = _inches(g, g.heatmap_axes[i + 1][0])[3]
        assert _inches(g, g.heatmap_axes[i][0])[1] - top_of_next == pytest.approx(
            gap, abs=1e-6
        )
    assert _inches(g, g.heatmap_axes[0][1])[0] - _inches(g, g.heatmap_axes[0][0])[
        2
    ] == pytest.approx(gap, abs=1e-6)
    assert_no_overlap(g)
    # nothing at all leaves the figure, every slice's axes included
    r = renderer_of(fig)
    for ax in fig.axes:
        bb = ax.get_tightbbox(r)
        assert (
            bb.x0 >= -0.5
            and bb.y0 >= -0.5
            and bb.x1 <= fig.bbox.x1 + 0.5
            and bb.y1 <= fig.bbox.y1 + 0.5
        ), ax.get_label()


def test_split_panels_follow_slices(small):
    df, cult = small
    g = _split_grid(df, cult)
    g.draw()
    rs, cs = g.row_slices, g.col_slices
    dl, bar, dt, lab_r, lab_b, _ = g.panels
    assert len(dl.axes) == 3 and len(bar.axes) == 3 and len(dt.axes) == 2
    # labels: every row once, text beside the centre of its row in its slice
    assert [t.get_text() for t in lab_r.texts] == list(g.row_order)
    assert list(lab_r.shown) == list(range(len(df)))
    r = renderer_of(g.figure)
    for pos, t in zip(lab_r.shown, lab_r.texts, strict=True):
        i = next(k for k, (a, b) in enumerate(rs.bounds) if a <= pos < b)
        _, py = _centre_px(g.heatmap_axes[i][0], pos - rs.bounds[i][0], 0)
        bb = t.get_window_extent(r)
        assert (bb.y0 + bb.y1) / 2 == pytest.approx(py, abs=1.0)
    assert [t.get_text() for t in lab_b.texts] == list(g.col_order)
    # annotation bar: each slice's cells have the colour of their row's category
    fig = g.figure
    for i, (a, b) in enumerate(rs.bounds):
        ax = bar.axes[i]
        for li in range(b - a):
            px, py = ax.transData.transform((0.5, li + 0.5))
            want = bar.colors_[cult[g.row_order[a + li]]]
            np.testing.assert_allclose(
                pixel_rgba(fig, px, py)[:3], want[:3], atol=2 / 255
            )
    # dendrograms: each slice's leaves sit on that slice's cell centres
    for i, ax in enumerate(dl.axes):
        segs, _ = drawn_dendrogram_segments(ax.collections[0])
        leaves = sorted({float(p[1]) for s in segs for p in s if p[0] == 0})
        n_i = rs.counts[i]
        assert leaves == pytest.approx(list(np.arange(n_i) + 0.5))
        assert ax.get_ylim() == (n_i, 0)
        # all slices share one height scale
        assert ax.get_xlim()[0] == pytest.approx(rs.max_height * 1.03)
    for j, ax in enumerate(dt.axes):
        segs, _ = drawn_dendrogram_segments(ax.collections[0])
        leaves = sorted({float(p[0]) for s in segs for p in s if p[1] == 0})
        assert leaves == pytest.approx(list(np.arange(cs.counts[j]) + 0.5))


def test_split_custom_panel_gets_slice_context(small):
    df, cult = small
    seen = []

    class Recorder(cg.Panel):
        def draw(self, ax, ctx):
            seen.append(
                (
                    ctx.slice_index,
                    ctx.n_slices,
                    ctx.slice_start,
                    ctx.slice_title,
                    list(ctx.labels),
                    ctx.matrix.shape,
                    ax.get_ylim(),
                )
            )

    g = cg.ClusterGrid(df).cluster().split(rows=cult).add(Recorder(), "right")
    g.draw()
    # the layout may draw more than once (it measures what was drawn); the last
    # draw is the one kept, one call per slice
    seen = seen[-3:]
    assert [s[0] for s in seen] == [0, 1, 2] and {s[1] for s in seen} == {3}
    for (idx, _, start, title, labels, shape, ylim), (a, b) in zip(
        seen, g.row_slices.bounds, strict=True
    ):
        assert start == a and labels == list(g.row_order[a:b])
        assert shape == (b - a, df.shape[1]) and ylim == (b - a, 0)
        assert title == g.row_slices.titles[idx]


def test_split_titles_centred_on_slices(small):
    df, cult = small
    g = (
        cg.ClusterGrid(df, cell_size=0.2)
        .cluster()
        .split(rows=cult, cols=2, titles={"cols": ["A", "B"]})
    )
    g.draw()
    titles = [p for p in g._drawn_slots if type(p.panel).__name__ == "SliceTitles"]
    assert len(titles) == 1 and titles[0].side == "top"
    texts = titles[0].panel.texts
    assert [t.get_text() for t in texts] == ["A", "B"]
    r = renderer_of(g.figure)
    for t, ax in zip(texts, g.heatmap_axes[0], strict=True):
        bb, hb = t.get_window_extent(r), ax.get_window_extent(r)
        assert (bb.x0 + bb.x1) / 2 == pytest.approx((hb.x0 + hb.x1) / 2, abs=1.0)
        assert bb.y0 >= hb.y1 - 0.5
    # default: titles for a grouping (left of the rows), none for k
    g2 = cg.ClusterGrid(df).cluster().split(rows=cult, cols=2)
    g2.draw()
    t2 = [s for s in g2._drawn_slots if type(s.panel).__name__ == "SliceTitles"]
    assert [s.side for s in t2] == ["left"]
    assert [t.get_text() for t in t2[0].panel.texts] == sorted(cult.unique())
    assert_no_overlap(g2)


def test_split_figsize_shares_room_by_cell_count(small):
    df, cult = small
    g = cg.ClusterGrid(df, figsize=(5, 6)).cluster().split(rows=cult, gap=0.1)
    fig = g.draw()
    np.testing.assert_allclose(fig.get_size_inches(), (5, 6), rtol=1e-3)
    hs = [
        (_inches(g, r[0])[3] - _inches(g, r[0])[1]) / n
        for r, n in zip(g.heatmap_axes, g.row_slices.counts, strict=True)
    ]
    assert hs == pytest.approx([hs[0]] * 3, rel=1e-4)


def test_split_redraw_into_figure_never_duplicates(small):
    from matplotlib.figure import Figure

    df, cult = small
    fig = Figure(figsize=(6, 8))
    g = _split_grid(df, cult)
    g.draw(fig)
    n = len(fig.axes)
    g.draw(fig)
    assert len(fig.axes) == n


# -- dendrogram options ----------------------------------------------------------------


def test_dendrogram_k_colours_match_split(wine_z):
    df = wine_z.iloc[::4]
    split = cg.ClusterGrid(df).cluster().split(rows=3)
    bounds = split.row_slices.bounds
    whole = (
        cg.ClusterGrid(df)
        .cluster()
        .add(cg.Dendrogram(k=3, palette=["r", "g", "b"]), "left")
    )
    whole.draw()
    lc = whole.panels[0].collection
    want = {0: (1, 0, 0), 1: (0, 0.5, 0), 2: (0, 0, 1)}
    legs = 0
    # every leaf leg (height 0) carries the colour of the cluster (= slice) it is in
    for s, c in zip(*drawn_dendrogram_segments(lc), strict=True):
        for x, y in s:
            if x == 0:
                k = next(t for t, (a, b) in enumerate(bounds) if a <= y - 0.5 < b)
                single = (
                    bounds[k][1] - bounds[k][0] == 1
                )  # a lone leaf has no branch of its own
                np.testing.assert_allclose(
                    c[:3], (0, 0, 0) if single else want[k], atol=0.01
                )
                legs += 1
    assert legs == len(df)
    # on the split axis each slice's tree takes its slice's colour
    split.add(cg.Dendrogram(k=3, palette=["r", "g", "b"]), "left").draw()
    for t, ax in enumerate(split.panels[0].axes):
        cols = ax.collections[0].get_colors()
        np.testing.assert_allclose(
            cols[:, :3], np.tile(want[t], (len(cols), 1)), atol=0.01
        )
    with pytest.raises(ValueError, match="not both"):
        cg.Dendrogram(k=2, color_threshold=1.0)
    with pytest.raises(ValueError, match="positive int"):
        cg.Dendrogram(k=0)


def test_optimal_ordering_and_precomputed_linkage(wine_z):
    df = wine_z.iloc[::5]
    g = cg.ClusterGrid(df).cluster(method="average", optimal_ordering=True)
    Z = sch.linkage(df.to_numpy(), method="average", optimal_ordering=True)
    assert list(g.row_order) == list(df.index[sch.leaves_list(Z)])
    # a precomputed linkage is used as given, also when split by k
    Zc = sch.linkage(df.to_numpy(), method="complete")
    g2 = cg.ClusterGrid(df).cluster(rows=Zc, cols=False).split(rows=2)
    assert list(g2.row_order) == list(df.index[sch.leaves_list(Zc)])
    np.testing.assert_array_equal(g2.row_linkage, Zc)
    g2.add(cg.Dendrogram(), "left").draw()


# -- image -----------------------------------------------------------------------------


@image_test()
def test_split_image_rows_by_cultivar_cols_k2(small):
    df, cult = small
    df = df.iloc[::2]
    cult = cult.loc[df.index]
    g = (
        cg.ClusterGrid(df, cmap="RdBu_r", center=0, cell_size=0.16)
        .cluster()
        .split(rows=cult, cols=2, gap="2mm")
        .add(cg.Dendrogram(), "left")
        .add(cg.AnnotationBar(cult, name="cultivar"), "left")
        .add(cg.Dendrogram(k=2), "top")
        .add(cg.Labels(fontsize=7), "right")
        .add(cg.Labels(fontsize=7), "bottom")
    )
    return g.draw()


def test_split_calls_chain_per_axis(small):
    df, cult = small
    g = cg.ClusterGrid(df).cluster().split(rows=cult).split(cols=2)
    assert len(g.row_slices.bounds) == cult.nunique() and len(g.col_slices.bounds) == 2
    g.split(rows=False)
    assert len(g.row_slices.bounds) == 1 and len(g.col_slices.bounds) == 2


def test_split_titles_fit_their_slices(pbmc, pbmc_obs):
    # ten cell types of very different sizes: long titles on short slices
    g = (
        cg.ClusterGrid(pbmc.iloc[:, :20], center=0, figsize=(6, 6))
        .cluster(cols=False)
        .split(rows=pbmc_obs["bulk_labels"])
    )
    g.draw()
    r = renderer_of(g.figure)
    texts = [
        t
        for ax in g.figure.axes
        for t in ax.texts
        if ax.get_label().endswith("SliceTitles")
    ]
    assert len(texts) >= 2
    boxes = sorted((t.get_window_extent(r) for t in texts), key=lambda b: b.y0)
    for a, b in zip(boxes, boxes[1:], strict=False):
        assert a.y1 <= b.y0 + 0.5, "slice titles overlap"
    # each title stays within its own slice's vertical extent
    for t in texts:
        bb, slot = t.get_window_extent(r), t.axes.get_window_extent(r)
        assert bb.y0 >= slot.y0 - 0.5 and bb.y1 <= slot.y1 + 0.5
    assert_no_overlap(g)


# -- issue 17: slices by similarity, k-means, several variables, gaps, reorder ------------


def _scipy_parent(df, groups, cats, method="average", metric="euclidean"):
    means = np.vstack(
        [df.to_numpy()[(groups == c).to_numpy()].mean(axis=0) for c in cats]
    )
    return sch.linkage(means, method=method, metric=metric)


def test_cluster_slices_parent_is_scipy_on_slice_means(small):
    df, cult = small
    cats = sorted(cult.unique())
    for method in ("average", "complete"):
        g = (
            cg.ClusterGrid(df)
            .cluster(method=method)
            .split(rows=cult, cluster_slices=True)
        )
        sl = g.row_slices
        Z = _scipy_parent(df, cult, cats, method)
        order = sch.leaves_list(Z)
        # slices are drawn in the parent tree's leaf order
        assert list(sl.titles) == [cats[i] for i in order]
        for (a, b), t in zip(sl.bounds, sl.titles, strict=True):
            assert set(cult.loc[g.row_order[a:b]]) == {t}
        # the parent tree is scipy's, its leaves renumbered to drawn slices
        rank = np.empty(len(cats), dtype=int)
        rank[order] = np.arange(len(cats))
        want = Z.copy()
        for col in (0, 1):
            leaf = want[:, col] < len(cats)
            want[leaf, col] = rank[want[leaf, col].astype(int)]
        np.testing.assert_allclose(sl.parent, want)
        assert list(sch.leaves_list(sl.parent)) == list(range(len(cats)))
        # within each slice: still that slice's own clustering
        for (a, b), t in zip(sl.bounds, sl.titles, strict=True):
            m = np.flatnonzero((cult == t).to_numpy())
            Zs = sch.linkage(df.to_numpy()[m], method=method)
            assert list(g.row_order[a:b]) == list(df.index[m][sch.leaves_list(Zs)])
    # columns too, and an unclustered axis uses average/euclidean on the means
    groups = pd.Series(
        ["x", "y", "z", "x", "y", "z", "w", "w", "x", "y", "z", "w", "x"][
            : df.shape[1]
        ],
        index=df.columns,
    )
    g = cg.ClusterGrid(df).split(cols=groups, cluster_slices=True)
    cats = sorted(groups.unique())
    Z = _scipy_parent(df.T, groups, cats)
    assert list(g.col_slices.titles) == [cats[i] for i in sch.leaves_list(Z)]


def test_parent_tree_drawn_from_slice_roots_across_gaps(small):
    df, cult = small
    g = (
        cg.ClusterGrid(df, cell_size=0.2)
        .cluster()
        .split(rows=cult, cluster_slices=True, gap="4mm")
        .add(cg.Dendrogram(), "left")
    )
    g.draw()
    renderer_of(g.figure)  # draws the canvas: the transforms below are final
    den = g.panels[0]
    sl = g.row_slices
    H0 = sl.max_height
    top = H0 + sl.parent[:, 2].max()
    # slice roots in display pixels (x from the height, y from the position)
    roots = []
    for ax in den.axes:
        assert ax.get_xlim()[0] == pytest.approx(top * 1.03)  # one scale for all
        segs, _ = drawn_dendrogram_segments(ax.collections[0])
        cross = segs[-2]  # the root merge's crossbar (height, along)
        roots.append(
            ax.transData.transform((cross[0, 0], 0.5 * (cross[0, 1] + cross[1, 1])))
        )
    # the tree over the slices, read back in display pixels
    segs_px = []
    for ax in den.axes:
        parent = [c for c in ax.collections if c.get_label() == "slice tree"]
        assert len(parent) == 1
        for path in parent[0].get_paths():
            segs_px.append(ax.transData.transform(path.vertices))
    assert len(segs_px) == len(sl) + 3 * (
        len(sl) - 1
    )  # one stem per slice, 3 per merge
    h_px = lambda h: den.axes[0].transData.transform((h, 0))[0]  # noqa: E731
    # each slice's stem rises from its root to the top of the tallest slice tree
    for root in roots:
        stems = [s for s in segs_px if np.allclose(s[0], root, atol=0.6)]
        assert any(
            abs(st[1][0] - h_px(H0)) < 0.6 and abs(st[1][1] - root[1]) < 0.6
            for st in stems
        )
    # every merge's crossbar is at H0 + its height and spans its children's positions
    bars = sorted(
        (s for s in segs_px if abs(s[0][1] - s[1][1]) > 0.5),
        key=lambda s: s[0][0],
        reverse=True,
    )
    heights = sorted(H0 + sl.parent[:, 2])
    assert [b[0][0] for b in bars] == pytest.approx([h_px(h) for h in heights], abs=0.6)
    # the lowest merge joins two neighbouring slices' roots
    m0 = int(np.argmin(sl.parent[:, 2]))
    a, b = int(sl.parent[m0, 0]), int(sl.parent[m0, 1])
    low = min(bars, key=lambda s: abs(s[0][0] - h_px(H0 + sl.parent[m0, 2])))
    assert sorted([low[0][1], low[1][1]]) == pytest.approx(
        sorted([roots[a][1], roots[b][1]]), abs=0.6
    )
    assert_no_overlap(g)
    # slice_tree=False draws only the slices' own trees
    g2 = (
        cg.ClusterGrid(df, cell_size=0.2)
        .cluster()
        .split(rows=cult, cluster_slices=True)
        .add(cg.Dendrogram(slice_tree=False), "left")
    )
    g2.draw()
    assert all(len(ax.collections) == 1 for ax in g2.panels[0].axes)


def test_kmeans_split_deterministic_and_a_kmeans_fixed_point(wine_z):
    df = wine_z.iloc[::2]
    a = cg.ClusterGrid(df).split(rows=3, kmeans=True, repeats=5, seed=7)
    b = cg.ClusterGrid(df).split(rows=3, kmeans=True, repeats=5, seed=7)
    assert list(a.row_order) == list(b.row_order)
    assert a.row_slices.bounds == b.row_slices.bounds
    sl = a.row_slices
    assert len(sl) == 3 and sorted(a.row_order) == sorted(df.index)
    X = df.to_numpy()
    groups = [df.index.get_indexer(a.row_order[s:e]) for s, e in sl.bounds]
    cents = np.vstack([X[gi].mean(axis=0) for gi in groups])
    # Lloyd's fixed point: every row is nearest to its own cluster's mean
    for k, gi in enumerate(groups):
        d = ((X[gi, None, :] - cents[None]) ** 2).sum(axis=2)
        assert (d.argmin(axis=1) == k).all()
    # slices are numbered by their first member in input order; not clustered: input order
    firsts = [min(gi) for gi in groups]
    assert list(sl.titles) == [str(i + 1) for i in np.argsort(np.argsort(firsts))]
    for gi in groups:
        assert list(gi) == sorted(gi)

    # more repeats never give a worse within-cluster sum of squares
    def sse(g):
        X_ = df.to_numpy()
        return sum(
            (
                (
                    X_[df.index.get_indexer(g.row_order[s:e])]
                    - X_[df.index.get_indexer(g.row_order[s:e])].mean(axis=0)
                )
                ** 2
            ).sum()
            for s, e in g.row_slices.bounds
        )

    one = cg.ClusterGrid(df).split(rows=3, kmeans=True, repeats=1, seed=7)
    many = cg.ClusterGrid(df).split(rows=3, kmeans=True, repeats=20, seed=7)
    assert sse(many) <= sse(one) + 1e-9
    # clustered: each slice clustered within itself
    c = cg.ClusterGrid(df).cluster().split(rows=3, kmeans=True, seed=7)
    for s, e in c.row_slices.bounds:
        m = np.sort(df.index.get_indexer(c.row_order[s:e]))
        if len(m) > 1:
            assert list(c.row_order[s:e]) == list(
                df.index[m][sch.leaves_list(sch.linkage(X[m], "average"))]
            )


def test_kmeans_split_errors(wine_z):
    df = wine_z.iloc[::10]
    with pytest.raises(ValueError, match="repeats"):
        cg.ClusterGrid(df).split(rows=3, kmeans=True, repeats=0)
    with pytest.raises(TypeError, match="seed"):
        cg.ClusterGrid(df).split(rows=3, kmeans=True, seed="x")
    with pytest.raises(TypeError, match="kmeans"):
        cg.ClusterGrid(df).split(rows=3, kmeans="yes")
    with pytest.raises(ValueError, match="at most 18"):
        _ = cg.ClusterGrid(df).split(rows=40, kmeans=True).row_order
    holes = df.copy()
    holes.iloc[0, 0] = np.nan
    with pytest.raises(ValueError, match="fillna"):
        _ = cg.ClusterGrid(holes).split(rows=2, kmeans=True).row_order


def test_split_by_several_variables(small):
    df, cult = small
    size = pd.Series(np.where(df["alcohol"] > 0, "high", "low"), index=df.index)
    both = pd.DataFrame({"cultivar": cult, "alcohol": size})
    d0 = both.copy()
    g = cg.ClusterGrid(df).cluster().split(rows=both)
    sl = g.row_slices
    want = sorted({(c, s) for c, s in zip(cult, size, strict=True)})
    assert list(sl.titles) == [f"{c} \N{MIDDLE DOT} {s}" for c, s in want]
    for (a, b), (c, s) in zip(sl.bounds, want, strict=True):
        rows = g.row_order[a:b]
        assert set(cult.loc[rows]) == {c} and set(size.loc[rows]) == {s}
    assert b == len(df)
    pd.testing.assert_frame_equal(both, d0)
    # the automatic titles read "A · x"
    g.draw()
    t = [s for s in g._drawn_slots if type(s.panel).__name__ == "SliceTitles"][0]
    assert [x.get_text() for x in t.panel.texts][0].startswith(want[0][0])
    # categorical columns keep their category order
    cat = both.assign(alcohol=pd.Categorical(size, categories=["low", "high"]))
    g2 = cg.ClusterGrid(df).split(rows=cat)
    firsts = [t for t in g2.row_slices.titles if t.startswith(want[0][0])]
    assert [t.split(" \N{MIDDLE DOT} ")[1] for t in firsts] == [
        x for x in ("low", "high") if (want[0][0], x) in want
    ]
    bad = both.copy()
    bad.iloc[0, 1] = None
    with pytest.raises(ValueError, match="alcohol"):
        _ = cg.ClusterGrid(df).split(rows=bad).row_order


def test_split_gap_per_boundary(small):
    df, cult = small
    g = (
        cg.ClusterGrid(df, cell_size=0.2)
        .cluster()
        .split(rows=cult, cols=2, gap={"rows": ["1mm", "5mm"], "cols": 0.3})
    )
    g.draw()
    for i, want in enumerate((1 / 25.4, 5 / 25.4)):
        below = _inches(g, g.heatmap_axes[i + 1][0])[3]
        assert _inches(g, g.heatmap_axes[i][0])[1] - below == pytest.approx(
            want, abs=1e-6
        )
    assert _inches(g, g.heatmap_axes[0][1])[0] - _inches(g, g.heatmap_axes[0][0])[
        2
    ] == pytest.approx(0.3, abs=1e-6)
    assert g.row_slices.gaps == pytest.approx((1 / 25.4, 5 / 25.4))
    # a bare list applies to each split axis and must match its boundaries
    g2 = cg.ClusterGrid(df, cell_size=0.2).split(rows=cult, gap=[0.05, 0.2])
    g2.draw()
    assert _inches(g2, g2.heatmap_axes[1][0])[1] - _inches(g2, g2.heatmap_axes[2][0])[
        3
    ] == pytest.approx(0.2, abs=1e-6)
    with pytest.raises(ValueError, match="one per boundary"):
        _ = cg.ClusterGrid(df).split(rows=cult, gap=["1mm"]).row_order
    with pytest.raises(ValueError, match="keys"):
        cg.ClusterGrid(df).split(rows=cult, gap={"row": 1})
    with pytest.raises(ValueError, match="cannot read the length"):
        cg.ClusterGrid(df).split(rows=cult, gap=["1mm", "wide"])


def _check_heavier_first(Z, w):
    n = len(w)
    tot, cnt = list(w) + [0.0] * (n - 1), [1] * n + [0] * (n - 1)
    for k in range(n - 1):
        a, b = int(Z[k, 0]), int(Z[k, 1])
        tot[n + k], cnt[n + k] = tot[a] + tot[b], cnt[a] + cnt[b]
        assert tot[a] / cnt[a] >= tot[b] / cnt[b] - 1e-12


def test_reorder_by_weights_keeps_the_tree(wine_z):
    from clustergrid._order.reorder import reorder_linkage

    df = wine_z.iloc[::4]
    plain = cg.ClusterGrid(df).cluster()
    g = cg.ClusterGrid(df).cluster(reorder=True)
    Z0, Z = plain.row_linkage, g.row_linkage
    # the same tree: equal cophenetic distances and merge heights
    np.testing.assert_allclose(sch.cophenet(Z), sch.cophenet(Z0))
    np.testing.assert_allclose(Z[:, 2:], Z0[:, 2:])
    w = df.mean(axis=1).to_numpy()
    _check_heavier_first(Z, w)
    assert list(g.row_order) == list(df.index[sch.leaves_list(Z)])
    assert list(g.row_order) != list(plain.row_order)
    # by given weights, columns only
    wc = pd.Series(np.arange(df.shape[1], dtype=float)[::-1], index=df.columns)
    g2 = cg.ClusterGrid(df).cluster(reorder={"cols": wc})
    np.testing.assert_allclose(
        sch.cophenet(g2.col_linkage), sch.cophenet(plain.col_linkage)
    )
    _check_heavier_first(g2.col_linkage, wc.to_numpy())
    np.testing.assert_array_equal(g2.row_linkage, plain.row_linkage)
    # the leftmost leaf of the whole tree is in the heavier branch at every node
    Zr = reorder_linkage(Z0, w)
    assert np.array_equal(np.sort(Zr[:, :2], axis=1), np.sort(Z0[:, :2], axis=1))
    # each slice's own tree is reordered too
    cult = pd.Series(np.arange(len(df)) % 2, index=df.index)
    g3 = cg.ClusterGrid(df).cluster(reorder=True).split(rows=cult)
    for Zs, (a, b) in zip(g3.row_slices.linkages, g3.row_slices.bounds, strict=True):
        members = np.sort(df.index.get_indexer(g3.row_order[a:b]))
        _check_heavier_first(Zs, w[members])
    # weights for every row still apply after subset() keeps some (the rest are ignored)
    wr = pd.Series(w, index=df.index)
    kept = list(df.index[::2])
    g4 = cg.ClusterGrid(df).cluster(reorder={"rows": wr}).subset(rows=kept)
    _check_heavier_first(g4.row_linkage, wr.loc[kept].to_numpy())
    with pytest.raises(TypeError, match="reorder="):
        cg.ClusterGrid(df).cluster(reorder="yes")
    with pytest.raises(ValueError, match="keys"):
        cg.ClusterGrid(df).cluster(reorder={"row": True})
    with pytest.raises(ValueError, match="does not line up"):
        _ = cg.ClusterGrid(df).cluster(reorder={"rows": wc}).row_order


def test_manual_slice_titles_replace_the_automatic_ones(small):
    df, cult = small
    g = (
        cg.ClusterGrid(df)
        .cluster()
        .split(rows=cult)
        .add(cg.SliceTitles(fontsize=7), "right")
    )
    g.draw()
    titles = [s for s in g._drawn_slots if isinstance(s.panel, cg.SliceTitles)]
    assert [s.side for s in titles] == ["right"]
    texts = [t for ax in g.figure.axes for t in ax.texts]
    assert sorted(t.get_text() for t in texts) == sorted(cult.unique())  # once each
    # Blocks name the slices too: no automatic titles beside them
    g3 = cg.ClusterGrid(df).split(rows=cult).add(cg.Blocks(), "left")
    g3.draw()
    assert not any(isinstance(s.panel, cg.SliceTitles) for s in g3._drawn_slots)
    assert sorted(t.get_text() for ax in g3.figure.axes for t in ax.texts) == sorted(
        cult.unique()
    )
    # one on the columns' side does not remove the rows' automatic titles
    g2 = (
        cg.ClusterGrid(df)
        .cluster()
        .split(rows=cult, cols=2, titles=True)
        .add(cg.SliceTitles(), "bottom")
    )
    g2.draw()
    assert sorted(
        s.side for s in g2._drawn_slots if isinstance(s.panel, cg.SliceTitles)
    ) == ["bottom", "left"]
