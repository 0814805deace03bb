"""The migration guides' examples (docs/migration/examples/*.py) run as shown
and draw what the guides say: for seaborn both sides run and give the same
trees; for pheatmap and ComplexHeatmap (R, shown as text) the clustergrid side
draws scipy's tree of the same data, each label beside its own row."""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from scipy.cluster import hierarchy

import clustergrid as cg
from conftest import renderer_of

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "migration" / "examples"
GUIDES = EXAMPLES.parent


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def run_example(name: str, where: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    """Run docs/migration/examples/<name>.py as a script in ``where``; its globals."""
    monkeypatch.chdir(where)
    return runpy.run_path(str(EXAMPLES / f"{name}.py"), run_name="__main__")


def zscored_columns(x: pd.DataFrame) -> pd.DataFrame:
    """pheatmap's scale = "column", R's scale(), seaborn's z_score=1: ddof=1."""
    return (x - x.mean()) / x.std(ddof=1)


def rotated_order(Z: np.ndarray, weights: np.ndarray) -> list[int]:
    """Leaf order of ``Z`` with, at every merge, the child of larger mean
    weight first (ties: scipy's order) - an independent oracle for
    ``cluster(reorder=True)``."""
    n = len(Z) + 1
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for k, (a, b) in enumerate(Z[:, :2].astype(int)):
        ma, mb = members[a], members[b]
        if weights[mb].mean() > weights[ma].mean():
            ma, mb = mb, ma
        members[n + k] = ma + mb
    return members[2 * n - 2]


def assert_labels_beside_their_rows(g: cg.ClusterGrid, labels: Any) -> None:
    """Each row label is drawn at the height of the centre of the row it names,
    in whichever slice that row is drawn."""
    r = renderer_of(g.figure)
    bounds = g.row_slices.bounds if g.row_slices is not None else [(0, len(g.matrix))]
    assert [t.get_text() for t in labels.texts] == [
        str(g.row_order[i]) for i in labels.shown
    ]
    assert list(labels.shown) == list(range(len(g.row_order)))
    for pos, t in zip(labels.shown, labels.texts, strict=True):
        i = next(k for k, (a, b) in enumerate(bounds) if a <= pos < b)
        ax = g.heatmap_axes[i][0]
        _, y = ax.transData.transform((0.5, pos - bounds[i][0] + 0.5))
        bb = t.get_window_extent(r)
        assert (bb.y0 + bb.y1) / 2 == pytest.approx(y, abs=1.0), t.get_text()


def panel(g: cg.ClusterGrid, kind: type, side: str) -> Any:
    found = [s.panel for s in g._slots if isinstance(s.panel, kind) and s.side == side]
    assert len(found) == 1
    return found[0]


def test_seaborn_clustermap_and_cg_clustermap_give_the_same_trees(
    tmp_path, monkeypatch
):
    pytest.importorskip("seaborn")
    theirs = run_example("seaborn_theirs", tmp_path, monkeypatch)
    ours = run_example("seaborn_ours", tmp_path, monkeypatch)
    sg, g = theirs["g"], ours["g"]
    assert (tmp_path / "wine_seaborn.png").stat().st_size > 0
    assert (tmp_path / "wine_clustermap.png").stat().st_size > 0
    assert ours["order"] == theirs["order"]
    assert g.dendrogram_row.reordered_ind == sg.dendrogram_row.reordered_ind
    assert g.dendrogram_col.reordered_ind == sg.dendrogram_col.reordered_ind
    # and both are scipy's leaves of the z-scored table
    x = ours["x"]
    Z = hierarchy.linkage(zscored_columns(x).to_numpy(), "average", "euclidean")
    assert list(g.row_order) == list(x.index[hierarchy.leaves_list(Z)])
    # the labels (every 2nd or so: "auto" thins them) name the rows drawn beside them
    labels = panel(g, cg.Labels, "right")
    r = renderer_of(g.figure)
    for pos, t in zip(labels.shown, labels.texts, strict=True):
        assert t.get_text() == str(g.row_order[pos])
        _, y = g.ax_heatmap.transData.transform((0.5, pos + 0.5))
        bb = t.get_window_extent(r)
        assert (bb.y0 + bb.y1) / 2 == pytest.approx(y, abs=1.0)


def test_pheatmap_example_draws_scipys_complete_linkage_cut_in_three(
    tmp_path, monkeypatch
):
    ns = run_example("pheatmap_ours", tmp_path, monkeypatch)
    g, x = ns["g"], ns["x"]
    assert (tmp_path / "wine_pheatmap.png").stat().st_size > 0
    z = zscored_columns(x).to_numpy()
    Zr = hierarchy.linkage(z, "complete", "euclidean")
    Zc = hierarchy.linkage(z.T, "complete", "euclidean")
    assert list(g.row_order) == list(x.index[hierarchy.leaves_list(Zr)])
    assert list(g.col_order) == list(x.columns[hierarchy.leaves_list(Zc)])
    # cutree_rows = 3: the slices are the three flat clusters of that tree
    flat = pd.Series(hierarchy.fcluster(Zr, 3, "maxclust"), index=x.index)
    bounds = g.row_slices.bounds
    assert len(bounds) == 3
    for a, b in bounds:
        assert flat[g.row_order[a:b]].nunique() == 1
    assert sum(b - a for a, b in bounds) == len(x)
    assert_labels_beside_their_rows(g, panel(g, cg.Labels, "right"))
    # cellwidth = 12, cellheight = 8 (points)
    ax = g.heatmap_axes[0][0]
    w_in = ax.get_position().width * g.figure.get_figwidth() / len(x.columns)
    assert w_in * 72 == pytest.approx(12, rel=0.005)


def test_complexheatmap_example_splits_by_cultivar_and_reorders_each_slice(
    tmp_path, monkeypatch
):
    ns = run_example("complexheatmap_ours", tmp_path, monkeypatch)
    g, x, wine = ns["g"], ns["x"], ns["wine"]
    assert (tmp_path / "wine_complexheatmap.png").stat().st_size > 0
    z = zscored_columns(x)
    cultivars = sorted(wine["cultivar"].unique())
    bounds = g.row_slices.bounds
    assert len(bounds) == len(cultivars)
    for (a, b), name in zip(bounds, cultivars, strict=True):
        drawn = list(g.row_order[a:b])
        rows = z[wine["cultivar"] == name]
        assert sorted(drawn) == sorted(rows.index)
        # each slice is its own average-linkage tree, heavier branch first
        Z = hierarchy.linkage(rows.to_numpy(), "average", "euclidean")
        want = rotated_order(Z, rows.to_numpy().mean(axis=1))
        assert drawn == list(rows.index[want])
    assert_labels_beside_their_rows(g, panel(g, cg.Labels, "right"))
    # the bar track draws each row's proline, beside that row
    bars = panel(g, cg.BarTrack, "right")
    for i, (a, b) in enumerate(bounds):
        ax = bars.axes[i]
        rects = sorted(ax.patches, key=lambda p: p.get_y())
        assert len(rects) == b - a
        for k, rect in enumerate(rects):
            assert rect.get_y() + rect.get_height() / 2 == pytest.approx(k + 0.5)
            assert rect.get_width() == pytest.approx(
                wine.loc[g.row_order[a + k], "proline"]
            )


def test_every_example_is_shown_in_its_guide():
    for script in sorted(EXAMPLES.glob("*")):
        stem = script.name.split("_")[0]
        page = (GUIDES / f"{stem}.md").read_text()
        assert f"examples/{script.name}" in page, f"{script.name} not in {stem}.md"


# -- the same geometry as every figure: no text overlaps, nothing leaves it ----------


@pytest.mark.parametrize(
    "name", ["seaborn_ours", "pheatmap_ours", "complexheatmap_ours"]
)
def test_example_figures_keep_every_text_inside_and_apart(name, tmp_path, monkeypatch):
    from conftest import assert_texts_fit

    g = run_example(name, tmp_path, monkeypatch)["g"]
    fig = g.figure
    size = tuple(fig.get_size_inches())
    g.ax_heatmap.set_xlabel("sample")  # what the guide shows next
    g.ax_heatmap.set_title("wines")
    g.save(tmp_path / "edited.png")
    assert_texts_fit(fig, size, ("sample", "wines"))


def test_the_guides_first_example_with_its_edit(tmp_path):
    from conftest import assert_texts_fit, text_box

    wine = cg.load_dataset("wine").iloc[::4]
    df = wine.drop(columns="cultivar")
    lut = {"class_0": "#1b9e77", "class_1": "#d95f02", "class_2": "#7570b3"}
    colours = wine["cultivar"].map(lut)
    g = cg.clustermap(df, z_score=0, cmap="RdBu_r", center=0, row_colors=colours)
    g.ax_heatmap.set_xlabel("wine sample")  # "sample" names the rows already
    g.savefig(tmp_path / "clustermap.png")
    fig = g.figure
    assert_texts_fit(fig, tuple(fig.get_size_inches()), ("wine sample",))
    below = text_box(fig, "wine sample")
    r = renderer_of(fig)
    for d in g.result.grids[0].panels:
        if d.slot.side == "bottom":
            assert below.y1 <= d.axes[0].get_tightbbox(r).y0 + 0.5

    corr = df.corr()
    h = cg.heatmap(
        corr,
        mask=np.triu(np.ones_like(corr, bool)),
        vmax=0.3,
        center=0,
        square=True,
        linewidths=0.5,
        cbar_kws={"shrink": 0.5},
    )
    h.ax_heatmap.set_title("correlation")
    h.save(tmp_path / "corr.png")
    assert_texts_fit(h.figure, tuple(h.figure.get_size_inches()), ("correlation",))
