"""A categorical matrix with its legend: expression levels of marker genes
=======================================================================

The mean scaled expression of 28 PBMC marker genes in 10 cell types (from
the tidy long table), cut into three ordered levels: "low" (below 0),
"medium" (0 to 1) and "high" (above 1).  The matrix of strings draws with a
discrete palette and a labelled legend; it is clustered with the Hamming
distance (the share of genes at a different level), the metric for codes.

Data: ``cg.load_dataset("pbmc_long")``.
"""

from pathlib import Path

import numpy as np
import pandas as pd

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "32_categorical.png"
LEVELS = ["low", "medium", "high"]


def table() -> pd.DataFrame:
    long = cg.load_dataset("pbmc_long")
    mean = long.groupby(["cell_type", "gene"])["expression"].mean().unstack()
    cut = pd.cut(mean.stack(), [-np.inf, 0, 1, np.inf], labels=LEVELS)
    return cut.unstack().astype(pd.CategoricalDtype(LEVELS, ordered=True))


def build() -> cg.ClusterGrid:
    return (
        cg.ClusterGrid(
            table(),
            palette={"low": "#f0f0f0", "medium": "#fdae6b", "high": "#d94801"},
            legend_title="expression",
            cell_size="4mm",
            border=True,
            linewidths=0.5,
        )
        .cluster(metric="hamming")
        .add(cg.Dendrogram(), "left", size="8mm")
        .add(cg.Labels(), "right")
        .add(cg.Labels(rotation=90), "bottom")
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
