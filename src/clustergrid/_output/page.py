"""Interactive export: the drawn figure as one self-contained web page.

The page shows the PNG of the drawn figure (the very image ``save("x.png")``
writes, at the same solved layout) and lays an interactive layer exactly
over the heatmap's box: hover tooltips, drag-zoom (redrawn from embedded
data), label search and dendrogram branch selection.  Everything the page
needs is inside the file: the PNG and the data as base64, the project's own
JavaScript and CSS (``page_assets/``).  It loads nothing from anywhere.

Data layout (one binary block, base64): the colour index of every drawn cell
(uint8, or uint16/uint32 when the colours drawn number more than 256/65536) followed by
the values as float32, both row-major in drawn order.  The colours are the
exact RGBA matplotlib drew (``cmap(norm(value))``, masked cells transparent),
listed once in a palette.  Grids with more than ``max_cells`` cells embed an
overview instead: the means of bins of adjacent drawn rows (and columns when
needed), said so on the page; bins of one cell stay exact, and so do the rows
given as ``exact_rows`` (their colours and values follow as two more blocks).
"""

from __future__ import annotations

import base64
import html
import io
import json
import math
import os
import struct
from collections.abc import Hashable, Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypedDict

import matplotlib as mpl
import matplotlib.colors as mcolors
import numpy as np
import pandas as pd

from .._support.buffers import in_small_pages
from ..panels.page_view import PAGE_KINDS, PageView
from .formats import IMAGE_FORMATS

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .._plan.plan import OrderedMatrix
    from ..result import GridResult, Result

__all__ = ["to_html", "write_html", "Interactive", "MAX_CELLS"]

MAX_CELLS = 2_000_000
"""Default limit on embedded cells; beyond it the page holds a binned overview."""

_OPTIONS = {"max_cells", "title", "exact_rows", "dpi"}


class _Block(TypedDict):
    """One heatmap block of the page: its drawn rows/columns and pixel box."""

    r0: int
    r1: int
    c0: int
    c1: int
    box: list[float]


def _asset(name: str) -> str:
    return (
        resources.files("clustergrid._output")
        .joinpath("page_assets", name)
        .read_text("utf-8")
    )


def _exact_positions(exact_rows: object, rows: pd.Index) -> np.ndarray:
    """Drawn positions of the rows to hold exactly beside an overview."""
    if exact_rows is None:
        return np.empty(0, dtype=np.int64)
    if isinstance(exact_rows, (str, bytes)) or not hasattr(exact_rows, "__iter__"):
        raise TypeError(
            f"exact_rows must be a list of row labels, got "
            f"{type(exact_rows).__name__}; e.g. exact_rows=['{exact_rows}']"
        )
    sel = pd.Index(list(exact_rows))
    pos = rows.get_indexer(sel) if rows.is_unique else np.full(len(sel), -1)
    if (pos < 0).any():
        bad = [str(x) for x in sel[pos < 0][:5]]
        raise ValueError(
            f"exact_rows: {', '.join(bad)} {'is not a row label' if len(bad) == 1 else 'are not row labels'} "
            f"of the drawn matrix; pass labels from g.row_order"
        )
    return np.unique(pos)


def check_options(options: Mapping[str, Any], how: str, *, values: bool = True) -> None:
    """Raise for an option the page does not take (``how``: ``"save"``,
    ``"to_html"`` or ``"interactive"``, the method given them) and, with
    ``values``, for a bad value of one it takes."""
    unknown = set(options) - _OPTIONS
    if unknown:
        names = ", ".join(sorted(unknown))
        if how == "save":
            raise TypeError(
                f"saving as HTML takes max_cells=, title=, exact_rows= and dpi=, not "
                f"{names}= (those are savefig options for "
                f"{'/'.join(f.upper() for f in IMAGE_FORMATS)})"
            )
        raise TypeError(
            f"{how}() takes max_cells=, title=, exact_rows= and dpi=, not {names}="
        )
    if values:
        _check_options(
            options.get("max_cells", MAX_CELLS),
            options.get("title"),
            options.get("dpi"),
        )


