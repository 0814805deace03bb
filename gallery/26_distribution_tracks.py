"""Distribution tracks: violins, strips and histograms
===================================================

Mean marker expression per cell type (rows), split by lineage.  On the
right, per cell type, a violin of the cells' gene counts and a histogram of
their mitochondrial fraction (from aligned tables: a dict cell type ->
values); on top, each gene's own values across the types as a strip.
Violins are matplotlib's ``violinplot``, histograms its ``hist``; every
track follows the rows' drawn order and their slices.

Data: ``cg.load_dataset("pbmc")``, ``"pbmc_obs"`` and ``"pbmc_markers"``.
"""

from pathlib import Path

import pandas as pd

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "26_distribution_tracks.png"

MYELOID = {"CD14+ Monocyte", "Dendritic", "CD34+"}


def build() -> cg.ClusterGrid:
    expr, obs = cg.load_dataset("pbmc"), cg.load_dataset("pbmc_obs")
    markers = cg.load_dataset("pbmc_markers")
    genes = [
        g
        for g in markers.loc[markers["rank"] <= 2, "gene"].unique()
        if g in expr.columns
    ]
    means = expr[genes].groupby(obs["bulk_labels"]).mean()
    lineage = pd.Series(
        ["myeloid" if t in MYELOID else "lymphoid" for t in means.index],
        index=means.index,
    )
    per_type = obs.groupby("bulk_labels")
    n_genes = {t: g["n_genes"].to_numpy() for t, g in per_type}
    mito = {t: 100 * g["percent_mito"].to_numpy() for t, g in per_type}
    return (
        cg.ClusterGrid(
            means, cmap="RdBu_r", center=0, vmin=-1.5, vmax=1.5, cell_size=0.22
        )
        .cluster()
        .split(rows=lineage, gap="2mm")
        .add(cg.Dendrogram(), "left", size="10mm")
        .add(cg.Labels(), "right")
        .add(cg.ViolinTrack(n_genes, color="#9ecae1"), "right", size="22mm", pad="2mm")
        .add(
            cg.HistTrack(mito, bins=12, color="#fd8d3c"),
            "right",
            size="22mm",
            pad="4mm",
        )
        .add(cg.StripTrack(size=6, alpha=0.8), "top", size="14mm")
        .add(cg.Labels(rotation=90), "bottom")
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
