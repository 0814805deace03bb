"""Distance stage vs the plain BLAS product of the same shape.

Usage (from the repository root)::

    PYTHONPATH=src python benchmarks/bench_distance.py [--sizes 10000x100] [--rounds 5]
    PYTHONPATH=src python benchmarks/bench_distance.py --baseline old_distance.py

In one process and in alternating rounds (A B C A B C ...) it times, on the
same random normal matrix ``X`` (n x m, fixed seed):

* ``gram``: the plain BLAS product ``X @ X.T`` (a fresh n x n result, as a
  user would write it);
* ``ours``: ``clustergrid._order.distance.condensed_distances(X)`` (euclidean);
* ``pdist``: ``scipy.spatial.distance.pdist(X)``;
* ``base``: optionally a baseline implementation given with ``--baseline``
  (a copy of an older ``_distance.py``, e.g. ``git show
  HEAD~1:src/clustergrid/_distance.py > /tmp/old.py``).

It prints medians and the medians of the per-round ratios to ``gram``, the
number of threads used, the load average, and checks ``ours`` against pdist.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

_SRC = Path(__file__).resolve().parents[1] / "src"
if str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

from scipy.spatial.distance import pdist  # noqa: E402

from clustergrid._order import distance as _distance  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000x100")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--baseline", help="path to an older _distance.py to compare with")
    ap.add_argument("--no-pdist", action="store_true")
    args = ap.parse_args()
    tools = {"gram": lambda X: X @ X.T, "ours": _distance.condensed_distances}
    if not args.no_pdist:
        tools["pdist"] = pdist
    if args.baseline:
        spec = importlib.util.spec_from_file_location("_old_distance", args.baseline)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        tools["base"] = mod.condensed_distances
    print(
        f"# {os.cpu_count()} cpus, {_distance._n_workers()} distance threads, "
        f"load average {os.getloadavg()[0]:.2f}; {args.rounds} alternating rounds"
    )
    for size in args.sizes.split(","):
        n, m = (int(v) for v in size.split("x"))
        X = np.random.default_rng(12345).standard_normal((n, m))
        times: dict[str, list[float]] = {t: [] for t in tools}
        for _ in range(args.rounds):
            for name, f in tools.items():
                t0 = time.perf_counter()
                res = f(X)
                times[name].append(time.perf_counter() - t0)
                del res
        ref = pdist(X)
        ours = _distance.condensed_distances(X)
        rel = float(np.max(np.abs(ours - ref) / np.maximum(ref, 1e-300)))
        del ref, ours
        print(f"\n{n} x {m}: max relative difference ours vs pdist {rel:.1e}")
        print(
            f"{'tool':>6} {'median s':>9} {'vs gram':>8} {'vs base':>8}   per-round vs gram"
        )
        for name in tools:
            ratios = [a / b for a, b in zip(times[name], times["gram"], strict=True)]
            vs_base = "-"
            if "base" in times and name != "base":
                vs_base = f"{statistics.median(a / b for a, b in zip(times[name], times['base'], strict=True)):.2f}x"
            print(
                f"{name:>6} {statistics.median(times[name]):9.3f} "
                f"{statistics.median(ratios):7.2f}x {vs_base:>8}   "
                + " ".join(f"{r:.2f}" for r in ratios)
            )
    print(f"\n# load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
