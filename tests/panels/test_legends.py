"""Legends: every categorical AnnotationBar contributes a legend with its
bar's colours; the Legends panel packs them with the colour scale in columns
that never overlap anything and never leave the figure."""

from __future__ import annotations

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest

import clustergrid as cg
from conftest import assert_no_overlap, image_test, pixel_rgba, renderer_of


@pytest.fixture(scope="module")
def wine_small(wine_z, wine):
    df = wine_z.iloc[::6]
    cult = wine["cultivar"].loc[df.index]
    alc = pd.Series(
        np.where(df["alcohol"] > 0, "high", "low"), index=df.index, name="alcohol"
    )
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
        for b in boxes[i + 1 :]:
            ox = min(a.x1, b.x1) - max(a.x0, b.x0)
            oy = min(a.y1, b.y1) - max(a.y0, b.y0)
            assert ox <= tol or oy <= tol, f"{a} overlaps {b}"


def _assert_inside_everything(g):
    fig = g.figure
    r = renderer_of(fig)
    for ax in fig.axes:
        bb = ax.get_tightbbox(r)
        assert (
            bb.x0 >= -0.5
            and bb.y0 >= -0.5
            and bb.x1 <= fig.bbox.x1 + 0.5
            and bb.y1 <= fig.bbox.y1 + 0.5
        ), f"{ax.get_label()} leaves the figure"


def test_legends_entries_are_the_bars_colours(wine_small):
    df, cult, alc = wine_small
    bar1, bar2 = (
        cg.AnnotationBar(cult),
        cg.AnnotationBar(alc, palette={"high": "red", "low": "k"}),
    )
    leg = cg.Legends(scale_title="z")
    g = (
        cg.ClusterGrid(df, center=0)
        .cluster()
        .add(bar1, "left")
        .add(bar2, "left")
        .add(cg.Labels(), "right")
        .add(leg)
    )
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
    g = (
        cg.ClusterGrid(df)
        .add(cg.AnnotationBar(cult, legend=False), "left")
        .add(cg.AnnotationBar(df["proline"], name="proline"), "left")
        .add(cg.AnnotationBar(alc), "left")
        .add(leg)
    )
    g.draw()
    titles = [t.get_text() for t in leg.texts if t.get_fontweight() == "bold"]
    assert titles == ["proline", "alcohol", "marker"]
    assert leg.colorbar is None  # scale=False: no heatmap scale
    (cb,) = leg.colorbars  # the numeric bar's own colour bar
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
    g = (
        cg.ClusterGrid(df, cell_size=0.12)
        .add(cg.AnnotationBar(obs["bulk_labels"], name="cell type"), "left")
        .add(cg.AnnotationBar(obs["louvain"].astype(str), name="louvain"), "left")
        .add(cg.Labels(), "bottom")
        .add(leg, side)
    )
    g.draw()
    xs = {round(s.get_x(), 6) for s in leg.swatches}
    if side in ("left", "right"):
        assert len(xs) >= 2, (
            "a legend taller than the heatmap must continue in a new column"
        )
    assert_no_overlap(g)
    _assert_disjoint(_all_artist_boxes(g, leg))
    _assert_inside_everything(g)
    # every category of both bars is listed once
    want = set(obs["bulk_labels"].astype(str)) | set(obs["louvain"].astype(str))
    assert sorted(s.legend_label for s in leg.swatches) == sorted(want)


def test_legends_with_split_span_the_whole_side(wine_small):
    df, cult, alc = wine_small
    leg = cg.Legends()
    g = (
        cg.ClusterGrid(df, figsize=(5, 6))
        .cluster()
        .split(rows=cult)
        .add(cg.AnnotationBar(cult), "left")
        .add(leg)
    )
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
    g = (
        cg.ClusterGrid(df, cmap="RdBu_r", center=0, cell_size=0.15)
        .cluster()
        .add(cg.AnnotationBar(cult), "left")
        .add(cg.AnnotationBar(alc), "left")
        .add(cg.Labels(fontsize=7), "right")
        .add(cg.Legends(scale_title="z-score"))
    )
    return g.draw()


