"""A custom panel: row means as bars, in a dozen lines
===================================================

Subclass ``cg.Panel`` and override ``draw(self, ax, ctx)``: ``ctx.matrix`` is
the matrix as drawn and row ``i`` sits at ``y = i + 0.5``, so the bars line up
with the heatmap's rows by construction, clustered order included.

Data: ``cg.load_dataset("wine")``: 30 wines, measurements z-scored.
"""

from pathlib import Path

import numpy as np

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "06_custom_panel.png"


class RowMeans(cg.Panel):
    """The mean of each row, as a horizontal bar."""

    def draw(self, ax, ctx):
        means = ctx.matrix.mean(axis=1).to_numpy()
        ax.barh(np.arange(ctx.n) + 0.5, means, height=0.8, color="0.35")
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_axis_off()


def build() -> cg.ClusterGrid:
    wine = cg.load_dataset("wine").iloc[::6].drop(columns="cultivar")
    return (
        cg.ClusterGrid(wine, z_score=1, center=0, cmap="RdBu_r", cell_size=0.16)
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(RowMeans(), "right", size="15mm")
        .add(cg.Labels(), "right")
        .add(cg.Labels(rotation=90), "bottom")
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
