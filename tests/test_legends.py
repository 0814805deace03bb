"""Legends: every categorical AnnotationBar contributes a legend with its
bar's colours; the Legends panel packs them with the colour scale in columns
that never overlap anything and never leave the figure."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import clustergrid as cg
from conftest import assert_no_overlap, image_test, pixel_rgba, renderer_of


@pytest.fixture(scope="module")
def wine_small(wine_z, wine):
    df = wine_z.iloc[::6]
    cult = wine["cultivar"].loc[df.index]
    alc = pd.Series(np.where(df["alcohol"] > 0, "high", "low"), index=df.index, name="alcohol")
    return df, cult, alc


def _all_artist_boxes(g, panel):
    r = renderer_of(g.figure)
    boxes = [t.get_window_extent(r) for t in panel.texts]
    boxes += [p.get_window_extent(r) for p in panel.swatches]
    if panel.colorbar is not None:
        boxes.append(panel.colorbar.ax.get_tightbbox(r))
    return boxes


def _assert_disjoint(boxes, tol=0.5):
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            ox = min(a.x1, b.x1) - max(a.x0, b.x0)
            oy = min(a.y1, b.y1) - max(a.y0, b.y0)
            assert ox <= tol or oy <= tol, f"{a} overlaps {b}"


def _assert_inside_everything(g):
    fig = g.figure
    r = renderer_of(fig)
    for ax in fig.axes:
        bb = ax.get_tightbbox(r)
        assert bb.x0 >= -0.5 and bb.y0 >= -0.5 and bb.x1 <= fig.bbox.x1 + 0.5 \
            and bb.y1 <= fig.bbox.y1 + 0.5, f"{ax.get_label()} leaves the figure"


def test_legends_entries_are_the_bars_colours(wine_small):
    df, cult, alc = wine_small
    bar1, bar2 = cg.AnnotationBar(cult), cg.AnnotationBar(alc, palette={"high": "red", "low": "k"})
    leg = cg.Legends(scale_title="z")
    g = (cg.ClusterGrid(df, center=0).cluster()
         .add(bar1, "left").add(bar2, "left").add(cg.Labels(), "right").add(leg))
    fig = g.draw()
    assert [s.side for s in g._slots][-1] == "right"  # the default side
    titles = [t.get_text() for t in leg.texts if t.get_fontweight() == "bold"]
    assert titles == ["cultivar", "alcohol", "z"]
    by_label = {s.legend_label: s for s in leg.swatches}
    assert set(by_label) == {"class_0", "class_1", "class_2", "high", "low"}
    for bar in (bar1, bar2):
        for cat, rgba in bar.colors_.items():
            sw = by_label[str(cat)]
            np.testing.assert_allclose(sw.get_facecolor(), rgba)
            bb = sw.get_window_extent(renderer_of(fig))
            px = pixel_rgba(fig, (bb.x0 + bb.x1) / 2, (bb.y0 + bb.y1) / 2)
            np.testing.assert_allclose(px[:3], rgba[:3], atol=2 / 255)
    # each label sits right of its swatch, on its row
    r = renderer_of(fig)
    for sw in leg.swatches:
        t = next(t for t in leg.texts if t.get_text() == sw.legend_label)
        sb, tb = sw.get_window_extent(r), t.get_window_extent(r)
        assert tb.x0 > sb.x1
        assert (tb.y0 + tb.y1) / 2 == pytest.approx((sb.y0 + sb.y1) / 2, abs=1.5)
    assert leg.colorbar.norm is g.norm and leg.colorbar.cmap is g.cmap
    assert_no_overlap(g)
    _assert_disjoint(_all_artist_boxes(g, leg))
    _assert_inside_everything(g)


def test_legends_off_and_numeric_bars_give_their_colour_bar(wine_small):
    df, cult, alc = wine_small
    leg = cg.Legends(scale=False, extra=[("marker", {"x": "red"})])
    g = (cg.ClusterGrid(df).add(cg.AnnotationBar(cult, legend=False), "left")
         .add(cg.AnnotationBar(df["proline"], name="proline"), "left")
         .add(cg.AnnotationBar(alc), "left").add(leg))
    g.draw()
    titles = [t.get_text() for t in leg.texts if t.get_fontweight() == "bold"]
    assert titles == ["proline", "alcohol", "marker"]
    assert leg.colorbar is None  # scale=False: no heatmap scale
    (cb,) = leg.colorbars        # the numeric bar's own colour bar
    assert cb.legend_title == "proline"
    assert cb.norm.vmin == pytest.approx(df["proline"].min())
    assert cb.norm.vmax == pytest.approx(df["proline"].max())
    assert_no_overlap(g)


@pytest.mark.parametrize("side", ["right", "left", "bottom", "top"])
def test_legends_many_categories_wrap_and_stay_inside(pbmc, pbmc_obs, side):
    # a short heatmap and long legends: the columns must wrap, not overflow
    genes = pbmc.columns[:12]
    cells = pbmc.index[::35]
    df = pbmc.loc[cells, genes]
    obs = pbmc_obs.loc[cells]
    leg = cg.Legends(scale_title="expression")
    g = (cg.ClusterGrid(df, cell_size=0.12)
         .add(cg.AnnotationBar(obs["bulk_labels"], name="cell type"), "left")
         .add(cg.AnnotationBar(obs["louvain"].astype(str), name="louvain"), "left")
         .add(cg.Labels(), "bottom")
         .add(leg, side))
    g.draw()
    xs = {round(s.get_x(), 6) for s in leg.swatches}
    if side in ("left", "right"):
        assert len(xs) >= 2, "a legend taller than the heatmap must continue in a new column"
    assert_no_overlap(g)
    _assert_disjoint(_all_artist_boxes(g, leg))
    _assert_inside_everything(g)
    # every category of both bars is listed once
    want = set(obs["bulk_labels"].astype(str)) | set(obs["louvain"].astype(str))
    assert sorted(s.legend_label for s in leg.swatches) == sorted(want)


def test_legends_with_split_span_the_whole_side(wine_small):
    df, cult, alc = wine_small
    leg = cg.Legends()
    g = (cg.ClusterGrid(df, figsize=(5, 6)).cluster().split(rows=cult)
         .add(cg.AnnotationBar(cult), "left").add(leg))
    fig = g.draw()
    np.testing.assert_allclose(fig.get_size_inches(), (5, 6), rtol=1e-3)
    assert len(leg.axes) == 1
    top = g.heatmap_axes[0][0].get_position().y1
    bottom = g.heatmap_axes[-1][0].get_position().y0
    pos = leg.ax.get_position()
    assert pos.y1 == pytest.approx(top) and pos.y0 == pytest.approx(bottom)
    assert_no_overlap(g)
    _assert_inside_everything(g)


def test_legends_misuse():
    with pytest.raises(TypeError, match="pairs"):
        cg.Legends(extra=[("a", ["red"])])
    with pytest.raises(ValueError, match="not in a corner"):
        cg.ClusterGrid(np.eye(3)).add(cg.Legends(), "top-right").draw()
    with pytest.raises(TypeError, match="needs a side"):
        cg.ClusterGrid(np.eye(3)).add(cg.Labels())


@image_test()
def test_legends_image_two_bars_and_scale(wine_small):
    df, cult, alc = wine_small
    df, cult, alc = df.iloc[:14], cult.iloc[:14], alc.iloc[:14]
    g = (cg.ClusterGrid(df, cmap="RdBu_r", center=0, cell_size=0.15).cluster()
         .add(cg.AnnotationBar(cult), "left").add(cg.AnnotationBar(alc), "left")
         .add(cg.Labels(fontsize=7), "right")
         .add(cg.Legends(scale_title="z-score")))
    return g.draw()
