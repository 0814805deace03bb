"""Cost of the issue-17 split and reorder options, against a baseline run in
the same process.

Usage (from the repository root)::

    python benchmarks/bench_split.py                # 2000, 10000 rows x 50, 5 runs each
    python benchmarks/bench_split.py --sizes 20000 --runs 3

For each size, on a random normal matrix (fixed seed), it times and prints
the median of ``--runs`` runs of:

* ``linkage``: the row tree alone (``compute_linkage``, the baseline);
* ``reorder``: ``reorder_linkage`` of that tree by the row means;
* ``kmeans``: ``kmeans_labels`` with k=8, repeats=10;
* ``slice order``: ``order_slices`` of 8 slices (means + a tree over them);

and each one's ratio to ``linkage``.  Nothing here draws; drawing costs are
covered by ``bench_e2e.py``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def _median_time(fn, runs: int) -> float:
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def _bench(n: int, runs: int) -> None:
    """Time each step on n rows x 50 and print its median and its ratio to
    ``linkage``."""
    import numpy as np
    import pandas as pd

    from clustergrid._order.cluster import ClusterSpec, compute_linkage
    from clustergrid._order.reorder import reorder_linkage
    from clustergrid._order.split import SplitSpec, kmeans_labels, split_axis

    spec = ClusterSpec()
    rng = np.random.default_rng(12345)
    X = rng.normal(size=(n, 50))
    labels = pd.Index([f"r{i}" for i in range(n)])
    Z = compute_linkage(X, spec, labels, "row")
    w = X.mean(axis=1)
    groups = pd.Series(rng.integers(0, 8, n).astype(str), index=labels)
    index = np.arange(n)
    plain = SplitSpec(groups, cluster_within=False)
    ordered = SplitSpec(groups, cluster_within=False, cluster_slices=True)

    def split(sp):
        return split_axis(
            sp,
            labels=labels,
            values=X,
            index=index,
            linkage=Z,
            cluster=spec,
            what="row",
        )

    base = _median_time(lambda: compute_linkage(X, spec, labels, "row"), runs)
    rows = [
        ("linkage", base),
        ("reorder", _median_time(lambda: reorder_linkage(Z, w), runs)),
        (
            "kmeans",
            _median_time(lambda: kmeans_labels(X, 8, repeats=10, seed=0), runs),
        ),
        ("split", _median_time(lambda: split(plain), runs)),
        ("slice order", _median_time(lambda: split(ordered), runs)),
    ]
    for name, t in rows:
        print(f"{n:>7} {name:>12} {t:>10.4f} {t / base:>10.3f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    print(f"{'rows':>7} {'step':>12} {'median s':>10} {'x linkage':>10}")
    for n in args.sizes:
        _bench(n, args.runs)


if __name__ == "__main__":
    main()
