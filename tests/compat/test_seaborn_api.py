"""cg.clustermap / cg.heatmap: seaborn 0.13.2's TestClustermap and TestHeatmap
cases that go through sns.clustermap / sns.heatmap, ported with the same
arguments and expected values, read back from what is drawn; then the
layout's guarantees on seaborn-style figures."""

from __future__ import annotations

import io

import matplotlib as mpl
import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import numpy.testing as npt
import pandas as pd
import pandas.testing as pdt
import pytest
from scipy.cluster import hierarchy

import clustergrid as cg
from conftest import assert_no_overlap, heatmap_cell_centres_px

# seaborn's color_palette("Set2", 4) and color_palette("Dark2", 8), as RGB
ROW_COLORS = [tuple(c) for c in mpl.colormaps["Set2"].colors[:4]]
COL_COLORS = [tuple(c) for c in mpl.colormaps["Dark2"].colors[:8]]

# TestClustermap's data
_rs = np.random.RandomState(sum(map(ord, "clustermap")))
X_NORM = _rs.randn(4, 8) + np.arange(8)
X_NORM = (X_NORM.T + np.arange(4)).T
LETTERS = pd.Series(["A", "B", "C", "D", "E", "F", "G", "H"], name="letters")
DF_NORM = pd.DataFrame(X_NORM, columns=LETTERS)
DEFAULT_KWS = dict(
    pivot_kws=None,
    z_score=None,
    standard_scale=None,
    figsize=(10, 10),
    row_colors=None,
    col_colors=None,
    dendrogram_ratio=0.2,
    colors_ratio=0.03,
    cbar_pos=(0, 0.8, 0.05, 0.2),
)

# TestHeatmap's data
_hs = np.random.RandomState(sum(map(ord, "heatmap")))
H_NORM = _hs.randn(4, 8)
H_LETTERS = pd.Series(["A", "B", "C", "D"], name="letters")
H_DF_NORM = pd.DataFrame(H_NORM, index=H_LETTERS)
H_UNIF = _hs.rand(20, 13)
H_DF_UNIF = pd.DataFrame(H_UNIF)


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


# -- readers of what is drawn -------------------------------------------------------


def _labels_panel(g, side):
    for s in g._slots:
        if isinstance(s.panel, cg.Labels) and s.side == side:
            return s.panel
    return None


def label_texts(g, side):
    """The label strings drawn on ``side``, in drawn order (no axis title)."""
    panel = _labels_panel(g, side)
    if panel is None:
        return []
    _ = g.figure  # draws when not drawn since the last change
    ax = g.result.grids[0].drawn(panel).ax
    return [t for t in ax.texts if t.get_label() != "clustergrid:labels:title"]


def cell_rgb(g):
    """The rendered colour at every cell centre (rows x cols x 3)."""
    fig = g.figure
    fig.canvas.draw()
    buf = np.asarray(fig.canvas.buffer_rgba())[..., :3] / 255.0
    xs, ys = heatmap_cell_centres_px(g)
    h = buf.shape[0]
    return buf[(h - 1 - np.floor(ys)).astype(int)][:, np.floor(xs).astype(int)]


def row_bars(g):
    """Row colour bars as (bars, rows, 3) in drawn order."""
    a = np.asarray(g.ax_row_colors.images[0].get_array())[..., :3]  # (rows, bars, 3)
    return a.transpose(1, 0, 2)


def col_bars(g):
    """Column colour bars as (bars, cols, 3) in drawn order."""
    return np.asarray(g.ax_col_colors.images[0].get_array())[..., :3]


def _leaves(x, method="average", metric="euclidean"):
    return list(
        hierarchy.leaves_list(hierarchy.linkage(x, method=method, metric=metric))
    )


# -- TestClustermap --------------------------------------------------------------------


def test_reordered_ind_is_scipys_leaves_list_and_data2d_is_reordered():
    g = cg.clustermap(DF_NORM, **DEFAULT_KWS)
    assert g.dendrogram_row.reordered_ind == _leaves(X_NORM)
    assert g.dendrogram_col.reordered_ind == _leaves(X_NORM.T)
    data2d = DF_NORM.iloc[
        g.dendrogram_row.reordered_ind, g.dendrogram_col.reordered_ind
    ]
    pdt.assert_frame_equal(g.data2d, data2d)
    # the linkage and scipy's dendrogram dict, as seaborn's
    Z = hierarchy.linkage(X_NORM, method="average", metric="euclidean")
    npt.assert_allclose(g.dendrogram_row.linkage, Z)
    assert g.dendrogram_row.dendrogram["leaves"] == g.dendrogram_row.reordered_ind
    # the drawn tree's leaves stand on the drawn rows' centres
    from conftest import drawn_dendrogram_segments

    segs, _ = drawn_dendrogram_segments(g.ax_row_dendrogram.collections[0])
    assert len(segs) == 3 * (len(X_NORM) - 1)


def test_method_and_metric_reach_scipy():
    g = cg.clustermap(DF_NORM, method="single", metric="cityblock")
    assert g.dendrogram_row.reordered_ind == _leaves(X_NORM, "single", "cityblock")
    assert g.dendrogram_col.reordered_ind == _leaves(X_NORM.T, "single", "cityblock")


