"""Dendrograms with more leaves than the drawing resolves: collapsed subtrees.

Everything is checked on the drawn artists (the LineCollection's paths and
the PNG's pixels) against the full drawing (``dendrogram_segments``).
"""

from __future__ import annotations

import io

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib.image import imread
from scipy.cluster import hierarchy as sch

import clustergrid as cg
from clustergrid._order.linkage import linkage_large
from clustergrid._order.tree import (
    collapsed_dendrogram,
    dendrogram_segments,
    leaves_list,
)

N_BIG = 30_000
FIG = (3.0, 4.0)  # inches at dpi 100: ~390 px of rows for 30,000 leaves


@pytest.fixture(scope="module")
def big() -> tuple[pd.DataFrame, np.ndarray]:
    """30,000 rows in 20 planted clusters and their (two-stage) average tree."""
    rng = np.random.default_rng(1)
    X = rng.normal(scale=3, size=(20, 5))[rng.integers(0, 20, N_BIG)]
    X += rng.normal(size=(N_BIG, 5))
    Z = linkage_large(X, method="average", metric="euclidean")
    return pd.DataFrame(X, index=[f"r{i}" for i in range(N_BIG)]), Z


def _draw(df: pd.DataFrame, Z: np.ndarray, **opts: object) -> cg.Dendrogram:
    tree = cg.Dendrogram(**opts)  # type: ignore[arg-type]
    g = cg.ClusterGrid(df, figsize=FIG).cluster(rows=Z, cols=False)
    g.add(tree, "left", size=1.0).draw()
    return tree


def _polylines(tree: cg.Dendrogram) -> list[tuple[np.ndarray, tuple]]:
    """Every polyline drawn (paths split at their NaN breaks) with its colour,
    in (along, height) coordinates."""
    out = []
    lc = tree.collection
    colors = lc.get_colors()
    for i, path in enumerate(lc.get_paths()):
        v = path.vertices[:, ::-1]  # a left tree draws (height, along)
        breaks = np.flatnonzero(np.isnan(v[:, 0]))
        for piece in np.split(v, breaks):
            piece = piece[~np.isnan(piece[:, 0])]
            if len(piece):
                out.append((piece, tuple(colors[i % len(colors)])))
    return out


def _full_polys(Z: np.ndarray, order: np.ndarray) -> np.ndarray:
    """The full drawing's polyline per merge: leg a, crossbar, leg b."""
    seg, _ = dendrogram_segments(Z, order)
    s3 = seg.reshape(-1, 3, 2, 2)
    return np.stack([s3[:, 0, 0], s3[:, 0, 1], s3[:, 2, 1], s3[:, 2, 0]], axis=1)


def _collapsed_root_of_leaves(Z: np.ndarray, roots: np.ndarray) -> np.ndarray:
    """For every leaf, how many of ``roots`` lie on its path to the root
    (vectorised: all leaves climb one level per step)."""
    n = len(Z) + 1
    parent = np.full(2 * n - 1, -1)
    parent[Z[:, 0].astype(int)] = np.arange(n, 2 * n - 1)
    parent[Z[:, 1].astype(int)] = np.arange(n, 2 * n - 1)
    is_root = np.zeros(2 * n - 1, dtype=bool)
    is_root[roots] = True
    node = np.arange(n)
    hits = np.zeros(n, dtype=int)
    alive = np.ones(n, dtype=bool)
    while alive.any():
        hits[alive] += is_root[node[alive]]
        node[alive] = parent[node[alive]]
        alive &= node >= 0
    return hits


def test_large_tree_is_drawn_at_the_drawings_resolution(big):
    df, Z = big
    n = N_BIG
    tree = _draw(df, Z)
    ax = tree.ax
    px = ax.get_window_extent().height  # pixels along the rows
    cell_px = px / n
    line_px = max(tree.linewidth * 100 / 72, 1.0)
    assert cell_px < 2 * line_px  # the leaves are denser than the lines
    col = tree.collapsed
    assert col is not None
    lines = _polylines(tree)
    n_vertices = sum(len(p) + 1 for p, _ in lines) - 1
    # uncollapsed: 5 vertices per merge, 150,000 for 390 px; here bounded by
    # the pixels (the drawn merges span >= 4 line widths each at the bottom)
    assert n_vertices <= 10 * px
    assert n_vertices < 0.02 * 5 * (n - 1)

    order = leaves_list(Z)
    full = _full_polys(Z, order)
    merges = [p for p, _ in lines if len(p) == 4]
    stems = [p for p, _ in lines if len(p) == 2]
    assert len(merges) + len(stems) == len(lines)
    # every drawn merge is the full drawing's polyline for that merge
    assert len(merges) == len(col.merges) > 0
    np.testing.assert_array_equal(np.stack(merges), full[col.merges])

    # every stem: at its subtree root's position in the full drawing, from 0
    # to the root's height
    root_pos = np.empty(2 * n - 1)
    root_pos[order] = np.arange(n) + 0.5
    root_pos[n:] = 0.5 * (full[:, 1, 0] + full[:, 2, 0])  # crossbar midpoints
    height = np.concatenate([np.zeros(n), Z[:, 2]])
    tall = col.roots[height[col.roots] > 0]
    assert len(stems) == len(tall) > 0
    stems_arr = np.stack(stems)
    np.testing.assert_array_equal(stems_arr[:, 0, 0], root_pos[tall])
    np.testing.assert_array_equal(stems_arr[:, 1, 0], root_pos[tall])
    np.testing.assert_array_equal(stems_arr[:, 0, 1], 0.0)
    np.testing.assert_array_equal(stems_arr[:, 1, 1], height[tall])
    # the drawn stems' leg ends are the drawn merges' legs (they join up)
    leg_feet = {(x, h) for p in merges for x, h in (p[0], p[3])}
    assert all((s[0, 0], s[1, 1]) in leg_feet for s in stems)

    # the collapsed subtrees hold every leaf exactly once
    assert (_collapsed_root_of_leaves(Z, col.roots) == 1).all()
    # ... are narrower than 4 line widths, and maximal (their parents are not)
    count = np.concatenate([np.ones(n), Z[:, 3]])
    extent_px = (count - 1) * cell_px  # leaves are contiguous in leaf order
    assert (extent_px[col.roots] < 4 * line_px).all()
    assert (extent_px[n + col.merges] >= 4 * line_px).all()


