"""Data sets bundled with clustergrid: real ones, and one synthetic alteration
table (see README.md in this folder)."""

from __future__ import annotations

from importlib import resources
from typing import TypedDict

import pandas as pd

__all__ = ["load_dataset", "DATASETS"]


class _ReadOptions(TypedDict, total=False):
    """Options of ``pandas.read_csv`` a bundled file needs."""

    index_col: int


DATASETS: dict[str, tuple[str, _ReadOptions]] = {
    "wine": ("wine.csv", {"index_col": 0}),
    "pbmc": ("pbmc68k_reduced_scaled.csv.gz", {"index_col": 0}),
    "pbmc_obs": ("pbmc68k_reduced_obs.csv", {"index_col": 0}),
    "pbmc_markers": ("pbmc68k_reduced_markers.csv", {}),
    "pbmc_long": ("pbmc68k_reduced_long.csv.gz", {}),
    "lung_cohort": ("lung_cohort_alterations.csv", {}),
}


def load_dataset(name: str) -> pd.DataFrame:
    """Load a bundled data set as a DataFrame.

    Parameters
    ----------
    name : {"wine", "pbmc", "pbmc_obs", "pbmc_markers", "pbmc_long", "lung_cohort"}
        ``wine``: 178 wines x (cultivar + 13 chemical measurements).
        ``pbmc``: 700 blood cells x 765 genes, scaled expression.
        ``pbmc_obs``: per-cell annotations (``bulk_labels``, ``phase``, ...).
        ``pbmc_markers``: top marker genes per cell type.
        ``pbmc_long``: tidy (cell_type, gene, expression) table with replicates.
        ``lung_cohort``: SYNTHETIC alterations of a 40-sample lung
        adenocarcinoma-like cohort, one row per (sample, gene, type); a
        sample without alterations has one row with no gene and type.

    Returns
    -------
    pandas.DataFrame
        A new copy on every call: changing it does not change the next one.

    Raises
    ------
    ValueError
        For an unknown name (the message lists the names).

    Examples
    --------
    >>> wine = cg.load_dataset("wine")
    >>> wine.shape
    (178, 14)
    >>> wine["cultivar"].value_counts().sort_index().tolist()
    [59, 71, 48]
    """
    if name not in DATASETS:
        raise ValueError(
            f"unknown data set {name!r}; choose one of {', '.join(DATASETS)}"
        )
    fname, kw = DATASETS[name]
    with resources.as_file(resources.files(__name__) / fname) as path:
        return pd.read_csv(path, **kw)