def test_ndarray_and_df_input():
    g = cg.clustermap(X_NORM, **DEFAULT_KWS)
    pdt.assert_frame_equal(g.data, pd.DataFrame(X_NORM))
    assert g.ax_row_colors is None and g.ax_col_colors is None
    g = cg.clustermap(DF_NORM, **DEFAULT_KWS)
    pdt.assert_frame_equal(g.data, DF_NORM)


def test_corr_df_input():
    g = cg.clustermap(DF_NORM.corr(), **DEFAULT_KWS)
    diag = g.data2d.values[np.diag_indices_from(g.data2d)]
    npt.assert_array_almost_equal(diag, np.ones(g.data2d.shape[0]))


def test_pivot_input():
    df_norm = DF_NORM.copy()
    df_norm.index.name = "numbers"
    df_long = pd.melt(df_norm.reset_index(), var_name="letters", id_vars="numbers")
    kws = dict(
        DEFAULT_KWS,
        pivot_kws=dict(index="numbers", columns="letters", values="value"),
        row_cluster=False,
        col_cluster=False,
    )
    g = cg.clustermap(df_long, **kws)
    pdt.assert_frame_equal(g.data2d, df_norm)


@pytest.mark.parametrize("axis", [0, 1])
def test_z_score(axis):
    df = DF_NORM if axis == 1 else DF_NORM.T
    want = (df - df.mean()) / df.std()
    want = want if axis == 1 else want.T
    g = cg.clustermap(
        DF_NORM, **dict(DEFAULT_KWS, z_score=axis), row_cluster=False, col_cluster=False
    )
    pdt.assert_frame_equal(g.data2d, want)
    # the clustering sees the standardised data
    g = cg.clustermap(DF_NORM, **dict(DEFAULT_KWS, z_score=axis))
    assert g.dendrogram_row.reordered_ind == _leaves(want.to_numpy())


@pytest.mark.parametrize("axis", [0, 1])
def test_standard_scale(axis):
    df = DF_NORM if axis == 1 else DF_NORM.T
    want = (df - df.min()) / (df.max() - df.min())
    want = want if axis == 1 else want.T
    g = cg.clustermap(
        DF_NORM,
        **dict(DEFAULT_KWS, standard_scale=axis),
        row_cluster=False,
        col_cluster=False,
    )
    pdt.assert_frame_equal(g.data2d, want)


def test_z_score_standard_scale():
    with pytest.raises(ValueError):
        cg.clustermap(DF_NORM, **dict(DEFAULT_KWS, z_score=1, standard_scale=1))


def test_colors_input_are_drawn_in_the_clustered_order():
    g = cg.clustermap(
        DF_NORM, **dict(DEFAULT_KWS, row_colors=ROW_COLORS, col_colors=COL_COLORS)
    )
    npt.assert_array_equal(g.row_colors, ROW_COLORS)
    npt.assert_array_equal(g.col_colors, COL_COLORS)
    npt.assert_allclose(
        row_bars(g)[0], np.array(ROW_COLORS)[g.dendrogram_row.reordered_ind]
    )
    npt.assert_allclose(
        col_bars(g)[0], np.array(COL_COLORS)[g.dendrogram_col.reordered_ind]
    )
    # one axes each for the heatmap, two trees, two bars and the scale
    assert {
        g.ax_heatmap,
        g.ax_row_dendrogram,
        g.ax_col_dendrogram,
        g.ax_row_colors,
        g.ax_col_colors,
        g.ax_cbar,
    } <= set(g.figure.axes)


def test_categorical_colors_input():
    row_colors = pd.Series(ROW_COLORS, dtype="category")
    col_colors = pd.Series(COL_COLORS, dtype="category", index=DF_NORM.columns)
    g = cg.clustermap(
        DF_NORM, **dict(DEFAULT_KWS, row_colors=row_colors, col_colors=col_colors)
    )
    npt.assert_array_equal(g.row_colors, list(map(mcolors.to_rgb, row_colors)))
    npt.assert_array_equal(g.col_colors, list(map(mcolors.to_rgb, col_colors)))
    npt.assert_allclose(
        col_bars(g)[0], np.array(COL_COLORS)[g.dendrogram_col.reordered_ind]
    )


def test_nested_colors_input():
    row_colors = [ROW_COLORS, ROW_COLORS[::-1]]
    col_colors = [COL_COLORS, COL_COLORS[::-1]]
    g = cg.clustermap(
        DF_NORM, **dict(DEFAULT_KWS, row_colors=row_colors, col_colors=col_colors)
    )
    npt.assert_array_equal(g.row_colors, row_colors)
    npt.assert_array_equal(g.col_colors, col_colors)
    bars = col_bars(g)
    assert bars.shape[0] == 2
    for j in range(2):
        npt.assert_allclose(
            bars[j], np.array(col_colors[j])[g.dendrogram_col.reordered_ind]
        )


def test_colors_ignore_heatmap_kwargs():
    data = np.random.RandomState(0).uniform(1, 200, DF_NORM.shape)
    g = cg.clustermap(
        data,
        row_colors=ROW_COLORS,
        col_colors=COL_COLORS,
        cmap="Spectral",
        norm=mcolors.LogNorm(vmax=100),
    )
    npt.assert_allclose(
        row_bars(g)[0], np.array(ROW_COLORS)[g.dendrogram_row.reordered_ind]
    )
    npt.assert_allclose(
        col_bars(g)[0], np.array(COL_COLORS)[g.dendrogram_col.reordered_ind]
    )


