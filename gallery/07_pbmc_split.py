"""Real data: 700 blood cells x marker genes, split by cell type
=============================================================

Cells are split into slices by their annotated cell type (each slice
clustered within itself), with annotation bars for the cell type and the
cell-cycle phase, and a legend for each bar beside the colour scale.

Data: ``cg.load_dataset("pbmc")``, ``"pbmc_obs"`` and ``"pbmc_markers"``
(the top three marker genes of each cell type).
"""

from pathlib import Path

import pandas as pd

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "07_pbmc_split.png"


def build() -> cg.ClusterGrid:
    expr, obs = cg.load_dataset("pbmc"), cg.load_dataset("pbmc_obs")
    # cell-cycle phases in biological order, in greys/blues unlike the cell-type colours
    phase = obs["phase"].astype(pd.CategoricalDtype(["G1", "S", "G2M"], ordered=True))
    markers = cg.load_dataset("pbmc_markers")
    genes = [
        g
        for g in markers.loc[markers["rank"] <= 3, "gene"].unique()
        if g in expr.columns
    ]
    return (
        cg.ClusterGrid(
            expr[genes], cmap="RdBu_r", center=0, vmin=-2.5, vmax=2.5, figsize=(8, 9)
        )
        .cluster(rows=True, cols=True)
        .split(rows=obs["bulk_labels"], gap="1mm")
        .add(cg.AnnotationBar(obs["bulk_labels"], name="cell type"), "left")
        .add(
            cg.AnnotationBar(
                phase,
                name="phase",
                palette={"G1": "#d9d9d9", "S": "#6baed6", "G2M": "#08306b"},
            ),
            "left",
        )
        .add(cg.Dendrogram(), "top", size="20mm")
        .add(cg.Labels(rotation=90), "bottom")
        .add(cg.Legends(), "right")
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
