"""Layout engine v2, end to end: sizes measured from what is drawn, corners
and overhangs as claims, the heatmap gets the space, one engine for one grid
or many, and the drawn result kept apart from the spec."""

from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

import clustergrid as cg
from conftest import assert_no_overlap, renderer_of

MM = 1 / 25.4


@pytest.fixture(scope="module")
def df():
    rng = np.random.default_rng(5)
    return pd.DataFrame(
        rng.normal(size=(13, 20)),
        index=[f"Sample {i}" for i in range(13)],
        columns=[f"c{j}" for j in range(20)],
    )


@pytest.fixture(scope="module")
def groups(df):
    return (
        pd.Series(["A"] * 6 + ["B"] * 7, index=df.index, name="row group"),
        pd.Series(["X"] * 10 + ["Y"] * 10, index=df.columns, name="col group"),
    )


class RowMeans(cg.Panel):
    """The README's custom panel: bars with a value axis, and no measure()."""

    def draw(self, ax, ctx):
        ax.barh(np.arange(ctx.n) + 0.5, ctx.matrix.mean(axis=1) * 1e9, height=0.8)


def recipe(df, groups, figsize):
    grp, cgp = groups
    return (
        cg.ClusterGrid(df, center=0, figsize=figsize)
        .cluster()
        .add(cg.AnnotationBar(grp), "left")
        .add(cg.Dendrogram(), "left")
        .add(cg.AnnotationBar(cgp), "top")
        .add(cg.Dendrogram(), "top")
        .add(cg.Labels(), "right")
        .add(cg.Labels(rotation=90), "bottom")
        .add(cg.ScaleBar(label="Measurements"), "top-left")
        .add(cg.Legends(scale=False), "right")
    )


def texts_outside(fig, tol=1.0):
    """Visible, non-empty texts whose extent leaves the figure (pixels)."""
    r = renderer_of(fig)
    fb = fig.bbox
    out = []
    for t in fig.findobj(Text):
        if not (t.get_visible() and t.get_text().strip()):
            continue
        b = t.get_window_extent(r)
        if b.x0 < -tol or b.y0 < -tol or b.x1 > fb.x1 + tol or b.y1 > fb.y1 + tol:
            out.append(t.get_text())
    return out


def content_span(fig):
    r = renderer_of(fig)
    boxes = [
        b
        for b in (ax.get_tightbbox(r) for ax in fig.axes if ax.get_visible())
        if b is not None
    ]
    fb = fig.bbox
    return (
        (max(b.x1 for b in boxes) - min(b.x0 for b in boxes)) / fb.width,
        (max(b.y1 for b in boxes) - min(b.y0 for b in boxes)) / fb.height,
    )


