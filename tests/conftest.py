"""Shared test fixtures: the one image-test style and geometric checkers that
read back what was drawn."""

from __future__ import annotations

import base64
import io
import re
import sys
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TypeVar

import matplotlib
import matplotlib.image as mimage

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

import clustergrid as cg

# pytest-mpl resets rcParams around each image test; this style is passed to
# every @image_test through the marker so baselines do not depend on the host.
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 10.0,
    "text.hinting": "none",
    "svg.hashsalt": "clustergrid-tests",
    "axes.unicode_minus": True,
    "figure.dpi": 100,
    "savefig.dpi": 100,
}

# absolute: the tests sit one folder deeper than tests/, each in its stage's folder
BASELINE_DIR = str(Path(__file__).resolve().parent.parent / "baseline_images")


def image_test(tolerance: float = 2.0):
    """The pytest-mpl marker with the fixed style and top-level baselines."""
    return pytest.mark.mpl_image_compare(
        baseline_dir=BASELINE_DIR,
        style=STYLE,
        tolerance=tolerance,
        savefig_kwargs={"dpi": 100},
    )


@pytest.fixture(autouse=True)
def _close_pyplot_figures():
    """cg.clustermap and cg.heatmap give their figures to pyplot (as seaborn
    does) when pyplot is imported: close them after each test."""
    yield
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")


@pytest.fixture(autouse=True)
def _fixed_style():
    """Non-image tests measure text too: give them the same style."""
    with matplotlib.rc_context(STYLE):
        yield


@pytest.fixture(scope="session")
def wine() -> pd.DataFrame:
    return cg.load_dataset("wine")


@pytest.fixture(scope="session")
def wine_z(wine) -> pd.DataFrame:
    X = wine.drop(columns="cultivar")
    return (X - X.mean()) / X.std()


@pytest.fixture(scope="session")
def pbmc() -> pd.DataFrame:
    return cg.load_dataset("pbmc")


@pytest.fixture(scope="session")
def pbmc_obs() -> pd.DataFrame:
    return cg.load_dataset("pbmc_obs")


# -- geometric checkers --------------------------------------------------------


def renderer_of(fig):
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def panel_boxes(g) -> dict[str, matplotlib.transforms.Bbox]:
    """Tight bounding boxes (text included) of the heatmap and every panel,
    in display pixels, keyed by a readable name."""
    r = renderer_of(g.figure)
    boxes = {"heatmap": g.ax_heatmap.get_tightbbox(r)}
    for i, s in enumerate(g._slots):
        ax = s.panel.ax
        bb = ax.get_tightbbox(r)
        if bb is not None:
            boxes[f"{i}:{s.side}:{type(s.panel).__name__}"] = bb
    return boxes


def assert_no_overlap(g, tol: float = 0.5) -> None:
    """No two panels (or a panel and the heatmap) overlap, by tight bboxes,
    and nothing leaves the figure."""
    boxes = panel_boxes(g)
    fb = g.figure.bbox
    names = list(boxes)
    for name in names:
        bb = boxes[name]
        assert (
            bb.x0 >= fb.x0 - tol
            and bb.y0 >= fb.y0 - tol
            and bb.x1 <= fb.x1 + tol
            and bb.y1 <= fb.y1 + tol
        ), f"{name} leaves the figure: {bb} vs {fb}"
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            A, B = boxes[a], boxes[b]
            ox = min(A.x1, B.x1) - max(A.x0, B.x0)
            oy = min(A.y1, B.y1) - max(A.y0, B.y0)
            assert ox <= tol or oy <= tol, f"{a} overlaps {b}: {A} / {B}"


def drawn_texts(fig) -> list[tuple[str, matplotlib.transforms.Bbox]]:
    """(string, display box) of every non-empty text the figure draws: figure
    texts and legends, and in each visible axes its texts, titles, legend,
    axis labels and tick labels."""
    r = renderer_of(fig)
    arts = list(fig.texts) + [t for lg in fig.legends for t in lg.get_texts()]
    arts += [lg.get_title() for lg in fig.legends]
    for ax in fig.get_axes():
        if not ax.get_visible():
            continue
        arts += list(ax.texts) + [ax.title, ax._left_title, ax._right_title]
        if ax.legend_ is not None:
            arts += list(ax.legend_.get_texts()) + [ax.legend_.get_title()]
        if ax.axison:
            for axis in (ax.xaxis, ax.yaxis):
                if axis.get_visible():  # the tick labels drawn: of ticks in view
                    drawn = axis._update_ticks()
                    arts += [axis.label, axis.offsetText]
                    arts += [t.label1 for t in drawn] + [t.label2 for t in drawn]
    return [
        (t.get_text(), t.get_window_extent(r))
        for t in arts
        if t.get_visible() and t.get_text().strip()
    ]