# -- automatic legends, one key per mapping, order, packing ------------------------


def _drawn(g, cls):
    return [s for s in g._drawn_slots if isinstance(s.panel, cls)]


def _keys(fig):
    """(swatches, colour-bar axes) every Legends panel drew, from the figure."""
    sw = [p for ax in fig.axes for p in ax.patches if hasattr(p, "legend_label")]
    cbs = [
        c
        for ax in fig.axes
        for c in ax.child_axes
        if c.get_label() == "clustergrid:legends:scale"
    ]
    return sw, cbs


def _every_box(g):
    """Tight boxes of the heatmap, every drawn panel and every legend artist."""
    r = renderer_of(g.figure)
    boxes = {"heatmap": g.ax_heatmap.get_tightbbox(r)}
    for i, s in enumerate(g._drawn_slots):
        if s.panel.ax is not None and not isinstance(s.panel, cg.Legends):
            bb = s.panel.ax.get_tightbbox(r)
            if bb is not None:
                boxes[f"{i}:{s.side}:{type(s.panel).__name__}"] = bb
    sw, cbs = _keys(g.figure)
    legend_boxes = [p.get_window_extent(r) for p in sw] + [
        c.get_tightbbox(r) for c in cbs
    ]
    for s in _drawn(g, cg.Legends):
        legend_boxes += [t.get_window_extent(r) for t in s.panel.ax.texts]
    return boxes, legend_boxes


def test_automatic_legends_on_the_right_and_off_with_legends_false(wine_small):
    df, cult, alc = wine_small
    g = (
        cg.ClusterGrid(df, center=0)
        .cluster()
        .add(cg.AnnotationBar(cult), "left")
        .add(cg.Labels(), "right")
    )
    fig = g.draw()
    (slot,) = _drawn(g, cg.Legends)
    assert (
        slot.side == "right" and g._drawn_slots.index(slot) == len(g._drawn_slots) - 1
    )
    r = renderer_of(fig)
    labels_right = max(t.get_window_extent(r).x1 for t in g._slots[1].panel.texts)
    sw, cbs = _keys(fig)
    assert min(p.get_window_extent(r).x0 for p in sw) > labels_right  # outermost
    assert sorted(p.legend_label for p in sw) == ["class_0", "class_1", "class_2"]
    assert (
        len(cbs) == 1 and cbs[0]._colorbar.norm is g.norm
    )  # the heatmap's scale, once
    # legends=False: none; an explicit Legends: only that one, where it is put
    g2 = cg.ClusterGrid(df, legends=False).add(cg.AnnotationBar(cult), "left")
    fig2 = g2.draw()
    assert _keys(fig2) == ([], []) and not _drawn(g2, cg.Legends)
    g3 = (
        cg.ClusterGrid(df)
        .add(cg.AnnotationBar(cult), "left")
        .add(cg.Legends(), "bottom")
    )
    g3.draw()
    assert [s.side for s in _drawn(g3, cg.Legends)] == ["bottom"]
    # no legend source (a ScaleBar is the heatmap's own key): no automatic panel
    g4 = cg.ClusterGrid(df).add(cg.Labels(), "right").add(cg.ScaleBar(), "right")
    g4.draw()
    assert not _drawn(g4, cg.Legends)
    with pytest.raises(TypeError, match="legends must be True"):
        cg.ClusterGrid(df, legends="yes")


def test_a_scalebar_is_the_heatmaps_key_so_legends_do_not_repeat_it(wine_small):
    df, cult, alc = wine_small
    for extra in ([], [cg.Legends()]):
        g = (
            cg.ClusterGrid(df, center=0)
            .add(cg.AnnotationBar(cult), "left")
            .add(cg.ScaleBar(label="z"), "top-left")
        )
        for p in extra:
            g = g.add(p)
        fig = g.draw()
        sw, cbs = _keys(fig)
        assert cbs == []  # the corner ScaleBar is the only scale
        assert sorted(p.legend_label for p in sw) == ["class_0", "class_1", "class_2"]
        scales = [ax for ax in fig.axes if getattr(ax, "_colorbar", None) is not None]
        assert len(scales) == 1


