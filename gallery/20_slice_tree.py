"""Slices ordered by similarity, with the tree over them
=====================================================

Blood cells split by cell type, each type clustered within itself, and the
types themselves ordered by how alike their mean marker profiles are
(ComplexHeatmap's ``cluster_row_slices``): ``split(..., cluster_slices=True)``.
The dendrogram draws the tree over the types above the types' own trees,
joined at each type's root across the gaps.

Data: ``cg.load_dataset("pbmc")``, ``"pbmc_obs"`` and ``"pbmc_markers"``.
"""

from pathlib import Path

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "20_slice_tree.png"


def build() -> cg.ClusterGrid:
    expr, obs = cg.load_dataset("pbmc"), cg.load_dataset("pbmc_obs")
    markers = cg.load_dataset("pbmc_markers")
    genes = [
        g
        for g in markers.loc[markers["rank"] <= 2, "gene"].unique()
        if g in expr.columns
    ]
    return (
        cg.ClusterGrid(
            expr[genes], cmap="RdBu_r", center=0, vmin=-2.5, vmax=2.5, figsize=(7.5, 8)
        )
        .cluster()
        .split(rows=obs["bulk_labels"], gap="1mm", cluster_slices=True)
        .add(cg.Dendrogram(), "left", size="28mm")
        .add(cg.Dendrogram(), "top", size="10mm")
        .add(cg.Labels(rotation=90), "bottom")
        .add(cg.ScaleBar(label="scaled expression"), "right")
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
