"""Vector output keeps every cell: the heatmap is embedded unsampled (one image
pixel per cell) and the colour scale as a fine gradient image, read back from
the PDF, SVG and EPS files; raster output is unchanged."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest

import clustergrid as cg
from conftest import heatmap_cell_centres_px, pdf_image_sizes, pixel_rgba, svg_images


def alternating(nrows=1000, ncols=20) -> np.ndarray:
    return np.tile(np.array([[0.0], [1.0]]), (nrows // 2, ncols))


def saved(fig, fmt: str) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt)
    return buf.getvalue()


def test_pdf_of_1000_alternating_rows_embeds_every_row():
    g = cg.ClusterGrid(alternating(), figsize=(4, 6))
    sizes = pdf_image_sizes(saved(g.draw(), "pdf"))
    assert sizes and all(
        s == (20, 1000) for s in sizes
    )  # the image (and its alpha mask)
    # at a lower dpi as well: the image does not follow the figure's dpi
    g = cg.ClusterGrid(alternating(), figsize=(4, 6), dpi=30)
    assert (20, 1000) in pdf_image_sizes(saved(g.draw(), "pdf"))


@pytest.mark.parametrize("fmt", ["svg", "eps"])
def test_svg_and_eps_embed_one_pixel_per_cell(fmt):
    g = cg.ClusterGrid(alternating(), figsize=(4, 6))
    data = saved(g.draw(), fmt)
    if fmt == "eps":  # "width height 8 [matrix]" image operands
        dims = [(int(w), int(h)) for w, h in re.findall(rb"\n(\d+) (\d+) 8 \[", data)]
        assert (20, 1000) in dims
        return
    imgs = svg_images(data)
    heat = [im for im in imgs if im.shape[:2] == (1000, 20)]
    assert len(heat) == 1
    lo, hi = (np.asarray(g.cmap(g.norm(v))) for v in (0.0, 1.0))
    rows = heat[0][:, 7, :]  # each image row is one drawn row
    assert np.allclose(rows[0::2], lo, atol=1 / 255) and np.allclose(
        rows[1::2], hi, atol=1 / 255
    )


def test_masked_and_missing_cells_stay_transparent_in_vector_output():
    X = np.arange(24, dtype=float).reshape(4, 6)
    X[1, 2] = np.nan
    mask = np.zeros_like(X, dtype=bool)
    mask[3, 0] = True
    g = cg.ClusterGrid(X, mask=mask)
    (img,) = [im for im in svg_images(saved(g.draw(), "svg")) if im.shape[:2] == (4, 6)]
    alpha = img[:, :, 3]
    assert alpha[1, 2] == 0 and alpha[3, 0] == 0
    assert (alpha > 0.99).sum() == 22
    expect = g.cmap(g.norm(X[0, 0]))
    assert np.allclose(img[0, 0], expect, atol=1 / 255)


def test_scale_bar_is_a_fine_gradient_in_vector_output_and_unchanged_in_png():
    X = np.linspace(-3, 5, 40).reshape(8, 5)
    g = cg.ClusterGrid(X, cmap="RdBu_r", center=0, figsize=(4, 4)).add(
        cg.ScaleBar(), "right"
    )
    fig = g.draw()
    imgs = svg_images(saved(fig, "svg"))
    grads = [im for im in imgs if im.shape[1] == 1]
    assert (
        len(grads) == 1 and len(imgs) == 2
    )  # the heatmap and the gradient, no bar bitmap
    grad = grads[0][::-1, 0, :]  # bottom (vmin) to top (vmax)
    assert grad.shape[0] >= 1024
    cb = g.panels[0].colorbar
    lo, hi = cb.ax.get_ylim()
    v = lo + (np.arange(grad.shape[0]) + 0.5) / grad.shape[0] * (hi - lo)
    # each pixel is the colour of the colorbar step under it (256 steps of the norm)
    edges = np.linspace(g.norm.vmin, g.norm.vmax, g.cmap.N + 1)
    step = np.clip(np.searchsorted(edges, v, side="right") - 1, 0, g.cmap.N - 1)
    mid = (edges[step] + edges[step + 1]) / 2
    assert np.allclose(grad, g.cmap(g.norm(mid)), atol=1 / 255 + 1e-9)
    # PNG: the colorbar's own mesh is drawn as before (the gradient image is not)
    bb = cb.ax.get_window_extent()
    for frac in (0.1, 0.5, 0.9):
        y = bb.y0 + frac * bb.height
        val = lo + frac * (hi - lo)
        got = pixel_rgba(fig, bb.x0 + bb.width / 2, y)
        assert np.allclose(
            got, g.cmap(g.norm(val)), atol=6 / 255
        )  # a pixel is ~one step


def test_png_heatmap_still_resampled_nearest():
    g = cg.ClusterGrid(alternating(40, 4), figsize=(3, 4))
    fig = g.draw()
    xs, ys = heatmap_cell_centres_px(g)
    for i in (0, 1, 2, 39):
        got = pixel_rgba(fig, xs[1], ys[i])
        assert np.allclose(got, g.cmap(g.norm(g.matrix.iloc[i, 1])), atol=1 / 255)