def test_order_sets_the_legend_order(wine_small):
    df, cult, alc = wine_small
    leg = cg.Legends(order=["scale", "alcohol"])
    g = (
        cg.ClusterGrid(df)
        .add(cg.AnnotationBar(cult), "left")
        .add(cg.AnnotationBar(alc), "left")
        .add(leg)
    )
    g.draw()
    assert [b.title if not b.scale else "scale" for b in leg.blocks] == [
        "scale",
        "alcohol",
        "cultivar",
    ]
    r = renderer_of(g.figure)
    tops = {
        t.get_text(): t.get_window_extent(r).y1
        for t in leg.texts
        if t.get_fontweight() == "bold"
    }
    assert tops["alcohol"] > tops["cultivar"]  # drawn top to bottom in that order
    with pytest.raises(ValueError, match="names \\['nope'\\]"):
        cg.ClusterGrid(df).add(cg.AnnotationBar(cult), "left").add(
            cg.Legends(order=["nope"])
        ).draw()
    with pytest.raises(TypeError, match="list of legend titles"):
        cg.Legends(order="cultivar")
    with pytest.raises(ValueError, match="ncols"):
        cg.Legends(ncols=0)


def test_discrete_heatmap_norm_gets_labelled_swatches(wine_small):
    df, cult, alc = wine_small
    norm = mcolors.BoundaryNorm([-3, -1, 0, 1, 3], ncolors=4)
    g = cg.ClusterGrid(
        df, cmap=["#2166ac", "#d1e5f0", "#fddbc7", "#b2182b"], norm=norm
    ).add(cg.AnnotationBar(alc), "left")
    fig = g.draw()
    sw, cbs = _keys(fig)
    assert cbs == []  # not a stepped bar
    steps = [p for p in sw if p.legend_title == ""]
    assert [p.legend_label for p in steps] == [
        "\N{MINUS SIGN}3 \N{EN DASH} \N{MINUS SIGN}1",
        "\N{MINUS SIGN}1 \N{EN DASH} 0",
        "0 \N{EN DASH} 1",
        "1 \N{EN DASH} 3",
    ]
    # each swatch is the colour the heatmap draws for a value in its interval
    for p, v in zip(steps, (-2, -0.5, 0.5, 2), strict=True):
        np.testing.assert_allclose(p.get_facecolor(), g.cmap(g.norm(v)))


def test_ncols_spreads_the_legends(pbmc, pbmc_obs):
    cells = pbmc.index[::35]
    df = pbmc.loc[cells, pbmc.columns[:12]]
    obs = pbmc_obs.loc[cells]
    leg = cg.Legends(ncols=2, scale=False)
    g = (
        cg.ClusterGrid(df, cell_size=0.12)
        .add(cg.AnnotationBar(obs["bulk_labels"], name="type"), "left")
        .add(cg.AnnotationBar(obs["louvain"].astype(str), name="louvain"), "left")
        .add(leg)
    )
    g.draw()
    assert len({round(b.x, 6) for b in leg.blocks}) == 2
    boxes, legend_boxes = _every_box(g)
    _assert_disjoint(
        list(boxes.values()) + [leg.ax.get_tightbbox(renderer_of(g.figure))]
    )
    _assert_disjoint(legend_boxes)
    _assert_inside_everything(g)