def _check_options(max_cells: object, title: object, dpi: object) -> None:
    if dpi is not None and (
        isinstance(dpi, bool)
        or not isinstance(dpi, (int, float))
        or not np.isfinite(dpi)
        or dpi <= 0
    ):
        raise ValueError(
            f"dpi must be a positive number (the resolution of the page's image), "
            f"got {dpi!r}; or leave it out for the figure's own dpi"
        )
    if (
        isinstance(max_cells, bool)
        or not isinstance(max_cells, (int, np.integer))
        or max_cells < 1
    ):
        raise ValueError(
            f"max_cells must be a positive int (the most cells the page embeds "
            f"exactly), got {max_cells!r}"
        )
    if title is not None and not isinstance(title, str):
        raise TypeError(
            f"title must be a str (the page's title), got {type(title).__name__}"
        )


def _png_size(png: bytes) -> tuple[int, int]:
    w, h = struct.unpack(">II", png[16:24])
    return int(w), int(h)


def _box(ax: Axes, fig: Figure, sx: float, sy: float) -> list[float]:
    """Axes box in image pixels, origin top-left: [x, y, w, h]."""
    bb = ax.get_window_extent()
    fh = fig.bbox.height
    return [bb.x0 * sx, (fh - bb.y1) * sy, bb.width * sx, bb.height * sy]


def _union(boxes: list[list[float]]) -> list[float]:
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return [x0, y0, x1 - x0, y1 - y0]


def _colours(rgba: np.ndarray) -> tuple[np.ndarray, list[list[int]]]:
    """Indices into a palette of the distinct RGBA bytes in ``rgba`` (..., 4)."""
    packed = (
        rgba[..., 0].astype(np.uint32) << 24
        | rgba[..., 1].astype(np.uint32) << 16
        | rgba[..., 2].astype(np.uint32) << 8
        | rgba[..., 3].astype(np.uint32)
    )
    uniq, inv = np.unique(packed.ravel(), return_inverse=True)
    palette = [
        [int(u >> 24) & 255, int(u >> 16) & 255, int(u >> 8) & 255, int(u) & 255]
        for u in uniq
    ]
    dtype = (
        np.uint8 if len(uniq) <= 256 else np.uint16 if len(uniq) <= 65536 else np.uint32
    )
    return inv.astype(dtype).reshape(packed.shape), palette