def _names_drawn(ax):
    return sorted(t.get_text() for t in ax.texts if t.get_text())


def test_row_col_colors_df_names_label_the_bars():
    rc = pd.DataFrame({"row_1": ROW_COLORS, "row_2": ROW_COLORS}, index=DF_NORM.index)
    cc = pd.DataFrame({"col_1": COL_COLORS, "col_2": COL_COLORS}, index=DF_NORM.columns)
    g = cg.clustermap(DF_NORM, **dict(DEFAULT_KWS, row_colors=rc, col_colors=cc))
    assert g.row_color_labels == ["row_1", "row_2"]
    assert g.col_color_labels == ["col_1", "col_2"]
    assert _names_drawn(g.ax_row_colors) == ["row_1", "row_2"]
    assert _names_drawn(g.ax_col_colors) == ["col_1", "col_2"]
    # only one axis annotated
    g1 = cg.clustermap(DF_NORM, **dict(DEFAULT_KWS, row_colors=rc))
    assert g1.ax_col_colors is None and _names_drawn(g1.ax_row_colors) == [
        "row_1",
        "row_2",
    ]


def test_row_col_colors_series_names_label_the_bars():
    rc = pd.Series(ROW_COLORS, name="row_annot", index=DF_NORM.index)
    cc = pd.Series(COL_COLORS, name="col_annot", index=DF_NORM.columns)
    g = cg.clustermap(DF_NORM, **dict(DEFAULT_KWS, row_colors=rc, col_colors=cc))
    assert g.row_color_labels == ["row_annot"] and g.col_color_labels == ["col_annot"]
    assert _names_drawn(g.ax_row_colors) == ["row_annot"]
    assert _names_drawn(g.ax_col_colors) == ["col_annot"]


@pytest.mark.parametrize("frame", [True, False])
def test_row_col_colors_shuffled_are_aligned_by_label(frame):
    m, n = DF_NORM.shape
    rows = [DF_NORM.index[i] for i in list(range(0, m, 2)) + list(range(1, m, 2))]
    cols = [DF_NORM.columns[i] for i in list(range(0, n, 2)) + list(range(1, n, 2))]
    rc = pd.Series(ROW_COLORS, name="row_annot", index=DF_NORM.index)
    cc = pd.Series(COL_COLORS, name="col_annot", index=DF_NORM.columns)
    if frame:
        rc, cc = rc.to_frame(), cc.to_frame()
    g = cg.clustermap(
        DF_NORM, **dict(DEFAULT_KWS, row_colors=rc.loc[rows], col_colors=cc.loc[cols])
    )
    got_r = list(g.row_colors)[0] if frame else list(g.row_colors)
    got_c = list(g.col_colors)[0] if frame else list(g.col_colors)
    assert got_r == ROW_COLORS and got_c == COL_COLORS
    npt.assert_allclose(
        col_bars(g)[0], np.array(COL_COLORS)[g.dendrogram_col.reordered_ind]
    )


@pytest.mark.parametrize("frame", [True, False])
def test_row_col_colors_missing_are_white(frame):
    rc = pd.Series(ROW_COLORS, name="row_annot", index=DF_NORM.index).drop(
        DF_NORM.index[0]
    )
    cc = pd.Series(COL_COLORS, name="col_annot", index=DF_NORM.columns).drop(
        DF_NORM.columns[0]
    )
    if frame:
        rc, cc = rc.to_frame(), cc.to_frame()
    g = cg.clustermap(DF_NORM, **dict(DEFAULT_KWS, row_colors=rc, col_colors=cc))
    got_r = list(g.row_colors)[0] if frame else list(g.row_colors)
    got_c = list(g.col_colors)[0] if frame else list(g.col_colors)
    assert got_c == [(1.0, 1.0, 1.0)] + COL_COLORS[1:]
    assert got_r == [(1.0, 1.0, 1.0)] + ROW_COLORS[1:]


def test_row_col_colors_raise_on_mixed_index_types():
    rc = pd.Series(ROW_COLORS, name="row_annot", index=DF_NORM.index)
    cc = pd.Series(COL_COLORS, name="col_annot", index=DF_NORM.columns)
    with pytest.raises(TypeError, match="row_colors"):
        cg.clustermap(X_NORM, row_colors=rc)
    with pytest.raises(TypeError, match="col_colors"):
        cg.clustermap(X_NORM, col_colors=cc)


def test_colour_bar_of_categories_gets_a_legend():
    groups = pd.Series(["a", "b", "a", "b"], index=DF_NORM.index, name="group")
    g = cg.clustermap(DF_NORM, row_colors=groups)
    legends = [
        s.panel
        for s in g._slots + g._auto_slots(g._compile())
        if isinstance(s.panel, cg.Legends)
    ]
    fig = g.figure
    assert legends, "no legend for a bar of categories"
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "group" in texts and "a" in texts and "b" in texts
    # a bar of literal colours has none (as seaborn)
    g2 = cg.clustermap(DF_NORM, row_colors=ROW_COLORS)
    g2.draw()
    assert not any(
        isinstance(d.slot.panel, cg.Legends) for d in g2.result.grids[0].panels
    )


