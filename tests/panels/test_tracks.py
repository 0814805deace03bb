"""Tracks (bars, points, box plots), Marks and Title: each mark sits on its
cell and is the data, read back from the drawn artists."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pytest

import clustergrid as cg
from conftest import assert_no_overlap, image_test, renderer_of


@pytest.fixture(scope="module")
def data(wine):
    raw = wine.drop(columns="cultivar").iloc[::9]
    z = (raw - raw.mean()) / raw.std()
    return raw, z, wine["cultivar"].loc[raw.index]


def _row_centre_px(g, label):
    """Pixel y of a row's centre, whichever slice it is drawn in."""
    pos = list(g.row_order).index(label)
    for i, (a, b) in enumerate(g.row_slices.bounds):
        if a <= pos < b:
            ax = g.heatmap_axes[i][0]
            return ax.transData.transform((0, pos - a + 0.5))[1]
    raise AssertionError(label)


def test_tracks_are_panels_built_like_a_users():
    for cls in (cg.BarTrack, cg.PointTrack, cg.BoxTrack, cg.Marks, cg.Title):
        assert issubclass(cls, cg.Panel)
        assert "draw" in cls.__dict__


def test_bar_track_bars_are_the_values_on_their_rows(data):
    raw, z, cult = data
    proline = raw["proline"]
    bars = cg.BarTrack(proline)
    g = (
        cg.ClusterGrid(z, center=0, cell_size=0.2)
        .cluster()
        .split(rows=cult)
        .add(bars, "left", size="15mm")
        .add(cg.Labels(), "right")
    )
    g.draw()
    r = renderer_of(g.figure)
    seen = 0
    for t, ax in enumerate(bars.axes):
        a, b = g.row_slices.bounds[t]
        rects = [p for p in ax.patches]
        assert len(rects) == b - a
        for li, rect in enumerate(rects):
            label = g.row_order[a + li]
            assert rect.get_width() == pytest.approx(proline[label])
            assert rect.get_x() == 0
            cy = rect.get_y() + rect.get_height() / 2
            assert cy == pytest.approx(li + 0.5)
            bb = rect.get_window_extent(r)
            assert (bb.y0 + bb.y1) / 2 == pytest.approx(
                _row_centre_px(g, label), abs=0.5
            )
            seen += 1
        # one value scale for every slice; bars grow away from the heatmap
        assert ax.get_xlim() == pytest.approx((proline.max(), 0))
    assert seen == len(raw)
    # the value axis is drawn once, under the last slice
    assert [len(ax.get_xticklabels()) > 0 for ax in bars.axes] == [False, False, True]
    assert_no_overlap(g)


def test_point_and_box_tracks_on_columns_and_rows(data):
    raw, z, cult = data
    ratio = raw.max() / raw.mean()
    pts = cg.PointTrack(ratio, line=True)
    box = cg.BoxTrack()
    g = (
        cg.ClusterGrid(z, center=0, cell_size=0.2)
        .cluster()
        .add(pts, "top", size="12mm")
        .add(box, "right", size="15mm")
    )
    g.draw()
    off = pts.points.get_offsets()
    np.testing.assert_allclose(off[:, 0], np.arange(z.shape[1]) + 0.5)
    np.testing.assert_allclose(off[:, 1], ratio.reindex(g.col_order).to_numpy())
    # box plots: each row's median is the median of that row's drawn values
    meds = box.boxes["medians"]
    assert len(meds) == len(z)
    for i, line in enumerate(meds):
        xs, ys = line.get_data()
        label = g.row_order[i]
        assert np.mean(ys) == pytest.approx(i + 0.5)
        assert xs[0] == pytest.approx(np.median(z.loc[label]))
    assert_no_overlap(g)


def test_tracks_bad_input(data):
    raw, z, cult = data
    with pytest.raises(TypeError, match="AnnotationBar"):
        cg.ClusterGrid(z).add(cg.BarTrack(cult), "left").draw()
    with pytest.raises(ValueError, match="does not line up"):
        cg.ClusterGrid(z).add(cg.BarTrack(raw["proline"].iloc[1:]), "left").draw()
    with pytest.raises(ValueError, match="0 < width"):
        cg.BarTrack(raw["proline"], width=2)
    with pytest.raises(ValueError, match="low < high"):
        cg.PointTrack(raw["proline"], lim=(3, 1))
    with pytest.raises(TypeError, match="BoxTrack takes"):
        cg.ClusterGrid(z).add(cg.BoxTrack([1, 2]), "left").draw()


