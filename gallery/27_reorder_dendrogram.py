"""Reordering a dendrogram by weights, without changing the tree
=============================================================

The same tree of the wines drawn twice: as scipy orders it (left), and
rotated by ``cluster(reorder=True)`` (right), so that at every merge the
branch with the larger mean value comes first (ComplexHeatmap's
``row_dend_reorder``).  The merges and their heights are the same; only
which branch is drawn on top changes.  The bar track shows each wine's
mean, the weight.

Data: ``cg.load_dataset("wine")``.
"""

from pathlib import Path

from matplotlib.figure import Figure

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "27_reorder_dendrogram.png"


def grid(z, reorder: bool) -> cg.ClusterGrid:
    return (
        cg.ClusterGrid(z, cmap="RdBu_r", center=0, vmin=-3, vmax=3)
        .cluster(reorder=reorder)
        .add(cg.Dendrogram(), "left", size="15mm")
        .add(cg.BarTrack(z.mean(axis=1), lim=(-1.2, 1.2)), "right", size="12mm")
        .add(
            cg.Title("reorder=True" if reorder else "scipy's order", fontsize=11), "top"
        )
    )


def figure() -> Figure:
    wine = cg.load_dataset("wine")
    X = wine.drop(columns="cultivar").iloc[::3]
    z = (X - X.mean()) / X.std()
    fig = Figure(figsize=(9, 6), dpi=100)
    left, right = fig.subfigures(1, 2)
    grid(z, False).draw(left)
    grid(z, True).draw(right)
    return fig


def make():
    """The figure, drawn (used by the test suite)."""
    return figure()


if __name__ == "__main__":
    figure().savefig(OUT)
    print(f"wrote {OUT.name}")
