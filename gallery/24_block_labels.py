"""Block labels: one coloured block per slice, its label inside
============================================================

ComplexHeatmap's ``anno_block``: ``cg.Blocks()`` draws one block per slice
of a split axis, in the slice's colour, with the slice's name inside it.  A
label reads along its block when it fits, turns across it when that fits
better, and otherwise shrinks and is shortened, so it never leaves its
block.  The blocks stand in for the slice titles (none are drawn beside
them).  Here the cell types label the rows and two k-means clusters the
genes.

Data: ``cg.load_dataset("pbmc")``, ``"pbmc_obs"`` and ``"pbmc_markers"``.
"""

from pathlib import Path

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "24_block_labels.png"


def build() -> cg.ClusterGrid:
    expr, obs = cg.load_dataset("pbmc"), cg.load_dataset("pbmc_obs")
    markers = cg.load_dataset("pbmc_markers")
    genes = [
        g
        for g in markers.loc[markers["rank"] <= 2, "gene"].unique()
        if g in expr.columns
    ]
    short = obs["bulk_labels"].str.replace(
        "/CD45RA+/CD25- Naive T", " naive T", regex=False
    )
    return (
        cg.ClusterGrid(
            expr[genes], cmap="RdBu_r", center=0, vmin=-2.5, vmax=2.5, figsize=(7.5, 8)
        )
        .cluster()
        .split(rows=short, cols=2, kmeans=True, seed=0, gap="1mm")
        .add(cg.Blocks(), "left", size="9mm")
        .add(
            cg.Blocks(["gene cluster A", "gene cluster B"], colors=["0.35", "0.75"]),
            "top",
            size="5mm",
        )
        .add(cg.Labels(rotation=90), "bottom")
        .add(cg.ScaleBar(label="scaled expression"), "right")
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