def test_marks_point_at_their_rows_and_never_overlap(pbmc):
    df = pbmc.iloc[:300, :40]
    chosen = list(df.index[[3, 4, 5, 6, 150, 299]])
    marks = cg.Marks(chosen)
    g = (
        cg.ClusterGrid(df, figsize=(5, 5))
        .cluster()
        .add(marks, "right")
        .add(cg.Marks(list(df.columns[[0, 1, 39]])), "bottom")
    )
    g.draw()
    r = renderer_of(g.figure)
    assert sorted(t.get_text() for t in marks.texts) == sorted(chosen)
    boxes = [t.get_window_extent(r) for t in marks.texts]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert min(a.y1, b.y1) - max(a.y0, b.y0) <= 0.5, "marks overlap"
    segs = marks.lines[0].get_segments()
    trans = marks.lines[0].get_transform()
    for t, seg in zip(marks.texts, segs, strict=True):
        start, end = trans.transform(seg[0]), trans.transform(seg[-1])
        assert start[1] == pytest.approx(_row_centre_px(g, t.get_text()), abs=0.5)
        bb = t.get_window_extent(r)
        assert end[1] == pytest.approx((bb.y0 + bb.y1) / 2, abs=1.0)
        assert bb.x0 >= end[0] - 0.5
    assert_no_overlap(g)
    with pytest.raises(ValueError, match="not row labels"):
        cg.ClusterGrid(df).add(cg.Marks(["nope"]), "right").draw()


def test_title_centred_over_the_heatmap(data):
    raw, z, cult = data
    t = cg.Title("Wine chemistry")
    g = cg.ClusterGrid(z, cell_size=0.2).add(t)
    g.draw()
    r = renderer_of(g.figure)
    bb, hb = t.text_artist.get_window_extent(r), g.ax_heatmap.get_window_extent(r)
    assert (bb.x0 + bb.x1) / 2 == pytest.approx((hb.x0 + hb.x1) / 2, abs=1.0)
    assert bb.y0 >= hb.y1 and bb.y1 <= g.figure.bbox.y1
    with pytest.raises(TypeError, match="string"):
        cg.Title(3)


@image_test()
def test_tracks_image_bars_points_boxes_marks(data):
    raw, z, cult = data
    z = z.iloc[:12]
    g = (
        cg.ClusterGrid(z, cmap="RdBu_r", center=0, cell_size=0.18)
        .cluster()
        .add(cg.BarTrack(raw.loc[z.index, "proline"]), "left", size="12mm")
        .add(cg.BoxTrack(), "right", size="14mm")
        .add(cg.Marks(list(z.index[[0, 1, 7]])), "right")
        .add(cg.PointTrack(raw.max() / raw.mean(), line=True), "top", size="10mm")
        .add(cg.Title("tracks"), "top")
    )
    return g.draw()


# -- issue 17: block labels, stacked bars, distribution tracks ------------------------------


