"""The heatmap raster and the colour-scale gradient, exact in vector output.

matplotlib embeds an image in PDF, SVG and EPS resampled to the *figure's*
dpi over the axes' box: a 1,000-row heatmap in a 6 in tall axes at 100 dpi
becomes a 600-row image, so rows are dropped or blended.  The two artists
here draw *unsampled* on renderers that scale images themselves
(``renderer.option_scale_image()``: PDF, PS/EPS, SVG, PGF), so the file holds
exactly one image pixel per cell and the viewer scales it (without
smoothing: PDF ``/Interpolate`` false, SVG ``image-rendering: pixelated``).
On raster renderers (Agg: PNG, the screen) nothing changes: the heatmap is
resampled with "nearest" as before and the colour scale is the colorbar's
own mesh.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.collections import QuadMesh
from matplotlib.image import AxesImage

__all__ = ["CellImage", "heatmap_image", "smooth_gradient"]

#: Samples along a colour scale in vector output (at least 4 per colour step).
_GRADIENT_SAMPLES = 1024


def _scales_images(renderer: Any) -> bool:
    """True for renderers that embed images and scale them (vector output)."""
    try:
        return bool(renderer.option_scale_image())
    except AttributeError:  # pragma: no cover - exotic renderers
        return False


class CellImage(AxesImage):
    """An AxesImage drawn at one image pixel per data cell on vector backends
    (any figure dpi), and resampled as usual on raster backends."""

    def _check_unsampled_image(self) -> bool:
        # matplotlib asks this only when the renderer can scale images itself
        return self.get_transform().is_affine

    def make_image(
        self, renderer: Any, magnification: float = 1.0, unsampled: bool = False
    ):
        if unsampled and self._imcache is None and np.ndim(self.get_alpha()) == 2:
            # matplotlib's unsampled path ignores a per-cell alpha array (the
            # mask): colour the cells with it applied, as the raster path does
            rgba = self.to_rgba(self._A, bytes=True, norm=True)
            rgba[..., 3] = np.round(rgba[..., 3] * np.asarray(self.get_alpha())).astype(
                np.uint8
            )
            self._imcache = rgba
        return super().make_image(renderer, magnification, unsampled=unsampled)


def heatmap_image(
    ax: Any,
    values: np.ndarray,
    *,
    cmap: Any,
    norm: Any,
    extent: tuple[float, float, float, float],
) -> CellImage:
    """Add the heatmap raster of ``values`` (masked cells transparent) to
    ``ax``: what ``ax.imshow(values, cmap=cmap, norm=norm, extent=extent,
    origin="upper", aspect="auto", interpolation="nearest")`` draws in raster
    output, one pixel per cell in vector output."""
    im = CellImage(
        ax, cmap=cmap, norm=norm, interpolation="nearest", origin="upper", extent=extent
    )
    ax.set_aspect("auto")
    im.set_data(values)
    im.set_clip_path(ax.patch)
    im.set_extent(im.get_extent())
    ax.add_image(im)
    return im


class _RasterMesh(QuadMesh):
    """The colorbar's mesh, drawn only on raster renderers (the vector
    renderers get the :class:`_Gradient` image instead)."""

    def draw(self, renderer: Any) -> None:
        if _scales_images(renderer):
            return
        super().draw(renderer)


class _Gradient(AxesImage):
    """The colour scale as an unsampled image in axes coordinates, drawn only
    on vector renderers."""

    def _check_unsampled_image(self) -> bool:
        return True

    def draw(self, renderer: Any) -> None:
        if not _scales_images(renderer):
            return
        super().draw(renderer)


def smooth_gradient(cb: Any) -> _Gradient | None:
    """Make colorbar ``cb`` draw its colours, in vector output, as an image of
    ``_GRADIENT_SAMPLES`` pixels along the bar (the colours of the mesh quad
    under each pixel, on the bar's own scale), so it stays one smooth,
    seamless gradient at any zoom instead of a bitmap at the figure's dpi.
    Raster output is left exactly as the colorbar draws it."""
    mesh = cb.solids
    if not isinstance(mesh, QuadMesh) or type(mesh) is not QuadMesh:
        return None  # pragma: no cover - e.g. a hatched or patch-based colorbar
    ax = cb.ax
    vertical = cb.orientation == "vertical"
    coords = np.asarray(mesh.get_coordinates())  # (ny + 1, nx + 1, 2), data coordinates
    colors = np.asarray(
        mesh.to_rgba(np.ravel(mesh.get_array())), dtype=float
    )  # one per quad
    edges = coords[:, 0, 1] if vertical else coords[0, :, 0]
    n_quads = len(edges) - 1
    if n_quads < 1 or len(colors) != n_quads:
        return None  # pragma: no cover
    axis = ax.yaxis if vertical else ax.xaxis
    lo, hi = ax.get_ylim() if vertical else ax.get_xlim()
    scale = axis.get_transform()
    t0, t1 = scale.transform([lo, hi])
    k = max(_GRADIENT_SAMPLES, 4 * n_quads)
    t = t0 + (np.arange(k) + 0.5) / k * (t1 - t0)  # pixel centres, scaled space
    v = scale.inverted().transform(t)
    if edges[0] <= edges[-1]:
        quad = np.clip(np.searchsorted(edges, v, side="right") - 1, 0, n_quads - 1)
    else:
        q = np.clip(np.searchsorted(edges[::-1], v, side="right") - 1, 0, n_quads - 1)
        quad = n_quads - 1 - q
    rgba = colors[quad]
    data = (
        rgba[::-1, None, :] if vertical else rgba[None, :, :]
    )  # image row 0 at the top
    img = _Gradient(
        ax,
        interpolation="nearest",
        origin="upper",
        extent=(0, 1, 0, 1),
        transform=ax.transAxes,
    )
    img.set_data(data)
    img.set_in_layout(False)
    img.set_zorder(mesh.get_zorder())
    ax.add_image(img)
    mesh.__class__ = _RasterMesh  # same object and state; skips vector renderers
    return img
