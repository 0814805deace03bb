"""Masks, cell text and cell borders, checked from what is drawn: pixels,
text positions and extents, line vertices."""

from __future__ import annotations

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest

import clustergrid as cg
from clustergrid._plan.palettes import contrast_text_color
from conftest import heatmap_cell_centres_px, image_test, pixel_rgba, renderer_of

WHITE = (1.0, 1.0, 1.0)


@pytest.fixture
def df() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    return pd.DataFrame(
        rng.normal(size=(5, 4)), index=list("abcde"), columns=list("wxyz")
    )


def cell_rgb(g, i, j):
    xs, ys = heatmap_cell_centres_px(g)
    return pixel_rgba(g.figure, xs[j], ys[i])[:3]


def drawn_hidden(g) -> np.ndarray:
    """Which drawn cells show the background (read from the pixels)."""
    n, m = g.matrix.shape
    out = np.zeros((n, m), dtype=bool)
    for i in range(n):
        for j in range(m):
            out[i, j] = np.allclose(cell_rgb(g, i, j), WHITE, atol=1 / 255)
    return out


def annot_texts(g):
    return [t for t in g.ax_heatmap.texts if t.get_gid() == "clustergrid:annot"]


# -- masks -----------------------------------------------------------------------


def test_mask_dataframe_is_aligned_by_label_and_follows_reordering(df):
    mask = pd.DataFrame(False, index=df.index[::-1], columns=df.columns[::-1])
    mask.loc["b", "y"] = True
    mask.loc["e", "w"] = True
    g = cg.ClusterGrid(df, mask=mask, cell_size=0.3).cluster()
    g.draw()
    rows, cols = list(g.row_order), list(g.col_order)
    assert rows != list(df.index) or cols != list(df.columns)  # really reordered
    expected = np.zeros(df.shape, dtype=bool)
    expected[rows.index("b"), cols.index("y")] = True
    expected[rows.index("e"), cols.index("w")] = True
    np.testing.assert_array_equal(drawn_hidden(g), expected)
    # unmasked cells show cmap(norm(value))
    i, j = rows.index("a"), cols.index("x")
    np.testing.assert_allclose(
        cell_rgb(g, i, j), g.cmap(g.norm(df.loc["a", "x"]))[:3], atol=2 / 255
    )


def test_mask_array_is_by_input_position_and_follows_reordering(df):
    arr = np.zeros(df.shape, dtype=int)
    arr[0, 3] = 1  # ("a", "z")
    g = cg.ClusterGrid(df, mask=arr, cell_size=0.3).cluster()
    g.draw()
    hidden = drawn_hidden(g)
    assert hidden.sum() == 1
    assert hidden[list(g.row_order).index("a"), list(g.col_order).index("z")]


def test_masked_cells_show_background_even_with_nan_color(df):
    data = df.copy()
    data.loc["c", "x"] = np.nan
    mask = pd.DataFrame(False, index=df.index, columns=df.columns)
    mask.loc["a", "w"] = True
    g = cg.ClusterGrid(data, mask=mask, nan_color="#00ff00", cell_size=0.3)
    g.draw()
    np.testing.assert_allclose(cell_rgb(g, 0, 0), WHITE, atol=1 / 255)  # masked
    np.testing.assert_allclose(cell_rgb(g, 2, 1), (0, 1, 0), atol=1 / 255)  # NaN
    g.figure.set_facecolor("#ffee00")  # really the background
    np.testing.assert_allclose(
        cell_rgb(g, 0, 0), mcolors.to_rgb("#ffee00"), atol=1 / 255
    )


@pytest.mark.parametrize(
    "name, hide",
    [
        ("upper", lambda i, j: j > i),
        ("lower", lambda i, j: j < i),
        ("upper+diag", lambda i, j: j >= i),
        ("lower+diag", lambda i, j: j <= i),
    ],
)
def test_triangle_masks_in_drawn_position(wine_z, name, hide):
    c = wine_z.iloc[:, :6].corr()
    g = cg.ClusterGrid(c, mask=name, cell_size=0.25).cluster()
    g.draw()
    i, j = np.indices(c.shape)
    np.testing.assert_array_equal(drawn_hidden(g), hide(i, j))