def test_block_labels_sit_inside_their_blocks(pbmc, pbmc_obs):

    df = pbmc.iloc[:, :20]
    groups = pbmc_obs["bulk_labels"]
    for side, blocks in (
        ("left", cg.Blocks()),
        ("right", cg.Blocks(rotation="across")),
        ("top", cg.Blocks(["A long column block title", "B"], edgecolor="k")),
    ):
        g = (
            cg.ClusterGrid(df, center=0, figsize=(6, 7))
            .cluster()
            .split(rows=groups, cols=2, titles=False)
            .add(blocks, side, size="5mm")
        )
        g.draw()
        r = renderer_of(g.figure)
        sl = g.row_slices if side in ("left", "right") else g.col_slices
        ax_list = blocks.axes
        assert len(ax_list) == len(sl)
        labelled = 0
        for k, ax in enumerate(ax_list):
            patches = [p for p in ax.patches]
            assert len(patches) == 1
            pb = patches[0].get_window_extent(r)
            # the block spans exactly its slice's cells
            heat = (
                g.heatmap_axes[k][0]
                if side in ("left", "right")
                else g.heatmap_axes[0][k]
            )
            hb = heat.get_window_extent(r)
            if side in ("left", "right"):
                assert (pb.y0, pb.y1) == pytest.approx((hb.y0, hb.y1), abs=0.5)
            else:
                assert (pb.x0, pb.x1) == pytest.approx((hb.x0, hb.x1), abs=0.5)
            for t in ax.texts:
                if not t.get_text():
                    continue
                tb = t.get_window_extent(r)
                assert tb.x0 >= pb.x0 - 0.5 and tb.x1 <= pb.x1 + 0.5, (
                    side,
                    k,
                    t.get_text(),
                )
                assert tb.y0 >= pb.y0 - 0.5 and tb.y1 <= pb.y1 + 0.5, (
                    side,
                    k,
                    t.get_text(),
                )
                labelled += 1
                want = blocks.labels[k] if blocks.labels else sl.titles[k]
                txt = t.get_text()
                assert txt == want or (
                    txt.endswith("\N{HORIZONTAL ELLIPSIS}")
                    and want.startswith(txt[:-1])
                )
            # the block's colour is its slice's, distinct per slice
            assert patches[0].get_facecolor() == pytest.approx(
                mpl.colormaps["tab10"](k)
            )
        assert labelled >= len(sl) // 2
        assert_no_overlap(g)
    # a tall thin block reads along the slice, a flat wide one across
    g = (
        cg.ClusterGrid(df.iloc[:60], cell_size=0.1)
        .split(rows=groups.iloc[:60], titles=False)
        .add(cg.Blocks(), "left", size="15mm")
    )
    g.draw()
    rots = [t.get_rotation() for ax in g.panels[0].axes for t in ax.texts]
    assert set(rots) <= {0.0, 90.0}
    with pytest.raises(ValueError, match="one label per slice"):
        cg.ClusterGrid(df).split(rows=groups).add(cg.Blocks(["a"]), "left").draw()
    with pytest.raises(ValueError, match="rotation"):
        cg.Blocks(rotation="diagonal")
    with pytest.raises(TypeError, match="one label per slice"):
        cg.Blocks("abc")


def test_stacked_bars_sum_to_row_totals(data):
    raw, z, cult = data
    parts = raw[["total_phenols", "flavanoids", "nonflavanoid_phenols"]]
    p0 = parts.copy()
    bars = cg.BarTrack(parts, name="phenols", color=["r", "g", "b"])
    g = (
        cg.ClusterGrid(z, center=0, cell_size=0.2)
        .cluster()
        .split(rows=cult)
        .add(bars, "right", size="15mm")
        .add(cg.Legends(), "right")
    )
    g.draw()
    totals = parts.sum(axis=1)
    for t, ax in enumerate(bars.axes):
        a, b = g.row_slices.bounds[t]
        rects = ax.patches
        assert len(rects) == 3 * (b - a)
        for li in range(b - a):
            label = g.row_order[a + li]
            mine = sorted(
                (
                    p
                    for p in rects
                    if abs(p.get_y() + p.get_height() / 2 - li - 0.5) < 1e-9
                ),
                key=lambda p: p.get_x(),
            )
            assert len(mine) == 3
            # end to end from zero, in column order, each part its value
            assert mine[0].get_x() == 0
            for p, q in zip(mine, mine[1:], strict=False):
                assert q.get_x() == pytest.approx(p.get_x() + p.get_width())
            assert [p.get_width() for p in mine] == pytest.approx(
                parts.loc[label].tolist()
            )
            assert mine[-1].get_x() + mine[-1].get_width() == pytest.approx(
                totals[label]
            )
            assert [tuple(p.get_facecolor()[:3]) for p in mine] == [
                (1, 0, 0),
                (0, 0.5, 0),
                (0, 0, 1),
            ]
        # one scale: zero to the largest total
        assert ax.get_xlim() == pytest.approx((0, totals.max()))
    pd_legend = [x for x in g.figure.axes if x.get_label().endswith("Legends")][0]
    texts = [t.get_text() for t in pd_legend.findobj(mpl.text.Text)]
    assert "phenols" in texts and "flavanoids" in texts
    import pandas as pd

    pd.testing.assert_frame_equal(parts, p0)
    with pytest.raises(ValueError, match="non-negative"):
        cg.BarTrack(parts - 5)
    with pytest.raises(TypeError, match="not numeric"):
        cg.BarTrack(parts.assign(c=cult))
    with pytest.raises(ValueError, match="does not line up"):
        cg.ClusterGrid(z).add(cg.BarTrack(parts.iloc[1:]), "left").draw()


