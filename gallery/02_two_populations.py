"""Two cell populations, clustered with ward linkage and a column annotation bar
=============================================================================

The figure people make for tumour/normal expression studies: genes x samples,
a diverging colormap centred on zero, ward linkage, and a bar saying which
group each sample belongs to.  The bundled data has no tumour samples, so the
two groups here are real ones from the PBMC data: CD14+ monocytes and CD19+ B
cells (60 cells each), over the top marker genes of both cell types.

Data: ``cg.load_dataset("pbmc")`` (700 cells x 765 genes, scaled expression),
``"pbmc_obs"`` (cell types) and ``"pbmc_markers"`` (marker genes).
"""

from pathlib import Path

import pandas as pd

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "02_two_populations.png"
GROUPS = ["CD14+ Monocyte", "CD19+ B"]


def build() -> cg.ClusterGrid:
    expr, obs = cg.load_dataset("pbmc"), cg.load_dataset("pbmc_obs")
    markers = cg.load_dataset("pbmc_markers")
    genes = [
        g
        for g in markers.loc[markers.group.isin(GROUPS), "gene"].unique()
        if g in expr.columns
    ]
    cells = pd.concat(
        [obs.index[obs.bulk_labels == grp].to_series().iloc[:60] for grp in GROUPS]
    )
    data = expr.loc[cells, genes].T  # genes x cells
    group = obs.loc[cells, "bulk_labels"].rename("cell type")
    return (
        cg.ClusterGrid(
            data, cmap="RdBu_r", center=0, vmin=-3, vmax=3, figsize=(7.5, 4.8)
        )
        .cluster(method="ward")
        .add(cg.Dendrogram(), "left")
        .add(cg.Dendrogram(), "top")
        .add(
            cg.AnnotationBar(
                group,
                name="cell type",
                palette={"CD14+ Monocyte": "#d95f02", "CD19+ B": "#1b9e77"},
            ),
            "top",
        )
        .add(cg.Labels(), "right")
        .add(cg.Legends(), "right")
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