def test_plot_dendrograms_and_cluster_false():
    g = cg.clustermap(
        DF_NORM, **dict(DEFAULT_KWS, row_cluster=False, col_cluster=False)
    )
    assert g.ax_row_dendrogram is None and g.ax_col_dendrogram is None
    assert g.dendrogram_row is None and g.dendrogram_col is None
    pdt.assert_frame_equal(g.data2d, DF_NORM)
    g = cg.clustermap(
        DF_NORM,
        **dict(
            DEFAULT_KWS,
            row_cluster=False,
            col_cluster=False,
            row_colors=ROW_COLORS,
            col_colors=COL_COLORS,
        ),
    )
    npt.assert_allclose(row_bars(g)[0], ROW_COLORS)
    npt.assert_allclose(col_bars(g)[0], COL_COLORS)
    pdt.assert_frame_equal(g.data2d, DF_NORM)


def test_precomputed_linkage():
    Z = hierarchy.linkage(X_NORM.T, method="single")
    g = cg.clustermap(DF_NORM, col_linkage=Z)
    assert g.dendrogram_col.reordered_ind == list(hierarchy.leaves_list(Z))
    npt.assert_array_equal(g.dendrogram_col.linkage, Z)


def test_mask_reorganization():
    g = cg.clustermap(DF_NORM, **dict(DEFAULT_KWS, mask=DF_NORM > 0))
    npt.assert_array_equal(g.data2d.index, g.mask.index)
    npt.assert_array_equal(g.data2d.columns, g.mask.columns)
    npt.assert_array_equal(g.mask.index, DF_NORM.index[g.dendrogram_row.reordered_ind])
    npt.assert_array_equal(
        g.mask.columns, DF_NORM.columns[g.dendrogram_col.reordered_ind]
    )
    # masked cells show the background
    rgb = cell_rgb(g)
    hidden = g.mask.to_numpy()
    npt.assert_allclose(rgb[hidden], 1.0, atol=0.01)


def test_ticklabel_reorganization():
    xtl = np.arange(DF_NORM.shape[1])
    ytl = LETTERS.loc[: DF_NORM.shape[0] - 1]
    g = cg.clustermap(
        DF_NORM, **dict(DEFAULT_KWS, xticklabels=list(xtl), yticklabels=ytl)
    )
    assert [t.get_text() for t in label_texts(g, "bottom")] == list(
        xtl[g.dendrogram_col.reordered_ind].astype("<U1")
    )
    assert [t.get_text() for t in label_texts(g, "right")] == list(
        np.asarray(ytl)[g.dendrogram_row.reordered_ind].astype("<U1")
    )


def test_noticklabels():
    g = cg.clustermap(
        DF_NORM, **dict(DEFAULT_KWS, xticklabels=False, yticklabels=False)
    )
    g.draw()
    assert label_texts(g, "bottom") == [] and label_texts(g, "right") == []


def test_size_ratios():
    kws1 = dict(
        DEFAULT_KWS,
        dendrogram_ratio=0.2,
        colors_ratio=0.03,
        col_colors=COL_COLORS,
        row_colors=ROW_COLORS,
    )
    kws2 = dict(kws1, dendrogram_ratio=0.3, colors_ratio=0.05)
    g1, g2 = cg.clustermap(DF_NORM, **kws1), cg.clustermap(DF_NORM, **kws2)
    pos = lambda ax: ax.get_position()  # noqa: E731
    assert pos(g2.ax_col_dendrogram).height > pos(g1.ax_col_dendrogram).height
    assert pos(g2.ax_col_colors).height > pos(g1.ax_col_colors).height
    assert pos(g2.ax_heatmap).height < pos(g1.ax_heatmap).height
    assert pos(g2.ax_row_dendrogram).width > pos(g1.ax_row_dendrogram).width
    assert pos(g2.ax_row_colors).width > pos(g1.ax_row_colors).width
    assert pos(g2.ax_heatmap).width < pos(g1.ax_heatmap).width
    # seaborn's proportion: the row dendrogram is r / (1 - r - c) of the heatmap's width
    w = pos(g1.ax_row_dendrogram).width / pos(g1.ax_heatmap).width
    assert w == pytest.approx(0.2 / (1 - 0.2 - 0.03), rel=1e-3)
    # two bars take twice the room of one
    g1 = cg.clustermap(DF_NORM, **dict(DEFAULT_KWS, col_colors=COL_COLORS))
    g2 = cg.clustermap(
        DF_NORM, **dict(DEFAULT_KWS, col_colors=[COL_COLORS, COL_COLORS])
    )
    assert pos(g2.ax_col_colors).height > pos(g1.ax_col_colors).height
    # a (rows, cols) pair changes only its own direction
    g1 = cg.clustermap(DF_NORM, **dict(DEFAULT_KWS, dendrogram_ratio=(0.2, 0.2)))
    g2 = cg.clustermap(DF_NORM, **dict(DEFAULT_KWS, dendrogram_ratio=(0.2, 0.3)))
    assert pos(g2.ax_col_dendrogram).height > pos(g1.ax_col_dendrogram).height
    assert pos(g2.ax_row_dendrogram).width / pos(g2.ax_heatmap).width == pytest.approx(
        pos(g1.ax_row_dendrogram).width / pos(g1.ax_heatmap).width, rel=1e-3
    )