@pytest.mark.parametrize(
    "mask, err, match",
    [
        ("diagonal", ValueError, r"unknown mask='diagonal'.*'upper\+diag'"),
        (
            np.zeros((2, 2), dtype=bool),
            ValueError,
            r"mask has shape \(2, 2\) but the matrix has shape \(5, 4\)",
        ),
        (np.full((5, 4), 0.5), TypeError, "mask must hold booleans"),
        (
            pd.DataFrame(False, index=list("abcdq"), columns=list("wxyz")),
            ValueError,
            r"no entry for row label\(s\) 'e'.*'q' are not rows",
        ),
        (pd.Series([True]), ValueError, "not a Series"),
    ],
)
def test_bad_masks(df, mask, err, match):
    with pytest.raises(err, match=match):
        cg.ClusterGrid(df, mask=mask)


def test_mask_follows_a_filter(df):
    mask = pd.DataFrame(False, index=df.index, columns=df.columns)
    mask.loc["e", "z"] = True
    g = cg.ClusterGrid(df, mask=mask, cell_size=0.3).subset(rows=["e", "a"])
    g.draw()
    np.testing.assert_array_equal(
        drawn_hidden(g), [[False, False, False, True], [False] * 4]
    )


# -- cell text -------------------------------------------------------------------


def test_annot_true_writes_each_value_at_its_cell_centre(df):
    data = df.copy()
    data.loc["b", "x"] = np.nan
    g = cg.ClusterGrid(data, annot=True, fmt=".2f", cell_size=0.5, mask="upper")
    g.draw()
    texts = annot_texts(g)
    m = g.matrix.to_numpy()
    i, j = np.indices(m.shape)
    want = (j <= i) & ~np.isnan(m)  # not masked, not missing
    assert len(texts) == want.sum()
    r = renderer_of(g.figure)
    xs, ys = heatmap_cell_centres_px(g)
    cw = abs(xs[1] - xs[0])
    ch = abs(ys[1] - ys[0])
    seen = set()
    for t in texts:
        x, y = t.get_position()
        jj, ii = int(x), int(y)
        assert (x, y) == (jj + 0.5, ii + 0.5) and want[ii, jj]
        assert t.get_text() == format(m[ii, jj], ".2f").replace("-0.00", "0.00")
        bb = t.get_window_extent(r)
        # centred on the cell, and inside it
        assert abs((bb.x0 + bb.x1) / 2 - xs[jj]) < 1.0
        assert abs((bb.y0 + bb.y1) / 2 - ys[ii]) < 0.6 * bb.height
        assert bb.width < cw and bb.height < ch
        seen.add((ii, jj))
    assert len(seen) == len(texts)


def test_annot_colour_contrasts_with_the_cell(wine_z):
    df = wine_z.iloc[:8, :6]
    g = cg.ClusterGrid(df, annot=True, cmap="gray", cell_size=0.5)
    g.draw()
    m = g.matrix.to_numpy()
    colours = set()
    for t in annot_texts(g):
        x, y = t.get_position()
        cell = g.cmap(g.norm(m[int(y), int(x)]))
        want = "white" if contrast_text_color(np.array(cell)) else "black"
        assert mcolors.same_color(t.get_color(), want)
        colours.add(want)
    assert colours == {"white", "black"}  # the gray map needs both


