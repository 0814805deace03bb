"""Stacked bar tracks, with their legend
=====================================

``cg.BarTrack(DataFrame)`` draws one stacked bar per row: each wine's
phenolic content split into flavanoids, non-flavanoid phenols and
proanthocyanins, end to end, so each bar is the wine's total.  Its parts
appear in the Legends panel under the track's name.

Data: ``cg.load_dataset("wine")``.
"""

from pathlib import Path

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "25_stacked_bars.png"


def build() -> cg.ClusterGrid:
    wine = cg.load_dataset("wine")
    X = wine.drop(columns="cultivar")
    z = (X - X.mean()) / X.std()
    parts = X[["flavanoids", "nonflavanoid_phenols", "proanthocyanins"]]
    return (
        cg.ClusterGrid(z, cmap="RdBu_r", center=0, vmin=-3, vmax=3, figsize=(7, 8))
        .cluster()
        .split(rows=wine["cultivar"], gap="1.5mm")
        .add(cg.Dendrogram(), "left", size="10mm")
        .add(
            cg.BarTrack(
                parts, name="phenolics", color=["#1b9e77", "#d95f02", "#7570b3"]
            ),
            "right",
            size="22mm",
        )
        .add(cg.Labels(rotation=90), "bottom")
        .add(cg.Legends(), "right")
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