@pytest.mark.parametrize(
    "pos, place",
    [
        ((0, 0.8, 0.05, 0.2), "top-left"),
        ((0.02, 0.8, 0.05, 0.18), "top-left"),
        ((0.2, 0.1, 0.4, 0.3), "bottom"),
        ((0.92, 0.3, 0.03, 0.4), "right"),
        ((0.9, 0.02, 0.05, 0.1), "bottom-right"),
    ],
)
def test_cbar_pos_goes_to_the_nearest_corner_or_side(pos, place):
    g = cg.clustermap(DF_NORM, **dict(DEFAULT_KWS, cbar_pos=pos))
    cb = g.ax_cbar.get_position()
    hm = g.ax_heatmap.get_position()
    assert [s.side for s in g._slots if isinstance(s.panel, cg.ScaleBar)] == [place]
    vert, _, horiz = place.rpartition("-") if "-" in place else ("", "", place)
    if "-" not in place:
        vert, horiz = (place, "") if place in ("top", "bottom") else ("", place)
    if horiz == "left":
        assert cb.x1 <= hm.x0
    if horiz == "right":
        assert cb.x0 >= hm.x1
    if vert == "top":
        assert cb.y0 >= hm.y1
    if vert == "bottom":
        assert cb.y1 <= hm.y0


def test_cbar_pos_none_has_no_scale():
    g = cg.clustermap(DF_NORM, **dict(DEFAULT_KWS, cbar_pos=None))
    assert g.ax_cbar is None
    assert not any(isinstance(s.panel, cg.ScaleBar) for s in g._slots)


def test_clustermap_annotation():
    g = cg.clustermap(DF_NORM, annot=True, fmt=".1f")
    texts = [t.get_text() for t in g.ax_heatmap.texts]
    assert texts == [f"{v:.1f}" for v in np.asarray(g.data2d).flat]
    g = cg.clustermap(DF_NORM, annot=DF_NORM, fmt=".1f")
    texts = [t.get_text() for t in g.ax_heatmap.texts]
    assert texts == [f"{v:.1f}" for v in np.asarray(g.data2d).flat]


def test_tree_kws():
    rgb = (1, 0.5, 0.2)
    g = cg.clustermap(DF_NORM, tree_kws=dict(color=rgb, linewidths=2))
    for ax in (g.ax_col_dendrogram, g.ax_row_dendrogram):
        (tree,) = ax.collections
        assert tuple(tree.get_color().squeeze())[:3] == rgb
        assert tree.get_linewidth()[0] == 2


def test_savefig_writes_the_figure_and_keeps_edits():
    g = cg.clustermap(DF_NORM, **DEFAULT_KWS)
    g.ax_heatmap.set_xlabel("edited")
    buf = io.BytesIO()
    g.savefig(buf, format="png")
    assert buf.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"
    assert g.ax_heatmap.get_xlabel() == "edited" and g.fig is g.figure


def test_labels_thin_automatically_on_a_tall_matrix():
    data = pd.DataFrame(
        np.random.RandomState(1).randn(300, 5), index=[f"r{i}" for i in range(300)]
    )
    g = cg.clustermap(data, figsize=(5, 5))
    shown = label_texts(g, "right")
    assert 0 < len(shown) < 300
    assert_no_overlap(g)


def assert_everything_apart(g, tol=0.5):
    """Every axes the draw made (the automatic Legends too), text included:
    inside the figure and overlapping no other."""
    fig = g.figure
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    boxes = [
        (ax.get_label() or type(ax).__name__, ax.get_tightbbox(r))
        for ax in g.result.axes()
    ]
    boxes = [(n, b) for n, b in boxes if b is not None and b.width > 0 and b.height > 0]
    fb = fig.bbox
    for name, bb in boxes:
        assert (
            bb.x0 >= fb.x0 - tol
            and bb.y0 >= fb.y0 - tol
            and bb.x1 <= fb.x1 + tol
            and bb.y1 <= fb.y1 + tol
        ), f"{name} leaves the figure: {bb}"
    for i, (a, A) in enumerate(boxes):
        for b, B in boxes[i + 1 :]:
            ox = min(A.x1, B.x1) - max(A.x0, B.x0)
            oy = min(A.y1, B.y1) - max(A.y0, B.y0)
            assert ox <= tol or oy <= tol, f"{a} overlaps {b}: {A} / {B}"


def _wine_cases():
    wine = cg.load_dataset("wine")
    X, cultivar = wine.drop(columns="cultivar"), wine["cultivar"]
    lut = dict(zip(sorted(cultivar.unique()), ["r", "g", "b"], strict=True))
    odd = pd.Series(
        {c: "k" if i % 2 else "0.7" for i, c in enumerate(X.columns)}, name="odd"
    )
    return {
        "colours": lambda: cg.clustermap(
            X,
            z_score=1,
            cmap="RdBu_r",
            center=0,
            row_colors=cultivar.map(lut),
            col_colors=odd,
            figsize=(7, 8),
        ),
        "categories": lambda: cg.clustermap(
            X,
            standard_scale=1,
            figsize=(6, 6),
            row_colors=pd.DataFrame(
                {"cultivar": cultivar, "alcohol>13": X["alcohol"] > 13}
            ),
            cbar_pos=(0.9, 0.02, 0.05, 0.1),
        ),
        "small": lambda: cg.clustermap(
            X.iloc[:40],
            figsize=(4, 4),
            row_colors=cultivar.iloc[:40],
            cbar_kws={"label": "value"},
        ),
        "heatmap": lambda: cg.heatmap(
            X.corr(),
            mask=np.triu(np.ones((13, 13), bool)),
            vmax=0.3,
            center=0,
            square=True,
            linewidths=0.5,
            cbar_kws={"shrink": 0.5},
        ),
    }


