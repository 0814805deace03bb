"""Density heatmap of marker genes
================================

``cg.density_heatmap(table)`` draws each column's distribution as a vertical
strip of its kernel density on one shared value axis (highest values on
top), joins the columns' quartiles (solid) and means (dashed) by lines, and
with ``cluster=True`` orders the columns by a tree of the Kolmogorov-Smirnov
distances between their distributions.  Here: the scaled expression of ten
well-known marker genes over 700 blood cells, the value axis cut at 6
(``lim=``; a few cells reach 10), with a bar on top naming the cell type in
which each gene's mean expression is highest.

Data: ``cg.load_dataset("pbmc")`` and ``cg.load_dataset("pbmc_obs")``.
"""

from pathlib import Path

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "46_density_heatmap.png"
GENES = [
    "CST3",
    "LYZ",
    "S100A9",
    "FCER1G",
    "HLA-DRA",
    "CD79A",
    "NKG7",
    "GNLY",
    "CCL5",
    "IL32",
]


def build() -> cg.DensityGrid:
    x = cg.load_dataset("pbmc")
    cell_type = cg.load_dataset("pbmc_obs")["bulk_labels"]
    genes = x[GENES]
    highest = genes.groupby(cell_type).mean().idxmax()  # gene -> cell type
    return cg.density_heatmap(
        genes,
        lim=(-1.5, 6),
        quantiles=(0.25, 0.5, 0.75),
        cluster=True,
        figsize=("150mm", "90mm"),
    ).add(cg.AnnotationBar(highest, name="highest in"), "top")


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
