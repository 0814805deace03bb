"""AnnotationBar as users expect it: literal colours drawn exactly, data
frames as stacked bars, numeric bars keyed by a colour bar that maps like
the bar, palettes checked where they are given."""

from __future__ import annotations

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest

import clustergrid as cg
from conftest import image_test, pixel_rgba, renderer_of


@pytest.fixture(scope="module")
def small(wine_z, wine):
    df = wine_z.iloc[::10]
    return df, wine["cultivar"].loc[df.index]


def _legend_artists(fig):
    """Every swatch and colour bar a Legends panel drew, from the figure."""
    swatches = [p for ax in fig.axes for p in ax.patches if hasattr(p, "legend_label")]
    bars = [
        c
        for ax in fig.axes
        for c in ax.child_axes
        if c.get_label() == "clustergrid:legends:scale"
    ]
    return swatches, bars


def _bar_cell_px(g, bar, i, stripe=0, k=1):
    """Display pixel at the centre of drawn cell i (drawn order) of a left/right bar."""
    ax = bar.ax
    bb = ax.get_window_extent(renderer_of(g.figure))
    x = bb.x0 + (stripe + 0.5) / k * bb.width
    y = ax.transData.transform((0.5, i + 0.5))[1]
    return x, y


def test_literal_hex_colours_are_drawn_exactly_with_no_legend(small):
    df, cult = small
    palette = {"class_0": "#e41a1c", "class_1": "#377eb8", "class_2": "#4daf4a"}
    colours = cult.map(palette)  # a seaborn-style row_colors Series
    bar = cg.AnnotationBar(colours, name="cultivar")
    g = cg.ClusterGrid(df).cluster().add(bar, "left")
    fig = g.draw()
    assert bar.kind == "literal"
    for i, label in enumerate(g.row_order):
        px = pixel_rgba(fig, *_bar_cell_px(g, bar, i))
        np.testing.assert_allclose(
            px[:3], mcolors.to_rgb(colours[label]), atol=1.5 / 255
        )
    swatches, bars = _legend_artists(fig)
    assert not swatches and not bars  # literal colours: no key unless one is given


def test_list_of_rgb_tuples_is_one_colour_per_row(small):
    df, _ = small
    rng = np.random.default_rng(3)
    rgb = [tuple(float(x) for x in rng.uniform(0, 1, 3)) for _ in range(len(df))]
    bar = cg.AnnotationBar(rgb, name="rgb")
    g = cg.ClusterGrid(df).cluster().add(bar, "right")
    fig = g.draw()
    pos = {lab: i for i, lab in enumerate(df.index)}  # a list is in input order
    for i, label in enumerate(g.row_order):
        px = pixel_rgba(fig, *_bar_cell_px(g, bar, i))
        np.testing.assert_allclose(px[:3], rgb[pos[label]], atol=1.5 / 255)
    # an n x 4 array works the same (RGBA)
    arr = np.column_stack([np.asarray(rgb), np.ones(len(df))])
    assert cg.AnnotationBar(arr).kind == "literal"


def test_literal_legend_mapping_and_literal_switch(small):
    df, cult = small
    colours = cult.map({"class_0": "red", "class_1": "blue", "class_2": "green"})
    key = {"class 0": "red", "class 1": "blue", "class 2": "green"}
    bar = cg.AnnotationBar(colours, name="cultivar", legend=key)
    fig = cg.ClusterGrid(df).add(bar, "left").draw()
    swatches, _ = _legend_artists(fig)
    assert [s.legend_label for s in swatches] == list(key)
    for s in swatches:
        np.testing.assert_allclose(
            s.get_facecolor(), mcolors.to_rgba(key[s.legend_label])
        )
    # literal=False: the names are categories, coloured by the palette and keyed
    cats = cg.AnnotationBar(colours, name="names", literal=False)
    g = cg.ClusterGrid(df).add(cats, "left")
    fig = g.draw()
    swatches, _ = _legend_artists(fig)
    assert sorted(s.legend_label for s in swatches) == ["blue", "green", "red"]
    for s in swatches:
        np.testing.assert_allclose(s.get_facecolor(), cats.colors_[s.legend_label])
    assert cats.colors_["red"] != mcolors.to_rgba(
        "red"
    )  # recoloured by tab10, as asked
    # grey levels and cycle references are not taken as colours unless asked
    assert cg.AnnotationBar(["0", "1"] * 3).kind == "categorical"
    assert cg.AnnotationBar(["C0", "C1"] * 3).kind == "categorical"
    assert cg.AnnotationBar(["C0", "C1"] * 3, literal=True).kind == "literal"
    with pytest.raises(
        ValueError, match="literal=True needs every value to be a colour"
    ):
        cg.AnnotationBar(["red", "notacolour"], literal=True)
    with pytest.raises(ValueError, match="palette=/norm= do not apply"):
        cg.AnnotationBar(["red", "blue"], literal=True, palette="tab10")


