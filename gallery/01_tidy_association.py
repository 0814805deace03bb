"""Tidy association table -> heatmap
=================================

A long table with one row per (cell, gene) measurement -- several rows for
each (gene, cell type) pair -- is pivoted with an aggregation (the mean) into
marker genes x cell types, clustered both ways, on a diverging RdBu_r scale.

Data: ``pbmc68k_reduced_long.csv.gz`` (28 marker genes in 700 blood cells of
10 types; expression log-normalised and scaled per gene), bundled as
``cg.load_dataset("pbmc_long")``.
"""

from pathlib import Path

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "01_tidy_association.png"


def build() -> cg.ClusterGrid:
    tidy = cg.load_dataset("pbmc_long")  # columns: cell_type, gene, expression
    return (
        cg.ClusterGrid.from_long(
            tidy,
            index="gene",
            columns="cell_type",
            values="expression",
            agg="mean",
            cmap="RdBu_r",
            center=0,
            cell_size=0.17,
        )
        .cluster(method="average")
        .add(cg.Dendrogram(), "left")
        .add(cg.Dendrogram(), "top")
        .add(cg.Labels(), "right")
        .add(cg.Labels(rotation=45), "bottom")
        .add(cg.ScaleBar(label="mean scaled expression"), "right")
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