@pytest.mark.parametrize("case", ["colours", "categories", "small", "heatmap"])
def test_seaborn_style_figures_keep_the_layout_guarantees(case):
    g = _wine_cases()[case]()
    assert_no_overlap(g)
    assert_everything_apart(g)
    if case in ("categories", "small"):  # a legend for every bar of categories
        texts = {t.get_text() for ax in g.figure.axes for t in ax.texts}
        want = {"cultivar", "class_0"} | (
            {"class_1", "class_2", "alcohol>13", "True", "False"}
            if case == "categories"
            else set()
        )
        assert want <= texts


# -- TestHeatmap -----------------------------------------------------------------------


def test_default_vlims_and_robust():
    g = cg.heatmap(H_DF_UNIF)
    assert (g.norm.vmin, g.norm.vmax) == (H_UNIF.min(), H_UNIF.max())
    g = cg.heatmap(H_DF_UNIF, robust=True)
    assert g.norm.vmin == np.percentile(H_UNIF, 2) and g.norm.vmax == np.percentile(
        H_UNIF, 98
    )
    g = cg.heatmap(H_DF_UNIF, vmin=0, vmax=1)
    assert (g.norm.vmin, g.norm.vmax) == (0, 1)
    g = cg.heatmap(H_DF_NORM, vmin=-4, vmax=5, center=0)
    assert (g.norm.vmin, g.norm.vmax) == (-4, 5)


def test_mask_limits():
    for mask in (H_NORM > 0, H_NORM < 0):
        g = cg.heatmap(H_NORM, mask=mask)
        assert g.norm.vmax == np.ma.array(H_NORM, mask=mask).max()
        assert g.norm.vmin == np.ma.array(H_NORM, mask=mask).min()


def test_array_with_nans():
    x1 = np.random.RandomState(2).rand(10, 10)
    x2 = np.c_[x1, np.full(10, np.nan)]
    g1, g2 = cg.heatmap(x1), cg.heatmap(x2)
    assert (g1.norm.vmin, g1.norm.vmax) == (g2.norm.vmin, g2.norm.vmax)


@pytest.mark.parametrize(
    "kws, want",
    [
        ({}, np.linspace(0, 1, 9)),
        ({"vmin": 0}, np.linspace(0.2, 1, 9)),
        ({"center": 0.5}, np.linspace(0.2, 1, 9)),
    ],
)
def test_cell_colours(kws, want):
    vals = np.linspace(0.2, 1, 9)
    cmap = mpl.colormaps["binary"]
    g = cg.heatmap([vals], cmap=cmap, **kws)
    npt.assert_allclose(cell_rgb(g)[0], cmap(want)[:, :3], atol=0.01)


@pytest.mark.parametrize(
    "kws",
    [
        dict(vmin=-4, vmax=5, center=0),
        dict(vmax=0.3, center=0),
        dict(center=0, robust=True),
    ],
)
def test_center_slices_the_colormap_as_seaborn(kws):
    """seaborn: colour(v) = cmap((v - (c - r)) / 2r), r = max(vmax - c, c - vmin), the
    scale spanning vmin..vmax (values beyond take the end colours)."""
    vals = np.linspace(-5, 6, 12)
    cmap = mpl.colormaps["RdBu_r"]
    g = cg.heatmap([vals], cmap="RdBu_r", **kws)
    finite = vals
    lo = kws.get(
        "vmin", np.percentile(finite, 2) if kws.get("robust") else finite.min()
    )
    hi = kws.get(
        "vmax", np.percentile(finite, 98) if kws.get("robust") else finite.max()
    )
    r = max(hi - 0, 0 - lo)
    want = cmap((np.clip(vals, lo, hi) + r) / (2 * r))[:, :3]
    npt.assert_allclose(cell_rgb(g)[0], want, atol=0.02)
    assert (g.norm.vmin, g.norm.vmax) == pytest.approx((lo, hi))
    ticks = g.ax_cbar.get_yticks()
    assert ticks.min() >= lo - 1e-9 and ticks.max() <= hi + 1e-9


def test_custom_cmap_and_its_properties():
    g = cg.heatmap(H_DF_UNIF, cmap="BuGn")
    npt.assert_allclose(
        g.cmap(np.linspace(0, 1, 5)), mpl.colormaps["BuGn"](np.linspace(0, 1, 5))
    )
    cmap = mpl.colormaps["BrBG"].with_extremes(under="red", over="blue")
    g = cg.heatmap(H_DF_UNIF, cmap=cmap)
    npt.assert_array_equal(g.cmap(-np.inf), cmap(-np.inf))
    npt.assert_array_equal(g.cmap(np.inf), cmap(np.inf))


