"""seaborn's heatmap of a correlation matrix, lower triangle
=========================================================

The seaborn gallery's "many pairwise correlations" figure, on the wine
measurements.  The seaborn code::

    corr = d.corr()
    mask = np.triu(np.ones_like(corr, dtype=bool))
    sns.heatmap(corr, mask=mask, cmap=cmap, vmax=.3, center=0,
                square=True, linewidths=.5, cbar_kws={"shrink": .5})

becomes ``cg.heatmap`` with the same arguments (a matplotlib diverging
colormap for seaborn's ``diverging_palette``).  The masked cells leave the
colour limits, as in seaborn; the labels and the half-length scale are
measured into the figure.
"""

from pathlib import Path

import numpy as np

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "42_seaborn_correlation.png"


def build() -> cg.SeabornGrid:
    corr = cg.load_dataset("wine").drop(columns="cultivar").corr()
    mask = np.triu(np.ones_like(corr, dtype=bool))
    return cg.heatmap(
        corr,
        mask=mask,
        cmap="RdBu_r",
        vmax=0.3,
        center=0,
        square=True,
        linewidths=0.5,
        cbar_kws={"shrink": 0.5},
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().savefig(OUT)
    print(f"wrote {OUT.name}")