def test_annot_pixels_sit_on_their_cells(df):
    """The ink of each number is inside its own cell."""
    g = cg.ClusterGrid(
        df,
        annot=True,
        fmt=".1f",
        cmap="Greys",
        vmin=-100,
        vmax=100,
        cell_size=0.5,
        annot_kws={"color": "red"},
    )
    g.draw()
    g.figure.canvas.draw()
    buf = np.asarray(g.figure.canvas.buffer_rgba())[..., :3].astype(int)
    H = buf.shape[0]
    red = (buf[..., 0] > 150) & (buf[..., 1] < 100) & (buf[..., 2] < 100)
    xs, ys = heatmap_cell_centres_px(g)
    cw, ch = abs(xs[1] - xs[0]), abs(ys[1] - ys[0])
    for i in range(df.shape[0]):
        for j in range(df.shape[1]):
            x0, x1 = int(xs[j] - cw / 2) + 1, int(xs[j] + cw / 2) - 1
            y0, y1 = int(H - ys[i] - ch / 2) + 1, int(H - ys[i] + ch / 2) - 1
            ink = red[y0:y1, x0:x1]
            assert ink.sum() > 5, (i, j)
            yy, xx = np.nonzero(ink)
            # the ink's centre is near the cell centre
            assert abs(xx.mean() + x0 - xs[j]) < cw * 0.15
            assert abs(yy.mean() + y0 - (H - ys[i])) < ch * 0.2
    # no red ink outside the heatmap
    bb = g.ax_heatmap.get_window_extent()
    outside = red.copy()
    outside[int(H - bb.y1) : int(H - bb.y0) + 1, int(bb.x0) : int(bb.x1) + 1] = False
    assert not outside.any()


def test_annot_table_by_label_with_strings(df):
    stars = pd.DataFrame("", index=df.index[::-1], columns=df.columns)
    stars.loc["c", "y"] = "**"
    stars.loc["a", "w"] = None
    g = cg.ClusterGrid(df, annot=stars, cell_size=0.4).cluster()
    g.draw()
    texts = {t.get_position(): t.get_text() for t in annot_texts(g)}
    i, j = list(g.row_order).index("c"), list(g.col_order).index("y")
    assert texts[(j + 0.5, i + 0.5)] == "**"
    assert len(texts) == df.size - 1  # None: no text at all
    ia, ja = list(g.row_order).index("a"), list(g.col_order).index("w")
    assert (ja + 0.5, ia + 0.5) not in texts


def test_annot_numeric_array_uses_fmt(df):
    p = np.full(df.shape, 0.0312)
    g = cg.ClusterGrid(df, annot=p, fmt=".1%", cell_size=0.5)
    g.draw()
    assert {t.get_text() for t in annot_texts(g)} == {"3.1%"}


def test_annot_font_shrinks_to_fit_and_warns_when_unreadable(df):
    big = cg.ClusterGrid(df, annot=True, fmt=".4f", cell_size=0.3)
    big.draw()
    r = renderer_of(big.figure)
    xs, _ = heatmap_cell_centres_px(big)
    cw = xs[1] - xs[0]
    texts = annot_texts(big)
    assert texts[0].get_fontsize() < 10
    assert max(t.get_window_extent(r).width for t in texts) <= 0.9 * cw + 0.5
    tiny = cg.ClusterGrid(df, annot=True, fmt=".8f", cell_size=0.08)
    with pytest.warns(
        UserWarning, match=r"cell text must shrink to .* pt.*enlarge the cells"
    ):
        tiny.draw()
    fixed = cg.ClusterGrid(
        df, annot=True, cell_size=0.3, annot_kws={"fontsize": 5, "fontweight": "bold"}
    )
    fixed.draw()
    assert {t.get_fontsize() for t in annot_texts(fixed)} == {5}
    assert {t.get_fontweight() for t in annot_texts(fixed)} == {"bold"}


@pytest.mark.parametrize(
    "kw, err, match",
    [
        (dict(annot=True, fmt="{:.2f}"), ValueError, "format spec alone"),
        (dict(annot=True, fmt=".2q"), ValueError, r"fmt='.2q' cannot format"),
        (
            dict(annot=np.full((5, 4), "x"), fmt=".2f"),
            ValueError,
            "cannot format the cell text 'x'",
        ),
        (dict(annot="yes"), TypeError, "pass True"),
        (dict(annot=np.zeros((4, 5))), ValueError, "annot has shape"),
        (
            dict(annot=True, annot_kws={"ha": "left"}),
            ValueError,
            "annot_kws cannot set ha",
        ),
        (
            dict(annot=True, annot_kws={"fontsize": -1}),
            ValueError,
            "positive number of points",
        ),
        (dict(linewidths=-1), ValueError, "linewidths must be a number of points >= 0"),
        (dict(linewidths=1, linecolor="notacolour"), ValueError, "is not a colour"),
    ],
)
def test_bad_cell_options(df, kw, err, match):
    with pytest.raises(err, match=match):
        cg.ClusterGrid(df, **kw)


