"""Tracks (bars, points, box plots), Marks and Title: each mark sits on its
cell and is the data, read back from the drawn artists."""

from __future__ import annotations

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
    g = (cg.ClusterGrid(z, center=0, cell_size=0.2).cluster().split(rows=cult)
         .add(bars, "left", size="15mm").add(cg.Labels(), "right"))
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
            assert (bb.y0 + bb.y1) / 2 == pytest.approx(_row_centre_px(g, label), abs=0.5)
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
    g = (cg.ClusterGrid(z, center=0, cell_size=0.2).cluster()
         .add(pts, "top", size="12mm").add(box, "right", size="15mm"))
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
    g = (cg.ClusterGrid(df, figsize=(5, 5)).cluster().add(marks, "right")
         .add(cg.Marks(list(df.columns[[0, 1, 39]])), "bottom"))
    g.draw()
    r = renderer_of(g.figure)
    assert sorted(t.get_text() for t in marks.texts) == sorted(chosen)
    boxes = [t.get_window_extent(r) for t in marks.texts]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert min(a.y1, b.y1) - max(a.y0, b.y0) <= 0.5, "marks overlap"
    segs = marks.lines[0].get_segments()
    trans = marks.lines[0].get_transform()
    for t, seg in zip(marks.texts, segs):
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
    g = (cg.ClusterGrid(z, cmap="RdBu_r", center=0, cell_size=0.18).cluster()
         .add(cg.BarTrack(raw.loc[z.index, "proline"]), "left", size="12mm")
         .add(cg.BoxTrack(), "right", size="14mm")
         .add(cg.Marks(list(z.index[[0, 1, 7]])), "right")
         .add(cg.PointTrack(raw.max() / raw.mean(), line=True), "top", size="10mm")
         .add(cg.Title("tracks"), "top"))
    return g.draw()
