"""UpSet plot of marker-gene sets
===============================

``cg.upset(sets)`` counts how many genes each combination of sets holds and
draws ComplexHeatmap's UpSet plot on the grid: a dot where a set takes part
in a combination, the dots of a combination joined by a line, combination
sizes as numbered bars on top and set sizes on the right.  The sets: for
five PBMC cell types, the genes whose mean scaled expression in that cell
type is above 0.5.  ``mode="distinct"`` counts each gene once, in the
combination of exactly the sets it is in; the genes shared by NK cells and
cytotoxic T cells are highlighted.

Data: ``cg.load_dataset("pbmc")`` and ``cg.load_dataset("pbmc_obs")``.
"""

from pathlib import Path

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "44_upset.png"

TYPES = ["CD14+ Monocyte", "CD19+ B", "CD56+ NK", "CD8+ Cytotoxic T", "Dendritic"]


def build() -> cg.UpSetGrid:
    x = cg.load_dataset("pbmc")
    cell_type = cg.load_dataset("pbmc_obs")["bulk_labels"]
    means = x.groupby(cell_type).mean().loc[TYPES]
    sets = {t: means.columns[means.loc[t] > 0.5] for t in TYPES}
    return cg.upset(
        sets,
        mode="distinct",
        highlight=[{"CD56+ NK", "CD8+ Cytotoxic T"}],
        figsize=("120mm", "70mm"),
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
