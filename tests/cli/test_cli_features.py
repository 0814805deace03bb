"""The command line reaches the library's newer features: --dots (a dot plot
of a long table), --no-legend, --missing pairwise, --progress; each run for
real in a subprocess, then checked against the grid the CLI builds."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import clustergrid as cg


def _run(args, cwd):
    env = {**os.environ, "MPLBACKEND": "Agg"}
    return subprocess.run(
        [sys.executable, "-m", "clustergrid", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _build(args):
    from clustergrid import cli

    ns = cli.build_parser().parse_args(args)
    g, _ = cli.build(ns, cli.input_of(ns), cli.Log(False))
    return g


@pytest.fixture(scope="module")
def long_table(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli_features")
    rng = np.random.default_rng(3)
    rows = [
        (g, c, rng.normal(), rng.random())
        for g in "abcdef"
        for c in "xyzw"
        for _ in range(3)
    ]
    df = pd.DataFrame(rows, columns=["gene", "cell", "expr", "frac"])
    df.to_csv(d / "long.csv", index=False)
    wide = pd.DataFrame(
        rng.normal(size=(8, 5)),
        index=[f"r{i}" for i in range(8)],
        columns=[f"s{j}" for j in range(5)],
    )
    wide.iloc[2, 1] = wide.iloc[5, 3] = np.nan
    wide.to_csv(d / "gaps.csv")
    return d, df, wide


def test_cli_dots_sizes_follow_the_size_column(long_table):
    d, df, _ = long_table
    args = [
        str(d / "long.csv"),
        "-x",
        "cell",
        "-y",
        "gene",
        "-v",
        "expr",
        "-p",
        "mean",
        "--dots",
        "frac",
        "-o",
        str(d / "dots.png"),
    ]
    r = _run(args, d)
    assert r.returncode == 0, r.stderr
    g = _build(args)
    g.draw()
    want = (
        df.groupby(["gene", "cell"])["frac"]
        .mean()
        .unstack()
        .loc[g.row_order, g.col_order]
    )
    colls = [c for c in g.ax_heatmap.collections if len(c.get_offsets()) == want.size]
    assert colls, "no dot collection with one dot per cell"
    # area is proportional to the size value: one constant ratio over all dots
    areas = np.asarray(colls[0].get_sizes(), dtype=float)
    ratio = areas / want.to_numpy().ravel()
    np.testing.assert_allclose(ratio, ratio[0], rtol=1e-6)


def test_cli_dots_need_a_long_table(long_table):
    d, _, _ = long_table
    r = _run([str(d / "gaps.csv"), "--dots", "frac", "-o", str(d / "x.png")], d)
    assert r.returncode == 2 and "--dots needs a long table" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_cli_no_legend_and_missing_pairwise(long_table):
    d, _, wide = long_table
    args = [
        str(d / "gaps.csv"),
        "--no-legend",
        "--missing",
        "pairwise",
        "--no-progress",
        "-o",
        str(d / "gaps.png"),
    ]
    r = _run(args, d)
    assert r.returncode == 0, r.stderr
    g = _build(args)
    g.draw()
    assert not any(
        isinstance(p, (cg.Legends, cg.ScaleBar))
        for p in g.panels + [s.panel for s in g._drawn_slots]
    )
    ref = cg.ClusterGrid(wide).cluster(missing="pairwise")
    assert list(g.row_order) == list(ref.row_order)
    # without --missing the NaN is a clear one-line error naming the option
    r = _run([str(d / "gaps.csv"), "-o", str(d / "g2.png")], d)
    assert r.returncode == 2 and "missing" in r.stderr