def test_mask_hides_cells_and_nan_cells():
    df = pd.DataFrame({"a": [1, 1, 1], "b": [2, np.nan, 2], "c": [3, 3, np.nan]})
    g = cg.heatmap(df, mask=np.isnan(df.values), annot=True, fmt=".1f")
    rgb = cell_rgb(g)
    npt.assert_allclose(rgb[np.isnan(df.values)], 1.0, atol=0.01)
    shown = np.ma.masked_where(np.isnan(df.values), df.values).compressed()
    assert [t.get_text() for t in g.ax_heatmap.texts] == [f"{v:.1f}" for v in shown]


def test_mask_validation():
    with pytest.raises(ValueError):
        cg.heatmap(H_DF_NORM, mask=np.random.RandomState(0).randn(3, 6) > 0)
    with pytest.raises(ValueError):
        cg.heatmap(
            H_DF_NORM, mask=pd.DataFrame(np.random.RandomState(0).randn(4, 8) > 0)
        )


def test_heatmap_annotation():
    # cells large enough for 14 pt text: drawn at 14 pt, as in seaborn
    g = cg.heatmap(
        H_DF_NORM, annot=True, fmt=".1f", annot_kws={"fontsize": 14}, cell_size=0.8
    )
    texts = g.ax_heatmap.texts
    assert [t.get_text() for t in texts] == [f"{v:.1f}" for v in H_NORM.flat]
    assert all(t.get_fontsize() == 14 for t in texts)
    # in cells too small for it, clustergrid shrinks the text (with a warning) instead of
    # letting it cover its neighbours, where seaborn overprints
    with pytest.warns(UserWarning, match="too large for cells"):
        g = cg.heatmap(H_DF_NORM, annot=True, fmt=".1f", annot_kws={"fontsize": 14})
        assert all(t.get_fontsize() < 14 for t in g.ax_heatmap.texts)
    g = cg.heatmap(
        H_DF_NORM,
        annot=H_DF_NORM + 10,
        fmt=".1f",
        annot_kws={"fontsize": 14},
        cell_size=0.8,
    )
    assert [t.get_text() for t in g.ax_heatmap.texts] == [
        f"{v:.1f}" for v in (H_NORM + 10).flat
    ]
    g = cg.heatmap(H_DF_NORM, annot=True, fmt=".1f", annot_kws=dict(color="0.3"))
    assert all(t.get_color() == "0.3" for t in g.ax_heatmap.texts)
    g = cg.heatmap(
        H_DF_NORM, fmt=".2f", annot=True, xticklabels=False, yticklabels=False
    )
    assert [t.get_text() for t in g.ax_heatmap.texts] == [
        f"{v:.2f}" for v in H_NORM.flat
    ]
    with pytest.raises(ValueError):
        cg.heatmap(H_DF_NORM, annot=pd.concat([H_DF_NORM, H_DF_NORM]))


def test_ticklabels_off_custom_and_interval():
    g = cg.heatmap(H_DF_NORM, xticklabels=False, yticklabels=False)
    g.draw()
    assert label_texts(g, "bottom") == [] and label_texts(g, "left") == []
    xtl = list("iheartheatmaps"[: H_DF_NORM.shape[1]])
    ytl = list("heatmapsarecool"[: H_DF_NORM.shape[0]])
    g = cg.heatmap(H_DF_NORM, xticklabels=xtl, yticklabels=ytl)
    g.draw()
    assert [t.get_text() for t in label_texts(g, "bottom")] == xtl
    assert [t.get_text() for t in label_texts(g, "left")] == ytl
    g = cg.heatmap(H_DF_NORM, xticklabels=2, yticklabels=3)
    g.draw()
    xs, ys = heatmap_cell_centres_px(g)
    bottom, left = label_texts(g, "bottom"), label_texts(g, "left")
    assert [t.get_text() for t in bottom] == [str(c) for c in H_DF_NORM.columns[0:8:2]]
    assert [t.get_text() for t in left] == list(H_DF_NORM.index[0:4:3])
    # each label is centred on its cell
    r = g.figure.canvas.get_renderer()
    for t, i in zip(bottom, range(0, 8, 2), strict=True):
        bb = t.get_window_extent(r)
        assert (bb.x0 + bb.x1) / 2 == pytest.approx(xs[i], abs=1.0)
    for t, i in zip(left, range(0, 4, 3), strict=True):
        bb = t.get_window_extent(r)
        assert (bb.y0 + bb.y1) / 2 == pytest.approx(ys[i], abs=1.0)


def test_heatmap_axes_and_index_name():
    g = cg.heatmap(H_DF_NORM)
    assert [t.get_text() for t in label_texts(g, "bottom")] == [
        str(c) for c in H_DF_NORM.columns
    ]
    assert [t.get_text() for t in label_texts(g, "left")] == list(H_DF_NORM.index)
    assert g.ax_heatmap.get_xlim() == (0, 8) and g.ax_heatmap.get_ylim() == (4, 0)
    title = [
        t.get_text()
        for ax in g.figure.axes
        for t in ax.texts
        if t.get_label() == "clustergrid:labels:title"
    ]
    assert title == ["letters"]


