"""Benchmark of distances with missing values (``.cluster(missing="pairwise")``).

Usage::

    PYTHONPATH=src python benchmarks/bench_pairwise.py [--runs 3] [--n 5000] [--m 100]

Data: ``n x m`` standard normal values (fixed seed) with 10% of the cells
missing at random.  For each metric it reports the median of ``--runs``
runs of :func:`clustergrid._order.pairwise.pairwise_distances` on all ``n`` rows,
and the baseline, ``scipy.spatial.distance.pdist`` with a Python callable
that masks each pair (R's ``dist()`` semantics).  The callable takes ~10 us
a pair, so it is timed on a random subsample of ``--sub`` rows and
extrapolated linearly in the number of pairs (pdist's cost is per pair);
the output says so.  The subsample's distances are also checked against
the callable's (max relative difference).

The machine may be noisy: compare the ratios, not the absolute times.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from scipy.spatial.distance import pdist

_SRC = Path(__file__).resolve().parents[1] / "src"
if str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

from clustergrid._order.pairwise import pairwise_distances  # noqa: E402


def masked(metric: str):
    """The per-pair callable a user would write for pdist."""

    def f(u: np.ndarray, v: np.ndarray) -> float:
        c = ~(np.isnan(u) | np.isnan(v))
        a, b = u[c], v[c]
        if metric == "euclidean":
            return float(np.sqrt(((a - b) ** 2).sum() * len(u) / c.sum()))
        if metric == "cityblock":
            return float(np.abs(a - b).sum() * len(u) / c.sum())
        a, b = a - a.mean(), b - b.mean()  # correlation
        return float(1.0 - (a @ b) / np.sqrt((a @ a) * (b @ b)))

    return f


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--m", type=int, default=100)
    ap.add_argument("--sub", type=int, default=400, help="rows of the pdist subsample")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--metrics", default="euclidean,cityblock,correlation")
    args = ap.parse_args()

    rng = np.random.default_rng(0)
    X = rng.normal(size=(args.n, args.m))
    X[rng.random(X.shape) < 0.10] = np.nan
    labels = list(range(args.n))
    sub = np.sort(rng.choice(args.n, size=min(args.sub, args.n), replace=False))
    pairs_all = args.n * (args.n - 1) / 2
    pairs_sub = len(sub) * (len(sub) - 1) / 2
    print(
        f"data: {args.n} x {args.m}, {np.isnan(X).mean():.1%} missing; medians of {args.runs} runs"
    )
    ok = True
    for metric in args.metrics.split(","):
        ours = []
        for _ in range(args.runs):
            t = time.perf_counter()
            pairwise_distances(X, metric, labels, "row")
            ours.append(time.perf_counter() - t)
        t_ours = statistics.median(ours)
        f = masked(metric)
        base = []
        for _ in range(max(1, args.runs // 2)):
            t = time.perf_counter()
            ref = pdist(X[sub], f)
            base.append(time.perf_counter() - t)
        t_sub = statistics.median(base)
        t_base = t_sub * pairs_all / pairs_sub
        y_sub = pairwise_distances(X[sub], metric, labels[: len(sub)], "row")
        err = float(np.max(np.abs(y_sub - ref) / np.maximum(np.abs(ref), 1e-300)))
        ratio = t_base / t_ours
        ok &= ratio >= 20
        print(
            f"{metric:12s} pairwise_distances {t_ours:8.3f} s | pdist+masked callable "
            f"{t_sub:7.3f} s on {len(sub)} rows -> {t_base:8.1f} s extrapolated to "
            f"{args.n} rows ({pairs_all / pairs_sub:.0f}x the pairs) | speed-up {ratio:6.1f}x "
            f"| max rel diff on the subsample {err:.1e}"
        )
    print("target >= 20x:", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