def test_distribution_tracks_follow_rows_and_splits(data):
    import pandas as pd

    raw, z, cult = data
    edges = np.linspace(-3.5, 3.5, 8)
    viol, strip = cg.ViolinTrack(), cg.StripTrack(seed=3)
    hist = cg.HistTrack(bins=edges, histtype="bar")
    g = (
        cg.ClusterGrid(z, center=0, cell_size=0.2)
        .cluster()
        .split(rows=cult)
        .add(viol, "right", size="12mm")
        .add(strip, "right", size="12mm")
        .add(hist, "right", size="12mm")
    )
    g.draw()
    r = renderer_of(g.figure)
    lo_hi = []
    for t in range(len(g.row_slices)):
        a, b = g.row_slices.bounds[t]
        rows = g.row_order[a:b]
        # violins: one body per row, centred on the row, spanning that row's values
        vax = viol.axes[t]
        bodies = [
            c
            for c in vax.collections
            if type(c).__name__ in ("PolyCollection", "FillBetweenPolyCollection")
        ]
        assert len(bodies) == b - a
        for li, (body, label) in enumerate(zip(bodies, rows, strict=True)):
            v = body.get_paths()[0].vertices
            assert (v[:, 1].min() + v[:, 1].max()) / 2 == pytest.approx(
                li + 0.5, abs=1e-6
            )
            assert v[:, 0].min() == pytest.approx(
                z.loc[label].min(), rel=1e-6, abs=1e-9
            )
            assert v[:, 0].max() == pytest.approx(
                z.loc[label].max(), rel=1e-6, abs=1e-9
            )
            bb = body.get_window_extent(r)
            assert (bb.y0 + bb.y1) / 2 == pytest.approx(
                _row_centre_px(g, label), abs=0.6
            )
        lo_hi.append(vax.get_xlim())
        # strip: each row's values, in its own cell
        off = strip.axes[t].collections[0].get_offsets()
        k = z.shape[1]
        assert len(off) == (b - a) * k
        for li, label in enumerate(rows):
            pts = off[li * k : (li + 1) * k]
            np.testing.assert_allclose(
                pts[:, 0], g.matrix.loc[label].to_numpy()
            )  # drawn order
            assert (np.abs(pts[:, 1] - (li + 0.5)) <= 0.35 + 1e-12).all()
        # histograms: each row's counts over the shared bins, inside its cell
        rects = hist.axes[t].patches
        nb = len(edges) - 1
        assert len(rects) == (b - a) * nb
        for li, label in enumerate(rows):
            counts = np.histogram(z.loc[label], bins=edges)[0]
            mine = rects[li * nb : (li + 1) * nb]
            # bars stand on the cell's lower edge and rise (towards smaller y) within it
            assert [p.get_x() for p in mine] == pytest.approx(list(edges[:-1]))
            assert {round(p.get_y(), 12) for p in mine} == {round(li + 0.5 + 0.45, 12)}
            heights = np.array([-p.get_height() for p in mine])
            np.testing.assert_allclose(heights / 0.9 * counts.max(), counts, atol=1e-9)
            assert heights.max() == pytest.approx(0.9)
    # one value scale for every slice
    assert all(x == pytest.approx(lo_hi[0]) for x in lo_hi)
    assert_no_overlap(g)
    # an aligned table per column on the top: strip follows the column order
    samples = pd.DataFrame(
        np.arange(z.shape[1] * 4, dtype=float).reshape(-1, 4), index=z.columns
    )
    s2 = cg.StripTrack(samples)
    g2 = cg.ClusterGrid(z, cell_size=0.2).cluster().add(s2, "top", size="10mm")
    g2.draw()
    off = s2.axes[0].collections[0].get_offsets()
    np.testing.assert_allclose(off[:, 1], samples.loc[g2.col_order].to_numpy().ravel())
    assert (np.abs(off[:, 0] - np.repeat(np.arange(z.shape[1]) + 0.5, 4)) <= 0.35).all()
    with pytest.raises(TypeError, match="ViolinTrack takes"):
        cg.ViolinTrack([1, 2, 3])
    with pytest.raises(ValueError, match="bins"):
        cg.HistTrack(bins=0)
    with pytest.raises(ValueError, match="histtype"):
        cg.HistTrack(histtype="area")
