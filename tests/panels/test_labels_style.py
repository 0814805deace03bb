"""Labels styled per label (colour, weight, style: a value, a dict or a
function), coloured by a category with its legend, with an axis title in
the measured layout, MultiIndex labels joined with "-"."""

from __future__ import annotations

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest

import clustergrid as cg
from conftest import image_test, renderer_of


@pytest.fixture(scope="module")
def small(wine_z, wine):
    df = wine_z.iloc[::8]
    return df, wine["cultivar"].loc[df.index]


def _texts(panel):
    return {t.get_text(): t for t in panel.texts}


def _assert_inside_and_disjoint(g, artists):
    r = renderer_of(g.figure)
    fb = g.figure.bbox
    boxes = [a.get_window_extent(r) for a in artists]
    for bb in boxes:
        assert (
            bb.x0 >= -0.5
            and bb.y0 >= -0.5
            and bb.x1 <= fb.x1 + 0.5
            and bb.y1 <= fb.y1 + 0.5
        )
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert (
                min(a.x1, b.x1) - max(a.x0, b.x0) <= 0.5
                or min(a.y1, b.y1) - max(a.y0, b.y0) <= 0.5
            )


def test_dict_and_callable_styles_follow_the_labels_after_clustering(small):
    df, _ = small
    colours = {lab: ("red" if i % 2 else "blue") for i, lab in enumerate(df.index)}
    lab_r = cg.Labels(
        color=colours, fontweight=lambda s: "bold" if s.endswith("1") else None
    )
    lab_b = cg.Labels(
        fontstyle={"alcohol": "italic"}, color=lambda c: "green" if "a" in c else "k"
    )
    g = cg.ClusterGrid(df).cluster().add(lab_r, "right").add(lab_b, "bottom")
    g.draw()
    assert list(g.row_order) != list(df.index)  # clustering moved the rows
    r = renderer_of(g.figure)
    for i, t in zip(lab_r.shown, lab_r.texts, strict=True):
        label = g.row_order[i]
        assert t.get_text() == str(label)  # the text names the row drawn there
        y = g.ax_heatmap.transData.transform((0, i + 0.5))[1]
        bb = t.get_window_extent(r)
        assert (bb.y0 + bb.y1) / 2 == pytest.approx(y, abs=1.0)
        np.testing.assert_allclose(
            mcolors.to_rgba(t.get_color()), mcolors.to_rgba(colours[label])
        )
        assert t.get_fontweight() == ("bold" if label.endswith("1") else "normal")
    for t in lab_b.texts:
        want = "green" if "a" in t.get_text() else "k"
        assert mcolors.to_rgba(t.get_color()) == mcolors.to_rgba(want)
        assert t.get_fontstyle() == (
            "italic" if t.get_text() == "alcohol" else "normal"
        )
    _assert_inside_and_disjoint(g, lab_r.texts)


def test_color_by_colours_labels_like_their_legend(small):
    df, cult = small
    lab = cg.Labels(
        color_by=cult,
        palette={"class_0": "#1b9e77", "class_1": "#d95f02", "class_2": "#7570b3"},
    )
    g = cg.ClusterGrid(df).cluster().add(lab, "left")
    fig = g.draw()
    swatches = {
        p.legend_label: p
        for ax in fig.axes
        for p in ax.patches
        if hasattr(p, "legend_label")
    }
    assert set(swatches) == {"class_0", "class_1", "class_2"}  # an automatic legend
    assert {p.legend_title for p in swatches.values()} == {"cultivar"}
    for i, t in zip(lab.shown, lab.texts, strict=True):
        cat = cult[g.row_order[i]]
        np.testing.assert_allclose(
            mcolors.to_rgba(t.get_color()), swatches[cat].get_facecolor()
        )


def test_axis_titles_default_to_the_index_names(small):
    df, _ = small
    df = df.copy()
    df.columns.name = "measurement"
    right, bottom = cg.Labels(), cg.Labels(rotation=90)
    g = (
        cg.ClusterGrid(df, figsize=("120mm", "120mm"))
        .cluster()
        .add(right, "right")
        .add(bottom, "bottom")
    )
    fig = g.draw()
    r = renderer_of(fig)
    rt = next(t for t in right.ax.texts if t.get_label() == "clustergrid:labels:title")
    bt = next(t for t in bottom.ax.texts if t.get_label() == "clustergrid:labels:title")
    assert rt.get_text() == "sample" and bt.get_text() == "measurement"
    # beyond the labels, centred on the heatmap, inside the figure
    hb = g.ax_heatmap.get_window_extent(r)
    rb, bb = rt.get_window_extent(r), bt.get_window_extent(r)
    assert rb.x0 >= max(t.get_window_extent(r).x1 for t in right.texts) - 0.5
    assert bb.y1 <= min(t.get_window_extent(r).y0 for t in bottom.texts) + 0.5
    assert (rb.y0 + rb.y1) / 2 == pytest.approx((hb.y0 + hb.y1) / 2, abs=1.0)
    assert (bb.x0 + bb.x1) / 2 == pytest.approx((hb.x0 + hb.x1) / 2, abs=1.0)
    _assert_inside_and_disjoint(g, [rt, bt, g.ax_heatmap])
    np.testing.assert_allclose(
        fig.get_size_inches(), (120 / 25.4, 120 / 25.4), rtol=5e-3
    )
    # title=False: none; a string: that title
    off, named = cg.Labels(title=False), cg.Labels(title="Genes", rotation=90)
    g2 = cg.ClusterGrid(df).add(off, "left").add(named, "top")
    g2.draw()
    assert not [t for t in off.ax.texts if t.get_label() == "clustergrid:labels:title"]
    assert [
        t.get_text()
        for t in named.ax.texts
        if t.get_label() == "clustergrid:labels:title"
    ] == ["Genes"]


