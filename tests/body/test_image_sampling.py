"""The heatmap image at fewer pixels than cells (issue 19).

Where cells are smaller than a pixel, each pixel shows the cell under its
centre (matplotlib's "nearest" resampling), and only those cells are colour
mapped.  Checked against the rendered pixels, against matplotlib's own
``imshow`` of the whole matrix, and in vector output past the cell limit."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import clustergrid as cg
from clustergrid._body import image as _image
from clustergrid._body.image import CellImage, pixel_picks, vector_picks
from conftest import pdf_image_sizes, svg_images


def _buffer(fig: Figure) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def _matrix(n: int, m: int, seed: int = 0, nan: float = 0.0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, m))
    if nan:
        X[rng.random(X.shape) < nan] = np.nan
    return pd.DataFrame(X, index=[f"r{i}" for i in range(n)])


def _drawn(df: pd.DataFrame, figsize=(4, 6)) -> cg.ClusterGrid:
    g = cg.ClusterGrid(df, figsize=figsize).add(cg.ScaleBar(), "right")
    g.draw()
    return g


def _heatmap_pixels(g: cg.ClusterGrid) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rendered buffer and the buffer rows/columns whose pixels lie
    wholly inside the heatmap axes."""
    fig = g.figure
    buf = _buffer(fig)
    h = buf.shape[0]
    x0, y0, x1, y1 = g.ax_heatmap.bbox.extents
    cols = np.arange(int(np.ceil(x0)), int(np.floor(x1)))
    # display pixel row k (y up) is buffer row h - 1 - k
    ks = np.arange(int(np.ceil(y0)), int(np.floor(y1)))
    return buf, h - 1 - ks, cols


def test_pixel_picks_show_the_cell_under_each_pixel_centre():
    # 10 cells over 4 pixels from a=0 to b=4: centres 0.5..3.5 px -> cells 1.25, 3.75, ...
    picks, first, last = pixel_picks(10, 0.0, 4.0)
    assert picks.tolist() == [1, 3, 6, 8]
    assert (first, last) == (0.0, 4.0)
    # the same, running downwards (row 0 at the top, a > b)
    picks, first, last = pixel_picks(10, 4.0, 0.0)
    assert picks.tolist() == [1, 3, 6, 8]
    assert (first, last) == (4.0, 0.0)
    # a centre exactly on the edge between two cells shows the earlier one
    # (matplotlib's nearest resampling: the upper/left cell)
    picks, _, _ = pixel_picks(8, 0.0, 4.0)  # centres at cells 1, 3, 5, 7 exactly
    assert picks.tolist() == [0, 2, 4, 6]
    # ... also when float error puts the centre a hair past the edge (10,000
    # rows over 847 px, as a 10k-row figure lays them out: pixel 427's centre
    # is 5000.000000000001 cells from the top), as Agg resolves 1/256 of a cell
    picks, _, _ = pixel_picks(10_000, 851.0000000000001, 4.000000000000114)
    pixels = np.arange(4, 852)[::-1]  # those the heatmap touches, top first
    assert picks[np.flatnonzero(pixels == 427)[0]] == 4999
    # cells of a pixel or more: nothing to pick, the image is drawn as it is
    assert pixel_picks(4, 0.0, 4.0) is None
    assert pixel_picks(3, 10.0, 0.0) is None


def test_vector_picks_are_evenly_spaced_cell_centres():
    assert vector_picks(100).tolist() == list(range(100))
    n = 10 * _image.VECTOR_SIDE
    picks = vector_picks(n)
    assert len(picks) == _image.VECTOR_SIDE
    assert picks.tolist() == [10 * i + 5 for i in range(_image.VECTOR_SIDE)]


@pytest.mark.parametrize(
    ("n", "m", "figsize"), [(3000, 40, (4, 6)), (777, 3, (3, 3)), (5000, 700, (6, 6))]
)
def test_downsampled_pixels_equal_matplotlibs_own_resampling(n, m, figsize):
    """The picked image is what matplotlib's nearest resampling of the whole
    matrix draws, pixel for pixel (an imshow on an axes of the same place)."""
    df = _matrix(n, m, nan=0.02)
    g = _drawn(df, figsize)
    buf, rows, cols = _heatmap_pixels(g)
    ax = g.ax_heatmap
    ref = Figure(figsize=g.figure.get_size_inches(), dpi=g.figure.dpi)
    FigureCanvasAgg(ref)
    rax = ref.add_axes(ax.get_position().bounds)
    rax.set_axis_off()
    rax.imshow(
        np.ma.masked_invalid(g.matrix.to_numpy()),
        cmap=ax.images[0].cmap,
        norm=ax.images[0].norm,
        interpolation="nearest",
        aspect="auto",
        extent=(0, m, n, 0),
    )
    rax.set_xlim(0, m)
    rax.set_ylim(n, 0)
    want = _buffer(ref)
    assert np.array_equal(buf[np.ix_(rows, cols)], want[np.ix_(rows, cols)])


