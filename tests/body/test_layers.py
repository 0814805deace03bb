"""Cell layers (issue 14): dots, markers, layer functions, borders and
categorical matrices, checked from the drawn artists."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest

import clustergrid as cg
from conftest import image_test

GALLERY = Path(__file__).resolve().parents[2] / "gallery"


def _frames(n=9, m=7, seed=0):
    rng = np.random.default_rng(seed)
    rows = [f"r{i}" for i in range(n)]
    cols = [f"c{j}" for j in range(m)]
    color = pd.DataFrame(rng.normal(size=(n, m)), index=rows, columns=cols)
    size = pd.DataFrame(rng.uniform(0.05, 1.0, size=(n, m)), index=rows, columns=cols)
    return color, size


def _blocks(g):
    """(ax, rows, cols) of every heatmap block, labels in drawn order."""
    out = []
    m = g.matrix
    for i, (ra, rb) in enumerate(g.row_slices.bounds):
        for j, (ca, cb) in enumerate(g.col_slices.bounds):
            out.append((g.heatmap_axes[i][j], m.index[ra:rb], m.columns[ca:cb]))
    return out


def _coll(ax, label):
    found = [c for c in ax.collections if c.get_label() == label]
    assert len(found) == 1, f"expected one {label} collection, got {len(found)}"
    return found[0]


def _drawn_cells(ax, coll, rows, cols):
    """Map each drawn offset to its (row, col) label, checking it sits on the
    cell centre in pixels."""
    pix = ax.transData.transform(np.asarray(coll.get_offsets()))
    bb = ax.bbox
    cw, ch = bb.width / len(cols), bb.height / len(rows)
    j = np.floor((pix[:, 0] - bb.x0) / cw).astype(int)
    i = np.floor((bb.y1 - pix[:, 1]) / ch).astype(int)
    cx = bb.x0 + (j + 0.5) * cw
    cy = bb.y1 - (i + 0.5) * ch
    assert np.abs(pix[:, 0] - cx).max(initial=0) <= 0.5
    assert np.abs(pix[:, 1] - cy).max(initial=0) <= 0.5
    return [(rows[a], cols[b]) for a, b in zip(i, j, strict=True)], min(cw, ch)


# -- dots ---------------------------------------------------------------------------
def test_dots_sit_on_cell_centres_with_areas_proportional_to_size_after_clustering_and_split():
    color, size = _frames()
    size.iloc[2, 3] = np.nan
    mask = pd.DataFrame(False, index=color.index, columns=color.columns)
    mask.iloc[0, 0] = True
    g = (
        cg.ClusterGrid(color, mask=mask, cells=cg.Dots(size=size))
        .cluster()
        .split(rows=2, cols=2)
    )
    fig = g.draw()
    dpi = fig.dpi
    seen = []
    for ax, rows, cols in _blocks(g):
        assert not ax.images[0].get_visible()  # the dots replace the mesh
        coll = _coll(ax, "clustergrid:dots")
        where, cell_px = _drawn_cells(ax, coll, rows, cols)
        s = coll.get_sizes()
        v = np.array([size.loc[r, c] for r, c in where])
        # area (points^2) / value is one constant: the largest value fills the cell
        dmax = cell_px * 72 / dpi
        np.testing.assert_allclose(
            s / v, dmax**2 / np.nanmax(size.to_numpy()), rtol=1e-9
        )
        # colour = cmap(norm(value)) of the shared norm
        want = g.cmap(g.norm(np.array([color.loc[r, c] for r, c in where])))
        np.testing.assert_allclose(coll.get_facecolors(), want, atol=1e-9)
        seen += where
    expected = {(r, c) for r in color.index for c in color.columns} - {
        ("r2", "c3"),
        ("r0", "c0"),
    }
    assert set(seen) == expected and len(seen) == len(expected)


def test_dots_size_frame_aligns_by_label_and_constant_colour():
    color, size = _frames(5, 4)
    shuffled = size.iloc[::-1, ::-1]
    g = cg.ClusterGrid(color, cells=cg.Dots(size=shuffled, color="black")).cluster()
    g.draw()
    ax, rows, cols = _blocks(g)[0]
    coll = _coll(ax, "clustergrid:dots")
    where, _ = _drawn_cells(ax, coll, rows, cols)
    v = np.array([size.loc[r, c] for r, c in where])
    np.testing.assert_allclose(coll.get_sizes() / v, coll.get_sizes()[0] / v[0])
    np.testing.assert_allclose(coll.get_facecolors(), [mcolors.to_rgba("black")])


def test_size_legend_has_3_to_5_reference_dots_on_the_heatmap_scale():
    color, size = _frames()
    g = cg.ClusterGrid(color, cells=cg.Dots(size=size, size_label="fraction"))
    fig = g.draw()
    leg = [
        c
        for a in fig.axes
        for c in a.collections
        if c.get_label() == "clustergrid:size-legend"
    ]
    assert 3 <= len(leg) <= 5
    texts = [
        t
        for a in fig.axes
        for t in a.texts
        if t.get_gid() and "layer-legend" in t.get_gid()
    ]
    assert "fraction" in [t.get_text() for t in texts]
    heat = _coll(g.ax_heatmap, "clustergrid:dots")
    k = heat.get_sizes()[0] / size.loc[g.matrix.index[0], g.matrix.columns[0]]
    labels = [t.get_text() for t in texts if t.get_gid().endswith("label")]
    for c, lab in zip(leg, labels, strict=True):
        assert c.get_sizes()[0] == pytest.approx(float(lab) * k, rel=1e-9)


def test_size_norm_and_range():
    color, size = _frames(4, 4)
    g = cg.ClusterGrid(
        color, cells=cg.Dots(size=size, size_norm=(0, 2), size_range=(0.2, 0.8))
    )
    g.draw()
    ax, rows, cols = _blocks(g)[0]
    coll = _coll(ax, "clustergrid:dots")
    where, cell_px = _drawn_cells(ax, coll, rows, cols)
    v = np.array([size.loc[r, c] for r, c in where])
    dmax = cell_px * 72 / g.figure.dpi
    np.testing.assert_allclose(
        coll.get_sizes(), (0.2 + 0.6 * v / 2) * dmax**2, rtol=1e-9
    )


# -- markers ---------------------------------------------------------------------------
def test_markers_on_exactly_the_chosen_cells_after_clustering_and_split():
    color, size = _frames()
    chosen = size > 0.7
    g = (
        cg.ClusterGrid(color)
        .cluster()
        .split(rows=3, cols=2)
        .layer(cg.Markers(where=chosen.iloc[::-1], marker="*", label="big"))
    )
    g.draw()
    seen = []
    for ax, rows, cols in _blocks(g):
        where, _ = _drawn_cells(ax, _coll(ax, "clustergrid:markers"), rows, cols)
        seen += where
    want = {(r, c) for r in color.index for c in color.columns if chosen.loc[r, c]}
    assert len(seen) == len(want) and set(seen) == want
    leg = [
        c
        for a in g.figure.axes
        for c in a.collections
        if c.get_label() == "clustergrid:marker-legend"
    ]
    assert len(leg) == 1


def test_markers_from_pvalues_and_threshold():
    color, pvals = _frames(6, 5, seed=3)
    pvals = pvals / 5
    g = cg.ClusterGrid(color).cluster().layer(cg.Markers(where=pvals, threshold=0.05))
    g.draw()
    ax, rows, cols = _blocks(g)[0]
    where, _ = _drawn_cells(ax, _coll(ax, "clustergrid:markers"), rows, cols)
    assert set(where) == {(r, c) for r in rows for c in cols if pvals.loc[r, c] < 0.05}


# -- layer functions -----------------------------------------------------------------
def test_layer_function_gets_arrays_matching_the_matrix_once_per_slice():
    color, _ = _frames()
    calls = []

    def fn(ax, cells):
        calls.append((ax, cells))
        return ax.scatter(cells.x, cells.y, s=4)

    g = cg.ClusterGrid(color).cluster().split(rows=2, cols=2).layer(fn)
    g.draw()
    assert len(calls) == 4
    m = g.matrix
    axes = [b[0] for b in _blocks(g)]
    for (ax, c), want_ax in zip(calls, axes, strict=True):
        assert ax is want_ax
        np.testing.assert_array_equal(c.value, m.to_numpy()[c.i, c.j])
        np.testing.assert_array_equal(c.row, m.index[c.i])
        np.testing.assert_array_equal(c.col, m.columns[c.j])
        a, b = g.row_slices.bounds[c.slice[0]]
        np.testing.assert_allclose(c.y, c.i - a + 0.5)
        assert c.shape == (b - a, ax.get_xlim()[1])
    assert sorted(c.slice for _, c in calls) == [(0, 0), (0, 1), (1, 0), (1, 1)]


# -- border --------------------------------------------------------------------------
def test_border_frames_the_whole_heatmap_or_each_slice():
    color, _ = _frames()
    g = cg.ClusterGrid(color, border=True).cluster().split(rows=2, cols=2)
    fig = g.draw()
    fig.canvas.draw()
    rects = [
        p for a in fig.axes for p in a.patches if p.get_label() == "clustergrid:border"
    ]
    assert len(rects) == 1
    bb = rects[0].get_window_extent()
    heat = [b[0].bbox for b in _blocks(g)]
    assert bb.x0 == pytest.approx(min(h.x0 for h in heat), abs=1.0)
    assert bb.x1 == pytest.approx(max(h.x1 for h in heat), abs=1.0)
    assert bb.y0 == pytest.approx(min(h.y0 for h in heat), abs=1.0)
    assert bb.y1 == pytest.approx(max(h.y1 for h in heat), abs=1.0)
    g2 = cg.ClusterGrid(color, border="slices").cluster().split(rows=2, cols=2)
    fig2 = g2.draw()
    assert (
        sum(p.get_label() == "clustergrid:border" for a in fig2.axes for p in a.patches)
        == 4
    )


# -- categorical matrices ---------------------------------------------------------------
def test_categorical_matrix_draws_palette_colours_and_a_legend():
    rng = np.random.default_rng(1)
    cat = pd.DataFrame(
        rng.choice(["AA", "AB", "BB"], size=(8, 6)),
        index=[f"s{i}" for i in range(8)],
        columns=[f"g{j}" for j in range(6)],
    )
    before = cat.copy()
    pal = {"AA": "red", "AB": "gold", "BB": "blue"}
    g = cg.ClusterGrid(cat, palette=pal, legend_title="genotype").cluster(
        metric="hamming"
    )
    fig = g.draw()
    pd.testing.assert_frame_equal(cat, before)
    texts = {t.get_text() for a in fig.axes for t in a.texts}
    assert {"genotype", "AA", "AB", "BB"} <= texts
    cat.iloc[0, 0] = (
        None  # a missing entry: an empty cell; for clustering, its own category
    )
    g = cg.ClusterGrid(cat, palette=pal, legend_title="genotype").cluster(
        metric="hamming"
    )
    fig = g.draw()
    from scipy.cluster.hierarchy import leaves_list, linkage

    codes = (
        cat.apply(lambda col: col.map({"AA": 0, "AB": 1, "BB": 2}))
        .fillna(-1)
        .to_numpy(dtype=float)
    )
    np.testing.assert_array_equal(
        g.row_order, cat.index[leaves_list(linkage(codes, "average", metric="hamming"))]
    )
    im = g.ax_heatmap.images[0]
    rgba = im.to_rgba(im.get_array())
    drawn = cat.loc[g.row_order, g.col_order].to_numpy()
    for (i, j), v in np.ndenumerate(drawn):
        if pd.isna(v):
            assert np.ma.getmaskarray(im.get_array())[i, j]
        else:
            np.testing.assert_allclose(rgba[i, j], mcolors.to_rgba(pal[v]))


def test_categorical_matrix_refuses_numeric_clustering():
    cat = pd.DataFrame([["a", "b"], ["b", "a"], ["a", "a"]])
    with pytest.raises(ValueError, match="metric='hamming'"):
        cg.ClusterGrid(cat).cluster()
    with pytest.raises(ValueError, match="palette"):
        cg.ClusterGrid(cat, cmap="viridis")
    with pytest.raises(ValueError, match="palette= colours a categorical"):
        cg.ClusterGrid(pd.DataFrame([[1.0, 2.0]]), palette="tab10")


# -- errors at the user's line -------------------------------------------------------------
def test_layer_errors_name_the_option():
    color, size = _frames(4, 3)
    with pytest.raises(ValueError, match="Dots\\(size=...\\) does not line up"):
        cg.ClusterGrid(color, cells=cg.Dots(size=size.iloc[:2]))
    with pytest.raises(ValueError, match="negative"):
        cg.ClusterGrid(color, cells=cg.Dots(size=-size))
    with pytest.raises(ValueError, match="size_range"):
        cg.Dots(size=size, size_range=(0.5, 0.1))
    with pytest.raises(TypeError, match="cells= takes cg.Dots"):
        cg.ClusterGrid(color, cells=cg.Markers(where=size > 0.5))
    with pytest.raises(ValueError, match="threshold="):
        cg.ClusterGrid(color).layer(cg.Markers(where=size))
    with pytest.raises(ValueError, match="not a matplotlib marker"):
        cg.Markers(where=size > 0.5, marker="nope")
    with pytest.raises(TypeError, match="layer\\(\\) takes"):
        cg.ClusterGrid(color).layer(3)
    with pytest.raises(TypeError, match="cells=cg.Dots"):
        cg.ClusterGrid(color).layer(cg.Dots(size=size))
    with pytest.raises(ValueError, match="border="):
        cg.ClusterGrid(color, border="around")


def test_vector_output_is_one_collection_per_layer():
    color, size = _frames(30, 10)
    g = (
        cg.ClusterGrid(color, cells=cg.Dots(size=size))
        .cluster()
        .layer(cg.Markers(where=size > 0.5))
    )
    g.draw()
    kinds = [c.get_label() for c in g.ax_heatmap.collections]
    assert (
        kinds.count("clustergrid:dots") == 1 and kinds.count("clustergrid:markers") == 1
    )
    buf = io.BytesIO()
    g.save(buf, format="svg")
    svg = buf.getvalue()
    assert svg.count(b'id="clustergrid-dots-0-0"') == 1
    assert svg.count(b'id="clustergrid-markers-0-0"') == 1
    # each holds its cells' glyphs in one group: one path per dot
    n_dots = int(np.isfinite(size.to_numpy()).sum())
    part = svg.split(b'id="clustergrid-dots-0-0"')[1].split(b"</g>")[0]
    assert part.count(b"<path") == n_dots


# -- the gallery's dot plot states the numbers of a pandas groupby ---------------------------
def test_gallery_dotplot_numbers_match_a_groupby():
    spec = importlib.util.spec_from_file_location("g30", GALLERY / "30_pbmc_dotplot.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    g = mod.build()
    g.draw()
    long = cg.load_dataset("pbmc_long")
    grp = long.groupby(["cell_type", "gene"])["expression"]
    mean = grp.mean().unstack()
    frac = long.assign(pos=long["expression"] > 0).pivot_table(
        index="cell_type", columns="gene", values="pos", aggfunc="mean"
    )
    assert g.matrix.shape == (10, 28)
    pd.testing.assert_frame_equal(
        g.matrix, mean.loc[g.row_order, g.col_order], check_names=False
    )
    ax, rows, cols = _blocks(g)[0]
    coll = _coll(ax, "clustergrid:dots")
    where, _ = _drawn_cells(ax, coll, rows, cols)
    f = np.array([frac.loc[r, c] for r, c in where])
    k = coll.get_sizes() / np.where(f > 0, f, np.nan)
    np.testing.assert_allclose(k[np.isfinite(k)], np.nanmax(k), rtol=1e-9)
    # the numbers the gallery text states
    for t, gene, mu, fr in (
        ("CD56+ NK", "NKG7", 3.89, 1.00),
        ("CD34+", "PRSS57", 4.80, 0.85),
        ("CD19+ B", "CD79A", 2.17, 0.98),
        ("CD14+ Monocyte", "LST1", 1.52, 0.95),
    ):
        assert (
            round(g.matrix.loc[t, gene], 2) == mu and round(frac.loc[t, gene], 2) == fr
        )
        assert gene in mod.__doc__ and f"{mu:.2f}, {fr:.2f}" in mod.__doc__.replace(
            "mean ", ""
        ).replace("fraction ", "")


# -- images -----------------------------------------------------------------------------
@image_test()
def test_layers_image_dots():
    color, size = _frames()
    return (
        cg.ClusterGrid(color, center=0, cells=cg.Dots(size=size, size_label="size"))
        .cluster()
        .add(cg.Labels(), "left")
        .add(cg.ScaleBar(), "right")
        .draw()
    )


@image_test()
def test_layers_image_markers_split():
    color, size = _frames()
    return (
        cg.ClusterGrid(color, center=0, border="slices")
        .cluster()
        .split(rows=2)
        .layer(cg.Markers(where=size > 0.7, marker="*", label="size > 0.7"))
        .add(cg.Labels(), "left")
        .draw()
    )


@image_test()
def test_layers_image_function_outlines():
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Rectangle

    color, size = _frames()

    def outline(ax, cells):
        on = cells.value > 1
        boxes = [
            Rectangle((x - 0.5, y - 0.5), 1, 1)
            for x, y in zip(cells.x[on], cells.y[on], strict=True)
        ]
        ax.add_collection(
            PatchCollection(boxes, facecolor="none", edgecolor="black", linewidth=1.5)
        )

    return (
        cg.ClusterGrid(color, center=0)
        .cluster()
        .layer(outline)
        .add(cg.Labels(), "left")
        .draw()
    )


@image_test()
def test_layers_image_categorical():
    rng = np.random.default_rng(2)
    cat = pd.DataFrame(
        rng.choice(
            ["missense", "nonsense", "wild type"], size=(8, 6), p=[0.3, 0.1, 0.6]
        ),
        index=[f"s{i}" for i in range(8)],
        columns=[f"g{j}" for j in range(6)],
    )
    return (
        cg.ClusterGrid(cat, legend_title="mutation", border=True)
        .cluster(metric="hamming")
        .add(cg.Labels(), "left")
        .draw()
    )


def test_pdf_writes_each_dot_as_a_round_capped_point_of_its_diameter():
    import re

    import matplotlib

    color, size = _frames(6, 5)
    g = cg.ClusterGrid(color, cells=cg.Dots(size=size))
    g.draw()
    coll = _coll(g.ax_heatmap, "clustergrid:dots")
    want_d = np.sort(np.sqrt(coll.get_sizes()))
    buf = io.BytesIO()
    with matplotlib.rc_context({"pdf.compression": 0}):
        g.save(buf, format="pdf")
    pdf = buf.getvalue().decode("latin-1")
    assert re.search(r"\b1 J\b", pdf)  # round caps
    num = r"(-?[\d.]+)"
    dots = re.findall(rf"{num} {num} m\s+{num} {num} l\s+S", pdf)
    pts = [(float(a), float(b)) for a, b, c, d in dots if a == c and b == d]
    assert len(pts) == len(want_d)
    widths = [float(w) for w in re.findall(rf"{num} w", pdf)]
    for d in want_d:  # every dot's diameter was set as a line width (points)
        assert min(abs(w - d) for w in widths) < 1e-3


def test_layers_given_as_arrays_follow_a_later_subset_by_label():
    color, size = _frames(6, 5)
    g = cg.ClusterGrid(color, cells=cg.Dots(size=size.to_numpy())).layer(
        cg.Markers(where=(size > 0.5).to_numpy())
    )
    g.subset(rows=["r1", "r3", "r4"])
    g.draw()
    ax, rows, cols = _blocks(g)[0]
    where, cell_px = _drawn_cells(ax, _coll(ax, "clustergrid:markers"), rows, cols)
    assert set(where) == {(r, c) for r in rows for c in cols if size.loc[r, c] > 0.5}
    dots = _coll(ax, "clustergrid:dots")
    where, cell_px = _drawn_cells(ax, dots, rows, cols)
    v = np.array([size.loc[r, c] for r, c in where])
    # the default size norm runs over the drawn cells: their largest fills a cell
    dmax = cell_px * 72 / g.figure.dpi
    np.testing.assert_allclose(dots.get_sizes(), v / v.max() * dmax**2, rtol=1e-9)


def test_dot_pixels_have_the_cell_colour_and_the_background_shows_between_dots():
    color, size = _frames(5, 4)
    g = cg.ClusterGrid(color, cell_size="8mm", cells=cg.Dots(size=size))
    fig = g.draw()
    fig.canvas.draw()
    px = np.asarray(fig.canvas.buffer_rgba())
    ax = g.ax_heatmap
    H = px.shape[0]
    m = g.matrix
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            x, y = ax.transData.transform((j + 0.5, i + 0.5))
            got = px[int(round(H - y)), int(round(x)), :3] / 255
            want = np.asarray(g.cmap(g.norm(m.iloc[i, j])))[:3]
            np.testing.assert_allclose(got, want, atol=2 / 255)
            # a cell corner lies outside every dot: the figure's background
            cx, cy = ax.transData.transform((j + 0.02, i + 0.02))
            corner = px[int(round(H - cy)), int(round(cx)), :3] / 255
            np.testing.assert_allclose(corner, 1.0, atol=2 / 255)