def test_dataframe_draws_one_named_bar_per_column_with_its_legend(small, wine):
    df, cult = small
    ann = pd.DataFrame(
        {
            "cultivar": cult,
            "alcohol": np.where(wine.loc[df.index, "alcohol"] > 13, "high", "low"),
            "proline": wine.loc[df.index, "proline"],
        }
    )
    bar = cg.AnnotationBar(ann)
    g = cg.ClusterGrid(df).cluster().add(bar, "left")
    fig = g.draw()
    assert [p.name for p in bar.parts] == ["cultivar", "alcohol", "proline"]
    # three stripes, left to right in column order, each coloured as its own bar
    w = bar.ax.get_window_extent(renderer_of(fig)).width
    assert w == pytest.approx(3 * 0.15 * fig.dpi, rel=0.02)
    for j, part in enumerate(bar.parts):
        want = part.colors(g.layout and _ctx_like(g, bar))  # drawn order
        for i in range(0, len(g.row_order), 3):
            px = pixel_rgba(fig, *_bar_cell_px(g, bar, i, j, 3))
            np.testing.assert_allclose(px[:3], want[i][:3], atol=1.5 / 255)
    # each column named by its column, in order, left to right
    names = sorted(
        (t.get_window_extent(renderer_of(fig)).x0, t.get_text()) for t in bar.ax.texts
    )
    assert [n for _, n in names] == ["cultivar", "alcohol", "proline"]
    # each with its own legend: swatches for the categories, a colour bar for proline
    swatches, bars = _legend_artists(fig)
    assert {s.legend_title for s in swatches if s.legend_title} == {
        "cultivar",
        "alcohol",
    }
    assert sorted(ax._colorbar.legend_title for ax in bars) == ["", "proline"]
    # the cultivar stripe's cells are the colours its legend shows
    key = {
        s.legend_label: s.get_facecolor()
        for s in swatches
        if s.legend_title == "cultivar"
    }
    for i, label in enumerate(g.row_order):
        px = pixel_rgba(fig, *_bar_cell_px(g, bar, i, 0, 3))
        np.testing.assert_allclose(px[:3], key[cult[label]][:3], atol=1.5 / 255)
    with pytest.raises(ValueError, match="named by its column"):
        cg.AnnotationBar(ann, name="x")


def _ctx_like(g, bar):
    """The context a left bar was drawn with: rebuilt from the grid, with the
    default colours the grid allocates to ``bar``'s categorical parts."""
    from clustergrid._plan.palettes import allocate_palettes
    from clustergrid.panels.base import Context
    from clustergrid.panels.context import EngineRecord

    ctx = Context(
        matrix=g.matrix,
        norm=g.norm,
        cmap=g.cmap,
        side="left",
        row_order=g.row_order,
        col_order=g.col_order,
        row_linkage=g.row_linkage,
        col_linkage=None,
        renderer=None,
        figure=g.figure,
        _engine=EngineRecord(input_labels=g._data.rows),
    )
    return ctx._with_engine(palettes=allocate_palettes(bar._palette_requests(ctx)))


def test_numeric_bar_colour_bar_maps_like_the_bar(small, wine):
    df, _ = small
    proline = wine.loc[df.index, "proline"]
    bar = cg.AnnotationBar(proline, name="proline", palette="magma")
    g = cg.ClusterGrid(df).cluster().add(bar, "left")
    fig = g.draw()
    _, bars = _legend_artists(fig)
    cb_ax = next(ax for ax in bars if ax._colorbar.norm is not g.norm)
    cb = cb_ax._colorbar
    r = renderer_of(fig)
    bb = cb_ax.get_window_extent(r)
    for i in range(0, len(g.row_order), 2):
        v = proline[g.row_order[i]]
        bar_px = pixel_rgba(fig, *_bar_cell_px(g, bar, i))
        # the colour bar's pixel at the value's height
        y = cb_ax.transData.transform((0.5, v))[1]
        y = min(max(y, bb.y0 + 1), bb.y1 - 1)
        key_px = pixel_rgba(fig, (bb.x0 + bb.x1) / 2, y)
        np.testing.assert_allclose(key_px[:3], bar_px[:3], atol=12 / 255)
    assert cb.norm.vmin == pytest.approx(
        proline.min()
    ) and cb.norm.vmax == pytest.approx(proline.max())