def test_small_tree_paths_are_identical():
    wine = cg.load_dataset("wine").drop(columns="cultivar")
    for opts in ({}, {"k": 3}, {"color_threshold": 300.0}):
        drawn = []
        for collapse in ("auto", None):
            tree = cg.Dendrogram(collapse=collapse, **opts)
            g = cg.ClusterGrid(wine, z_score=1).cluster().add(tree, "left")
            g.draw()
            drawn.append(tree)
        auto, none = drawn
        assert auto.collapsed is None
        pa, pn = auto.collection.get_paths(), none.collection.get_paths()
        assert len(pa) == len(pn) > 0
        for a, b in zip(pa, pn, strict=True):
            np.testing.assert_array_equal(a.vertices, b.vertices)
        np.testing.assert_array_equal(
            auto.collection.get_colors(), none.collection.get_colors()
        )


@pytest.mark.parametrize("how", ["k=5", "q=0.9995", "q=0.99"])
def test_collapsed_stems_take_their_subtrees_colour(big, how):
    """Few large clusters (most stems inside one) and many small ones (some
    stems over several: drawn in the line colour)."""
    df, Z = big
    n = N_BIG
    if how == "k=5":
        tree = _draw(df, Z, k=5, palette="tab10")
        flat = sch.fcluster(Z, 5, "maxclust")  # heights sorted: the top cut
    else:
        t = float(np.quantile(Z[:, 2], float(how[2:])))
        tree = _draw(df, Z, color_threshold=t, palette="tab10")
        flat = sch.fcluster(Z, t, "distance")
    col = tree.collapsed
    assert col is not None
    order = leaves_list(Z)
    # the clusters, numbered by their first leaf along the axis
    _, first = np.unique(flat[order], return_index=True)
    ids_in_order = flat[order[np.sort(first)]]
    number = {c: i + 1 for i, c in enumerate(ids_in_order)}
    assert len(number) >= 5
    cmap = mpl.colormaps["tab10"]
    black = mpl.colors.to_rgba("black")
    # each drawn stem: its subtree's leaves (a run of the leaf order)
    full = _full_polys(Z, order)
    rank = np.empty(n, dtype=int)
    rank[order] = np.arange(n)
    lo = np.concatenate([rank, np.zeros(n - 1, dtype=int)])
    count = np.concatenate([np.ones(n, dtype=int), Z[:, 3].astype(int)])
    for i in range(n - 1):  # first rank of each merge (children come first)
        a, b = int(Z[i, 0]), int(Z[i, 1])
        lo[n + i] = min(lo[a], lo[b])
    pos_to_root = {}
    for r in col.roots:
        pos = 0.5 * (full[r - n, 1, 0] + full[r - n, 2, 0]) if r >= n else lo[r] + 0.5
        pos_to_root[pos] = r
    seen = {"one": 0, "mixed": 0}
    for piece, colour in _polylines(tree):
        if len(piece) != 2:
            continue
        r = pos_to_root[piece[0, 0]]
        leaves = order[lo[r] : lo[r] + count[r]]
        groups = np.unique(flat[leaves])
        if len(groups) == 1:
            want = tuple(cmap((number[groups[0]] - 1) % cmap.N))
            seen["one"] += 1
        else:
            want = black
            seen["mixed"] += 1
        np.testing.assert_allclose(colour, want)
    assert seen["one"] > 50
    if how == "q=0.99":  # clusters narrower than a stem's subtree
        assert seen["mixed"] > 10