def test_each_pixel_is_cmap_of_norm_of_the_cell_under_its_centre():
    n, m = 4000, 30
    df = _matrix(n, m, seed=3)
    g = _drawn(df)
    buf, rows, cols = _heatmap_pixels(g)
    im = g.ax_heatmap.images[0]
    values = g.matrix.to_numpy()
    inv = g.ax_heatmap.transData.inverted()
    h = buf.shape[0]
    for r in rows[:: max(1, len(rows) // 40)]:
        for c in cols[:: max(1, len(cols) // 10)]:
            # the pixel's centre in data coordinates names its cell
            x, y = inv.transform([(c + 0.5, h - 1 - r + 0.5)])[0]
            i, j = int(np.floor(y)), int(np.floor(x))
            expected = np.asarray(im.cmap(im.norm(values[i, j]), bytes=True))
            assert np.array_equal(buf[r, c], expected), (r, c, i, j)


def test_only_the_drawn_cells_are_colour_mapped(monkeypatch):
    """A 50,000-row heatmap colour-maps one row per pixel row, not all rows:
    no colour mapping is larger than the heatmap's pixels."""
    sizes = []
    orig = CellImage.to_rgba

    def spy(self, x, *a, **k):
        sizes.append(np.size(x) // (4 if np.ndim(x) == 3 else 1))
        return orig(self, x, *a, **k)

    monkeypatch.setattr(CellImage, "to_rgba", spy)
    n, m = 50_000, 40
    g = _drawn(_matrix(n, m))
    _buffer(g.figure)
    bb = g.ax_heatmap.bbox
    pixels = (bb.height + 2) * (bb.width + 2)
    assert pixels < n * m / 5
    assert sizes and max(sizes) <= pixels


def test_masked_cells_stay_transparent_when_downsampled():
    n, m = 3000, 6
    df = _matrix(n, m, seed=5)
    mask = pd.DataFrame(False, index=df.index, columns=df.columns)
    mask.iloc[:, 2] = True  # one whole column hidden
    g = cg.ClusterGrid(df, figsize=(3, 5), mask=mask)
    g.draw()
    buf, rows, cols = _heatmap_pixels(g)
    ax = g.ax_heatmap
    x_centre = ax.transData.transform([(2.5, 0)])[0, 0]
    c = int(np.floor(x_centre))
    face = np.asarray(matplotlib.colors.to_rgba(g.figure.get_facecolor())) * 255
    assert np.allclose(buf[rows, c], face, atol=1)
    other = int(np.floor(ax.transData.transform([(0.5, 0)])[0, 0]))
    assert not np.allclose(buf[rows, other], face, atol=1)


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
def test_vector_output_past_the_cell_limit_samples_each_long_axis(monkeypatch, fmt):
    monkeypatch.setattr(_image, "VECTOR_MAX_CELLS", 1000)
    monkeypatch.setattr(_image, "VECTOR_SIDE", 64)
    n, m = 640, 5  # 3200 cells > 1000: rows sampled at 64 pixels, the 5 columns kept
    df = _matrix(n, m, seed=7)
    g = cg.ClusterGrid(df, figsize=(3, 5))
    buf = io.BytesIO()
    g.draw().savefig(buf, format=fmt)
    data = buf.getvalue()
    if fmt == "pdf":
        assert (5, 64) in pdf_image_sizes(data)
        return
    (img,) = [a for a in svg_images(data) if a.shape[:2] == (64, 5)]
    im = g.ax_heatmap.images[0]
    values = g.matrix.to_numpy()[10 * np.arange(64) + 5]
    expected = np.asarray(im.cmap(im.norm(values), bytes=True))
    assert np.array_equal(np.round(img * 255).astype(np.uint8), expected)


def test_vector_output_below_the_limit_keeps_every_cell():
    df = _matrix(3000, 4, seed=8)
    g = cg.ClusterGrid(df, figsize=(3, 5))
    buf = io.BytesIO()
    g.draw().savefig(buf, format="pdf")
    assert (4, 3000) in pdf_image_sizes(buf.getvalue())