def test_discrete_numeric_bar_gets_labelled_swatches(small, wine):
    df, _ = small
    proline = wine.loc[df.index, "proline"]
    norm = mcolors.BoundaryNorm([0, 600, 900, 2000], ncolors=3)
    bar = cg.AnnotationBar(
        proline, name="proline", palette=["#fee8c8", "#fdbb84", "#e34a33"], norm=norm
    )
    g = cg.ClusterGrid(df).add(bar, "left")
    fig = g.draw()
    swatches, bars = _legend_artists(fig)
    assert len(bars) == 1  # only the heatmap's scale is a colour bar
    assert [s.legend_label for s in swatches] == [
        "0 \N{EN DASH} 600",
        "600 \N{EN DASH} 900",
        "900 \N{EN DASH} 2000",
    ]
    for i, label in enumerate(g.row_order):
        v = proline[label]
        k = int(np.searchsorted([600, 900], v, side="right"))
        px = pixel_rgba(fig, *_bar_cell_px(g, bar, i))
        np.testing.assert_allclose(
            px[:3], swatches[k].get_facecolor()[:3], atol=1.5 / 255
        )


def test_bad_palettes_fail_where_given(small, wine):
    df, cult = small
    proline = wine.loc[df.index, "proline"]
    with pytest.raises(ValueError, match="palette='notacmap' is not a colormap"):
        cg.AnnotationBar(proline, palette="notacmap")
    with pytest.raises(TypeError, match="numeric, so palette= takes a colormap"):
        cg.AnnotationBar(proline, palette={"a": "red"})
    with pytest.raises(
        ValueError, match=r"palette\['class_1'\] = 'nope' is not a colour"
    ):
        cg.AnnotationBar(cult, palette={"class_0": "red", "class_1": "nope"})
    with pytest.raises(ValueError, match=r"palette\[1\]"):
        cg.AnnotationBar(cult, palette=["red", "nope", "blue"])
    with pytest.raises(ValueError, match="unknown palette"):
        cg.AnnotationBar(cult, palette="notapalette")
    with pytest.raises(ValueError, match="either norm= or vmin/vmax"):
        cg.AnnotationBar(proline, norm=mcolors.Normalize(), vmin=0)
    with pytest.raises(TypeError, match="legend must be"):
        cg.AnnotationBar(cult, legend="yes")


@image_test()
def test_annotations_image_literal_frame_numeric(small, wine):
    df, cult = small
    ann = pd.DataFrame({"cultivar": cult, "proline": wine.loc[df.index, "proline"]})
    colours = cult.map(
        {"class_0": "#e41a1c", "class_1": "#377eb8", "class_2": "#4daf4a"}
    )
    g = (
        cg.ClusterGrid(df, cmap="RdBu_r", center=0, cell_size=0.15)
        .cluster()
        .add(cg.AnnotationBar(ann), "left")
        .add(cg.AnnotationBar(colours, name="row_colors"), "left")
        .add(cg.Labels(fontsize=7), "right")
    )
    return g.draw()


def test_a_2d_array_that_is_not_colours_is_still_refused(small):
    df, _ = small
    g = cg.ClusterGrid(df).add(cg.AnnotationBar(np.full((len(df), 3), 5.0)), "left")
    with pytest.raises(ValueError, match="expected one value per row, got shape"):
        g.draw()


def test_list_values_refer_to_the_matrix_as_passed_even_after_a_reordering_subset():
    """A positional list is in the order the matrix was given to ClusterGrid:
    a subset() that reorders (or narrows) the rows never shifts it."""
    import matplotlib.colors as mc

    df = pd.DataFrame(np.arange(12.0).reshape(4, 3), index=list("abcd"))
    colours = ["red", "green", "blue", "black"]  # for a, b, c, d as passed
    want = dict(zip("abcd", colours, strict=True))
    for keep in (["d", "c", "b", "a"], ["c", "a"]):
        bar = cg.AnnotationBar(colours, name="x")
        g = cg.ClusterGrid(df).subset(rows=keep).add(bar, "left")
        g.draw()
        rgba = np.asarray(bar.ax.images[0].get_array())[:, 0, :]
        assert list(g.row_order) == keep
        for row, label in zip(rgba, keep, strict=True):
            np.testing.assert_allclose(row[:3], mc.to_rgb(want[label]), atol=1e-6)
    # a list as long as what subset() kept (and shorter than the matrix) is in the kept order
    bar = cg.AnnotationBar(["red", "blue"], name="y")
    g = cg.ClusterGrid(df).subset(rows=["c", "a"]).add(bar, "left")
    g.draw()
    rgba = np.asarray(bar.ax.images[0].get_array())[:, 0, :]
    np.testing.assert_allclose(
        rgba[:, :3], [mc.to_rgb("red"), mc.to_rgb("blue")], atol=1e-6
    )
