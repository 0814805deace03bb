"""seaborn's clustermap with its own proportions and scale position
================================================================

The seaborn documentation's ``clustermap`` example that sets the figure
size, keeps the rows in order, changes ``dendrogram_ratio`` and moves the
colour bar with ``cbar_pos``, here with the z-scored wine measurements.  The
seaborn code::

    g = sns.clustermap(iris, figsize=(7, 5), row_cluster=False,
                       dendrogram_ratio=(.1, .2), cbar_pos=(0, .2, .03, .4),
                       z_score=1, cmap="vlag", center=0)

``cbar_pos`` is a box in figure fractions; a solved layout has no absolute
figure coordinates, so ``cg.clustermap`` puts the scale on the nearest side
(here the left).  ``cmap="vlag"`` is a seaborn colormap (it works with
seaborn installed); this example uses matplotlib's ``"RdBu_r"``.
"""

from pathlib import Path

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "41_seaborn_ratios.png"


def build() -> cg.SeabornGrid:
    wine = cg.load_dataset("wine").drop(columns="cultivar")
    return cg.clustermap(
        wine,
        figsize=(7, 5),
        row_cluster=False,
        dendrogram_ratio=(0.1, 0.2),
        cbar_pos=(0, 0.2, 0.03, 0.4),
        z_score=1,
        cmap="RdBu_r",
        center=0,
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().savefig(OUT)
    print(f"wrote {OUT.name}")
