"""Micro-benchmark for clustergrid._order.distance and clustergrid._order.linkage.

Usage::

    PYTHONPATH=src python benchmarks/bench_linkage.py [--runs 5] [--quick]

Reports (medians of ``--runs`` runs, measured alternately in the same
process, random normal data, fixed seed):

* ``scipy.spatial.distance.pdist`` vs ``condensed_distances``
  at 2,000 x 100 and 10,000 x 100,
* ``scipy.cluster.hierarchy.linkage(X, "average")`` vs our ``linkage`` (the
  default backend, plus backend="scipy" when fastcluster is installed), with
  a check that the leaf orders are identical,
* peak RSS of each linkage path at 10,000 x 100, each in a fresh
  subprocess, in MB and as a multiple of (condensed + data) bytes above the
  interpreter baseline,
* one run of the two-stage ``linkage_large`` at 100,000 x 50 in a
  subprocess (wall time and peak RSS).

The machine may be noisy: compare the ratios, not the absolute times.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

_SRC = Path(__file__).resolve().parents[1] / "src"
if str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

import scipy.cluster.hierarchy as sch  # noqa: E402
from scipy.spatial.distance import pdist  # noqa: E402

from clustergrid._order.distance import condensed_distances  # noqa: E402
from clustergrid._order.linkage import linkage, linkage_large  # noqa: E402

SEED = 12345


def _data(n, m):
    return np.random.default_rng(SEED).standard_normal((n, m))


def _has_fastcluster():
    try:
        import fastcluster  # noqa: F401
    except ImportError:
        return False
    return True


def _median_times(funcs, runs):
    """Run the callables alternately ``runs`` times; median seconds each."""
    times = {name: [] for name in funcs}
    results = {}
    for _ in range(runs):
        for name, f in funcs.items():
            t0 = time.perf_counter()
            res = f()
            times[name].append(time.perf_counter() - t0)
            results[name] = res
            del res
    return {k: statistics.median(v) for k, v in times.items()}, results


def bench_distances(sizes, runs):
    print("\n## pdist vs condensed_distances (euclidean)")
    print(
        f"{'n x m':>12} {'pdist s':>9} {'ours s':>9} {'ratio':>7} "
        f"{'max|diff|':>10} {'max rel':>9}"
    )
    for n, m in sizes:
        X = _data(n, m)
        med, res = _median_times(
            {"pdist": lambda X=X: pdist(X), "ours": lambda X=X: condensed_distances(X)},
            runs,
        )
        diff = np.abs(res["pdist"] - res["ours"])
        rel = diff / np.maximum(res["pdist"], 1e-300)
        print(
            f"{n:>6} x {m:<4} {med['pdist']:9.3f} {med['ours']:9.3f} "
            f"{med['pdist'] / med['ours']:6.2f}x {diff.max():10.2e} "
            f"{rel.max():9.2e}"
        )


def bench_linkage(sizes, runs, method="average"):
    fc = _has_fastcluster()
    print(
        f"\n## scipy.linkage vs ours (method={method}; fastcluster "
        f"{'installed' if fc else 'NOT installed'})"
    )
    hdr = f"{'n x m':>12} {'scipy s':>9} {'ours s':>9} {'ratio':>7}"
    if fc:
        hdr += f" {'ours[scipy] s':>14} {'ratio':>7}"
    print(hdr + "  same leaf order")
    for n, m in sizes:
        X = _data(n, m)
        funcs = {
            "scipy": lambda X=X: sch.linkage(X, method),
            "ours": lambda X=X: linkage(X, method),
        }
        if fc:
            funcs["ours_scipy"] = lambda X=X: linkage(X, method, backend="scipy")
        med, res = _median_times(funcs, runs)
        ref = sch.leaves_list(res["scipy"])
        same = all(np.array_equal(ref, sch.leaves_list(Z)) for Z in res.values())
        line = (
            f"{n:>6} x {m:<4} {med['scipy']:9.3f} {med['ours']:9.3f} "
            f"{med['scipy'] / med['ours']:6.2f}x"
        )
        if fc:
            line += (
                f" {med['ours_scipy']:14.3f} {med['scipy'] / med['ours_scipy']:6.2f}x"
            )
        print(line + f"  {same}")


# --------------------------------------------------------------------------
# subprocess measurements (own peak RSS)
# --------------------------------------------------------------------------


def _child(mode, n, m):
    X = _data(n, m) if mode != "baseline" else None
    t0 = time.perf_counter()
    if mode == "scipy_linkage":
        sch.linkage(X, "average")
    elif mode == "ours_scipy":
        linkage(X, "average", backend="scipy")
    elif mode == "ours_fastcluster":
        linkage(X, "average", backend="fastcluster")
    elif mode == "two_stage":
        Z = linkage_large(X, "average")
        assert sch.is_valid_linkage(Z)
        assert np.all(np.diff(Z[:, 2]) >= 0)
        assert np.array_equal(np.sort(sch.leaves_list(Z)), np.arange(n))
    wall = time.perf_counter() - t0
    print(json.dumps({"mode": mode, "wall": wall, "rss": _peak_rss()}))


def _peak_rss():
    """Peak RSS of this process in bytes.

    VmHWM is reset by execve; ru_maxrss is not (on Linux a child started by
    a big parent reports at least the parent's RSS), so prefer VmHWM.
    """
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _run_child(mode, n, m):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(_SRC)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    )
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(n), str(m)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_memory(n=10_000, m=100):
    print(f"\n## peak RSS, linkage(average) at {n} x {m} (fresh processes)")
    condensed = 8 * n * (n - 1) // 2
    data = 8 * n * m
    base = _run_child("baseline", n, m)["rss"]
    print(
        f"condensed = {condensed / 2**20:.0f} MB, data = "
        f"{data / 2**20:.1f} MB, interpreter baseline = "
        f"{base / 2**20:.0f} MB"
    )
    print(
        f"{'path':>18} {'wall s':>8} {'peak MB':>9} {'above base MB':>14} "
        f"{'x (C+data)':>11}"
    )
    modes = ["scipy_linkage", "ours_scipy"]
    if _has_fastcluster():
        modes.append("ours_fastcluster")
    for mode in modes:
        r = _run_child(mode, n, m)
        above = r["rss"] - base
        print(
            f"{mode:>18} {r['wall']:8.2f} {r['rss'] / 2**20:9.0f} "
            f"{above / 2**20:14.0f} {above / (condensed + data):11.2f}"
        )


def bench_two_stage(n=100_000, m=50):
    print(f"\n## two-stage linkage_large(average) at {n} x {m} (subprocess)")
    r = _run_child("two_stage", n, m)
    print(
        f"wall {r['wall']:.1f} s, peak RSS {r['rss'] / 2**20:.0f} MB "
        f"(a condensed matrix would need "
        f"{8 * n * (n - 1) / 2 / 2**30:.1f} GB)"
    )


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument(
        "--quick",
        action="store_true",
        help="only 2,000 x 100, skip memory/two-stage runs",
    )
    args = ap.parse_args()
    import numpy
    import scipy

    print(
        f"numpy {numpy.__version__}, scipy {scipy.__version__}, "
        f"fastcluster: {_has_fastcluster()}, cpus: {os.cpu_count()}"
    )
    sizes = [(2_000, 100)] if args.quick else [(2_000, 100), (10_000, 100)]
    bench_distances(sizes, args.runs)
    bench_linkage(sizes, args.runs)
    if not args.quick:
        bench_memory()
        bench_two_stage()


if __name__ == "__main__":
    main()
