"""seaborn users' tick-label idioms on ``g.ax_heatmap`` reach the drawn
labels, and the panels' axes seaborn exposes take their usual calls: read
back from the drawn Text objects and the saved pixels."""

from __future__ import annotations

import io

import matplotlib.image as mimage
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

import clustergrid as cg


@pytest.fixture
def df() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    return pd.DataFrame(
        rng.normal(size=(16, 7)),
        index=[f"gene {i}" for i in range(16)],
        columns=[f"sample {j}" for j in range(7)],
    )


def _save(g: cg.SeabornGrid) -> np.ndarray:
    buf = io.BytesIO()
    g.savefig(buf, format="png")
    buf.seek(0)
    return mimage.imread(buf)


def _drawn(fig, prefix: str) -> list[Text]:
    """The visible texts the figure draws whose string starts with ``prefix``."""
    return [
        t
        for t in fig.findobj(Text)
        if t.get_text().startswith(prefix) and t.get_visible()
    ]


def _red(img: np.ndarray) -> int:
    r, g, b = img[..., 0], img[..., 1], img[..., 2]
    return int(((r > 0.7) & (g < 0.35) & (b < 0.35)).sum())


def test_get_ticklabels_return_the_drawn_labels_in_drawn_order(df):
    g = cg.clustermap(df)
    ys, xs = g.ax_heatmap.get_yticklabels(), g.ax_heatmap.get_xticklabels()
    assert [t.get_text() for t in ys] == list(g.data2d.index)
    assert [t.get_text() for t in xs] == list(g.data2d.columns)
    drawn = set(map(id, g.figure.findobj(Text)))
    assert all(id(t) in drawn for t in ys + xs)  # the very Texts drawn
    # matplotlib's other spellings return the same
    assert g.ax_heatmap.yaxis.get_majorticklabels() == ys
    assert g.ax_heatmap.get_xmajorticklabels() == xs
    assert g.ax_heatmap.get_yticklabels(minor=True) == []


def test_plt_setp_changes_what_is_drawn(df):
    g = cg.clustermap(df)
    assert _red(_save(g)) == 0
    plt.setp(g.ax_heatmap.get_yticklabels(), rotation=0, fontsize=8, color="red")
    img = _save(g)
    rows = _drawn(g.figure, "gene")
    assert len(rows) == len(df)
    assert {t.get_fontsize() for t in rows} == {8.0}
    assert {t.get_color() for t in rows} == {"red"}
    assert _red(img) > 50  # the labels are drawn red


def test_set_ticklabels_with_text_properties(df):
    g = cg.clustermap(df)
    ax = g.ax_heatmap
    ax.set_xticklabels(ax.get_xticklabels(), rotation=45, fontsize=7)
    new = [f"S{j}" for j in range(7)]
    out = ax.set_xticklabels(new)
    _save(g)
    cols = _drawn(g.figure, "S")
    assert [t.get_text() for t in cols] == new  # drawn in the drawn order
    assert out == cols
    assert {t.get_rotation() for t in cols} == {45.0}
    assert {t.get_fontsize() for t in cols} == {7.0}
    assert _drawn(g.figure, "sample") == []
    with pytest.raises(ValueError, match=r"got 3 labels for the 16 labels drawn"):
        ax.set_yticklabels(["a", "b", "c"])


def test_tick_params_changes_the_labels(df):
    g = cg.clustermap(df)
    ax = g.ax_heatmap
    ax.tick_params(labelsize=5)
    ax.tick_params(axis="x", labelrotation=30, labelcolor="red")
    _save(g)
    rows, cols = _drawn(g.figure, "gene"), _drawn(g.figure, "sample")
    assert {t.get_fontsize() for t in rows + cols} == {5.0}
    assert {t.get_rotation() for t in cols} == {30.0}
    assert {t.get_color() for t in cols} == {"red"}
    assert {t.get_color() for t in rows} != {"red"}
    ax.tick_params(labelright=False)  # clustermap's row labels are on the right
    _save(g)
    assert _drawn(g.figure, "gene") == []
    assert len(_drawn(g.figure, "sample")) == df.shape[1]


def test_heatmap_row_labels_on_the_left(df):
    g = cg.heatmap(df)
    ax = g.ax_heatmap
    assert [t.get_text() for t in ax.get_yticklabels()] == list(df.index)
    ax.tick_params(axis="y", labelleft=False)
    _save(g)
    assert _drawn(g.figure, "gene") == []


def test_a_changed_label_is_measured_from_the_labels_axes(df):
    """The layout measures each panel's axes by what it draws, at every draw
    (the layout engine), so a label made larger gets room and keeps its size."""
    g = cg.clustermap(df)
    fig = g.figure
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    cols = g.ax_heatmap.get_xticklabels()
    panel_ax = cols[0].axes
    assert panel_ax is not g.ax_heatmap
    box = panel_ax.get_window_extent(r)
    assert panel_ax.get_tightbbox(r).y0 >= box.y0 - 1  # fits as drawn
    before = panel_ax.get_tightbbox(r)
    plt.setp(cols, fontsize=20)
    fig.canvas.draw()
    labels = g.ax_heatmap.get_xticklabels()
    assert [t.get_fontsize() for t in labels] == [20.0] * len(labels)  # kept
    grown = labels[0].axes.get_tightbbox(r)
    assert grown.height > before.height + 20  # drawn larger ...
    assert grown.y0 >= -1  # ... and given room inside the figure


def test_each_block_of_a_split_grid_has_its_slice_labels(df):
    g = (
        cg.ClusterGrid(df)
        .split(rows=np.repeat(["a", "b"], 8))
        .add(cg.Labels(), "right")
        .add(cg.Labels(), "bottom")
    )
    g.draw()
    blocks = g.result.grids[0].heatmap_axes
    top, bottom = blocks[0][0], blocks[1][0]
    names = [t.get_text() for t in top.get_yticklabels()] + [
        t.get_text() for t in bottom.get_yticklabels()
    ]
    assert names == list(g.row_order)
    assert len(top.get_yticklabels()) == 8
    assert [t.get_text() for t in bottom.get_xticklabels()] == list(g.col_order)


def test_colour_scale_label_and_position(df):
    g = cg.clustermap(df)
    g.ax_cbar.set_ylabel("z-score")
    _save(g)
    assert g.ax_cbar.yaxis.label.get_text() == "z-score"
    assert g.ax_cbar.yaxis.label.get_visible()
    with pytest.raises(ValueError, match=r"ax_cbar.set_position.*cbar_pos="):
        g.ax_cbar.set_position([0.9, 0.1, 0.02, 0.3])


def test_dendrogram_axes_take_seaborn_users_calls(df):
    g = cg.clustermap(df)
    g.ax_col_dendrogram.set_title("Clustered")
    g.ax_row_dendrogram.set_visible(False)
    img_hidden = _save(g)
    assert g.ax_col_dendrogram.title.get_text() == "Clustered"
    assert g.ax_col_dendrogram.title in g.figure.findobj(Text)
    g.ax_row_dendrogram.set_visible(True)
    img_shown = _save(g)
    # the row tree's lines are drawn only when visible
    assert (img_shown < 0.5).sum() > (img_hidden < 0.5).sum()
