"""The heatmap raster and the colour-scale gradient, exact in vector output.

matplotlib embeds an image in PDF, SVG and EPS resampled to the *figure's*
dpi over the axes' box: a 1,000-row heatmap in a 6 in tall axes at 100 dpi
becomes a 600-row image, so rows are dropped or blended.  The two artists
here draw *unsampled* on renderers that scale images themselves
(``renderer.option_scale_image()``: PDF, PS/EPS, SVG, PGF), so the file holds
exactly one image pixel per cell and the viewer scales it (without
smoothing: PDF ``/Interpolate`` false, SVG ``image-rendering: pixelated``),
up to :data:`VECTOR_MAX_CELLS` cells; past that, each axis longer than
:data:`VECTOR_SIDE` cells is sampled at that many pixels, each showing the
cell under its centre.

On raster renderers (Agg: PNG, the screen) the heatmap is drawn as
matplotlib's "nearest" resampling draws it: each pixel shows the cell under
its centre.  Where cells are smaller than a pixel, only those cells are
picked and colour mapped (a million-row heatmap costs what its few hundred
pixel rows cost) and handed to matplotlib one per pixel, aligned to the
pixel grid, so its resampling copies them; the colour scale is the
colorbar's own mesh.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import numpy.typing as npt
from matplotlib import cbook
from matplotlib.collections import QuadMesh
from matplotlib.image import AxesImage
from matplotlib.transforms import Bbox, TransformedBbox

from .._support.buffers import in_small_pages

__all__ = [
    "VECTOR_MAX_CELLS",
    "VECTOR_SIDE",
    "CellImage",
    "heatmap_image",
    "pixel_picks",
    "smooth_gradient",
    "vector_picks",
]

#: Samples along a colour scale in vector output (at least 4 per colour step).
_GRADIENT_SAMPLES = 1024


def _scales_images(renderer: Any) -> bool:
    """True for renderers that embed images and scale them (vector output)."""
    try:
        return bool(renderer.option_scale_image())
    except AttributeError:  # pragma: no cover - exotic renderers
        return False


#: Vector output embeds one image pixel per cell up to this many cells.
VECTOR_MAX_CELLS = 2**22
#: Past it, an axis of more cells than this is sampled at this many pixels.
VECTOR_SIDE = 2048
#: Cells: a pixel centre this close to a cell edge is on the edge.
_EDGE_EPS = 1e-9


def pixel_picks(
    n: int, a: float, b: float
) -> tuple[npt.NDArray[np.intp], float, float] | None:
    """The cell drawn in each output pixel along one axis of ``n`` cells
    whose edges (cell 0's outer edge ``a``, cell ``n - 1``'s ``b``) fall at
    pixel coordinates ``a`` and ``b``, when the cells are smaller than a
    pixel (else None: the image is drawn as it is).

    Pixel ``k`` covers ``[k, k + 1)`` and shows the cell under its centre
    ``k + 0.5`` (nearest-neighbour sampling, no blending), in order from
    ``a`` to ``b``.  As in matplotlib's "nearest" resampling, a centre on
    the edge between two cells (or within float error, 1e-9 cell, of it)
    shows the one nearer ``a`` (the upper or left one).  This is
    matplotlib's own choice pixel for pixel, except that at such an edge
    Agg may take the other cell in the last pixel of a row.  Returns the picked cells and the outer edges
    of the first and last picked pixel, in pixel coordinates."""
    lo, hi = min(a, b), max(a, b)
    if n <= hi - lo or hi <= lo:
        return None
    k = np.arange(np.floor(lo), np.ceil(hi))
    if b < a:
        k = k[::-1]
    # the centre's distance from the far end ``b``, in cells: matplotlib flips
    # the image so that Agg, which takes the later cell at an edge, takes the
    # earlier one; Agg rounds the position to 1/256 of a cell
    from_b = (b - (k + 0.5)) / (b - a) * n
    # a centre within float error of an edge is on it (Agg resolves 1/256 cell)
    picks = n - 1 - np.floor(from_b + _EDGE_EPS)
    picks = np.clip(picks, 0, n - 1).astype(np.intp)
    if b < a:
        return picks, float(k[0] + 1), float(k[-1])
    return picks, float(k[0]), float(k[-1] + 1)


def vector_picks(n: int) -> npt.NDArray[np.intp]:
    """The cells an axis of ``n`` cells shows in vector output past
    :data:`VECTOR_MAX_CELLS`: ``VECTOR_SIDE`` evenly spaced pixels, each the
    cell under its centre (all cells when there are at most that many)."""
    if n <= VECTOR_SIDE:
        return np.arange(n, dtype=np.intp)
    centre = (np.arange(VECTOR_SIDE) + 0.5) * (n / VECTOR_SIDE)
    return np.minimum(np.floor(centre), n - 1).astype(np.intp)


class CellImage(AxesImage):
    """An AxesImage of one value per data cell.

    Raster output (Agg: PNG, the screen): where the cells are smaller than
    a pixel along an axis, each pixel shows the cell under its centre, as
    matplotlib's "nearest" resampling does; only those cells are colour
    mapped (``cmap(norm(value))``), so a million-row heatmap costs what its
    few hundred drawn pixel rows cost.  Where cells are a pixel or larger,
    matplotlib resamples the image as usual.

    Vector output (PDF, SVG, EPS, PGF): one image pixel per cell, at any
    figure dpi, up to :data:`VECTOR_MAX_CELLS` cells.  Past that, each axis
    of more than :data:`VECTOR_SIDE` cells is sampled at ``VECTOR_SIDE``
    evenly spaced pixels, each showing the cell under its centre.
    """

    # matplotlib's private state this class swaps while drawing picked cells
    _imcache: Any
    _alpha: Any

    def set_cells(self, values: npt.NDArray[np.float64]) -> None:
        """Set the image's values (non-finite cells masked) without copying
        them: the matrix drawn is the compiled, read-only one."""
        self._A = cbook.safe_masked_invalid(values, copy=False)
        self._imcache = None
        self.stale = True

    def _check_unsampled_image(self) -> bool:
        # matplotlib asks this only when the renderer can scale images itself
        return bool(self.get_transform().is_affine)

    @in_small_pages  # also when the user saves or shows the figure himself
    def make_image(
        self, renderer: Any, magnification: float = 1.0, unsampled: bool = False
    ) -> Any:
        if _drawing_off(renderer):
            # savefig's pass for the layout engine draws with drawing switched
            # off: nothing is drawn, so the cells need not be coloured
            return None, 0, 0, None
        A = self._A
        if A is None or A.ndim != 2:  # pragma: no cover - always 2-D cells
            return super().make_image(renderer, magnification, unsampled=unsampled)
        if unsampled:
            if A.size > VECTOR_MAX_CELLS:
                return self._sampled_vector(renderer, magnification)
            return self._unsampled(renderer, magnification)
        picked = self._raster_picks(magnification)
        if picked is None:
            return super().make_image(renderer, magnification)
        rows, cols, extent = picked
        return self._make_picked(rows, cols, extent, magnification)

    def _unsampled(self, renderer: Any, magnification: float) -> Any:
        alpha: Any = self.get_alpha()
        if self._imcache is None and np.ndim(alpha) == 2:
            # matplotlib's unsampled path ignores a per-cell alpha array (the
            # mask): colour the cells with it applied, as the raster path does
            self._imcache = self._rgba(self._A, alpha)
        return super().make_image(renderer, magnification, unsampled=True)

    def _rgba(self, A: Any, alpha: Any) -> npt.NDArray[np.uint8]:
        rgba = np.asarray(self.to_rgba(A, bytes=True, norm=True))
        if np.ndim(alpha) == 2:
            rgba[..., 3] = np.round(rgba[..., 3] * np.asarray(alpha)).astype(np.uint8)
        return rgba

    def _sampled_vector(self, renderer: Any, magnification: float) -> Any:
        """Vector output of a very large image: the cells of
        :func:`vector_picks` along each axis, over the whole extent."""
        A, alpha = self._A, self._alpha
        self.norm.autoscale_None(A)
        ix = np.ix_(vector_picks(A.shape[0]), vector_picks(A.shape[1]))
        sub_alpha = np.asarray(alpha)[ix] if np.ndim(alpha) == 2 else alpha
        saved = self._A, self._imcache
        try:
            self._A = A[ix]
            self._imcache = self._rgba(self._A, sub_alpha)
            return super().make_image(renderer, magnification, unsampled=True)
        finally:
            self._A, self._imcache = saved

    def _raster_picks(
        self, magnification: float
    ) -> (
        tuple[
            npt.NDArray[np.intp] | None,
            npt.NDArray[np.intp] | None,
            tuple[float, float, float, float],
        ]
        | None
    ):
        """The rows and columns drawn in the output pixels (None: all of that
        axis) and the extent they cover, or None when every cell is at least
        a pixel (matplotlib resamples the image itself)."""
        trans = self.get_transform()
        if not trans.is_affine:  # pragma: no cover - heatmaps have linear axes
            return None
        nrows, ncols = self._A.shape
        left, right, bottom, top = self.get_extent()
        # origin "upper": row 0 at the extent's top, column 0 at its left
        pts = trans.transform([[left, top], [right, bottom]]) * magnification
        (xa, ya), (xb, yb) = pts
        turned = trans.transform([[left, bottom]]) * magnification
        if abs(turned[0, 0] - xa) > 1e-6 or abs(turned[0, 1] - yb) > 1e-6:
            return None  # pragma: no cover - rotated axes
        px_rows = pixel_picks(nrows, float(ya), float(yb))
        px_cols = pixel_picks(ncols, float(xa), float(xb))
        if px_rows is None and px_cols is None:
            return None

        def data_at(p: float, d0: float, d1: float, a: float, b: float) -> float:
            return d0 + (p - a) / (b - a) * (d1 - d0)

        rows = cols = None
        if px_rows is not None:
            rows, ra, rb = px_rows
            top, bottom = (
                data_at(ra, top, bottom, ya, yb),
                data_at(rb, top, bottom, ya, yb),
            )
        if px_cols is not None:
            cols, ca, cb = px_cols
            left, right = (
                data_at(ca, left, right, xa, xb),
                data_at(cb, left, right, xa, xb),
            )
        return rows, cols, (left, right, bottom, top)

    def _make_picked(
        self,
        rows: npt.NDArray[np.intp] | None,
        cols: npt.NDArray[np.intp] | None,
        extent: tuple[float, float, float, float],
        magnification: float,
    ) -> Any:
        """matplotlib's own raster path, on the picked cells only: one cell
        per output pixel along a sampled axis (pixel-aligned, so its nearest
        resampling copies it), the cells as they are along the other."""
        A, alpha = self._A, self._alpha
        self.norm.autoscale_None(A)
        r = slice(None) if rows is None else rows
        c = slice(None) if cols is None else cols
        ix = np.ix_(rows, cols) if rows is not None and cols is not None else (r, c)
        sub = A[ix]
        sub_alpha = np.asarray(alpha)[ix] if np.ndim(alpha) == 2 else alpha
        x1, x2, y1, y2 = extent
        bbox = Bbox(np.array([[x1, y1], [x2, y2]]))
        trans = self.get_transform()
        clip = (
            (self.get_clip_box() or self.axes.bbox)
            if self.get_clip_on()
            else self.get_figure(root=True).bbox  # type: ignore[union-attr]
        )
        saved = self._alpha
        try:
            self._alpha = sub_alpha
            return cast(Any, self)._make_image(
                sub, bbox, TransformedBbox(bbox, trans), clip, magnification
            )
        finally:
            self._alpha = saved


def heatmap_image(
    ax: Any,
    values: np.ndarray,
    *,
    cmap: Any,
    norm: Any,
    extent: tuple[float, float, float, float],
) -> CellImage:
    """Add the heatmap raster of ``values`` (non-finite cells transparent) to
    ``ax``: what ``ax.imshow(values, cmap=cmap, norm=norm, extent=extent,
    origin="upper", aspect="auto", interpolation="nearest")`` draws in raster
    output (see :class:`CellImage` for cells smaller than a pixel), one pixel
    per cell in vector output.  ``values`` is not copied."""
    im = CellImage(
        ax, cmap=cmap, norm=norm, interpolation="nearest", origin="upper", extent=extent
    )
    ax.set_aspect("auto")
    im.set_cells(values)
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


def _drawing_off(renderer: Any) -> bool:
    """Whether ``renderer`` draws nothing (``RendererBase._draw_disabled``:
    its draw methods replaced by no-ops wrapping the base class's)."""
    from matplotlib.backend_bases import RendererBase

    wrapped = getattr(renderer.draw_image, "__wrapped__", None)
    return wrapped is RendererBase.draw_image


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
    quads: Any = mesh.get_array()
    colors = np.asarray(mesh.to_rgba(np.ravel(quads)), dtype=np.float64)  # one per quad
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
