"""An association table: effect x significance, with stars on significant cells
============================================================================

For each of 10 PBMC cell types and its top-3 marker genes, a Welch t-test of
the type's cells against all other cells (700 cells, scaled expression).
Colour: the effect (difference of means, diverging around 0); dot size:
-log10 of the Benjamini-Hochberg q-value (capped at 30); a star marks
q < 0.001.  Rows (cell types) and columns (genes) are clustered on the
effects.

Data: ``cg.load_dataset("pbmc")``, ``"pbmc_obs"`` and ``"pbmc_markers"``.
"""

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "31_association_stars.png"


def tables():
    """(effect, q-value): cell types x genes."""
    X = cg.load_dataset("pbmc")
    groups = cg.load_dataset("pbmc_obs")["bulk_labels"].reindex(X.index)
    markers = cg.load_dataset("pbmc_markers")
    genes = list(dict.fromkeys(markers.loc[markers["rank"] < 3, "gene"]))
    types = sorted(groups.unique())
    effect = pd.DataFrame(index=types, columns=genes, dtype=float)
    p = pd.DataFrame(index=types, columns=genes, dtype=float)
    for t in types:
        inside = (groups == t).to_numpy()
        a, b = X.loc[inside, genes], X.loc[~inside, genes]
        effect.loc[t] = a.mean().to_numpy() - b.mean().to_numpy()
        with (
            warnings.catch_warnings()
        ):  # genes constant within a small type: precision note
            warnings.simplefilter("ignore", RuntimeWarning)
            p.loc[t] = stats.ttest_ind(a, b, equal_var=False).pvalue
    flat = p.to_numpy().ravel()
    q = stats.false_discovery_control(np.nan_to_num(flat, nan=1.0)).reshape(p.shape)
    return effect, pd.DataFrame(q, index=types, columns=genes)


def build() -> cg.ClusterGrid:
    effect, q = tables()
    size = np.minimum(-np.log10(q), 30)
    return (
        cg.ClusterGrid(
            effect,
            center=0,
            cmap="RdBu_r",
            cell_size="4.5mm",
            cells=cg.Dots(size=size, size_label="-log10 q"),
        )
        .cluster()
        .layer(
            cg.Markers(
                where=q,
                threshold=1e-3,
                marker="*",
                color="black",
                size=6,
                label="q < 0.001",
            )
        )
        .add(cg.Labels(), "left")
        .add(cg.Labels(rotation=90), "bottom")
        .add(cg.Dendrogram(), "top", size="8mm")
        .add(cg.ScaleBar(label="effect (difference of means)"), "right")
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