@pytest.mark.parametrize("size_mm", [60, 120])
@pytest.mark.parametrize("n", [1, 2, 4, 8])
def test_legends_never_overlap_and_stay_inside(wine_small, wine, n, size_mm):
    df, cult, alc = wine_small
    rng = np.random.default_rng(n)
    g = cg.ClusterGrid(df, figsize=(f"{size_mm}mm", f"{size_mm}mm"))
    sides = ["left", "top", "bottom", "left"]
    for k in range(n):
        if k % 3 == 0:
            values = pd.Series(
                rng.choice(list("abcd"), len(df)), index=df.index, name=f"cat{k}"
            )
        elif k % 3 == 1:
            values = pd.Series(rng.normal(size=len(df)), index=df.index, name=f"num{k}")
        else:
            values = pd.Series(
                rng.choice(["x", "y"], df.shape[1]), index=df.columns, name=f"col{k}"
            )
        side = sides[k % 4] if k % 3 != 2 else ("top" if k % 2 else "bottom")
        if k % 3 != 2 and side in ("top", "bottom"):
            side = "left"
        g = g.add(cg.AnnotationBar(values), side)
    if size_mm == 60 and n >= 4:
        # the keys need more width than a 60 mm figure has beside any heatmap:
        # a clear error naming the Legends panel, never an overlapping figure
        with pytest.raises(
            cg.LayoutError,
            match=r"right\[0\]:Legends needs .* figsize=2.36x2.36 in "
            "is too small",
        ):
            g.draw()
        return
    fig = g.draw()
    np.testing.assert_allclose(fig.get_size_inches(), (size_mm / 25.4,) * 2, rtol=5e-3)
    sw, cbs = _keys(fig)
    want_titles = {f"cat{k}" for k in range(n) if k % 3 == 0} | {
        f"col{k}" for k in range(n) if k % 3 == 2
    }
    assert {p.legend_title for p in sw} == want_titles
    assert (
        len(cbs) == sum(1 for k in range(n) if k % 3 == 1) + 1
    )  # numeric bars + the scale
    boxes, legend_boxes = _every_box(g)
    (leg,) = _drawn(g, cg.Legends)
    fb = fig.bbox
    for bb in list(boxes.values()) + legend_boxes:
        assert (
            bb.x0 >= -0.5
            and bb.y0 >= -0.5
            and bb.x1 <= fb.x1 + 0.5
            and bb.y1 <= fb.y1 + 0.5
        )
    _assert_disjoint(legend_boxes)
    legend_area = leg.panel.ax.get_window_extent(renderer_of(fig))
    for (
        name,
        bb,
    ) in boxes.items():  # legends never reach into another panel or the heatmap
        for lb in legend_boxes:
            ox = min(lb.x1, bb.x1) - max(lb.x0, bb.x0)
            oy = min(lb.y1, bb.y1) - max(lb.y0, bb.y0)
            assert ox <= 0.5 or oy <= 0.5, f"a legend overlaps {name}"
    assert legend_area.x0 >= g.ax_heatmap.get_window_extent(renderer_of(fig)).x1


def test_multi_line_entries_and_titles_are_measured(wine_small):
    df, cult, alc = wine_small
    two = cult.map(
        {"class_0": "first\nclass", "class_1": "second\nclass", "class_2": "third"}
    )
    two.name = "cultivar"  # (a bar's own name stays on one line: see README's limits)
    extra = [("two-line\ntitle", {"a\nb": "red", "c": "blue"})]
    g = (
        cg.ClusterGrid(df, figsize=(4, 3))
        .add(cg.AnnotationBar(two), "left")
        .add(cg.Legends(extra=extra))
    )
    fig = g.draw()
    (slot,) = _drawn(g, cg.Legends)
    r = renderer_of(fig)
    texts = slot.panel.ax.texts
    assert any("\n" in t.get_text() for t in texts)
    boxes = [t.get_window_extent(r) for t in texts] + [
        p.get_window_extent(r) for p in _keys(fig)[0]
    ]
    _assert_disjoint(boxes)
    _assert_inside_everything(g)
    for t in texts:
        bb = t.get_window_extent(r)
        assert bb.x1 <= fig.bbox.x1 + 0.5 and bb.y0 >= -0.5
