"""Slice titles of your own, drawn once
====================================

``split()`` titles each slice by itself (left of row slices); a
``SliceTitles`` added by hand replaces those titles on that axis instead of
adding a second set, so here the cultivar names appear once, on the right,
in bold.

Data: ``cg.load_dataset("wine")``.
"""

from pathlib import Path

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "28_slice_titles.png"


def build() -> cg.ClusterGrid:
    wine = cg.load_dataset("wine")
    X = wine.drop(columns="cultivar")
    z = (X - X.mean()) / X.std()
    names = {"class_0": "Barolo", "class_1": "Grignolino", "class_2": "Barbera"}
    return (
        cg.ClusterGrid(z, cmap="RdBu_r", center=0, vmin=-3, vmax=3, figsize=(6, 7.5))
        .cluster()
        .split(rows=wine["cultivar"].map(names).astype("category"), gap="2mm")
        .add(cg.Dendrogram(), "left", size="12mm")
        .add(cg.SliceTitles(fontsize=11, fontweight="bold"), "right")
        .add(cg.Labels(rotation=90), "bottom")
        .add(cg.ScaleBar(label="z-score"), "right")
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
