"""What the user adds to a drawn figure is laid out at every draw (the
figure's layout engine): axis labels and titles, sup-labels, figure texts
and legends, a title on a panel.  Checked from the drawn artists: no text
overlaps another, nothing leaves the figure, the size stays exact, and each
label sits where a reader expects it."""

from __future__ import annotations

import io
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import Patch

import clustergrid as cg
from clustergrid._render.engine import GridEngine
from conftest import assert_texts_fit, drawn_texts, renderer_of, text_box


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture
def df() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    return pd.DataFrame(
        rng.normal(size=(30, 12)),
        index=[f"gene {i}" for i in range(30)],
        columns=[f"sample {j}" for j in range(12)],
    )


def builder(df: pd.DataFrame, **kw) -> cg.ClusterGrid:
    return (
        cg.ClusterGrid(df, **kw)
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(cg.Dendrogram(), "top")
        .add(cg.Labels(), "right")
        .add(cg.Labels(), "bottom")
    )


def png(save) -> bytes:
    buf = io.BytesIO()
    save(buf, format="png")
    return buf.getvalue()


def boxes_of(fig, prefix: str) -> list:
    return [b for s, b in drawn_texts(fig) if s.startswith(prefix)]


def test_heatmap_labels_go_outside_the_stacks(df):
    g = cg.clustermap(df, figsize=(6, 7))
    ax = g.ax_heatmap
    ax.set_xlabel("Samples")
    ax.set_ylabel("Genes")
    ax.set_title("Expression")
    g.savefig(io.BytesIO(), format="png")
    fig = g.figure
    assert_texts_fit(fig, (6, 7), ("Samples", "Genes", "Expression"))
    x, y, t = (text_box(fig, s) for s in ("Samples", "Genes", "Expression"))
    r = renderer_of(fig)
    # the x label under the column labels, the y label left of the row labels
    # (seaborn's clustermap: rows labelled on the right, columns at the bottom)
    assert x.y1 <= min(b.y0 for b in boxes_of(fig, "sample ")) + 0.5
    assert t.y0 >= g.ax_col_dendrogram.get_tightbbox(r).y1 - 0.5
    assert y.x1 <= g.ax_row_dendrogram.get_tightbbox(r).x0 + 0.5
    # centred on the heatmap
    hb = ax.get_window_extent(r)
    assert (x.x0 + x.x1) / 2 == pytest.approx((hb.x0 + hb.x1) / 2, abs=1)
    assert (y.y0 + y.y1) / 2 == pytest.approx((hb.y0 + hb.y1) / 2, abs=1)


def test_unedited_figure_is_not_laid_out_again(df):
    g = builder(df, figsize=(5, 6))
    fig = g.draw()
    result = g._result
    pos = [a.get_position().bounds for a in fig.axes]
    fig.canvas.draw()
    g.save(io.BytesIO(), format="png")
    assert g._result is result
    assert [a.get_position().bounds for a in fig.axes] == pos
    assert isinstance(fig.get_layout_engine(), GridEngine)


def test_suptitle_above_the_figure_is_brought_in(df):
    g = builder(df, figsize=(5, 6))
    fig = g.draw()
    fig.suptitle("A figure title", y=1.02)
    g.save(io.BytesIO(), format="png")
    assert_texts_fit(fig, (5, 6), ("A figure title",))
    top = text_box(fig, "A figure title")
    r = renderer_of(fig)
    assert top.y0 >= g._result.grids[0].panels[1].ax.get_tightbbox(r).y1


def test_sup_labels_figure_text_and_legend(df):
    g = builder(df, figsize=(6, 6))
    fig = g.draw()
    fig.supxlabel("all samples")
    fig.supylabel("all genes")
    fig.text(0.01, 0.99, "A", fontsize=16, fontweight="bold", va="top")
    fig.legend(
        handles=[Patch(color="C0", label="first"), Patch(color="C1", label="second")],
        loc="upper right",
    )
    g.save(io.BytesIO(), format="png")
    assert_texts_fit(fig, (6, 6), ("all samples", "all genes", "A", "first"))
    # the legend does not cover any panel
    r = renderer_of(fig)
    leg = fig.legends[0].get_window_extent(r)
    for ax in g._result.axes():
        bb = ax.get_tightbbox(r)
        ox = min(bb.x1, leg.x1) - max(bb.x0, leg.x0)
        oy = min(bb.y1, leg.y1) - max(bb.y0, leg.y0)
        assert ox <= 1 or oy <= 1, ax.get_label()


def test_title_on_a_panel_gets_room_and_survives_relayout(df):
    g = cg.clustermap(df, figsize=(6, 6))
    col_tree = g.ax_col_dendrogram
    col_tree.set_title("column tree", fontsize=14)
    g.ax_heatmap.set_xlabel("Samples")
    g.savefig(io.BytesIO(), format="png")
    fig = g.figure
    assert g.ax_col_dendrogram is col_tree  # the same axes, drawn again
    assert col_tree.get_title() == "column tree"
    assert col_tree.title.get_fontsize() == 14
    assert_texts_fit(fig, (6, 6), ("column tree", "Samples"))


def test_axes_objects_and_user_artists_are_kept(df):
    g = cg.clustermap(df, figsize=(6, 6))
    ax = g.ax_heatmap
    mark = ax.text(1, 1, "here")
    line = g.ax_row_dendrogram.axvline(0.5, color="red")
    ax.set_title("T")
    g.savefig(io.BytesIO(), format="png")
    assert g.ax_heatmap is ax and mark in ax.texts
    assert line in g.ax_row_dendrogram.lines
    assert_texts_fit(g.figure, (6, 6), ("T", "here"))