def test_heatmap_cbar():
    g = cg.heatmap(H_DF_NORM)
    assert g.ax_cbar is not None and len(g.figure.axes) == 4  # heatmap, 2 labels, scale
    g = cg.heatmap(H_DF_NORM, cbar=False)
    assert g.ax_cbar is None and len(g.figure.axes) == 3
    g = cg.heatmap(H_DF_NORM, cbar_kws={"orientation": "horizontal", "label": "z"})
    assert g.ax_cbar.get_position().y1 <= g.ax_heatmap.get_position().y0


def test_heatmap_inner_lines():
    c = (0, 0, 1, 1)
    g = cg.heatmap(H_DF_NORM, linewidths=2, linecolor=c)
    lines = [
        col
        for col in g.ax_heatmap.collections
        if col.get_label() == "clustergrid:cell-borders"
    ]
    assert lines and lines[0].get_linewidths()[0] == 2
    assert tuple(lines[0].get_edgecolor()[0]) == c


def test_square_cells():
    g = cg.heatmap(H_DF_NORM, square=True)
    xs, ys = heatmap_cell_centres_px(g)
    assert np.diff(xs)[0] == pytest.approx(-np.diff(ys)[0], rel=1e-6)


def test_heatmap_into_an_axes_subplotspec():
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    box = ax2.get_subplotspec().get_position(fig)
    g = cg.heatmap(H_DF_NORM, ax=ax2, cmap="RdBu_r", center=0)
    # as in seaborn, the user's axes is the heatmap axes
    assert g.ax_heatmap is ax2 and ax2 in fig.axes and ax1 in fig.axes
    assert g.figure is fig and ax2.figure is fig
    r = fig.canvas.get_renderer()
    fig.canvas.draw()
    for ax in g.result.axes():
        bb = ax.get_tightbbox(r).transformed(fig.transFigure.inverted())
        assert bb.x0 >= box.x0 - 1e-3 and bb.x1 <= box.x1 + 1e-3
    with pytest.raises(ValueError, match="SubplotSpec"):
        cg.heatmap(H_DF_NORM, ax=fig.add_axes((0, 0, 0.1, 0.1)))


def test_seaborn_colormap_names():
    sns_cm = pytest.importorskip("seaborn.cm")  # the 'seaborn' extra
    g = cg.heatmap([np.linspace(0, 1, 5)], cmap="vlag")
    npt.assert_allclose(
        cell_rgb(g)[0], sns_cm.vlag(np.linspace(0, 1, 5))[:, :3], atol=0.01
    )


# -- what is refused ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "fn, key, match",
    [
        (cg.clustermap, "cbar_ax", "cbar_pos"),
        (cg.heatmap, "cbar_ax", "cbar_pos"),
        (cg.clustermap, "ax", "g.on"),
        (cg.heatmap, "alpha", "ListedColormap"),
        (cg.heatmap, "linewidth", "linewidths"),
        (cg.clustermap, "row_clusters", "did you mean 'row_cluster'"),
        (cg.heatmap, "xtickslabels", "did you mean 'xticklabels'"),
        (cg.heatmap, "row_colors", "unexpected keyword argument 'row_colors'"),
    ],
)
def test_unknown_or_unsupported_arguments_are_a_type_error_naming_the_way(
    fn, key, match
):
    with pytest.raises(TypeError, match=match) as exc:
        fn(H_DF_NORM, **{key: None})
    assert repr(key) in str(exc.value)


def test_cbar_kws_ticks_and_unsupported_keys():
    g = cg.heatmap(H_DF_NORM, cbar_kws={"ticks": [-1, 0, 1], "label": "z"})
    npt.assert_allclose(g.ax_cbar.get_yticks(), [-1, 0, 1])
    with pytest.raises(TypeError, match="cbar_kws: 'drawedges' is not supported"):
        cg.clustermap(DF_NORM, cbar_kws={"drawedges": True})


def test_bad_values_name_the_argument():
    with pytest.raises(ValueError, match="dendrogram_ratio"):
        cg.clustermap(
            DF_NORM, dendrogram_ratio=0.9, colors_ratio=0.2, row_colors=ROW_COLORS
        )
    with pytest.raises(TypeError, match="cbar_pos"):
        cg.clustermap(DF_NORM, cbar_pos=(0, 1))
    with pytest.raises(TypeError, match="tree_kws: 'zorder'"):
        cg.clustermap(DF_NORM, tree_kws={"zorder": 3})
    with pytest.raises(ValueError, match="row_colors has 3 colours for 4 rows"):
        cg.clustermap(DF_NORM, row_colors=ROW_COLORS[:3])
    with pytest.raises(ValueError, match="xticklabels gives 3 labels for 8 columns"):
        cg.heatmap(H_DF_NORM, xticklabels=list("abc"))
    with pytest.raises(ValueError, match="pivot_kws"):
        cg.clustermap(DF_NORM, pivot_kws=dict(index="nope", columns="x", values="y"))


def test_user_data_is_not_modified():
    df, rc = DF_NORM.copy(), pd.Series(ROW_COLORS, index=DF_NORM.index, name="r")
    before = (df.copy(), rc.copy())
    cg.clustermap(df, z_score=0, row_colors=rc, mask=df > 5).draw()
    pdt.assert_frame_equal(df, before[0])
    pdt.assert_series_equal(rc, before[1])