def test_collapse_option_validation():
    with pytest.raises(ValueError, match=r"collapse='none'.*'auto'.*None"):
        cg.Dendrogram(collapse="none")
    with pytest.raises(ValueError, match=r"Dendrogram collapse must be > 0"):
        cg.Dendrogram(collapse=0)
    with pytest.raises(ValueError, match=r"Dendrogram collapse must be > 0"):
        cg.Dendrogram(collapse=-1.5)
    with pytest.raises(ValueError, match=r"Dendrogram collapse must be a finite"):
        cg.Dendrogram(collapse=float("nan"))
    with pytest.raises(TypeError, match=r"Dendrogram collapse must be a number"):
        cg.Dendrogram(collapse=True)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"Dendrogram collapse must be a number"):
        cg.Dendrogram(collapse=[2])  # type: ignore[arg-type]
    assert cg.Dendrogram().collapse == "auto"
    assert cg.Dendrogram(collapse=None).collapse is None
    assert cg.Dendrogram(collapse=np.float32(2.5)).collapse == 2.5


def test_float_collapse_is_a_width_in_points(big):
    df, Z = big
    tree = _draw(df, Z, collapse=20.0)
    col = tree.collapsed
    assert col is not None
    cell_pt = tree.ax.get_window_extent().height / N_BIG * 72 / 100
    count = np.concatenate([np.ones(N_BIG), Z[:, 3]])
    assert ((count[col.roots] - 1) * cell_pt < 20.0).all()
    assert ((count[N_BIG + col.merges] - 1) * cell_pt >= 20.0).all()
    # wider than "auto": fewer merges drawn
    assert len(col.merges) < len(_draw(df, Z).collapsed.merges)


def test_whole_tree_narrower_than_collapse_is_one_stem():
    Z = np.array([[0.0, 1.0, 1.0, 2.0], [2.0, 3.0, 2.0, 3.0]])
    tree = collapsed_dendrogram(Z, [0, 1, 2], min_extent=5.0)
    assert tree.merges.size == 0 and tree.segments.shape == (0, 2, 2)
    np.testing.assert_array_equal(tree.roots, [4])
    # at the full drawing's root position: the midpoint of (0.5+1.5)/2 and 2.5
    np.testing.assert_array_equal(tree.stems, [[[1.75, 0.0], [1.75, 2.0]]])


def test_dense_tree_is_no_longer_a_solid_band():
    """Pixels: the leaf side of a 100,000-leaf tree in 390 px (256 leaves per
    pixel) is solid black when every merge is drawn; collapsed, the stems
    leave background between them."""
    n = 100_000
    rng = np.random.default_rng(5)
    X = rng.normal(scale=3, size=(20, 5))[rng.integers(0, 20, n)]
    X += rng.normal(size=(n, 5))
    Z = linkage_large(X, method="average", metric="euclidean")
    df = pd.DataFrame(X)
    fractions = {}
    for collapse in ("auto", None):
        tree = cg.Dendrogram(collapse=collapse)
        g = cg.ClusterGrid(df, figsize=FIG, dpi=100).cluster(rows=Z, cols=False)
        g.add(tree, "left", size=1.0)
        buf = io.BytesIO()
        g.save(buf, format="png")
        img = imread(io.BytesIO(buf.getvalue()))[:, :, :3].mean(axis=2)
        bb = tree.ax.get_window_extent()
        H = img.shape[0]
        rows = slice(int(np.ceil(H - bb.y1)) + 1, int(H - bb.y0) - 1)
        leaf_side = img[rows, int(bb.x1) - 2]  # a pixel column at the leaves
        fractions[collapse] = float(np.mean(leaf_side > 0.98))
    assert fractions[None] < 0.01  # every pixel inked: a band
    assert fractions["auto"] > 0.05  # stems with background between them


def test_top_tree_collapses_in_points_and_svg_holds_only_the_drawn_lines(big):
    """A column tree (top): the same geometry with x along the axis; the SVG
    carries the collapsed lines only."""
    df, Z = big
    n = N_BIG
    data = df.T.iloc[:3]
    sizes = {}
    trees = {}
    for collapse in ("auto", None):
        tree = cg.Dendrogram(collapse=collapse)
        g = cg.ClusterGrid(data, figsize=(4.0, 3.0)).cluster(rows=False, cols=Z)
        g.add(tree, "top", size=1.0)
        buf = io.BytesIO()
        g.save(buf, format="svg")
        sizes[collapse] = len(buf.getvalue())
        trees[collapse] = tree
    col = trees["auto"].collapsed
    assert col is not None and trees[None].collapsed is None
    order = leaves_list(Z)
    full = _full_polys(Z, order)
    lc = trees["auto"].collection
    (path,) = lc.get_paths()  # one colour, one path; x is along the axis
    v = path.vertices
    pieces = [
        p[~np.isnan(p[:, 0])] for p in np.split(v, np.flatnonzero(np.isnan(v[:, 0])))
    ]
    merges = np.stack([p for p in pieces if len(p) == 4])
    np.testing.assert_array_equal(merges, full[col.merges])
    cell_pt = trees["auto"].ax.get_window_extent().width / n * 72 / 100
    count = np.concatenate([np.ones(n), Z[:, 3]])
    width = 4 * max(0.8, 72 / 100)  # four line widths, in points
    assert ((count[col.roots] - 1) * cell_pt < width).all()
    assert ((count[n + col.merges] - 1) * cell_pt >= width).all()
    assert sizes["auto"] < sizes[None] / 10