def _bin_factors(n: int, m: int, max_cells: int) -> tuple[int, int]:
    """Bin sizes (rows, cols) so the overview holds at most ``max_cells`` bins:
    bin the longer axis first, the other only if that is not enough."""
    if n * m <= max_cells:
        return 1, 1
    if n >= m:
        fr = math.ceil(n / max(1, max_cells // m)) if max_cells >= m else n
        nb = math.ceil(n / fr)
        fc = 1 if nb * m <= max_cells else math.ceil(m / max(1, max_cells // nb))
    else:
        fc = math.ceil(m / max(1, max_cells // n)) if max_cells >= n else m
        nb = math.ceil(m / fc)
        fr = 1 if nb * n <= max_cells else math.ceil(n / max(1, max_cells // nb))
    return fr, fc


def _binned(
    values: np.ndarray, hidden: np.ndarray | None, fr: int, fc: int
) -> np.ndarray:
    """Means of the shown values in bins of fr x fc drawn cells (NaN if none)."""
    v = values.astype(float, copy=True)
    if hidden is not None:
        v[hidden] = np.nan
    n, m = v.shape
    nb, mb = math.ceil(n / fr), math.ceil(m / fc)
    pad = np.full((nb * fr, mb * fc), np.nan)
    pad[:n, :m] = v
    blocks = pad.reshape(nb, fr, mb, fc)
    ok = np.isfinite(blocks)
    count = ok.sum(axis=(1, 3))
    total = np.where(ok, blocks, 0.0).sum(axis=(1, 3))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _tree(
    Z: np.ndarray | None, local_index: np.ndarray, start: int
) -> dict[str, Any] | None:
    """A slice's tree for the page: every node's parent, height and span of
    drawn positions (leaves first, in the linkage's ids)."""
    m = len(local_index)
    if Z is None or m < 2:
        return None
    Z = np.asarray(Z, dtype=float)
    nn = 2 * m - 1
    parent = np.full(nn, -1, dtype=np.int64)
    height = np.zeros(nn)
    lo = np.zeros(nn, dtype=np.int64)
    hi = np.zeros(nn, dtype=np.int64)
    pos = np.empty(m, dtype=np.int64)
    pos[np.asarray(local_index, dtype=np.int64)] = np.arange(m) + start
    lo[:m] = hi[:m] = pos
    for k, (a, b, h, _) in enumerate(Z):
        node = m + k
        a, b = int(a), int(b)
        parent[a] = parent[b] = node
        height[node] = h
        lo[node] = min(lo[a], lo[b])
        hi[node] = max(hi[a], hi[b])
    return {
        "start": start,
        "leaf": pos.tolist(),
        "parent": parent.tolist(),
        "height": [float(x) for x in height],
        "lo": lo.tolist(),
        "hi": hi.tolist(),
    }


def _trees(comp: OrderedMatrix, axis: str, n: int) -> list[dict[str, Any]]:
    sl = comp.row_slices if axis == "row" else comp.col_slices
    if sl is not None:
        out = []
        for (a, _b), Z, li in zip(sl.bounds, sl.linkages, sl.local_index, strict=True):
            t = _tree(Z, li, a)
            if t is not None:
                out.append(t)
        return out
    Z = comp.row_linkage if axis == "row" else comp.col_linkage
    if Z is None:
        return []
    index = comp.row_index if axis == "row" else comp.col_index
    t = _tree(Z, index, 0)
    return [t] if t is not None else []


def _panels(
    grid: GridResult, fig: Figure, sx: float, sy: float
) -> dict[str, list[dict[str, Any]]]:
    """Every drawn panel's side, box and name (``panels``), and what the
    panels on the sides give the page's script through ``Panel.page_data``
    (``bars``, ``dendrograms``, ``labels``)."""
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in PAGE_KINDS}
    listed: list[dict[str, Any]] = []
    for drawn in grid.panels:
        side = drawn.slot.side
        # axes of this very figure (a SubFigure's axes belong to the SubFigure)
        axes = [a for a in drawn.axes if a is not None and a.figure is fig]
        if not axes:
            continue
        box = _union([_box(a, fig, sx, sy) for a in axes])
        axis = {"left": "row", "right": "row", "top": "col", "bottom": "col"}.get(side)
        listed.append({"side": side, "axis": axis, "box": box, "name": drawn.name})
        if axis is None:
            continue  # a corner panel: its box and name only
        view = PageView(fig, grid.plan.ordered, axis, axes, (sx, sy))
        extra = drawn.slot.panel.page_data(drawn, view)
        if extra is None:
            continue
        kind, data = extra
        if kind not in out:
            raise ValueError(
                f"{type(drawn.slot.panel).__name__}.page_data() returned kind "
                f"{kind!r}; it must be one of {', '.join(map(repr, PAGE_KINDS))}"
            )
        out[kind].append({"side": side, "axis": axis, "box": box, **data})
    return {**out, "panels": listed}


def page_data(
    result: Result,
    *,
    max_cells: int = MAX_CELLS,
    title: str | None = None,
    exact_rows: Iterable[Hashable] | None = None,
    dpi: float | None = None,
) -> tuple[dict[str, Any], bytes, bytes]:
    """Collect (meta, binary data, png) for the page from one grid's draw."""
    from .._body.cells import _lookup
    from .save import save_figure

    _check_options(max_cells, title, dpi)
    (grid,) = result.grids
    fig = result.figure  # the last drawn figure, with any edits, as the PNG shows it
    buf = io.BytesIO()
    # every box below is scaled from the figure's pixels to the image's: the
    # image is the whole figure, whatever rcParams["savefig.bbox"] says
    with mpl.rc_context({"savefig.bbox": "standard"}):
        save_figure(fig, buf, format="png", dpi=fig.dpi if dpi is None else float(dpi))
    png = buf.getvalue()
    W, H = _png_size(png)
    sx, sy = W / fig.bbox.width, H / fig.bbox.height
    comp = grid.plan.ordered
    matrix = comp.matrix
    values = matrix.to_numpy(dtype=float)
    n, m = values.shape
    hidden = None
    if comp.cells is not None:
        mask = comp.cells.resolved(matrix).mask  # a triangle name is resolved here
        if isinstance(mask, pd.DataFrame):
            hidden = _lookup(mask, matrix).astype(bool)

    row_bounds = comp.row_slices.bounds if comp.row_slices is not None else ((0, n),)
    col_bounds = comp.col_slices.bounds if comp.col_slices is not None else ((0, m),)
    blocks: list[_Block] = []
    for i, (r0, r1) in enumerate(row_bounds):
        for j, (c0, c1) in enumerate(col_bounds):
            ax = grid.heatmap_axes[i][j]
            blocks.append(
                {
                    "r0": int(r0),
                    "r1": int(r1),
                    "c0": int(c0),
                    "c1": int(c1),
                    "box": _box(ax, fig, sx, sy),
                }
            )

    fr, fc = _bin_factors(n, m, int(max_cells))
    exact = _exact_positions(exact_rows, comp.row_order)
    if (fr, fc) == (1, 1):
        # masked cells keep their value; the page shows them as "(masked)"
        shown = values
        exact = exact[:0]  # every row is exact already
    else:
        if len(exact) * m > max_cells // 2:
            raise ValueError(
                f"exact_rows: {len(exact)} rows of {m} cells are more than half of "
                f"max_cells={max_cells}; pass fewer rows or raise max_cells"
            )
        fr, fc = _bin_factors(n, m, int(max_cells) - len(exact) * m)
        shown = _binned(values, hidden, fr, fc)
    rgba = np.asarray(comp.cmap(comp.norm(np.ma.masked_invalid(shown)), bytes=True))
    if (fr, fc) == (1, 1) and hidden is not None:
        rgba[hidden] = 0
    parts_rgba = [rgba.reshape(-1, 4)]
    if len(exact):
        ex_rgba = np.asarray(
            comp.cmap(comp.norm(np.ma.masked_invalid(values[exact])), bytes=True)
        )
        if hidden is not None:
            ex_rgba[hidden[exact]] = 0
        parts_rgba.append(ex_rgba.reshape(-1, 4))
    index, palette = _colours(np.concatenate(parts_rgba))
    blocks_bin: list[bytes] = []
    # the blocks, each padded to 4 bytes so every float32 view is aligned in JS:
    # overview colours, overview values, exact rows' colours, exact rows' values
    offsets: dict[str, int] = {}
    nbins = shown.size

    def put(name: str, arr: np.ndarray) -> None:
        b = np.ascontiguousarray(arr).tobytes()
        offsets[name] = sum(len(x) for x in blocks_bin)
        blocks_bin.append(b + b"\0" * (-len(b) % 4))

    le = index.dtype.newbyteorder("<")
    put("index", index[:nbins].astype(le))
    put("values", shown.astype("<f4"))
    if len(exact):
        put("exact_index", index[nbins:].astype(le))
        put("exact_values", values[exact].astype("<f4"))
    binary = b"".join(blocks_bin)
    ib_len = offsets["values"]
    index = index[:nbins].reshape(shown.shape)

    panels = _panels(grid, fig, sx, sy)
    meta = {
        "version": 1,
        "title": title or "clustergrid figure",
        "width": W,
        "height": H,
        "facecolor": [
            int(round(255 * c)) for c in mcolors.to_rgba(fig.get_facecolor())
        ],
        "nrows": n,
        "ncols": m,
        "rows": [str(x) for x in comp.row_order],
        "cols": [str(x) for x in comp.col_order],
        "blocks": blocks,
        "heatmap": _union([b["box"] for b in blocks]),
        "palette": palette,
        "index_bytes": int(index.dtype.itemsize),
        "index_len": int(ib_len),
        "offsets": offsets,
        "exact_rows": [int(x) for x in exact],
        "bin": [fr, fc],
        "binned": [int(math.ceil(n / fr)), int(math.ceil(m / fc))],
        "row_trees": _trees(comp, "row", n),
        "col_trees": _trees(comp, "col", m),
        **panels,
    }
    return meta, binary, png


def _json(obj: object) -> str:
    # inside <script> no "<" may appear, so "</script>" or "<!--" in a label
    # cannot end the block or change how it is parsed
    return json.dumps(
        obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).replace("<", "\\u003c")


@in_small_pages  # the embedded cells and the PNG: arrays of several MiB
def to_html(
    result: Result,
    *,
    max_cells: int = MAX_CELLS,
    title: str | None = None,
    exact_rows: Iterable[Hashable] | None = None,
    dpi: float | None = None,
) -> str:
    """The drawn grid as one self-contained HTML page (see the module docstring).

    Parameters
    ----------
    result : Result
        One grid's draw (its figure is the image, as ``save("x.png")``
        writes it).
    max_cells : int, default 2,000,000
        The most cells the page embeds exactly; a larger grid embeds the
        means of bins of adjacent drawn rows (and columns if needed) and
        says so on the page.
    title : str, optional
        The page's title.
    exact_rows : list of row labels, optional
        With an overview (more than ``max_cells`` cells), also hold these
        rows' exact values (at most half of ``max_cells`` cells): zooming
        into them and hovering them shows the exact cells.  Ignored when
        the whole matrix is embedded exactly.
    dpi : float, optional
        Resolution of the page's image (the PNG export at this dpi);
        default the figure's own.  The page shows one image pixel per CSS
        pixel, so a higher dpi makes a larger page.

    Returns
    -------
    str
        The page.  It loads nothing: no network, no CDN.
    """
    return _page(
        *page_data(
            result, max_cells=max_cells, title=title, exact_rows=exact_rows, dpi=dpi
        )
    )


def _page(meta: dict[str, Any], binary: bytes, png: bytes) -> str:
    page = _asset("page.html")
    parts = {
        "{{TITLE}}": html.escape(meta["title"]),
        "{{CSS}}": _asset("page.css"),
        "{{JS}}": _asset("page.js").replace("</", "<\\/"),
        "{{META}}": _json(meta),
        "{{DATA}}": base64.b64encode(binary).decode("ascii"),
        "{{PNG}}": base64.b64encode(png).decode("ascii"),
        "{{WIDTH}}": str(meta["width"]),
        "{{HEIGHT}}": str(meta["height"]),
    }
    out = []
    rest = page
    # substitute in one pass so data can never be mistaken for a placeholder
    while True:
        k = rest.find("{{")
        if k < 0:
            out.append(rest)
            break
        e = rest.find("}}", k)
        key = rest[k : e + 2]
        out.append(rest[:k])
        out.append(parts[key])
        rest = rest[e + 2 :]
    return "".join(out)


def write_html(
    result: Result, path: str | os.PathLike[str] | IO[bytes], **options: Any
) -> None:
    """Write :func:`to_html` to ``path`` atomically (or to a binary file object)."""
    from .write import atomic_write

    check_options(options, "save", values=False)
    text = to_html(result, **options).encode("utf-8")
    if isinstance(path, (str, os.PathLike)):
        atomic_write(Path(path), lambda fh: _write(fh, text))
    else:
        path.write(text)


def _write(fh: IO[bytes], data: bytes) -> None:
    fh.write(data)


class Interactive:
    """The interactive page of a grid, for notebooks: ``_repr_html_`` shows
    it inline (in a sandboxed iframe, so several pages never clash).

    Attributes
    ----------
    html : str
        The whole page, as :func:`to_html` writes it.
    """

    def __init__(self, result: Result, **options: Any) -> None:
        check_options(options, "interactive", values=False)
        meta, binary, png = page_data(result, **options)
        self.html: str = _page(meta, binary, png)
        self._size = (int(meta["width"]), int(meta["height"]))

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the page to ``path`` atomically."""
        from .write import atomic_write

        data = self.html.encode("utf-8")
        atomic_write(Path(path), lambda fh: _write(fh, data))

    def _repr_html_(self) -> str:
        w, h = self._size
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" width="{w + 40}" '
            f'height="{h + 120}" style="border:0" sandbox="allow-scripts"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<clustergrid.Interactive page, {len(self.html):,} characters>"
