"""A correlation matrix: lower triangle, square cells, annotated values
====================================================================

Pearson correlations between the 13 chemical measurements of 178 wines,
clustered so that correlated measurements sit together; the upper triangle is
masked (in drawn position, so it follows the clustering) and every shown cell
carries its value.

Data: ``cg.load_dataset("wine")`` (UCI wine recognition data).
"""

from pathlib import Path

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "03_correlation.png"


def build() -> cg.ClusterGrid:
    wine = cg.load_dataset("wine").drop(columns="cultivar")
    corr = wine.corr()
    return (
        cg.ClusterGrid(
            corr,
            cmap="RdBu_r",
            center=0,
            vmin=-1,
            vmax=1,
            square=True,
            mask="upper",
            annot=True,
            fmt=".1f",
            figsize=(6.5, 5.5),
        )
        .cluster(method="average")
        .add(cg.Labels(), "left")
        .add(cg.Labels(rotation=90), "bottom")
        .add(cg.ScaleBar(label="Pearson r"), "right")
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
