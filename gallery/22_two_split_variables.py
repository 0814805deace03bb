"""Several split variables at once
===============================

A DataFrame of two grouping columns splits by their combinations: the wines
by cultivar, and within each cultivar by whether their alcohol is above the
median.  Slices follow the first column, then the second, and their titles
read "cultivar · level".

Data: ``cg.load_dataset("wine")``.
"""

from pathlib import Path

import numpy as np
import pandas as pd

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "22_two_split_variables.png"


def build() -> cg.ClusterGrid:
    wine = cg.load_dataset("wine")
    X = wine.drop(columns="cultivar")
    z = (X - X.mean()) / X.std()
    level = pd.Categorical(
        np.where(X["alcohol"] > X["alcohol"].median(), "high", "low"),
        categories=["low", "high"],
    )
    groups = pd.DataFrame(
        {"cultivar": wine["cultivar"], "alcohol": level}, index=X.index
    )
    return (
        cg.ClusterGrid(z, cmap="RdBu_r", center=0, vmin=-3, vmax=3, figsize=(6.5, 8.5))
        .cluster()
        .split(rows=groups, gap="1.5mm")
        .add(cg.Dendrogram(), "left", size="10mm")
        .add(
            cg.AnnotationBar(
                groups["alcohol"],
                name="alcohol",
                palette={"low": "#c6dbef", "high": "#2171b5"},
            ),
            "right",
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