# -- borders ---------------------------------------------------------------------


def border_segments(g) -> np.ndarray:
    cols = [
        c
        for c in g.ax_heatmap.collections
        if c.get_label() == "clustergrid:cell-borders"
    ]
    assert len(cols) == 1
    return np.asarray(cols[0].get_segments())


def covered_edges(segs: np.ndarray) -> set:
    """Unit cell edges covered by the segments, as ((x0, y0), (x1, y1))."""
    out = set()
    for (xa, ya), (xb, yb) in segs:
        if ya == yb:
            for x in range(int(min(xa, xb)), int(max(xa, xb))):
                out.add(((x, ya), (x + 1, ya)))
        else:
            assert xa == xb
            for y in range(int(min(ya, yb)), int(max(ya, yb))):
                out.add(((xa, y), (xa, y + 1)))
    return out


def test_borders_are_lines_on_every_cell_edge(df):
    g = cg.ClusterGrid(df, linewidths=2, linecolor="#ff0000", cell_size=0.4)
    g.draw()
    lc = [
        c
        for c in g.ax_heatmap.collections
        if c.get_label() == "clustergrid:cell-borders"
    ][0]
    assert lc.get_linewidths()[0] == 2
    assert mcolors.same_color(lc.get_colors()[0], "#ff0000")
    n, m = df.shape
    edges = covered_edges(border_segments(g))
    want = {((x, y), (x + 1, y)) for x in range(m) for y in range(n + 1)} | {
        ((x, y), (x, y + 1)) for x in range(m + 1) for y in range(n)
    }
    assert edges == want
    # and the pixels on an inner edge are the line colour
    xs, ys = heatmap_cell_centres_px(g)
    edge_x = (xs[0] + xs[1]) / 2
    np.testing.assert_allclose(
        pixel_rgba(g.figure, edge_x, ys[2])[:3], (1, 0, 0), atol=0.02
    )


def test_borders_go_around_shown_cells_only(wine_z):
    c = wine_z.iloc[:, :5].corr()
    g = cg.ClusterGrid(c, mask="upper", linewidths=1, cell_size=0.3)
    g.draw()
    n = c.shape[0]
    want = set()
    for i in range(n):
        for j in range(n):
            if j <= i:  # shown
                want |= {
                    ((j, i), (j + 1, i)),
                    ((j, i + 1), (j + 1, i + 1)),
                    ((j, i), (j, i + 1)),
                    ((j + 1, i), (j + 1, i + 1)),
                }
    assert covered_edges(border_segments(g)) == want
    # the inside of a masked cell stays background
    np.testing.assert_allclose(cell_rgb(g, 0, n - 1), WHITE, atol=1 / 255)


def test_no_borders_by_default(df):
    g = cg.ClusterGrid(df)
    g.draw()
    assert not [
        c
        for c in g.ax_heatmap.collections
        if c.get_label() == "clustergrid:cell-borders"
    ]


# -- image -----------------------------------------------------------------------


@image_test()
def test_cells_correlation_lower_triangle_image(wine):
    """Wine correlations: lower triangle with the diagonal, square cells,
    annotated values, white borders."""
    corr = wine.drop(columns="cultivar").corr()
    g = (
        cg.ClusterGrid(
            corr,
            center=0,
            vmin=-1,
            vmax=1,
            square=True,
            cell_size=0.32,
            mask="upper",
            annot=True,
            fmt=".1f",
            linewidths=0.8,
        )
        .cluster()
        .add(cg.Labels(fontsize=8), "left")
        .add(cg.Labels(fontsize=8), "bottom")
        .add(cg.ScaleBar(label="Pearson r"), "right")
    )
    return g.draw()
