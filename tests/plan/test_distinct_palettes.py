"""Categorical colourings without a palette of their own never share a
colour in one figure: two bars ("male" and "batch 1") used to both start at
tab10's blue."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest

import clustergrid as cg
from clustergrid._plan.palettes import allocate_palettes

TAB10 = [mcolors.to_rgba(c) for c in mpl.colormaps["tab10"].colors]


@pytest.fixture
def df():
    rng = np.random.default_rng(1)
    rows = [f"s{i}" for i in range(12)]
    return pd.DataFrame(rng.normal(size=(12, 6)), index=rows, columns=list("abcdef"))


def _swatches(g) -> dict[str, dict[str, tuple]]:
    """Legend title -> label -> colour, read back from the drawn swatches."""
    swatches = [
        p for a in g.figure.axes for p in a.patches if hasattr(p, "legend_label")
    ]
    out: dict[str, dict[str, tuple]] = {}
    for r in swatches:
        out.setdefault(r.legend_title, {})[r.legend_label] = tuple(r.get_facecolor())
    return out


def test_two_categorical_bars_get_distinct_colours(df):
    sex = pd.Series(["male", "female"] * 6, index=df.index, name="sex")
    batch = pd.Series(
        ["batch 1", "batch 2", "batch 3"] * 4, index=df.index, name="batch"
    )
    g = (
        cg.ClusterGrid(df)
        .add(cg.AnnotationBar(sex), "left")
        .add(cg.AnnotationBar(batch), "left")
    )
    g.draw()
    sw = _swatches(g)
    first, second = sw["sex"], sw["batch"]
    assert set(first.values()).isdisjoint(second.values())
    # the first bar keeps the single-bar default; the second continues it
    assert list(first.values()) == TAB10[:2]
    assert list(second.values()) == TAB10[2:5]
    # the drawn cells carry the legend's colours
    drawn = {
        tuple(np.round(c, 3))
        for a in g.figure.axes
        for im in a.images
        for c in np.asarray(im.get_array()).reshape(-1, 4)
        if c[-1] > 0 and a is not g.ax_heatmap
    }
    want = {tuple(np.round(c, 3)) for c in [*first.values(), *second.values()]}
    if all(v <= 1 for c in drawn for v in c):  # float RGBA images
        assert want <= drawn


def test_every_default_colouring_is_distinct(df):
    sex = pd.Series(["m", "f"] * 6, index=df.index, name="sex")
    site = pd.Series(["x", "y", "z"] * 4, index=df.index, name="site")
    kind = pd.Series(list("pq") * 3, index=df.columns, name="kind")
    parts = pd.DataFrame({"u": range(6), "v": range(6)}, index=df.columns)
    g = (
        cg.ClusterGrid(df)
        .split(rows=pd.Series(["A", "B"] * 6, index=df.index))
        .add(cg.AnnotationBar(sex), "left")
        .add(cg.Labels(color_by=site), "right")
        .add(cg.AnnotationBar(kind), "top")
        .add(cg.BarTrack(parts, name="parts"), "top")
        .add(cg.Blocks(), "left")
    )
    g.draw()
    sw = _swatches(g)
    colours = [c for legend in sw.values() for c in legend.values()]
    assert len(colours) == 2 + 3 + 2 + 2
    assert len(set(colours)) == len(colours)
    # the Blocks' fills: patches that are neither swatches nor BarTrack bars
    bars = {id(r) for a in g.figure.axes for c in a.containers for r in c}
    fills = {
        tuple(p.get_facecolor())
        for a in g.figure.axes
        for p in a.patches
        if not hasattr(p, "legend_label") and id(p) not in bars
    }
    assert len(fills) == 2
    assert fills.isdisjoint(colours)


def test_given_palettes_are_kept_and_avoided(df):
    sex = pd.Series(["male", "female"] * 6, index=df.index, name="sex")
    batch = pd.Series(["b1", "b2"] * 6, index=df.index, name="batch")
    given = {"male": TAB10[2], "female": TAB10[3]}
    g = (
        cg.ClusterGrid(df)
        .add(cg.AnnotationBar(sex, palette=given), "left")
        .add(cg.AnnotationBar(batch), "left")
    )
    g.draw()
    sw = _swatches(g)
    assert sw["sex"] == {"male": TAB10[2], "female": TAB10[3]}
    assert set(sw["batch"].values()).isdisjoint(given.values())


def test_categorical_matrix_and_bar_do_not_share(df):
    m = pd.DataFrame(
        [["lo", "hi"], ["hi", "mid"]], index=["a", "b"], columns=["x", "y"]
    )
    bar = pd.Series(["p", "q"], index=["a", "b"], name="bar")
    g = cg.ClusterGrid(m).add(cg.AnnotationBar(bar), "left")
    g.draw()
    sw = _swatches(g)
    # the matrix's categories, as its legend draws them
    matrix = [
        tuple(p.get_facecolor())
        for a in g.figure.axes
        for p in a.patches
        if p.get_label() == "clustergrid:category-legend"
    ]
    assert len(matrix) == 3 and matrix == [tuple(c) for c in g.cmap.colors]
    assert set(sw["bar"].values()).isdisjoint(matrix)


def test_same_categories_share_their_colours():
    out = allocate_palettes([(1, ["a", "b"]), (2, ["c"]), (3, ["a", "b"])])
    assert out[1] == out[3]
    assert set(out[2].values()).isdisjoint(out[1].values())


def test_many_categories_stay_distinct():
    requests = [
        (k, [f"{k}-{i}" for i in range(n)]) for k, n in enumerate([25, 30, 12, 40])
    ]
    out = allocate_palettes(requests)
    colours = [c for k in out for c in out[k].values()]
    assert len(colours) == 107
    assert len({tuple(np.round(c, 3)) for c in colours}) == 107


def test_concatenated_grids_share_out_one_figure(df):
    sex = pd.Series(["male", "female"] * 6, index=df.index, name="sex")
    batch = pd.Series(["b1", "b2", "b3"] * 4, index=df.index, name="batch")
    g1 = cg.ClusterGrid(df).add(cg.AnnotationBar(sex), "left")
    g2 = cg.ClusterGrid(df).add(cg.AnnotationBar(batch), "left")
    g3 = cg.ClusterGrid(df).add(cg.AnnotationBar(sex), "left")
    fig = (g1 + g2 + g3).draw()
    swatches = [p for a in fig.axes for p in a.patches if hasattr(p, "legend_label")]
    by_title: dict[str, dict[str, tuple]] = {}
    for r in swatches:
        by_title.setdefault(r.legend_title, {})[r.legend_label] = tuple(
            r.get_facecolor()
        )
    # the same categories keep one colour each; different ones never share
    assert set(by_title["sex"].values()).isdisjoint(by_title["batch"].values())
