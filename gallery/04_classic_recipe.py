"""The classic "hierarchical clustering, heatmaps and gridspec" recipe, rebuilt
============================================================================

Row and column dendrograms in black, row and column annotation bars, row
labels on the right, column labels turned 90 degrees, and the colour scale in
the top-left corner with the norm symmetric about zero -- without a single
hand-placed axes.  The bars' legends are added by the grid itself, on the
right (the corner ScaleBar is the heatmap's key, so it is not repeated).

Data: ``cg.load_dataset("wine")``: every fourth wine, measurements z-scored.
"""

from pathlib import Path

import numpy as np
import pandas as pd

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "04_classic_recipe.png"


def build() -> cg.ClusterGrid:
    wine = cg.load_dataset("wine").iloc[::4]
    chem = wine.drop(columns="cultivar")
    kind = pd.Series(
        np.where(
            chem.columns.str.contains("phenol|flav|proantho|od280"), "phenolic", "other"
        ),
        index=chem.columns,
    )
    return (
        cg.ClusterGrid(chem, z_score=1, center=0, cmap="RdBu_r", figsize=(6.5, 6.5))
        .cluster()
        # panels stack outward in the order added: each bar sits between
        # its tree and the heatmap, as in seaborn and ComplexHeatmap
        .add(cg.AnnotationBar(wine["cultivar"], name="cultivar"), "left")
        .add(cg.Dendrogram(color="black"), "left")
        .add(
            cg.AnnotationBar(
                kind, name="kind", palette={"phenolic": "#8c510a", "other": "#c7eae5"}
            ),
            "top",
        )
        .add(cg.Dendrogram(color="black"), "top")
        .add(cg.Labels(), "right")
        .add(cg.Labels(rotation=90), "bottom")
        .add(cg.ScaleBar(label="z-score"), "top-left")
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
