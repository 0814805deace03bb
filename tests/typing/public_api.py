"""The public API as a user's type checker sees it, written as a user's script.

mypy checks this file (it is listed in ``[tool.mypy] files``, so plain
``mypy`` and CI check it):

- every ``assert_type(...)`` states a type that users' code relies on (the
  builder methods return ``Self``, so a chain keeps its class; ``draw()``
  returns a ``Figure``; what exists only after drawing is ``... | None``);
- every line marked ``# type: ignore[<code>]`` (in :func:`misuse`, which is
  never called) is a mistake the annotations must flag: with
  ``warn_unused_ignores`` mypy fails if one of them stops being an error.

The script also runs (``python tests/typing/public_api.py`` draws and saves
small figures into a temporary folder), so what it type-checks is real code.
pytest does not collect it: its name does not start with ``test_``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Hashable
from pathlib import Path
from typing import assert_type

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

import clustergrid as cg
from clustergrid import Context, Extent, Panel


class RowMeans(Panel):
    """A custom panel: each row's mean as a horizontal bar."""

    default_side = "right"

    def measure(self, ctx: Context) -> Extent:
        return Extent(thickness=0.6)

    def draw(self, ax: Axes, ctx: Context) -> None:
        assert_type(ctx.matrix, pd.DataFrame)
        assert_type(ctx.n, int)
        assert_type(ctx.labels, pd.Index)
        means = ctx.matrix.mean(axis=1).to_numpy()
        ax.barh(np.arange(ctx.n) + 0.5, means, height=0.8, color="0.35")
        ax.set_axis_off()


def wine() -> pd.DataFrame:
    data = cg.load_dataset("wine")
    assert_type(data, pd.DataFrame)
    return data.iloc[::6]


def sparse_fits(n_rows: int, n_cols: int) -> bool:
    """Whether a sparse matrix of this shape would be densified."""
    assert_type(cg.DENSE_LIMIT_BYTES, int)
    return n_rows * n_cols * 8 <= cg.DENSE_LIMIT_BYTES


def builder(out: Path) -> None:
    data = wine()
    X = data.drop(columns="cultivar")
    cultivar = data["cultivar"]

    g = (
        cg.ClusterGrid(X, z_score=1, center=0, cmap="RdBu_r", cell_size="4mm")
        .cluster(method="average", metric="euclidean")
        .add(cg.Dendrogram(), "left", size=cg.Relative(0.15))
        .add(cg.AnnotationBar(cultivar, name="cultivar"), "left", size="3mm")
        .add(cg.Labels(), "right")
        .add(RowMeans(), size=cg.Fixed("12mm"))
        .add(cg.BarTrack(X.mean(axis=0), name="mean"), "top", size=0.5)
        .add(cg.Labels(rotation=90), "bottom", size="auto")
        .add(cg.ScaleBar(label="z-score"), "right")
        .split(rows=cultivar, gap="1.5mm")
    )
    assert_type(g, cg.ClusterGrid)
    assert_type(cg.Fixed("12mm"), cg.Size)
    assert_type(cg.Relative(0.15), cg.Size)

    # what the grid exposes before drawing
    assert_type(g.row_order, pd.Index)
    assert_type(g.col_order, pd.Index)
    assert_type(g.matrix, pd.DataFrame)
    assert_type(g.norm, mcolors.Normalize)
    assert_type(g.cmap, mcolors.Colormap)
    assert_type(g.panels, list[Panel])
    # ... and what exists only once it is drawn
    assert_type(g.figure, Figure | None)
    assert_type(g.ax_heatmap, Axes | None)

    fig = g.draw()
    assert_type(fig, Figure)
    assert_type(g.heatmap_axes, list[list[Axes]])
    ax = g.ax_heatmap
    if ax is not None:  # drawn now
        ax.set_title("wine")
    result = g.result
    if result is not None:
        assert_type(result.ax_heatmap, Axes)
    bars = RowMeans()
    g.add(bars, "left")
    g.save(out / "grid.png", dpi=72)
    assert_type(bars.ax, Axes | None)
    assert_type(bars.axes, list[Axes])

    # cell layers: a function gets the block's Axes and its Cells
    pvals = pd.DataFrame(
        np.linspace(0, 0.1, X.size).reshape(X.shape), index=X.index, columns=X.columns
    )
    layered = (
        cg.ClusterGrid(X, z_score=1, center=0)
        .cluster()
        .layer(cg.Markers(where=pvals, threshold=0.01, label="p < 0.01"))
        .layer(lambda ax, c: ax.scatter(c.x[c.masked], c.y[c.masked], marker="x"))
    )
    assert_type(layered, cg.ClusterGrid)
    dots = cg.ClusterGrid(X, z_score=1, cells=cg.Dots(size=X.abs())).subset(
        cols=list(X.columns[:6])
    )
    assert_type(dots.filter("row any > 0"), cg.ClusterGrid)
    assert_type(dots.order(rows=list(X.index[::-1])), cg.ClusterGrid)

    # into a region of the user's own figure
    host = Figure(figsize=(8, 4))
    gs = host.add_gridspec(1, 2)
    assert_type(cg.ClusterGrid(X).on(gs[0, 0]), cg.ClusterGrid)
    styled = cg.ClusterGrid(X, rc={"font.size": 7}, style="ggplot")
    assert_type(styled, cg.ClusterGrid)
    assert_type(cg.ClusterGrid(X).draw(gs[0, 1]), Figure)

    tidy = X.reset_index().melt(id_vars="sample", var_name="measure")
    long = cg.ClusterGrid.from_long(
        tidy, index="sample", columns="measure", values="value"
    )
    assert_type(long, cg.ClusterGrid)

    # recipes return a ClusterGrid subclass; its builder methods keep the type
    up = cg.upset({"A": [1, 2, 3], "B": [3, 4]}, mode="intersect", top_n=3)
    assert_type(up, cg.UpSetGrid)
    assert_type(up.combinations, pd.DataFrame)
    assert_type(up.elements("11"), list[Hashable])
    assert_type(up.add(cg.Title("sets"), "top"), cg.UpSetGrid)
    assert_type(cg.BarTrack([1.0, 2.0], numbers=".1f", label="n"), cg.BarTrack)
    onco = cg.oncoprint(pd.DataFrame({"s1": ["AMP;MUT"], "s2": [""]}, index=["TP53"]))
    assert_type(onco, cg.OncoPrintGrid)
    assert_type(onco.percent, pd.Series)
    assert_type(onco.alterations, dict[str, pd.DataFrame])
    dens = cg.density_heatmap({"a": [1.0, 2.0, 2.5], "b": [0.5, 1.0, 3.0]}, lim=(0, 4))
    assert_type(dens, cg.DensityGrid)
    assert_type(dens.stats, pd.DataFrame)


