"""A gap per boundary between slices
=================================

Blood cells split by cell type, with the types grouped by lineage (lymphoid,
then myeloid and progenitors): ``split(gap=[...])`` takes one gap per
boundary, here wide between the lineages and narrow within them.

Data: ``cg.load_dataset("pbmc")``, ``"pbmc_obs"`` and ``"pbmc_markers"``.
"""

from pathlib import Path

import pandas as pd

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "23_gaps.png"

LYMPHOID = [
    "CD4+/CD45RA+/CD25- Naive T",
    "CD4+/CD45RO+ Memory",
    "CD4+/CD25 T Reg",
    "CD8+/CD45RA+ Naive Cytotoxic",
    "CD8+ Cytotoxic T",
    "CD56+ NK",
    "CD19+ B",
]
MYELOID = ["CD14+ Monocyte", "Dendritic", "CD34+"]


def build() -> cg.ClusterGrid:
    expr, obs = cg.load_dataset("pbmc"), cg.load_dataset("pbmc_obs")
    markers = cg.load_dataset("pbmc_markers")
    genes = [
        g
        for g in markers.loc[markers["rank"] <= 2, "gene"].unique()
        if g in expr.columns
    ]
    types = obs["bulk_labels"].astype(pd.CategoricalDtype(LYMPHOID + MYELOID))
    gaps = ["0.6mm"] * (len(LYMPHOID) - 1) + ["4mm"] + ["0.6mm"] * (len(MYELOID) - 1)
    return (
        cg.ClusterGrid(
            expr[genes], cmap="RdBu_r", center=0, vmin=-2.5, vmax=2.5, figsize=(7.5, 8)
        )
        .cluster()
        .split(rows=types, gap=gaps)
        .add(cg.AnnotationBar(types, name="cell type", legend=False), "left")
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
