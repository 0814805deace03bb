"""seaborn's documentation examples and a typical tutorial, with ``sns.``
changed to ``cg.``, including what users do next (axis labels, titles,
``suptitle(y=1.02)``, ``plt.tight_layout()``, ``bbox_inches="tight"``,
``ax=``): checked from the drawn artists (no text overlaps another, nothing
leaves the figure, the size is exact), and the saved image's size read back
from the PNG."""

from __future__ import annotations

import io
import struct
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import clustergrid as cg
from conftest import assert_texts_fit, renderer_of, text_box


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def wine() -> pd.DataFrame:
    return cg.load_dataset("wine").iloc[::6]


@pytest.fixture(scope="module")
def x(wine) -> pd.DataFrame:
    return wine.drop(columns="cultivar").iloc[:, :8]


def png_size(data: bytes) -> tuple[int, int]:
    w, h = struct.unpack(">II", data[16:24])
    return w, h


def saved(save, **kw) -> bytes:
    buf = io.BytesIO()
    save(buf, format="png", **kw)
    return buf.getvalue()


# -- seaborn.clustermap's documentation examples, then a user's edits -----------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"figsize": (7, 5), "row_cluster": False, "dendrogram_ratio": (0.1, 0.2)},
        {"standard_scale": 1},
        {"z_score": 0, "cmap": "vlag", "center": 0},
        {"method": "single", "metric": "correlation"},
        {"row_colors": "cultivar"},
    ],
    ids=["plain", "no-row-tree", "standard_scale", "z_score", "single", "row_colors"],
)
def test_clustermap_examples_with_labels_titles_and_tight_save(wine, x, kwargs):
    kwargs = dict(kwargs)
    if kwargs.get("row_colors") == "cultivar":
        lut = {"class_0": "#1b9e77", "class_1": "#d95f02", "class_2": "#7570b3"}
        kwargs["row_colors"] = wine["cultivar"].map(lut)
    g = cg.clustermap(x, **kwargs)
    size = tuple(g.figure.get_size_inches())
    g.ax_heatmap.set_xlabel("measurement")
    g.ax_heatmap.set_ylabel("wine")
    g.fig.suptitle("Wines", y=1.02)
    if g.ax_col_dendrogram is not None:
        g.ax_col_dendrogram.set_title("features clustered")
    data = saved(g.savefig, bbox_inches="tight")
    fig = g.figure
    assert_texts_fit(fig, size, ("measurement", "wine", "Wines"))
    # cropped to the drawn content plus pad_inches, as matplotlib does
    tb = fig.get_tightbbox(renderer_of(fig))
    pad = mpl.rcParams["savefig.pad_inches"]
    w, h = png_size(data)
    assert w == pytest.approx((tb.width + 2 * pad) * fig.dpi, abs=1)
    assert h == pytest.approx((tb.height + 2 * pad) * fig.dpi, abs=1)


def test_rc_savefig_bbox_tight_and_dpi_are_read(x):
    g = cg.clustermap(x, figsize=(4, 3))
    with mpl.rc_context({"savefig.bbox": "tight", "savefig.dpi": 50}):
        data = saved(g.savefig)
    fig = g.figure
    tb = fig.get_tightbbox(renderer_of(fig))
    pad = mpl.rcParams["savefig.pad_inches"]
    assert png_size(data) == pytest.approx(
        ((tb.width + 2 * pad) * 50, (tb.height + 2 * pad) * 50), abs=1
    )
    with mpl.rc_context({"savefig.dpi": 100_000}):
        with pytest.raises(ValueError, match="pixels"):
            g.savefig(io.BytesIO(), format="png")


def test_page_image_is_the_whole_figure_under_rc_tight(x):
    g = cg.ClusterGrid(x).cluster().add(cg.Labels(), "right")
    g.draw()
    fig = g.figure
    from clustergrid._output.page import page_data

    with mpl.rc_context({"savefig.bbox": "tight"}):
        _, _, png = page_data(g.result)
    assert png_size(png) == (round(fig.bbox.width), round(fig.bbox.height))


# -- seaborn.heatmap's documentation examples, into the user's axes ---------------------


def test_heatmap_annotated_into_axes_with_title_and_tight_layout(x):
    table = (x.iloc[:8, :6] * 10).round().astype(int)
    fig, ax = plt.subplots(figsize=(9, 6))
    # seaborn's example has fmt="d"; clustergrid refuses it on its float matrix (reported)
    g = cg.heatmap(table, annot=True, fmt=".0f", linewidths=0.5, ax=ax)
    assert g.ax_heatmap is ax
    ax.set_title("Values")
    ax.set_xlabel("measurement")
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        plt.tight_layout()
    assert len(w) == 1
    fig.savefig(io.BytesIO(), format="png")
    assert_texts_fit(fig, (9, 6), ("Values", "measurement"))


def test_tutorial_correlation_heatmap_with_pyplot_calls(x):
    corr = x.corr()
    plt.figure(figsize=(8, 7))
    g = cg.heatmap(
        corr,
        cmap="coolwarm",
        annot=True,
        fmt=".1f",
        vmin=-1,
        vmax=1,
        center=0,
        square=True,
        ax=plt.gca(),
    )
    plt.title("Correlation of the measurements")  # pyplot's current axes: the heatmap
    plt.xticks(rotation=45)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plt.tight_layout()
    buf = io.BytesIO()
    plt.savefig(buf, format="png", bbox_inches="tight")
    fig = g.figure
    assert g.ax_heatmap.get_title() == "Correlation of the measurements"
    assert_texts_fit(fig, (8, 7), ("Correlation of the measurements",))
    t = text_box(fig, "Correlation of the measurements")
    for ax in g.result.axes():
        assert ax.get_window_extent(renderer_of(fig)).y1 <= t.y0 + 0.5


def test_two_heatmaps_side_by_side_in_subplots(x):
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 5))
    cg.heatmap(x.iloc[:10, :5], ax=a)
    cg.heatmap(x.iloc[10:20, :5], ax=b, cmap="viridis")
    a.set_title("first")
    b.set_title("second")
    fig.suptitle("Two halves")
    fig.savefig(io.BytesIO(), format="png")
    assert_texts_fit(fig, (12, 5), ("first", "second", "Two halves"))
