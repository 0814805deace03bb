"""OncoPrint of a small cohort, with expression under it
=====================================================

``cg.oncoprint(table)`` draws ComplexHeatmap's oncoPrint from a long table of
alterations (sample, gene, type; a MAF's columns are read by name): a grey
cell per gene and sample with each alteration type drawn over it in its own
colour and shape, genes ordered by how often they are altered and samples by
the memo sort, stacked bars of alterations per sample on top and per gene on
the right, and each gene's share of altered samples on the left.  The grid
concatenates like any other: a heatmap of four made-up expression scores
under it follows the oncoPrint's sample order.

Data: ``cg.load_dataset("lung_cohort")``, a SYNTHETIC 40-sample cohort that
looks like lung adenocarcinoma (written by
``benchmarks/make_oncoprint_cohort.py``; no patient data).  The expression
scores are random numbers, drawn with a fixed seed.
"""

from pathlib import Path

import numpy as np
import pandas as pd

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "45_oncoprint.png"


def build() -> cg.ConcatGrid:
    cohort = cg.load_dataset("lung_cohort")
    samples = cohort["sample"].unique()
    onco = cg.oncoprint(cohort, samples=samples)
    rng = np.random.default_rng(7)
    scores = pd.DataFrame(
        rng.normal(size=(4, len(samples))),
        index=["proliferation", "immune", "hypoxia", "EMT"],
        columns=samples,
    )
    expr = (
        cg.ClusterGrid(scores, cmap="RdBu_r", center=0, vmin=-2.5, vmax=2.5)
        .add(cg.Labels(), "right")
        .add(cg.ScaleBar(label="score"), "right")
    )
    return cg.concat([onco, expr], axis=0, figsize=("183mm", "110mm"))


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