def test_multiindex_labels_are_joined_and_levels_give_the_title():
    idx = pd.MultiIndex.from_product([["A", "B"], [1, 2, 3]], names=["letter", "num"])
    df = pd.DataFrame(
        np.arange(24, dtype=float).reshape(6, 4), index=idx, columns=list("wxyz")
    )
    lab = cg.Labels()
    g = cg.ClusterGrid(df).add(lab, "left")
    g.draw()
    assert [t.get_text() for t in lab.texts] == [
        "A-1",
        "A-2",
        "A-3",
        "B-1",
        "B-2",
        "B-3",
    ]
    # the level names give the title (drawn once the grid's matrix keeps them)
    from clustergrid._input.label_text import index_title

    assert index_title(idx) == "letter-num"
    assert index_title(pd.Index([1, 2], name="gene")) == "gene"
    assert index_title(pd.Index([1, 2])) == ""


def test_multi_line_labels_never_overprint(small):
    df, _ = small
    df = df.rename(index=lambda s: s.replace("_", "\n"))
    lab = cg.Labels()
    g = cg.ClusterGrid(df, figsize=(4, 3)).add(lab, "right")
    g.draw()
    assert 0 < len(lab.texts) < len(df)  # two lines each: thinned to fit
    _assert_inside_and_disjoint(g, lab.texts)


def test_labels_options_fail_where_given():
    with pytest.raises(ValueError, match="rotation=nan"):
        cg.Labels(rotation=float("nan"))
    with pytest.raises(TypeError, match="a dict label -> value or a function"):
        cg.Labels(color=["red", "blue", "green"])
    with pytest.raises(ValueError, match="the value for 'a' is 'nope'"):
        cg.Labels(color={"a": "nope"})
    with pytest.raises(ValueError, match="fontweight"):
        cg.Labels(fontweight="heavyish")
    with pytest.raises(ValueError, match="fontstyle"):
        cg.Labels(fontstyle="slanted")
    with pytest.raises(ValueError, match="color= or color_by="):
        cg.Labels(color="red", color_by={"a": "x"})
    with pytest.raises(TypeError, match="title"):
        cg.Labels(title=3)
    g = cg.ClusterGrid(np.eye(3)).add(cg.Labels(color=lambda s: "notacolour"), "left")
    with pytest.raises(ValueError, match="returned 'notacolour'"):
        g.draw()


@image_test()
def test_labels_image_styled_with_titles(small):
    df, cult = small
    df = df.copy()
    df.columns.name = "measurement"
    g = (
        cg.ClusterGrid(df, cmap="RdBu_r", center=0, cell_size=0.16)
        .cluster()
        .add(cg.Labels(color_by=cult, fontsize=7), "right")
        .add(
            cg.Labels(
                rotation=90,
                fontsize=7,
                fontweight={"alcohol": "bold", "proline": "bold"},
                fontstyle=lambda c: "italic" if "phenol" in c else "normal",
            ),
            "bottom",
        )
    )
    return g.draw()


def test_labels_step_shows_every_kth_label():
    df = pd.DataFrame(
        np.arange(60.0).reshape(30, 2), index=[f"r{i}" for i in range(30)]
    )
    lab = cg.Labels(step=3, title=False)
    g = cg.ClusterGrid(df, cell_size=0.25).add(lab, "right")
    g.draw()
    assert list(lab.shown) == list(range(0, 30, 3))
    assert [t.get_text() for t in lab.texts] == [f"r{i}" for i in range(0, 30, 3)]
    # tiny cells: a multiple of the step, so no two labels overlap
    lab2 = cg.Labels(step=3, title=False)
    g2 = cg.ClusterGrid(df, cell_size=(0.25, 0.03)).add(lab2, "right")
    g2.draw()
    k = int(np.diff(lab2.shown)[0])
    assert k % 3 == 0 and k > 3 and set(np.diff(lab2.shown)) == {k}
    for bad in (0, -2, 1.5, True):
        with pytest.raises(ValueError, match="step"):
            cg.Labels(step=bad)
