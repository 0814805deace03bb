"""cg.clustermap vs sns.clustermap: the same call, end to end to a PNG.

Usage (from the repository root; needs the ``bench`` extra for seaborn)::

    PYTHONPATH=src python benchmarks/bench_seaborn_api.py [--sizes 500x40,3000x60] [--rounds 3]

In one process and in alternating rounds (sns, cg, sns, cg, ...) it times, on
the same random normal matrix (fixed seed), with row colours and
``z_score=1``: the call, drawing and writing a PNG to memory (each figure
closed afterwards).  It prints the medians, the median per-round ratio
cg / sns, and checks that both draw the same row order.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

_SRC = Path(__file__).resolve().parents[1] / "src"
if str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402

import clustergrid as cg  # noqa: E402


def _data(n: int, m: int) -> tuple[pd.DataFrame, list]:
    rs = np.random.default_rng(0)
    df = pd.DataFrame(
        rs.normal(size=(n, m)),
        index=[f"r{i}" for i in range(n)],
        columns=[f"c{j}" for j in range(m)],
    )
    colours = [("red", "green", "blue")[i % 3] for i in range(n)]
    return df, colours


def run_sns(df: pd.DataFrame, colours: list) -> list:
    g = sns.clustermap(df, z_score=1, row_colors=colours, figsize=(8, 10))
    g.savefig(io.BytesIO(), format="png", dpi=100)
    order = g.dendrogram_row.reordered_ind
    plt.close(g.figure)
    return order


def run_cg(df: pd.DataFrame, colours: list) -> list:
    g = cg.clustermap(df, z_score=1, row_colors=colours, figsize=(8, 10))
    g.savefig(io.BytesIO(), format="png", dpi=100)
    order = g.dendrogram_row.reordered_ind
    plt.close(g.figure)
    return order


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="500x40,3000x60")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    print(
        f"load average {os.getloadavg()[0]:.2f}, seaborn {sns.__version__}, "
        f"matplotlib {matplotlib.__version__}"
    )
    for size in args.sizes.split(","):
        n, m = (int(x) for x in size.split("x"))
        df, colours = _data(n, m)
        assert run_sns(df, colours) == run_cg(df, colours), "different row orders"
        times: dict[str, list[float]] = {"sns": [], "cg": []}
        for _ in range(args.rounds):
            for name, fn in (("sns", run_sns), ("cg", run_cg)):
                t = time.perf_counter()
                fn(df, colours)
                times[name].append(time.perf_counter() - t)
        ratios = [c / s for c, s in zip(times["cg"], times["sns"], strict=True)]
        print(
            f"{n}x{m}: sns median {statistics.median(times['sns']):.3f} s, "
            f"cg median {statistics.median(times['cg']):.3f} s, "
            f"cg/sns median ratio {statistics.median(ratios):.2f} "
            f"({args.rounds} rounds; same row order)"
        )


if __name__ == "__main__":
    main()
