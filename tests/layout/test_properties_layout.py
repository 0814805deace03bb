"""Property-based layout tests (hypothesis) for the hard cases of the
measured layout: corner scales with long labels, titles wider than the
heatmap, Legends together with a corner ScaleBar, custom panels with value
axes (and no measure()), figure sizes down to 40 mm, and concat on both
axes.  Every example draws with nothing outside the figure and nothing
overlapping, or raises a clear LayoutError.

``CLUSTERGRID_PROPERTY_EXAMPLES`` and ``CLUSTERGRID_PROPERTY_RANDOM=1``
explore further, as in test_properties.py."""

from __future__ import annotations

import os
import warnings

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from matplotlib.text import Text

import clustergrid as cg
from conftest import renderer_of

_EXAMPLES = int(os.environ.get("CLUSTERGRID_PROPERTY_EXAMPLES", "30"))
_EXPLORE = os.environ.get("CLUSTERGRID_PROPERTY_RANDOM", "") == "1"
_SETTINGS = settings(
    max_examples=_EXAMPLES,
    deadline=None,
    derandomize=not _EXPLORE,
    database=None,
    phases=list(Phase) if _EXPLORE else [Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
MM = 1 / 25.4
TOL = 1.0  # pixels


class ValueAxis(cg.Panel):
    """A custom panel with a value axis and large tick values; no measure()."""

    def __init__(self, scale: float) -> None:
        self.scale = scale

    def draw(self, ax, ctx):
        means = np.nan_to_num(
            ctx.matrix.mean(axis=1 if ctx.orientation == "vertical" else 0)
        )
        pos = np.arange(ctx.n) + 0.5
        if ctx.orientation == "vertical":
            ax.barh(pos, means * self.scale, height=0.8)
        else:
            ax.bar(pos, means * self.scale, width=0.8)
        ax.set_title("means", fontsize=8)


@st.composite
def grids(draw, shape=None, rows=None, cols=None):
    nrows = shape[0] if shape else draw(st.integers(2, 25))
    ncols = shape[1] if shape else draw(st.integers(2, 25))
    rng = np.random.default_rng(draw(st.integers(0, 2**31)))
    rows = (
        rows
        if rows is not None
        else [f"row {i}" + "x" * draw(st.integers(0, 8)) for i in range(nrows)]
    )
    cols = cols if cols is not None else [f"c{j}" for j in range(ncols)]
    df = pd.DataFrame(rng.normal(size=(nrows, ncols)), index=rows, columns=cols)
    sizing = draw(st.sampled_from(["figsize", "figsize", "cell", "default"]))
    kw = {}
    if sizing == "figsize":
        kw["figsize"] = (
            f"{draw(st.integers(40, 200))}mm",
            f"{draw(st.integers(40, 200))}mm",
        )
    elif sizing == "cell":
        kw["cell_size"] = draw(st.sampled_from([0.08, 0.15, 0.3]))
    g = cg.ClusterGrid(df, center=0, **kw)
    if draw(st.booleans()):
        g.cluster()
        if draw(st.booleans()):
            g.add(cg.Dendrogram(), "left")
        if draw(st.booleans()):
            g.add(cg.Dendrogram(), "top")
    if draw(st.booleans()):
        grp = pd.Series(
            rng.choice(["alpha", "beta", "a much longer group"], nrows),
            index=rows,
            name=draw(st.sampled_from(["group", "a long annotation name"])),
        )
        g.add(cg.AnnotationBar(grp), "left")
    for side in ("right", "bottom"):
        if draw(st.booleans()):
            g.add(cg.Labels(rotation=draw(st.sampled_from([None, 0, 45, 90]))), side)
    if draw(st.booleans()):
        g.add(
            ValueAxis(10.0 ** draw(st.sampled_from([0, 3, 9]))),
            draw(st.sampled_from(["right", "bottom", "left", "top"])),
            size="12mm",
        )
    if draw(st.booleans()):
        title = draw(
            st.sampled_from(
                ["T", "A title much wider than the heatmap it names", "Two\nlines"]
            )
        )
        g.add(cg.Title(title), draw(st.sampled_from(["top", "bottom"])))
    if draw(st.booleans()):
        label = draw(st.sampled_from([None, "z", "log2 fold change vs control"]))
        where = draw(
            st.sampled_from(
                ["top-left", "top-right", "bottom-left", "bottom-right", "right", "top"]
            )
        )
        g.add(cg.ScaleBar(label=label), where)
    if draw(st.booleans()):
        g.add(cg.Legends(), "right")
    return g, df


def _check(fig, grids_) -> None:
    r = renderer_of(fig)
    fb = fig.bbox
    for t in fig.findobj(Text):
        if t.get_visible() and t.get_text().strip():
            b = t.get_window_extent(r)
            assert (
                b.x0 >= -TOL
                and b.y0 >= -TOL
                and b.x1 <= fb.x1 + TOL
                and b.y1 <= fb.y1 + TOL
            ), f"text {t.get_text()!r} leaves the figure: {b} vs {fb}"
    boxes = []
    for g in grids_:
        for row in g.heatmap_axes:
            for ax in row:
                boxes.append(("heatmap", ax.get_window_extent(r)))
        for p in g.panels:
            for ax in p.axes:
                bb = ax.get_tightbbox(r)
                if bb is not None and bb.width > 0 and bb.height > 0:
                    boxes.append((type(p).__name__, bb))
    for i, (na, A) in enumerate(boxes):
        assert (
            A.x0 >= -TOL
            and A.y0 >= -TOL
            and A.x1 <= fb.x1 + TOL
            and A.y1 <= fb.y1 + TOL
        ), f"{na} leaves the figure: {A} vs {fb}"
        for nb, B in boxes[i + 1 :]:
            ox = min(A.x1, B.x1) - max(A.x0, B.x0)
            oy = min(A.y1, B.y1) - max(A.y0, B.y0)
            assert ox <= TOL or oy <= TOL, f"{na} overlaps {nb}: {A} / {B}"


def _draw(obj, grids_) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fig = obj.draw()
        except (
            cg.LayoutError
        ) as exc:  # a clear answer for a figure that cannot hold its panels
            assert "fit" in str(exc)
            return
        except ValueError as exc:
            # concat: a grid's Dendrogram on the shared axis needs the main grid's tree
            assert len(grids_) > 1 and "not clustered" in str(exc), exc
            return
    _check(fig, grids_)
    for g in grids_:
        fs = getattr(g, "_figsize", None)
        if fs is not None and len(grids_) == 1:
            np.testing.assert_allclose(fig.get_size_inches(), fs, rtol=1e-9)


@_SETTINGS
@given(grids())
def test_any_grid_fits_or_says_why(case):
    g, _ = case
    _draw(g, [g])


@_SETTINGS
@given(st.data(), st.sampled_from([0, 1]), st.integers(2, 3))
def test_concat_fits_or_says_why(data, axis, n):
    shared = data.draw(st.integers(3, 15))
    gs = []
    labels = [f"s{i}" + "x" * (i % 5) for i in range(shared)]
    for k in range(n):
        other = data.draw(st.integers(2, 12))
        if axis == 1:
            g, df = data.draw(
                grids(
                    shape=(shared, other),
                    rows=labels,
                    cols=[f"g{k}c{j}" for j in range(other)],
                )
            )
        else:
            g, df = data.draw(
                grids(
                    shape=(other, shared),
                    cols=labels,
                    rows=[f"g{k}r{j}" for j in range(other)],
                )
            )
        gs.append((g, df))
    figsize = data.draw(st.sampled_from([None, ("180mm", "120mm"), ("89mm", "89mm")]))
    both = cg.concat([g for g, _ in gs], axis=axis, figsize=figsize)
    _draw(both, [g for g, _ in gs])