def concatenated(out: Path) -> None:
    X = wine().drop(columns="cultivar")
    left = cg.ClusterGrid(X.iloc[:, :6], z_score=1).cluster().add(cg.Labels(), "left")
    right = cg.ClusterGrid(X.iloc[:, 6:], z_score=1).add(cg.Labels(), "right")
    both = left + right
    assert_type(both, cg.ConcatGrid)
    top = cg.ClusterGrid(X.iloc[:15]).cluster(rows=False)
    bottom = cg.ClusterGrid(X.iloc[15:]).add(cg.Labels(rotation=90), "bottom")
    assert_type(top / bottom, cg.ConcatGrid)
    assert_type(cg.concat([left, right], axis=1, gap="3mm"), cg.ConcatGrid)
    assert_type(both.row_order, pd.Index)
    assert_type(both.draw(), Figure)
    both.save(out / "both.pdf")


def seaborn_style(out: Path) -> None:
    X = wine().drop(columns="cultivar")
    sg = cg.clustermap(X, z_score=1, figsize=(6, 6))
    assert_type(sg, cg.SeabornGrid)
    # a SeabornGrid stays one through the builder's chain
    assert_type(sg.add(cg.Title("wine"), "top"), cg.SeabornGrid)
    assert_type(sg.figure, Figure)  # drawn on demand: never None
    assert_type(sg.fig, Figure)
    assert_type(sg.data2d, pd.DataFrame)
    tree = sg.dendrogram_row
    if tree is not None:
        assert_type(tree.reordered_ind, list[int])
    sg.savefig(out / "clustermap.png")
    assert_type(cg.heatmap(X.iloc[:8, :8], annot=True), cg.SeabornGrid)


def misuse(g: cg.ClusterGrid, X: pd.DataFrame) -> None:
    """Mistakes the annotations catch (never called: each line is an error)."""
    cg.ClusterGrid(X, figsize=5)  # type: ignore[arg-type]
    g.add(cg.Dendrogram, "left")  # type: ignore[arg-type]
    g.cluster(method=3)  # type: ignore[arg-type]
    g.save(42)  # type: ignore[arg-type]
    g.on("figure.png")  # type: ignore[arg-type]
    cg.concat([g, g], axis="rows")  # type: ignore[arg-type]
    g.ax_heatmap.set_title("x")  # type: ignore[union-attr]
    fig: Figure = g.figure  # type: ignore[assignment]
    g.clustr()  # type: ignore[attr-defined]

    class NoContext(Panel):
        def draw(self, ax: Axes) -> None:  # type: ignore[override]
            ax.plot([0, 1])

    del fig, NoContext


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        builder(Path(tmp))
        concatenated(Path(tmp))
        seaborn_style(Path(tmp))
        print("drawn:", sorted(p.name for p in Path(tmp).iterdir()))