def test_saved_twice_gives_the_same_bytes_and_later_edits_count(df):
    g = builder(df, figsize=(5, 6))
    fig = g.draw()
    g.ax_heatmap.set_xlabel("Samples")
    first = png(g.save)
    assert png(g.save) == first
    fig.suptitle("Later")
    third = png(g.save)
    assert third != first
    assert png(g.save) == third
    assert_texts_fit(fig, (5, 6), ("Samples", "Later"))


def test_cell_sized_figure_keeps_its_size(df):
    g = builder(df, cell_size=(0.2, 0.15))
    fig = g.draw()
    size = tuple(fig.get_size_inches())
    g.ax_heatmap.set_title("A long title over the heatmap")
    g.save(io.BytesIO(), format="png")
    assert_texts_fit(fig, size, ("A long title over the heatmap",))


def test_concat_with_labels_and_suptitle(df):
    a, b = builder(df), builder(df.iloc[:, :6])
    c = cg.concat([a, b], figsize=(9, 6))
    fig = c.draw()
    fig.suptitle("Two grids", fontsize=14)
    fig.supxlabel("samples of both")
    c.save(io.BytesIO(), format="png")
    assert_texts_fit(fig, (9, 6), ("Two grids", "samples of both"))


def test_what_cannot_fit_raises_layout_error_naming_it(df):
    g = builder(df, figsize=(3, 3))
    fig = g.draw()
    fig.suptitle("Huge\ntitle\nover\nseveral\nlines", fontsize=40)
    with pytest.raises(cg.LayoutError, match="does not fit"):
        g.save(io.BytesIO(), format="png")


def test_heatmap_into_users_axes_keeps_the_axes(df):
    fig, ax = plt.subplots(figsize=(6, 5))
    g = cg.heatmap(df.iloc[:10, :6], ax=ax, annot=True)
    assert g.ax_heatmap is ax and ax.figure is fig
    ax.set_title("Into my axes")
    ax.set_xlabel("samples")
    fig.savefig(io.BytesIO(), format="png")
    assert_texts_fit(fig, (6, 5), ("Into my axes", "samples"))
    x = text_box(fig, "samples")
    assert x.y1 <= min(b.y0 for b in boxes_of(fig, "sample ")) + 0.5


def _positions(axes) -> list:
    return [tuple(np.round(a.get_position().bounds, 12)) for a in axes]


def test_tight_layout_moves_only_the_users_axes(df):
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    ax1.plot([0, 1], [0, 1])
    ax1.set_ylabel("mine")
    g = cg.heatmap(df.iloc[:10, :6], ax=ax2, cbar_kws={"shrink": 0.8})
    fig.canvas.draw()
    ours = _positions(g.result.axes())
    mine = ax1.get_position().bounds
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        plt.tight_layout()
        fig.tight_layout()
        fig.set_layout_engine("constrained")
        fig.canvas.draw()
    said = [str(x.message) for x in w]
    assert len(said) == 1 and "lays out only your own axes" in said[0], said
    assert _positions(g.result.axes()) == ours
    assert ax1.get_position().bounds != mine  # honoured for the user's axes
    assert isinstance(fig.get_layout_engine(), GridEngine)


@pytest.mark.parametrize("layout", ["tight", "constrained"])
def test_host_figure_with_an_engine(df, layout):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4), layout=layout)
        ax1.plot([0, 1])
        g = cg.heatmap(df.iloc[:10, :6], ax=ax2)
        ours = _positions(g.result.axes())
        fig.canvas.draw()
        fig.canvas.draw()
    said = [str(x.message) for x in w]
    assert len(said) == 1 and "lays out only your own axes" in said[0], said
    assert _positions(g.result.axes()) == ours
    assert_texts_fit(fig, (10, 4))


def test_a_figure_with_the_engine_pickles(df):
    import pickle

    g = builder(df, figsize=(5, 6))
    fig = g.draw()
    fig.suptitle("kept")
    g.save(io.BytesIO(), format="png")
    back = pickle.loads(pickle.dumps(fig))
    assert isinstance(back.get_layout_engine(), GridEngine)
    back.savefig(io.BytesIO(), format="png")
    assert back._suptitle.get_text() == "kept"


def test_saving_at_other_dpis_and_formats_keeps_the_layout(df):
    g = builder(df, figsize=(5, 6))
    fig = g.draw()
    result = g._result
    pos = _positions(fig.axes)
    for kw in ({"dpi": 72}, {"dpi": 300}, {"format": "pdf"}, {"format": "svg"}):
        buf = io.BytesIO()
        g.save(buf, **{"format": "png", **kw})
    fig.savefig(io.BytesIO(), format="png", dpi=200)
    assert g._result is result and _positions(fig.axes) == pos


def test_drawn_twice_into_the_same_subfigure(df):
    fig = plt.figure(figsize=(10, 5))
    left, right = fig.subfigures(1, 2)
    g = builder(df)
    g.draw(right)
    g.draw(right)  # again: no duplicated axes
    assert len(fig.axes) == len(g.result.axes())
    g.ax_heatmap.set_title("right grid")
    fig.savefig(io.BytesIO(), format="png")
    assert_texts_fit(fig, (10, 5), ("right grid",))
    t = text_box(fig, "right grid")
    assert t.x0 >= right.bbox.x0 - 0.5


def test_a_legend_on_a_panel_gets_room(df):
    g = cg.clustermap(df, figsize=(6, 6))
    g.ax_col_dendrogram.legend(
        handles=[
            Patch(color="C0", label="cluster a"),
            Patch(color="C1", label="cluster b"),
        ],
        title="clusters",
        loc="lower left",
        bbox_to_anchor=(0, 1),
        ncols=2,
    )
    g.savefig(io.BytesIO(), format="png")
    assert_texts_fit(g.figure, (6, 6), ("clusters", "cluster a", "cluster b"))