@pytest.mark.parametrize("size_mm", [(89, 70), (120, 90), (183, 120)])
def test_classic_recipe_at_journal_sizes(df, groups, size_mm):
    w, h = size_mm
    g = recipe(df, groups, (f"{w}mm", f"{h}mm"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no share warning: the heatmap gets its room
        fig = g.draw()
    np.testing.assert_allclose(fig.get_size_inches(), (w * MM, h * MM), rtol=1e-9)
    assert texts_outside(fig) == []
    assert_no_overlap(g)
    r = renderer_of(fig)
    hb = g.ax_heatmap.get_window_extent(r)
    assert hb.width / fig.bbox.width >= 0.30
    assert hb.height / fig.bbox.height >= 0.30
    # the corner scale stays inside its corner: left of and above the heatmap
    sb = g.panels[6].ax.get_tightbbox(r)
    assert sb.x1 <= hb.x0 + 0.5 and sb.y0 >= hb.y1 - 0.5


def test_corner_scale_with_a_long_label_stays_in_the_figure(df):
    g = (
        cg.ClusterGrid(df, center=0)
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(cg.Dendrogram(), "top")
        .add(cg.Labels(), "right")
        .add(cg.ScaleBar(label="log2 fold change vs control"), "top-left")
    )
    fig = g.draw()
    assert texts_outside(fig) == []
    assert_no_overlap(g)


@pytest.mark.parametrize("sizing", [{}, {"cell_size": 0.2}, {"figsize": (6, 3)}])
def test_title_wider_than_the_heatmap(df, sizing):
    title = "A title much wider than the heatmap it names"
    g = cg.ClusterGrid(df.iloc[:, :4], **sizing).add(cg.Title(title), "top")
    fig = g.draw()
    assert texts_outside(fig) == []
    if "cell_size" in sizing:  # the figure grows around the exact cells
        r = renderer_of(fig)
        assert g.ax_heatmap.get_window_extent(r).width / fig.dpi == pytest.approx(
            0.8, rel=1e-6
        )
        tw = (
            [t for t in fig.findobj(Text) if t.get_text() == title][0]
            .get_window_extent(r)
            .width
        )
        assert fig.bbox.width >= tw


def test_title_wider_than_a_fixed_figure_is_a_clear_error(df):
    g = cg.ClusterGrid(df.iloc[:, :4], figsize=(2.5, 3)).add(
        cg.Title("A title much wider than the heatmap it names"), "top"
    )
    with pytest.raises(
        cg.LayoutError, match=r"past the (start|end) \(top\[0\]:Title\) needs"
    ):
        g.draw()


def test_custom_panel_with_value_axis_needs_no_measure(df):
    g = cg.ClusterGrid(df).add(RowMeans(), "right", size="15mm")
    fig = g.draw()
    assert texts_outside(fig) == []
    r = renderer_of(fig)
    panel = g.panels[0].ax
    tb, hb = panel.get_tightbbox(r), g.ax_heatmap.get_tightbbox(r)
    assert tb.x0 >= hb.x1 - 0.5  # its tick labels stay clear of the heatmap too
    # its box keeps the size it claimed: the room for the ticks is added around it
    assert panel.get_window_extent(r).width / fig.dpi == pytest.approx(
        15 * MM, rel=1e-6
    )
    assert g.result.passes >= 2  # measured from the first draw, then laid out again


def test_twelve_inch_figure_has_no_blank_margins(df):
    g = (
        cg.ClusterGrid(df, figsize=(12, 12))
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(cg.Dendrogram(), "top")
        .add(cg.Labels(), "right")
    )
    fig = g.draw()
    sx, sy = content_span(fig)
    assert sx >= 0.95 and sy >= 0.95
    np.testing.assert_allclose(fig.get_size_inches(), (12, 12))


def test_small_heatmap_share_warns_and_names_the_panels(df):
    g = (
        cg.ClusterGrid(df, figsize=(4, 4))
        .add(cg.Labels(), "right")
        .add(RowMeans(), "left", size="2.5in")
    )
    with pytest.warns(
        UserWarning, match=r"heatmap gets .* width .*left\[0\]:RowMeans"
    ) as rec:
        g.draw()
    assert rec[0].filename == __file__  # it points at the user's line


def test_user_edits_survive_save(df, tmp_path):
    g = cg.ClusterGrid(df).cluster().add(cg.Labels(), "right")
    fig = g.draw()
    g.ax_heatmap.set_xlabel("Samples")
    fig.suptitle("My title")
    g.save(tmp_path / "f.svg")
    svg = (tmp_path / "f.svg").read_text()
    assert "Samples" in svg and "My title" in svg
    assert g.figure is fig
    assert fig.get_suptitle() == "My title"
    png = g._repr_png_()
    assert png[:4] == b"\x89PNG" and g.figure is fig
    # a changed spec draws again (and the edits, made on the old figure, are gone)
    g.add(cg.Labels(), "bottom")
    g.save(tmp_path / "g.svg")
    assert g.figure is not fig
    assert "My title" not in (tmp_path / "g.svg").read_text()


def test_result_object_and_views(df):
    lab = cg.Labels()
    g = cg.ClusterGrid(df).cluster().add(cg.Dendrogram(), "left").add(lab, "right")
    assert g.result is None and g.figure is None and lab.ax is None
    fig = g.draw()
    res = g.result
    assert res.figure is fig and res.grids[0].ax_heatmap is g.ax_heatmap
    assert res.grids[0].drawn(lab).ax is lab.ax
    assert lab.ax in fig.axes and g.layout is res.grids[0].layout
    fig2 = g.draw()
    assert fig2 is not fig and lab.ax in fig2.axes and lab.ax not in fig.axes


def test_one_panel_serves_two_grids(df):
    lab = cg.Labels()
    g1 = cg.ClusterGrid(df).cluster().add(lab, "right")
    g2 = cg.ClusterGrid(df.iloc[:5]).add(lab, "right")
    f1 = g1.draw()
    f2 = g2.draw()
    d1, d2 = g1.result.grids[0].drawn(lab), g2.result.grids[0].drawn(lab)
    t1 = [t.get_text() for t in d1.state["texts"]]
    t2 = [t.get_text() for t in d2.state["texts"]]
    assert t1 == [str(x) for x in g1.row_order[d1.state["shown"]]]
    assert t2 == [str(x) for x in df.index[:5]]
    # the first grid's figure still shows its own labels after the second draw
    assert [t.get_text() for t in d1.axes[0].texts] == t1
    assert all(t.figure is f1 for t in d1.state["texts"])
    assert lab.ax is d2.ax and lab.texts == d2.state["texts"] and d2.ax.figure is f2
    # saving the first grid again reuses its own figure, with its own labels
    g1.save(io.BytesIO(), format="png")
    assert g1.figure is f1


def test_draw_into_a_figure_with_axes_is_refused(df):
    fig = Figure()
    fig.add_subplot().plot([0, 1])
    with pytest.raises(
        ValueError, match="already holds 1 axes.*SubFigure.*SubplotSpec"
    ):
        cg.ClusterGrid(df).draw(fig)
    # a free SubplotSpec of the same figure is fine, and its axes are kept
    fig2 = Figure(figsize=(10, 4))
    gs = fig2.add_gridspec(1, 2)
    other = fig2.add_subplot(gs[0, 0])
    g = cg.ClusterGrid(df).add(cg.Labels(), "right")
    g.draw(gs[0, 1])
    assert other in fig2.axes
    r = renderer_of(fig2)
    assert g.ax_heatmap.get_window_extent(r).x0 >= other.get_tightbbox(r).x1


def test_layout_dump_prints(df, capsys):
    g = (
        cg.ClusterGrid(df)
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(cg.Labels(), "right")
    )
    g.draw()
    text = g.layout.dump()
    assert capsys.readouterr().out.rstrip("\n") == text
    assert "left[0]:Dendrogram" in text and "right[0]:Labels" in text


# -- concat: one engine for one grid or many ------------------------------------------------
def _grid(df, **kw):
    return (
        cg.ClusterGrid(df, **kw)
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(cg.Labels(), "right")
        .add(cg.Labels(), "bottom")
    )


def test_concat_stacked_shares_the_column_order(df, groups):
    top = _grid(df.iloc[:6]).add(cg.Dendrogram(), "top")
    bottom = _grid(df.iloc[6:])
    both = top / bottom
    assert isinstance(both, cg.ConcatGrid) and both.axis == 0
    fig = both.draw()
    assert texts_outside(fig) == []
    r = renderer_of(fig)
    a, b = top.ax_heatmap.get_window_extent(r), bottom.ax_heatmap.get_window_extent(r)
    assert a.x0 == pytest.approx(b.x0, abs=0.01) and a.x1 == pytest.approx(
        b.x1, abs=0.01
    )
    assert a.y0 > b.y1  # stacked, top grid above
    assert list(bottom.result.grids[0].plan.ordered.col_order) == list(top.col_order)
    # main= picks which grid's order is shared
    both2 = cg.concat([top, bottom], axis=0, main=1)
    both2.draw()
    assert list(top.result.grids[0].plan.ordered.col_order) == list(bottom.col_order)


def test_concat_honours_square_and_cell_size(df):
    g1 = _grid(df, square=True)
    g2 = _grid(df.iloc[:, :5], cell_size=(0.4, 0.2))
    both = cg.concat([g1, g2], figsize=(9, 5))
    fig = both.draw()
    r = renderer_of(fig)
    b1 = g1.ax_heatmap.get_window_extent(r)
    assert b1.width / 20 == pytest.approx(b1.height / 13, rel=1e-3)  # square cells kept
    np.testing.assert_allclose(fig.get_size_inches(), (9, 5))
    # without a figsize each grid keeps its own cells across, the main grid's along
    both = g2 + _grid(df, cell_size=0.15)
    fig = both.draw()
    r = renderer_of(fig)
    b2 = both.grids[0].ax_heatmap.get_window_extent(r)
    assert b2.width / fig.dpi == pytest.approx(5 * 0.4, rel=1e-6)
    assert b2.height / fig.dpi == pytest.approx(13 * 0.2, rel=1e-6)
    b3 = both.grids[1].ax_heatmap.get_window_extent(r)
    assert b3.width / fig.dpi == pytest.approx(20 * 0.15, rel=1e-6)


def test_concat_one_legends_panel_lists_every_grid(df, groups):
    grp, _ = groups
    other = pd.Series(["A"] * 3 + ["C"] * 10, index=df.index, name="row group")
    batch = pd.Series(["b1"] * 7 + ["b2"] * 6, index=df.index, name="batch")
    g1 = cg.ClusterGrid(df).add(cg.AnnotationBar(grp), "left")
    g2 = (
        cg.ClusterGrid(df.iloc[:, :5])
        .add(cg.AnnotationBar(other), "left")
        .add(cg.AnnotationBar(batch), "left")
        .add(cg.Legends(scale=False), "right")
    )
    fig = (g1 + g2).draw()
    leg = g2.panels[-1]
    titles = [b.title for b in leg.blocks]
    assert titles.count("row group") == 1 and "batch" in titles
    merged = leg.blocks[titles.index("row group")]
    assert [lab for lab, _ in merged.entries] == ["A", "B", "C"]
    assert texts_outside(fig) == []


def test_concat_refuses_mixing_axes(df):
    g1, g2, g3 = (cg.ClusterGrid(df) for _ in range(3))
    with pytest.raises(TypeError, match="mix"):
        (g1 + g2) / g3
    with pytest.raises(ValueError, match="main="):
        cg.concat([g1, g2], main=5)
    with pytest.raises(ValueError, match="axis"):
        cg.concat([g1, g2], axis=2)


def test_show_displays_the_drawn_figure_itself(df):
    import matplotlib.pyplot as plt

    g = cg.ClusterGrid(df).add(cg.Labels(), "right")
    fig = g.draw()
    g.ax_heatmap.set_title("edited")
    g.show()  # Agg: nothing pops up, but pyplot now manages this very figure
    assert plt.gcf() is fig and g.figure is fig
    assert g.ax_heatmap.get_title() == "edited"
    plt.close(fig)


def test_concat_automatic_legends_are_drawn_once(df, groups):
    grp, _ = groups
    batch = pd.Series(["b1"] * 7 + ["b2"] * 6, index=df.index, name="batch")
    g1 = cg.ClusterGrid(df).add(cg.AnnotationBar(grp), "left")
    g2 = cg.ClusterGrid(df.iloc[:, :5]).add(cg.AnnotationBar(batch), "left")
    both = g1 + g2
    fig = both.draw()
    legends = [
        d
        for gr in both.result.grids
        for d in gr.panels
        if isinstance(d.slot.panel, cg.Legends)
    ]
    assert len(legends) == 1 and legends[0].slot.auto
    assert legends[0] in both.result.grids[-1].panels  # after the last grid
    titles = [b.title for b in legends[0].slot.panel.blocks]
    assert "row group" in titles and "batch" in titles
    assert texts_outside(fig) == []


@pytest.mark.parametrize("figsize", [(0.1, 8), (1e-300, 4), (0.05, 0.05)])
def test_figures_too_small_for_anything_are_a_layout_error(df, figsize):
    g = cg.ClusterGrid(df, figsize=figsize).add(cg.Labels(), "right")
    with pytest.raises(cg.LayoutError, match="too small"):
        g.draw()


def test_tiny_targets_and_concat_figures_are_a_layout_error(df):
    fig = Figure(figsize=(4, 4))
    spec = fig.add_gridspec(100, 100)[0, 0]
    with pytest.raises(cg.LayoutError, match="target of draw"):
        cg.ClusterGrid(df).draw(spec)
    with pytest.raises(cg.LayoutError, match="cannot hold 2 grids"):
        cg.concat([cg.ClusterGrid(df), cg.ClusterGrid(df)], figsize=(0.1, 0.1)).draw()


def test_scalebar_explicit_ticks_never_overprint(df):
    sb = cg.ScaleBar(ticks=np.linspace(-2, 2, 21))
    g = cg.ClusterGrid(df, center=0, vmin=-2, vmax=2).add(sb, "right")
    with pytest.warns(
        UserWarning, match=r"ScaleBar\(ticks=...\): the labels of 21 ticks"
    ):
        fig = g.draw()
    r = renderer_of(fig)
    boxes = [
        t.get_window_extent(r)
        for t in sb.colorbar.ax.get_yticklabels()
        if t.get_visible() and t.get_text()
    ]
    assert 2 <= len(boxes) < 21
    boxes.sort(key=lambda b: b.y0)
    assert all(a.y1 <= b.y0 + 0.5 for a, b in zip(boxes, boxes[1:], strict=False))
    # ticks that fit are kept exactly as given
    sb2 = cg.ScaleBar(ticks=[-2, 0, 2])
    cg.ClusterGrid(df, center=0, vmin=-2, vmax=2).add(sb2, "right").draw()
    assert list(sb2.colorbar.get_ticks()) == [-2, 0, 2]


def test_split_gap_count_is_checked_at_the_split_call(df):
    grp = pd.Series(["a"] * 4 + ["b"] * 4 + ["c"] * 5, index=df.index)
    with pytest.raises(ValueError, match="gives 3 gaps .* split into 3 slices: give 2"):
        cg.ClusterGrid(df).split(rows=grp, gap=["1mm", "2mm", "3mm"])
    g = cg.ClusterGrid(df, cell_size=0.2).split(rows=grp, gap=["1mm", "4mm"])
    g.draw()
    ys = sorted(
        (ax.get_position().y0, ax.get_position().y1)
        for row in g.heatmap_axes
        for ax in row[:1]
    )
    h = g.figure.get_size_inches()[1]
    gaps = [(b[0] - a[1]) * h for a, b in zip(ys, ys[1:], strict=False)]
    assert sorted(gaps) == pytest.approx(sorted([1 / 25.4, 4 / 25.4]), abs=1e-6)