def assert_texts_fit(fig, size=None, must_show=(), tol: float = 1.0) -> None:
    """No drawn text overlaps another or leaves the figure, the figure is
    ``size`` inches (when given), and each string of ``must_show`` is drawn."""
    found = drawn_texts(fig)
    fb = fig.bbox
    if size is not None:
        np.testing.assert_allclose(fig.get_size_inches(), size, atol=1e-9)
    for s, b in found:
        assert (
            b.x0 >= fb.x0 - tol
            and b.y0 >= fb.y0 - tol
            and b.x1 <= fb.x1 + tol
            and b.y1 <= fb.y1 + tol
        ), f"{s!r} leaves the figure: {b} vs {fb}"
    for i, (s, b) in enumerate(found):
        for s2, b2 in found[i + 1 :]:
            ox = min(b.x1, b2.x1) - max(b.x0, b2.x0)
            oy = min(b.y1, b2.y1) - max(b.y0, b2.y0)
            assert ox <= tol or oy <= tol, f"{s!r} overlaps {s2!r}: {b} / {b2}"
    shown = {s for s, _ in found}
    missing = [s for s in must_show if s not in shown]
    assert not missing, f"not drawn: {missing}"


def text_box(fig, text: str) -> matplotlib.transforms.Bbox:
    """The display box of the one drawn text reading ``text``."""
    boxes = [b for s, b in drawn_texts(fig) if s == text]
    assert len(boxes) == 1, f"{text!r} drawn {len(boxes)} times"
    return boxes[0]


def heatmap_cell_centres_px(g) -> tuple[np.ndarray, np.ndarray]:
    """Pixel x of column centres and pixel y of row centres."""
    ax = g.ax_heatmap
    nrows, ncols = g.matrix.shape
    xs = ax.transData.transform(
        np.column_stack([np.arange(ncols) + 0.5, np.zeros(ncols)])
    )[:, 0]
    ys = ax.transData.transform(
        np.column_stack([np.zeros(nrows), np.arange(nrows) + 0.5])
    )[:, 1]
    return xs, ys


def pixel_rgba(fig, x: float, y: float) -> np.ndarray:
    """RGBA (0..1) of the rendered figure at display pixel (x, y) (y up)."""
    fig.canvas.draw()
    buf = np.asarray(fig.canvas.buffer_rgba())
    h = buf.shape[0]
    return buf[int(h - 1 - np.floor(y)), int(np.floor(x))] / 255.0


def drawn_dendrogram_segments(collection) -> tuple[np.ndarray, np.ndarray]:
    """Read a drawn dendrogram back as per-merge segments.

    The Dendrogram draws one NaN-separated polyline per colour, each merge as
    (xa, ha) -> (xa, h) -> (xb, h) -> (xb, hb).  Returns segments of shape
    (3 * merges, 2, 2) - leg a, crossbar, leg b (from its child up) - and the
    RGBA colour of each, in the order drawn (merge order within a colour)."""
    segs, cols = [], []
    colors = collection.get_colors()
    for i, path in enumerate(collection.get_paths()):
        pts = np.asarray(path.vertices)
        breaks = np.flatnonzero(np.isnan(pts[:, 0]))
        for chunk in np.split(pts, breaks):
            chunk = chunk[~np.isnan(chunk[:, 0])]
            if not len(chunk):
                continue
            assert len(chunk) == 4, (
                f"a merge must be drawn as 4 points, got {len(chunk)}"
            )
            p0, p1, p2, p3 = chunk
            segs += [(p0, p1), (p1, p2), (p3, p2)]
            cols += [colors[i % len(colors)]] * 3
    return np.asarray(segs, dtype=float).reshape(-1, 2, 2), np.asarray(cols).reshape(
        -1, 4
    )


_T = TypeVar("_T")


def overlapping_blocks(
    block: Callable[[], AbstractContextManager[object]], read: Callable[[], _T]
) -> list[_T]:
    """Thread a enters ``block()``, thread b enters too, a leaves; returns
    ``read()`` as a sees it after leaving and as b sees it still inside."""
    inside_a, leave_a = threading.Event(), threading.Event()
    seen: list[_T] = []

    def a() -> None:
        with block():
            inside_a.set()
            leave_a.wait(5)
        seen.append(read())  # b is still inside

    def b() -> None:
        inside_a.wait(5)
        with block():
            leave_a.set()
            ta.join(5)
            seen.append(read())

    ta, tb = threading.Thread(target=a), threading.Thread(target=b)
    ta.start()
    tb.start()
    tb.join(5)
    return seen


# -- images embedded in vector output (tests/output/test_vector.py, tests/body/test_image_sampling.py)
def pdf_image_sizes(data: bytes) -> list[tuple[int, int]]:
    """(width, height) of every image XObject in a PDF."""
    out = []
    for m in re.finditer(rb"/Subtype\s*/Image", data):
        head = data[m.end() : m.end() + 200]
        w = re.search(rb"/Width\s+(\d+)", head)
        h = re.search(rb"/Height\s+(\d+)", head)
        out.append((int(w.group(1)), int(h.group(1))))
    return out


def svg_images(data: bytes) -> list[np.ndarray]:
    """The RGBA arrays (0..1) of the PNG images inlined in an SVG."""
    out = []
    for m in re.finditer(
        rb'xlink:href="data:image/png;base64,\s*([A-Za-z0-9+/=\s]+)"', data
    ):
        png = base64.b64decode(re.sub(rb"\s", b"", m.group(1)))
        out.append(mimage.imread(io.BytesIO(png), format="png"))
    return out
