"""The classic recipe at one journal column: 89 mm wide, everything kept
=====================================================================

Both trees, both annotation bars with their legends, row and column labels
and the colour scale in the top-left corner, in a figure 89 mm by 100 mm with 7 pt labels. The
layout measures what every panel draws, so the corner scale turns or
shortens to fit the corner, its label shrinks before the corner grows, the
legends stack in one column beside the heatmap, and the heatmap takes what
is left: here about 40% of the width and half the height. Save it as PDF
for a one-column figure with editable text.

Data: ``cg.load_dataset("wine")``: every fourth wine, measurements z-scored.
"""

from pathlib import Path

import numpy as np
import pandas as pd

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "10_journal_column.png"


def build() -> cg.ClusterGrid:
    wine = cg.load_dataset("wine").iloc[::4]
    chem = wine.drop(columns="cultivar")
    kind = pd.Series(
        np.where(
            chem.columns.str.contains("phenol|flav|proantho|od280"), "phenolic", "other"
        ),
        index=chem.columns,
        name="kind",
    )
    return (
        cg.ClusterGrid(
            chem, z_score=1, center=0, cmap="RdBu_r", figsize=("89mm", "100mm"), dpi=200
        )
        .cluster()
        .add(cg.AnnotationBar(wine["cultivar"], name="cultivar"), "left")
        .add(cg.Dendrogram(color="black"), "left")
        .add(
            cg.AnnotationBar(kind, palette={"phenolic": "#8c510a", "other": "#c7eae5"}),
            "top",
        )
        .add(cg.Dendrogram(color="black"), "top")
        .add(cg.Labels(fontsize=7), "right")
        .add(cg.Labels(rotation=90, fontsize=7), "bottom")
        .add(cg.ScaleBar(label="z-score"), "top-left")
        .add(cg.Legends(scale=False), "right")
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
