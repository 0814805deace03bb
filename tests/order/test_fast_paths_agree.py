"""Correctness of the issue-19 speed-ups (never timing): the fast paths give
the same tree as scipy, and importing clustergrid does not load scipy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.cluster.hierarchy as sch
from numpy.testing import assert_array_equal

import clustergrid as cg

_SRC = str(Path(__file__).resolve().parents[2] / "src")


def test_import_does_not_load_scipy_or_the_cli():
    code = (
        f"import sys; sys.path.insert(0, {_SRC!r}); import clustergrid; "
        "bad = sorted(m for m in sys.modules if m == 'scipy' or m.startswith('scipy.') "
        "or m == 'clustergrid.cli' or m == 'fastcluster'); print(bad)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"MPLBACKEND": "Agg", "PATH": ""},
    )
    assert out.stdout.strip() == "[]"


def test_grid_on_the_threaded_blas_path_orders_like_scipy():
    """1,500 rows take the threaded BLAS distance path; the drawn order is
    scipy's leaves_list of scipy's own linkage (same tree as seaborn)."""
    rng = np.random.default_rng(19)
    X = rng.normal(scale=2.0, size=(8, 40))[
        rng.integers(0, 8, size=1500)
    ] + rng.standard_normal((1500, 40))
    df = pd.DataFrame(X, index=[f"g{i}" for i in range(1500)])
    g = cg.ClusterGrid(df).cluster(method="average", metric="euclidean")
    ref = sch.leaves_list(sch.linkage(X, "average", "euclidean"))
    assert_array_equal(np.asarray(g.row_order), df.index.to_numpy()[ref])
    ref_cols = sch.leaves_list(sch.linkage(X.T, "average", "euclidean"))
    assert_array_equal(np.asarray(g.col_order), df.columns.to_numpy()[ref_cols])
