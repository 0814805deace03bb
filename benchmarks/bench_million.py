"""One million rows on one machine: the whole job, each stage timed.

Usage (from the repository root)::

    PYTHONPATH=src python benchmarks/bench_million.py             # 1,000,000 x 50
    PYTHONPATH=src python benchmarks/bench_million.py --rows 100000

The job: a ``rows x 50`` matrix (planted clusters plus noise, fixed seed)
clustered on rows with the two-stage mode and on columns exactly, with a
row dendrogram, an annotation bar, marks for 20 chosen rows and the scale
bar, saved as a PNG at dpi 100.  It runs in a fresh subprocess (so its peak
memory, ``ru_maxrss`` read with ``os.wait4``, is its own) and prints:

* the wall time of every stage: data, build, the row tree (and its
  two-stage stages: k-means, upper tree, leaf trees, assembly), the column
  tree, layout + drawing + save;
* the total, and the peak resident memory of the whole process (data
  included) and above the start-up baseline.

Targets (issue 19): <= 120 s and <= 6 GB peak on the 2-core test machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_SRC = Path(__file__).resolve().parents[1] / "src"


def _child(n: int, m: int, out: str) -> None:
    import resource

    sys.path.insert(0, str(_SRC))
    import matplotlib

    matplotlib.use("Agg")
    import numpy as np
    import pandas as pd

    import clustergrid as cg
    from clustergrid._order import linkage as _linkage
    from clustergrid._support.progress import Progress

    stages: list[tuple[str, float]] = []
    base_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t_all = time.perf_counter()

    t0 = time.perf_counter()
    rng = np.random.default_rng(2026)
    k = 30
    centres = rng.normal(scale=1.5, size=(k, m))
    lab = rng.integers(0, k, size=n)
    X = centres[lab]
    X += rng.standard_normal((n, m))
    df = pd.DataFrame(
        X,
        index=pd.RangeIndex(n).map("r{}".format),
        columns=[f"s{j}" for j in range(m)],
        copy=False,
    )
    del X
    groups = pd.Series(
        np.where(np.arange(m) % 3 == 0, "case", "control"), index=df.columns
    )
    chosen = [f"r{i}" for i in np.sort(rng.choice(n, 20, replace=False))]
    stages.append(("data", time.perf_counter() - t0))

    # time the tree stages: the row tree reports its two-stage stages
    rep = Progress(enabled=False)  # records the stage times, draws nothing
    orig_large = _linkage.linkage_large
    orig_exact = _linkage.linkage

    def timed_large(*a, **kw):
        kw["progress"] = rep
        t = time.perf_counter()
        Z = orig_large(*a, **kw)
        stages.append(
            (f"two-stage tree ({a[0].shape[0]} items)", time.perf_counter() - t)
        )
        return Z

    def timed_exact(*a, **kw):
        t = time.perf_counter()
        Z = orig_exact(*a, **kw)
        stages.append((f"exact tree ({a[0].shape[0]} items)", time.perf_counter() - t))
        return Z

    _linkage.linkage_large = timed_large
    _linkage.linkage = timed_exact

    t0 = time.perf_counter()
    g = (
        cg.ClusterGrid(df, figsize=(8, 10))
        .cluster(method="average", metric="euclidean", two_stage=True)
        .add(cg.Dendrogram(), "left")
        .add(cg.AnnotationBar(groups, name="group"), "top")
        .add(cg.Marks(chosen), "right")
        .add(cg.ScaleBar(), "right")
    )
    stages.append(("build", time.perf_counter() - t0))
    _linkage.linkage = orig_exact  # only the column tree is timed this way
    t0 = time.perf_counter()
    g.row_linkage  # noqa: B018 - compiles both trees
    stages.append(("both trees", time.perf_counter() - t0))
    stages.extend((f"  {name}", sec) for name, sec in rep.stages)
    png = os.path.join(tempfile.mkdtemp(), "million.png")
    t0 = time.perf_counter()
    g.save(png, dpi=100)
    stages.append(("layout + draw + save", time.perf_counter() - t0))
    total = time.perf_counter() - t_all
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open(out, "w") as fh:
        json.dump(
            {
                "stages": stages,
                "total": total,
                "base_kb": base_kb,
                "peak_kb": peak_kb,
                "png_bytes": os.path.getsize(png),
                "png": png,
            },
            fh,
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--cols", type=int, default=50)
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(int(args.child[0]), int(args.child[1]), args.child[2])
        return
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = fh.name
    print(
        f"# {args.rows} x {args.cols}, {os.cpu_count()} cpus, "
        f"load average {os.getloadavg()[0]:.2f} at the start"
    )
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", str(args.rows), str(args.cols), out]
    )
    _, status, ru = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"the job failed (exit {os.waitstatus_to_exitcode(status)})")
    with open(out) as fh:
        res = json.load(fh)
    os.unlink(out)
    for name, sec in res["stages"]:
        print(f"{name:<34} {sec:8.2f} s")
    print(f"{'total (after imports)':<34} {res['total']:8.2f} s")
    print(
        f"peak RSS {ru.ru_maxrss / 2**20:.2f} GB (above start-up "
        f"{(res['peak_kb'] - res['base_kb']) / 2**20:.2f} GB); PNG {res['png_bytes'] / 1e3:.0f} kB "
        f"at {res['png']}"
    )
    print(f"# load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
